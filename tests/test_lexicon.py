"""Lexicon helpers: keywords, headings, places, labels and proposal IDs in six languages."""

from __future__ import annotations

import pytest

from resdiff import _lexicon as lx
from resdiff._model import DocType, Lang, ProposalSymbol, RevisionKind, SectionKind

K = SectionKind
_WITH_SATISFACTION = "ayant pris note avec satisfaction"
_GDL = "guadalajara"


def _kw(line: str, lang: Lang, **kw):
    m = lx.match_keyword(line, lang, **kw)
    assert m is not None, line
    return m.kind, line[: m.keyword_end], line[m.addressee_start : m.addressee_end]


@pytest.mark.parametrize(
    ("line", "lang", "kind", "keyword", "addressee"),
    [
        ("considering", Lang.EN, K.CONSIDERING, "considering", ""),
        ("considering further", Lang.EN, K.CONSIDERING_FURTHER, "considering further", ""),
        ("further considering", Lang.EN, K.CONSIDERING_FURTHER, "further considering", ""),
        ("further resolves", Lang.EN, K.FURTHER_RESOLVES, "further resolves", ""),
        ("resolves further", Lang.EN, K.FURTHER_RESOLVES, "resolves further", ""),
        ("conscious", Lang.EN, K.AWARE, "conscious", ""),
        (
            "resolves to instruct the Director of the Telecommunication Standardization Bureau",
            Lang.EN,
            K.RESOLVES_TO_INSTRUCT,
            "resolves to instruct",
            "the Director of the Telecommunication Standardization Bureau",
        ),
        ("instructs the Secretary-General", Lang.EN, K.INSTRUCTS, "instructs", "the Secretary-General"),
        ("做出决议，责成电信标准化局主任", Lang.ZH, K.RESOLVES_TO_INSTRUCT, "做出决议，责成", "电信标准化局主任"),
        ("责成电信标准化局主任", Lang.ZH, K.INSTRUCTS, "责成", "电信标准化局主任"),
        ("进一步责成国际电联理事会", Lang.ZH, K.FURTHER_INSTRUCTS, "进一步责成", "国际电联理事会"),
        ("意识到", Lang.ZH, K.AWARE, "意识到", ""),
        ("做出决定", Lang.ZH, K.DECIDES, "做出决定", ""),
        ("进一步认识到", Lang.ZH, K.RECOGNIZING_FURTHER, "进一步认识到", ""),
        ("considérant en outre", Lang.FR, K.CONSIDERING_FURTHER, "considérant en outre", ""),
        ("charge le Secrétaire général", Lang.FR, K.INSTRUCTS, "charge", "le Secrétaire général"),
        ("prie instamment les États Membres", Lang.FR, K.URGES, "prie instamment", "les États Membres"),
        ("resuelve encargar al Director", Lang.ES, K.RESOLVES_TO_INSTRUCT, "resuelve encargar", "al Director"),
        ("reconociendo además", Lang.ES, K.RECOGNIZING_FURTHER, "reconociendo además", ""),
        ("учитывая,", Lang.RU, K.CONSIDERING, "учитывая", ""),
        ("поручает Генеральному секретарю", Lang.RU, K.INSTRUCTS, "поручает", "Генеральному секретарю"),
        ("وإذ يلاحظ", Lang.AR, K.NOTING, "وإذ يلاحظ", ""),
        ("إذ تضع في اعتبارها", Lang.AR, K.CONSIDERING, "إذ تضع في اعتبارها", ""),
        ("يكلف الأمين العام", Lang.AR, K.INSTRUCTS, "يكلف", "الأمين العام"),
        ("تقرر", Lang.AR, K.RESOLVES, "تقرر", ""),
        # issue 14: real wordings the tables missed
        ("acknowledging", Lang.EN, K.RECOGNIZING, "acknowledging", ""),
        ("acknowledging further", Lang.EN, K.RECOGNIZING_FURTHER, "acknowledging further", ""),
        ("having considered", Lang.EN, K.CONSIDERING, "having considered", ""),
        ("having decided", Lang.EN, K.HAVING_DECIDED, "having decided", ""),
        ("compte tenu", Lang.FR, K.TAKING_INTO_ACCOUNT, "compte tenu", ""),
        (_WITH_SATISFACTION, Lang.FR, K.NOTING_WITH_SATISFACTION, _WITH_SATISFACTION, ""),
        ("ayant pris note", Lang.FR, K.NOTING, "ayant pris note", ""),
        ("ayant noté", Lang.FR, K.NOTING, "ayant noté", ""),
        ("ayant pris connaissance", Lang.FR, K.NOTING, "ayant pris connaissance", ""),
        ("ayant examiné", Lang.FR, K.CONSIDERING, "ayant examiné", ""),
        ("ayant considéré", Lang.FR, K.CONSIDERING, "ayant considéré", ""),
        ("ayant à l'esprit", Lang.FR, K.BEARING_IN_MIND, "ayant à l'esprit", ""),
        ("ayant à l’esprit", Lang.FR, K.BEARING_IN_MIND, "ayant à l’esprit", ""),
        ("ayant présent à l'esprit", Lang.FR, K.BEARING_IN_MIND, "ayant présent à l'esprit", ""),
        ("ayant décidé", Lang.FR, K.HAVING_DECIDED, "ayant décidé", ""),
        # issue 14: wordings of the PP-18 Final Acts (AKN4ITU)
        ("welcoming", Lang.EN, K.WELCOMING, "welcoming", ""),
        ("mindful", Lang.EN, K.MINDFUL, "mindful", ""),
        ("concerned", Lang.EN, K.CONCERNED, "concerned", ""),
        ("noting with concern", Lang.EN, K.NOTING_WITH_CONCERN, "noting with concern", ""),
        ("appreciating", Lang.EN, K.APPRECIATING, "appreciating", ""),
        ("reaffirming", Lang.EN, K.REAFFIRMING, "reaffirming", ""),
        ("recommends", Lang.EN, K.RECOMMENDS, "recommends", ""),
        ("authorizes the Secretary-General", Lang.EN, K.AUTHORIZES, "authorizes", "the Secretary-General"),
        ("authorises the Council", Lang.EN, K.AUTHORIZES, "authorises", "the Council"),
    ],
)
def test_keyword_prefix(line, lang, kind, keyword, addressee):
    """A keyword line gives its kind, the keyword as written and the addressee after it."""
    assert _kw(line, lang) == (kind, keyword, addressee)


