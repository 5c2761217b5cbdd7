"""HTML renderer: one self-contained page, marked the way an ITU drafter marks text.

Inserted words are ``<ins>`` (underlined), deleted words ``<del>`` (struck
through) -- never colour alone, so marks survive a black-and-white print. Each
changed clause carries its ITU symbol in the margin (``MOD``, ``(MOD)`` for an
editorial change, ``ADD``, ``SUP``, ``MOVE``) and an anchor: the new block id,
or ``old-<id>`` for a suppressed clause. The page has the document symbol and
proposal ID on top, counts, a legend and a list of changed clauses linking to
them; ``RenderOptions.side_by_side`` shows old | new columns instead.

No JavaScript, no external fetches; CSS is the module constant :data:`CSS`.
Every piece of input text goes through :func:`html.escape` (titles and ids
too), so the output is the same bytes for the same comparison and options.

>>> from resdiff._render import RenderOptions
>>> from resdiff import compare
>>> cmp = compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> page = render(cmp, RenderOptions())
>>> "<del>old</del><ins>new</ins>" in page and '<a href="#sec_1__item_a">' in page
True

What every renderer shares (the margin symbol, the label cut, the title, the
counts, the control-character table) is in :mod:`resdiff._render._common`.
"""

from __future__ import annotations

import re
from html import escape as _html_escape
from typing import TYPE_CHECKING

from resdiff._model import Block, ChangeOp, EditOp, Lang, Role
from resdiff._render._common import (
    HTML_CONTROL,
    Piece,
    change_symbol,
    clause_segments,
    count_cells,
    page_title,
    proposal_id,
    split_label,
)

if TYPE_CHECKING:
    from resdiff._model import ClauseChange, Comparison, Document
    from resdiff._render import RenderOptions

__all__ = ["CSS", "anchor_ids", "render"]

# Nesting depth beyond which items stop indenting further (CSS has classes level-0..level-N).
MAX_LEVEL = 5

# Characters of the changed-clause list entry taken from the clause body (1..200).
SNIPPET_CHARS = 60

# Ids keep letters, digits and "_-.:"; anything else becomes "_" (then deduplicated).
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")

CJK_FONTS = (
    '"Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimSun", "Microsoft YaHei", sans-serif'
)

