"""The ``resdiff crosscheck`` subcommand: its arguments and what it runs.

``resdiff crosscheck A_OLD A_NEW B_OLD B_NEW`` checks the same revision in two
languages; ``resdiff crosscheck A.docx B.docx`` two proposals with tracked
changes, one per language (reject all = old, accept all = new). Exit status
0 when nothing is found, 1 when something is, 2 on trouble (raised as a
:class:`~resdiff.ResdiffError`, which ``resdiff._cli.main`` prints as one line).
Uses the public API only.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import TextIO

import resdiff
from resdiff._errors import InputError, warning_texts

__all__ = ["add_arguments", "run"]

_FORMATS = ("text", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The subcommand's arguments, on the parser ``resdiff._cli`` made for it."""
    parser.description = (
        "Check that two language versions of one revision change the same provisions the same way: "
        "A_OLD A_NEW B_OLD B_NEW, or two .docx proposals with tracked changes (A.docx B.docx). "
        "Exit 0 when nothing is found, 1 when something is, 2 on trouble."
    )
    parser.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="A_OLD A_NEW B_OLD B_NEW (texts, or .docx read as reject-all/accept-all), or A.docx B.docx",
    )
    parser.add_argument("-f", "--format", choices=_FORMATS, default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--encoding", help="input encoding (default: UTF-8 with BOM handling, else detected)")


def _is_docx(path: str) -> bool:
    return path != "-" and path.lower().endswith((".docx", ".docm"))


def _read(path: str, side: str, encoding: str | None) -> str:
    if _is_docx(path):
        sides = resdiff.read_docx(path)
        return sides.old if side == "old" else sides.new
    return resdiff.read_text(path, encoding).text


def _comparisons(files: list[str], encoding: str | None) -> tuple[resdiff.Comparison, resdiff.Comparison]:
    if len(files) == 2:
        for path in files:
            if not _is_docx(path):
                raise InputError(
                    f"{path}: two files given; crosscheck needs A_OLD A_NEW B_OLD B_NEW, "
                    "or two .docx files with tracked changes"
                )
        texts = [(_read(p, "old", encoding), _read(p, "new", encoding), p) for p in files]
        sources = [(f"{p} (old side)", f"{p} (new side)") for _, _, p in texts]
        pairs = [(old, new) for old, new, _ in texts]
    elif len(files) == 4:
        if files.count("-") > 1:
            raise InputError("standard input can be only one of the four files")
        pairs = [
            (_read(files[0], "old", encoding), _read(files[1], "new", encoding)),
            (_read(files[2], "old", encoding), _read(files[3], "new", encoding)),
        ]
        sources = [(files[0], files[1]), (files[2], files[3])]
    else:
        raise InputError(
            f"{len(files)} files given; crosscheck needs A_OLD A_NEW B_OLD B_NEW, or A.docx B.docx"
        )
    out = []
    for (old, new), (old_source, new_source) in zip(pairs, sources):
        out.append(resdiff.compare(resdiff.parse(old, source=old_source), resdiff.parse(new, source=new_source)))
    return out[0], out[1]


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Run ``resdiff crosscheck``; returns 0 (nothing found) or 1 (findings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        a, b = _comparisons(list(args.files), args.encoding)
        check = resdiff.crosscheck(a, b)
    for text in warning_texts(caught):
        print(f"resdiff: warning: {text}", file=sys.stderr)
    out = check.render(args.format)
    if args.output is not None and args.output != "-":
        resdiff.write_output(args.output, out)
    else:
        stdout.write(out)
        stdout.flush()
    return 1 if check.findings else 0
