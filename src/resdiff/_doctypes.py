"""What kind of ITU text a name or a heading announces, and the language tags names carry.

One home for the words that say what a text is — resolution, decision,
recommendation, opinion — in ITU's six languages, and for the extra language
tags file names use (``-ch``, ``C``/``E``/``F`` after a number). The batch
reads file names with them; the heading grammar of :mod:`resdiff._lexicon` can
build its alternatives from the same tables. The module imports nothing of
resdiff, so any module may: the values are the values of
:class:`~resdiff._model.DocType` and :class:`~resdiff._model.Lang`
(``"resolution"``, ``"zh"``), which ``DocType(value)`` and ``Lang(value)`` turn
into the enums, and ``tests/test_batch.py`` holds them to those enums.

Words are lower case with their accents as written; a reader that compares
without accents folds both sides itself.

>>> TYPE_WORDS["décision"], ZH_TYPE_WORDS["决议"], LANG_ALIASES["c"]
('decision', 'resolution', 'zh')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["ABBREVIATIONS", "LANG_ALIASES", "TYPE_WORDS", "ZH_TYPE_WORDS"]

_WORDS_BY_TYPE: tuple[tuple[str, str], ...] = (
    ("resolution", "resolution résolution resolución резолюция резолюции قرار القرار"),
    ("decision", "decision décision decisión acuerdo решение مقرر المقرر"),
    ("recommendation", "recommendation recommandation recomendación рекомендация توصية التوصية"),
    ("opinion", "opinion avis opinión мнение رأي الرأي"),
)

#: Every full document-type word (English, French, Spanish, Russian, Arabic) → its DocType value.
TYPE_WORDS: Mapping[str, str] = MappingProxyType(
    {word: doc_type for doc_type, words in _WORDS_BY_TYPE for word in words.split()}
)

#: Short forms that file names use before a number ("res68", "R68", "dec641", "Rec 12") → DocType value.
#: Not heading words: a heading spells its type out.
ABBREVIATIONS: Mapping[str, str] = MappingProxyType(
    {"res": "resolution", "r": "resolution", "dec": "decision", "rec": "recommendation"}
)

#: The Chinese type words, as in "第68号决议" → DocType value.
ZH_TYPE_WORDS: Mapping[str, str] = MappingProxyType(
    {"决议": "resolution", "决定": "decision", "建议": "recommendation", "意见": "opinion"}
)

#: Language tags in file names besides the Lang codes themselves → Lang value: "ch" for Chinese and
#: the one-letter ITU document suffixes (C, E, F, S, R, A).
LANG_ALIASES: Mapping[str, str] = MappingProxyType(
    {"ch": "zh", "c": "zh", "e": "en", "f": "fr", "s": "es", "r": "ru", "a": "ar"}
)
