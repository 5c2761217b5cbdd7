"""Pass 1 of the parser: what each line is, read from its text alone.

A text is cut into trimmed non-blank lines (:func:`split_lines`), and each
line is classified on its own (:func:`classify`): is it a heading, a proposal
line, an annex heading, a Summary or Reasons line, a footnote body, a keyword
line; does it start with an item label? The answer is a :class:`Line`, whose
offsets count from the line's start. Lines with the same text classify the
same, so :func:`classify_lines` reads each distinct text once and shares the
result through a :data:`LineMemo`; :func:`resdiff._parse.parse_quietly` lets
the two parses of a comparison share one memo.

In a hard-wrapped text (:func:`wrap_width`, decided once per document) the
continuation lines of a paragraph are joined to it (:func:`join_wrapped`): the
joined span keeps its line breaks.

The structure pass that turns these lines into blocks is :mod:`resdiff._parse`.

>>> line = classify("a)\\tthe text;", False, Lang.EN)
>>> line.label.text, line.label.body, line.end, line.kw
('a)', 3, 12, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff import _lexicon as lx
from resdiff._model import Lang
from resdiff._normalize import MATCH_TABLE

__all__ = [
    "CJK",
    "CLAUSE_END",
    "COMMA_END",
    "MAX_KEYWORD_LINE",
    "MAX_KEYWORD_LINE_CJK",
    "MAX_STRUCT_LINE",
    "TERMINAL",
    "WRAP_CLAUSE_END_SHARE",
    "WRAP_CONTINUED_SHARE",
    "WRAP_MAX_WIDTH",
    "WRAP_MAX_WIDTH_ZH",
    "WRAP_MIN_LINES",
    "WRAP_MIN_WORD_NUMBER",
    "WRAP_MIN_WIDTH",
    "WRAP_MIN_WIDTH_ZH",
    "WRAP_SHARE",
    "WRAP_TOLERANCE",
    "Line",
    "LineMemo",
    "classify",
    "classify_lines",
    "join_wrapped",
    "raw_lines",
    "split_lines",
    "wrap_width",
]

# ---------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------

#: Longest line (chars) that can be a structural line (heading, keyword line,
#: proposal line, annex heading). Body paragraphs are longer; this bounds the
#: regex work per line.
MAX_STRUCT_LINE = 300
#: Longest keyword line (section heading), in chars, for CJK and for other scripts.
MAX_KEYWORD_LINE_CJK = 60
MAX_KEYWORD_LINE = 200

# Hard-wrapped text (see wrap_width and join_wrapped). A document is wrapped when most of
# its long lines end near one width W and few of those end a clause.
#: The widths (chars) a wrapped text may be wrapped at: e-mail and PDF copies wrap at
#: 60-80 characters; a Chinese line holds 30-45 characters (60-90 columns).
WRAP_MIN_WIDTH = 60
WRAP_MAX_WIDTH = 80
WRAP_MIN_WIDTH_ZH = 30
WRAP_MAX_WIDTH_ZH = 45
#: How far (chars) short of the width W a wrapped line may end: the window is W - WRAP_TOLERANCE..W.
WRAP_TOLERANCE = 8
#: The least share of the lines at least W - WRAP_TOLERANCE long that end in the window
#: (a ratio, 0-1): below it the text is laid out a paragraph a line.
WRAP_SHARE = 0.6
#: The greatest share of the lines near W that end a clause (a ratio, 0-1): a text laid
#: out a paragraph a line ends most of its lines with punctuation, a wrapped text few.
WRAP_CLAUSE_END_SHARE = 0.3
#: The least share of the lines near W that end no clause (a ratio, 0-1) whose next line
#: has no structure of its own (no label, keyword, heading…): in a wrapped text most do.
WRAP_CONTINUED_SHARE = 0.5
#: The fewest lines near W (a count) for a text to be read as wrapped.
WRAP_MIN_LINES = 6
#: The least number (a count) that, at the start of a wrapped line, is a number of the
#: running text ("1994) established") and not an item label.
WRAP_MIN_WORD_NUMBER = 100

# ---------------------------------------------------------------------------
# Line-level patterns
# ---------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]+")
# Export artefacts before the real text: Word bookmarks, markdown heading marks.
_PREFIX = re.compile(r"(?:\[bookmark:[^\]\r\n]*\][ \t]*|#{1,6}[ \t]+)+")
_EMPH = re.compile(r"(\*{1,2}|_{1,2})(?=\S)(.*\S)\1")
_GLUED_FN = re.compile(r"(?<=\s)\[\d{1,3}:[ \t]")
_FN_EXPORT = re.compile(r"\[(?P<mark>\d{1,3}):[ \t]*(?:(?P=mark)[ \t]+)?")
_FN_SUPER = re.compile(r"(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)[ \t\u00a0\u3000]*(?=\S)")
_SUMMARY = re.compile(r"(?:摘要|概要|summary|abstract|résumé|resumen|резюме|аннотация|ملخص|الملخص)\s*[:：]", re.I)
_REASONS = re.compile(r"(?:理由|reasons?|motifs?|motivos?|основания|причины|الأسباب|الاسباب)\s*[:：]", re.I)
_ANNEX = re.compile(
    r"(?:(?:第\s*[^号\s]{1,10}\s*号\s*(?:决议|决定)\s*)?附件(?:\s*[0-9A-Z一二三四五六七八九十]{1,3})?(?:\s*[:：].{0,60})?"
    r"|(?:annexe?|anexo|приложение|الملحق|ملحق)(?:\s+(?:\d{1,3}|[A-Z]|[IVX]{1,5}))?"
    r"(?:\s*(?:[:：—–-]|\s(?:to|à|al|de|del|к|ل)\b).{0,150})?)",
    re.I,
)
_PAREN_LINE = re.compile(r"[(（](?P<inner>.*)[)）]", re.S)  # re.S: a wrapped line holds line breaks
# PDF-conversion artefacts. A footnote rule: a line of underscores (the structure pass
# decides whether numbered footnotes follow it). A page footer: a URL alone, or a
# document's file name or path alone, perhaps with its "(450123)" number.
_RULE = re.compile(r"_{5,}")
_FOOTER = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?:[A-Za-z]:\\|\\\\)[^\r\n]*?\.(?:docx?|pdf|rtf)(?:[ \t\u00a0]{1,4}\(\d{1,9}\))?"
    r"|\S+\.(?:docx?|pdf|rtf)(?:[ \t\u00a0]{1,4}\(\d{1,9}\))?",
    re.I,
)
# _FOOTER's pre-checks (see _maybe_footer): a URL's first letter, a file name's last
# character, and where its extension lies: within ".docx", 4 spaces and "(123456789)" of the end.
# Strings, not sets: a line's last character is a new string, and hashing it for a set
# lookup costs more than scanning seven characters.
_FOOTER_FIRST = "wWhH\\"
_ARTEFACT_FIRST = "_" + _FOOTER_FIRST  # a rule's first character, or a footer's
_FOOTER_LAST = "cCxXfF)"
_DRIVE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"  # "P:\…"
_FOOTER_TAIL = 20
#: What ends a line that leads into more (an opening line, a section's last item).
COMMA_END = ",，،"
#: What ends a sentence or an item that is not a section's last.
TERMINAL = ";；。.؛"
#: What ends a clause for the wrapped-text test: a line of a wrapped paragraph that ends
#: with one of these is not joined to the next (a comma may end a wrapped line).
CLAUSE_END = TERMINAL + ":："
#: A CJK character (punctuation included): such lines get the shorter keyword-line limit.
CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
# A character that is a word of its own for wrapping: CJK, or a full-width form.
_WIDE = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")
# First-character pre-checks: each is a necessary condition for the regex it guards,
# so lines that fail it (most body lines) skip that regex.
_SUPERSCRIPTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")  # _FN_SUPER
_PROPOSAL_FIRST = frozenset("(ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # PROPOSAL_RE (or whitespace)
#: _ANNEX (case-insensitive, so compared lower-cased): the first letters of its words.
_ANNEX_FIRST = frozenset(w[0] for w in ("第", "附件", "annex", "anexo", "приложение", "الملحق", "ملحق"))
#: Whitespace for trimming lines: exactly the characters of str.isspace() plus the BOM,
#: listed so that the hot loops can test set membership instead of calling a function.
_WS = frozenset(
    " \t\n\r\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\ufeff"
    "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
)

# ---------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    """What a line is, read from its text alone: offsets count from the line's start.

    Lines with the same text classify the same, so each distinct line is
    classified once per parse (once per comparison: its two parses share the
    results) and the result is shared by every line with that text. Nothing
    changes a Line after :func:`classify` returns it.
    """

    end: int  # the trimmed line's length
    core: int  # after export artefacts (bookmarks, markdown '#')
    core_end: int
    fn: tuple[str, str, int, int] | None = None  # (mark, label, body start, body end)
    proposal: tuple[str | None, str | None] | None = None  # (symbol, id text)
    heading: lx.HeadingMatch | None = None
    annex: bool = False
    summary: bool = False
    reasons: bool = False
    label: lx.Label | None = None
    kw: lx.KeywordMatch | None = None  # the keyword of a keyword line (decision=False), reused for the section
    paren: str | None = None  # the inside of a fully parenthesised line
    comma_end: bool = False
    rule: bool = False  # a line of underscores: a footnote rule when numbered lines follow
    footer: bool = False  # a page footer of a PDF conversion (a URL or a file name alone)


def raw_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of _LINE's matches: the runs of text between line breaks."""
    if "\r" in text:
        return [m.span() for m in _LINE.finditer(text)]
    # Only "\n" breaks (the usual case): str.split is several times faster than finditer.
    spans = []
    start = 0
    for piece in text.split("\n"):
        end = start + len(piece)
        if end > start:
            spans.append((start, end))
        start = end + 1
    return spans


