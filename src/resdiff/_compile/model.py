"""The values of a compilation: many proposals on one resolution, unified on BASE's provisions.

Values only: frozen, slotted, children in tuples. Indices point into
``Compilation.base.blocks`` (BASE's provisions) and into each proposal's own
:class:`~resdiff._model.Comparison`, whose changes carry the segments and spans;
nothing is copied that cannot be checked against its source. Proposals are
named (``"ECP"``, ``"APT"``, a country symbol); a tuple of names is always in
compilation order (the order the proposals were given in).

A conflict is written in the merged draft as its alternatives, each in square
brackets and naming its sources (at ITU, bracketed text is not agreed)::

    [ECP: first reading] [APT: second reading] [BASE, RCC: the text as in force]

:meth:`Alternative.render` and :meth:`Piece.new_text` give that exact form;
``docs/compile.md`` describes it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resdiff._model import ChangeOp

if TYPE_CHECKING:
    from resdiff._model import ClauseChange, Comparison, Document, Span
    from resdiff._render import RenderOptions

__all__ = [
    "BASE_NAME",
    "Alternative",
    "Compilation",
    "Contribution",
    "MergeOp",
    "Piece",
    "Provision",
    "ProvisionStatus",
    "Stance",
]

BASE_NAME = "BASE"  # how the merged draft names the text in force among a conflict's alternatives


class ProvisionStatus(str, enum.Enum):
    """Where the proposals stand on one provision (closed vocabulary; JSON shows the value)."""

    UNCHANGED = "UNCHANGED"  # every proposal keeps it (NOC)
    SINGLE = "SINGLE"  # exactly one proposal changes it (or adds it)
    AGREED = "AGREED"  # several change it to the same text (folded), or all suppress it, or add the same text
    COMPATIBLE = "COMPATIBLE"  # several change regions of its text that do not overlap: all apply
    CONFLICT = "CONFLICT"  # overlapping changes that differ, or SUP or MOVE against another change


class MergeOp(str, enum.Enum):
    """What a run of the merged draft is."""

    EQUAL = "equal"  # BASE text, kept
    DELETE = "delete"  # BASE text removed by the proposals named
    INSERT = "insert"  # text added by the proposals named
    CONFLICT = "conflict"  # BASE text the proposals change in ways that differ: see the alternatives


@dataclass(frozen=True, slots=True)
class Alternative:
    """One reading of a disputed text and the proposals that propose it.

    ``op`` is NOC for BASE's own text (``by`` are the proposals that leave it as
    in force), SUP for a suppression (``text`` is empty), MOVE for the text a
    proposal moves elsewhere, MOD or ADD for a proposal's new text.
    """

    by: tuple[str, ...]
    op: ChangeOp
    text: str

    def render(self) -> str:
        """``[ECP, APT: text]``; ``[BASE, RCC: text]`` for BASE's text; ``[ECP: SUP]``; ``[ECP (moved): text]``.

        >>> Alternative(("ECP", "APT"), ChangeOp.MOD, "new").render()
        '[ECP, APT: new]'
        >>> Alternative(("RCC",), ChangeOp.NOC, "old").render()
        '[BASE, RCC: old]'
        """
        names = ", ".join(((BASE_NAME,) if self.op is ChangeOp.NOC else ()) + self.by)
        if self.op is ChangeOp.SUP:
            return f"[{names}: SUP]"
        if self.op is ChangeOp.MOVE:
            return f"[{names} (moved): {self.text}]"
        return f"[{names}: {self.text}]"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of one provision's merged text.

    ``text`` is BASE's text for EQUAL, DELETE and CONFLICT (the disputed region
    the alternatives replace) and the added text for INSERT. ``base`` is the
    span of BASE's text the run covers (``Document.text`` offsets; for an
    INSERT the empty span where it goes, None in an added provision). ``by``
    names the proposals that make a DELETE or INSERT.
    """

    op: MergeOp
    text: str
    by: tuple[str, ...]
    base: Span | None
    alternatives: tuple[Alternative, ...] = ()

    def new_text(self) -> str:
        """What the run contributes to the merged draft: its alternatives for a conflict."""
        if self.op is MergeOp.DELETE:
            return ""
        if self.op is MergeOp.CONFLICT:
            return " ".join(alt.render() for alt in self.alternatives)
        return self.text


