"""The ``resdiff`` command: ``main(argv) -> int``.

Exit status as ``diff(1)``: 0 no differences, 1 differences, 2 trouble. Trouble
is one line on stderr (``resdiff: <file>: <problem>``), never a traceback;
set ``RESDIFF_DEBUG=1`` to see one for an internal error. Nothing is written
to ``-o`` unless the whole output is ready (the write is atomic), and ``-o``
may not name one of the inputs.

``resdiff OLD NEW …`` with the command left out is ``resdiff diff OLD NEW …``
when OLD is an existing file (or ``-``); a command name always wins over a
file of the same name. The CLI uses the public API only (``resdiff.X``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import io
import json
import os
import stat
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO, cast

import resdiff

__all__ = ["main"]

_PROG = "resdiff"
_DEFAULTS = resdiff.RenderOptions()

#: -o's extension → the format it implies (without -f), and the formats that may write it.
_DIFF_EXTENSIONS: dict[str, tuple[str, frozenset[str]]] = {
    ".docx": ("docx", frozenset({"docx"})),
    ".html": ("html", frozenset({"html"})),
    ".htm": ("html", frozenset({"html"})),
    ".json": ("json", frozenset({"json"})),
    ".md": ("markdown", frozenset({"markdown"})),
    ".markdown": ("markdown", frozenset({"markdown"})),
    ".txt": ("text", frozenset({"text", "wdiff"})),
}
_PARSE_EXTENSIONS: dict[str, tuple[str, frozenset[str]]] = {
    ".json": ("json", frozenset({"json"})),
    ".txt": ("outline", frozenset({"outline"})),
    ".xml": ("akn", frozenset({"akn"})),
    ".akn": ("akn", frozenset({"akn"})),
}

#: diff options that only some formats read: option → (its attribute, the formats that read it).
_FORMAT_OPTIONS: dict[str, tuple[str, frozenset[str]]] = {
    "--color": ("color", frozenset({"text"})),
    "--author": ("author", frozenset({"docx"})),
    "--date": ("date", frozenset({"docx"})),
    "--marks": ("marks", frozenset({"docx"})),
    "--side-by-side": ("side_by_side", frozenset({"html"})),
    "--title": ("title", frozenset({"html"})),
    "--markdown-style": ("markdown_style", frozenset({"markdown"})),
    "--proposal-id": ("proposal_id", frozenset({"docx", "html"})),
}

_EXIT_STATUS = """exit status (as diff(1)):
  0  no differences (the ITU symbol is NOC)
  1  differences
  2  trouble: one line on standard error says what and where; nothing is written to -o"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


class _UsageError(Exception):
    pass


