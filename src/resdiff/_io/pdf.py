"""Read the text layer of a PDF and rebuild the paragraphs its lines were wrapped from.

PDFium (through pypdfium2, imported on first use) gives each page's text in
reading order, one visual line at a time, with the position of every character
(``docs/pdf.md`` has the measurement that chose it over pypdf and pdfminer.six).
From the lines and their positions :func:`rebuild` writes the text the parser
reads, one paragraph a line, resdiff's plain-text convention:

1. **Running headers and footers** — a line among the top or bottom
   :data:`RUNNING_BAND` lines of a page whose text, digits masked, stands at the
   same height on at least :data:`RUNNING_SHARE` of the pages (page numbers,
   ``Res. 2 – PP-18``, a browser's date, title and URL) is dropped. A line that
   reads as a resolution heading is never dropped.
2. **Footnotes** — below a rule at the bottom of a page (a line of underscores,
   or a short horizontal line drawn in the page), lines that begin with a number
   (``1 These include…``) become footnote lines ``¹ These include…``, the form
   the parser reads as footnotes, each placed after the paragraph that cites it
   (small raised digits after a word are citations, written ``countries¹``), or
   after the paragraph open at the end of its page.
3. **Paragraphs** — a line continues the previous one unless the previous one
   ended short of the right margin (the first word of the next line would have
   fitted there), the vertical gap between them is a paragraph gap, or the
   previous one ends a sentence or clause and the next starts with an item label.
   Joined lines get no space between Han characters (or a Han character and any
   other) and one space between other words. A hyphen at a line end is kept
   (``High-`` + ``Level``) unless the word joined without it occurs whole
   elsewhere in the document and the hyphenated form does not.

The text returned is exactly what the parser sees, so every span of the parsed
document points into it. A PDF without any text (a scan), an encrypted or a
damaged one is refused with an :class:`~resdiff._errors.InputError` naming the
file; pages without text among pages with text are named in a
:class:`~resdiff._errors.ResdiffWarning`.

>>> lines = [PdfLine("The Conference shall hold the forum in", 0, 72, 540, 110, 110, 12),
...          PdfLine("2026.", 0, 72, 102, 124, 124, 12), PdfLine("Next paragraph.", 0, 72, 160, 138, 138, 12)]
>>> rebuild(lines, pages=1, width=612).text
'The Conference shall hold the forum in 2026.\\nNext paragraph.\\n'
"""

from __future__ import annotations

import itertools
import math
import os
import re
import statistics
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from resdiff._errors import DependencyError, InputError, ResdiffWarning
from resdiff._io import read_source_bytes
from resdiff._lexicon import match_heading, match_keyword, match_label
from resdiff._model import Lang

__all__ = [
    "MAX_PDF_PAGES",
    "PARA_GAP",
    "RUNNING_BAND",
    "RUNNING_SHARE",
    "PdfLine",
    "PdfRule",
    "PdfText",
    "Rebuilt",
    "extract_lines",
    "read_pdf",
    "rebuild",
]

# ---------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------

MAX_PDF_PAGES = 20_000  # pages; a larger file is refused (the Final Acts of a conference run to ~600)
MAX_PDF_BYTES = 200 * 1024 * 1024  # bytes, as for text input
RUNNING_BAND = 3  # lines at the top and at the bottom of each page that may be running headers/footers
RUNNING_SHARE = 0.5  # share of pages (0..1) a running line must stand on; and at least 2 pages
RUNNING_Y_TOLERANCE = 4.0  # points: how far the same running line may move between pages
RUNNING_GAP = 1.8  # font sizes: the least gap between a running line and the body text
PARA_GAP = 1.3  # a vertical step above this many typical line pitches ends a paragraph
FIT_SLACK = 1.15  # the next line's first word "would have fitted" with this much room to spare (ratio >= 1)
TAB_GAP = 1.2  # a gap after a leading label wider than this many font sizes was a TAB stop
SUPERSCRIPT_SIZE = 0.85  # a digit in a font this much smaller than the word before it, and raised, cites a note
LABEL_GAP = 0.2  # a gap after a leading label wider than this many font sizes separates it (a space at least)
FOOTNOTE_RULE_MIN = 5  # underscores that make a text rule
FOOTNOTE_RULE_MAX_HEIGHT = 2.0  # points: a drawn rule is a path at most this tall…
FOOTNOTE_RULE_MIN_WIDTH = 0.07  # …and at least this share of the page width wide (0..1)

