"""Split text into the tokens a drafter marks: words, numbers, codes, punctuation, space.

Han runs go through jieba (loaded lazily, once per process, quietly, HMM off so
the cut depends on the dictionary alone) with a small dictionary of ITU terms
and place names (``data/itu_terms.txt``), so ``哈马马特`` or ``电信标准化局`` stay
whole. When rjieba (jieba's Rust port: the same dictionary and algorithm) is
installed it does the cutting: it loads in a fifth of the time and cuts some
thirty times faster, with the same tokens (``tests/test_segment_backends.py``).
With neither installed, the first Han run raises :class:`~resdiff.DependencyError`.

**rjieba's dictionary is shared with the process.** rjieba builds one default
dictionary when it is imported, and its module-level functions use it. resdiff
adds the ITU terms that dictionary lacks (a few dozen names, never a word it
already has) to that default, so another user of rjieba in the same process
sees them too. A private ``rjieba.Jieba()`` would keep them apart, but it
builds a second dictionary: a Chinese corpus diff then took 0.367 s of CPU
instead of 0.272 s (+35 %, whole-process medians of 11) and 78 MiB instead of
54 MiB at peak. jieba's own ``Tokenizer`` is private to resdiff.

Everything else is cut with ``regex``: runs of letters and digits in any other
script, joined across ``-``, ``/``, ``.``, ``'`` when letters or digits
stand on both sides (``ITU-T``, ``CTO/CxO``, ``ECP/38A23/1``, ``1.5``); white
space runs; and single grapheme clusters for the rest (punctuation, emoji with
their modifiers, a base letter with its combining marks).

Tokens are spans into the text. Their comparison *key* folds full-/half-width
forms (NFKC) and white space, so ``，`` and ``,`` or a TAB and a space compare
equal; renderers always show the original text.

>>> [t.text for t in tokenize("ITU-T国际电联（2024年，新德里）")]
['ITU-T', '国际电联', '（', '2024', '年', '，', '新德里', '）']
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, cast

import regex

from resdiff._errors import DependencyError
from resdiff._normalize import fold

__all__ = ["Token", "han_cutter", "tokenize"]


class Token(NamedTuple):
    """A token's span in the text, its text, and its comparison key.

    A named tuple rather than a frozen dataclass: a resolution has thousands of
    tokens, and tuples are several times cheaper to create.
    """

    start: int
    end: int
    text: str
    key: str


# Letters/digits of every script but Han; combining marks stay with their base.
_WORD = r"[\p{L}\p{N}\p{M}--\p{Han}]"
_TOKEN_RE = regex.compile(
    rf"""
    (?P<han>[\p{{Han}}〇]+)
    | (?P<word>{_WORD}+(?:[-/.'’_]{_WORD}+)*)
    | (?P<space>\s+)
    | (?P<other>\X)
    """,
    regex.VERSION1 | regex.VERBOSE,
)


#: ``Token(*fields)`` without the named tuple's Python-level ``__new__``: the same
#: tuple of the same class, built straight by ``tuple.__new__``. tokenize makes one
#: per token; this cuts its time by about 8 % (1 MB zh + 1 MB en, in-process CPU
#: medians of 11: 0.68 s against 0.74 s; about 1 % of a compare of the ~1 MB zh
#: pair). It takes exactly the four fields, in order.
_make_token = cast(Callable[[tuple[int, int, str, str]], Token], functools.partial(tuple.__new__, Token))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens covering *text* exactly, in order; spans are shifted by *offset*."""
    tokens: list[Token] = []
    append = tokens.append
    cut = None
    pos = offset
    # the alternatives cover the text without gaps, so spans are running sums of lengths
    for han, word, space, other in _TOKEN_RE.findall(text):
        if han:
            if cut is None:
                cut = han_cutter()
            for piece in cut(han):
                stop = pos + len(piece)
                append(_make_token((pos, stop, piece, fold(piece))))
                pos = stop
        elif space:
            stop = pos + len(space)
            append(_make_token((pos, stop, space, " ")))
            pos = stop
        else:
            piece = word or other
            stop = pos + len(piece)
            append(_make_token((pos, stop, piece, fold(piece))))
            pos = stop
    return tokens


_lock = threading.Lock()
_TERMS = Path(__file__).with_name("data") / "itu_terms.txt"  # ITU terms and place names kept whole


@functools.cache
def han_cutter() -> Callable[[str], list[str]]:
    """The function that cuts a run of Han characters into words (loaded once).

    rjieba when it is installed, jieba otherwise: both with HMM off and the ITU
    terms added alike, so both give the same cut. Neither: :class:`DependencyError`.
    """
    with _lock:
        try:
            return _rjieba_cutter()
        except ImportError:
            pass
        try:
            return _jieba_cutter()
        except ImportError as exc:
            raise DependencyError(_MISSING) from exc


_MISSING = "Chinese text needs a word segmenter, and neither rjieba nor jieba is installed: pip install rjieba"


def _itu_terms() -> list[str]:
    terms = _TERMS.read_text("utf-8")
    return [w for w in (line.strip() for line in terms.splitlines()) if w and not w.startswith("#")]


# Only terms the base dictionary lacks are added, each with the frequency the
# backend suggests (just enough to keep it whole). Re-adding a known word would
# only nudge its frequency by one, and the two backends round that nudge
# differently (float products in jieba, logarithms in rjieba), which shifts
# the dictionary total and can flip a near tie elsewhere.


def _jieba_cutter() -> Callable[[str], list[str]]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in _itu_terms():
        if not tokenizer.FREQ.get(word):  # 0 marks a mere prefix of a word
            tokenizer.add_word(word)

    def cut(run: str) -> list[str]:
        words: list[str] = tokenizer.lcut(run, HMM=False)  # jieba has no type hints
        return words

    return cut


def _rjieba_cutter() -> Callable[[str], list[str]]:
    import rjieba

    # The terms go into rjieba's process-wide default dictionary (see the module
    # docstring: a private rjieba.Jieba() would cost a second dictionary).
    for word in _itu_terms():
        if not rjieba.has_word(word):
            rjieba.add_word(word, None, None)
    cut_run = rjieba.cut

    def cut(run: str) -> list[str]:
        return cut_run(run, False)

    return cut