class _ClosedStream(io.TextIOBase):
    """Standard output when the process was started without one (``resdiff … >&-``)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: at least 1")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: a number of seconds, 0 or more")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_PROG,
        description="Show what changed between two versions of an ITU resolution, marked as a drafter would. "
        f"'{_PROG} OLD NEW' is short for '{_PROG} diff OLD NEW'.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    langs = [lang.value for lang in resdiff.Lang]

    common = _Parser(add_help=False)
    common.add_argument(
        "--lang", choices=langs, help=f"force the language ({', '.join(langs)}) instead of detecting it"
    )
    common.add_argument(
        "--encoding",
        metavar="E",
        help="decode the input(s) with E (gb18030, utf-16, …); default: a byte-order mark, else UTF-8, "
        "else GB18030 with a warning",
    )
    common.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )

    formats = ", ".join(sorted(resdiff.FORMATS))
    diff = sub.add_parser(
        "diff",
        parents=[common],
        help="compare two versions (or one Word file with tracked changes)",
        description="Compare OLD with NEW. With one .docx argument, compare the two sides of its\n"
        "tracked changes (reject all = old, accept all = new).",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("old", metavar="OLD", help="the earlier version: a text file, a .docx, or - for standard input")
    diff.add_argument(
        "new", metavar="NEW", nargs="?", help="the later version (a text file, a .docx, or -); omit for one .docx"
    )
    diff.add_argument(
        "-f",
        "--format",
        choices=sorted(resdiff.FORMATS),
        metavar="FORMAT",
        help=f"output format: {formats}; default: from -o's extension (.docx, .html/.htm, .json, "
        ".md, .txt = text), else text (a symbol column and the marked text)",
    )
    diff.add_argument("--old-encoding", metavar="E", help="decode OLD with E (overrides --encoding for OLD)")
    diff.add_argument("--new-encoding", metavar="E", help="decode NEW with E (overrides --encoding for NEW)")
    diff.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        help="text: colours; auto (the default) = when standard output is a terminal and NO_COLOR is unset",
    )
    diff.add_argument("--author", metavar="NAME", help=f"docx: revision author (default: {_DEFAULTS.author})")
    diff.add_argument("--date", metavar="ISO", help="docx: revision date, ISO 8601, years 1-9999 (default: now)")
    diff.add_argument(
        "--marks",
        choices=[m.value for m in type(_DEFAULTS.marks)],  # the values of RenderOptions' own enum
        help=f"docx: real tracked changes, or underline/strike formatting (default: {_DEFAULTS.marks.value})",
    )
    diff.add_argument("--side-by-side", action="store_true", default=None, help="html: old and new in two columns")
    diff.add_argument(
        "--markdown-style",
        choices=[m.value for m in type(_DEFAULTS.markdown_style)],
        help=f"markdown: <ins>/<del> (html) or **…**/~~…~~ (markup) (default: {_DEFAULTS.markdown_style.value})",
    )
    diff.add_argument("--proposal-id", metavar="ID", help="docx, html: proposal ID shown with the symbol (ECP/38A23/1)")
    diff.add_argument(
        "--title",
        metavar="TEXT",
        help="html: page title (default: the heading and title of the new document, else of the old one)",
    )

    parse = sub.add_parser(
        "parse",
        parents=[common],
        help="show the structure resdiff finds in a file",
        description="Show the blocks, sections and labels resdiff finds in FILE.",
    )
    parse.add_argument(
        "file", metavar="FILE", help="a text file, a .docx (its accept-all text), a .pdf, Akoma Ntoso XML, or -"
    )
    parse.add_argument(
        "-f",
        "--format",
        choices=["akn", "json", "outline"],
        help="outline: one block a line; json: every block, span and label; akn: Akoma Ntoso 3.0 XML "
        "(default: from -o's extension (.json, .txt, .xml), else outline)",
    )

    extract = sub.add_parser(
        "extract",
        parents=[common],
        help="write one side of a Word file's changes as text",
        description="Write one side of FILE's tracked changes (or manual underline/strikethrough marks) as text.",
    )
    extract.add_argument("file", metavar="FILE", help="a .docx (a text file is written back as it is)")
    extract.add_argument(
        "--side",
        choices=["old", "new"],
        default="new",
        help="old = every change rejected, new = every change accepted (default: new)",
    )

    batch = sub.add_parser(
        "batch",
        help="compare every resolution in two folders (or compilation files)",
        description="Compare each file of OLD_DIR with its partner in NEW_DIR (paired by document type and "
        "number, then heading, then name; see docs/batch.md). One output per pair and an index "
        "(index.html, index.json) go to OUT_DIR.",
        epilog="exit status: 0 every pair NOC, 1 some pair differs, 2 some pair failed or a folder is unusable",
    )
    batch.add_argument(
        "old_dir", metavar="OLD_DIR", help="folder of the earlier versions, or a compilation file to split"
    )
    batch.add_argument(
        "new_dir", metavar="NEW_DIR", help="folder of the later versions, or a compilation file to split"
    )
    batch.add_argument(
        "-o",
        "--output",
        metavar="OUT_DIR",
        required=True,
        help="folder for the outputs and the index (created if missing; not inside OLD_DIR or NEW_DIR)",
    )
    batch.add_argument(
        "-f",
        "--format",
        choices=["html", "json", "docx", "wdiff", "markdown"],
        default="html",
        help="format of each pair's output (default: html)",
    )
    batch.add_argument(
        "--jobs", type=_positive_int, metavar="N", help="worker processes (default: one per core)"
    )
    batch.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        default=resdiff.BATCH_TIMEOUT,
        help=f"time one pair may take before it is stopped and recorded as failed "
        f"(default: {resdiff.BATCH_TIMEOUT:g}; 0 = no limit)",
    )

    # Commands that live in their own packages register their parsers themselves: the one place the
    # CLI reaches past the public API, to the command modules it runs.
    from resdiff._compile.cli import add_parser as add_compile_parser
    from resdiff._crosscheck.cli import add_arguments as crosscheck_arguments

    crosscheck_arguments(sub.add_parser("crosscheck", help="check that two language versions agree on a revision"))
    add_compile_parser(sub, common)
    from resdiff._split_cli import add_split_parser

    add_split_parser(sub, common)
    return parser


# ---------------------------------------------------------------- inputs and outputs


def _is_docx(path: str) -> bool:
    return path != "-" and path.lower().endswith((".docx", ".docm"))


def _read_sides(path: str, encoding: str | None) -> tuple[str, str]:
    """Old and new text of one input: a .docx gives both sides, a text file the same text twice."""
    if _is_docx(path):
        _require_regular(path)
        sides = resdiff.read_docx(path)
        return sides.old, sides.new
    text = resdiff.read_document(path, encoding)  # text, PDF or Akoma Ntoso
    return text, text


def _require_regular(path: str) -> None:
    """A Word file is a zip, read by seeking: a FIFO or device named .docx is refused, not read forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the reader says what is wrong with it
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise resdiff.InputError(f"{path}: not a regular file; a .docx must be one")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.fstat(sys.stdin.fileno()) if path == "-" else os.stat(path)
    except (OSError, ValueError, AttributeError):  # a test's stdin may have no descriptor
        return None
    return st.st_dev, st.st_ino