def split_lines(text: str) -> list[tuple[int, int, bool]]:
    """Non-blank lines as trimmed (start, end, is_glued_footnote) spans."""
    out: list[tuple[int, int, bool]] = []
    ws = _WS
    for s, e in raw_lines(text):
        while s < e and text[s] in ws:
            s += 1
        while e > s and text[e - 1] in ws:
            e -= 1
        if s >= e:
            continue
        # Footnote bodies the export glued onto the end of a line: "…目标； [1: 1 \ttext]".
        if text[e - 1] == "]" and "[" in text[s:e]:
            fm = _GLUED_FN.search(text, s, e)
            if fm is not None:
                cut = fm.start()
                main_end = cut
                while main_end > s and text[main_end - 1] in ws:
                    main_end -= 1
                if main_end > s:
                    out.append((s, main_end, False))
                starts = [m2.start() for m2 in _GLUED_FN.finditer(text, cut, e)]
                for i, fs in enumerate(starts):
                    fe = starts[i + 1] if i + 1 < len(starts) else e
                    while fe > fs and text[fe - 1] in ws:
                        fe -= 1
                    out.append((fs, fe, True))
                continue
        out.append((s, e, False))
    return out


def wrap_width(text: str, spans: list[tuple[int, int, bool]], lines: list[Line], lang: Lang) -> int | None:
    """The width W (chars) the text is hard-wrapped at, or None when it is not wrapped.

    Decided once per document from the line lengths: W (in WRAP_MIN_WIDTH..WRAP_MAX_WIDTH,
    for Chinese WRAP_MIN_WIDTH_ZH..WRAP_MAX_WIDTH_ZH) is the width whose window
    W - WRAP_TOLERANCE..W holds the most line ends. The text is wrapped when at least
    WRAP_MIN_LINES lines end in that window, they are at least WRAP_SHARE of the lines
    that reach the window, at most WRAP_CLAUSE_END_SHARE of them end a clause
    (CLAUSE_END), and at least WRAP_CONTINUED_SHARE (and at least one) of the others that
    may continue (not headings, history lines…) are followed by a line with no label,
    keyword or other structure of its own.
    """
    tol = WRAP_TOLERANCE
    bottom, top = (WRAP_MIN_WIDTH_ZH, WRAP_MAX_WIDTH_ZH) if lang is Lang.ZH else (WRAP_MIN_WIDTH, WRAP_MAX_WIDTH)
    counts = [0] * (top + 2)  # counts[n]: lines n chars long (n = top + 1: longer)
    for s, e, _ in spans:
        n = e - s
        counts[n if n <= top else top + 1] += 1
    width, near = 0, -1
    for w in range(bottom, top + 1):
        c = sum(counts[w - tol : w + 1])
        if c > near:
            width, near = w, c
    low = width - tol
    if near < WRAP_MIN_LINES or near < WRAP_SHARE * sum(counts[low:]):
        return None
    clause_ends = open_ends = continued = 0
    last = len(spans) - 1
    for i, (s, e, glued) in enumerate(spans):
        if low <= e - s <= width:
            if text[e - 1] in CLAUSE_END:
                clause_ends += 1
            elif i < last and _may_continue(glued, lines[i]):
                open_ends += 1
                nxt = lines[i + 1]
                continued += nxt.label is None and nxt.kw is None and not _structural(nxt, text, spans[i + 1][0], e)
    if clause_ends > WRAP_CLAUSE_END_SHARE * near or continued < max(1, WRAP_CONTINUED_SHARE * open_ends):
        return None
    return width