_HYPHEN_MARK = "\ufffe"  # what PDFium gives for a hyphen that ends a line inside a word
_MADE_UP = "\x01"  # a space PDFium made up between Han and Latin text (see _spaced); never in output
_CONTROL = re.compile(r"[\x00\x02-\x08\x0b-\x1f\x7f\ufffe\uffff]")  # all but TAB, LF and _MADE_UP
_WS = re.compile(r"[ \t\u00a0\u3000]+")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|стр\.|página|第)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|of|de|sur|из)\s*\d{1,4})?\s*[-–—页]?", re.I
)
_TEXT_RULE = re.compile(rf"[ \t]*_{{{FOOTNOTE_RULE_MIN},}}[ \t]*")
_FN_MARK = re.compile(r"(?P<mark>\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})(?:[ \t\u00a0]+|(?=[^\d\s.,)]))(?=\S)")
_NOTE_START = re.compile(r"(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})[ \t\u00a0]+[^\W\d_]")
_SUPER_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_TO_SUPER = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_GAP = re.compile(rf"(?<=[{_WIDE}]) (?=[^\s{_WIDE}])|(?<=[^\s{_WIDE}]) (?=[{_WIDE}])")
_CITATION = re.compile(rf"(?<=[^\W\d_]|[{_WIDE}]|[)”’.,;:])\d{{1,3}}(?!\d)")
_WORD_TAIL = re.compile(r"([^\W\d_]+)-$")
_WORD_HEAD = re.compile(r"[^\W\d_]+")
_TERMINAL = tuple(";；.。:：,，")


def _is_wide(ch: str) -> bool:
    """Han, kana, hangul and full-width forms: scripts written without spaces between words."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or (
        0xFF00 <= o <= 0xFFEF
    ) or 0x20000 <= o <= 0x3FFFF


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One line of a page's text; positions in points, y growing down from the top of the page.

    A line that PDFium joined over a hyphen spans two visual lines: ``y0`` is
    the baseline of its first character, ``y1`` that of its last.
    """

    text: str
    page: int  # 0-based
    x0: float  # left edge of the first character
    x1: float  # right edge of the last character
    y0: float  # baseline of the first character
    y1: float  # baseline of the last character
    size: float  # font size of the first character
    head: float = 0.0  # width of the line's first unbreakable piece (see _first_unit); 0: estimate it


