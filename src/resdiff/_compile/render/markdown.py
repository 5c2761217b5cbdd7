"""The compilation as Markdown, for review tools: summary tables, the proposed changes, the merged draft.

Marks are ``<ins>…</ins>`` and ``<del>…</del>`` (GitHub and GitLab render them);
statuses and ops are code spans. Markdown-significant ASCII characters in the
input are backslash-escaped (``\\ ` * _ ~ [ ] < > & | #``), a paragraph's first
characters are escaped where they would start a list, heading, quote or
break, and a line break inside a block becomes a space. A conflict's
alternatives are written in bold, their brackets escaped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from resdiff._compile.model import BASE_NAME, MergeOp, ProvisionStatus
from resdiff._compile.render.common import anchor_id, stance_groups, title
from resdiff._model import ChangeOp
from resdiff._render._common import HTML_CONTROL, tag_marks

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resdiff._compile.model import Alternative, Compilation, Piece, Provision
    from resdiff._model import Segment
    from resdiff._render import RenderOptions

__all__ = ["escape", "render"]

_SPECIAL = re.compile(r"([\\`*_~\[\]<>&|#])")
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    r"""Backslash-escape the characters that could start Markdown syntax; line breaks become spaces.

    >>> escape("a *b* [c]")
    'a \\*b\\* \\[c\\]'
    """
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", HTML_CONTROL.sub("\ufffd", text))


def _line_start(text: str) -> str:
    stripped = text.lstrip(" \t")
    lead = text[: len(text) - len(stripped)]
    m = _LINE_START.match(stripped)
    if m:
        stripped = "\\" + stripped if m.group(1) else m.group(2) + "\\" + stripped[len(m.group(2)) :]
    return "".join(f"&#{ord(c)};" for c in lead) + stripped


def _marked(segments: Sequence[Segment]) -> str:
    return tag_marks(segments, escape)


def _alternative(alt: Alternative) -> str:
    names = ", ".join(((BASE_NAME,) if alt.op is ChangeOp.NOC else ()) + alt.by)
    moved = " (moved)" if alt.op is ChangeOp.MOVE else ""
    body = "SUP" if alt.op is ChangeOp.SUP else escape(alt.text)
    return f"**\\[{escape(names)}{moved}:** {body}**\\]**"


def _pieces(pieces: Sequence[Piece]) -> str:
    out = []
    for piece in pieces:
        if not piece.text and piece.op is not MergeOp.CONFLICT:
            continue
        if piece.op is MergeOp.DELETE:
            out.append(f"<del>{escape(piece.text)}</del>")
        elif piece.op is MergeOp.INSERT:
            out.append(f"<ins>{escape(piece.text)}</ins>")
        elif piece.op is MergeOp.CONFLICT:
            out.append(" ".join(_alternative(a) for a in piece.alternatives))
        else:
            out.append(escape(piece.text))
    return "".join(out)


def _row(compilation: Compilation, provision: Provision) -> list[str]:
    if provision.base is not None:
        where = f"`{compilation.base.blocks[provision.base].id}`"
    else:
        anchor = anchor_id(compilation, provision.after)
        where = f"added after `{anchor}`" if anchor else "added at the start"
    lines = [f"### `{provision.status.value}` {where}"]
    for by, stance in stance_groups(provision, compilation.names):
        note = ""
        if stance.op is ChangeOp.MOVE:
            anchor = anchor_id(compilation, -1 if stance.after is None else stance.after)
            note = f" (moved after `{anchor}`)" if anchor else " (moved to the start)"
        lines.append(f"- **{escape(', '.join(by))}** `{stance.op.value}` {_marked(stance.change.segments)}{note}")
    if provision.status in (ProvisionStatus.COMPATIBLE, ProvisionStatus.CONFLICT):
        lines.append(f"- merged: {_pieces(provision.merged)}")
    return ["\n".join(lines)]


def render(compilation: Compilation, options: RenderOptions) -> str:
    """The compilation as Markdown (CommonMark with GitHub tables)."""
    counts = compilation.counts()
    per = compilation.proposal_counts()
    statuses = [s.value for s in ProvisionStatus if s is not ProvisionStatus.UNCHANGED]
    blocks = [
        f"# Compilation: {escape(title(compilation))}",
        f"BASE: {escape(compilation.base.source or BASE_NAME)} · {len(compilation.provisions)} provisions",
        "| " + " | ".join(counts) + " |\n|" + "---|" * len(counts)
        + "\n| " + " | ".join(map(str, counts.values())) + " |",
    ]  # fmt: skip
    table = [
        "| proposal | ID | symbol | " + " | ".join(statuses) + " | base check |",
        "|---" * (len(statuses) + 4) + "|",
    ]
    for entry in compilation.proposals:
        check = {None: "—", True: "built on BASE"}.get(entry.base_matches, f"differs in {len(entry.base_mismatches)}")
        cells = " | ".join(str(per[entry.name][s]) for s in statuses)
        symbol = entry.comparison.symbol.value
        table.append(f"| **{escape(entry.name)}** | {escape(entry.proposal_id)} | `{symbol}` | {cells} | {check} |")
    blocks.append("\n".join(table))
    for entry in compilation.proposals:
        if entry.base_mismatches:
            ids = ", ".join(
                f"`{compilation.base.blocks[c.old].id}`" if c.old is not None else f"`{c.op.value}`"
                for c in entry.base_mismatches
            )
            blocks.append(f"> **{escape(entry.name)}** was not built on BASE; these provisions differ: {ids}")
    blocks += [f"> {escape(w)}" for w in compilation.warnings]
    blocks.append("## Provisions")
    changed = [p for p in compilation.provisions if p.status is not ProvisionStatus.UNCHANGED]
    for provision in changed:
        blocks += _row(compilation, provision)
    if not changed:
        blocks.append("No proposal changes anything.")
    blocks.append("## Merged draft")
    for k in compilation.draft:
        text = _pieces(compilation.provisions[k].merged)
        if text:
            blocks.append(_line_start(text))
    return "\n\n".join(blocks) + "\n"