def _refuse_output_over_input(output: str | None, inputs: Sequence[str | None]) -> None:
    """-o naming one of the inputs (same device and inode: links, symbolic links, stdin) is refused."""
    if output is None or output == "-":
        return
    target = _identity(output)
    if target is None:
        return
    mode = os.stat(output).st_mode
    if not stat.S_ISREG(mode):
        return  # a device or FIFO is written into, never replaced, and /dev/stdout may be the terminal
    for source in inputs:
        if source is not None and _identity(source) == target:
            shown = "standard input" if source == "-" else source
            raise resdiff.InputError(f"-o {output} is the input {shown}; refusing to overwrite it")


def _choose_format(
    given: str | None, output: str | None, table: dict[str, tuple[str, frozenset[str]]], default: str
) -> str:
    """-f, else the format -o's extension implies, else *default*; exit 2 when -f and the extension disagree."""
    if output is None or output == "-":
        return given or default
    ext = os.path.splitext(output)[1].lower()
    implied = table.get(ext)
    if implied is None:
        return given or default
    if given is None:
        return implied[0]
    if given not in implied[1]:
        raise _UsageError(
            f"-f {given} contradicts the output name {output} (a {ext} file is "
            f"{' or '.join(sorted(implied[1]))}); change one of them"
        )
    return given


def _color(choice: str | None, stream: TextIO, to_file: bool) -> bool:
    if choice not in (None, "auto"):
        return choice == "always"
    return not to_file and "NO_COLOR" not in os.environ and stream.isatty()