@dataclass(frozen=True, slots=True)
class PdfRule:
    """A short horizontal line drawn on a page: a candidate footnote separator."""

    page: int
    x0: float
    x1: float
    y: float  # from the top of the page


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What :func:`rebuild` made of the lines."""

    text: str  # one paragraph a line, a final newline
    removed: tuple[str, ...]  # running headers, footers and page numbers dropped (each text once)
    footnotes: int  # footnote lines written


@dataclass(frozen=True, slots=True)
class PdfText:
    """The text of a PDF as the parser reads it, and what was done to get it."""

    text: str
    pages: int
    source: str
    removed: tuple[str, ...] = ()  # running headers/footers dropped
    footnotes: int = 0


# ---------------------------------------------------------------------------
# Extraction (PDFium)
# ---------------------------------------------------------------------------


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:
        raise DependencyError("reading PDF needs pypdfium2 (pip install pypdfium2)") from None
    return pypdfium2


def _open(source: str | os.PathLike[str] | bytes, name: str, password: str | None) -> Any:
    pdfium = _pdfium()
    data = read_source_bytes(source, name, MAX_PDF_BYTES, "a PDF")
    if not data.lstrip(b"\x00\t\n\r ")[:1024].find(b"%PDF-") >= 0:
        raise InputError(f"{name}: not a PDF file (no %PDF- header)")
    try:
        doc = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4 or "password" in str(exc).lower():  # FPDF_ERR_PASSWORD
            raise InputError(f"{name}: the PDF is encrypted; give a copy without a password") from None
        if code == 5:  # FPDF_ERR_SECURITY
            raise InputError(f"{name}: the PDF uses an unsupported security handler") from None
        raise InputError(f"{name}: damaged or not a PDF ({_pdfium_reason(exc)})") from None
    return doc


def _pdfium_reason(exc: Exception) -> str:
    text = str(exc)
    m = re.search(r"PDFium: ([^)]*)", text)
    return (m.group(1) if m else text).strip().rstrip(".").lower() or "unreadable"


def extract_lines(
    source: str | os.PathLike[str] | bytes, *, name: str = "", password: str | None = None
) -> tuple[list[PdfLine], list[PdfRule], int, float]:
    """The visual lines of every page, the short horizontal rules drawn near footnotes, the page count
    and the width of the widest page (points)."""
    name = name or (os.fspath(source) if not isinstance(source, bytes) else "<bytes>")
    doc = _open(source, name, password)
    try:
        pages = len(doc)
        if pages > MAX_PDF_PAGES:
            raise InputError(f"{name}: {pages} pages is more than the {MAX_PDF_PAGES} pages resdiff reads")
        lines: list[PdfLine] = []
        rules: list[PdfRule] = []
        width = 0.0
        for index in range(pages):
            try:
                page = doc[index]
            except Exception as exc:  # noqa: BLE001 - PDFium reports a broken page with a generic error
                raise InputError(f"{name}: page {index + 1} is damaged ({_pdfium_reason(exc)})") from None
            try:
                width = max(width, page.get_size()[0])
                page_lines = _page_lines(page, index)
                lines.extend(page_lines)
                if _may_have_footnotes(page_lines, page.get_size()[1]):
                    rules.extend(_page_rules(page, index))
            finally:
                page.close()
    finally:
        doc.close()
    return lines, rules, pages, width


def _page_lines(page: Any, index: int) -> list[PdfLine]:
    import pypdfium2.raw as raw

    height = page.get_size()[1]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        count = textpage.count_chars()
        out: list[PdfLine] = []
        for m in re.finditer(r"[^\r\n]+", text):
            start = m.start()
            raw_line = m.group()
            stripped = raw_line.strip()
            if not stripped:
                continue
            first = start + (len(raw_line) - len(raw_line.lstrip()))
            last = start + len(raw_line.rstrip()) - 1
            c_first = raw.FPDFText_GetCharIndexFromTextIndex(textpage, first) if count else -1
            c_last = raw.FPDFText_GetCharIndexFromTextIndex(textpage, last) if count else -1
            if c_first < 0 or c_last < 0:
                continue
            x0, bottom, _, top = textpage.get_charbox(c_first, loose=True)
            x1 = textpage.get_charbox(c_last, loose=True)[2]
            size = float(raw.FPDFText_GetFontSize(textpage, c_first)) or (top - bottom)
            line_text = _spaced(textpage, raw, raw_line, start, size)
            head = 0.0
            c_head = raw.FPDFText_GetCharIndexFromTextIndex(textpage, first + _first_unit(stripped) - 1)
            if c_head >= 0:
                head = max(0.0, textpage.get_charbox(c_head, loose=True)[2] - x0)
            y0, y1 = height - _baseline(textpage, c_first), height - _baseline(textpage, c_last)
            out.append(PdfLine(line_text, index, x0, x1, y0, y1, size, head))
        return out
    finally:
        textpage.close()


def _spaced(textpage: Any, raw: Any, line: str, start: int, size: float) -> str:
    """The line with a TAB after a leading label where it stood, and made-up spaces marked.

    *line* is PDFium's text of the line, *start* its text index on the page.
    A gap after a leading item label wider than :data:`TAB_GAP` font sizes was a
    tab stop. Layout engines leave a gap between Han characters and Latin letters
    or digits (LibreOffice's Asian/Western autospace) that PDFium reads as a
    space although the text has none (``第641号决定``); such a space, when it is
    not a character of the PDF, becomes :data:`_MADE_UP`, which
    :func:`_settle` later turns into a space after a paragraph's leading
    label and into nothing elsewhere.
    """
    lead = len(line) - len(line.lstrip())
    text = _superscripts(textpage, raw, line.strip(), start + lead)
    base = start + lead
    pieces: list[str] = []
    last = 0
    label = match_label(text)
    if label is not None and label.body < len(text):
        end_label = label.start + len(label.text)
        c_a = raw.FPDFText_GetCharIndexFromTextIndex(textpage, base + end_label - 1)
        c_b = raw.FPDFText_GetCharIndexFromTextIndex(textpage, base + label.body)
        if c_a >= 0 and c_b >= 0:
            gap = textpage.get_charbox(c_b)[0] - textpage.get_charbox(c_a)[2]
            if gap > TAB_GAP * size:
                pieces += [text[:end_label], "\t"]
                last = label.body
            elif gap > LABEL_GAP * size and label.body == end_label:  # a gap PDFium did not read as a space
                pieces += [text[:end_label], " "]
                last = label.body
    for m in _WIDE_GAP.finditer(text, last):
        index = raw.FPDFText_GetCharIndexFromTextIndex(textpage, base + m.start())
        if index >= 0 and raw.FPDFText_IsGenerated(textpage, index) == 1:
            pieces += [text[last : m.start()], _MADE_UP]
            last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _superscripts(textpage: Any, raw: Any, text: str, base: int) -> str:
    """Footnote citations (small raised digits right after a word) written as superscripts: ``countries¹``."""
    if not _CITATION.search(text):
        return text
    chars = list(text)
    for m in _CITATION.finditer(text):
        prev = raw.FPDFText_GetCharIndexFromTextIndex(textpage, base + m.start() - 1)
        first = raw.FPDFText_GetCharIndexFromTextIndex(textpage, base + m.start())
        if prev < 0 or first < 0:
            continue
        size_prev = raw.FPDFText_GetFontSize(textpage, prev)
        size = raw.FPDFText_GetFontSize(textpage, first)
        if not (0 < size < SUPERSCRIPT_SIZE * size_prev):
            continue
        if _baseline(textpage, first) - _baseline(textpage, prev) > 0.15 * size_prev:  # raised (PDF y goes up)
            for i in range(m.start(), m.end()):
                chars[i] = chars[i].translate(_TO_SUPER)
    return "".join(chars)


def _settle(text: str, first: bool) -> str:
    """Made-up spaces resolved: kept after the leading label (or mark) of a paragraph's first line only."""
    if _MADE_UP not in text:
        return text
    keep = -1
    if first:
        plain = text.replace(_MADE_UP, " ")
        label = match_label(plain)
        mark = _FN_MARK.match(plain)
        end = label.body if label is not None else mark.end() if mark else 0
        keep = text.find(_MADE_UP, 0, end)
    if keep >= 0:
        return text[:keep].replace(_MADE_UP, "") + " " + text[keep + 1 :].replace(_MADE_UP, "")
    return text.replace(_MADE_UP, "")


def _baseline(textpage: Any, index: int) -> float:
    import ctypes

    import pypdfium2.raw as raw

    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, x, y)
    return y.value


