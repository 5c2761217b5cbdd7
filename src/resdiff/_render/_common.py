"""What the renderers share: the margin symbol, a clause's runs cut at its label, titles, counts.

Every renderer reads the :class:`~resdiff._model.Comparison` through these
helpers so that "which symbol does this clause get", "where does its label
end", "what is the page called" and "how are the clauses counted" are decided
once. The control-character patterns live here too: each output format lets
through a different set of characters (listed beside each pattern), but all
are written from the one table of C0/C1 controls below.

>>> from resdiff import compare
>>> cmp = compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> [change_symbol(c) for c in cmp.changes]
['', 'MOD']
>>> counts_line(cmp)
'ADD 0 · MOD 1 · SUP 0 · MOVE 0 · NOC 1'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from resdiff._model import ChangeOp, EditOp, Segment, Span

if TYPE_CHECKING:
    from resdiff._model import ClauseChange, Comparison
    from resdiff._render import RenderOptions

__all__ = [
    "COUNT_ORDER",
    "BIDI_CONTROLS",
    "HTML_CONTROL",
    "MARKDOWN_CONTROL",
    "TERMINAL_CONTROL",
    "TERMINAL_SEQUENCE",
    "TERMINAL_UNSAFE",
    "XML_ILLEGAL",
    "Piece",
    "change_symbol",
    "clause_segments",
    "control_class",
    "count_cells",
    "counts_line",
    "page_title",
    "proposal_id",
    "neutralize",
    "split_label",
    "tag_marks",
]

# --- control characters ----------------------------------------------------------------

_C0 = ("\x00", "\x1f")  # C0 controls, TAB/LF/CR among them
_C1 = ("\x7f", "\x9f")  # DEL and the C1 controls


def control_class(keep: str, *, c1: bool = True, extra: str = "") -> str:
    r"""A regex character class of the C0 controls (and DEL + C1 when *c1*) except *keep*, plus *extra*.

    >>> control_class("\t\n", c1=False) == "[\\x00-\\x08\\x0b-\\x1f]"
    True
    """
    out = []
    lo = ord(_C0[0])
    for code in range(ord(_C0[0]), ord(_C0[1]) + 2):
        if code > ord(_C0[1]) or chr(code) in keep:
            if code > lo:
                out.append(_range(lo, code - 1))
            lo = code + 1
    if c1:
        out.append(_range(ord(_C1[0]), ord(_C1[1])))
    return "[" + "".join(out) + extra + "]"


def _range(lo: int, hi: int) -> str:
    return f"\\x{lo:02x}" if lo == hi else f"\\x{lo:02x}-\\x{hi:02x}"


# HTML text: every C0/C1 control but TAB, LF and CR (CR is turned into LF before this applies).
HTML_CONTROL = re.compile(control_class("\t\n\r"))
# Markdown: the same set (CR and LF become spaces before this applies).
MARKDOWN_CONTROL = HTML_CONTROL
# Terminal: every C0/C1 control but TAB and LF (CR-LF becomes LF first; a lone CR is shown).
TERMINAL_CONTROL = re.compile(control_class("\t\n"))
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they can make a
# line display as something it is not, so plain-text views show them as controls are shown. The
# marks U+200E/U+200F stay: Arabic text needs them and they cannot reorder a whole run.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Terminal: also the bidi controls.
TERMINAL_UNSAFE = re.compile(control_class("\t\n", extra=BIDI_CONTROLS))
# Escape sequences in the input, removed whole: CSI (7-bit and 8-bit), OSC/DCS/SOS/PM/APC strings
# up to BEL or ST (or the end of the text), and two-character ESC sequences.
TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]"
)


def neutralize(text: str) -> str:
    r"""Input text made inert for a terminal or a plain-text file: escape sequences removed, other
    controls and the bidi overrides and isolates shown as U+FFFD, CR-LF as LF.

    >>> neutralize("a\x1b[2Jb\x07c\r\nd\u202e!")
    'ab\ufffdc\nd\ufffd!'
    """
    text = TERMINAL_SEQUENCE.sub("", text.replace("\r\n", "\n"))
    return TERMINAL_UNSAFE.sub("\ufffd", text)


# XML 1.0's Char production, complemented: C0 but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF (C1 is legal XML).
XML_ILLEGAL = re.compile(control_class("\t\n\r", c1=False, extra="\ud800-\udfff\ufffe\uffff"))

# --- clauses ------------------------------------------------------------------------------


def change_symbol(change: ClauseChange) -> str:
    """The margin symbol of a clause: "" for NOC, "(MOD)" for an editorial MOD."""
    if change.op is ChangeOp.NOC:
        return ""
    if change.op is ChangeOp.MOD and change.editorial:
        return "(MOD)"
    symbol: str = change.op.value
    return symbol


def clause_segments(comparison: Comparison, change: ClauseChange) -> tuple[Segment, ...]:
    """The change's segments; when it carries none, rebuilt from its blocks."""
    if change.segments:
        return change.segments
    old = comparison.old.blocks[change.old] if change.old is not None else None
    new = comparison.new.blocks[change.new] if change.new is not None else None
    if change.op is ChangeOp.SUP or new is None:
        return (Segment(EditOp.DELETE, old.text, old.span, None),) if old and old.text else ()
    if change.op is ChangeOp.ADD or old is None:
        return (Segment(EditOp.INSERT, new.text, None, new.span),) if new.text else ()
    if old.text == new.text:
        return (Segment(EditOp.EQUAL, new.text, old.span, new.span),) if new.text else ()
    out = []
    if old.text:
        out.append(Segment(EditOp.DELETE, old.text, old.span, None))
    if new.text:
        out.append(Segment(EditOp.INSERT, new.text, None, new.span))
    return tuple(out)