def test_the_final_acts_operative_wordings_are_operative_and_the_preambular_ones_not():
    """'recommends' and 'authorizes' open operative sections; 'welcoming', 'concerned'… stay preambular."""
    assert K.RECOMMENDS.operative and K.AUTHORIZES.operative
    preambular = (K.WELCOMING, K.MINDFUL, K.CONCERNED, K.NOTING_WITH_CONCERN, K.APPRECIATING, K.REAFFIRMING)
    assert not any(k.operative for k in preambular)


def test_noting_with_concern_is_not_noting_with_an_addressee():
    """The longer wording wins: 'noting with concern that' is NOTING_WITH_CONCERN, not NOTING + 'with concern'."""
    assert _kw("noting with concern that", Lang.EN) == (K.NOTING_WITH_CONCERN, "noting with concern", "that")


def test_a_word_that_only_begins_like_a_new_keyword_is_not_one():
    """'concernedly' and 'recommendsx' are no keywords: the match ends at a word boundary."""
    assert lx.match_keyword("concernedly", Lang.EN) is None
    assert lx.match_keyword("recommendsx", Lang.EN) is None


def test_arabic_diacritics_are_ignored():
    """Arabic keywords match with or without harakat and tatweel."""
    assert _kw("يُقَرِّرُ", Lang.AR)[0] is K.RESOLVES


def test_keyword_needs_word_boundary_in_latin_scripts():
    """'noting' does not match 'notingham', and a non-keyword gives None."""
    assert lx.match_keyword("notingham", Lang.EN) is None
    assert lx.match_keyword("the Conference", Lang.EN) is None


