"""JSON for programs: the comparison with every change, its segments and their offsets.

The shape is described by ``resdiff/schema/comparison.schema.json`` (JSON
Schema 2020-12) and documented in ``docs/json.md``. Offsets are Python string
indices (Unicode code points) into each side's decoded text. Keys are written
in a fixed order, so the same comparison gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Container, Mapping
from typing import Any

from resdiff._model import Block, ClauseChange, Comparison, Document, Meeting, Segment, Span
from resdiff._render import RenderOptions

__all__ = ["SCHEMA_VERSION", "document_to_dict", "dumps_by_line", "render", "to_dict"]

SCHEMA_VERSION = "1.0"


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _meeting(m: Meeting | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"place": m.place, "place_key": m.place_key, "year": m.year}


def _document(doc: Document) -> dict[str, Any]:
    heading = doc.heading
    proposal = doc.proposals[0] if doc.proposals else None
    return {
        "source": doc.source,
        "lang": doc.lang.value,
        "blocks": len(doc.blocks),
        "heading": None
        if heading is None
        else {
            "doc_type": heading.doc_type.value,
            "number": heading.number,
            "revision": heading.revision.value,
            "meeting": _meeting(heading.meeting),
        },
        "title": None if doc.title is None else doc.blocks[doc.title].text,
        "history": [_meeting(m) for m in doc.history],
        "sections": [
            {"id": doc.blocks[s.block].id, "kind": s.kind.value, "heading": s.heading, "addressee": s.addressee}
            for s in doc.sections
        ],
        "proposal": None
        if proposal is None
        else {
            "symbol": None if proposal.symbol is None else proposal.symbol.value,
            "id": None if proposal.id is None else proposal.id.text,
        },
        "warnings": list(doc.warnings),
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """A parsed document with every block, for ``resdiff parse --format json``."""
    out = {"schema_version": SCHEMA_VERSION, **_document(doc)}
    out["blocks"] = [
        {
            "id": b.id,
            "role": b.role.value,
            "label": b.label,
            "level": b.level,
            "section": doc.sections[b.section].kind.value if b.section >= 0 else None,
            "span": _span(b.span),
            "body": _span(b.body),
            "text": b.text,
        }
        for b in doc.blocks
    ]
    return out


def _side(doc: Document, index: int | None) -> dict[str, Any] | None:
    if index is None:
        return None
    block: Block = doc.blocks[index]
    section = doc.sections[block.section].kind.value if block.section >= 0 else None
    return {
        "index": index,
        "id": block.id,
        "role": block.role.value,
        "label": block.label,
        "section": section,
        "span": _span(block.span),
    }


def _segment(seg: Segment) -> dict[str, Any]:
    return {"op": seg.op.value, "text": seg.text, "old": _span(seg.old), "new": _span(seg.new)}


def _change(cmp: Comparison, change: ClauseChange) -> dict[str, Any]:
    old, new = _side(cmp.old, change.old), _side(cmp.new, change.new)
    return {
        "op": change.op.value,
        "section": (new or old or {}).get("section"),
        "old": old,
        "new": new,
        "relabelled": change.relabelled,
        "editorial": change.editorial,
        "similarity": change.similarity,
        "segments": [_segment(s) for s in change.segments],
    }


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON document as Python data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "symbol": comparison.symbol.value,
        "counts": comparison.counts(),
        "old": _document(comparison.old),
        "new": _document(comparison.new),
        "warnings": list(comparison.warnings),
        "changes": [_change(comparison, c) for c in comparison.changes],
    }


def render(comparison: Comparison, options: RenderOptions) -> str:
    """One top-level field per line and one change per line.

    Readable and line-diffable, and every piece goes through the json module's
    C encoder (``indent=`` would switch it to the pure-Python one, 5× slower on
    a resolution, which a conference batch feels).
    """
    return dumps_by_line(to_dict(comparison), ("changes",))


def dumps_by_line(data: Mapping[str, Any], spread: Container[str]) -> str:
    """*data* as JSON with one top-level field per line, and one item per line in the list fields named
    in *spread*: the layout every resdiff JSON output shares (readable, line-diffable, C-encoded).

    >>> print(dumps_by_line({"a": 1, "b": [2, 3]}, ("b",)), end="")
    {
      "a": 1,
      "b": [
        2,
        3
      ]
    }
    """
    fields = []
    for key, value in data.items():
        if key in spread and isinstance(value, list):
            body = ",\n    ".join(_dumps(item) for item in value)
            fields.append(f"{json.dumps(key)}: [\n    {body}\n  ]" if value else f"{json.dumps(key)}: []")
        else:
            fields.append(f"{json.dumps(key)}: {_dumps(value)}")
    return "{\n  " + ",\n  ".join(fields) + "\n}\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
