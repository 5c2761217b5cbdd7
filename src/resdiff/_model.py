"""The data model: parsed documents and their comparison.

Values only, no algorithms. Everything is frozen; children are tuples.
Positions are :class:`Span` offsets into ``Document.text`` (the decoded input,
line endings as given), so nothing is copied that cannot be checked against the
source, and "the parse is lossless" is a testable property: blocks are disjoint,
in order, each ``Block.text == Document.text[span.start:span.end]``, and
everything between blocks is white space.

Block ids are stable anchors built from the structure (``heading``, ``title``,
``sec_3``, ``sec_3__item_c``, ``sec_3__item_c__item_2``, ``fn_1``,
``para_12``); JSON and HTML use them.

The four classes a large comparison builds by the ten thousand (Span, Block,
Segment, ClauseChange) take :func:`resdiff._fastinit.fast_init`'s faster
initialiser; the rest are built a few times per document and keep the one
``@dataclass`` wrote.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from resdiff._fastinit import fast_init

__all__ = [
    "Block",
    "ChangeOp",
    "ClauseChange",
    "Comparison",
    "DocType",
    "Document",
    "EditOp",
    "Footnote",
    "Heading",
    "Lang",
    "Meeting",
    "Opening",
    "Proposal",
    "ProposalId",
    "ProposalSymbol",
    "RevisionKind",
    "Role",
    "Section",
    "SectionKind",
    "Segment",
    "Span",
    "Symbol",
]


class Lang(str, enum.Enum):
    """Language of a document (ITU's six official languages)."""

    ZH = "zh"
    EN = "en"
    FR = "fr"
    ES = "es"
    RU = "ru"
    AR = "ar"


class Role(str, enum.Enum):
    """What a paragraph-level block is in the document's structure."""

    SUMMARY = "summary"  # the proposal document's summary/abstract block
    PROPOSAL = "proposal"  # the symbol + proposal ID line ("MOD\tECP/38A23/1")
    HEADING = "heading"  # "RESOLUTION 68 (Rev. New Delhi, 2024)"
    TITLE = "title"
    HISTORY = "history"  # "(Johannesburg, 2008; Dubai, 2012; …)"
    OPENING = "opening"  # "The World Telecommunication Standardization Assembly (…),"
    SECTION = "section"  # a section keyword line ("considering", "做出决议，责成TSAG")
    ITEM = "item"  # a paragraph inside a section, labelled or not
    FOOTNOTE = "footnote"
    ANNEX = "annex"  # an annex heading ("ANNEX 1", "附件A")
    PARAGRAPH = "paragraph"  # any other paragraph (annex body, non-resolution text)
    REASONS = "reasons"  # the Reasons block after a proposal


class SectionKind(str, enum.Enum):
    """Canonical kind of a resolution section (closed vocabulary)."""

    # preambular
    CONSIDERING = "considering"
    CONSIDERING_FURTHER = "considering further"
    RECOGNIZING = "recognizing"
    RECOGNIZING_FURTHER = "recognizing further"
    NOTING = "noting"
    NOTING_FURTHER = "noting further"
    NOTING_WITH_SATISFACTION = "noting with satisfaction"
    BEARING_IN_MIND = "bearing in mind"
    AWARE = "aware"
    EMPHASIZING = "emphasizing"
    TAKING_INTO_ACCOUNT = "taking into account"
    HAVING_REGARD = "having regard"
    CONVINCED = "convinced"
    RECALLING = "recalling"
    RECALLING_FURTHER = "recalling further"
    OBSERVING = "observing"
    HAVING_DECIDED = "having decided"  # FR "ayant décidé": a decision taken before, recited
    WELCOMING = "welcoming"
    MINDFUL = "mindful"
    CONCERNED = "concerned"
    NOTING_WITH_CONCERN = "noting with concern"
    APPRECIATING = "appreciating"
    REAFFIRMING = "reaffirming"
    # operative
    RESOLVES = "resolves"
    FURTHER_RESOLVES = "further resolves"
    RESOLVES_TO_INSTRUCT = "resolves to instruct"
    INSTRUCTS = "instructs"
    FURTHER_INSTRUCTS = "further instructs"
    INVITES = "invites"
    FURTHER_INVITES = "further invites"
    ENCOURAGES = "encourages"
    REQUESTS = "requests"
    CALLS_UPON = "calls upon"
    URGES = "urges"
    DECIDES = "decides"
    RECOMMENDS = "recommends"  # what a Recommendation (PP-18 Rec. 7) says where a resolution resolves
    AUTHORIZES = "authorizes"

    @property
    def operative(self) -> bool:
        return self in _OPERATIVE


_OPERATIVE = frozenset(
    {
        SectionKind.RESOLVES,
        SectionKind.FURTHER_RESOLVES,
        SectionKind.RESOLVES_TO_INSTRUCT,
        SectionKind.INSTRUCTS,
        SectionKind.FURTHER_INSTRUCTS,
        SectionKind.INVITES,
        SectionKind.FURTHER_INVITES,
        SectionKind.ENCOURAGES,
        SectionKind.REQUESTS,
        SectionKind.CALLS_UPON,
        SectionKind.URGES,
        SectionKind.DECIDES,
        SectionKind.RECOMMENDS,
        SectionKind.AUTHORIZES,
    }
)


class DocType(str, enum.Enum):
    RESOLUTION = "resolution"
    DECISION = "decision"
    RECOMMENDATION = "recommendation"
    OPINION = "opinion"


class RevisionKind(str, enum.Enum):
    """How the heading marks the text's history: first adopted, revised, or modified."""

    NEW = "new"  # "RESOLUTION 57 (Johannesburg, 2008)", "第N号决议（YYYY年，地点）"
    REV = "rev"  # "(Rev. Bucharest, 2022)", "（2022年，布加勒斯特，修订版）"
    MOD = "mod"  # Council "(Mod. 2023)", "(Amended 2023)", "（2023年，修改版）"


class ProposalSymbol(str, enum.Enum):
    """ITU proposal symbols as written before the text concerned."""

    ADD = "ADD"
    ADD_STAR = "ADD*"
    MOD = "MOD"
    EDITORIAL = "(MOD)"
    SUP = "SUP"
    SUP_STAR = "SUP*"
    NOC = "NOC"


class Symbol(str, enum.Enum):
    """The ITU symbol resdiff gives a whole comparison."""

    NOC = "NOC"  # no change
    EDITORIAL = "(MOD)"  # only editorial changes: labels, punctuation, width, spacing
    MOD = "MOD"
    ADD = "ADD"  # the old side is absent or empty
    SUP = "SUP"  # the new side is absent or empty


class ChangeOp(str, enum.Enum):
    """What happened to one clause (block) between the versions."""

    NOC = "NOC"
    MOD = "MOD"
    ADD = "ADD"
    SUP = "SUP"
    MOVE = "MOVE"  # moved to another place or section, with or without edits


class EditOp(str, enum.Enum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """Half-open ``[start, end)`` character offsets into a text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@fast_init
@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level unit of a document: the unit resdiff aligns.

    ``span`` covers the paragraph without its line break; ``body`` is the part
    after the label and its separator (TAB, spaces, a markdown bullet before
    the label belongs to the label side). ``label`` is the label as written
    (``"a)"``, ``"1"``, ``"–"``, ``"5bis"``), empty when there is none.
    """

    id: str
    role: Role
    span: Span
    text: str
    body: Span
    label: str = ""
    level: int = 0  # nesting depth of items; 0 for top-level
    section: int = -1  # index into Document.sections; -1 outside any section
    proposal: int = -1  # index into Document.proposals; -1 outside any proposal


@dataclass(frozen=True, slots=True)
class Meeting:
    """A place and year, as in a revision marker, history line or opening."""

    place: str  # as written: "新德里", "New Delhi"
    year: int | None
    place_key: str = ""  # language-neutral key (English name, lower case) when known


@dataclass(frozen=True, slots=True)
class Heading:
    """A resolution heading parsed into facts.

    ``第68号决议（2024年，新德里，修订版）`` and ``RESOLUTION 68 (Rev. New Delhi, 2024)``
    give the same doc_type, number, revision, year and place_key.
    """

    doc_type: DocType
    number: str  # "68", "641", "[SEN-1]"
    revision: RevisionKind
    meeting: Meeting | None
    block: int  # index into Document.blocks


@dataclass(frozen=True, slots=True)
class Opening:
    body: str  # "世界电信标准化全会", "The World Telecommunication Standardization Assembly"
    meeting: Meeting | None
    block: int


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str  # the heading line as written
    keyword: str  # the part that matched the keyword table
    addressee: str  # the rest: "the Director of the …", "TSAG", "电信标准化局主任"
    block: int  # index of the heading block
    items: tuple[int, ...]  # indices of the section's item blocks, nested ones included

    @property
    def operative(self) -> bool:
        return self.kind.operative


@dataclass(frozen=True, slots=True)
class Footnote:
    mark: str  # "1", "¹"
    block: int


@dataclass(frozen=True, slots=True)
class ProposalId:
    """``<proponent>[/<proponent>…]/<doc>[A<addendum>]/<n>``, parsed from the right."""

    text: str  # normalised: spaces removed ("RCC/ 62A1/1" -> "RCC/62A1/1")
    proponents: tuple[str, ...]
    document: str
    addendum: str | None
    number: str


@dataclass(frozen=True, slots=True)
class Proposal:
    symbol: ProposalSymbol | None
    id: ProposalId | None
    block: int  # index of the symbol/ID line
    blocks: tuple[int, int]  # [first, end) block indices the proposal covers, Reasons included
    reasons: tuple[int, ...]  # indices of the Reasons blocks


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: a resolution, a proposal document, or plain paragraphs."""

    text: str
    lang: Lang
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...] = ()
    heading: Heading | None = None
    title: int | None = None  # block index
    history: tuple[Meeting, ...] = ()
    history_block: int | None = None
    opening: Opening | None = None
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[int, ...] = ()  # block indices of annex headings
    summary: tuple[int, ...] = ()  # block indices of the proposal summary
    proposals: tuple[Proposal, ...] = ()
    warnings: tuple[str, ...] = ()
    source: str = ""  # where the text came from (path or "-"), for messages

    @property
    def is_resolution(self) -> bool:
        return self.heading is not None or bool(self.sections)


@fast_init
@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a clause-level diff. ``old``/``new`` are spans in each document's text.

    Equal runs have both spans, deletions only ``old``, insertions only ``new``.
    ``text`` is the original text of that side (the new side for equal runs).
    """

    op: EditOp
    text: str
    old: Span | None
    new: Span | None


@fast_init
@dataclass(frozen=True, slots=True)
class ClauseChange:
    """What happened to one block; ``old``/``new`` index the documents' blocks."""

    op: ChangeOp
    old: int | None
    new: int | None
    segments: tuple[Segment, ...]
    relabelled: bool = False  # the label changed ("e)" -> "i)")
    editorial: bool = False  # all changes are editorial (labels, punctuation, width, spacing)
    similarity: float = 1.0  # of the paired bodies, 0..1; 1.0 for ADD/SUP by convention


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two documents; render it as many times as you like.

    ``changes`` is in reading order of the new document, with suppressed
    clauses placed where they stood in the old one.
    """

    old: Document
    new: Document
    changes: tuple[ClauseChange, ...]
    symbol: Symbol
    warnings: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """Number of clauses per :class:`ChangeOp` value, every op present."""
        out = {op.value: 0 for op in ChangeOp}
        for change in self.changes:
            out[change.op.value] += 1
        return out
