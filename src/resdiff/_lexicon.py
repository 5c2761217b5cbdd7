"""What ITU texts say, in six languages: data plus small pure helpers for the parser.

Section keywords, heading and revision-marker grammar, place names, item
labels, proposal symbols and IDs. Nothing here knows about lines or blocks;
:mod:`resdiff._lines` and :mod:`resdiff._parse` do. Sources and confidence for every entry are in
``itu-conventions.md`` (§3–§5); unverified wordings are included because a
missed keyword costs more than an unused one.

>>> match_keyword("做出决议，责成TSAG", Lang.ZH).kind.value
'resolves to instruct'
>>> meeting_from_marker("Rev. New Delhi, 2024")
(<RevisionKind.REV: 'rev'>, Meeting(place='New Delhi', year=2024, place_key='new delhi'))
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

from resdiff._doctypes import TYPE_WORDS, ZH_TYPE_WORDS
from resdiff._fastinit import fast_init
from resdiff._model import (
    DocType,
    Lang,
    Meeting,
    ProposalId,
    ProposalSymbol,
    RevisionKind,
    SectionKind,
)
from resdiff._normalize import MATCH_TABLE, fold_with_offsets, strip_accents

__all__ = [
    "ABJAD",
    "HeadingMatch",
    "KEYWORD_STARTS",
    "KeywordMatch",
    "Label",
    "LabelKind",
    "PLACES",
    "PROPOSAL_RE",
    "is_roman",
    "match_heading",
    "match_keyword",
    "match_label",
    "meeting_from_marker",
    "meetings_from_history",
    "parse_meeting",
    "parse_proposal_id",
    "place_key",
    "proposal_symbol",
]

K = SectionKind

# ---------------------------------------------------------------------------
# Section keywords (§3.5). Patterns are regexes over fold_with_offsets()ed text.
# Arabic patterns come without the leading "و" (stripped before matching) and
# with [يت] for the masculine/feminine verb prefix.
# ---------------------------------------------------------------------------

_EN_FURTHER = {
    "considering": (K.CONSIDERING, K.CONSIDERING_FURTHER),
    "recogni[sz]ing": (K.RECOGNIZING, K.RECOGNIZING_FURTHER),
    "noting": (K.NOTING, K.NOTING_FURTHER),
    "recalling": (K.RECALLING, K.RECALLING_FURTHER),
    "resolves": (K.RESOLVES, K.FURTHER_RESOLVES),
    "instructs": (K.INSTRUCTS, K.FURTHER_INSTRUCTS),
    "invites": (K.INVITES, K.FURTHER_INVITES),
    "acknowledging": (K.RECOGNIZING, K.RECOGNIZING_FURTHER),  # FR "reconnaissant" serves both
}

_KEYWORDS: dict[Lang, list[tuple[str, SectionKind]]] = {
    Lang.EN: [
        ("resolves,? to instruct", K.RESOLVES_TO_INSTRUCT),
        ("noting with satisfaction", K.NOTING_WITH_SATISFACTION),
        ("bearing in mind", K.BEARING_IN_MIND),
        ("conscious", K.AWARE),
        ("aware", K.AWARE),
        ("emphasi[sz]ing", K.EMPHASIZING),
        ("stressing", K.EMPHASIZING),
        ("taking into account", K.TAKING_INTO_ACCOUNT),
        ("having regard to", K.HAVING_REGARD),
        ("having regard", K.HAVING_REGARD),
        ("convinced", K.CONVINCED),
        ("observing", K.OBSERVING),
        ("having (?:considered|examined)", K.CONSIDERING),  # FR "ayant examiné"
        ("having decided", K.HAVING_DECIDED),
        # Found in the PP-18 Final Acts (AKN4ITU). Their FR/ES/RU/AR/ZH wordings are in neither
        # itu-conventions.md nor the seeds, so those tables do not hold them yet.
        ("noting with concern", K.NOTING_WITH_CONCERN),
        ("welcoming", K.WELCOMING),
        ("mindful", K.MINDFUL),
        ("concerned", K.CONCERNED),
        ("appreciating", K.APPRECIATING),
        ("reaffirming", K.REAFFIRMING),
        ("recommends", K.RECOMMENDS),
        ("authori[sz]es", K.AUTHORIZES),
        ("encourages", K.ENCOURAGES),
        ("requests", K.REQUESTS),
        ("calls upon", K.CALLS_UPON),
        ("calls on", K.CALLS_UPON),
        ("urges", K.URGES),
        ("decides", K.DECIDES),
    ]
    + [(f"{w} further", fk) for w, (_, fk) in _EN_FURTHER.items()]
    + [(f"further {w}", fk) for w, (_, fk) in _EN_FURTHER.items()]
    + [(w, k) for w, (k, _) in _EN_FURTHER.items()],
    Lang.ZH: [
        ("做出决议,?\\s*责成", K.RESOLVES_TO_INSTRUCT),
        ("进一步做出决议", K.FURTHER_RESOLVES),
        ("做出决议", K.RESOLVES),
        ("做出决定", K.DECIDES),
        ("进一步考虑到", K.CONSIDERING_FURTHER),
        ("考虑到", K.CONSIDERING),
        ("进一步认识到", K.RECOGNIZING_FURTHER),
        ("认识到", K.RECOGNIZING),
        ("满意地注意到", K.NOTING_WITH_SATISFACTION),
        ("进一步注意到", K.NOTING_FURTHER),
        ("注意到", K.NOTING),
        ("铭记", K.BEARING_IN_MIND),
        ("意识到", K.AWARE),
        ("强调", K.EMPHASIZING),
        ("顾及", K.TAKING_INTO_ACCOUNT),
        ("虑及", K.HAVING_REGARD),
        ("深信", K.CONVINCED),
        ("进一步忆及", K.RECALLING_FURTHER),
        ("忆及", K.RECALLING),
        ("回顾", K.RECALLING),
        ("观察到", K.OBSERVING),
        ("进一步责成", K.FURTHER_INSTRUCTS),
        ("责成", K.INSTRUCTS),
        ("进一步请", K.FURTHER_INVITES),
        ("请", K.INVITES),
        ("鼓励", K.ENCOURAGES),
        ("要求", K.REQUESTS),
        ("呼吁", K.CALLS_UPON),
        ("敦促", K.URGES),
    ],
    Lang.FR: [
        ("considérant en outre", K.CONSIDERING_FURTHER),
        ("considérant", K.CONSIDERING),
        ("reconnaissant en outre", K.RECOGNIZING_FURTHER),
        ("reconnaissant", K.RECOGNIZING),
        ("notant avec satisfaction", K.NOTING_WITH_SATISFACTION),
        ("ayant pris note avec satisfaction", K.NOTING_WITH_SATISFACTION),
        ("notant en outre", K.NOTING_FURTHER),
        ("notant", K.NOTING),
        ("prenant note", K.NOTING),
        ("ayant pris note", K.NOTING),
        ("ayant pris connaissance", K.NOTING),
        ("ayant noté", K.NOTING),
        ("ayant (?:présent )?à l'esprit", K.BEARING_IN_MIND),
        ("gardant (?:présent )?à l'esprit", K.BEARING_IN_MIND),
        ("ayant examiné", K.CONSIDERING),  # EN "having considered"
        ("ayant considéré", K.CONSIDERING),
        ("ayant décidé", K.HAVING_DECIDED),
        ("consciente?", K.AWARE),
        ("soulignant", K.EMPHASIZING),
        ("tenant compte", K.TAKING_INTO_ACCOUNT),
        ("compte tenu", K.TAKING_INTO_ACCOUNT),
        ("vu", K.HAVING_REGARD),
        ("convaincue?", K.CONVINCED),
        ("rappelant en outre", K.RECALLING_FURTHER),
        ("rappelant", K.RECALLING),
        ("observant", K.OBSERVING),
        ("décide de charger", K.RESOLVES_TO_INSTRUCT),
        ("décide en outre", K.FURTHER_RESOLVES),
        ("décide", K.RESOLVES),
        ("charge en outre", K.FURTHER_INSTRUCTS),
        ("charge", K.INSTRUCTS),
        ("invite en outre", K.FURTHER_INVITES),
        ("invite", K.INVITES),
        ("encourage", K.ENCOURAGES),
        ("prie instamment", K.URGES),
        ("prie", K.REQUESTS),
        ("demande", K.REQUESTS),
        ("lance un appel", K.CALLS_UPON),
        ("appelle", K.CALLS_UPON),
        ("exhorte", K.URGES),
    ],
    Lang.ES: [
        ("considerando además", K.CONSIDERING_FURTHER),
        ("considerando", K.CONSIDERING),
        ("reconociendo además", K.RECOGNIZING_FURTHER),
        ("reconociendo", K.RECOGNIZING),
        ("observando con satisfacción", K.NOTING_WITH_SATISFACTION),
        ("observando además", K.NOTING_FURTHER),
        ("observando", K.NOTING),
        ("tomando nota", K.NOTING),
        ("teniendo presente", K.BEARING_IN_MIND),
        ("consciente", K.AWARE),
        ("destacando", K.EMPHASIZING),
        ("subrayando", K.EMPHASIZING),
        ("teniendo en cuenta", K.TAKING_INTO_ACCOUNT),
        ("visto", K.HAVING_REGARD),
        ("convencid[ao]", K.CONVINCED),
        ("recordando además", K.RECALLING_FURTHER),
        ("recordando", K.RECALLING),
        ("resuelve encargar", K.RESOLVES_TO_INSTRUCT),
        ("resuelve además", K.FURTHER_RESOLVES),
        ("resuelve", K.RESOLVES),
        ("encarga además", K.FURTHER_INSTRUCTS),
        ("encarga", K.INSTRUCTS),
        ("invita además", K.FURTHER_INVITES),
        ("invita", K.INVITES),
        ("alienta", K.ENCOURAGES),
        ("pide", K.REQUESTS),
        ("solicita", K.REQUESTS),
        ("hace un llamamiento", K.CALLS_UPON),
        ("exhorta", K.CALLS_UPON),
        ("insta", K.URGES),
        ("decide", K.DECIDES),
    ],
    Lang.RU: [
        ("учитывая далее", K.CONSIDERING_FURTHER),
        ("учитывая", K.CONSIDERING),
        ("признавая далее", K.RECOGNIZING_FURTHER),
        ("признавая", K.RECOGNIZING),
        ("с удовлетворением (?:отмечая|отметив)", K.NOTING_WITH_SATISFACTION),
        ("отмечая далее", K.NOTING_FURTHER),
        ("отмечая", K.NOTING),
        ("отметив", K.NOTING),
        ("памятуя", K.BEARING_IN_MIND),
        ("сознавая", K.AWARE),
        ("подч[её]ркивая", K.EMPHASIZING),
        ("принимая во внимание", K.TAKING_INTO_ACCOUNT),
        ("будучи убежден[аы]?", K.CONVINCED),
        ("напоминая (?:также|далее)", K.RECALLING_FURTHER),
        ("напоминая", K.RECALLING),
        ("решает поручить", K.RESOLVES_TO_INSTRUCT),
        ("решает далее", K.FURTHER_RESOLVES),
        ("решает", K.RESOLVES),
        ("поручает далее", K.FURTHER_INSTRUCTS),
        ("поручает", K.INSTRUCTS),
        ("предлагает далее", K.FURTHER_INVITES),
        ("предлагает", K.INVITES),
        ("рекомендует", K.ENCOURAGES),
        ("просит", K.REQUESTS),
        ("настоятельно призывает", K.URGES),
        ("призывает", K.CALLS_UPON),
    ],
    Lang.AR: [
        ("اذ [يت]ضع في اعتبار(?:ه|ها) كذلك", K.CONSIDERING_FURTHER),
        ("اذ [يت]ضع في اعتبار(?:ه|ها)", K.CONSIDERING),
        ("اذ [يت](?:عترف|درك) كذلك", K.RECOGNIZING_FURTHER),
        ("اذ [يت](?:عترف|درك)", K.RECOGNIZING),
        ("اذ [يت]لاحظ مع الارتياح", K.NOTING_WITH_SATISFACTION),
        ("اذ [يت]لاحظ كذلك", K.NOTING_FURTHER),
        ("اذ [يت]لاحظ", K.NOTING),
        ("اذ [يت]ضع في حسبان(?:ه|ها)", K.BEARING_IN_MIND),
        ("اذ [يت]عي", K.AWARE),
        ("اذ [يت]ؤكد", K.EMPHASIZING),
        ("اذ [يت]اخذ في (?:ال)?اعتبار", K.TAKING_INTO_ACCOUNT),
        ("اقتناعا منه?ا?", K.CONVINCED),
        ("اذ [يت](?:شير|ذكر)", K.RECALLING),
        ("[يت]قرر ان [يت]كلف", K.RESOLVES_TO_INSTRUCT),
        ("[يت]قرر كذلك", K.FURTHER_RESOLVES),
        ("[يت]قرر", K.RESOLVES),
        ("[يت]كلف كذلك", K.FURTHER_INSTRUCTS),
        ("[يت]كلف", K.INSTRUCTS),
        ("[يت]دعو كذلك", K.FURTHER_INVITES),
        ("[يت]دعو", K.INVITES),
        ("[يت]شجع", K.ENCOURAGES),
        ("[يت]طلب", K.REQUESTS),
        ("[يت]هيب", K.CALLS_UPON),
        ("[يت]حث", K.URGES),
    ],
}

# Languages where one verb serves "resolves" and "decides": the document type decides.
_RESOLVES_IS_DECIDES = {Lang.FR, Lang.RU, Lang.AR}
_SCRIPT_GROUP = {
    Lang.EN: (Lang.EN, Lang.FR, Lang.ES),
    Lang.FR: (Lang.FR, Lang.EN, Lang.ES),
    Lang.ES: (Lang.ES, Lang.EN, Lang.FR),
    Lang.ZH: (Lang.ZH,),
    Lang.RU: (Lang.RU,),
    Lang.AR: (Lang.AR,),
}


_LATIN_ORDER = (Lang.EN, Lang.FR, Lang.ES)


def _candidates(folded: str, lang: Lang) -> tuple[Lang, ...]:
    """Keyword tables to try, chosen by the script of the line's first letter."""
    first = folded[:1]
    if "\u0600" <= first <= "\u06ff":
        return (Lang.AR,)
    if "\u0400" <= first <= "\u04ff":
        return (Lang.RU,)
    if first >= "\u2e80":
        return (Lang.ZH,)
    return _SCRIPT_GROUP[lang] if lang in _LATIN_ORDER else _LATIN_ORDER


