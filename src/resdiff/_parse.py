"""Text -> :class:`~resdiff._model.Document`: lines become blocks with roles and stable ids.

Two passes over the lines. The first looks at each line alone (is it a
heading, a proposal line, a keyword line, does it start with a label?); the
second walks the lines in order with a small state machine (summary ->
proposal -> heading -> title/history -> opening -> sections and items ->
annexes -> Reasons) and builds the blocks, sections, footnotes and
proposals. Spans point into the text as given; nothing is stripped or copied
that cannot be checked against it. The rules are written up in
``docs/parsing.md``.

>>> doc = parse("RESOLUTION 68 (Rev. New Delhi, 2024)\\nTitle\\nconsidering\\na)\\tthe text;")
>>> [(b.id, b.role.value) for b in doc.blocks]
[('heading', 'heading'), ('title', 'title'), ('sec_1', 'section'), ('sec_1__item_a', 'item')]
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

from resdiff import _lexicon as lx
from resdiff._errors import InputError, ResdiffWarning
from resdiff._model import (
    Block,
    DocType,
    Document,
    Footnote,
    Heading,
    Lang,
    Meeting,
    Opening,
    Proposal,
    ProposalId,
    ProposalSymbol,
    Role,
    Section,
    SectionKind,
    Span,
)
from resdiff._normalize import MATCH_TABLE

__all__ = ["detect_lang", "parse"]

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
#: How many lines after the heading may be title lines before the parser gives
#: up waiting for the opening line and reads sections.
MAX_TITLE_LINES = 3
#: Characters sampled for language detection: the script from the first
#: SCRIPT_SAMPLE, the stop words (en/fr/es) from the same characters when one
#: language has DECISIVE_HITS of them and three times the next, else from the
#: first LANG_SAMPLE.
LANG_SAMPLE = 20_000
SCRIPT_SAMPLE = 4_000
DECISIVE_HITS = 20

# ---------------------------------------------------------------------------
# Line-level patterns
# ---------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]+")
_BREAK = re.compile(r"\r\n|\r|\n")
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
_PAREN_LINE = re.compile(r"[(（](?P<inner>.*)[)）]")
_OPENING_TAIL = re.compile(r"[(（](?P<inner>[^()（）]*)[)）][ \t]*[,，،]$")
_COMMA_END = ",，،"
_TERMINAL = ";；。.؛"
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
# First-character pre-checks: each is a necessary condition for the regex it guards,
# so lines that fail it (most body lines) skip that regex.
_SUPERSCRIPTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")  # _FN_SUPER
_PROPOSAL_FIRST = frozenset("(ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # PROPOSAL_RE (or whitespace)
#: _ANNEX (case-insensitive, so compared lower-cased): the first letters of its words.
_ANNEX_FIRST = frozenset(w[0] for w in ("第", "附件", "annex", "anexo", "приложение", "الملحق", "ملحق"))
_BODY_WORDS = re.compile(
    r"conference|assembly|council|大会|全会|理事会|conférence|assemblée|conseil|conferencia|asamblea|consejo"
    r"|конференция|ассамблея|совет|مؤتمر|الجمعية|المجلس",
    re.I,
)
#: Whitespace for trimming lines: exactly the characters of str.isspace() plus the BOM,
#: listed so that the hot loops can test set membership instead of calling a function.
_WS = frozenset(
    " \t\n\r\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\ufeff"
    "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
)


# ---------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------

# Runs of a script's letters: counting letters as the total length of the runs
# costs one match per word instead of one per letter.
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
_CYR = re.compile(r"[\u0400-\u04ff]+")
_ARAB = re.compile(r"[\u0600-\u06ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_NON_LATIN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u0400-\u04ff\u0600-\u06ff]")  # _HAN, _CYR, _ARAB
_WORD = re.compile(r"[a-zà-ÿ]+")
_STOPWORDS = {
    Lang.EN: frozenset("the of and to in that is for with by on this be are which as resolves considering instructs".split()),
    Lang.FR: frozenset("le les des du et une pour dans par sur est au aux considérant décide charge".split()),
    Lang.ES: frozenset("el los las del y una para por con se su al es considerando resuelve encarga".split()),
}


def detect_lang(text: str) -> Lang:
    """Guess the language from the script, and for Latin script from common words.

    >>> detect_lang("第2号决议"), detect_lang("considérant que la Conférence"), detect_lang("")
    (<Lang.ZH: 'zh'>, <Lang.FR: 'fr'>, <Lang.EN: 'en'>)
    """
    sample = text[:LANG_SAMPLE]
    script = sample[:SCRIPT_SAMPLE]  # a script shows at once; stop words need more text
    if _NON_LATIN.search(script):  # one scan decides that the three counts below are all 0
        counts = {
            Lang.ZH: _letters(_HAN, script),
            Lang.RU: _letters(_CYR, script),
            Lang.AR: _letters(_ARAB, script),
        }
        latin = _letters(_LATIN, script)
        best = max(counts, key=lambda k: counts[k])
        if counts[best] and counts[best] * 5 >= latin:
            return best
    # the stop words of the script sample settle most texts; the rest get the whole sample
    hits = _stop_word_hits(script)
    first, second = sorted(hits.values(), reverse=True)[:2]
    if len(sample) > len(script) and not (first >= DECISIVE_HITS and first >= 3 * second):
        hits = _stop_word_hits(sample)
    top = max(hits, key=lambda k: hits[k])
    return top if hits[top] > hits[Lang.EN] else Lang.EN


def _stop_word_hits(text: str) -> dict[Lang, int]:
    words = Counter(_WORD.findall(text.lower()))
    return {lang: sum(words[w] for w in stop if w in words) for lang, stop in _STOPWORDS.items()}


def _letters(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the run pattern ``runs`` covers."""
    return sum(map(len, runs.findall(text)))