def _structural(line: Line, text: str, s: int, prev_end: int) -> bool:
    """Whether a line starts a structural unit of its own after a full line that ends no
    clause (the line before it, ending at *prev_end*), so it does not continue that line.

    A label starts one, unless it is a number of WRAP_MIN_WORD_NUMBER or more, or a
    number that a parenthesis or a comma follows: words the wrapping put first ("1994)
    established", "2024),", "22 (Rev. Geneva"). A keyword line starts one only after a
    comma (a long paragraph's first line can look like a keyword line).
    """
    lab = line.label
    if lab is not None and not (lab.kind is lx.LabelKind.NUMBER and _number_word(lab, text, s)):
        return True
    if line.kw is not None and text[prev_end - 1] in COMMA_END:
        return True
    return bool(
        line.heading
        or line.proposal
        or line.annex
        or line.fn
        or line.reasons
        or line.summary
        or line.rule
        or line.footer
        or line.paren is not None
    )


def _number_word(lab: lx.Label, text: str, s: int) -> bool:
    """Whether a number label is a number in running text rather than a label."""
    if lab.key.isdigit() and int(lab.key) >= WRAP_MIN_WORD_NUMBER:
        return True
    after = text[s + lab.body : s + lab.body + 1]
    return after in ("(", "（", ",", "，")