def test_decision_turns_shared_verb_into_decides():
    """FR 'décide' in a decision is DECIDES, in a resolution RESOLVES; ES 'decide' is always DECIDES."""
    assert _kw("décide", Lang.FR)[0] is K.RESOLVES
    assert _kw("décide", Lang.FR, decision=True)[0] is K.DECIDES
    assert _kw("decide", Lang.ES)[0] is K.DECIDES
    assert _kw("ayant décidé", Lang.FR, decision=True)[0] is K.HAVING_DECIDED  # preambular, whatever the type


def test_having_decided_is_preambular():
    """The one kind issue 14 added recites a decision taken before: it is not operative."""
    assert not K.HAVING_DECIDED.operative and K.DECIDES.operative


def test_latin_languages_fall_back_to_each_other():
    """An English keyword in a document detected as French is still found."""
    assert _kw("instructs TSAG", Lang.FR)[0] is K.INSTRUCTS


@pytest.mark.parametrize(
    ("line", "doc_type", "number", "revision", "year", "key"),
    [
        ("RESOLUTION 68 (Rev. New Delhi, 2024)", DocType.RESOLUTION, "68", RevisionKind.REV, 2024, "new delhi"),
        ("第68号决议（2024年，新德里，修订版）", DocType.RESOLUTION, "68", RevisionKind.REV, 2024, "new delhi"),
        ("RESOLUTION 57 (Johannesburg, 2008)", DocType.RESOLUTION, "57", RevisionKind.NEW, 2008, "johannesburg"),
        ("RESOLUTION 75 (REV. DUBAI, 2012)", DocType.RESOLUTION, "75", RevisionKind.REV, 2012, "dubai"),
        ("Resolution 1379 (Mod. 2023)", DocType.RESOLUTION, "1379", RevisionKind.MOD, 2023, ""),
        ("Council Resolution 1379 (Amended 2023)", DocType.RESOLUTION, "1379", RevisionKind.MOD, 2023, ""),
        ("理事会第1379号决议（2023年，修改版）", DocType.RESOLUTION, "1379", RevisionKind.MOD, 2023, ""),
        ("理事会第1379号决议（2023年，修订版）", DocType.RESOLUTION, "1379", RevisionKind.REV, 2023, ""),
        ("第641号决定", DocType.DECISION, "641", RevisionKind.NEW, None, None),
        ("DECISION 5 (Rev. Busan, 2014)", DocType.DECISION, "5", RevisionKind.REV, 2014, "busan"),
        ("RÉSOLUTION 62 (Rév. Dubaï, 2012)", DocType.RESOLUTION, "62", RevisionKind.REV, 2012, "dubai"),
        ("DÉCISION 5 (RÉV. BUSAN, 2014)", DocType.DECISION, "5", RevisionKind.REV, 2014, "busan"),
        ("RESOLUCIÓN 1 (REV. HAMMAMET, 2016)", DocType.RESOLUTION, "1", RevisionKind.REV, 2016, "hammamet"),
        ("Resolución 31 (Estambul, de 2002)", DocType.RESOLUTION, "31", RevisionKind.NEW, 2002, "istanbul"),
        ("Резолюция 70 (Миннеаполис, 1998 г.)", DocType.RESOLUTION, "70", RevisionKind.NEW, 1998, "minneapolis"),
        ("Резолюция 2 (Пересм. Бухарест, 2022 г.)", DocType.RESOLUTION, "2", RevisionKind.REV, 2022, "bucharest"),
        ("القرار 169 (المراجَع في بوخارست، 2022)", DocType.RESOLUTION, "169", RevisionKind.REV, 2022, "bucharest"),
        ("RESOLUTION 28 (REV.WRC-15)", DocType.RESOLUTION, "28", RevisionKind.REV, 2015, ""),
        ("DRAFT NEW RESOLUTION [SEN-1]", DocType.RESOLUTION, "[SEN-1]", RevisionKind.NEW, None, None),
        # compilations: conference prefixes, Council abbreviations
        ("PP RESOLUTION 101 (Rev. Guadalajara, 2010)", DocType.RESOLUTION, "101", RevisionKind.REV, 2010, _GDL),
        ("WTSA RESOLUTION 1 (Rev. Hammamet, 2016)", DocType.RESOLUTION, "1", RevisionKind.REV, 2016, "hammamet"),
        ("WTDC Resolution 37 (Rev. Kigali, 2022)", DocType.RESOLUTION, "37", RevisionKind.REV, 2022, "kigali"),
        ("D 495", DocType.DECISION, "495", RevisionKind.NEW, None, None),
        ("R 800 (C-1977, dernière mod. C-1984)", DocType.RESOLUTION, "800", RevisionKind.MOD, 1984, ""),
        ("Реш. 495", DocType.DECISION, "495", RevisionKind.NEW, None, None),
    ],
)
def test_heading_facts(line, doc_type, number, revision, year, key):
    """Headings in every language give document type, number, revision kind and meeting."""
    h = lx.match_heading(line)
    assert h is not None
    assert (h.doc_type, h.number, h.revision) == (doc_type, number, revision)
    if year is None:
        assert h.meeting is None
    else:
        assert (h.meeting.year, h.meeting.place_key) == (year, key)


