"""What every compile renderer needs: row ids, stance groups, titles, plain marks.

Reads the model only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resdiff._compile.model import MergeOp
from resdiff._model import ChangeOp, EditOp
from resdiff._normalize import fold_text
from resdiff._render._common import neutralize

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resdiff._compile.model import Compilation, Piece, Provision, Stance
    from resdiff._model import Segment

__all__ = [
    "anchor_id",
    "neutralize",
    "new_text",
    "piece_marks",
    "row_ids",
    "segment_marks",
    "stance_groups",
    "title",
]

def anchor_id(compilation: Compilation, after: int) -> str | None:
    """The id of the BASE block a row stands after; None at the document's start."""
    return compilation.base.blocks[after].id if after >= 0 else None


def row_ids(compilation: Compilation) -> list[str]:
    """A stable id per provision: the BASE block id, or ``add__<anchor>__<n>`` for the n-th addition there."""
    out: list[str] = []
    count: dict[int, int] = {}
    for provision in compilation.provisions:
        if provision.base is not None:
            out.append(compilation.base.blocks[provision.base].id)
            continue
        count[provision.after] = count.get(provision.after, 0) + 1
        out.append(f"add__{anchor_id(compilation, provision.after) or 'start'}__{count[provision.after]}")
    return out


def new_text(stance: Stance) -> str:
    return "".join(s.text for s in stance.change.segments if s.op is not EditOp.DELETE)


def stance_groups(provision: Provision, names: Sequence[str]) -> list[tuple[tuple[str, ...], Stance]]:
    """The proposals that change or add the provision, grouped by identical stance (op and folded text)."""
    groups: dict[tuple[ChangeOp, str, int | None], tuple[list[str], Stance]] = {}
    for name, stance in zip(names, provision.stances):
        if stance is None or stance.op is ChangeOp.NOC:
            continue
        key = (stance.op, "" if stance.op is ChangeOp.SUP else fold_text(new_text(stance)), stance.after)
        groups.setdefault(key, ([], stance))[0].append(name)
    return [(tuple(by), stance) for by, stance in groups.values()]


def segment_marks(segments: Sequence[Segment]) -> str:
    """wdiff marks for a clause's segments: ``[-deleted-]``, ``{+inserted+}``."""
    out = []
    for seg in segments:
        if seg.op is EditOp.DELETE:
            out.append(f"[-{seg.text}-]")
        elif seg.op is EditOp.INSERT:
            out.append(f"{{+{seg.text}+}}")
        else:
            out.append(seg.text)
    return "".join(out)


def piece_marks(pieces: Sequence[Piece]) -> str:
    """wdiff marks for merged pieces; a conflict is its bracketed alternatives."""
    out = []
    for piece in pieces:
        if piece.op is MergeOp.DELETE:
            out.append(f"[-{piece.text}-]")
        elif piece.op is MergeOp.INSERT:
            out.append(f"{{+{piece.text}+}}")
        else:
            out.append(piece.new_text())
    return "".join(out)


def title(compilation: Compilation) -> str:
    """BASE's heading (and title) as one line, or its first block."""
    doc = compilation.base
    parts = []
    if doc.heading is not None:
        parts.append(doc.blocks[doc.heading.block].text)
    if doc.title is not None:
        parts.append(doc.blocks[doc.title].text)
    if not parts and doc.blocks:
        parts.append(doc.blocks[0].text)
    return " · ".join(p.strip() for p in parts)