CSS = (
    """
:root { --ins: #0645ad; --del: #b00020; --sym: #444; --rule: #ccc; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
:lang(zh) { font-family: """
    + CJK_FONTS
    + """; }
body { max-width: 60em; margin: 1.5em auto; padding: 0 1.5em; line-height: 1.55; color: #111; background: #fff; }
header h1 { font-size: 1.3em; margin: 0.3em 0 0.6em; }
.doc-symbol { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; font-size: 1.2em; margin: 0; }
.doc-symbol .proposal-id { font-weight: normal; margin-left: 0.6em; }
table.counts { border-collapse: collapse; margin: 0.5em 0; }
table.counts th, table.counts td { border: 1px solid var(--rule); padding: 0.15em 0.7em; text-align: center; }
.legend { font-size: 0.9em; color: #333; }
.legend .sym { display: inline; }
.warnings { font-size: 0.9em; color: #7a4d00; }
nav.changed { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); \
margin: 1em 0; font-size: 0.92em; }
nav.changed h2 { font-size: 1em; margin: 0.5em 0; }
nav.changed ol { margin: 0.3em 0 0.6em; padding-left: 2.5em; max-height: 13em; overflow-y: auto; }
nav.changed a { color: inherit; }
ins { text-decoration: underline; text-decoration-thickness: 0.09em; text-underline-offset: 0.15em; \
color: var(--ins); background: #eef3ff; }
del { text-decoration: line-through; text-decoration-thickness: 0.09em; color: var(--del); background: #fff0f0; }
.sym { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; font-weight: bold; color: var(--sym); }
.clause { display: grid; grid-template-columns: 4.2em minmax(0, 1fr); column-gap: 0.6em; }
.clause > .sym { padding-top: 0.35em; text-align: right; }
.clause:target { background: #fffbe0; }
.clause p, table.sbs p { margin: 0.3em 0; white-space: pre-wrap; }
.label { display: inline-block; min-width: 2.6em; text-indent: 0; white-space: normal; }
p.labelled { padding-inline-start: 2.6em; text-indent: -2.6em; }
p.level-1 { margin-inline-start: 2.6em; }
p.level-2 { margin-inline-start: 5.2em; }
p.level-3 { margin-inline-start: 7.8em; }
p.level-4 { margin-inline-start: 10.4em; }
p.level-5 { margin-inline-start: 13em; }
.role-heading { text-align: center; font-variant: small-caps; }
.role-title { text-align: center; font-weight: bold; }
.role-history { text-align: center; font-style: italic; }
.role-section { font-style: italic; }
.role-annex { text-align: center; font-weight: bold; }
.role-proposal { font-weight: bold; }
.role-summary { font-size: 0.92em; color: #333; }
.role-footnote { font-size: 0.85em; }
.role-reasons { font-size: 0.92em; border-left: 3px solid var(--rule); padding-left: 0.5em; }
.moved-from { display: block; font-weight: normal; font-size: 0.85em; }
table.sbs { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.sbs th, table.sbs td { vertical-align: top; border-bottom: 1px solid #eee; padding: 0.1em 0.4em; }
table.sbs col.sym { width: 4.2em; }
table.sbs td.sym { text-align: right; padding-top: 0.45em; }
table.sbs td.old { border-right: 1px solid var(--rule); }
table.sbs tr:target td { background: #fffbe0; }
.empty { color: #888; font-style: italic; }
@media print {
  @page { margin: 2cm 1.8cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; color: #000; }
  nav.changed { display: none; }
  ins { color: #000; background: none; text-decoration: underline; }
  del { color: #000; background: none; text-decoration: line-through; }
  .sym, .legend, .warnings { color: #000; }
  .clause:target, table.sbs tr:target td { background: none; }
  .clause, table.sbs tr { break-inside: avoid; }
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
<p class="doc-symbol"><span class="sym doc">{symbol}</span>{proposal}</p>
<h1>{title}</h1>
{counts}
{legend}
{warnings}</header>
{nav}
<main class="{view}">
{body}
</main>
</body>
</html>
"""

_LEGEND = (
    '<p class="legend">Legend: <ins>inserted text</ins> (underlined) · '
    "<del>deleted text</del> (struck through) · "
    '<span class="sym">ADD</span> new clause · <span class="sym">MOD</span> modified · '
    '<span class="sym">(MOD)</span> editorial change only · <span class="sym">SUP</span> suppressed · '
    '<span class="sym">MOVE</span> moved · no symbol: unchanged (NOC)</p>'
)


def _esc(text: str) -> str:
    """Escape for HTML text and attribute values; controls become U+FFFD, CR/CRLF become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _html_escape(HTML_CONTROL.sub("\ufffd", text), quote=True)


# --- anchors -------------------------------------------------------------------------


def anchor_ids(comparison: Comparison) -> list[str]:
    """One unique id per change: the new block id, or ``old-<id>`` when only the old side exists."""
    seen: set[str] = set()
    out = []
    for n, change in enumerate(comparison.changes):
        if change.new is not None:
            raw = comparison.new.blocks[change.new].id
        elif change.old is not None:
            raw = "old-" + comparison.old.blocks[change.old].id
        else:
            raw = f"change-{n + 1}"
        base = _ID_UNSAFE.sub("_", raw) or f"change-{n + 1}"
        if not base[0].isalpha():
            base = "c-" + base
        candidate, k = base, 2
        while candidate in seen:
            candidate, k = f"{base}-{k}", k + 1
        seen.add(candidate)
        out.append(candidate)
    return out


# --- HTML ---------------------------------------------------------------------------


def _pieces_html(pieces: list[Piece]) -> str:
    out = []
    for p in pieces:
        text = _esc(p.text)
        cls = "" if p.first else ' class="cont"'
        if p.op is EditOp.INSERT:
            out.append(f"<ins{cls}>{text}</ins>")
        elif p.op is EditOp.DELETE:
            out.append(f"<del{cls}>{text}</del>")
        else:
            out.append(text)
    return "".join(out)


def _para_attrs(block: Block | None, doc: Document, page_lang: Lang, labelled: bool) -> str:
    classes = ["block"]
    if block is not None:
        classes.append(f"role-{block.role.value}")
        if block.role is Role.ITEM or block.level:
            classes.append(f"level-{min(max(block.level, 0), MAX_LEVEL)}")
    if labelled:
        classes.append("labelled")
    attrs = f' class="{" ".join(classes)}"'
    if doc.lang is not page_lang:
        attrs += f' lang="{_esc(doc.lang.value)}"'
    if doc.lang is Lang.AR:
        attrs += ' dir="rtl"'
    return attrs


def _paragraph(label: list[Piece], body: list[Piece], block: Block | None, doc: Document, lang: Lang) -> str:
    inner = ""
    if label:
        inner += f'<span class="label">{_pieces_html(label)}</span>'
    inner += _pieces_html(body)
    return f"<p{_para_attrs(block, doc, lang, bool(label))}>{inner}</p>"


def _snippet(comparison: Comparison, change: ClauseChange) -> str:
    if change.new is not None:
        block = comparison.new.blocks[change.new]
    elif change.old is not None:
        block = comparison.old.blocks[change.old]
    else:
        return ""
    body = block.text[block.body.start - block.span.start :] if block.body.start >= block.span.start else block.text
    body = " ".join(body.split())
    if len(body) > SNIPPET_CHARS:
        body = body[:SNIPPET_CHARS].rstrip() + "…"
    label = block.label.strip()
    return f"{label} {body}".strip() if label else body


def _moved_from(comparison: Comparison, change: ClauseChange) -> str:
    if change.op is not ChangeOp.MOVE or change.old is None:
        return ""
    block = comparison.old.blocks[change.old]
    where = block.label.strip() or block.id
    return f'<span class="moved-from">from {_esc(where)}</span>'


def _counts_html(comparison: Comparison) -> str:
    cells = count_cells(comparison)
    head = "".join(f"<th>{op}</th>" for op, _ in cells)
    row = "".join(f'<td data-op="{op}">{text}</td>' for op, text in cells)
    return f'<table class="counts"><tr>{head}</tr><tr>{row}</tr></table>'


def _nav_html(comparison: Comparison, ids: list[str]) -> str:
    items = []
    for change, anchor in zip(comparison.changes, ids):
        if change.op is ChangeOp.NOC:
            continue
        items.append(
            f'<li><a href="#{_esc(anchor)}"><span class="sym">{_esc(change_symbol(change))}</span> '
            f"{_esc(_snippet(comparison, change))}</a></li>"
        )
    if not items:
        return '<nav class="changed"><h2>Changed clauses</h2><p class="empty">No clause changed.</p></nav>'
    return (
        f'<nav class="changed"><h2>Changed clauses ({len(items)})</h2><ol>\n' + "\n".join(items) + "\n</ol></nav>"
    )


def _single_column(comparison: Comparison, ids: list[str], lang: Lang) -> str:
    rows = []
    for change, anchor in zip(comparison.changes, ids):
        segments = clause_segments(comparison, change)
        label, body = split_label(comparison, change, segments)
        block: Block | None
        if change.new is not None:
            block, doc = comparison.new.blocks[change.new], comparison.new
        else:
            block, doc = (comparison.old.blocks[change.old] if change.old is not None else None), comparison.old
        sym = change_symbol(change)
        op = change.op.value.lower() + ("-editorial" if sym == "(MOD)" else "")
        rows.append(
            f'<div class="clause op-{op}" id="{_esc(anchor)}">'
            f'<span class="sym">{_esc(sym)}{_moved_from(comparison, change)}</span>'
            f"{_paragraph(label, body, block, doc, lang)}</div>"
        )
    return "\n".join(rows) if rows else '<p class="empty">Both documents are empty.</p>'


def _side_by_side(comparison: Comparison, ids: list[str], lang: Lang) -> str:
    rows = []
    for change, anchor in zip(comparison.changes, ids):
        segments = clause_segments(comparison, change)
        cells = []
        for side, doc, index in (("old", comparison.old, change.old), ("new", comparison.new, change.new)):
            if index is None:
                cells.append(f'<td class="{side}"></td>')
                continue
            label, body = split_label(comparison, change, segments, side)
            cells.append(f'<td class="{side}">{_paragraph(label, body, doc.blocks[index], doc, lang)}</td>')
        sym = change_symbol(change)
        op = change.op.value.lower() + ("-editorial" if sym == "(MOD)" else "")
        rows.append(
            f'<tr class="clause-row op-{op}" id="{_esc(anchor)}">'
            f'<td class="sym">{_esc(sym)}{_moved_from(comparison, change)}</td>{"".join(cells)}</tr>'
        )
    if not rows:
        return '<p class="empty">Both documents are empty.</p>'
    return (
        '<table class="sbs"><colgroup><col class="sym"><col><col></colgroup>\n'
        '<thead><tr><th></th><th class="old">Old</th><th class="new">New</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as a self-contained HTML page (a str; write it as UTF-8)."""
    lang = comparison.new.lang if comparison.new.blocks or not comparison.old.blocks else comparison.old.lang
    ids = anchor_ids(comparison)
    pid = proposal_id(comparison, options)
    warnings = ""
    if comparison.warnings:
        warnings = (
            '<ul class="warnings">' + "".join(f"<li>{_esc(w)}</li>" for w in comparison.warnings) + "</ul>\n"
        )
    body = (_side_by_side if options.side_by_side else _single_column)(comparison, ids, lang)
    return _PAGE.format(
        lang=_esc(lang.value),
        title=_esc(page_title(comparison, options)),
        css=CSS,
        symbol=_esc(comparison.symbol.value),
        proposal=f' <span class="proposal-id">{_esc(pid)}</span>' if pid else "",
        counts=_counts_html(comparison),
        legend=_LEGEND,
        warnings=warnings,
        nav=_nav_html(comparison, ids),
        view="side-by-side" if options.side_by_side else "marked",
        body=body,
    )
