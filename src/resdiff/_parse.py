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

import enum
import re
import warnings
from dataclasses import dataclass, field

from resdiff import _lexicon as lx
from resdiff._errors import InputError, ResdiffWarning
from resdiff._langdetect import detect_lang
from resdiff._lexicon import LabelKind
from resdiff._lines import (
    CJK,
    COMMA_END,
    MAX_STRUCT_LINE,
    TERMINAL,
    Line,
    LineMemo,
    classify_lines,
    join_wrapped,
    split_lines,
    wrap_width,
)
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

__all__ = ["MAX_FOOTNOTE_NUMBER", "MAX_TITLE_LINES", "parse", "parse_quietly"]

# ---------------------------------------------------------------------------
# Knobs and patterns of the structure pass
# ---------------------------------------------------------------------------

#: How many lines after the heading may be title lines before the parser gives
#: up waiting for the opening line and reads sections.
MAX_TITLE_LINES = 3

_BREAK = re.compile(r"\r\n|\r|\n")


class _State(enum.Enum):
    """Where the structure pass is in a document (see :meth:`_Parser.run`)."""

    PRE = "pre"  # before the first heading of a file that has one: paragraphs (a cover letter)
    SUMMARY = "summary"  # the proposal's summary, up to the proposal line or the heading
    FRONT = "front"  # after a heading: title, history, opening
    BODY = "body"  # sections and their items
    ANNEX = "annex"  # after an annex heading: paragraphs, up to the next heading
    REASONS = "reasons"  # after a Reasons line, up to the next proposal line