class Piece(NamedTuple):
    """A run of one segment (or of part of it, when the label boundary cuts it)."""

    op: EditOp
    text: str
    segment: int  # index into the segments; the same for both parts of a cut segment
    first: bool  # False for the second part of a cut segment


def _cut(
    segments: tuple[Segment, ...], where: Callable[[Segment], tuple[Span | None, int] | None]
) -> tuple[list[Piece], list[Piece]]:
    label: list[Piece] = []
    body: list[Piece] = []
    in_label = True
    for i, seg in enumerate(segments):
        if not seg.text:
            continue
        if not in_label:
            body.append(Piece(seg.op, seg.text, i, True))
            continue
        loc = where(seg)
        span = loc[0] if loc else None
        if loc is None or span is None or len(span) != len(seg.text):
            # positions unknown: no label column for this clause
            return [], [Piece(s.op, s.text, j, True) for j, s in enumerate(segments) if s.text]
        cut = loc[1]
        if span.end <= cut:
            label.append(Piece(seg.op, seg.text, i, True))
        elif span.start >= cut:
            in_label = False
            body.append(Piece(seg.op, seg.text, i, True))
        else:
            k = cut - span.start
            label.append(Piece(seg.op, seg.text[:k], i, True))
            body.append(Piece(seg.op, seg.text[k:], i, False))
            in_label = False
    return label, body


def split_label(
    comparison: Comparison, change: ClauseChange, segments: tuple[Segment, ...], side: str = "both"
) -> tuple[list[Piece], list[Piece]]:
    """Split a clause's segments into (label, body) pieces at each side's body start.

    *side* is "both" (one marked text), "old" or "new" (a column of the
    side-by-side view: only that side's runs). The label part is empty when
    neither block has a label.
    """
    old = comparison.old.blocks[change.old] if change.old is not None else None
    new = comparison.new.blocks[change.new] if change.new is not None else None
    if side == "old":
        segments = tuple(s for s in segments if s.op is not EditOp.INSERT)
    elif side == "new":
        segments = tuple(s for s in segments if s.op is not EditOp.DELETE)
    if not ((old is not None and old.label) or (new is not None and new.label)):
        return [], [Piece(s.op, s.text, i, True) for i, s in enumerate(segments) if s.text]

    def where(seg: Segment) -> tuple[Span | None, int] | None:
        use_old = seg.op is EditOp.DELETE or side == "old"
        block = old if use_old else new
        if block is None:
            return None
        return (seg.old if use_old else seg.new), block.body.start

    return _cut(segments, where)


# --- the page's head ----------------------------------------------------------------------


def proposal_id(comparison: Comparison, options: RenderOptions) -> str:
    """options.proposal_id, else the first proposal ID of the new document, else the old one's."""
    if options.proposal_id:
        return options.proposal_id
    for doc in (comparison.new, comparison.old):
        for proposal in doc.proposals:
            if proposal.id is not None and proposal.id.text:
                return proposal.id.text
    return ""


def page_title(comparison: Comparison, options: RenderOptions) -> str:
    """options.title, else the heading and title of the new (or old) resolution."""
    if options.title:
        return options.title
    for doc in (comparison.new, comparison.old):
        parts = []
        if doc.heading is not None and 0 <= doc.heading.block < len(doc.blocks):
            parts.append(doc.blocks[doc.heading.block].text.strip())
        if doc.title is not None and 0 <= doc.title < len(doc.blocks):
            parts.append(doc.blocks[doc.title].text.strip())
        parts = [p for p in parts if p]
        if parts:
            return " — ".join(parts)
    return "resdiff comparison"


# The order the counts are shown in: changes first, unchanged last.
COUNT_ORDER = (ChangeOp.ADD, ChangeOp.MOD, ChangeOp.SUP, ChangeOp.MOVE, ChangeOp.NOC)


def count_cells(comparison: Comparison) -> list[tuple[str, str]]:
    """(op, count) pairs in :data:`COUNT_ORDER`; MOD's count says how many are editorial, when any are."""
    counts = comparison.counts()
    editorial = sum(1 for c in comparison.changes if c.op is ChangeOp.MOD and c.editorial)
    cells = []
    for op in COUNT_ORDER:
        text = str(counts[op.value])
        if op is ChangeOp.MOD and editorial:
            text += f" ({editorial} editorial)"
        cells.append((op.value, text))
    return cells


def counts_line(comparison: Comparison) -> str:
    """The counts as one line: ``ADD 1 · MOD 3 (1 editorial) · SUP 0 · MOVE 0 · NOC 20``."""
    return " · ".join(f"{op} {text}" for op, text in count_cells(comparison))


def tag_marks(segments: Iterable[Segment], escape: Callable[[str], str]) -> str:
    """Segments as text with ``<del>``/``<ins>`` around the changes, each piece through *escape*.

    >>> from resdiff._inline import diff_text
    >>> tag_marks(diff_text("a <b>", "a <c>"), lambda s: s.replace("<", "&lt;"))
    'a &lt;<del>b</del><ins>c</ins>>'
    """
    out = []
    for seg in segments:
        if not seg.text:
            continue
        if seg.op is EditOp.DELETE:
            out.append(f"<del>{escape(seg.text)}</del>")
        elif seg.op is EditOp.INSERT:
            out.append(f"<ins>{escape(seg.text)}</ins>")
        else:
            out.append(escape(seg.text))
    return "".join(out)