def _may_have_footnotes(lines: Sequence[PdfLine], height: float) -> bool:
    """A line in the lower half of the page that starts with a mark, in a smaller font than the page's body."""
    if len(lines) < 2:
        return False
    body = statistics.median(line.size for line in lines)
    return any(line.y0 > height / 2 and line.size < body * 0.95 and _FN_MARK.match(line.text) for line in lines)


def _page_rules(page: Any, index: int) -> list[PdfRule]:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    out = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= FOOTNOTE_RULE_MAX_HEIGHT and right - left >= FOOTNOTE_RULE_MIN_WIDTH * width:
            out.append(PdfRule(index, left, right, height - (top + bottom) / 2))
    return out


# ---------------------------------------------------------------------------
# Rebuilding the text (pure)
# ---------------------------------------------------------------------------


def _line_text(text: str, words: Counter[str]) -> str:
    """A line's text with the hyphens PDFium joined over line ends decided, and control characters gone."""
    if _HYPHEN_MARK in text:
        head, *rest = text.split(_HYPHEN_MARK)
        for part in rest:
            head = _join(head + "-", part, words) if part else head + "-"
        text = head
    return _CONTROL.sub("", text)


def rebuild(
    lines: Sequence[PdfLine],
    rules: Sequence[PdfRule] = (),
    *,
    pages: int | None = None,
    width: float | None = None,
) -> Rebuilt:
    """The text of *lines*: running lines dropped, footnotes marked, paragraphs one a line.

    *width*: of the pages, in points; with it the right margin is taken to mirror
    the left one unless the lines say it is wider. Without it, the longest lines
    give the margin.
    """
    if pages is None:
        pages = max((line.page for line in lines), default=-1) + 1
    by_page: dict[int, list[PdfLine]] = defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)
    running = _running(by_page, pages, rules)
    removed = tuple(dict.fromkeys(line.text for line in lines if id(line) in running))
    body: list[PdfLine] = []
    notes: dict[int, list[PdfLine]] = {}
    rules_by_page: dict[int, list[PdfRule]] = defaultdict(list)
    for rule in rules:
        rules_by_page[rule.page].append(rule)
    for page in sorted(by_page):
        kept = [line for line in by_page[page] if id(line) not in running]
        cut = _footnote_cut(kept, rules_by_page.get(page, []))
        body.extend(kept[:cut])
        if cut < len(kept):
            notes[page] = kept[cut:]
    words = _word_counts(body)
    paragraphs = _paragraphs(body, words, width)
    notes_out = _footnotes(notes, words)
    return Rebuilt(_place(paragraphs, notes_out), removed, len(notes_out))


