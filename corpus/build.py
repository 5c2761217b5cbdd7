"""Derive each gold case's ``old.txt`` and ``new.txt`` from its ``marked.txt``.

``marked.txt`` is the source of truth: one paragraph per line, GNU wdiff
notation as a drafter marks a proposal: ``[-deleted-]``, ``{+inserted+}``,
everything else equal. Marks never span lines and never nest. A wholly
inserted line exists only in ``new.txt``; a wholly deleted one only in
``old.txt``.

    python corpus/build.py           # rewrite old.txt/new.txt of every case
    python corpus/build.py --check   # exit 1 if any is out of date

The same parser reads a system's wdiff output in ``benchmarks/quality.py``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CORPUS",
    "MarkError",
    "Seg",
    "case_dirs",
    "derive",
    "line_op",
    "parse_line",
    "parse_marked",
    "render_line",
]

CORPUS = Path(__file__).resolve().parent

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_OPEN = {"[-": DELETE, "{+": INSERT}
_CLOSE = {DELETE: "-]", INSERT: "+}"}


class MarkError(ValueError):
    """A marked line is not well-formed wdiff (unbalanced, nested or stray mark)."""


@dataclass(frozen=True, slots=True)
class Seg:
    """A run of one line: ``op`` is ``equal``, ``delete`` or ``insert``."""

    op: str
    text: str


def parse_line(line: str, lineno: int = 0) -> list[Seg]:
    """Split one marked line into runs; empty marks are dropped.

    >>> [(s.op, s.text) for s in parse_line("a)\\tthe [-old-]{+new+} text;")]
    [('equal', 'a)\\tthe '), ('delete', 'old'), ('insert', 'new'), ('equal', ' text;')]
    """
    segs: list[Seg] = []
    i = 0
    buf: list[str] = []
    n = len(line)
    while i < n:
        two = line[i : i + 2]
        if two in _OPEN:
            op = _OPEN[two]
            end = line.find(_CLOSE[op], i + 2)
            if end < 0:
                raise MarkError(f"line {lineno}: {two!r} at column {i + 1} is never closed")
            inner = line[i + 2 : end]
            for stray in ("[-", "{+", "-]" if op == INSERT else "+}"):
                if stray in inner:
                    raise MarkError(f"line {lineno}: {stray!r} inside the mark at column {i + 1}")
            if buf:
                segs.append(Seg(EQUAL, "".join(buf)))
                buf = []
            if inner:
                segs.append(Seg(op, inner))
            i = end + 2
            continue
        if two in ("-]", "+}"):
            raise MarkError(f"line {lineno}: {two!r} at column {i + 1} closes nothing")
        buf.append(line[i])
        i += 1
    if buf:
        segs.append(Seg(EQUAL, "".join(buf)))
    return _merge(segs)


def _merge(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for s in segs:
        if out and out[-1].op == s.op:
            out[-1] = Seg(s.op, out[-1].text + s.text)
        else:
            out.append(s)
    return out


def parse_marked(text: str) -> list[list[Seg]]:
    """Parse a whole marked document: one list of runs per non-empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for k, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        out.append(parse_line(line, k))
    return out


def line_op(segs: list[Seg]) -> str:
    """The clause op of one marked line: NOC, ADD, SUP or MOD."""
    ops = {s.op for s in segs}
    if ops <= {EQUAL}:
        return "NOC"
    if ops == {INSERT}:
        return "ADD"
    if ops == {DELETE}:
        return "SUP"
    return "MOD"


def old_side(segs: list[Seg]) -> str:
    return "".join(s.text for s in segs if s.op != INSERT)


def new_side(segs: list[Seg]) -> str:
    return "".join(s.text for s in segs if s.op != DELETE)


def render_line(segs: list[Seg]) -> str:
    """Inverse of :func:`parse_line`."""
    out = []
    for s in segs:
        if s.op == DELETE:
            out.append(f"[-{s.text}-]")
        elif s.op == INSERT:
            out.append(f"{{+{s.text}+}}")
        else:
            out.append(s.text)
    return "".join(out)


def derive(marked: str) -> tuple[str, str]:
    """Return ``(old_text, new_text)``: one paragraph per line, each ending in a newline."""
    old_lines: list[str] = []
    new_lines: list[str] = []
    for segs in parse_marked(marked):
        op = line_op(segs)
        if op != "ADD":
            old_lines.append(old_side(segs))
        if op != "SUP":
            new_lines.append(new_side(segs))
    return "".join(x + "\n" for x in old_lines), "".join(x + "\n" for x in new_lines)


def case_dirs(root: Path = CORPUS) -> list[Path]:
    """Every case folder (one holding a ``marked.txt``), sorted by name."""
    return sorted(p.parent for p in root.glob("*/marked.txt"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a derived file is out of date")
    args = ap.parse_args(argv)
    stale = []
    for case in case_dirs():
        old, new = derive((case / "marked.txt").read_text(encoding="utf-8"))
        for name, text in (("old.txt", old), ("new.txt", new)):
            path = case / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            if args.check:
                stale.append(f"{case.name}/{name}")
            else:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {case.name}/{name}")
    if stale:
        print("out of date (run python corpus/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