def test_glued_marker_takes_last_meeting():
    """A marker with deleted and inserted meetings glued together reads as the last one."""
    h = lx.match_heading("第68号决议（2016年，哈马马特2024年，新德里，修订版）")
    assert (h.meeting.place, h.meeting.year) == ("新德里", 2024)
    h = lx.match_heading("RESOLUTION 75 (REV. DUBAI, 2012HAMMAMET, 2016)")
    assert (h.meeting.place_key, h.meeting.year) == ("hammamet", 2016)


@pytest.mark.parametrize(
    "line",
    [
        "Resolution 146 (Rev. Bucharest, 2022); Council Resolution 1379 (Mod. 2023)",
        "全权代表大会第2号决议（2022年，布加勒斯特，修订版）（见[附件A](#)）做出决定",
        "第641号决定附件：2件",
        "in line with Resolution 146 (Rev. Bucharest, 2022)",
        "其第1141号决议（2001年）",  # "its Resolution 1141": an item, not a heading
        "并第1141号决议",
        "d 495",  # the abbreviations are capitals with a number and nothing else
        "D 495 of the Council",
        "R800",
        "Реш 495",
    ],
)
def test_not_a_heading(line):
    """Lines that only mention a resolution are not headings."""
    assert lx.match_heading(line) is None


def test_same_facts_across_languages():
    """The Chinese and English headings of Resolution 68 give equal facts."""
    zh = lx.match_heading("第68号决议（2024年，新德里，修订版）")
    en = lx.match_heading("RESOLUTION 68 (Rev. New Delhi, 2024)")
    assert (zh.doc_type, zh.number, zh.revision, zh.meeting.year, zh.meeting.place_key) == (
        en.doc_type,
        en.number,
        en.revision,
        en.meeting.year,
        en.meeting.place_key,
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [("新德里", "new delhi"), ("Nueva Delhi", "new delhi"), ("Нью-Дели", "new delhi"), ("نيودلهي", "new delhi"),
     ("Genève", "geneva"), ("Ginebra", "geneva"), ("Johannesburgo", "johannesburg"), ("HAMMAMET", "hammamet"),
     ("الحمامات", "hammamet"), ("Springfield", "springfield"), ("某地", "")],
)
def test_place_key(name, key):
    """Place names in all languages map to one English key; unknown non-Latin names give ''."""
    assert lx.place_key(name) == key


def test_history_entries():
    """A Chinese history line gives its meetings in order, year first then place."""
    got = lx.meetings_from_history("2008年，约翰内斯堡；2012年，迪拜")
    assert [(m.year, m.place_key) for m in got] == [(2008, "johannesburg"), (2012, "dubai")]
    got = lx.meetings_from_history("جوهانسبرغ، 2008؛ دبي، 2012")
    assert [(m.year, m.place_key) for m in got] == [(2008, "johannesburg"), (2012, "dubai")]