def _place(paragraphs: list[_Para], notes: list[_Note]) -> str:
    """The paragraphs, one a line, each footnote after the paragraph that cites it.

    The citing paragraph is the first on the footnote's page (or the page before,
    for a citation just above a page break) that holds the footnote's
    superscript mark; without one, the paragraph open at the end of the page.
    """
    after: dict[int, list[str]] = defaultdict(list)
    for note in notes:
        sup = note.mark.translate(_TO_SUPER)
        cited = [
            i for i, para in enumerate(paragraphs)
            if para.first <= note.page and para.last >= note.page - 1 and sup and sup in para.text
        ]
        if cited:
            where = cited[0]
        else:
            open_at_end = [i for i, para in enumerate(paragraphs) if para.first <= note.page]
            where = open_at_end[-1] if open_at_end else -1
        after[where].append(note.line)
    out = list(after.get(-1, []))
    for i, para in enumerate(paragraphs):
        out.append(para.text)
        out.extend(after.get(i, []))
    return "".join(line + "\n" for line in out)


def _mask(text: str) -> str:
    return _DIGITS.sub("#", _WS.sub(" ", text.strip())).casefold()


def _running(by_page: dict[int, list[PdfLine]], pages: int, rules: Sequence[PdfRule] = ()) -> set[int]:
    """ids of the lines that repeat at the top or bottom of enough pages.

    A candidate is among the :data:`RUNNING_BAND` first (last) lines of its page
    and set apart from the body below (above) it, by a gap of more than
    :data:`RUNNING_GAP` font sizes or by a font size a tenth or more different:
    headers and footers stand in the margins in their own type, while the first
    lines of a page of text follow each other at the line pitch. A document of
    one page has no repetition to go by: there, the lines set apart that are
    also in a smaller type than the page's median are taken for furniture.
    """
    if pages == 1 and by_page:
        # one page shows no repetition: its furniture is what stands apart in a smaller type (and,
        # below a footnote rule, only a page number: the rest there is footnotes)
        page_lines = next(iter(by_page.values()))
        ordered = sorted(page_lines, key=lambda line: line.y0)
        body = statistics.median(line.size for line in page_lines)
        rule = min([r.y for r in rules] + [x.y0 for x in page_lines if _TEXT_RULE.fullmatch(x.text)], default=1e9)
        return {
            id(line)
            for line in _band(ordered) + _band(ordered[::-1])
            if line.size < 0.9 * body
            and not match_heading(line.text.strip())
            and (line.y0 < rule or _PAGE_NUMBER.fullmatch(line.text.strip()))
            and not _NOTE_START.match(line.text)  # "2 The note's text": a footnote, rule or not
        }
    if pages < 2:
        return set()
    need = max(2, math.ceil(RUNNING_SHARE * pages))
    seen: dict[tuple[str, str], list[PdfLine]] = defaultdict(list)
    for page_lines in by_page.values():
        ordered = sorted(page_lines, key=lambda line: line.y0)
        for side, band in (("top", _band(ordered)), ("bottom", _band(ordered[::-1]))):
            for line in band:
                seen[(side, _mask(line.text))].append(line)
    out: set[int] = set()
    for group in seen.values():
        # the same text at (about) the same height: cluster by height, count distinct pages
        heights = Counter(round(line.y0 / RUNNING_Y_TOLERANCE) for line in group)
        for bucket in heights:
            near = [line for line in group if abs(round(line.y0 / RUNNING_Y_TOLERANCE) - bucket) <= 1]
            if len({line.page for line in near}) >= need and not match_heading(near[0].text.strip()):
                out.update(id(line) for line in near)
    return out