@functools.cache  # compiled on first use: a Chinese document never needs the Arabic table
def _compile_keywords(lang: Lang) -> tuple[re.Pattern[str], list[SectionKind]]:
    entries = _KEYWORDS[lang]
    # Longest pattern first, so "considering further" wins over "considering"
    # (regex alternation takes the first alternative that matches).
    order = sorted(range(len(entries)), key=lambda i: -len(entries[i][0]))
    parts = []
    kinds = []
    for n, i in enumerate(order):
        parts.append(f"(?P<k{n}>{entries[i][0]})")
        kinds.append(entries[i][1])
    boundary = "" if lang is Lang.ZH else r"(?=$|[\s,.:;!()])"
    return re.compile(f"(?:{'|'.join(parts)}){boundary}"), kinds


def _first_chars(pattern: str) -> set[str]:
    if pattern.startswith("["):
        return set(pattern[1 : pattern.index("]")])
    return {pattern[0]}


#: Characters a keyword line can start with (folded), per language: a cheap
#: filter before the keyword regexes.
KEYWORD_STARTS: dict[Lang, frozenset[str]] = {
    lang: frozenset({"و"}.union(*(_first_chars(p) for cand in Lang for p, _ in _KEYWORDS[cand])))
    for lang in Lang
}


@dataclass(frozen=True, slots=True)
class KeywordMatch:
    """A section keyword found at the start of a line: offsets are into the line."""

    kind: SectionKind
    keyword_end: int  # end of the keyword in the original line
    addressee_start: int
    addressee_end: int


