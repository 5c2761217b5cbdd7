"""``resdiff compile BASE PROPOSAL...``: the command's arguments and its run.

Registered by :mod:`resdiff._cli` with :func:`add_parser`; :func:`run` does
the work and returns the exit status: 0 when no proposal changes anything, 1
otherwise (errors raise and the CLI makes them exit 2). After the output, one
line on standard error counts the provisions per status, the conflicts first,
and names the proposals not built on BASE.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from resdiff._compile.build import NAME_FORBIDDEN
from resdiff._errors import InputError, warning_texts
from resdiff._render import parse_revision_date

if TYPE_CHECKING:
    from resdiff._compile.model import Compilation
    from resdiff._model import Document

__all__ = ["FORMATS", "add_parser", "proposal_name", "run"]

FORMATS = ("text", "markdown", "html", "json", "wdiff", "docx")
_PROG = "resdiff"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``compile`` subcommand to *sub*, the CLI's subparsers (*common* carries --lang, --encoding, -o).

    *sub* is typed Any: argparse's subparsers action is generic over the CLI's own parser class.
    """
    parser = sub.add_parser(
        "compile",
        parents=[common],
        help="compile several proposals on one resolution: agreement, conflicts, a merged draft",
        description="Compile PROPOSAL files (texts, proposal documents or .docx with tracked changes) "
        "on BASE, the text in force ('-' for standard input, once).",
    )
    parser.add_argument("base", metavar="BASE")
    parser.add_argument("proposals", metavar="PROPOSAL", nargs="+")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--name", action="append", default=None, metavar="NAME",
        help="a proposal's name, once per proposal in order (default: its proposal ID's prefix, else the file stem)",
    )  # fmt: skip
    parser.add_argument("--author", default="resdiff", help="docx: author of the conflict brackets")
    parser.add_argument("--date", help="docx: revision date, ISO 8601 (default: now)")
    parser.add_argument("--title", default="", help="html/docx: title (default: from BASE)")


@dataclass(frozen=True, slots=True)
class _Sides:
    old: str
    new: Document


def _is_docx(path: str) -> bool:
    return path != "-" and path.lower().endswith((".docx", ".docm"))


def _read(path: str, encoding: str | None) -> tuple[str, str | None]:
    """(new text, old text or None) of one input: a tracked .docx gives both sides."""
    if _is_docx(path):
        import resdiff

        sides = resdiff.read_docx(path)
        return sides.new, (sides.old if sides.tracked else None)
    import resdiff

    return resdiff.read_text(path, encoding).text, None


def proposal_name(doc: Document, path: str) -> str:
    """The proponents of the document's first proposal ID (``ECP``, ``B/CAN/USA``), else the file's stem.

    >>> from resdiff import parse
    >>> proposal_name(parse("MOD\\tECP/38A23/1\\nresolves\\n1\\tto act;"), "x.txt")
    'ECP'
    >>> proposal_name(parse("a"), "d/APT.txt")
    'APT'
    """
    for proposal in doc.proposals:
        if proposal.id is not None and proposal.id.proponents:
            return "/".join(proposal.id.proponents)
    stem = "stdin" if path == "-" else os.path.splitext(os.path.basename(path))[0]
    cleaned = "".join("_" if ch in NAME_FORBIDDEN else ch for ch in stem).strip()
    return cleaned or "proposal"


def _summary(compilation: Compilation) -> str:
    counts = compilation.counts()
    conflicts = counts["CONFLICT"]
    rest = ", ".join(f"{n} {status.lower()}" for status, n in counts.items() if status != "CONFLICT")
    n = len(compilation.proposals)
    line = (
        f"{_PROG}: compiled {n} proposal{'s' if n != 1 else ''} on {len(compilation.provisions)} provisions: "
        f"{conflicts} conflict{'s' if conflicts != 1 else ''} ({rest})"
    )
    off = [f"{e.name} ({len(e.base_mismatches)} differ)" for e in compilation.proposals if e.base_matches is False]
    if off:
        line += "; not built on BASE: " + ", ".join(off)
    return line


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run ``resdiff compile`` with parsed *args*; returns 0 (nothing proposed) or 1."""
    import resdiff

    paths = [args.base, *args.proposals]
    if paths.count("-") > 1:
        raise InputError("standard input can be only one of BASE and the proposals")
    names: list[str] | None = args.name
    if names is not None and len(names) != len(args.proposals):
        raise InputError(f"--name given {len(names)} times for {len(args.proposals)} proposals; give one per proposal")
    options = resdiff.RenderOptions(author=args.author, date=parse_revision_date(args.date), title=args.title)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        base = resdiff.parse(_read(args.base, args.encoding)[0], lang=args.lang, source=args.base)
        proposals: dict[str, str | Document | _Sides] = {}
        for k, path in enumerate(args.proposals):
            new_text, old_text = _read(path, args.encoding)
            doc = resdiff.parse(new_text, lang=args.lang, source=path)
            name = names[k] if names is not None else proposal_name(doc, path)
            if name in proposals:
                if names is not None:
                    raise InputError(f"--name {name!r} is given twice")
                name = next(f"{name}-{n}" for n in range(2, len(paths) + 2) if f"{name}-{n}" not in proposals)
            proposals[name] = doc if old_text is None else _Sides(old_text, doc)
        compilation = resdiff.compile(base, proposals, lang=args.lang)
    for text in warning_texts(caught):
        print(f"{_PROG}: warning: {text}", file=sys.stderr)
    data = compilation.render(args.format, options)
    if args.output is not None and args.output != "-":
        resdiff.write_output(args.output, data)
    elif isinstance(data, bytes):
        raise InputError("binary output (docx) needs -o FILE")
    else:
        stdout.write(data)
        stdout.flush()
    print(_summary(compilation), file=sys.stderr)
    return 1 if compilation.changed else 0