def _band(ordered: list[PdfLine]) -> list[PdfLine]:
    """The lines at one end of a page (*ordered* from that end) that a margin gap sets apart from the rest."""
    for i, line in enumerate(ordered[:RUNNING_BAND]):
        if i + 1 == len(ordered):
            break
        after = ordered[i + 1]
        gap = abs(after.y0 - line.y0) > RUNNING_GAP * max(line.size, 1.0)
        if gap or abs(after.size - line.size) > 0.1 * max(after.size, line.size):
            return ordered[: i + 1]  # the first separation: what lies beyond it is the body
    return []


def _footnote_cut(lines: list[PdfLine], rules: list[PdfRule]) -> int:
    """Index of the first footnote line of a page (len(lines) when it has none)."""
    # a text rule: a line of underscores, then a line that starts with a mark
    for i in range(len(lines) - 1, -1, -1):
        if _TEXT_RULE.fullmatch(lines[i].text) and i + 1 < len(lines) and _FN_MARK.match(lines[i + 1].text):
            return i  # the rule line itself goes with the footnotes (and is dropped there)
        if _TEXT_RULE.match(lines[i].text) and _FN_MARK.match(_TEXT_RULE.sub("", lines[i].text, count=1)):
            return i
    # a drawn rule: the first line below it starts with a mark, every line below is no larger than the body
    if rules and lines:
        body_size = statistics.median(line.size for line in lines)
        for rule in sorted(rules, key=lambda r: r.y):
            below = [i for i, line in enumerate(lines) if line.y0 > rule.y]
            if not below:
                continue
            i = below[0]
            if i == 0 or below != list(range(i, len(lines))) or lines[i - 1].y1 > rule.y:
                continue
            if _FN_MARK.match(lines[i].text) and all(line.size <= body_size + 0.1 for line in lines[i:]):
                return i
    return len(lines)


_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _word_counts(lines: Sequence[PdfLine]) -> Counter[str]:
    """How often each word (hyphenated compounds as one) occurs whole, for undoing line-end hyphens."""
    words: Counter[str] = Counter()
    for line in lines:
        words.update(w.casefold() for w in _WORDS.findall(line.text.replace(_HYPHEN_MARK, " ")))
    return words


def _join(a: str, b: str, words: Counter[str]) -> str:
    """Two wrapped pieces of one paragraph, joined as they were written."""
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        head = _WORD_HEAD.match(b)
        tail = _WORD_TAIL.search(a)
        stem = a[:-1]
        if head and tail and head.group().islower():
            whole = (tail.group(1) + head.group()).casefold()
            hyphenated = f"{tail.group(1)}-{head.group()}".casefold()
            if words[whole] > 0 and words[hyphenated] == 0:
                return stem + b
        return stem + "-" + b
    if a.endswith("\u00ad"):  # a soft hyphen: the typesetter's, never the author's
        return a[:-1] + b
    if _is_wide(a[-1]) or _is_wide(b[0]):
        return a + b
    return a + " " + b


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    first: int  # page of its first line
    last: int  # page of its last line


@dataclass(frozen=True, slots=True)
class _Note:
    page: int
    mark: str  # digits ("1"); "" when a footnote zone starts without one
    line: str  # as written out: "¹ These include …"