@pytest.mark.parametrize(
    ("line", "text", "key", "kind", "body"),
    [
        ("a)\ttext", "a)", "a", "letter", "text"),
        ("bbis)\ttext", "bbis)", "bbis", "letter", "text"),
        ("5bis\ttext", "5bis", "5bis", "number", "text"),
        ("12 text", "12", "12", "number", "text"),
        ("3.1.2\ttext", "3.1.2", "3-1-2", "decimal", "text"),
        ("1.\tIntroduction", "1.", "1", "number", "Introduction"),
        ("- a) 联合国", "a)", "a", "letter", "联合国"),
        ("- 10 其他事项", "10", "10", "number", "其他事项"),
        ("a 秘书长须组成", "a", "a", "letter", "秘书长须组成"),
        ("c WTPF-26会议", "c", "c", "letter", "WTPF-26会议"),
        ("с)\tчто три", "с)", "c", "letter", "что три"),
        ("أ)\tالنص", "أ)", "a", "letter", "النص"),
        ("ب)\tالنص", "ب)", "b", "letter", "النص"),
        ("هـ)\tالنص", "هـ)", "e", "letter", "النص"),
        ("–\tdash", "–", "", "bullet", "dash"),
        ("· bullet", "·", "", "bullet", "bullet"),
        ("- 弥合", "-", "", "bullet", "弥合"),
        ("ei)\tglued", "ei)", "ei", "letter", "glued"),
        ("(a) text", "(a)", "a", "letter", "text"),
    ],
)
def test_labels(line, text, key, kind, body):
    """Labels in all the written forms give the label, its key, its kind and where the body starts."""
    lab = lx.match_label(line)
    assert lab is not None
    assert (lab.text, lab.key, lab.kind, line[lab.body :]) == (text, key, kind, body)


@pytest.mark.parametrize("line", ["a new paragraph", "2024年8月5日", "considering", "I am", "the 1 thing"])
def test_not_labels(line):
    """Ordinary text starting with a letter, a year or a word has no label."""
    assert lx.match_label(line) is None


def test_roman():
    """Roman numerals are recognised among letter keys."""
    keys = ("i", "ii", "iv", "ix", "xii", "ei", "ci", "h")
    assert [k for k in keys if lx.is_roman(k)] == ["i", "ii", "iv", "ix", "xii"]


@pytest.mark.parametrize(
    ("text", "proponents", "document", "addendum", "number"),
    [
        ("ECP/38A23/1", ("ECP",), "38", "23", "1"),
        ("B/CAN/CLM/USA/16/47", ("B", "CAN", "CLM", "USA"), "16", None, "47"),
        ("RCC/ 62A1/1", ("RCC",), "62", "1", "1"),
        ("ACP/12/01", ("ACP",), "12", None, "01"),
        ("EUR/XX/1", ("EUR",), "XX", None, "1"),
    ],
)
def test_proposal_ids(text, proponents, document, addendum, number):
    """Proposal IDs are parsed from the right, spaces removed."""
    pid = lx.parse_proposal_id(text)
    assert (pid.proponents, pid.document, pid.addendum, pid.number) == (proponents, document, addendum, number)
    assert " " not in pid.text


def test_bad_proposal_id():
    """Something that is not an ID gives None."""
    assert lx.parse_proposal_id("1/2") is None
    assert lx.parse_proposal_id("ABC/def/1") is None


def test_symbols():
    """Every ITU proposal symbol is known."""
    assert [lx.proposal_symbol(s) for s in ("ADD", "ADD*", "MOD", "(MOD)", "SUP", "SUP*", "NOC", "XYZ")] == [
        ProposalSymbol.ADD,
        ProposalSymbol.ADD_STAR,
        ProposalSymbol.MOD,
        ProposalSymbol.EDITORIAL,
        ProposalSymbol.SUP,
        ProposalSymbol.SUP_STAR,
        ProposalSymbol.NOC,
        None,
    ]


def test_every_document_type_word_is_a_heading_word() -> None:
    """The heading grammar reads every word of the one document-type table (_doctypes) as that type."""
    from resdiff._doctypes import TYPE_WORDS, ZH_TYPE_WORDS

    for word, kind in TYPE_WORDS.items():
        m = lx.match_heading(f"{word.upper()} 12 (Dubai, 2018)")
        assert m is not None and m.doc_type.value == kind, word
    for word, kind in ZH_TYPE_WORDS.items():
        m = lx.match_heading(f"第12号{word}（2018年，迪拜）")
        assert m is not None and m.doc_type.value == kind, word
