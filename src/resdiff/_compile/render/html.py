"""The compilation as one self-contained HTML page: summary, compilation table, merged draft.

* **Summary**: provisions per status, a table of the proposals (ID, symbol,
  source, what each changes per status, the base check) and the base-check
  findings, each linking to its row.
* **Compilation table**: one row per provision, in table order (BASE order,
  additions after their anchor); columns: status, provision, BASE, then one
  per proposal. A cell holds the proposal's marked text (``<ins>``/``<del>``)
  for that provision, or ``NOC`` / ``SUP``. Rows are coloured by status and
  carry the status as text too (never colour alone), and an id
  (``row-<provision id>``).
* **Merged draft**: one paragraph per provision in the draft's order; applied
  changes marked and coloured per proposal (like Word's authors; the first
  proposer's colour when several agree), the names in a ``title``; conflicts
  as the bracketed alternatives, boxed.

No JavaScript, no external fetches; every piece of input text is escaped.
The same compilation gives the same bytes.
"""

from __future__ import annotations

import re
from html import escape as _html_escape
from typing import TYPE_CHECKING

from resdiff._compile.model import BASE_NAME, MergeOp, ProvisionStatus
from resdiff._compile.render.common import anchor_id, row_ids, title
from resdiff._model import ChangeOp
from resdiff._render._common import HTML_CONTROL, tag_marks

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resdiff._compile.model import Alternative, Compilation, Piece, Provision, Stance
    from resdiff._model import Segment
    from resdiff._render import RenderOptions

__all__ = ["CSS", "PROPOSAL_COLOURS", "render"]

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")

# Colours for the proposals' marks in the merged draft, in compilation order (cycled beyond six:
# a conference has six regional groups). Dark enough on their tints for WCAG AA body text.
PROPOSAL_COLOURS = ("#0645ad", "#8a2be2", "#a0522d", "#006d6d", "#b5006b", "#4d6b00")

_STATUS_TINT = {
    ProvisionStatus.UNCHANGED: "#ffffff",
    ProvisionStatus.SINGLE: "#eef4ff",
    ProvisionStatus.AGREED: "#e9f7ec",
    ProvisionStatus.COMPATIBLE: "#fff8e1",
    ProvisionStatus.CONFLICT: "#fde8e8",
}

