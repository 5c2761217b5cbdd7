"""Diff two sequences by key equality: the one diff engine the aligner and the inline diff share.

Each distinct key is encoded as one character and diff-match-patch diffs the
two encoded strings, with its time limit off so the result is minimal and
never depends on machine load. Its C++ port, fast-diff-match-patch, runs the
diff when it is installed: the same algorithm with the same output
(``tests/test_diff_backends.py``); the Python library is the fallback and the
reference.

The backend is chosen on the first diff, not at import: ``import resdiff``
loads neither library, and a program that only parses never loads one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import cache

from resdiff._model import EditOp

__all__ = ["KeyOp", "diff_keys", "engine"]

#: One diff operation over two key sequences: (op, a_start, a_end, b_start, b_end), index ranges.
KeyOp = tuple[EditOp, int, int, int, int]

#: A backend: (op, length) runs that turn one encoded string into the other.
_Engine = Callable[[str, str], list[tuple[EditOp, int]]]


def _python_engine() -> _Engine:
    """diff-match-patch's reference implementation, as (op, length) pairs."""
    import diff_match_patch

    dmp = diff_match_patch.diff_match_patch()
    # 0 = no time limit: a time-out would make the output depend on machine load.
    # The work is bounded by the callers (resdiff._inline.MAX_TOKENS) instead.
    dmp.Diff_Timeout = 0
    ops = {0: EditOp.EQUAL, -1: EditOp.DELETE, 1: EditOp.INSERT}

    def diff(a: str, b: str) -> list[tuple[EditOp, int]]:
        return [(ops[op], len(chunk)) for op, chunk in dmp.diff_main(a, b, False)]

    return diff


def _compiled_engine() -> _Engine:
    """The C++ port of the same library: same algorithm, same output, ~20× faster."""
    import fast_diff_match_patch

    if fast_diff_match_patch.CHAR_WIDTH < 4:  # UTF-16 builds would split astral keys
        raise ImportError("fast_diff_match_patch built with 16-bit characters")
    native = fast_diff_match_patch.diff
    ops = {"=": EditOp.EQUAL, "-": EditOp.DELETE, "+": EditOp.INSERT}

    def diff(a: str, b: str) -> list[tuple[EditOp, int]]:
        return [(ops[op], n) for op, n in native(a, b, timelimit=0, checklines=False, cleanup="No")]

    return diff


@cache
def engine() -> _Engine:
    """The backend in use: the compiled one when it is installed, chosen on the first call."""
    try:
        return _compiled_engine()
    except ImportError:
        return _python_engine()


def _encode(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> tuple[str, str]:
    """Map each distinct key to one character (in order of first use), skipping the surrogate range."""
    distinct = dict.fromkeys(keys_a)
    distinct.update(dict.fromkeys(keys_b))
    if len(distinct) < 0xD800:
        codes = dict(zip(distinct, map(chr, range(1, len(distinct) + 1))))
    else:  # never produce lone surrogates
        codes = {key: chr(n if n < 0xD800 else n + 0x800) for n, key in enumerate(distinct, 1)}
    code = codes.__getitem__
    return "".join(map(code, keys_a)), "".join(map(code, keys_b))


def diff_keys(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> list[KeyOp]:
    """Diff two sequences by key equality: (op, a_start, a_end, b_start, b_end) on indices.

    The result is minimal and deterministic. Used for tokens, sentences and
    whole blocks.

    >>> [(op.value, *ranges) for op, *ranges in diff_keys(["a", "b", "c"], ["a", "c", "d"])]
    [('equal', 0, 1, 0, 1), ('delete', 1, 2, 1, 1), ('equal', 2, 3, 1, 2), ('insert', 3, 3, 2, 3)]
    """
    enc_a, enc_b = _encode(keys_a, keys_b)
    ops: list[KeyOp] = []
    i = j = 0
    for op, n in engine()(enc_a, enc_b):
        if op is EditOp.EQUAL:
            ops.append((op, i, i + n, j, j + n))
            i += n
            j += n
        elif op is EditOp.DELETE:
            ops.append((op, i, i + n, j, j))
            i += n
        else:
            ops.append((op, i, i, j, j + n))
            j += n
    return ops