def join_wrapped(
    text: str, spans: list[tuple[int, int, bool]], lines: list[Line], lang: Lang, memo: dict[str, Line], width: int
) -> tuple[list[tuple[int, int, bool]], list[Line]]:
    """The spans and Lines of a text wrapped at *width* (see wrap_width), continuation lines joined.

    Line B continues line A when A is not a heading, proposal, annex, footnote rule or page
    footer, A is long enough that B's first word would not have fitted after it (A + space
    + word > width), B does not start a structural unit (see _structural), and A ends no
    clause (CLAUSE_END). A semicolon is looked through in a section whose items are
    labelled when B has no label: there an unlabelled line is the rest of a sentence
    ("…outcomes; / however, it shall…"). A joined span runs from A's start to B's end, so
    the line break stays in the block's text.
    """
    out_spans: list[tuple[int, int, bool]] = []
    out_lines: list[Line] = []
    prev_end = -1  # the end of the last physical line of the last output span, when it may continue
    joined = False
    labelled = False  # a labelled line since the last keyword line
    for (s, e, glued), line in zip(spans, lines):
        if prev_end >= 0 and not glued and _continues(text, s, e, line, prev_end, width, labelled):
            out_spans[-1] = (out_spans[-1][0], e, False)
            joined = True
            prev_end = e
            continue
        if joined:
            _reclassify(text, out_spans, out_lines, lang, memo)
            joined = False
        out_spans.append((s, e, glued))
        out_lines.append(line)
        if line.kw is not None:
            labelled = False
        elif line.label is not None:
            labelled = True
        prev_end = e if _may_continue(glued, line) else -1
    if joined:
        _reclassify(text, out_spans, out_lines, lang, memo)
    return out_spans, out_lines