def _emit(data: str | bytes, output: str | None, stdout: TextIO) -> None:
    if output is not None and output != "-":
        resdiff.write_output(output, data)
        return
    if isinstance(data, bytes):
        raise resdiff.InputError("binary output (docx) needs -o FILE")
    buffer = getattr(stdout, "buffer", None)
    try:
        if buffer is None:  # a text-only stream (a test's StringIO)
            stdout.write(data)
            stdout.flush()
            return
        # UTF-8 whatever the locale: the outputs are UTF-8 (HTML and JSON say so), and a Latin-1
        # terminal must not turn a Chinese diff into an encoding error.
        stdout.flush()
        buffer.write(data.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        raise  # the reader went away: main() handles it quietly
    except OSError as exc:
        raise resdiff.OutputError(f"-: cannot write ({(exc.strerror or str(exc)).lower()})") from None


def _report_warnings(caught: Sequence[warnings.WarningMessage], shown: Sequence[str] = ()) -> None:
    """Each warning once as 'resdiff: warning: …', except those the output on standard output already shows."""
    for text in dict.fromkeys(str(w.message) for w in caught):  # each once, in the order first seen
        if text not in shown:
            print(f"{_PROG}: warning: {text}", file=sys.stderr)


def _warn_ignored_options(args: argparse.Namespace) -> None:
    for option, (attr, formats) in _FORMAT_OPTIONS.items():
        if getattr(args, attr) is not None and args.format not in formats:
            where = " or ".join(f"-f {f}" for f in sorted(formats))
            print(f"{_PROG}: warning: {option} applies to {where} only; ignored for -f {args.format}", file=sys.stderr)


# ---------------------------------------------------------------- commands


def _cmd_diff(args: argparse.Namespace, stdout: TextIO) -> int:
    args.format = _choose_format(args.format, args.output, _DIFF_EXTENSIONS, "text")
    _warn_ignored_options(args)
    to_stdout = args.output in (None, "-")
    options = resdiff.RenderOptions(
        author=_DEFAULTS.author if args.author is None else args.author,
        date=resdiff.parse_revision_date(args.date),
        marks=args.marks or _DEFAULTS.marks,
        side_by_side=bool(args.side_by_side),
        color=_color(args.color, stdout, not to_stdout),
        markdown_style=args.markdown_style or _DEFAULTS.markdown_style,
        proposal_id=args.proposal_id or _DEFAULTS.proposal_id,
        title=args.title or _DEFAULTS.title,
    )
    if args.new is None and not _is_docx(args.old):
        raise resdiff.InputError(
            f"{args.old}: one file given; diff needs OLD and NEW, or one .docx with tracked changes"
        )
    if args.old == "-" and args.new == "-":
        raise resdiff.InputError("standard input can be only one of OLD and NEW")
    _refuse_output_over_input(args.output, (args.old, args.new))
    old_encoding = args.old_encoding or args.encoding
    new_encoding = args.new_encoding or args.encoding
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if args.new is None:
            old_text, new_text = _read_sides(args.old, old_encoding)
            old_source, new_source = f"{args.old} (old side)", f"{args.old} (new side)"
        else:
            old_text = _read_sides(args.old, old_encoding)[0]
            new_text = _read_sides(args.new, new_encoding)[1]
            old_source, new_source = args.old, args.new
        io_warnings = tuple(str(w.message) for w in caught)
        old_doc = resdiff.parse(old_text, lang=args.lang, source=old_source)
        new_doc = resdiff.parse(new_text, lang=args.lang, source=new_source)
        if args.new is not None:  # two files, not the two sides of one Word file
            from resdiff._split_cli import refuse_compilations

            refuse_compilations(old_doc, new_doc, old_source, new_source)
        cmp = resdiff.compare(old_doc, new_doc)
    # what reading the files warned about (a guessed encoding) belongs in the output too
    cmp = dataclasses.replace(cmp, warnings=io_warnings + cmp.warnings)
    # the text format shows every warning at its top: on standard output, once is enough
    _report_warnings(caught, cmp.warnings if args.format == "text" and to_stdout else ())
    _emit(resdiff.render(cmp, args.format, options), args.output, stdout)
    return 0 if cmp.symbol.value == "NOC" else 1


def _cmd_parse(args: argparse.Namespace, stdout: TextIO) -> int:
    args.format = _choose_format(args.format, args.output, _PARSE_EXTENSIONS, "outline")
    _refuse_output_over_input(args.output, (args.file,))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = _read_sides(args.file, args.encoding)[1]
        doc = resdiff.parse(text, lang=args.lang, source=args.file)
    if args.format == "json":
        out = json.dumps(resdiff.document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "akn":
        keys = [part.key for part in resdiff.split_text(doc.text, doc=doc) if not part.front]
        out = resdiff.document_to_akn(doc, keys)
    else:
        out = _outline(doc)
    # the outline lists the document's warnings at its end: on standard output, once is enough
    _report_warnings(caught, doc.warnings if args.format == "outline" and args.output in (None, "-") else ())
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
    _refuse_output_over_input(args.output, (args.file,))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old, new = _read_sides(args.file, args.encoding)
    _report_warnings(caught)
    _emit(old if args.side == "old" else new, args.output, stdout)
    return 0


def _cmd_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    from resdiff._split_cli import batch_folder

    old_dir, new_dir = batch_folder(args.old_dir, "old", args.output), batch_folder(args.new_dir, "new", args.output)
    report = resdiff.run_batch(
        old_dir,
        new_dir,
        args.output,
        fmt=args.format,
        jobs=args.jobs,
        progress=None,
        timeout=args.timeout or None,
    )
    for name in report.unmatched_old:
        print(f"{_PROG}: only in {args.old_dir}: {name}", file=sys.stderr)
    for name in report.unmatched_new:
        print(f"{_PROG}: only in {args.new_dir}: {name}", file=sys.stderr)
    for pair in report.pairs:
        if pair.error:
            print(f"{_PROG}: {pair.error}", file=sys.stderr)
    summary = f"{len(report.pairs)} pairs compared, {report.failed} failed; index in {report.index_html}\n"
    _emit(summary, None, stdout)
    return report.exit_code


def _cmd_crosscheck(args: argparse.Namespace, stdout: TextIO) -> int:
    from resdiff._crosscheck.cli import run

    return run(args, stdout)


def _cmd_compile(args: argparse.Namespace, stdout: TextIO) -> int:
    from resdiff._compile.cli import run

    return run(args, stdout)


def _cmd_split(args: argparse.Namespace, stdout: TextIO) -> int:
    from resdiff._split_cli import cmd_split

    return cmd_split(args, stdout)


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "diff": _cmd_diff,
    "parse": _cmd_parse,
    "extract": _cmd_extract,
    "batch": _cmd_batch,
    "crosscheck": _cmd_crosscheck,
    "compile": _cmd_compile,
    "split": _cmd_split,
}


def _with_command(argv: list[str]) -> list[str]:
    """*argv* with ``diff`` put in front when the command was left out and the first word is a file."""
    if not argv or argv[0] in _COMMANDS or (argv[0].startswith("-") and argv[0] != "-"):
        return argv
    first = argv[0]
    if first == "-" or os.path.isfile(first) or (os.path.exists(first) and not os.path.isdir(first)):
        return ["diff", *argv]
    if os.path.isdir(first):
        raise _UsageError(
            f"{first!r} is a folder; to compare two folders: {_PROG} batch OLD_DIR NEW_DIR -o OUT_DIR"
        )
    raise _UsageError(
        f"{first!r} is neither a command ({', '.join(_COMMANDS)}) nor an existing file (see '{_PROG} --help')"
    )


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    # sys.stdout is None when the process was started without one (`resdiff … >&-`)
    out = stdout if stdout is not None else (sys.stdout if sys.stdout is not None else cast(TextIO, _ClosedStream()))
    parser = _build_parser()
    try:
        args = parser.parse_args(_with_command(list(sys.argv[1:] if argv is None else argv)))
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
        print(f"{_PROG}: {_one_line(str(exc))}", file=sys.stderr)
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
        print(
            f"{_PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))} (set RESDIFF_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 2


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "unknown error"