def _paragraphs(lines: Sequence[PdfLine], words: Counter[str], width: float | None) -> list[_Para]:
    """The paragraphs in reading order."""
    if not lines:
        return []
    pitch = _pitch(lines)
    right = _right_margin(lines, width)
    out: list[_Para] = []
    current = _settle(_line_text(lines[0].text, words), True)
    start = lines[0].page
    alone = True  # the current paragraph is one line so far
    for prev, line in itertools.pairwise(lines):
        text = _line_text(line.text, words)
        if _same_row(prev, line):  # PDFium broke the line at a raised citation mark
            gap = line.x0 - prev.x1 > 0.15 * line.size
            current += (" " if gap else "") + _settle(text, False)
            continue
        title = bool(out) and bool(match_heading(out[-1].text))  # the paragraph after a heading: the title
        if _continues(prev, line, text.replace(_MADE_UP, " "), pitch, right) and not (
            (alone and match_heading(current)) or (title and _OPENING.match(text))
        ):
            current = _join(current, _settle(text, False), words)
            alone = False
        else:
            out.append(_Para(current, start, prev.page))
            current, start, alone = _settle(text, True), line.page, True
    out.append(_Para(current, start, lines[-1].page))
    return [para for para in out if para.text.strip()]


def _right_margin(lines: Sequence[PdfLine], width: float | None) -> float:
    """Where full lines end: the left margin mirrored, or the 95th percentile of line ends when further right.

    A document of short lines has no line that reaches the margin, so the
    mirror is what keeps its lines apart; the percentile serves pages whose
    right margin is narrower than the left.
    """
    x1s = sorted(line.x1 for line in lines)
    p95 = x1s[int(0.95 * (len(x1s) - 1))]
    if width is None:
        return x1s[-1]
    return max(p95, width - min(line.x0 for line in lines))


