"""Text output of a cross-check: one finding per line, then one line of totals.

Each finding line holds the kind, then for each language its code, the
provision's block id, its operation and a short excerpt (the first change
marked ``[-deleted-]{+inserted+}`` with a little context, or the start of the
text), then what differs. Tabs and line breaks inside texts become spaces, so
a line is always one finding.
"""

from __future__ import annotations

import re

from resdiff._crosscheck.model import CrossCheck, Finding, LangProvision
from resdiff._model import EditOp

__all__ = ["EXCERPT_CHARS", "excerpt", "line", "render"]

EXCERPT_CHARS = 48  # characters of text shown per provision (10..200); context before a change is a third of it

_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def excerpt(check: CrossCheck, side: str, provision: LangProvision, limit: int = EXCERPT_CHARS) -> str:
    """A short excerpt of *provision* (of language ``side`` ``"a"`` or ``"b"``), marked around its first change."""
    if provision.change is None:
        return ""
    cmp = check.a if side == "a" else check.b
    segments = cmp.changes[provision.change].segments
    first = next((k for k, s in enumerate(segments) if s.op is not EditOp.EQUAL), None)
    if first is None or len(segments) == 1:
        text = _flat(provision.text).strip()
        return text if len(text) <= limit else text[: limit - 1] + "…"
    before = _flat("".join(s.text for s in segments[:first])).lstrip()
    lead = limit // 3
    if len(before) > lead:
        cut = before[-lead:]
        space = cut.find(" ")
        before = "…" + (cut[space + 1 :] if 0 <= space < len(cut) - 1 else cut)
    out = [before]
    room = limit - len(before)
    for seg in segments[first:]:
        if room <= 0:
            out.append("…")
            break
        text = _flat(seg.text)
        piece = text[:room] + ("…" if len(text) > room else "")
        room -= len(text)
        if seg.op is EditOp.DELETE:
            piece = f"[-{piece}-]"
        elif seg.op is EditOp.INSERT:
            piece = f"{{+{piece}+}}"
        out.append(piece)
    return "".join(out).rstrip()


def _side(check: CrossCheck, side: str, p: LangProvision) -> str:
    name = check.names[0 if side == "a" else 1]
    if p.change is None:
        return f"{name} - (nothing)"
    return f'{name} {p.id} {p.symbol} "{excerpt(check, side, p)}"'


def line(check: CrossCheck, finding: Finding) -> str:
    """The one line of a finding."""
    a, b = _side(check, "a", finding.a), _side(check, "b", finding.b)
    return f"{finding.kind.value:<18} {a} | {b} | {finding.detail}"


def render(check: CrossCheck) -> str:
    la, lb = check.names
    tail = f"{check.pairs} provisions paired, {len(check.unpaired)} unpaired"
    if not check.findings:
        return f"no findings: {la} and {lb} change the same provisions the same way ({tail})\n"
    counts = ", ".join(f"{kind} {n}" for kind, n in check.counts().items() if n)
    n = len(check.findings)
    lines = [line(check, f) for f in check.findings]
    lines.append(f"{n} finding{'s' if n != 1 else ''} ({counts}); {tail}")
    return "".join(x.replace("\n", " ") + "\n" for x in lines)