_ADDR_TRIM = " \t\u00a0\u3000,，:：،"


def match_keyword(line: str, lang: Lang, *, decision: bool = False) -> KeywordMatch | None:
    """Match a section keyword as a prefix of ``line`` (already trimmed).

    The script of the line's first letter picks the table (Han, Cyrillic,
    Arabic, Latin); among the Latin ones ``lang`` is tried first.
    ``decision`` maps the shared resolve/decide verb (FR, RU, AR) to DECIDES.

    >>> m = match_keyword("责成电信标准化局主任", Lang.ZH)
    >>> m.kind.value, "责成电信标准化局主任"[m.addressee_start:m.addressee_end]
    ('instructs', '电信标准化局主任')
    """
    folded, where = fold_with_offsets(line)
    for cand in _candidates(folded, lang):
        pattern, kinds = _compile_keywords(cand)
        text, offset = folded, 0
        m = pattern.match(text)
        if m is None and cand is Lang.AR and text.startswith("و"):
            text, offset = text[1:], 1
            m = pattern.match(text)
        if m is None:
            continue
        assert m.lastgroup is not None
        kind = kinds[int(m.lastgroup[1:])]
        if decision and kind is K.RESOLVES and cand in _RESOLVES_IS_DECIDES:
            kind = K.DECIDES
        end = where[m.end() + offset]
        a_start, a_end = end, len(line)
        while a_start < a_end and line[a_start] in _ADDR_TRIM:
            a_start += 1
        while a_end > a_start and line[a_end - 1] in _ADDR_TRIM:
            a_end -= 1
        return KeywordMatch(kind, end, a_start, a_end)
    return None


