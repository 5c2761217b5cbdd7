"""Every text normalisation resdiff compares on, in one place.

Two folds, for two jobs:

- :func:`fold` is the *comparison key* of tokens and clause bodies: NFKC
  (full-width → half-width) and any white-space run → one space. It may change
  a text's length; keys are compared, never shown.
- :func:`fold_with_offsets` is the *matching form* the lexicon's patterns read:
  width, case, Arabic diacritics and alef forms folded, with an offset map
  back into the original, so a keyword match points at the text as written.

Both start from the one table of full-width forms, :data:`FULLWIDTH`.

>>> fold("（2024年，新德里）\\u3000a")
'(2024年,新德里) a'
>>> fold_with_offsets("（Rév.）")[0]
'(rév.)'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

import regex

__all__ = [
    "FULLWIDTH",
    "MATCH_TABLE",
    "fold",
    "fold_text",
    "fold_with_offsets",
    "nfkc",
    "strip_accents",
]

#: Full-width ASCII forms and the ideographic space, as code point -> code point: the
#: characters that make Chinese text fail NFKC's quick check. Each one's NFKD image is
#: the plain character.
FULLWIDTH: dict[int, int] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

#: :data:`FULLWIDTH` plus the other one-to-one foldings the lexicon matches through:
#: no-break and figure spaces, the ideographic and Arabic commas, the Arabic semicolon,
#: curly apostrophes, and the alef forms.
MATCH_TABLE: dict[int, int] = FULLWIDTH | {
    0x00A0: 0x20,
    0x202F: 0x20,
    0x2007: 0x20,
    0x3001: 0x2C,
    0x060C: 0x2C,
    0x061B: 0x3B,
    0x2019: 0x27,
    0x2018: 0x27,
    0x0623: 0x0627,
    0x0625: 0x0627,
    0x0622: 0x0627,
    0x0671: 0x0627,
}

_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]")  # the keys of FULLWIDTH
_NARROW = {chr(wide): chr(narrow) for wide, narrow in FULLWIDTH.items()}
_SPACE_RE = regex.compile(r"\s+")  # Unicode White_Space: not the \x1c-\x1f separators re counts
_AR_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text.

    Mapping the full-width forms first leaves NFKC's result unchanged (tested)
    and usually lets unicodedata return the text from its quick check instead
    of recomposing it.

    >>> nfkc("（2024年，新德里）") == "(2024年,新德里)"
    True
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    # a text holds few distinct full-width forms: one str.replace each beats
    # str.translate, which looks every character up in a dict
    for wide in set(_WIDE_RE.findall(text)):
        text = text.replace(wide, _NARROW[wide])
    return unicodedata.normalize("NFKC", text)


def fold_text(text: str) -> str:
    """Comparison key: NFKC (full-width → half-width), any white-space run → one space.

    Uncached: for whole clause bodies, which seldom repeat. Tokens go through
    :func:`fold`, the cached form of the same function.

    >>> fold_text("a\\t\\u3000b")
    'a b'
    """
    text = nfkc(text)
    # printable text has no white space but the plain space (str.isprintable: no
    # Zs/Zl/Zp but U+0020, no controls), so without a double space nothing collapses
    if "  " not in text and text.isprintable():
        return text
    return _SPACE_RE.sub(" ", text)


#: :func:`fold_text` with a cache, for tokens, which recur: most folds are cache hits.
fold = functools.lru_cache(maxsize=1 << 16)(fold_text)


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Fold width, case, Arabic diacritics and alef forms; return the folded text and,
    for each folded char, its offset in ``text`` (plus one final entry for the end).

    >>> fold_with_offsets("（Rév.）")[0]
    '(rév.)'
    """
    if not _AR_DROP.search(text):
        mapped = text.translate(MATCH_TABLE)
        low = mapped.lower()
        if len(low) == len(text):  # the usual case: one char in, one char out
            return low, range(len(text) + 1)
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _AR_DROP.match(ch):
            continue
        c = ch.translate(MATCH_TABLE)
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def strip_accents(text: str) -> str:
    """The text without combining marks (after NFKD): ``"résolution"`` -> ``"resolution"``.

    >>> strip_accents("décision")
    'decision'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