def _pitch(lines: Sequence[PdfLine]) -> float:
    """The typical baseline-to-baseline step inside a paragraph, in points.

    The lower fifth of the steps, not the median: in a text of one-line
    paragraphs most steps are between paragraphs.
    """
    steps = sorted(
        b.y0 - a.y1
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and b.y0 - a.y1 > 0 and abs(a.size - b.size) < 0.5
    )
    if steps:
        return steps[len(steps) // 5]
    return statistics.median(line.size for line in lines) * 1.2


def _same_row(a: PdfLine, b: PdfLine) -> bool:
    """Is *b* the rest of *a*'s visual line (same page, a baseline within a third of the size, to its right)?"""
    near = min(abs(b.y0 - a.y1), abs(b.y0 - a.y0))
    return a.page == b.page and near < 0.35 * b.size and b.x0 >= a.x1 - 0.5


def _continues(a: PdfLine, b: PdfLine, b_text: str, pitch: float, right: float) -> bool:
    """Does line *b* carry on the paragraph of line *a*?"""
    if not a.text or not b_text:
        return False
    if b.page == a.page:
        step = b.y0 - a.y1
        if step <= 0 or step > PARA_GAP * pitch * max(1.0, b.size / max(a.size, 0.1)):
            return False
    elif b.page != a.page + 1:
        return False
    if _TEXT_RULE.fullmatch(a.text) or _TEXT_RULE.fullmatch(b_text):
        return False
    if right - a.x1 > _head_width(b, b_text) * FIT_SLACK + 0.3 * b.size:
        return False  # the next line's first word would have fitted: this line ended its paragraph
    if a.text.endswith(_TERMINAL) and _starts_item(b_text):
        return False
    if _is_wide(a.text[-1]) and b_text[0] in _BULLETS and b_text[1:2].isspace():
        return False  # Han text does not wrap before a dash and a space: that is a bullet item
    # a short keyword line after a clause that ends a section is a section heading
    return not (a.text[-1] in ",，;；" and right - b.x1 > 2 * b.size and _is_keyword_line(b_text))


# The opening line of a resolution ("The Plenipotentiary Conference …,"): after a title it starts anew.
_OPENING = re.compile(
    r"(?:The|La|Le|L'|El)\s+(?:\w+\s+){0,4}?(?:Conference|Assembly|Council|Conférence|Assemblée|Conseil"
    r"|Conferencia|Asamblea|Consejo)\b"
)
_BULLETS = frozenset("–‒—-•·▪●○◦∙")
_OPENERS = frozenset("(（[【「『“‘《〈")
# what may not begin a line (closing brackets, punctuation, the solidus): it travels with what precedes
_CLOSERS = frozenset(")）]】」』”’》〉，。、；：！？,.;:!?/／%％")


def _first_unit(text: str) -> int:
    """Length of what a line breaker would have moved as one piece from the start of *text* (at least 1).

    Opening brackets stay with what follows and closing punctuation with what
    precedes; a Han character stands alone (but takes a ``/`` and the Latin run
    after it along: ``信/ICT``); other text runs to the first space, or through
    the first ``/`` or ``-`` (breaks are allowed after them).
    """
    i, n = 0, len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    if i < n and _is_wide(text[i]):
        i += 1
        if i + 1 < n and text[i] in "/／" and not text[i + 1].isspace() and not _is_wide(text[i + 1]):
            # "信/ICT": browsers keep a slash and the Latin run after it with the Han character before it
            i += 1
            while i < n and text[i] not in " \t" and not _is_wide(text[i]):
                i += 1
    else:
        while i < n and text[i] not in " \t" and not _is_wide(text[i]):
            i += 1
            if text[i - 1] in "/-":
                break
    while i < n and text[i] in _CLOSERS:
        i += 1
    return max(i, 1)


def _head_width(line: PdfLine, text: str) -> float:
    """Width (points) of the line's first unbreakable piece: measured, or estimated from the line's width."""
    if line.head > 0:
        return line.head
    wide = sum(1 for c in text if _is_wide(c))
    narrow = len(text) - wide
    total = max(line.x1 - line.x0, 0.1)
    narrow_w = (total - wide * line.size) / narrow if narrow and total > wide * line.size else line.size * 0.5
    return sum(line.size if _is_wide(c) else narrow_w for c in text[: _first_unit(text)])


def _is_keyword_line(text: str) -> bool:
    """A short line that is a section keyword (``做出决议``, ``resolves``), perhaps with its addressee."""
    if len(text) > 60 or text[-1] in ".;。；":
        return False
    return match_keyword(text, Lang.ZH if _is_wide(text[0]) else Lang.EN) is not None


def _starts_item(text: str) -> bool:
    """Does the text begin with an item label (not a year in brackets such as ``2026),``)?"""
    label = match_label(text)
    return label is not None and sum(c.isdigit() for c in label.text) <= 3


def _footnotes(notes: dict[int, list[PdfLine]], words: Counter[str]) -> list[_Note]:
    """The footnotes of every page, as the parser reads them: ``¹ These include…``.

    A line that starts with a mark starts a footnote; the lines after it carry it
    on, as do the mark-less first lines of the next page's footnote zone (a
    footnote continued over a page break).
    """
    marks: list[tuple[int, str]] = []
    bodies: list[str] = []
    for page in sorted(notes):
        for line in notes[page]:
            text = _settle(_line_text(line.text, words), True).strip()
            if _TEXT_RULE.match(text):
                text = _TEXT_RULE.sub("", text, count=1)
            if not text:
                continue
            m = _FN_MARK.match(text)
            if m:
                marks.append((page, m.group("mark").translate(_SUPER_DIGITS)))
                bodies.append(text[m.end() :])
            elif bodies:
                bodies[-1] = _join(bodies[-1], text, words)
            else:
                marks.append((page, ""))
                bodies.append(text)
    out = []
    for (page, mark), body in zip(marks, bodies):
        sup = mark.translate(_TO_SUPER)
        out.append(_Note(page, mark, f"{sup} {body}" if sup else body))
    return out


def read_pdf(source: str | os.PathLike[str] | bytes, *, password: str | None = None) -> PdfText:
    """The text of a PDF with a text layer, paragraphs rebuilt (see the module docstring).

    *source* is a path or the file's bytes. Raises :class:`~resdiff._errors.InputError`
    for a scan (no text at all), an encrypted or a damaged file, and
    :class:`~resdiff._errors.DependencyError` when pypdfium2 is not installed.
    """
    name = os.fspath(source) if not isinstance(source, bytes) else "<bytes>"
    lines, rules, pages, width = extract_lines(source, name=name, password=password)
    if pages == 0:
        raise InputError(f"{name}: the PDF has no pages")
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{name}: the PDF has no text layer (a scan?); give a PDF with text or its text")
    empty = sorted(set(range(pages)) - {line.page for line in lines})
    if empty:
        shown = ", ".join(str(p + 1) for p in empty[:10]) + (", …" if len(empty) > 10 else "")
        warnings.warn(f"{name}: no text on page{'s' if len(empty) > 1 else ''} {shown} (scanned?)", ResdiffWarning, 2)
    result = rebuild(lines, rules, pages=pages, width=width)
    return PdfText(result.text, pages, name, result.removed, result.footnotes)