# ---------------------------------------------------------------------------
# Places (§5.2): every spelling -> English key
# ---------------------------------------------------------------------------

_PLACE_TABLE: dict[str, tuple[str, ...]] = {
    "bucharest": ("布加勒斯特", "Bucarest", "Бухарест", "بوخارست", "Bukarest"),
    "dubai": ("迪拜", "Dubaï", "Dubái", "Дубай", "دبي"),
    "busan": ("釜山", "Пусан", "بوسان", "Pusan"),
    "guadalajara": ("瓜达拉哈拉", "Гвадалахара", "غوادالاخارا"),
    "antalya": ("安塔利亚", "Анталья", "أنطاليا", "Antalia"),
    "marrakesh": ("马拉喀什", "Marrakech", "Марракеш", "مراكش"),
    "minneapolis": ("明尼阿波利斯", "Minneápolis", "Миннеаполис", "مينيابوليس"),
    "kyoto": ("京都", "Киото", "كيوتو"),
    "hammamet": ("哈马马特", "Хаммамет", "الحمامات"),
    "johannesburg": ("约翰内斯堡", "Johannesburgo", "Johannesbourg", "Йоханнесбург", "جوهانسبرغ"),
    "new delhi": ("新德里", "Nueva Delhi", "Нью-Дели", "نيودلهي", "New-Delhi"),
    "geneva": ("日内瓦", "Genève", "Ginebra", "Женева", "جنيف", "Genf"),
    "kigali": ("基加利", "Кигали", "كيغالي"),
    "buenos aires": ("布宜诺斯艾利斯", "Буэнос-Айрес", "بوينس آيرس", "بوينس ايرس"),
    "istanbul": ("伊斯坦布尔", "Estambul", "Stamboul", "Стамбул", "إسطنبول"),
    "florianopolis": ("弗洛里亚诺波利斯", "Florianópolis", "Флорианополис", "فلوريانوبوليس"),
    "hyderabad": ("海得拉巴", "Хайдарабад", "Хайдерабад", "حيدر آباد"),
    "montreal": ("蒙特利尔", "Montréal", "Монреаль", "مونتريال"),
    "sharm el-sheikh": ("沙姆沙伊赫", "Charm el-Cheikh", "Sharm el-Sheikh", "Шарм-эль-Шейх", "شرم الشيخ"),
    "doha": ("多哈", "Доха", "الدوحة"),
    "helsinki": ("赫尔辛基", "Хельсинки", "هلسنكي"),
    "malta": ("马耳他", "Malte", "Мальта", "مالطة"),
    "valletta": ("瓦莱塔", "La Valette", "La Valeta", "Валлетта", "فاليتا"),
    "nice": ("尼斯", "Niza", "Ницца", "نيس"),
    "marrakech": (),
    "seoul": ("首尔", "Séoul", "Seúl", "Сеул", "سيول"),
    "hanoi": ("河内", "Ханой", "هانوي"),
    "tokyo": ("东京", "Токио", "طوكيو"),
    "cairo": ("开罗", "Le Caire", "El Cairo", "Каир", "القاهرة"),
    "baku": ("巴库", "Bakou", "Bakú", "Баку", "باكو"),
}
_PLACE_TABLE.pop("marrakech")


