"""Which of ITU's six languages a text is in: the script, and for Latin script common words.

:func:`detect_lang` looks only at the start of a text (bounded by the knobs
below), so its cost does not grow with the document. The parser calls it when
no language is given; the language orders the Latin keyword tables and is
recorded in ``Document.lang``.
"""

from __future__ import annotations

import re
from collections import Counter

from resdiff._model import Lang

__all__ = ["DECISIVE_HITS", "LANG_SAMPLE", "SCRIPT_SAMPLE", "detect_lang"]

#: Characters sampled for language detection: the script from the first
#: SCRIPT_SAMPLE, the stop words (en/fr/es) from the same characters when one
#: language has DECISIVE_HITS of them and three times the next, else from the
#: first LANG_SAMPLE.
LANG_SAMPLE = 20_000
SCRIPT_SAMPLE = 4_000
DECISIVE_HITS = 20

# Runs of a script's letters: counting letters as the total length of the runs
# costs one match per word instead of one per letter.
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
_CYR = re.compile(r"[\u0400-\u04ff]+")
_ARAB = re.compile(r"[\u0600-\u06ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_NON_LATIN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u0400-\u04ff\u0600-\u06ff]")  # _HAN, _CYR, _ARAB
_WORD = re.compile(r"[a-zà-ÿ]+")
_STOPWORDS = {
    Lang.EN: frozenset(
        "the of and to in that is for with by on this be are which as resolves considering instructs".split()
    ),
    Lang.FR: frozenset("le les des du et une pour dans par sur est au aux considérant décide charge".split()),
    Lang.ES: frozenset("el los las del y una para por con se su al es considerando resuelve encarga".split()),
}


def detect_lang(text: str) -> Lang:
    """Guess the language from the script, and for Latin script from common words.

    >>> detect_lang("第2号决议"), detect_lang("considérant que la Conférence"), detect_lang("")
    (<Lang.ZH: 'zh'>, <Lang.FR: 'fr'>, <Lang.EN: 'en'>)
    """
    sample = text[:LANG_SAMPLE]
    script = sample[:SCRIPT_SAMPLE]  # a script shows at once; stop words need more text
    if _NON_LATIN.search(script):  # one scan decides that the three counts below are all 0
        counts = {
            Lang.ZH: _letters(_HAN, script),
            Lang.RU: _letters(_CYR, script),
            Lang.AR: _letters(_ARAB, script),
        }
        latin = _letters(_LATIN, script)
        best = max(counts, key=lambda k: counts[k])
        if counts[best] and counts[best] * 5 >= latin:
            return best
    # the stop words of the script sample settle most texts; the rest get the whole sample
    hits = _stop_word_hits(script)
    first, second = sorted(hits.values(), reverse=True)[:2]
    if len(sample) > len(script) and not (first >= DECISIVE_HITS and first >= 3 * second):
        hits = _stop_word_hits(sample)
    top = max(hits, key=lambda k: hits[k])
    return top if hits[top] > hits[Lang.EN] else Lang.EN


def _stop_word_hits(text: str) -> dict[Lang, int]:
    words = Counter(_WORD.findall(text.lower()))
    return {lang: sum(words[w] for w in stop if w in words) for lang, stop in _STOPWORDS.items()}


def _letters(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the run pattern ``runs`` covers."""
    return sum(map(len, runs.findall(text)))
