"""What a language cross-check produces: findings, the provisions they point at, rows for a side-by-side view.

Values only, frozen; :func:`resdiff._crosscheck.check.crosscheck` builds them and
the renderers (:mod:`resdiff._crosscheck.render`) read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from resdiff._model import ChangeOp, Comparison, Lang

__all__ = ["CrossCheck", "Finding", "FindingKind", "LangProvision", "Row", "side_names"]


def side_names(a: Lang, b: Lang) -> tuple[str, str]:
    """The language codes, or ``"zh/a"``, ``"zh/b"`` when both sides are in one language."""
    return (a.value, b.value) if a is not b else (f"{a.value}/a", f"{b.value}/b")


class FindingKind(str, enum.Enum):
    """What disagrees between the two language versions (closed vocabulary; values are what JSON shows)."""

    OP_MISMATCH = "op-mismatch"  # paired provisions changed differently (MOD vs NOC, ADD vs nothing, …)
    STRUCTURE_MISMATCH = "structure-mismatch"  # a section or item in one text only; labels that differ
    NUMBER_MISMATCH = "number-mismatch"  # the changed text carries different years, numbers, codes
    HEADING_MISMATCH = "heading-mismatch"  # number, revision marker, place or year of the heading differ


@dataclass(frozen=True, slots=True)
class LangProvision:
    """One language's side of a finding: a clause change of that language's comparison, or nothing.

    ``id`` and ``label`` are the new block's when there is one, else the old
    block's; ``text`` likewise (the whole paragraph as written). A side with
    no provision has ``id == ""``, ``op is None`` and ``change is None``.
    """

    lang: Lang
    id: str
    label: str
    op: ChangeOp | None
    text: str
    change: int | None = None  # index into that language's Comparison.changes
    editorial: bool = False  # a MOD whose every change is editorial (shown as "(MOD)")

    @property
    def symbol(self) -> str:
        """The op as a drafter writes it: ``MOD``, ``(MOD)`` for an editorial MOD, ``-`` for nothing."""
        if self.op is None:
            return "-"
        return "(MOD)" if self.op is ChangeOp.MOD and self.editorial else self.op.value


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement: its kind, the provision on each side, and what differs in one sentence."""

    kind: FindingKind
    a: LangProvision
    b: LangProvision
    detail: str


@dataclass(frozen=True, slots=True)
class Row:
    """Changes of the two languages that were paired with each other, in reading order.

    Usually one change per side; several when the pairing links more (a MOD in
    one language against a SUP and an ADD in the other), none on a side that
    has nothing there.
    """

    a: tuple[int, ...]  # indices into CrossCheck.a.changes
    b: tuple[int, ...]  # indices into CrossCheck.b.changes
    finding: int | None = None  # index into CrossCheck.findings


@dataclass(frozen=True, slots=True)
class CrossCheck:
    """Two language versions of one revision, provision by provision; render it as often as you like.

    ``pairs`` counts the rows with exactly one change on each side whose blocks
    all found their counterpart; ``unpaired`` lists the provisions with a
    block that found none.
    """

    a: Comparison
    b: Comparison
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]
    pairs: int
    unpaired: tuple[LangProvision, ...]

    @property
    def lang_a(self) -> Lang:
        return self.a.new.lang if self.a.new.blocks else self.a.old.lang

    @property
    def lang_b(self) -> Lang:
        return self.b.new.lang if self.b.new.blocks else self.b.old.lang

    @property
    def names(self) -> tuple[str, str]:
        """How outputs name the two sides: the language codes, ``"zh/a"`` and ``"zh/b"`` when they are the same."""
        return side_names(self.lang_a, self.lang_b)

    def counts(self) -> dict[str, int]:
        """Number of findings per :class:`FindingKind` value, every kind present."""
        out = {kind.value: 0 for kind in FindingKind}
        for finding in self.findings:
            out[finding.kind.value] += 1
        return out

    def render(self, fmt: str) -> str:
        """The cross-check as ``"text"``, ``"html"`` or ``"json"`` (see :mod:`resdiff._crosscheck.render`)."""
        from resdiff._crosscheck.render import render

        return render(self, fmt)