# States and label kinds as module constants: the loop compares them once or twice a
# line, and a member looked up on its enum class costs several times a module global.
_PRE, _SUMMARY, _FRONT, _BODY, _ANNEX, _REASONS = (
    _State.PRE,
    _State.SUMMARY,
    _State.FRONT,
    _State.BODY,
    _State.ANNEX,
    _State.REASONS,
)
_LETTER, _ROMAN, _NUMBER, _BULLET, _NONE = (
    LabelKind.LETTER,
    LabelKind.ROMAN,
    LabelKind.NUMBER,
    LabelKind.BULLET,
    LabelKind.NONE,
)
#: The highest number a footnote after a footnote rule may carry.
MAX_FOOTNOTE_NUMBER = 999
_BODY_WORDS = re.compile(
    r"conference|assembly|council|大会|全会|理事会|conférence|assemblée|conseil|conferencia|asamblea|consejo"
    r"|конференция|ассамблея|совет|مؤتمر|الجمعية|المجلس",
    re.I,
)
_OPENING_TAIL = re.compile(r"[(（](?P<inner>[^()（）]*)[)）][ \t]*[,，،]$")


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
# Pass 2: structure
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    index: int
    id: str
    level: int
    kind: LabelKind
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
    top_kind: LabelKind | None = None
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
    def __init__(self, text: str, lang: Lang, source: str, memo: dict[str, Line]) -> None:
        self.text = text
        self.lang = lang
        self.source = source
        self.memo = memo  # line text -> its Line, shared with other parses (see Line)
        self.at = 0  # where the line being read starts: the Line offsets count from here
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
        line: Line,
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
        uid, piece, proposal = self._uid(base), self.text[start:end], len(self.proposals) - 1
        blocks.append(Block(uid, role, span, piece, body_span, label, level, section, proposal))
        return len(blocks) - 1

    def _core(self, line: Line) -> str:
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
        spans = split_lines(text)
        lines = classify_lines(text, spans, lang, self.memo)
        width = wrap_width(text, spans, lines, lang)
        if width is not None:  # hard-wrapped text: continuation lines join their paragraph
            spans, lines = join_wrapped(text, spans, lines, lang, self.memo, width)
        section_ok, fn_rule = self._section_lines(lines)
        has_heading = any(ln.heading for ln in lines)
        state = _PRE if has_heading else _BODY
        sec: _Sec | None = None
        res_no = 0  # resolutions seen
        res_doc_type: DocType | None = None
        front_titles = 0
        res_opening_seen = False
        fn_last: int | None = None  # after a footnote rule: the last footnote's number (0: none yet)

        for i, line in enumerate(lines):
            self.at = spans[i][0]
            # PDF-conversion artefacts: page footers and the footnotes under a rule stay out
            # of the structure and change no state (a footer ends its page's footnotes).
            if line.footer:
                self._paragraph(line)
                fn_last = None
                continue
            if fn_rule[i] and _opens_footnotes(lines, i, sec):
                self._paragraph(line)
                fn_last = 0
                continue
            if fn_last is not None and line.fn is None:
                n = _footnote_number(line)
                if n is not None and (fn_last == 0 or (n == fn_last + 1 and not _continues_items(sec, n))):
                    self._numbered_footnote(line, sec)
                    fn_last = n
                    continue
                fn_last = None
            if line.proposal is not None:
                sec = None
                self._proposal_line(line)
                state = _BODY
                continue
            if state is _REASONS:
                self._reasons(line)
                continue
            if line.reasons:
                sec = None
                state = _REASONS
                self._reasons(line)
                continue
            if line.summary and not self.proposals and res_no == 0 and (state is _PRE or state is _BODY):
                state = _SUMMARY
            if state is _SUMMARY:
                if line.heading is None and not line.annex:
                    self.summary.append(self._add(Role.SUMMARY, line, "summary"))
                    continue
                state = _BODY
            if line.heading is not None:
                sec = None
                res_no += 1
                res_doc_type = line.heading.doc_type
                idx = self._add(Role.HEADING, line, "heading")
                if self.heading is None:
                    h = line.heading
                    self.heading = Heading(h.doc_type, h.number, h.revision, h.meeting, idx)
                state = _FRONT
                front_titles = 0
                res_opening_seen = False
                continue
            if line.annex:
                sec = None
                self.counts["annex"] += 1
                self.annexes.append(self._add(Role.ANNEX, line, f"annex_{self.counts['annex']}"))
                state = _ANNEX
                continue
            if line.fn is not None:
                self._footnote(line, sec)
                continue
            if state is _FRONT:
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
                    state = _BODY
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
                state = _BODY
            if state is _BODY:
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
    def _section_lines(lines: list[Line]) -> tuple[list[bool], list[bool]]:
        """Which keyword lines are section headings: those followed by something that can
        be their item (not another section heading, a heading, an annex, a proposal line,
        Reasons, the end). Computed backwards, so a keyword line before a keyword line
        that is itself only a paragraph still counts. Footnotes, page footers and footnote
        rules are looked through.

        Also which rule lines may be footnote rules: those whose next line, page footers
        aside, is a footnote (numbered, or one of the forms :mod:`resdiff._lines` reads on
        its own). The structure pass confirms each in context (:func:`_opens_footnotes`)."""
        ok = [False] * len(lines)
        fn_rule = [False] * len(lines)
        nxt_blocks = True  # what follows the current line cannot be an item
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            if line.fn is not None or line.footer:
                continue
            if line.rule:
                nxt = _next_text(lines, i)
                if nxt is not None and (nxt.fn is not None or _footnote_number(nxt) is not None):
                    fn_rule[i] = True
                    continue
            ok[i] = line.kw is not None and not nxt_blocks
            nxt_blocks = ok[i] or bool(
                line.heading or line.annex or line.proposal or line.reasons or line.summary
            )
        return ok, fn_rule

    def _proposal_line(self, line: Line) -> None:
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

    def _reasons(self, line: Line) -> None:
        self.counts["reasons"] += 1
        body, label = self._label_body(line)
        idx = self._add(Role.REASONS, line, f"reasons_{self.counts['reasons']}", body=body, label=label)
        if self.proposals:
            self.proposals[-1].reasons.append(idx)

    def _footnote(self, line: Line, sec: _Sec | None) -> None:
        assert line.fn is not None
        mark, label, b_start, b_end = line.fn
        self._add_footnote(line, sec, mark, label, (self.at + b_start, self.at + b_end))

    def _numbered_footnote(self, line: Line, sec: _Sec | None) -> None:
        """A footnote under a footnote rule: ``1 These include…`` (mark ``1``, label as written)."""
        lab = line.label
        assert lab is not None
        self._add_footnote(line, sec, lab.text.rstrip("."), lab.text, (self.at + lab.body, self.at + line.end))

    def _add_footnote(self, line: Line, sec: _Sec | None, mark: str, label: str, body: tuple[int, int]) -> None:
        b_start, b_end = body
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

    def _opening(self, line: Line, record: bool) -> None:
        idx = self._add(Role.OPENING, line, "opening")
        if not record:
            return
        core = self._core(line)
        m = _OPENING_TAIL.search(core)
        if m:
            body = core[: m.start()]
            meeting = lx.parse_meeting(m.group("inner"))
        else:
            body = core.rstrip(COMMA_END)
            meeting = None
        body = body.strip()
        if body.startswith("إن "):
            body = body[3:].strip()
        self.opening = Opening(body, meeting, idx)

    def _section(self, line: Line, doc_type: DocType | None) -> _Sec:
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

    def _label_body(self, line: Line) -> tuple[tuple[int, int], str]:
        lab = line.label
        at = self.at
        if lab is None or lab.body >= line.end:
            return (at, at + line.end), ""
        return (at + lab.body, at + line.end), lab.text

    def _count(self, sec: _Sec, parent: str, kind: str) -> int:
        key = (parent, kind)
        n = sec.counters[key] = sec.counters.get(key, 0) + 1
        return n

    def _item(self, line: Line, sec: _Sec) -> None:
        text = self.text
        lab = line.label
        last = text[self.at + line.end - 1]
        colon = last in ":："
        parent: _Item | None = None
        if lab is None:
            if sec.last_top is not None and sec.last_top.colon:
                parent = sec.last_top
            kind = _NONE
        elif lab.kind is _BULLET:
            parent = sec.last_item
            kind = _BULLET
        else:
            kind = lab.kind
            if kind is _LETTER and lx.is_roman(lab.key):
                kind = self._letter_or_roman(sec, lab.key)
            if sec.top_kind is None:
                sec.top_kind = kind
            elif kind != sec.top_kind and sec.last_top is not None:
                parent = sec.last_top
        parent_id = parent.id if parent else sec.id
        level = parent.level + 1 if parent else 0
        if kind is _NONE:
            key = f"p{self._count(sec, parent_id, 'p')}"
        elif kind is _BULLET:
            key = f"d{self._count(sec, parent_id, 'd')}"
        else:
            key = lab.key if lab else ""
        body, label = self._label_body(line)
        base = f"{parent_id}__item_{key}"
        idx = self._add(Role.ITEM, line, base, body=body, label=label, level=level, section=sec.index)
        item = _Item(idx, self.blocks[idx].id, level, kind, key, colon)
        sec.items.append(idx)
        if kind is not _BULLET:
            sec.last_item = item
        if level == 0 and kind is not _NONE and kind is not _BULLET:
            sec.last_top = item
        sec.last_text_end = last

    @staticmethod
    def _letter_or_roman(sec: _Sec, key: str) -> LabelKind:
        """``i)`` after ``h)`` continues the letters; after any other letter it is roman."""
        top = sec.last_top
        if sec.top_kind is None:
            return _LETTER if len(key) == 1 else _ROMAN
        if top is None or top.kind is not _LETTER:
            return _ROMAN
        base = re.sub(r"(?:bis|ter|quater)$", "", top.key)
        if len(key) == 1 and base and ord(key) == ord(base[-1]) + 1:
            return _LETTER
        return _ROMAN

    def _maybe_unknown_keyword(self, lines: list[Line], i: int, sec: _Sec) -> None:
        """Warn about a short unlabelled line between sections that looks like a heading."""
        line = lines[i]
        if line.label is not None or not sec.items or sec.last_text_end not in COMMA_END:
            return
        core = self._core(line)
        if not core or core[-1] in TERMINAL + COMMA_END + ":：":
            return
        cjk = bool(CJK.search(core))
        if (cjk and len(core) > 12) or (not cjk and (len(core) > 40 or len(core.split()) > 4)):
            return
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or nxt.label is None or nxt.label.kind is _BULLET:
            return
        self._warn(f"line {self._line_no(self.at)}: unknown section keyword {core!r}; kept as an item")

    def _paragraph(self, line: Line) -> None:
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