def _place_norm(name: str) -> str:
    folded, _ = fold_with_offsets(name.strip())
    folded = strip_accents(folded)
    return re.sub(r"[\s\-‐–—_.]+", " ", folded).strip()


PLACES: dict[str, str] = {}
for _key, _names in _PLACE_TABLE.items():
    PLACES[_place_norm(_key)] = _key
    for _name in _names:
        PLACES[_place_norm(_name)] = _key


def place_key(name: str) -> str:
    """Language-neutral key of a meeting place: the English name in lower case.

    Unknown Latin-script names give their own folded form (no accents, lower
    case); unknown names in other scripts give ``""``.

    >>> place_key("新德里"), place_key("Dubaï"), place_key("Springfield"), place_key("某地")
    ('new delhi', 'dubai', 'springfield', '')
    """
    norm = _place_norm(name)
    if not norm:
        return ""
    if norm in PLACES:
        return PLACES[norm]
    if all(c.isascii() for c in norm):
        return norm
    return ""


# ---------------------------------------------------------------------------
# Revision markers, meetings, history lines (§3.2, §3.3, §5.1)
# ---------------------------------------------------------------------------

_REV_RE = re.compile(r"\brev\b\.?|\brév\b\.?|пересм\.?|المراجع في|المراجع|修订版|修订")
_MOD_RE = re.compile(r"\bmod\b\.?|\bamended\b|\bmodifi\w*|изм\.?|修改版|المعدل")
_YEAR_FIRST = re.compile(r"(\d{4})\s*年\s*[,]?\s*([^,;()\d]*)")
_PLACE_FIRST = re.compile(r"([^,;()\d]*?)\s*,\s*(?:de\s+|del\s+)?(\d{4})(?:\s*г\.?)?")
_CONF = re.compile(r"\b(wrc|wtsa|wtdc|pp|rrc|wcit|c|cmr|amnt|cmdt)\s*-?\s*(\d{2})\b")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def parse_meeting(text: str) -> Meeting | None:
    """A meeting from ``"Dubai, 2012"``, ``"2012年，迪拜"``, ``"Москва, 2012 г."``,
    ``"WRC-15"``: the last place/year pair when several are glued together.

    >>> parse_meeting("2016年，哈马马特2024年，新德里")
    Meeting(place='新德里', year=2024, place_key='new delhi')
    """
    _, meeting = _parse_marker(text)
    return meeting


def meeting_from_marker(inner: str) -> tuple[RevisionKind, Meeting | None]:
    """Revision kind and meeting from the inside of a heading's parentheses.

    >>> meeting_from_marker("2023年，修改版")
    (<RevisionKind.MOD: 'mod'>, Meeting(place='', year=2023, place_key=''))
    """
    return _parse_marker(inner)


def _parse_marker(inner: str) -> tuple[RevisionKind, Meeting | None]:
    folded, where = fold_with_offsets(inner)
    rev = _REV_RE.search(folded)
    mod = _MOD_RE.search(folded)
    kind = RevisionKind.REV if rev else RevisionKind.MOD if mod else RevisionKind.NEW
    # Blank the flags out (same length, so offsets still map to `inner`).
    chars = list(folded)
    for m in (rev, mod):
        if m:
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    blanked = "".join(chars)
    pairs: list[tuple[int, int, int]] = []  # (year, place start, place end) in folded
    if "年" in blanked:
        for m in _YEAR_FIRST.finditer(blanked):
            pairs.append((int(m.group(1)), m.start(2), m.end(2)))
    else:
        for m in _PLACE_FIRST.finditer(blanked):
            pairs.append((int(m.group(2)), m.start(1), m.end(1)))
    if pairs:
        year, ps, pe = pairs[-1]
        while ps < pe and blanked[ps] in " \t":
            ps += 1
        place = inner[where[ps] : where[pe]] if pe > ps else ""
        place = place.strip(" \t\u00a0\u3000,，،;；:：-–")
        if place.lower().startswith(("de ", "del ")):
            place = place.split(" ", 1)[1]
        return kind, Meeting(place, year, place_key(place) if place else "")
    conf = _CONF.search(blanked)
    if conf:
        yy = int(conf.group(2))
        text = inner[where[conf.start()] : where[conf.end()]]
        return kind, Meeting(text, 2000 + yy if yy < 70 else 1900 + yy, "")
    years = _YEAR.findall(blanked)
    if years:
        return kind, Meeting("", int(years[-1]), "")
    return kind, None