def _coerce_lang(lang: Lang | str | None) -> Lang | None:
    if lang is None or isinstance(lang, Lang):
        return lang
    if isinstance(lang, str):
        try:
            return Lang(lang.strip().lower())
        except ValueError:
            pass
    choices = ", ".join(item.value for item in Lang)
    raise InputError(f"unknown language {lang!r}: expected one of {choices} or None for automatic detection")


# ---------------------------------------------------------------------------
# Pass 1: lines
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    """What a line is, read from its text alone: offsets count from the line's start.

    Lines with the same text classify the same, so each distinct line is
    classified once per parse (once per comparison: its two parses share the
    results) and the result is shared by every line with that text. Nothing
    changes a _Line after :func:`_classify` returns it.
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


def _raw_lines(text: str) -> list[tuple[int, int]]:
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


def _split_lines(text: str) -> list[tuple[int, int, bool]]:
    """Non-blank lines as trimmed (start, end, is_glued_footnote) spans."""
    out: list[tuple[int, int, bool]] = []
    ws = _WS
    for s, e in _raw_lines(text):
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


def _classify_lines(text: str, spans: list[tuple[int, int, bool]], lang: Lang, memo: dict[str, _Line]) -> list[_Line]:
    """The _Line of each span, classifying each distinct line text once (see _Line)."""
    lines: list[_Line] = []
    append = lines.append
    known = memo.get
    for s, e, glued_fn in spans:
        text_of_line = text[s:e]
        if glued_fn:  # a footnote the export glued on: rare, and read differently
            append(_classify(text_of_line, True, lang))
            continue
        line = known(text_of_line)
        if line is None:
            line = memo[text_of_line] = _classify(text_of_line, False, lang)
        append(line)
    return lines


def _classify(text: str, glued_fn: bool, lang: Lang) -> _Line:
    """Classify one trimmed line; offsets in the result count from its start."""
    e = len(text)
    pm = _PREFIX.match(text) if text[0] in "[#" else None
    core = pm.end() if pm else 0
    core_end = e
    if core < e and text[core] in "*_":
        em = _EMPH.fullmatch(text, core, e)
        if em:
            core, core_end = em.start(2), em.end(2)
    line = _Line(e, core, core_end)
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
    line.comma_end = c[-1] in _COMMA_END
    short = len(c) <= MAX_STRUCT_LINE
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
        if c0.lower() in _ANNEX_FIRST and _ANNEX.fullmatch(c) and c[-1] not in ".;。；":
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
        pl = _PAREN_LINE.fullmatch(c) if c0 in "(（" and c[-1] in ")）" else None
        if pl:
            line.paren = pl.group("inner")
        elif lab is None and c0.translate(MATCH_TABLE).lower() in lx.KEYWORD_STARTS[lang] and _keyword_shape(c):
            line.kw = lx.match_keyword(c, lang)
    return line


def _keyword_shape(c: str) -> bool:
    """The keyword-line test without the keyword: short, no terminal punctuation."""
    if c[-1] in _TERMINAL:
        return False
    limit = MAX_KEYWORD_LINE_CJK if _CJK.search(c) else MAX_KEYWORD_LINE
    return len(c) <= limit


# ---------------------------------------------------------------------------
# Pass 2: structure
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    index: int
    id: str
    level: int
    kind: str  # label kind: letter / roman / number / decimal / bullet / none
    key: str
    colon: bool  # text ends with ':' / '：' (introduces sub-items)


@dataclass(slots=True)
class _Sec:
    index: int
    id: str
    kind: SectionKind
    heading: str
    keyword: str
    addressee: str
    block: int
    items: list[int] = field(default_factory=list)
    top_kind: str | None = None
    last_top: _Item | None = None
    last_item: _Item | None = None
    counters: dict[tuple[str, str], int] = field(default_factory=dict)  # (parent id, kind) -> count
    last_text_end: str = ""


@dataclass(slots=True)
class _Prop:
    symbol: ProposalSymbol | None
    id: ProposalId | None
    block: int
    reasons: list[int] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, lang: Lang, source: str, memo: dict[str, _Line]) -> None:
        self.text = text
        self.lang = lang
        self.source = source
        self.memo = memo  # line text -> its _Line, shared with other parses (see _Line)
        self.at = 0  # where the line being read starts: the _Line offsets count from here
        self.blocks: list[Block] = []
        self.ids: set[str] = set()
        self.warnings: list[str] = []
        self.sections: list[_Sec] = []
        self.proposals: list[_Prop] = []
        self.footnotes: list[Footnote] = []
        self.annexes: list[int] = []
        self.summary: list[int] = []
        self.heading: Heading | None = None
        self.title: int | None = None
        self.history: tuple[Meeting, ...] = ()
        self.history_block: int | None = None
        self.opening: Opening | None = None
        self.counts = {"para": 0, "reasons": 0, "fn": 0, "annex": 0, "proposal": 0}
        self._next_suffix: dict[str, int] = {}

    # -- helpers ----------------------------------------------------------

    def _uid(self, base: str) -> str:
        if base not in self.ids:
            self.ids.add(base)
            return base
        # resume counting where this base stopped: a base repeated k times costs O(k), not O(k²)
        n = self._next_suffix.get(base, 2)
        while f"{base}_{n}" in self.ids:
            n += 1
        uid = f"{base}_{n}"
        self._next_suffix[base] = n + 1
        self.ids.add(uid)
        return uid

    def _add(
        self,
        role: Role,
        line: _Line,
        base: str,
        *,
        body: tuple[int, int] | None = None,
        label: str = "",
        level: int = 0,
        section: int = -1,
    ) -> int:
        start = self.at
        end = start + line.end
        span = Span(start, end)
        # Spans are immutable: a body that is the whole line shares the line's Span.
        body_span = span if body is None or body == (start, end) else Span(body[0], body[1])
        blocks = self.blocks
        # Positional (faster than keywords, one call per line): id, role, span, text, body,
        # label, level, section, proposal (-1 before the first proposal).
        blocks.append(
            Block(self._uid(base), role, span, self.text[start:end], body_span, label, level, section, len(self.proposals) - 1)
        )
        return len(blocks) - 1

    def _core(self, line: _Line) -> str:
        return self.text[self.at + line.core : self.at + line.core_end]

    def _warn(self, message: str) -> None:
        if self.source:
            message = f"{self.source}: {message}"
        self.warnings.append(message)

    def _line_no(self, offset: int) -> int:
        return len(_BREAK.findall(self.text, 0, offset)) + 1

    # -- main -------------------------------------------------------------

    def run(self) -> Document:
        text, lang = self.text, self.lang
        spans = _split_lines(text)
        lines = _classify_lines(text, spans, lang, self.memo)
        section_ok = self._section_lines(lines)
        has_heading = any(ln.heading for ln in lines)
        state = "pre" if has_heading else "body"
        sec: _Sec | None = None
        res_no = 0  # resolutions seen
        res_doc_type: DocType | None = None
        front_titles = 0
        res_opening_seen = False

        for i, line in enumerate(lines):
            self.at = spans[i][0]
            if line.proposal is not None:
                sec = None
                self._proposal_line(line)
                state = "body"
                continue
            if state == "reasons":
                self._reasons(line)
                continue
            if line.reasons:
                sec = None
                state = "reasons"
                self._reasons(line)
                continue
            if line.summary and not self.proposals and res_no == 0 and state in ("pre", "body"):
                state = "summary"
            if state == "summary":
                if line.heading is None and not line.annex:
                    self.summary.append(self._add(Role.SUMMARY, line, "summary"))
                    continue
                state = "body"
            if line.heading is not None:
                sec = None
                res_no += 1
                res_doc_type = line.heading.doc_type
                idx = self._add(Role.HEADING, line, "heading")
                if self.heading is None:
                    h = line.heading
                    self.heading = Heading(h.doc_type, h.number, h.revision, h.meeting, idx)
                state = "front"
                front_titles = 0
                res_opening_seen = False
                continue
            if line.annex:
                sec = None
                self.counts["annex"] += 1
                self.annexes.append(self._add(Role.ANNEX, line, f"annex_{self.counts['annex']}"))
                state = "annex"
                continue
            if line.fn is not None:
                self._footnote(line, sec)
                continue
            if state == "front":
                if line.paren is not None:
                    idx = self._add(Role.HISTORY, line, "history")
                    # only the first resolution's history is recorded (about 80 µs a line to read)
                    if res_no == 1 and self.history_block is None:
                        meetings = lx.meetings_from_history(line.paren)
                        if meetings:
                            self.history, self.history_block = meetings, idx
                    continue
                if line.comma_end and (front_titles or _BODY_WORDS.search(self._core(line))):
                    self._opening(line, res_no == 1)
                    res_opening_seen = True
                    state = "body"
                    continue
                if front_titles == 0 and not section_ok[i]:
                    idx = self._add(Role.TITLE, line, "title")
                    if res_no == 1 and self.title is None:
                        self.title = idx
                    front_titles += 1
                    continue
                if front_titles < MAX_TITLE_LINES and not section_ok[i] and line.label is None:
                    self._add(Role.TITLE, line, "title")
                    front_titles += 1
                    continue
                state = "body"
            if state == "body":
                if section_ok[i]:
                    sec = self._section(line, res_doc_type)
                    continue
                if (
                    sec is None
                    and res_no == 0
                    and not res_opening_seen
                    and not self.sections
                    and line.comma_end
                    and line.label is None
                    and _BODY_WORDS.search(self._core(line))
                    and len(self._core(line)) <= MAX_STRUCT_LINE
                ):
                    self._opening(line, self.opening is None)
                    res_opening_seen = True
                    continue
                if sec is not None:
                    self._maybe_unknown_keyword(lines, i, sec)
                    self._item(line, sec)
                    continue
            self._paragraph(line)

        if not self.sections and self.heading is None and self.blocks:
            self._warn("no resolution structure found; compared as plain paragraphs")
        return self._document()

    # -- pieces -----------------------------------------------------------

    @staticmethod
    def _section_lines(lines: list[_Line]) -> list[bool]:
        """Which keyword lines are section headings: those followed by something that can
        be their item (not another section heading, a heading, an annex, a proposal line,
        Reasons, the end). Computed backwards, so a keyword line before a keyword line
        that is itself only a paragraph still counts."""
        ok = [False] * len(lines)
        nxt_blocks = True  # what follows the current line cannot be an item
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            if line.fn is not None:
                continue
            ok[i] = line.kw is not None and not nxt_blocks
            nxt_blocks = ok[i] or bool(
                line.heading or line.annex or line.proposal or line.reasons or line.summary
            )
        return ok

    def _proposal_line(self, line: _Line) -> None:
        assert line.proposal is not None
        sym_text, pid_text = line.proposal
        symbol = lx.proposal_symbol(sym_text) if sym_text else None
        pid = lx.parse_proposal_id(pid_text) if pid_text else None
        prev = self.proposals[-1] if self.proposals else None
        if (
            prev is not None
            and prev.block == len(self.blocks) - 1
            and ((prev.symbol is None) != (symbol is None))
            and ((prev.id is None) != (pid is None))
        ):
            # "MOD" and "EUR/XX/1" on two lines: one proposal.
            prev.symbol = prev.symbol or symbol
            prev.id = prev.id or pid
            self._add(Role.PROPOSAL, line, f"proposal_{len(self.proposals)}")
            return
        self.proposals.append(_Prop(symbol, pid, len(self.blocks)))
        self._add(Role.PROPOSAL, line, f"proposal_{len(self.proposals)}")

    def _reasons(self, line: _Line) -> None:
        self.counts["reasons"] += 1
        body, label = self._label_body(line)
        idx = self._add(Role.REASONS, line, f"reasons_{self.counts['reasons']}", body=body, label=label)
        if self.proposals:
            self.proposals[-1].reasons.append(idx)

    def _footnote(self, line: _Line, sec: _Sec | None) -> None:
        assert line.fn is not None
        mark, label, b_start, b_end = line.fn
        b_start += self.at
        b_end += self.at
        self.counts["fn"] += 1
        idx = self._add(
            Role.FOOTNOTE,
            line,
            f"fn_{self.counts['fn']}",
            body=(b_start, b_end),
            label=label,
            section=sec.index if sec else -1,
        )
        self.footnotes.append(Footnote(mark, idx))

    def _opening(self, line: _Line, record: bool) -> None:
        idx = self._add(Role.OPENING, line, "opening")
        if not record:
            return
        core = self._core(line)
        m = _OPENING_TAIL.search(core)
        if m:
            body = core[: m.start()]
            meeting = lx.parse_meeting(m.group("inner"))
        else:
            body = core.rstrip(_COMMA_END)
            meeting = None
        body = body.strip()
        if body.startswith("إن "):
            body = body[3:].strip()
        self.opening = Opening(body, meeting, idx)

    def _section(self, line: _Line, doc_type: DocType | None) -> _Sec:
        core = self._core(line)
        # A section line passed the keyword test in _classify; only a decision needs a new match.
        km = lx.match_keyword(core, self.lang, decision=True) if doc_type is DocType.DECISION else line.kw
        assert km is not None
        n = len(self.sections) + 1
        sid = f"sec_{n}"
        idx = self._add(Role.SECTION, line, sid, section=n - 1)
        sec = _Sec(
            index=n - 1,
            id=self.blocks[idx].id,
            kind=km.kind,
            heading=self.blocks[idx].text,
            keyword=core[: km.keyword_end],
            addressee=core[km.addressee_start : km.addressee_end],
            block=idx,
        )
        self.sections.append(sec)
        return sec

    def _label_body(self, line: _Line) -> tuple[tuple[int, int], str]:
        lab = line.label
        at = self.at
        if lab is None or lab.body >= line.end:
            return (at, at + line.end), ""
        return (at + lab.body, at + line.end), lab.text

    def _count(self, sec: _Sec, parent: str, kind: str) -> int:
        key = (parent, kind)
        n = sec.counters[key] = sec.counters.get(key, 0) + 1
        return n

    def _item(self, line: _Line, sec: _Sec) -> None:
        text = self.text
        lab = line.label
        last = text[self.at + line.end - 1]
        colon = last in ":："
        parent: _Item | None = None
        if lab is None:
            if sec.last_top is not None and sec.last_top.colon:
                parent = sec.last_top
            kind = "none"
        elif lab.kind == "bullet":
            parent = sec.last_item
            kind = "bullet"
        else:
            kind = lab.kind
            if kind == "letter" and lx.is_roman(lab.key):
                kind = self._letter_or_roman(sec, lab.key)
            if sec.top_kind is None:
                sec.top_kind = kind
            elif kind != sec.top_kind and sec.last_top is not None:
                parent = sec.last_top
        parent_id = parent.id if parent else sec.id
        level = parent.level + 1 if parent else 0
        if kind == "none":
            key = f"p{self._count(sec, parent_id, 'p')}"
        elif kind == "bullet":
            key = f"d{self._count(sec, parent_id, 'd')}"
        else:
            key = lab.key if lab else ""
        body, label = self._label_body(line)
        idx = self._add(Role.ITEM, line, f"{parent_id}__item_{key}", body=body, label=label, level=level, section=sec.index)
        item = _Item(idx, self.blocks[idx].id, level, kind, key, colon)
        sec.items.append(idx)
        if kind != "bullet":
            sec.last_item = item
        if level == 0 and kind not in ("none", "bullet"):
            sec.last_top = item
        sec.last_text_end = last

    @staticmethod
    def _letter_or_roman(sec: _Sec, key: str) -> str:
        """``i)`` after ``h)`` continues the letters; after any other letter it is roman."""
        top = sec.last_top
        if sec.top_kind is None:
            return "letter" if len(key) == 1 else "roman"
        if top is None or top.kind != "letter":
            return "roman"
        base = re.sub(r"(?:bis|ter|quater)$", "", top.key)
        if len(key) == 1 and base and ord(key) == ord(base[-1]) + 1:
            return "letter"
        return "roman"

    def _maybe_unknown_keyword(self, lines: list[_Line], i: int, sec: _Sec) -> None:
        """Warn about a short unlabelled line between sections that looks like a heading."""
        line = lines[i]
        if line.label is not None or not sec.items or sec.last_text_end not in _COMMA_END:
            return
        core = self._core(line)
        if not core or core[-1] in _TERMINAL + _COMMA_END + ":：":
            return
        cjk = bool(_CJK.search(core))
        if (cjk and len(core) > 12) or (not cjk and (len(core) > 40 or len(core.split()) > 4)):
            return
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or nxt.label is None or nxt.label.kind == "bullet":
            return
        self._warn(f"line {self._line_no(self.at)}: unknown section keyword {core!r}; kept as an item")

    def _paragraph(self, line: _Line) -> None:
        self.counts["para"] += 1
        body, label = self._label_body(line)
        self._add(Role.PARAGRAPH, line, f"para_{self.counts['para']}", body=body, label=label)

    def _document(self) -> Document:
        blocks = self.blocks
        proposals = []
        for n, p in enumerate(self.proposals):
            end = self.proposals[n + 1].block if n + 1 < len(self.proposals) else len(blocks)
            proposals.append(Proposal(p.symbol, p.id, p.block, (p.block, end), tuple(p.reasons)))
        sections = tuple(
            Section(s.kind, s.heading, s.keyword, s.addressee, s.block, tuple(s.items)) for s in self.sections
        )
        return Document(
            text=self.text,
            lang=self.lang,
            blocks=tuple(blocks),
            sections=sections,
            heading=self.heading,
            title=self.title,
            history=self.history,
            history_block=self.history_block,
            opening=self.opening,
            footnotes=tuple(self.footnotes),
            annexes=tuple(self.annexes),
            summary=tuple(self.summary),
            proposals=tuple(proposals),
            warnings=tuple(self.warnings),
            source=self.source,
        )


def _plain(text: str, lang: Lang, source: str, reason: str) -> Document:
    """Fallback: every line a PARAGRAPH (used only if the structured pass fails)."""
    blocks = []
    for n, (s, e, _) in enumerate(_split_lines(text), 1):
        blocks.append(Block(f"para_{n}", Role.PARAGRAPH, Span(s, e), text[s:e], Span(s, e)))
    prefix = f"{source}: " if source else ""
    return Document(text, lang, tuple(blocks), warnings=(f"{prefix}{reason}",), source=source)


def parse(text: str, *, lang: Lang | str | None = None, source: str = "") -> Document:
    """Parse a resolution, a proposal document or any text into a :class:`Document`.

    Never raises on a ``str``: what it cannot structure becomes PARAGRAPH
    blocks, with a :class:`ResdiffWarning` (also in ``Document.warnings``).
    A bad ``lang`` raises :class:`InputError`.

    >>> doc = parse("第2号决议（2022年，布加勒斯特，修订版）\\n世界电信/信息通信技术政策论坛\\n考虑到\\n- a) 联合国大会的相关决议；")
    >>> doc.lang.value, doc.heading.meeting.place_key, doc.sections[0].kind.value, doc.blocks[-1].label
    ('zh', 'bucharest', 'considering', 'a)')
    """
    doc = _parse_quietly(text, lang, source, {})
    for message in doc.warnings:
        warnings.warn(message, ResdiffWarning, stacklevel=2)
    return doc


#: Line classifications by language, shared by parses (see _Line).
_LineMemo = dict[Lang, dict[str, _Line]]


def _parse_quietly(text: str, lang: Lang | str | None, source: str, memo: _LineMemo) -> Document:
    """:func:`parse` without issuing the warnings (they are in ``Document.warnings``).

    Parses given the same *memo* classify each distinct line once between
    them: :func:`resdiff._compare` parses both versions with one memo, so the
    lines the versions share are read once.
    """
    chosen = _coerce_lang(lang)
    if not isinstance(text, str):
        raise InputError(f"parse() needs text (str), got {type(text).__name__}")
    language = chosen or detect_lang(text)
    try:
        doc = _Parser(text, language, source, memo.setdefault(language, {})).run()
    except Exception as exc:  # noqa: BLE001 - the "never raises" guarantee; the warning names the bug
        reason = f"internal parser error ({type(exc).__name__}: {exc}); compared as plain paragraphs"
        doc = _plain(text, language, source, reason)
    return doc
