"""The ``resdiff`` command: ``main(argv) -> int``.

Exit status as ``diff(1)``: 0 no differences, 1 differences, 2 trouble. Trouble
is one line on stderr (``resdiff: <file>: <problem>``), never a traceback;
set ``RESDIFF_DEBUG=1`` to see one for an internal error. Nothing is written
to ``-o`` unless the whole output is ready (the write is atomic).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
import warnings
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import NoReturn, TextIO

import resdiff

__all__ = ["main"]

_PROG = "resdiff"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


class _UsageError(Exception):
    pass


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_PROG,
        description="Show what changed between two versions of an ITU resolution, marked as a drafter would.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=[lang.value for lang in resdiff.Lang], help="force the language")
    common.add_argument("--encoding", help="input encoding (default: UTF-8 with BOM handling, else detected)")
    common.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    diff = sub.add_parser(
        "diff",
        parents=[common],
        help="compare two versions (or one Word file with tracked changes)",
        description="Compare OLD and NEW ('-' for standard input). With one .docx argument, "
        "compare the two sides of its tracked changes.",
    )
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW", nargs="?")
    diff.add_argument("-f", "--format", choices=sorted(resdiff.FORMATS), default="text")
    diff.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colours in text format")
    diff.add_argument("--author", default="resdiff", help="docx: revision author")
    diff.add_argument("--date", help="docx: revision date, ISO 8601 (default: now)")
    diff.add_argument("--marks", choices=["tracked", "format"], default="tracked", help="docx: kind of marks")
    diff.add_argument("--side-by-side", action="store_true", help="html: old and new in two columns")
    diff.add_argument("--markdown-style", choices=["html", "markup"], default="html", help="markdown marks")
    diff.add_argument("--proposal-id", default="", help="proposal ID to show with the symbol (ECP/38A23/1)")
    diff.add_argument("--title", default="", help="html: page title (default: from the documents)")

    parse = sub.add_parser("parse", parents=[common], help="show the structure resdiff finds in a file")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("-f", "--format", choices=["json", "outline"], default="outline")

    extract = sub.add_parser("extract", parents=[common], help="write one side of a Word file's changes as text")
    extract.add_argument("file", metavar="FILE")
    extract.add_argument("--side", choices=["old", "new"], default="new")

    batch = sub.add_parser("batch", help="compare every resolution in two folders")
    batch.add_argument("old_dir", metavar="OLD_DIR")
    batch.add_argument("new_dir", metavar="NEW_DIR")
    batch.add_argument("-o", "--output", metavar="OUT_DIR", required=True)
    batch.add_argument("-f", "--format", choices=["html", "json", "docx", "wdiff", "markdown"], default="html")
    batch.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    return parser


def _is_docx(path: str) -> bool:
    return path != "-" and path.lower().endswith((".docx", ".docm"))


def _read_sides(path: str, encoding: str | None) -> tuple[str, str]:
    """Old and new text of one input: a .docx gives both sides, a text file the same text twice."""
    if _is_docx(path):
        sides = resdiff.read_docx(path)
        return sides.old, sides.new
    text = resdiff.read_text(path, encoding).text
    return text, text


def _parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        date = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise resdiff.InputError(f"--date {value!r} is not an ISO 8601 date") from None
    return date if date.tzinfo else date.replace(tzinfo=timezone.utc)


def _color(choice: str, stream: TextIO, to_file: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    return not to_file and "NO_COLOR" not in os.environ and stream.isatty()


def _emit(data: str | bytes, output: str | None, stdout: TextIO) -> None:
    if output is not None and output != "-":
        resdiff.write_output(output, data)
    elif isinstance(data, bytes):
        raise resdiff.InputError("binary output (docx) needs -o FILE")
    else:
        stdout.write(data)
        stdout.flush()


def _cmd_diff(args: argparse.Namespace, stdout: TextIO) -> int:
    options = resdiff.RenderOptions(
        author=args.author,
        date=_parse_date(args.date),
        marks=args.marks,
        side_by_side=args.side_by_side,
        color=_color(args.color, stdout, args.output not in (None, "-")),
        markdown_style=args.markdown_style,
        proposal_id=args.proposal_id,
        title=args.title,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if args.new is None:
            if not _is_docx(args.old):
                raise resdiff.InputError(
                    f"{args.old}: one file given; diff needs OLD and NEW, or one .docx with tracked changes"
                )
            old_text, new_text = _read_sides(args.old, args.encoding)
            old_source, new_source = f"{args.old} (old side)", f"{args.old} (new side)"
        else:
            if args.old == "-" and args.new == "-":
                raise resdiff.InputError("standard input can be only one of OLD and NEW")
            old_text = _read_sides(args.old, args.encoding)[0]
            new_text = _read_sides(args.new, args.encoding)[1]
            old_source, new_source = args.old, args.new
        io_warnings = tuple(str(w.message) for w in caught)
        old_doc = resdiff.parse(old_text, lang=args.lang, source=old_source)
        new_doc = resdiff.parse(new_text, lang=args.lang, source=new_source)
        cmp = resdiff.compare(old_doc, new_doc)
    # what reading the files warned about (a guessed encoding) belongs in the output too
    cmp = dataclasses.replace(cmp, warnings=io_warnings + cmp.warnings)
    _report_warnings(caught)
    _emit(resdiff.render(cmp, args.format, options), args.output, stdout)
    return 0 if cmp.symbol.value == "NOC" else 1


def _cmd_parse(args: argparse.Namespace, stdout: TextIO) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = _read_sides(args.file, args.encoding)[1]
        doc = resdiff.parse(text, lang=args.lang, source=args.file)
    _report_warnings(caught)
    if args.format == "json":
        out = json.dumps(resdiff.document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"
    else:
        out = _outline(doc)
    _emit(out, args.output, stdout)
    return 0


def _outline(doc: resdiff.Document) -> str:
    lines = [f"lang: {doc.lang.value}"]
    if doc.heading:
        h = doc.heading
        where = f"{h.meeting.place}, {h.meeting.year}" if h.meeting else "-"
        lines.append(f"heading: {h.doc_type.value} {h.number} ({h.revision.value}; {where})")
    for block in doc.blocks:
        kind = ""
        if block.section >= 0:
            kind = doc.sections[block.section].kind.value
        text = block.text if len(block.text) <= 60 else block.text[:59] + "…"
        indent = "  " * (block.level + (1 if block.role.value == "item" else 0))
        lines.append(f"{block.role.value:<9} {block.id:<28} {kind:<22} {indent}{text}")
    for warning in doc.warnings:
        lines.append(f"warning: {warning}")
    return "".join(line.replace("\t", " ") + "\n" for line in lines)


def _cmd_extract(args: argparse.Namespace, stdout: TextIO) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old, new = _read_sides(args.file, args.encoding)
    _report_warnings(caught)
    _emit(old if args.side == "old" else new, args.output, stdout)
    return 0


def _cmd_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    report = resdiff.run_batch(args.old_dir, args.new_dir, args.output, fmt=args.format, jobs=args.jobs, progress=None)
    for name in report.unmatched_old:
        print(f"{_PROG}: only in {args.old_dir}: {name}", file=sys.stderr)
    for name in report.unmatched_new:
        print(f"{_PROG}: only in {args.new_dir}: {name}", file=sys.stderr)
    for pair in report.pairs:
        if pair.error:
            print(f"{_PROG}: {pair.error}", file=sys.stderr)
    stdout.write(f"{len(report.pairs)} pairs compared; index in {os.path.join(args.output, 'index.html')}\n")
    return report.exit_code


def _report_warnings(caught: Sequence[warnings.WarningMessage]) -> None:
    for text in dict.fromkeys(str(w.message) for w in caught):  # each once, in the order first seen
        print(f"{_PROG}: warning: {text}", file=sys.stderr)


_COMMANDS = {"diff": _cmd_diff, "parse": _cmd_parse, "extract": _cmd_extract, "batch": _cmd_batch}


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    out = stdout if stdout is not None else sys.stdout
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.version:
            out.write(f"{_PROG} {resdiff.__version__}\n")
            return 0
        if args.command is None:
            raise _UsageError(f"a command is needed: {', '.join(_COMMANDS)} (see '{_PROG} --help')")
        # This process is ours: pause the cyclic collector while the command builds its
        # objects (see resdiff.paused_gc); library calls leave it alone.
        with resdiff.paused_gc():
            return _COMMANDS[args.command](args, out)
    except SystemExit as exc:  # --help and --version style exits from argparse
        return exc.code if isinstance(exc.code, int) else 0
    except _UsageError as exc:
        print(f"{_PROG}: {exc}", file=sys.stderr)
        return 2
    except resdiff.ResdiffError as exc:
        print(f"{_PROG}: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `resdiff … | head`): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open: it stops Python's flush-at-exit complaint
        return 1
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("RESDIFF_DEBUG"):
            raise
        print(f"{_PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
              "(set RESDIFF_DEBUG=1 for details)", file=sys.stderr)
        return 2


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "unknown error"