@dataclass(frozen=True, slots=True)
class Stance:
    """What one proposal does with one provision: the change from its comparison with BASE.

    ``after`` is, for ADD and MOVE, the BASE block the proposal puts the text
    after (-1: at the document's start); None otherwise.
    """

    op: ChangeOp
    change: ClauseChange
    after: int | None = None


@dataclass(frozen=True, slots=True)
class Provision:
    """One row of the compilation: a BASE provision, or a provision some proposals add.

    ``base`` indexes ``Compilation.base.blocks`` (None for an addition).
    ``after`` is the BASE block the row stands after (-1: at the start): the
    previous BASE block for a BASE provision, the anchor for an addition.
    ``stances`` has one entry per proposal, in compilation order (None: the
    proposal does not add this provision). ``merged`` is the row's merged text.
    """

    base: int | None
    after: int
    status: ProvisionStatus
    stances: tuple[Stance | None, ...]
    merged: tuple[Piece, ...]

    def new_text(self) -> str:
        """The row's line in the merged draft ("" when it is suppressed)."""
        return "".join(piece.new_text() for piece in self.merged)


@dataclass(frozen=True, slots=True)
class Contribution:
    """One proposal as compiled: its name, its comparison with BASE and the check of what it was built on.

    ``base_check`` compares BASE with the text the proposal says it changes
    (the old side of a Word file with tracked changes); None when the input
    has no such side. ``base_mismatches`` are its changes that differ from
    BASE by more than width and spacing.
    """

    name: str
    comparison: Comparison
    base_check: Comparison | None = None
    base_mismatches: tuple[ClauseChange, ...] = ()

    @property
    def document(self) -> Document:
        return self.comparison.new

    @property
    def proposal_id(self) -> str:
        """The proposal's ID as written in its wrapper (``ECP/38A23/1``), or ""."""
        for proposal in self.comparison.new.proposals:
            if proposal.id is not None:
                return proposal.id.text
        return ""

    @property
    def base_matches(self) -> bool | None:
        """True when the proposal was built on BASE, False when not, None when that cannot be told."""
        if self.base_check is None:
            return None
        return not self.base_mismatches


@dataclass(frozen=True, slots=True)
class Compilation:
    """Many proposals on one resolution: a value to render as often as you like.

    ``provisions`` are in table order (BASE order, additions after their
    anchor); ``draft`` lists the same provision indices in the merged draft's
    order (a moved provision stands at its new place); ``merged`` is the merged
    draft as text, one provision per line, conflicts bracketed.
    """

    base: Document
    proposals: tuple[Contribution, ...]
    provisions: tuple[Provision, ...]
    draft: tuple[int, ...]
    merged: str
    warnings: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.proposals)

    @property
    def changed(self) -> bool:
        """True when some proposal changes something."""
        return any(p.status is not ProvisionStatus.UNCHANGED for p in self.provisions)

    def counts(self) -> dict[str, int]:
        """Number of provisions per :class:`ProvisionStatus` value, every status present."""
        out = {status.value: 0 for status in ProvisionStatus}
        for provision in self.provisions:
            out[provision.status.value] += 1
        return out

    def proposal_counts(self) -> dict[str, dict[str, int]]:
        """For each proposal, the provisions it changes or adds, per status of the provision."""
        out = {name: {s.value: 0 for s in ProvisionStatus if s is not ProvisionStatus.UNCHANGED} for name in self.names}
        for provision in self.provisions:
            for name, stance in zip(self.names, provision.stances):
                if stance is not None and stance.op is not ChangeOp.NOC:
                    out[name][provision.status.value] += 1
        return out

    def render(self, fmt: str, options: RenderOptions | None = None) -> str | bytes:
        """The compilation in *fmt* (``text``, ``markdown``, ``html``, ``json``, ``wdiff``, ``docx``)."""
        from resdiff._compile.render import render

        return render(self, fmt, options)

    def to_docx(self, options: RenderOptions | None = None) -> bytes:
        """The merged draft as a Word file, each proposal's changes tracked under its own name."""
        data = self.render("docx", options)
        assert isinstance(data, bytes)
        return data
