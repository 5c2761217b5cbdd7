"""HTML output of a cross-check: one self-contained page, the two languages side by side.

Each row of the table holds the changes of the two languages that were paired
with each other, marked as a drafter marks them (``<ins>`` underlined,
``<del>`` struck through, the clause's symbol in front). A row with a finding
is highlighted (a coloured rule and background, and the finding's kind
written out beneath it, so it does not rest on colour alone) and listed at the
top with a link to it. No JavaScript, no external fetches; every piece of
input text is escaped. Same cross-check, same bytes.

>>> import resdiff
>>> zh = resdiff.compare("做出决议\\n1\\t于2024年举行；", "做出决议\\n1\\t于2026年举行；")
>>> en = resdiff.compare("resolves\\n1\\tto meet in 2024;", "resolves\\n1\\tto meet in 2025;")
>>> page = render(resdiff.crosscheck(zh, en))
>>> '<a href="#row-2">' in page and 'id="row-2"' in page and "<ins>2025</ins>" in page
True
"""

from __future__ import annotations

from html import escape as _escape

from resdiff._crosscheck.model import CrossCheck
from resdiff._model import ChangeOp, ClauseChange, Comparison, Lang
from resdiff._render._common import HTML_CONTROL, tag_marks

__all__ = ["CSS", "render"]

# C0/C1 controls other than TAB and LF are not allowed in HTML text; shown as U+FFFD.

CJK_FONTS = '"Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimSun", "Microsoft YaHei", sans-serif'

