"""The facts a text carries in digits and codes, language-neutral: years, dates, numbers, references, places.

Two translations of one provision say the same facts in different words:
``第22号决议`` and ``Resolution 22``, ``2024年4月`` and ``April 2024``,
``（2024年，新德里）`` and ``(New Delhi, 2024)``, ``１９３个`` and ``193``.
:func:`extract_facts` turns a text into :class:`Fact` values that compare
equal across languages, so two versions can be checked for the same facts
without translating anything. Words are never facts: ``六次`` and ``six``
carry no digits and give nothing.

Extraction runs over the NFKC-normalised text (full-width digits and slashes
become ASCII) in a fixed order, each step blanking out what it took so a
later one cannot take it again: codes and document symbols, references to
resolutions and other texts, dates with a month, years, places, numbers.
Footnote markers (``¹``, ``[footnoteRef:2]2``) are not facts and are dropped
first.

>>> [str(f) for f in extract_facts("第22号决议（2024年，新德里），2024年4月，193个成员国")]
['Resolution 22', 'year 2024', 'place new delhi', 'date 2024-04', 'number 193']
>>> en = extract_facts("Resolution 22 (New Delhi, 2024), April 2024, 193 Member States")
>>> sorted(map(str, en)) == sorted(map(str, extract_facts("第22号决议（2024年，新德里），2024年4月，193个成员国")))
True
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

from resdiff._fastinit import fast_init
from resdiff._lexicon import PLACES
from resdiff._normalize import MATCH_TABLE, nfkc, strip_accents

__all__ = ["Fact", "FactKind", "extract_facts"]


class FactKind(str, enum.Enum):
    """What a :class:`Fact` is (closed vocabulary; the values are what JSON shows)."""

    CODE = "code"  # ITU-T, ECP/38A23/1, CTO/CxO, WTPF-21, Y.3172
    REFERENCE = "reference"  # Resolution 22, Decision 641: value "resolution 22"
    DATE = "date"  # a year and a month: "2024-04"
    MONTH = "month"  # a month without a year: "04"
    YEAR = "year"  # "2024"
    PLACE = "place"  # a meeting place's language-neutral key: "new delhi"
    NUMBER = "number"  # any other number written in digits: "193", "2.5"


@fast_init
@dataclass(frozen=True, slots=True)
class Fact:
    """One fact; two facts are the same when kind and value are (whatever the language)."""

    kind: FactKind
    value: str

    def __str__(self) -> str:
        if self.kind is FactKind.REFERENCE:
            return self.value[:1].upper() + self.value[1:]
        if self.kind is FactKind.CODE:
            return self.value
        return f"{self.kind.value} {self.value}"


# ---------------------------------------------------------------------------
# Patterns (over NFKC text, so digits and ASCII punctuation are half width)
# ---------------------------------------------------------------------------

# Footnote markers: superscript digits and the "[footnoteRef:N]N" of a plain-text export.
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\d+\]\d*|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")

# A code: parts joined by "/", "-", "+" or ".", each part starting with a capital or a digit, with
# a digit somewhere or a first part of two capitals or more (ITU-T, CTO/CxO, WTPF-21, Y.3172,
# ECP/38A23/1). "e.g.", "U.N." and "ICT-related" are not codes.
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[/+.\-][A-Z0-9][A-Za-z0-9]*)+(?![A-Za-z0-9])")

_DOC_WORDS = {
    "resolution": "resolution résolution resolución резолюци قرار القرار 决议",
    "decision": "decision décision decisión решени مقرر المقرر 决定",
    "recommendation": "recommendation recommandation recomendación рекомендаци توصية التوصية 建议",
    "opinion": "opinion avis opinión мнени رأي الرأي 意见",
}
_DOC_TYPE = {w: kind for kind, words in _DOC_WORDS.items() for w in words.split()}
_HAN_CHARS = re.compile(r"[\u3400-\u9fff]+")
_LATIN_DOC = re.compile(
    r"(?<!\w)(resolution|résolution|resolución|decision|décision|decisión|recommendation|recommandation"
    r"|recomendación|opinion|avis|opinión|резолюци|решени|рекомендаци|мнени)\w*"
    r"|(?<!\w)(?:ال)?(قرار|مقرر|توصية|رأي)(?!\w)",
    re.IGNORECASE,
)
_REF_NUMBER = re.compile(r"\s*(?:n[°o]\.?\s*|№\s*)?(\d{1,4}[A-Za-z]?)(?![\d.])")
_REF_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_REF_SEP = re.compile(r"\s*(?:,|;|and|or|et|ou|y|o|и|или|و|أو)\s*(?=(?:n[°o]\.?\s*|№\s*)?\d)", re.IGNORECASE)
_ZH_REF = re.compile(
    r"第\s*(\d{1,4}[A-Za-z]?)(?:\s*号)?((?:\s*[、,和及与]\s*(?:第\s*)?\d{1,4}[A-Za-z]?(?:\s*号)?)*)"
    r"\s*号\s*(?:新)?(决议|决定|建议|意见)"
)
_DOC_STEMS = tuple(w for w in _DOC_TYPE if not _HAN_CHARS.fullmatch(w))
_DIGITS = re.compile(r"\d{1,4}[A-Za-z]?")

_MONTH_WORDS = (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
)
_EN_MONTHS = frozenset(_MONTH_WORDS[0].split())  # capitalised in English, so a lower-case one is a word
_MONTHS: dict[str, int] = {}
for _row in _MONTH_WORDS:
    for _n, _w in enumerate(_row.split(), 1):
        _MONTHS[_w] = _n
# Russian month names are stems ("апрел" for апрель/апреля); "ма" is май/мая.
_RU_STEMS = tuple((w, n) for w, n in _MONTHS.items() if "\u0400" <= w[0] <= "\u04ff" and w != "ма")
# Around a month name: a day before it ("12 April", "12 de abril", "1er mai") and a day and/or a year after
# it ("April 12, 2024", "abril de 2024", "апреля 2024 г.").
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})(?:er|º)?\s+(?:de\s+)?$")
_AFTER_MONTH = re.compile(
    r"(?:\s+(?P<day>\d{1,2})(?!\d),?)?(?:\s+(?:de\s+|del\s+)?(?P<year>\d{4})(?!\d))?(?:\s*г(?:ода|\.)?)?"
)
_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月")
_ZH_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])((?:19|20)\d{2})(?![\d.,]\d)(?!\d)")
# Thousands grouped by a no-break or thin space ("1 000"): joined before NFKC would make it a plain space.
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))")
# Numbers: thousands grouped by ",", decimals with "." or ",".
_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Names of other places that contain a known place's Chinese name ("突尼斯" Tunis holds "尼斯" Nice).
_PLACE_SHADOWS = ("突尼斯", "威尼斯", "东京都")


@functools.cache
def _place_tables() -> tuple[re.Pattern[str], dict[str, list[tuple[str, ...]]]]:
    """The lexicon's place spellings, split for a fast scan: one regex for the Han ones (and the names
    that shadow them), and the others by first word: ``{"new": [("new", "delhi")], …}``."""
    han = sorted((n for n in PLACES if _HAN.search(n)), key=len, reverse=True)
    han_re = re.compile("|".join(re.escape(n) for n in (*_PLACE_SHADOWS, *han)))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in PLACES:
        if not _HAN.search(name):
            words = tuple(name.split())
            by_first.setdefault(words[0], []).append(words)
    for names in by_first.values():
        names.sort(key=len, reverse=True)  # "new delhi" before a one-word name starting with "new"
    return han_re, by_first


# A word of a place name, and what may stand between two words of one name.
_WORD = re.compile(r"[^\W\d_]+")
_NAME_GAP = re.compile(r"[\s\-\u2010\u2013\u2014_.]+")


def _word_key(word: str) -> str:
    """A word as the lexicon keys it: lower case, alef forms folded, no accents."""
    if word.isascii():
        return word.lower()
    return strip_accents(word.translate(MATCH_TABLE)).lower()


def _places(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every known place name in *text*, left to right, not overlapping."""
    han_re, by_first = _place_tables()
    found: list[tuple[int, int, str]] = []
    if _HAN.search(text):
        for m in han_re.finditer(text):
            if m.group() not in _PLACE_SHADOWS:
                found.append((m.start(), m.end(), PLACES[m.group()]))
    words = [(m.start(), m.end(), _word_key(m.group())) for m in _WORD.finditer(text) if not _HAN.match(m.group())]
    k = 0
    while k < len(words):
        start, _, key = words[k]
        best = 0
        if not text[start].islower():  # "nice", "malta" in lower case are words, not the places
            for name in by_first.get(key, ()):
                n = len(name)
                if k + n <= len(words) and all(
                    words[k + i][2] == name[i] and _NAME_GAP.fullmatch(text, words[k + i - 1][1], words[k + i][0])
                    for i in range(1, n)
                ):
                    best = n
                    found.append((start, words[k + n - 1][1], PLACES[" ".join(name)]))
                    break
        k += max(best, 1)
    found.sort()
    return found


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = " " * (end - start)


