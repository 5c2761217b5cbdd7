"""The compilation for people on a terminal, as ``diff`` shows a comparison: only what is proposed.

A header names BASE and the proposals (ID, symbol, what each changes, the
base check) and counts the provisions per status. Then one block per
provision that some proposal changes or adds, in table order::

    CONFLICT    sec_3__item_e
      ECP, RCC  MOD   e)	the need to continue to provide [-sufficient-]{+at least one year of+} …
      APT       MOD   e)	the need to continue to provide [-sufficient-]{+adequate+} …
      merged          e)	the need to continue to provide [ECP, RCC: at least one year of] [APT: adequate] …

Proposals with the same stance share a line; the merged line is shown where
it is not simply one proposal's text (COMPATIBLE and CONFLICT). Input text
cannot drive the terminal (escape sequences removed, controls shown as U+FFFD).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resdiff._compile.model import ProvisionStatus
from resdiff._compile.render.common import (
    anchor_id,
    neutralize,
    piece_marks,
    segment_marks,
    stance_groups,
    title,
)
from resdiff._model import ChangeOp

if TYPE_CHECKING:
    from resdiff._compile.model import Compilation, Contribution, Provision
    from resdiff._render import RenderOptions

__all__ = ["STATUS_WIDTH", "render"]

STATUS_WIDTH = 12  # columns for the status: the longest, "COMPATIBLE", plus two spaces
_OP_WIDTH = 6  # columns for a stance's op: "MOVE" plus two spaces


def _proposal_line(entry: Contribution, changes: int) -> str:
    parts = [entry.name]
    if entry.proposal_id:
        parts.append(entry.proposal_id)
    parts.append(entry.comparison.symbol.value)
    parts.append(f"{changes} provision{'s' if changes != 1 else ''} changed or added")
    if entry.document.source and entry.document.source != entry.name:
        parts.append(entry.document.source)
    if entry.base_matches is True:
        parts.append("built on BASE")
    elif entry.base_matches is False:
        parts.append(f"NOT built on BASE: {len(entry.base_mismatches)} provisions differ")
    return "  " + " · ".join(neutralize(p) for p in parts)


def _row_head(compilation: Compilation, provision: Provision) -> str:
    if provision.base is not None:
        where = compilation.base.blocks[provision.base].id
    else:
        where = f"+ after {anchor_id(compilation, provision.after) or 'the start'}"
    return provision.status.value.ljust(STATUS_WIDTH) + where


def _row(compilation: Compilation, provision: Provision) -> list[str]:
    names = compilation.names
    groups = stance_groups(provision, names)
    width = max([len(", ".join(by)) for by, _ in groups] + [len("merged")]) + 2
    lines = [_row_head(compilation, provision)]
    for by, stance in groups:
        marked = segment_marks(stance.change.segments)
        if stance.op is ChangeOp.MOVE:
            where = anchor_id(compilation, -1 if stance.after is None else stance.after)
            marked += f"  (moved after {where or 'the start'})"
        lines.append("  " + ", ".join(by).ljust(width) + stance.op.value.ljust(_OP_WIDTH) + neutralize(marked))
    if provision.status in (ProvisionStatus.COMPATIBLE, ProvisionStatus.CONFLICT):
        lines.append("  " + "merged".ljust(width) + " " * _OP_WIDTH + neutralize(piece_marks(provision.merged)))
    return lines


def render(compilation: Compilation, options: RenderOptions) -> str:
    """The compilation as terminal lines (a str ending in a newline)."""
    counts = compilation.counts()
    per = compilation.proposal_counts()
    head = f"compile: {neutralize(title(compilation))}".rstrip()
    source = compilation.base.source
    lines = [head, f"BASE {neutralize(source)}" if source and source != "BASE" else "BASE", "proposals:"]
    for entry in compilation.proposals:
        lines.append(_proposal_line(entry, sum(per[entry.name].values())))
    lines.append(
        f"provisions {len(compilation.provisions)}: " + " · ".join(f"{status} {n}" for status, n in counts.items())
    )
    for entry in compilation.proposals:
        if entry.base_mismatches and entry.base_check is not None:
            theirs = entry.base_check.new.blocks
            ids = [
                f"{c.op.value} {compilation.base.blocks[c.old].id}" if c.old is not None
                else f"{c.op.value} {theirs[c.new].id if c.new is not None else '?'} (theirs)"
                for c in entry.base_mismatches
            ]  # fmt: skip
            lines.append(f"base check: {neutralize(entry.name)} differs from BASE: {', '.join(ids)}")
    lines += [f"warning: {neutralize(w)}" for w in compilation.warnings]
    for provision in compilation.provisions:
        if provision.status is ProvisionStatus.UNCHANGED:
            continue
        lines.append("")
        lines += _row(compilation, provision)
    return "\n".join(lines) + "\n"