CSS = (
    """
:root { --rule: #ccc; --del: #b00020; --ins: #0645ad; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimSun", sans-serif; }
body { margin: 1.5em auto; padding: 0 1.5em; max-width: 110em; line-height: 1.5; color: #111; background: #fff; }
h1 { font-size: 1.3em; margin: 0.3em 0 0.6em; }
h2 { font-size: 1.1em; margin: 1.2em 0 0.5em; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; }
table.counts th, table.counts td, table.proposals th, table.proposals td {
  border: 1px solid var(--rule); padding: 0.15em 0.6em; text-align: center; }
table.proposals td.name { font-weight: bold; text-align: left; }
table.compilation { width: 100%; table-layout: fixed; font-size: 0.92em; }
table.compilation th, table.compilation td { border: 1px solid var(--rule); padding: 0.2em 0.4em; vertical-align: top; }
table.compilation td { white-space: pre-wrap; overflow-wrap: anywhere; }
table.compilation col.status { width: 7.5em; }
table.compilation col.pid { width: 10em; }
table.compilation td.status, .sym { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; font-weight: bold; }
table.compilation td.pid { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; white-space: normal; }
table.compilation tr:target td { outline: 2px solid #e0a800; }
.noc { color: #777; font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
.after { display: block; color: #555; font-size: 0.85em; font-style: italic; }
ins { text-decoration: underline; text-decoration-thickness: 0.09em; color: var(--ins); }
del { text-decoration: line-through; text-decoration-thickness: 0.09em; color: var(--del); }
.legend, .warnings, .base-check { font-size: 0.9em; }
.warnings { color: #7a4d00; }
.base-check li { margin: 0.1em 0; }
section.merged p { margin: 0.25em 0; white-space: pre-wrap; padding: 0 0.3em; }
.conflict { border: 1px dashed #b00020; background: #fff3f3; padding: 0 0.15em; }
.alt { font-weight: normal; }
.alt .src { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; font-weight: bold; color: #7a0014; }
"""
    + "".join(f"tr.status-{s.value.lower()} td {{ background: {tint}; }}\n" for s, tint in _STATUS_TINT.items())
    + "".join(
        f"section.merged ins.p-{k}, section.merged del.p-{k} {{ color: {c}; }}\n"
        for k, c in enumerate(PROPOSAL_COLOURS)
    )
    + """
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  ins, del, section.merged ins, section.merged del { color: #000; }
  tr { break-inside: avoid; }
}
"""
)

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="resdiff">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="base">BASE: {base}</p>
</header>
<section class="summary" id="summary">
<h2>Summary</h2>
{counts}
{proposals}
{base_check}
{warnings}
{legend}
</section>
<main>
<h2>Compilation table</h2>
{table}
</main>
<section class="merged" id="merged" lang="{lang}">
<h2>Merged draft</h2>
{merged}
</section>
</body>
</html>
"""

_LEGEND = (
    '<p class="legend">Statuses: <span class="sym">UNCHANGED</span> every proposal keeps it · '
    '<span class="sym">SINGLE</span> one proposal changes or adds it · '
    '<span class="sym">AGREED</span> several make the same change · '
    '<span class="sym">COMPATIBLE</span> several change parts that do not overlap, all applied · '
    '<span class="sym">CONFLICT</span> changes that overlap and differ, shown as '
    '<span class="conflict">[ECP: …] [APT: …]</span> in the merged draft. '
    "Marks: <ins>inserted</ins> (underlined), <del>deleted</del> (struck through).</p>"
)


def _esc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _html_escape(HTML_CONTROL.sub("\ufffd", text), quote=True)


def _id(text: str) -> str:
    return "row-" + _ID_UNSAFE.sub("_", text)


def _marked(segments: Sequence[Segment]) -> str:
    return tag_marks(segments, _esc)


def _cell(compilation: Compilation, stance: Stance | None) -> str:
    if stance is None:
        return '<td class="cell none"></td>'
    op = stance.op
    if op is ChangeOp.NOC:
        return '<td class="cell op-noc"><span class="noc">NOC</span></td>'
    if op is ChangeOp.SUP:
        return f'<td class="cell op-sup"><span class="sym">SUP</span> {_marked(stance.change.segments)}</td>'
    body = _marked(stance.change.segments)
    if op is ChangeOp.MOVE:
        where = anchor_id(compilation, -1 if stance.after is None else stance.after)
        target = f'<a href="#{_id(where)}">{_esc(where)}</a>' if where else "the start"
        after = f'<span class="after">moved after {target}</span>'
        return f'<td class="cell op-move"><span class="sym">MOVE</span> {body}{after}</td>'
    sym = "(MOD)" if op is ChangeOp.MOD and stance.change.editorial else op.value
    return f'<td class="cell op-{op.value.lower()}"><span class="sym">{_esc(sym)}</span> {body}</td>'


def _row(compilation: Compilation, provision: Provision, row_id: str) -> str:
    status = provision.status
    if provision.base is not None:
        base_cell = f'<td class="base">{_esc(compilation.base.blocks[provision.base].text)}</td>'
        label = _esc(row_id)
    else:
        base_cell = '<td class="base none"></td>'
        where = anchor_id(compilation, provision.after)
        label = "added after " + (f'<a href="#{_id(where)}">{_esc(where)}</a>' if where else "the start")
    cells = "".join(_cell(compilation, s) for s in provision.stances)
    return (
        f'<tr id="{_id(row_id)}" class="status-{status.value.lower()}">'
        f'<td class="status">{status.value}</td><td class="pid">{label}</td>{base_cell}{cells}</tr>'
    )


def _table(compilation: Compilation, ids: Sequence[str]) -> str:
    names = compilation.names
    cols = '<col class="status"><col class="pid"><col class="base">' + '<col class="proposal">' * len(names)
    head = "<th>status</th><th>provision</th><th>BASE</th>" + "".join(f"<th>{_esc(n)}</th>" for n in names)
    rows = "\n".join(_row(compilation, p, ids[k]) for k, p in enumerate(compilation.provisions))
    return (
        f'<table class="compilation"><colgroup>{cols}</colgroup>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
    )


def _counts(compilation: Compilation) -> str:
    counts = compilation.counts()
    head = "".join(f"<th>{s}</th>" for s in counts)
    body = "".join(f"<td>{n}</td>" for n in counts.values())
    total = len(compilation.provisions)
    return f'<table class="counts"><tr><th>provisions</th>{head}</tr><tr><td>{total}</td>{body}</tr></table>'


def _proposals(compilation: Compilation) -> str:
    per = compilation.proposal_counts()
    statuses = [s.value for s in ProvisionStatus if s is not ProvisionStatus.UNCHANGED]
    head = "<th>proposal</th><th>ID</th><th>symbol</th><th>source</th>" + "".join(f"<th>{s}</th>" for s in statuses)
    rows = []
    for k, entry in enumerate(compilation.proposals):
        if entry.base_matches is None:
            check = "—"
        elif entry.base_matches:
            check = "built on BASE"
        else:
            check = f"differs from BASE in {len(entry.base_mismatches)}"
        colour = PROPOSAL_COLOURS[k % len(PROPOSAL_COLOURS)]
        cells = "".join(f"<td>{per[entry.name][s]}</td>" for s in statuses)
        rows.append(
            f'<tr><td class="name" style="color: {colour}">{_esc(entry.name)}</td><td>{_esc(entry.proposal_id)}</td>'
            f"<td>{_esc(entry.comparison.symbol.value)}</td><td>{_esc(entry.document.source)}</td>{cells}"
            f"<td>{check}</td></tr>"
        )
    return (
        f'<table class="proposals"><thead><tr>{head}<th>base check</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _base_check(compilation: Compilation) -> str:
    out = []
    for entry in compilation.proposals:
        if not entry.base_mismatches:
            continue
        items = []
        for change in entry.base_mismatches:
            if change.old is None:
                items.append(f"<li>{_esc(change.op.value)}: a provision BASE does not have</li>")
                continue
            bid = compilation.base.blocks[change.old].id
            items.append(f'<li>{_esc(change.op.value)} <a href="#{_id(bid)}">{_esc(bid)}</a></li>')
        out.append(
            f'<div class="base-check"><p><b>{_esc(entry.name)}</b> was not built on BASE: '
            f"{len(entry.base_mismatches)} provisions of the text it changes differ from BASE. "
            f"It is compiled against BASE all the same.</p><ul>{''.join(items)}</ul></div>"
        )
    return "\n".join(out)


def _alternative(alt: Alternative) -> str:
    names = ", ".join(((BASE_NAME,) if alt.op is ChangeOp.NOC else ()) + alt.by)
    body = "SUP" if alt.op is ChangeOp.SUP else _esc(alt.text)
    moved = " (moved)" if alt.op is ChangeOp.MOVE else ""
    return f'<span class="alt"><span class="src">[{_esc(names)}{moved}:</span> {body}<span class="src">]</span></span>'


def _piece(piece: Piece, colour_of: dict[str, int]) -> str:
    if piece.op is MergeOp.EQUAL:
        return _esc(piece.text)
    if piece.op is MergeOp.CONFLICT:
        return '<span class="conflict">' + " ".join(_alternative(a) for a in piece.alternatives) + "</span>"
    tag = "ins" if piece.op is MergeOp.INSERT else "del"
    k = colour_of.get(piece.by[0], 0) % len(PROPOSAL_COLOURS) if piece.by else 0
    return f'<{tag} class="p-{k}" title="{_esc(", ".join(piece.by))}">{_esc(piece.text)}</{tag}>'


def _merged(compilation: Compilation, ids: Sequence[str]) -> str:
    colour_of = {name: k for k, name in enumerate(compilation.names)}
    lines = []
    for k in compilation.draft:
        provision = compilation.provisions[k]
        body = "".join(_piece(p, colour_of) for p in provision.merged)
        lines.append(f'<p class="line status-{provision.status.value.lower()}" data-row="{_esc(ids[k])}">{body}</p>')
    return "\n".join(lines)


def render(compilation: Compilation, options: RenderOptions) -> str:
    """The compilation as an HTML page (a str)."""
    ids = row_ids(compilation)
    page_title = options.title or f"Compilation: {title(compilation)}"
    warnings = "".join(f'<p class="warnings">{_esc(w)}</p>' for w in compilation.warnings)
    return _PAGE.format(
        lang=_esc(compilation.base.lang.value),
        title=_esc(page_title),
        css=CSS,
        base=_esc(compilation.base.source or BASE_NAME),
        counts=_counts(compilation),
        proposals=_proposals(compilation),
        base_check=_base_check(compilation),
        warnings=warnings,
        legend=_LEGEND,
        table=_table(compilation, ids),
        merged=_merged(compilation, ids),
    )