def _month(word: str) -> int | None:
    """The month a word names (1..12), if it is a month name in one of the six languages."""
    low = word.lower()
    month = _MONTHS.get(low)
    if month is not None or not ("\u0400" <= low[:1] <= "\u04ff"):
        return month
    if low in ("май", "мая"):
        return 5
    return next((n for stem, n in _RU_STEMS if low.startswith(stem) and len(low) <= len(stem) + 2), None)


def _number_value(text: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    if "." in text:
        whole, frac = text.split(".", 1)
        frac = frac.rstrip("0")
        return f"{int(whole)}.{frac}" if frac else str(int(whole))
    return str(int(text))


@functools.lru_cache(maxsize=4096)  # pure; a cross-check asks for the same paragraph's facts more than once
def extract_facts(text: str) -> tuple[Fact, ...]:
    """The facts of *text*, in reading order.

    >>> [str(f) for f in extract_facts("the CTO/CxO process under Resolutions 122 and 123 (Rev. Busan, 2014)")]
    ['CTO/CxO', 'Resolution 122', 'Resolution 123', 'place busan', 'year 2014']
    """
    text = _FOOTNOTE_REF.sub(" ", text)
    text = nfkc(_GROUP_SPACE.sub("", text))
    chars = list(text)
    found: list[tuple[int, int, Fact]] = []  # (step, position, fact)

    def take(step: int, m: re.Match[str], fact: Fact, group: int | str = 0) -> None:
        found.append((step, m.start(group), fact))

    for m in _CODE.finditer(text):
        core = m.group()
        if any(c.isdigit() for c in core) or sum(c.isupper() for c in re.split(r"[/+.\-]", core)[0]) >= 2:
            take(0, m, Fact(FactKind.CODE, core))
            _blank(chars, m.start(), m.end())
    text = "".join(chars)

    for m in _ZH_REF.finditer(text) if "号" in text else ():
        kind = _DOC_TYPE[m.group(3)]
        for n in [m.group(1), *_DIGITS.findall(m.group(2))]:
            found.append((1, m.start(), Fact(FactKind.REFERENCE, f"{kind} {n.upper()}")))
        _blank(chars, m.start(), m.end())
    lowered = text.lower()
    for m in _LATIN_DOC.finditer(text) if any(stem in lowered for stem in _DOC_STEMS) else ():
        word = (m.group(1) or m.group(2)).lower()
        kind = next((k for w, k in _DOC_TYPE.items() if word.startswith(w)), "")
        pos = m.end()
        numbers = []
        while True:
            num = _REF_NUMBER.match(text, pos)
            if num is None:
                break
            numbers.append(num)
            pos = num.end()
            paren = _REF_PAREN.match(text, pos)
            if paren is not None:
                pos = paren.end()  # "(Rev. Busan, 2014)" between two numbers: read on, keep its facts
            sep = _REF_SEP.match(text, pos)
            if sep is None:
                break
            pos = sep.end()
        for num in numbers:
            found.append((1, num.start(1), Fact(FactKind.REFERENCE, f"{kind} {num.group(1).upper()}")))
            _blank(chars, num.start(1), num.end(1))
    text = "".join(chars)

    for m in _ZH_DATE.finditer(text) if "月" in text else ():
        if m.group("year"):
            take(2, m, Fact(FactKind.DATE, f"{m.group('year')}-{int(m.group('month')):02d}"))
        elif 1 <= int(m.group("month")) <= 12:
            take(2, m, Fact(FactKind.MONTH, f"{int(m.group('month')):02d}"))
        else:
            continue
        _blank(chars, m.start(), m.end())
    for m in _WORD.finditer(text):
        word = m.group()
        month = _month(word)
        if month is None:
            continue
        after = _AFTER_MONTH.match(text, m.end())
        year = after.group("year") if after else None
        before = _DAY_BEFORE.search(text, max(0, m.start() - 8), m.start())
        days = [g for g in (before.group(1) if before else None, after.group("day") if after else None) if g]
        if word.islower() and (word in _EN_MONTHS or not (year or days)):
            continue  # "may" the verb, "march" the noun; a lower-case month name needs a day or a year
        take(2, m, Fact(FactKind.DATE, f"{year}-{month:02d}") if year else Fact(FactKind.MONTH, f"{month:02d}"))
        for day in days:
            found.append((6, m.start(), Fact(FactKind.NUMBER, str(int(day)))))
        _blank(chars, before.start() if before else m.start(), after.end() if after else m.end())
    text = "".join(chars)

    for pattern in (_ZH_YEAR, _YEAR):
        for m in pattern.finditer(text):
            take(3, m, Fact(FactKind.YEAR, m.group(1)))
            _blank(chars, m.start(), m.end())
        text = "".join(chars)

    for start, end, key in _places(text):
        found.append((4, start, Fact(FactKind.PLACE, key)))
        _blank(chars, start, end)
    text = "".join(chars)

    for m in _NUMBER.finditer(text):
        take(6, m, Fact(FactKind.NUMBER, _number_value(m.group(1))), 1)
    found.sort(key=lambda t: t[1])  # stable: at one position, the order of the steps
    return tuple(f for _, _, f in found)
