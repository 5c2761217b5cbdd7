"""What kind of ITU text a name or a heading announces, and the language codes names carry.

One home for the words that say what a text is — resolution, decision,
recommendation, opinion — in ITU's six languages, and for the language tags
file names use (``-zh``, ``_en``, ``C``/``E``/``F`` after a number). The batch
reads file names with them; the heading grammar of :mod:`resdiff._lexicon` can
build its alternatives from the same tables (it imports nothing this module
does not already import).

Words are lower case with their accents as written; a reader that compares
without accents folds both sides itself.

>>> TYPE_WORDS["décision"].value, ZH_TYPE_WORDS["决议"].value, LANG_ALIASES["c"].value
('decision', 'resolution', 'zh')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from resdiff._model import DocType, Lang

__all__ = ["ABBREVIATIONS", "LANG_ALIASES", "TYPE_WORDS", "ZH_TYPE_WORDS"]

_WORDS_BY_TYPE: tuple[tuple[DocType, str], ...] = (
    (DocType.RESOLUTION, "resolution résolution resolución резолюция резолюции قرار القرار"),
    (DocType.DECISION, "decision décision decisión acuerdo решение مقرر المقرر"),
    (DocType.RECOMMENDATION, "recommendation recommandation recomendación рекомендация توصية التوصية"),
    (DocType.OPINION, "opinion avis opinión мнение رأي الرأي"),
)

#: Every full document-type word (English, French, Spanish, Russian, Arabic) → its type.
TYPE_WORDS: Mapping[str, DocType] = MappingProxyType(
    {word: doc_type for doc_type, words in _WORDS_BY_TYPE for word in words.split()}
)

#: Short forms that file names use before a number ("res68", "R68", "dec641", "Rec 12") → type.
#: Not heading words: a heading spells its type out.
ABBREVIATIONS: Mapping[str, DocType] = MappingProxyType(
    {"res": DocType.RESOLUTION, "r": DocType.RESOLUTION, "dec": DocType.DECISION, "rec": DocType.RECOMMENDATION}
)

#: The Chinese type words, as in "第68号决议" → type.
ZH_TYPE_WORDS: Mapping[str, DocType] = MappingProxyType(
    {"决议": DocType.RESOLUTION, "决定": DocType.DECISION, "建议": DocType.RECOMMENDATION, "意见": DocType.OPINION}
)

#: Language tags in file names → language: the codes of :class:`~resdiff._model.Lang`, "ch" for
#: Chinese, and the one-letter ITU document suffixes (C, E, F, S, R, A).
LANG_ALIASES: Mapping[str, Lang] = MappingProxyType(
    {
        **{lang.value: lang for lang in Lang},
        "ch": Lang.ZH,
        "c": Lang.ZH,
        "e": Lang.EN,
        "f": Lang.FR,
        "s": Lang.ES,
        "r": Lang.RU,
        "a": Lang.AR,
    }
)