_HISTORY_SEP = re.compile(r"[;；؛]")


def meetings_from_history(inner: str) -> tuple[Meeting, ...]:
    """Meetings of a history line's inside, entries split at ``;``/``；``/``؛``.

    >>> [m.place_key for m in meetings_from_history("Johannesburg, 2008; Dubai, 2012")]
    ['johannesburg', 'dubai']
    """
    out = []
    for entry in _HISTORY_SEP.split(inner):
        meeting = parse_meeting(entry)
        if meeting is not None:
            out.append(meeting)
    return tuple(out)


# ---------------------------------------------------------------------------
# Headings (§3.2)
# ---------------------------------------------------------------------------

# The document-type words have one home, _doctypes (the batch reads file names with the same
# table); the heading pattern below spells each of them (accents optional), which a test checks.
_DOC_TYPES: dict[str, DocType] = {strip_accents(word): DocType(kind) for word, kind in TYPE_WORDS.items()}
_ZH_TYPES: dict[str, DocType] = {word: DocType(kind) for word, kind in ZH_TYPE_WORDS.items()}

_NUM = r"(?P<num>\[[^\]\n]{1,24}\]|[A-Z]{0,4}-?\d{1,4}[A-Za-z]{0,4}(?:/\d{1,4})?)"
_MARKER = r"(?:\s*(?P<marker>[(（][^()（）\n]{0,120}[)）]))?"
#: Conference prefixes of headings in compilations: "PP RESOLUTION 101 (…)", "WTSA RESOLUTION 1 (…)"
#: (EN; FR/ES AMNT, CMDT, CMR, AR).
_CONFERENCES = ("pp", "wtsa", "wtdc", "wrc", "ra", "wtpf", "amnt", "cmdt", "cmr", "ar")
_HEADING_LATIN = re.compile(
    # (a look-ahead on the acronyms' first two letters lets most lines skip the alternatives)
    r"(?:(?=[" + "".join(sorted({c[0] for c in _CONFERENCES})) + "][" + "".join(sorted({c[1] for c in _CONFERENCES}))
    + r"])(?:" + "|".join(_CONFERENCES) + r")\s+)?"
    r"(?:(?:draft\s+)?(?:new\s+)?|projet\s+de\s+(?:nouvelle\s+)?|proyecto\s+de\s+(?:nueva\s+)?"
    r"|проект\s+(?:новой\s+)?|مشروع\s+)?(?:council\s+|conseil\s+|consejo\s+)?"
    r"(?P<type>resolution|r[ée]solution|resoluci[óo]n|decision|d[ée]cision|decisi[óo]n|acuerdo"
    r"|recommendation|recommandation|recomendaci[óo]n|opinion|avis|opini[óo]n"
    r"|резолюци[яи]|решение|рекомендация|мнение|القرار|قرار|المقرر|مقرر|التوصية|توصية|الرأي|رأي)"
    r"\s+" + _NUM + _MARKER + r"\s*",
    re.IGNORECASE,
)
# Before 第 a heading may name its body ("理事会第1379号决议"), and nothing else:
# an item "其第1141号决议……" ("its Resolution 1141…") is not a heading.
_HEADING_ZH = re.compile(
    r"(?P<pre>(?:[^\s第（(]{0,11}会|[A-Z][A-Z0-9-]{0,10}\s?)?)第\s*(?P<num>[^号\s（(]{1,24}?)\s*号\s*(?P<type>新?决议(?:草案)?|决定|建议|意见)"
    + _MARKER
    + r"\s*"
)

#: Council compilations abbreviate headings: "D 495", "R 800 (C-1977, dernière mod. C-1984)",
#: "Реш. 495" (case-sensitive: a capital D or R, then a space and digits only).
_HEADING_ABBR = re.compile(r"(?:(?P<letter>[DR])[ \u00a0]+|(?P<ru>Реш)\.\s*)(?P<num>\d{1,4})" + _MARKER + r"\s*")
_ABBR_TYPES = {"D": DocType.DECISION, "R": DocType.RESOLUTION, "Реш": DocType.DECISION}