def _footnote_number(line: Line) -> int | None:
    """The number of a line that can be a footnote under a rule (``1 These include…``), else None."""
    lab = line.label
    if lab is None or lab.kind is not _NUMBER or lab.start != line.core:
        return None
    digits = lab.text.rstrip(".")
    if not digits.isdigit() or int(digits) > MAX_FOOTNOTE_NUMBER:
        return None
    return int(digits)


def _next_text(lines: list[Line], i: int) -> Line | None:
    """The first line after ``lines[i]`` that is not a page footer."""
    j = i + 1
    while j < len(lines) and lines[j].footer:
        j += 1
    return lines[j] if j < len(lines) else None


def _opens_footnotes(lines: list[Line], i: int, sec: _Sec | None) -> bool:
    """Whether the rule ``lines[i]`` opens footnotes here: its next line is a footnote, and a
    numbered one does not just continue the section's numbered items (``2`` after item ``1``)."""
    nxt = _next_text(lines, i)
    if nxt is None:
        return False
    if nxt.fn is not None:
        return True
    n = _footnote_number(nxt)
    return n is not None and not _continues_items(sec, n)


def _continues_items(sec: _Sec | None, n: int) -> bool:
    """Whether number ``n`` continues the section's numbered items: then ``n`` is an item, not a footnote."""
    top = sec.last_top if sec is not None else None
    return top is not None and top.kind is _NUMBER and top.key == str(n - 1)


