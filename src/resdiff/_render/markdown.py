"""Markdown renderer, for review tools: a heading with the symbol, counts, one paragraph per block.

``RenderOptions.markdown_style`` (a :class:`~resdiff._render.MarkdownStyle`) picks the marks:

* ``"html"`` (default): ``<ins>…</ins>`` and ``<del>…</del>``, which GitHub,
  GitLab and most review tools render as underline and strike-through;
* ``"markup"``: ``**…**`` for insertions and ``~~…~~`` for deletions, for tools
  that drop inline HTML.

A changed clause starts with its ITU symbol as a code span (`` `MOD` ``,
`` `(MOD)` ``, `` `ADD` ``, `` `SUP` ``, `` `MOVE` ``): a code span rather than
bold because bold is the insertion mark in ``"markup"`` style. Unchanged
clauses carry no tag.

Input text cannot break the marks: Markdown-significant ASCII characters are
backslash-escaped everywhere (``\\ ` * _ ~ [ ] < > & | #``), a paragraph's first
characters are escaped where they would start a list, heading, quote, thematic
break or code block, and a line break inside a block becomes a space (a
Markdown paragraph has no other way to keep it). In ``"markup"`` style the
delimiters are kept valid by CommonMark's flanking rules: white space at the
edge of a marked run is written as a character reference (``&#32;``) and, where
punctuation inside a mark meets a letter outside it, a zero-width space
(``&#8203;``) is put outside the delimiter -- typical of Chinese, where
``字**，并**`` would otherwise not be emphasis.

>>> from resdiff._render import RenderOptions
>>> from resdiff import compare
>>> cmp = compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> render(cmp, RenderOptions(markdown_style="markup")).splitlines()[-1].replace("\\t", " ")
'`MOD` a) the ~~old~~**new** text;'
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from resdiff._model import EditOp
from resdiff._render import MarkdownStyle
from resdiff._render._common import (
    MARKDOWN_CONTROL,
    change_symbol,
    clause_segments,
    counts_line,
    page_title,
    proposal_id,
)

if TYPE_CHECKING:
    from resdiff._model import Comparison, Segment
    from resdiff._render import RenderOptions

__all__ = ["escape", "render"]

_SPECIAL = re.compile(r"([\\`*_~\[\]<>&|#])")
# what a paragraph must not start with: list/quote/heading/break markers, ordered-list numbers
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
_ZWSP = "&#8203;"

_MARKS = {
    MarkdownStyle.HTML: {EditOp.INSERT: ("<ins>", "</ins>"), EditOp.DELETE: ("<del>", "</del>")},
    MarkdownStyle.MARKUP: {EditOp.INSERT: ("**", "**"), EditOp.DELETE: ("~~", "~~")},
}


def _clean(text: str) -> str:
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return MARKDOWN_CONTROL.sub("\ufffd", text)


def escape(text: str) -> str:
    r"""Backslash-escape the characters that could start Markdown syntax.

    >>> escape("a *b* <c> [d]")
    'a \\*b\\* \\<c\\> \\[d\\]'
    """
    return _SPECIAL.sub(r"\\\1", _clean(text))


def _ws_entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def _line_start(text: str) -> str:
    """Make the first characters of a paragraph inert (already escaped text in, safe text out)."""
    stripped = text.lstrip(" \t")
    lead = text[: len(text) - len(stripped)]
    m = _LINE_START.match(stripped)
    if m:
        digits = m.group(2)
        stripped = "\\" + stripped if m.group(1) else digits + "\\" + stripped[len(digits) :]
    return _ws_entities(lead) + stripped


def _maybe_punct(ch: str) -> bool:
    """Punctuation by any CommonMark version (0.31 added symbols): the cautious test inside a mark."""
    return unicodedata.category(ch).startswith(("P", "S"))


def _surely_punct(ch: str) -> bool:
    """Punctuation by every CommonMark version: the cautious test outside a mark."""
    return (ch.isascii() and not ch.isalnum() and not ch.isspace()) or unicodedata.category(ch).startswith("P")


def _is_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Zs"


def _paragraph(segments: tuple[Segment, ...], style: MarkdownStyle) -> str:
    """One block's marked text."""
    marks = _MARKS[style]
    parts: list[tuple[str, str]] = []  # ("text", s) | ("open"|"close", delimiter)
    for seg in segments:
        if not seg.text:
            continue
        text = escape(seg.text)
        if seg.op is EditOp.EQUAL:
            parts.append(("text", text))
            continue
        opening, closing = marks[seg.op]
        if style is MarkdownStyle.MARKUP:
            # emphasis cannot open or close next to white space: write the edges as references
            start, end = 0, len(text)
            while start < end and _is_space(text[start]):
                start += 1
            while end > start and _is_space(text[end - 1]):
                end -= 1
            text = _ws_entities(text[:start]) + text[start:end] + _ws_entities(text[end:])
        parts += [("open", opening), ("text", text), ("close", closing)]
    if style is MarkdownStyle.MARKUP:
        parts = _flank(parts)
    return "".join(s for _, s in parts)


def _flank(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Insert zero-width spaces where a delimiter would fail CommonMark's flanking rules.

    An opener whose inner first character is punctuation must follow white
    space, punctuation or the line start; a closer whose inner last character
    is punctuation must precede one of those. ``&#8203;`` starts and ends with
    punctuation in the source, which is what the rules look at.
    """
    out: list[tuple[str, str]] = []
    for i, (kind, s) in enumerate(parts):
        if kind == "open":
            inner = parts[i + 1][1]
            before = next((p[1][-1] for p in reversed(out) if p[1]), "")
            if _maybe_punct(inner[0]) and before and not (_is_space(before) or _surely_punct(before)):
                out.append(("text", _ZWSP))
            out.append((kind, s))
        elif kind == "close":
            out.append((kind, s))
            inner = parts[i - 1][1]
            after = next((p[1][0] for p in parts[i + 1 :] if p[1]), "")
            if _maybe_punct(inner[-1]) and after and not (_is_space(after) or _surely_punct(after)):
                out.append(("text", _ZWSP))
        else:
            out.append((kind, s))
    return out


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as Markdown (CommonMark + GitHub's ``~~`` strike-through)."""
    style = options.markdown_style
    pid = proposal_id(comparison, options)
    heading = f"`{comparison.symbol.value}`"
    if pid:
        heading += " " + escape(pid)
    heading += " " + escape(page_title(comparison, options))
    marks = _MARKS[style]
    ins = "inserted".join(marks[EditOp.INSERT])
    dele = "deleted".join(marks[EditOp.DELETE])
    lines = [
        f"# {heading}",
        counts_line(comparison),
        f"Marks: {ins} · {dele} · symbols: `ADD` new, `MOD` modified, `(MOD)` editorial only, "
        "`SUP` suppressed, `MOVE` moved; unmarked clauses are unchanged.",
    ]
    lines += [f"> {escape(w)}" for w in comparison.warnings]
    for change in comparison.changes:
        text = _paragraph(clause_segments(comparison, change), style)
        if not text:
            continue
        symbol = change_symbol(change)
        lines.append(f"`{symbol}` {text}" if symbol else _line_start(text))
    return "\n\n".join(lines) + "\n"