#: What a _HEADING_LATIN match can start with (it is case-insensitive, so compared
#: lower-cased): the first letters of its optional prefixes and of the type words.
_HEADING_LATIN_FIRST = frozenset(
    w[0]
    for w in (
        *_CONFERENCES,
        *("draft", "new", "projet", "proyecto", "проект", "مشروع", "council", "conseil", "consejo"),
        *("resolution", "decision", "acuerdo", "opinion", "avis", "резолюция", "решение", "рекомендация", "мнение"),
        *("القرار", "قرار", "المقرر", "مقرر", "التوصية", "توصية", "الرأي", "رأي"),
    )
)


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A heading line recognised: facts plus the marker's offsets in the line."""

    doc_type: DocType
    number: str
    revision: RevisionKind
    meeting: Meeting | None


def match_heading(line: str) -> HeadingMatch | None:
    """Recognise a whole line as a resolution/decision heading (any language).

    >>> h = match_heading("第68号决议（2024年，新德里，修订版）")
    >>> (h.doc_type.value, h.number, h.revision.value, h.meeting.place_key, h.meeting.year)
    ('resolution', '68', 'rev', 'new delhi', 2024)
    """
    if len(line) > 200 or not line:
        return None
    # Cheap necessary conditions first (the parser asks this of every short line):
    # the Chinese form has "第" within its first 13 chars, the other forms start
    # with the first letter of one of their words.
    m = _HEADING_ZH.fullmatch(line) if "第" in line[:13] else None
    if m:
        word = m.group("type")
        dt = _ZH_TYPES["决议" if "决议" in word else word]
    elif (first := line[0]) in "DRР" and (m := _HEADING_ABBR.fullmatch(line)):
        dt = _ABBR_TYPES[m.group("letter") or m.group("ru")]
    else:
        m = _HEADING_LATIN.fullmatch(line) if first.lower() in _HEADING_LATIN_FIRST else None
        if not m:
            return None
        dt = _DOC_TYPES.get(strip_accents(m.group("type").lower()), DocType.RESOLUTION)
    marker = m.group("marker")
    if marker:
        revision, meeting = meeting_from_marker(marker[1:-1])
    else:
        revision, meeting = RevisionKind.NEW, None
    return HeadingMatch(dt, m.group("num"), revision, meeting)


# ---------------------------------------------------------------------------
# Item labels (§4.1)
# ---------------------------------------------------------------------------

ABJAD = "ابجدهوزحطيكلمنسعفصقرشتثخذضظغ"  # Arabic letters in list order (أ folded to ا)
_CYR_TO_LAT = str.maketrans("асеорхіуАСЕОРХ", "aceopxiyaceopx")
_ROMAN = re.compile(r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})")
_SUFFIX = r"(?:bis|ter|quater)?"
_BULLETS = "–‒—-•·▪●○◦∙"
_LABEL_RE = re.compile(
    r"(?P<md>[-*+•]\s+)?"
    r"(?:"
    r"(?P<paren>\(?(?:[a-zа-яё]{1,3}" + _SUFFIX + r"|\d{1,4}" + _SUFFIX + r"|[" + ABJAD + "أإآ" + r"]ـ?)\))"
    r"(?P<psep>[ \t\u00a0\u3000]*)(?=\S)"
    r"|(?P<num>\d{1,4}(?:\.\d{1,3})*\.?" + _SUFFIX + r")(?P<nsep>\t[ \t\u00a0\u3000]*|[ \u00a0\u3000]+)(?=\S)"
    r"|(?P<letter>[a-z])(?P<lsep>\t[ \t]*|[ \u00a0\u3000]+(?=[^\x00-\u024f\s]|[A-Z0-9]))"
    r")"
)
_BULLET_RE = re.compile(r"(?P<bullet>[" + re.escape(_BULLETS) + r"*])(?P<bsep>[ \t\u00a0\u3000]+)(?=\S)")
#: What a label can start with, besides a decimal digit (``\d``, i.e. ``str.isdecimal``):
#: a markdown bullet, "(", a Latin or Cyrillic letter, an Arabic list letter, a dash bullet.
_LABEL_FIRST = frozenset(
    "-*+•("  # a markdown bullet, "(a)"
    + "".join(map(chr, range(ord("a"), ord("z") + 1)))
    + "".join(map(chr, range(ord("а"), ord("я") + 1)))
    + "ё"
    + ABJAD
    + "أإآ"
    + _BULLETS
)


class LabelKind(str, enum.Enum):
    """The kind of an item label; the parser adds ROMAN and NONE from context."""

    LETTER = "letter"  # "a)", "(b)", "bbis)", "с)" (Cyrillic), "أ)" (Arabic), bare "a"
    ROMAN = "roman"  # "i)", "iv)" when they do not continue the letters (see the parser)
    NUMBER = "number"  # "1", "1.", "(2)", "5bis"
    DECIMAL = "decimal"  # "3.1", "3.1.2"
    BULLET = "bullet"  # "–", "•", "*", …
    NONE = "none"  # an unlabelled item


# Label kinds as module constants: a member looked up on its enum class costs
# several times a module global, and match_label runs once per distinct line.
_LETTER, _NUMBER, _DECIMAL, _BULLET = LabelKind.LETTER, LabelKind.NUMBER, LabelKind.DECIMAL, LabelKind.BULLET