def _continues(text: str, s: int, e: int, line: Line, prev_end: int, width: int, labelled: bool) -> bool:
    """Whether the line at s..e continues the line that ends at *prev_end* (see join_wrapped)."""
    last = text[prev_end - 1]
    if last in CLAUSE_END and not (last in ";；" and labelled and line.label is None):
        return False
    if _structural(line, text, s, prev_end):
        return False
    return prev_end - _line_start(text, prev_end) + 1 + _first_word(text, s, e) > width


def _may_continue(glued: bool, line: Line) -> bool:
    """Whether the next line may continue this one: not a heading, proposal, annex, history
    (a parenthesised line) or artefact line. (A keyword line may: a wrapped paragraph's
    first line can look like one, and a long section heading wraps too.)"""
    return not (
        glued or line.heading or line.proposal or line.annex or line.rule or line.footer or line.paren is not None
    )


def _reclassify(
    text: str, spans: list[tuple[int, int, bool]], lines: list[Line], lang: Lang, memo: dict[str, Line]
) -> None:
    """Classify the last span again: it was joined from several lines."""
    s, e, _ = spans[-1]
    piece = text[s:e]
    line = memo.get(piece)
    if line is None:
        line = memo[piece] = classify(piece, False, lang)
    lines[-1] = line


def _line_start(text: str, end: int) -> int:
    """Where the trimmed line ending at *end* starts."""
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    ws = _WS
    while start < end and text[start] in ws:
        start += 1
    return start


def _first_word(text: str, s: int, e: int) -> int:
    """The length of the line's first word: up to white space or a CJK or full-width
    character; one for a line that starts with such a character."""
    ws = _WS
    i = s
    while i < e and text[i] not in ws and not _WIDE.match(text, i):
        i += 1
    return max(i - s, 1)


def classify_lines(text: str, spans: list[tuple[int, int, bool]], lang: Lang, memo: dict[str, Line]) -> list[Line]:
    """The Line of each span, classifying each distinct line text once (see Line)."""
    lines: list[Line] = []
    append = lines.append
    known = memo.get
    for s, e, glued_fn in spans:
        text_of_line = text[s:e]
        if glued_fn:  # a footnote the export glued on: rare, and read differently
            append(classify(text_of_line, True, lang))
            continue
        line = known(text_of_line)
        if line is None:
            line = memo[text_of_line] = classify(text_of_line, False, lang)
        append(line)
    return lines