CSS = (
    """
:root { --ins: #0645ad; --del: #b00020; --sym: #444; --rule: #ccc;
  --op: #c05800; --structure: #7b1fa2; --number: #b00020; --heading: #00695c; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
:lang(zh) { font-family: """
    + CJK_FONTS
    + """; }
body { max-width: 90em; margin: 1.5em auto; padding: 0 1.5em; line-height: 1.5; color: #111; background: #fff; }
header h1 { font-size: 1.25em; margin: 0.3em 0 0.6em; }
.verdict { font-weight: bold; margin: 0.3em 0; }
table.counts { border-collapse: collapse; margin: 0.5em 0; }
table.counts th, table.counts td { border: 1px solid var(--rule); padding: 0.15em 0.7em; text-align: center; }
.legend, .summary { font-size: 0.9em; color: #333; margin: 0.3em 0; }
nav.findings { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); margin: 1em 0; }
nav.findings { font-size: 0.92em; }
nav.findings h2 { font-size: 1em; margin: 0.5em 0; }
nav.findings ol { margin: 0.3em 0 0.6em; padding-left: 2.5em; max-height: 16em; overflow-y: auto; }
nav.findings a { color: inherit; }
.kind { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; font-weight: bold; }
.kind-op-mismatch .kind, .kind.op-mismatch { color: var(--op); }
.kind-structure-mismatch .kind, .kind.structure-mismatch { color: var(--structure); }
.kind-number-mismatch .kind, .kind.number-mismatch { color: var(--number); }
.kind-heading-mismatch .kind, .kind.heading-mismatch { color: var(--heading); }
ins { text-decoration: underline; text-decoration-thickness: 0.09em; text-underline-offset: 0.15em; }
ins { color: var(--ins); background: #eef3ff; }
del { text-decoration: line-through; text-decoration-thickness: 0.09em; color: var(--del); background: #fff0f0; }
.sym { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; font-weight: bold; color: var(--sym); }
table.xc { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.xc th { text-align: left; border-bottom: 2px solid var(--rule); padding: 0.2em 0.5em; }
table.xc td { vertical-align: top; border-bottom: 1px solid #eee; padding: 0.15em 0.5em; }
table.xc td.a { border-right: 1px solid var(--rule); }
.clause { display: grid; grid-template-columns: 3.8em minmax(0, 1fr); column-gap: 0.5em; }
.clause > .sym { padding-top: 0.3em; text-align: right; }
.clause p { margin: 0.25em 0; white-space: pre-wrap; tab-size: 4; }
.nothing { color: #888; font-style: italic; }
tr.finding td { background: #fff8e6; }
tr.finding td.a { box-shadow: inset 4px 0 0 var(--op); }
tr.kind-structure-mismatch td.a { box-shadow: inset 4px 0 0 var(--structure); }
tr.kind-number-mismatch td.a { box-shadow: inset 4px 0 0 var(--number); }
tr.kind-heading-mismatch td.a { box-shadow: inset 4px 0 0 var(--heading); }
tr.note td { background: #fff8e6; font-size: 0.9em; padding: 0.2em 0.5em 0.5em 1em; }
tr.note td { border-bottom: 1px solid var(--rule); }
tr:target td { background: #fff0b3; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #000; }
  nav.findings { display: none; }
  ins { color: #000; background: none; }
  del { color: #000; background: none; }
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
<p class="verdict">{verdict}</p>
{counts}
<p class="summary">{summary}</p>
<p class="legend">Legend: <ins>inserted text</ins> (underlined) · <del>deleted text</del> (struck through) · \
<span class="sym">MOD</span> modified · <span class="sym">(MOD)</span> editorial only · \
<span class="sym">ADD</span> added · <span class="sym">SUP</span> suppressed · <span class="sym">MOVE</span> moved · \
no symbol: unchanged. Rows with a finding are shaded and named below the row.</p>
</header>
{nav}
<main>
<table class="xc">
<colgroup><col class="a"><col class="b"></colgroup>
<thead><tr><th class="a" lang="{lang_a}">{name_a}</th><th class="b" lang="{lang_b}">{name_b}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


def _esc(text: str) -> str:
    """Escape for HTML text and attribute values; controls become U+FFFD, CR/CRLF become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _escape(HTML_CONTROL.sub("\ufffd", text), quote=True)


def _symbol(change: ClauseChange) -> str:
    if change.op is ChangeOp.NOC:
        return ""
    return "(MOD)" if change.op is ChangeOp.MOD and change.editorial else change.op.value


def _marked(cmp: Comparison, change: ClauseChange) -> str:
    """The clause as one marked text: equal runs plain, deleted in <del>, inserted in <ins>."""
    segments = change.segments
    if not segments:  # rebuild from the blocks (a comparison made by hand may carry none)
        old = cmp.old.blocks[change.old].text if change.old is not None else ""
        new = cmp.new.blocks[change.new].text if change.new is not None else ""
        if old == new:
            return _esc(new)
        return (f"<del>{_esc(old)}</del>" if old else "") + (f"<ins>{_esc(new)}</ins>" if new else "")
    return tag_marks(segments, _esc)


def _cell(cmp: Comparison, indices: tuple[int, ...], side: str, lang: Lang) -> str:
    rtl = ' dir="rtl"' if lang is Lang.AR else ""
    if not indices:
        return f'<td class="{side}" lang="{_esc(lang.value)}"{rtl}><p class="nothing">(nothing)</p></td>'
    parts = []
    for i in indices:
        change = cmp.changes[i]
        sym = _symbol(change)
        parts.append(
            f'<div class="clause op-{change.op.value.lower()}"><span class="sym">{_esc(sym)}</span>'
            f"<p>{_marked(cmp, change)}</p></div>"
        )
    return f'<td class="{side}" lang="{_esc(lang.value)}"{rtl}>{"".join(parts)}</td>'


def _title(check: CrossCheck) -> str:
    heads = []
    for cmp in (check.a, check.b):
        doc = cmp.new if cmp.new.blocks else cmp.old
        if doc.heading is not None and 0 <= doc.heading.block < len(doc.blocks):
            heads.append(doc.blocks[doc.heading.block].text.strip())
    heads = [h for h in heads if h]
    name_a, name_b = check.names
    what = " | ".join(dict.fromkeys(heads)) if heads else "two language versions"
    return f"Cross-check {name_a} / {name_b}: {what}"


def render(check: CrossCheck) -> str:
    """The cross-check as a self-contained HTML page (a str; write it as UTF-8)."""
    name_a, name_b = check.names
    counts = check.counts()
    head = "".join(f'<th class="kind {k}">{_esc(k)}</th>' for k in counts)
    cells = "".join(f'<td data-kind="{_esc(k)}">{n}</td>' for k, n in counts.items())
    count_table = f'<table class="counts"><tr>{head}</tr><tr>{cells}</tr></table>'
    n = len(check.findings)
    verdict = (
        f"{n} finding{'s' if n != 1 else ''}"
        if n
        else f"No findings: {name_a} and {name_b} change the same provisions the same way."
    )
    summary = f"{check.pairs} provisions paired one to one, {len(check.unpaired)} without a counterpart."
    rows = []
    anchors: dict[int, str] = {}
    for k, row in enumerate(check.rows, 1):
        anchor = f"row-{k}"
        cls = "row"
        note = ""
        if row.finding is not None:
            finding = check.findings[row.finding]
            anchors[row.finding] = anchor
            cls += f" finding kind-{finding.kind.value}"
            note = (
                f'<tr class="note kind-{finding.kind.value}"><td colspan="2">'
                f'<span class="kind">{_esc(finding.kind.value)}</span> {_esc(finding.detail)}</td></tr>'
            )
        rows.append(
            f'<tr id="{anchor}" class="{cls}">'
            f"{_cell(check.a, row.a, 'a', check.lang_a)}{_cell(check.b, row.b, 'b', check.lang_b)}</tr>{note}"
        )
    if not rows:
        rows.append('<tr><td colspan="2"><p class="nothing">Both comparisons are empty.</p></td></tr>')
    if check.findings:
        items = [
            f'<li class="kind-{f.kind.value}"><a href="#{anchors[i]}"><span class="kind">{_esc(f.kind.value)}</span> '
            f"{_esc(f.a.id or '-')} | {_esc(f.b.id or '-')}: {_esc(f.detail)}</a></li>"
            for i, f in enumerate(check.findings)
        ]
        nav = f'<nav class="findings"><h2>Findings ({n})</h2><ol>\n' + "\n".join(items) + "\n</ol></nav>"
    else:
        nav = '<nav class="findings"><h2>Findings</h2><p class="nothing">None.</p></nav>'
    title = _title(check)
    return _PAGE.format(
        lang=_esc(check.lang_a.value),
        title=_esc(title),
        css=CSS,
        verdict=_esc(verdict),
        counts=count_table,
        summary=_esc(summary),
        nav=nav,
        lang_a=_esc(check.lang_a.value),
        lang_b=_esc(check.lang_b.value),
        name_a=_esc(name_a),
        name_b=_esc(name_b),
        rows="\n".join(rows),
    )