@fast_init
@dataclass(frozen=True, slots=True)
class Label:
    """An item label at the start of a line; offsets are into that line.

    ``kind``: LETTER, NUMBER, DECIMAL or BULLET (roman numerals are letters
    here; the parser tells them apart by context). ``key`` is the
    label without punctuation, Cyrillic look-alikes and Arabic letters folded
    to Latin (``"с)"`` -> ``"c"``, ``"ب)"`` -> ``"b"``, ``"3.1.2"`` -> ``"3-1-2"``).
    """

    text: str  # as written, without a markdown bullet before it
    key: str
    kind: LabelKind
    start: int  # where `text` starts
    body: int  # where the body starts


def match_label(line: str, start: int = 0, end: int | None = None) -> Label | None:
    """The item label at ``line[start:end]``, if any (``a)``, ``1``, ``5bis``, ``–``, ``- a)``…).

    Offsets are into ``line``; the text after ``end`` is not looked at.

    >>> lab = match_label("- a) 联合国大会")
    >>> lab.text, lab.key, lab.kind.value, "- a) 联合国大会"[lab.body:]
    ('a)', 'a', 'letter', '联合国大会')
    """
    if end is None:
        end = len(line)
    # Most lines start with a character no label can start with: skip both regexes.
    if 0 <= start < len(line) and not (line[start] in _LABEL_FIRST or line[start].isdecimal()):
        return None
    m = _LABEL_RE.match(line, start, end)
    if m:
        paren, num, letter = m.group("paren", "num", "letter")  # exactly one took part
        if paren:
            text, first = paren, m.start("paren")
            key = paren.strip("()").replace("ـ", "")
            if key[0].isdigit():
                kind = _NUMBER
            else:
                kind = _LETTER
                key = _letter_key(key)
        elif num:
            text, first = num, m.start("num")
            core = num.rstrip(".")
            kind = _DECIMAL if "." in core else _NUMBER
            key = core.replace(".", "-")
        else:
            text, first = letter, m.start("letter")
            kind, key = _LETTER, letter
        return Label(text, key.lower(), kind, first, m.end())
    m = _BULLET_RE.match(line, start, end)
    if m:
        return Label(m.group("bullet"), "", _BULLET, m.start(), m.end())
    return None


def _letter_key(key: str) -> str:
    if key.isascii():  # the usual case: neither an Arabic letter nor a Cyrillic look-alike
        return key
    ch = key[0]
    folded = MATCH_TABLE.get(ord(ch), ord(ch))  # alef forms fold to the bare alef
    idx = ABJAD.find(chr(folded))
    if idx >= 0:
        return chr(ord("a") + idx) if idx < 26 else "z" + chr(ord("a") + idx - 26)
    return key.translate(_CYR_TO_LAT)


def is_roman(key: str) -> bool:
    """Whether a letter key reads as a lower-case roman numeral (``i``, ``iv``, ``xii``)."""
    return bool(key) and key[0] in "ivx" and _ROMAN.fullmatch(key) is not None  # "a", "b"…: no regex


# ---------------------------------------------------------------------------
# Proposals (§1, §2)
# ---------------------------------------------------------------------------

_SYMBOL = r"\(MOD\)|ADD\*?|SUP\*?|MOD|NOC"
_PID = r"(?:[A-Z]{1,5}\s*/\s*)+(?:\d{1,4}|XX)(?:A\d{1,3})?\s*/\s*\d{1,4}"
PROPOSAL_RE = re.compile(
    rf"(?:(?P<sym1>{_SYMBOL})(?:\s+|$))?(?P<pid>{_PID})?(?:\s+(?P<sym2>{_SYMBOL}))?\s*"
)
_PID_PARTS = re.compile(r"(?P<doc>\d{1,4}|XX)(?:A(?P<add>\d{1,3}))?")


def proposal_symbol(text: str) -> ProposalSymbol | None:
    """The ProposalSymbol written as ``text`` (``"MOD"``, ``"(MOD)"``, ``"ADD*"``)."""
    try:
        return ProposalSymbol(text)
    except ValueError:
        return None


def parse_proposal_id(text: str) -> ProposalId | None:
    """Parse ``<proponent>[/<proponent>…]/<doc>[A<k>]/<n>`` from the right.

    >>> parse_proposal_id("RCC/ 62A1/1")
    ProposalId(text='RCC/62A1/1', proponents=('RCC',), document='62', addendum='1', number='1')
    """
    norm = re.sub(r"\s+", "", text)
    parts = norm.split("/")
    if len(parts) < 3 or not parts[-1].isdigit():
        return None
    m = _PID_PARTS.fullmatch(parts[-2])
    proponents = tuple(parts[:-2])
    if not m or not all(p.isalpha() and p.isupper() for p in proponents):
        return None
    return ProposalId(norm, proponents, m.group("doc"), m.group("add"), parts[-1])
