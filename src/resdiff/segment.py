"""Split text into the tokens a drafter marks: words, numbers, codes, punctuation, space.

Han runs go through jieba (loaded lazily, once per process, quietly, HMM off so
the cut depends on the dictionary alone) with a small dictionary of ITU terms
and place names (``data/itu_terms.txt``), so ``哈马马特`` or ``电信标准化局`` stay
whole. Everything else is cut with ``regex``: runs of letters and digits in any
other script, joined across ``-``, ``/``, ``.``, ``'`` when letters or digits
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
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

__all__ = ["Token", "fold", "han_cutter", "tokenize"]


@dataclass(frozen=True, slots=True)
class Token:
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
_SPACE_RE = regex.compile(r"\s+")


def fold(text: str) -> str:
    """Comparison key: NFKC (full-width → half-width), any white-space run → one space.

    >>> fold("（2024年，新德里）\\u3000a")
    '(2024年,新德里) a'
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens covering *text* exactly, in order; spans are shifted by *offset*."""
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        start, end = m.span()
        if m.lastgroup == "han":
            cut = han_cutter()
            pos = start
            for piece in cut(m.group()):
                stop = pos + len(piece)
                append(Token(pos + offset, stop + offset, piece, fold(piece)))
                pos = stop
        elif m.lastgroup == "space":
            append(Token(start + offset, end + offset, m.group(), " "))
        else:
            piece = m.group()
            append(Token(start + offset, end + offset, piece, fold(piece)))
    return tokens


_lock = threading.Lock()
_TERMS = Path(__file__).with_name("data") / "itu_terms.txt"  # ITU terms and place names kept whole


@functools.cache
def han_cutter() -> Callable[[str], list[str]]:
    """The function that cuts a run of Han characters into words (jieba, loaded once)."""
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        terms = _TERMS.read_text("utf-8")
        for line in terms.splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                tokenizer.add_word(word)

    def cut(run: str) -> list[str]:
        return tokenizer.lcut(run, HMM=False)

    return cut
