"""JSON for programs: the compilation with every proposal's stance, its segments and the merged draft.

The shape is described by ``resdiff/schema/compile.schema.json`` (JSON Schema
2020-12, also ``docs/compile.schema.json``) and documented in
``docs/compile.md``. Offsets are Python string indices (code points) into the
text of BASE (``base`` spans) or of the proposal (``new`` spans). Keys are
written in a fixed order, so the same compilation gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resdiff._compile.render.common import anchor_id, row_ids
from resdiff._model import ChangeOp
from resdiff._render.json_ import dumps_by_line

if TYPE_CHECKING:
    from resdiff._compile.model import Alternative, Compilation, Contribution, Piece, Provision, Stance
    from resdiff._model import ClauseChange, Comparison, Segment, Span

__all__ = ["SCHEMA_VERSION", "render", "to_dict"]

SCHEMA_VERSION = "1.0"


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _segment(seg: Segment) -> dict[str, Any]:
    return {"op": seg.op.value, "text": seg.text, "base": _span(seg.old), "new": _span(seg.new)}


def _mismatch(compilation: Compilation, check: Comparison, change: ClauseChange) -> dict[str, Any]:
    return {
        "op": change.op.value,
        "base_id": None if change.old is None else compilation.base.blocks[change.old].id,
        "base_text": None if change.old is None else compilation.base.blocks[change.old].text,
        "their_text": None if change.new is None else check.new.blocks[change.new].text,
    }


def _proposal(compilation: Compilation, entry: Contribution) -> dict[str, Any]:
    check = entry.base_check
    return {
        "name": entry.name,
        "source": entry.document.source,
        "proposal_id": entry.proposal_id or None,
        "symbol": entry.comparison.symbol.value,
        "lang": entry.document.lang.value,
        "base_matches": entry.base_matches,
        "base_mismatches": [] if check is None else [_mismatch(compilation, check, c) for c in entry.base_mismatches],
        "warnings": list(entry.document.warnings),
    }


def _stance(compilation: Compilation, entry: Contribution, stance: Stance) -> dict[str, Any]:
    change = stance.change
    new = entry.document.blocks[change.new] if change.new is not None else None
    return {
        "op": stance.op.value,
        "editorial": change.editorial,
        "new_id": None if new is None else new.id,
        "new_text": None if new is None else new.text,
        "after": None if stance.after is None else anchor_id(compilation, stance.after),
        "segments": [_segment(s) for s in change.segments],
    }


def _alternative(alt: Alternative) -> dict[str, Any]:
    return {"by": list(alt.by), "op": alt.op.value, "base": alt.op is ChangeOp.NOC, "text": alt.text}


def _piece(piece: Piece) -> dict[str, Any]:
    out: dict[str, Any] = {"op": piece.op.value, "text": piece.text, "by": list(piece.by), "base": _span(piece.base)}
    if piece.alternatives:
        out["alternatives"] = [_alternative(a) for a in piece.alternatives]
    return out


def _provision(compilation: Compilation, provision: Provision, row_id: str) -> dict[str, Any]:
    base = compilation.base.blocks[provision.base] if provision.base is not None else None
    section = None
    if base is not None and base.section >= 0:
        section = compilation.base.sections[base.section].kind.value
    return {
        "id": row_id,
        "base_id": None if base is None else base.id,
        "base_text": None if base is None else base.text,
        "section": section,
        "status": provision.status.value,
        "anchor": anchor_id(compilation, provision.after),
        "by": {
            entry.name: None if stance is None else _stance(compilation, entry, stance)
            for entry, stance in zip(compilation.proposals, provision.stances)
        },
        "merged_text": provision.new_text(),
        "merged": [_piece(p) for p in provision.merged],
    }


def to_dict(compilation: Compilation) -> dict[str, Any]:
    """The JSON document as Python data."""
    ids = row_ids(compilation)
    return {
        "schema_version": SCHEMA_VERSION,
        "base": {
            "source": compilation.base.source,
            "lang": compilation.base.lang.value,
            "blocks": len(compilation.base.blocks),
        },
        "proposals": [_proposal(compilation, e) for e in compilation.proposals],
        "counts": compilation.counts(),
        "proposal_counts": compilation.proposal_counts(),
        "changed": compilation.changed,
        "warnings": list(compilation.warnings),
        "draft": [ids[k] for k in compilation.draft],
        "merged": compilation.merged,
        "provisions": [_provision(compilation, p, ids[k]) for k, p in enumerate(compilation.provisions)],
    }


def render(compilation: Compilation, options: object) -> str:
    """One top-level field per line and one provision per line (readable, line-diffable, C-encoded)."""
    data = to_dict(compilation)
    data["provisions"] = data.pop("provisions")  # the long list last
    return dumps_by_line(data, ("provisions",))