def classify(text: str, glued_fn: bool, lang: Lang) -> Line:
    """Classify one trimmed line; offsets in the result count from its start."""
    e = len(text)
    pm = _PREFIX.match(text) if text[0] in "[#" else None
    core = pm.end() if pm else 0
    core_end = e
    if core < e and text[core] in "*_":
        em = _EMPH.fullmatch(text, core, e)
        if em:
            core, core_end = em.start(2), em.end(2)
    line = Line(e, core, core_end)
    c = text if core == 0 and core_end == e else text[core:core_end]
    if not c:
        return line
    c0 = c[0]
    # Footnote bodies.
    if glued_fn or c.startswith("["):
        fm = _FN_EXPORT.match(c)
        if fm and (glued_fn or c.endswith("]")):
            b_end = core_end - 1 if c.endswith("]") else core_end
            b_start = min(core + fm.end(), b_end)
            line.fn = (fm.group("mark"), fm.group("mark"), b_start, b_end)
            return line
    fm = _FN_SUPER.match(c) if c0 in _SUPERSCRIPTS else None
    if fm:
        line.fn = (fm.group("mark"), fm.group("mark"), core + fm.end(), core_end)
        return line
    short = len(c) <= MAX_STRUCT_LINE
    last = c[-1]
    # PDF-conversion artefacts, behind one cheap test that most lines fail.
    if c0 in _ARTEFACT_FIRST or last in _FOOTER_LAST:
        if c0 == "_":
            if _RULE.fullmatch(c):
                line.rule = True
                return line
        elif short and _maybe_footer(c):
            line.footer = True
            return line
    elif c0 in _DRIVE_LETTERS and c[1:2] == ":" and short and _maybe_footer(c):
        line.footer = True
        return line
    line.comma_end = last in COMMA_END
    if short:
        pm2 = lx.PROPOSAL_RE.fullmatch(c) if c0 in _PROPOSAL_FIRST or c0.isspace() else None
        if pm2 and (pm2.group("sym1") or pm2.group("pid") or pm2.group("sym2")) and not (
            pm2.group("sym1") and pm2.group("sym2")
        ):
            line.proposal = (pm2.group("sym1") or pm2.group("sym2"), pm2.group("pid"))
            return line
        line.heading = lx.match_heading(c)
        if line.heading:
            return line
        if c0.lower() in _ANNEX_FIRST and _ANNEX.fullmatch(c) and last not in ".;。；":
            line.annex = True
            return line
    # Summary and Reasons lines need a colon after their word.
    if ":" in c or "：" in c:
        if _SUMMARY.match(c):
            line.summary = True
        if _REASONS.match(c):
            line.reasons = True
    # Matched in the line itself (bounded to the core), so the offsets count from the line's start.
    lab = line.label = lx.match_label(text, core, core_end)
    if short:
        pl = _PAREN_LINE.fullmatch(c) if c0 in "(（" and last in ")）" else None
        if pl:
            line.paren = pl.group("inner")
        elif lab is None and c0.translate(MATCH_TABLE).lower() in lx.KEYWORD_STARTS[lang] and _keyword_shape(c):
            line.kw = lx.match_keyword(c, lang)
    return line


def _maybe_footer(c: str) -> bool:
    """Whether _FOOTER matches the whole of ``c``, with the regex asked only when a cheap
    necessary condition holds: a URL's start, a path's start, or a file extension at the end."""
    if c[:4].lower() in ("www.", "http") or c[0] == "\\" or c[1:3] == ":\\":
        return _FOOTER.fullmatch(c) is not None
    if c[-1] not in _FOOTER_LAST:
        return False
    tail = c[-_FOOTER_TAIL:].lower()
    return (".doc" in tail or ".pdf" in tail or ".rtf" in tail) and _FOOTER.fullmatch(c) is not None


def _keyword_shape(c: str) -> bool:
    """The keyword-line test without the keyword: short, no terminal punctuation."""
    if c[-1] in TERMINAL:
        return False
    limit = MAX_KEYWORD_LINE_CJK if CJK.search(c) else MAX_KEYWORD_LINE
    return len(c) <= limit


#: Line classifications by language, shared by parses (see :class:`Line`).
LineMemo = dict[Lang, dict[str, Line]]
