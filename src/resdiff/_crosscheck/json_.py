"""JSON output of a cross-check, for programs.

The shape is described by ``resdiff/schema/crosscheck.schema.json`` (JSON
Schema 2020-12) and documented in ``docs/crosscheck.md``. Keys are written in
a fixed order, one top-level field per line and one finding per line, so the
same cross-check gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from resdiff._crosscheck.model import CrossCheck, Finding, LangProvision
from resdiff._model import Comparison
from resdiff._render.json_ import dumps_by_line

__all__ = ["SCHEMA_VERSION", "render", "to_dict"]

SCHEMA_VERSION = "1.0"


def _side(cmp: Comparison, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "lang": (cmp.new if cmp.new.blocks else cmp.old).lang.value,
        "old_source": cmp.old.source,
        "new_source": cmp.new.source,
        "symbol": cmp.symbol.value,
        "changes": len(cmp.changes),
    }


def _provision(p: LangProvision) -> dict[str, Any]:
    return {
        "lang": p.lang.value,
        "id": p.id,
        "label": p.label,
        "op": None if p.op is None else p.op.value,
        "editorial": p.editorial,
        "text": p.text,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {"kind": f.kind.value, "a": _provision(f.a), "b": _provision(f.b), "detail": f.detail}


def to_dict(check: CrossCheck) -> dict[str, Any]:
    """The JSON document as Python data."""
    name_a, name_b = check.names
    return {
        "schema_version": SCHEMA_VERSION,
        "a": _side(check.a, name_a),
        "b": _side(check.b, name_b),
        "pairs": check.pairs,
        "unpaired": [_provision(p) for p in check.unpaired],
        "counts": check.counts(),
        "findings": [_finding(f) for f in check.findings],
    }


def render(check: CrossCheck) -> str:
    data = to_dict(check)
    # every list one item a line; an empty list stays inline ("[]")
    return dumps_by_line(data, [key for key, value in data.items() if isinstance(value, list) and value])
