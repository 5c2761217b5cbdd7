"""The command line's handling of whole compilations: ``resdiff split``, compilations given to ``batch``,
and ``diff`` refusing two compilations. Uses the public API only; :mod:`resdiff._cli` registers it.

* ``resdiff split FILE -o DIR`` writes one ``<key>.txt`` per statement of FILE
  (PDF, Word, Akoma Ntoso or text), ``front.txt`` for what precedes the first.
* ``resdiff batch OLD NEW -o OUT``: OLD or NEW may be a compilation file instead
  of a folder; its parts are written to ``OUT/old-parts/`` (``new-parts/``), and
  the folders are paired as usual. The ``.txt`` files in a parts folder are
  replaced on every run.
* ``resdiff diff OLD NEW`` on two compilations stops with one line that points to
  ``batch``: aligning dozens of resolutions as one document helps nobody.
"""

from __future__ import annotations

import argparse
import os
import re
import warnings
from typing import Any, TextIO

import resdiff

__all__ = ["add_split_parser", "batch_folder", "cmd_split", "refuse_compilations"]

_UNSAFE = re.compile(r"[^\w.-]+")


def add_split_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the ``split`` command on *sub* (argparse's subparsers action, as compile's add_parser takes it)."""
    split = sub.add_parser(
        "split",
        parents=[common],
        help="write each resolution of a compilation to its own file",
        description="Split FILE (PDF, Word, Akoma Ntoso or text) into one file per resolution, decision, "
        "recommendation or opinion, named by its key (resolution-2.txt), plus front.txt for what "
        "precedes the first.",
    )
    split.add_argument("file", metavar="FILE")
    # -o is required here; the common option is optional, so check it in cmd_split


def _filename(key: str) -> str:
    return (_UNSAFE.sub("-", key).strip("-.") or "part") + ".txt"


def _write_parts(parts: tuple[resdiff.Part, ...], directory: str) -> list[str]:
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise resdiff.OutputError(f"{directory}: cannot create the folder ({exc.strerror or exc})") from None
    written, used = [], set()
    for part in parts:
        name, n = _filename(part.key), 1
        while name.casefold() in used:
            n += 1
            name = _filename(f"{part.key}-{n}")
        used.add(name.casefold())
        path = os.path.join(directory, name)
        resdiff.write_output(path, part.text if part.text.endswith("\n") else part.text + "\n")
        written.append(path)
    return written


def _split(path: str, encoding: str | None, lang: str | None) -> tuple[resdiff.Part, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = resdiff.read_document(path, encoding)
        return resdiff.split_text(text, lang=lang)


def cmd_split(args: argparse.Namespace, stdout: TextIO) -> int:
    """``resdiff split FILE -o DIR``: 0 when parts were written."""
    if not args.output or args.output == "-":
        raise resdiff.InputError("split needs -o DIR, the folder the parts go to")
    parts = _split(args.file, args.encoding, args.lang)
    _write_parts(parts, args.output)
    statements = sum(1 for p in parts if not p.front)
    front = " and the front matter" if len(parts) > statements else ""
    stdout.write(f"{statements} statements{front} written to {args.output}\n")
    return 0


def batch_folder(path: str, side: str, out_dir: str) -> str:
    """The folder batch reads for one side: *path* itself, or the parts of the compilation file *path*."""
    if os.path.isdir(path) or not os.path.exists(path):
        return path  # batch reports a missing folder itself
    parts = _split(path, None, None)
    folder = os.path.join(out_dir, f"{side}-parts")
    if os.path.isdir(folder):
        for name in os.listdir(folder):  # this folder is ours: last run's parts go
            if name.endswith(".txt") and os.path.isfile(os.path.join(folder, name)):
                os.remove(os.path.join(folder, name))
    _write_parts(tuple(p for p in parts if not p.front), folder)
    return folder


def refuse_compilations(old: resdiff.Document, new: resdiff.Document, old_name: str, new_name: str) -> None:
    """Raise when both documents are compilations: they are compared statement by statement with batch."""
    n_old, n_new = resdiff.statement_count(old), resdiff.statement_count(new)
    if n_old > 1 and n_new > 1:
        raise resdiff.InputError(
            f"{old_name} and {new_name} are compilations ({n_old} and {n_new} statements); "
            f"compare them one statement at a time with 'resdiff batch {old_name} {new_name} -o DIR'"
        )