def _plain(text: str, lang: Lang, source: str, reason: str) -> Document:
    """Fallback: every line a PARAGRAPH (used only if the structured pass fails)."""
    blocks = []
    for n, (s, e, _) in enumerate(split_lines(text), 1):
        blocks.append(Block(f"para_{n}", Role.PARAGRAPH, Span(s, e), text[s:e], Span(s, e)))
    prefix = f"{source}: " if source else ""
    return Document(text, lang, tuple(blocks), warnings=(f"{prefix}{reason}",), source=source)


def parse(text: str, *, lang: Lang | str | None = None, source: str = "") -> Document:
    """Parse a resolution, a proposal document or any text into a :class:`Document`.

    Never raises on a ``str``: what it cannot structure becomes PARAGRAPH
    blocks, with a :class:`ResdiffWarning` (also in ``Document.warnings``).
    A bad ``lang`` raises :class:`InputError`.

    >>> text = "第2号决议（2022年，布加勒斯特，修订版）\\n世界电信/信息通信技术政策论坛\\n"
    >>> doc = parse(text + "考虑到\\n- a) 联合国大会的相关决议；")
    >>> doc.lang.value, doc.heading.meeting.place_key, doc.sections[0].kind.value, doc.blocks[-1].label
    ('zh', 'bucharest', 'considering', 'a)')
    """
    doc = parse_quietly(text, lang, source, {})
    for message in doc.warnings:
        warnings.warn(message, ResdiffWarning, stacklevel=2)
    return doc


def parse_quietly(text: str, lang: Lang | str | None, source: str, memo: LineMemo) -> Document:
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
