"""Parser behaviour on the real seeds and on short samples in six languages."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from resdiff._errors import InputError, ResdiffWarning
from resdiff._langdetect import detect_lang
from resdiff._model import DocType, Lang, ProposalSymbol, RevisionKind, Role, SectionKind
from resdiff._parse import parse

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
K = SectionKind


def _read(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _quiet(text: str, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        return parse(text, **kw)


def _check_lossless(doc) -> None:
    prev = 0
    for block in doc.blocks:
        assert block.text == doc.text[block.span.start : block.span.end]
        assert block.span.start >= prev
        gap = doc.text[prev : block.span.start]
        assert gap.replace("\ufeff", "").strip() == ""
        assert block.span.start <= block.body.start <= block.body.end <= block.span.end
        prev = block.span.end
    assert doc.text[prev:].replace("\ufeff", "").strip() == ""
    assert len({b.id for b in doc.blocks}) == len(doc.blocks)


# --------------------------------------------------------------------------- seed 004


@pytest.fixture(scope="module")
def seed004():
    return _quiet(_read("pp-res2-dec641-zh.txt"))


def test_seed004_is_lossless(seed004):
    """Every block of seed 004 is its own slice of the text and ids are unique."""
    _check_lossless(seed004)


def test_seed004_res2_heading_title_opening(seed004):
    """Document heading, title and opening describe Resolution 2, the first one in the file."""
    h = seed004.heading
    assert (h.doc_type, h.number, h.revision) == (DocType.RESOLUTION, "2", RevisionKind.REV)
    assert (h.meeting.year, h.meeting.place_key) == (2022, "bucharest")
    assert seed004.blocks[seed004.title].text == "世界电信/信息通信技术政策论坛"
    assert seed004.opening.body == "国际电信联盟全权代表大会"
    assert seed004.opening.meeting.place_key == "bucharest"


def test_seed004_cover_letter_is_paragraphs(seed004):
    """Everything before the first annex/heading is plain paragraphs, labels kept."""
    first = seed004.heading.block
    roles = {b.role for b in seed004.blocks[:first]}
    assert roles <= {Role.PARAGRAPH, Role.ANNEX}
    assert seed004.blocks[0].id == "para_1"
    labelled = [b.label for b in seed004.blocks[:first] if b.label in ("a)", "1")]
    assert labelled == ["a)", "1"]


def test_seed004_res2_sections_in_order(seed004):
    """Resolution 2 has seven sections with the right kinds, addressees and item counts."""
    got = [(s.kind, s.addressee, len(s.items)) for s in seed004.sections[:7]]
    assert got == [
        (K.CONSIDERING, "", 9),
        (K.AWARE, "", 5),
        (K.EMPHASIZING, "", 7),
        (K.RESOLVES, "", 11),
        (K.INSTRUCTS, "秘书长", 1),
        (K.INSTRUCTS, "国际电联理事会", 3),
        (K.FURTHER_INSTRUCTS, "国际电联理事会", 1),
    ]


def test_seed004_markdown_label(seed004):
    """A markdown bullet before a label is part of the label side; the label is the visible one."""
    sec = seed004.sections[0]
    first = seed004.blocks[sec.items[0]]
    assert (first.id, first.label, first.role) == ("sec_1__item_a", "a)", Role.ITEM)
    assert seed004.text[first.body.start : first.body.end] == "联合国大会（联大）的相关决议；"
    labels = [seed004.blocks[i].label for i in sec.items]
    assert labels == ["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)"]
    assert all(seed004.blocks[i].level == 0 for i in sec.items)


def test_seed004_footnote_inside_resolves(seed004):
    """The ¹ footnote between resolves 9 and 10 is a footnote and does not end the section."""
    (fn,) = seed004.footnotes
    block = seed004.blocks[fn.block]
    assert (fn.mark, block.role, block.id) == ("¹", Role.FOOTNOTE, "fn_1")
    assert seed004.text[block.body.start : block.body.end].startswith("这些国家包括")
    resolves = seed004.sections[3]
    labels = [seed004.blocks[i].label for i in resolves.items]
    assert labels == [str(n) for n in range(1, 12)]
    assert fn.block not in resolves.items


def test_seed004_decision_641(seed004):
    """Decision 641 has recognizing, considering, decides (1–8, a–d under 6) and instructs."""
    secs = seed004.sections[7:]
    assert [s.kind for s in secs] == [K.RECOGNIZING, K.CONSIDERING, K.DECIDES, K.INSTRUCTS]
    decides = secs[2]
    items = [seed004.blocks[i] for i in decides.items]
    top = [b.label for b in items if b.level == 0]
    assert top == [str(n) for n in range(1, 9)]
    under6 = [b for b in items if b.id.startswith("sec_10__item_6__")]
    assert [(b.label, b.level) for b in under6] == [("a", 1), ("b", 1), ("c", 1), ("d", 1)]
    heading2 = [b for b in seed004.blocks if b.role is Role.HEADING][1]
    assert heading2.id == "heading_2" and heading2.text == "第641号决定"


def test_seed004_annexes(seed004):
    """Annex headings (附件A, 附件1, 第641号决定附件：2件) are ANNEX blocks; annex content is paragraphs."""
    annex_texts = [seed004.blocks[i].text for i in seed004.annexes]
    assert annex_texts == ["附件：2件", "附件A", "附件B", "第641号决定附件：2件", "附件1", "附件2"]
    last = seed004.blocks[-1]
    assert last.role is Role.PARAGRAPH and last.section == -1


# --------------------------------------------------------------------------- seed 003


@pytest.fixture(scope="module")
def seed003():
    return _quiet(_read("ecp-res68-zh.txt"))


def test_seed003_is_lossless(seed003):
    """Every block of seed 003 is its own slice of the text and ids are unique."""
    _check_lossless(seed003)


def test_seed003_summary_and_proposal(seed003):
    """The summary lines come first, then MOD ECP/38A23/1 parsed from the right."""
    assert [seed003.blocks[i].role for i in seed003.summary] == [Role.SUMMARY, Role.SUMMARY]
    assert seed003.blocks[0].id == "summary"
    (prop,) = seed003.proposals
    assert prop.symbol is ProposalSymbol.MOD
    assert prop.id.text == "ECP/38A23/1"
    assert (prop.id.proponents, prop.id.document, prop.id.addendum, prop.id.number) == (("ECP",), "38", "23", "1")
    assert seed003.blocks[prop.block].id == "proposal_1"
    assert prop.blocks == (prop.block, len(seed003.blocks))


def test_seed003_heading_with_bookmark(seed003):
    """The bookmark-prefixed glued heading still gives Resolution 68, Rev., New Delhi 2024."""
    h = seed003.heading
    block = seed003.blocks[h.block]
    assert block.text.startswith("[bookmark: _Toc114651348]第68号决议")
    assert (h.doc_type, h.number, h.revision) == (DocType.RESOLUTION, "68", RevisionKind.REV)
    assert (h.meeting.place, h.meeting.year, h.meeting.place_key) == ("新德里", 2024, "new delhi")


def test_seed003_title_history_opening(seed003):
    """Title, four-meeting history and the opening line with its body are recognised."""
    assert seed003.blocks[seed003.title].role is Role.TITLE
    assert [(m.year, m.place_key) for m in seed003.history] == [
        (2008, "johannesburg"),
        (2012, "dubai"),
        (2016, "hammamet"),
        (2024, "new delhi"),
    ]
    assert seed003.blocks[seed003.history_block].id == "history"
    assert seed003.opening.body == "世界电信标准化全会"
    assert seed003.opening.meeting.year == 2024


def test_seed003_sections(seed003):
    """Glued keyword headings take the first keyword; compound and addressed headings parse."""
    got = [(s.kind, s.keyword, s.addressee) for s in seed003.sections]
    assert got == [
        (K.RECOGNIZING, "认识到", "考虑到"),
        (K.CONSIDERING, "考虑到", "认识到"),
        (K.NOTING, "注意到", "进一步认识到"),
        (K.NOTING, "注意到", ""),
        (K.RESOLVES_TO_INSTRUCT, "做出决议，责成", "电信标准化局主任"),
        (K.RESOLVES_TO_INSTRUCT, "做出决议，责成", "TSAG"),
        (K.ENCOURAGES, "鼓励", "来自发达和发展中国家的部门成员、部门准成员（包括中小企业），酌情"),
    ]


def test_seed003_glued_labels_and_nesting(seed003):
    """Glued labels stay as written, a repeated d) gets a _2 id and dashes nest under it."""
    ids = [seed003.blocks[i].id for i in seed003.sections[0].items]
    assert "sec_1__item_d_2" in ids and "sec_1__item_ei" in ids and "sec_1__item_fj" in ids
    by_id = {b.id: b for b in seed003.blocks}
    dash = by_id["sec_1__item_d_2__item_d1"]
    assert (dash.label, dash.level) == ("–", 1)
    resolves = [seed003.blocks[i] for i in seed003.sections[4].items]
    assert [b.label for b in resolves] == ["1", "2", "3", "4", "5", "", "46", "7", "58", "9", "610", "711", "812"]
    assert resolves[5].id == "sec_5__item_p1"


def test_seed003_glued_footnotes_split(seed003):
    """The export's [1: …] footnote bodies glued onto item lines become their own FOOTNOTE blocks."""
    assert [f.mark for f in seed003.footnotes] == ["1", "2"]
    fn = seed003.blocks[seed003.footnotes[0].block]
    assert fn.text.startswith("[1: 1") and fn.text.endswith("]")
    assert seed003.text[fn.body.start : fn.body.end].startswith("其中包括")
    item_b = seed003.blocks[seed003.footnotes[0].block - 1]
    assert item_b.id == "sec_1__item_b" and item_b.text.endswith("的目标；")
    assert "[footnoteRef:1]1" in item_b.text


def test_seed003_reasons(seed003):
    """Both 理由： parts and the 背景 text after them are Reasons blocks of the proposal."""
    (prop,) = seed003.proposals
    reasons = [seed003.blocks[i] for i in prop.reasons]
    assert reasons[0].text.startswith("理由：") and reasons[0].id == "reasons_1"
    assert sum(b.text.startswith("理由：") for b in reasons) == 2
    assert reasons[-1] is seed003.blocks[-1]
    assert all(b.role is Role.REASONS for b in reasons)


# --------------------------------------------------------------------------- seed 001


def test_seed001_plain_paragraphs_with_warning():
    """A report that is not a resolution gives paragraphs and one warning, not an exception."""
    with pytest.warns(ResdiffWarning, match="no resolution structure found"):
        doc = parse(_read("council-report-en.txt"), source="council-report-en.txt")
    assert {b.role for b in doc.blocks} == {Role.PARAGRAPH}
    assert doc.heading is None and doc.sections == ()
    assert doc.warnings == ("council-report-en.txt: no resolution structure found; compared as plain paragraphs",)
    _check_lossless(doc)


# --------------------------------------------------------------------------- API


def test_bad_lang_raises_input_error():
    """An unknown language value raises InputError naming it."""
    with pytest.raises(InputError, match="'xx'"):
        parse("text", lang="xx")


def test_lang_string_accepted():
    """A language given as a string selects that language."""
    assert _quiet("considérant", lang="FR").lang is Lang.FR


def test_detect_lang_scripts():
    """Scripts pick zh/ru/ar; Latin text is told apart by common words."""
    assert detect_lang("第68号决议") is Lang.ZH
    assert detect_lang("учитывая, что") is Lang.RU
    assert detect_lang("إن مؤتمر المندوبين المفوضين") is Lang.AR
    assert detect_lang("considerando que la Conferencia de los Estados") is Lang.ES
    assert detect_lang("considérant que les États Membres de la Conférence") is Lang.FR
    assert detect_lang("considering that the Member States of the Union") is Lang.EN



def test_detect_lang_reads_past_an_undecided_start():
    """The script sample settles a clear text; a mixed start makes the stop words of the whole sample count."""
    from resdiff._langdetect import LANG_SAMPLE, SCRIPT_SAMPLE

    french = "considérant que les États Membres de la Conférence et des Secteurs pour le monde; " * 300
    english = "considering that the Member States of the Union and the Sectors; " * 300
    mixed = ("the États of le les " * 400)[:SCRIPT_SAMPLE]  # as many English as French words
    assert detect_lang(french) is Lang.FR
    assert detect_lang(english[:SCRIPT_SAMPLE] + french) is Lang.EN  # clear at once
    assert detect_lang(mixed + french[:LANG_SAMPLE]) is Lang.FR  # undecided: the rest counts
    assert detect_lang(mixed + english[:LANG_SAMPLE]) is Lang.EN


# --------------------------------------------------------------------------- samples per language

EN = """RESOLUTION 68 (Rev. New Delhi, 2024)
Evolving role of industry in the ITU Telecommunication Standardization Sector
(Johannesburg, 2008; Dubai, 2012; Hammamet, 2016; New Delhi, 2024)
The World Telecommunication Standardization Assembly (New Delhi, 2024),
recognizing
a)\tResolution 122 (Rev. Guadalajara, 2010) of the Plenipotentiary Conference;
b)\tResolution 123 (Rev. Bucharest, 2022);
i)\tthe first sub-item;
ii)\tthe second sub-item,
considering further
the unlabelled paragraph,
resolves to instruct the Director of the Telecommunication Standardization Bureau
1\tto continue to organize meetings;
2\tto report,
instructs TSAG
1\tto evaluate;
–\twith a dash
2\tto consider,
invites Member States
to participate.
"""


def test_english_sample():
    """An English resolution gives heading facts, history, opening, sections, addressees and nesting."""
    doc = _quiet(EN)
    _check_lossless(doc)
    assert doc.lang is Lang.EN
    assert [(m.year, m.place_key) for m in doc.history][-1] == (2024, "new delhi")
    assert doc.opening.body == "The World Telecommunication Standardization Assembly"
    got = [(s.kind, s.addressee) for s in doc.sections]
    assert got == [
        (K.RECOGNIZING, ""),
        (K.CONSIDERING_FURTHER, ""),
        (K.RESOLVES_TO_INSTRUCT, "the Director of the Telecommunication Standardization Bureau"),
        (K.INSTRUCTS, "TSAG"),
        (K.INVITES, "Member States"),
    ]
    by_id = {b.id: b for b in doc.blocks}
    assert by_id["sec_1__item_b__item_i"].level == 1
    assert by_id["sec_1__item_b__item_ii"].level == 1
    assert by_id["sec_2__item_p1"].level == 0
    assert by_id["sec_4__item_1__item_d1"].label == "–"
    assert doc.warnings == ()


def test_english_and_chinese_headings_agree():
    """RESOLUTION 68 (Rev. New Delhi, 2024) and 第68号决议（2024年，新德里，修订版） give the same facts."""
    en = _quiet(EN).heading
    zh_text = "第68号决议（2024年，新德里，修订版）\n标题\n世界电信标准化全会（2024年，新德里），\n考虑到\na)\t文本；"
    zh = _quiet(zh_text)
    zh = zh.heading
    assert (en.doc_type, en.number, en.revision, en.meeting.year, en.meeting.place_key) == (
        zh.doc_type,
        zh.number,
        zh.revision,
        zh.meeting.year,
        zh.meeting.place_key,
    )


def test_i_after_h_is_a_letter():
    """i) right after h) continues the letters at level 0; after a) it is a roman sub-item."""
    letters = "\n".join(f"{c})\ttext;" for c in "abcdefghij")
    doc = _quiet("considering\n" + letters)
    assert [b.level for b in doc.blocks[1:]] == [0] * 10
    doc = _quiet("considering\na)\ttext;\ni)\tsub;\nii)\tsub;\nb)\ttext;")
    assert [(b.id, b.level) for b in doc.blocks[1:]] == [
        ("sec_1__item_a", 0),
        ("sec_1__item_a__item_i", 1),
        ("sec_1__item_a__item_ii", 1),
        ("sec_1__item_b", 0),
    ]


FR = """RÉSOLUTION 62 (Rév. Dubaï, 2012)
Règlement des différends
(Florianópolis, 2004; Johannesburg, 2008; Dubaï, 2012)
L'Assemblée mondiale de normalisation des télécommunications (Dubaï, 2012),
considérant
a)\tque le texte;
b)\tque l'autre texte,
reconnaissant en outre
a)\tle premier point,
décide de charger le Directeur du Bureau de la normalisation des télécommunications
1\tde faire quelque chose;
2\tde rendre compte,
charge le Secrétaire général
de continuer.
"""

ES = """RESOLUCIÓN 1 (REV. HAMMAMET, 2016)
Reglamento interno
(Montreal, 2000; Florianópolis, 2004; Johannesburgo, 2008; Hammamet, 2016)
La Asamblea Mundial de Normalización de las Telecomunicaciones (Hammamet, 2016),
considerando
a)\tel texto;
bbis)\tel texto insertado;
c)\tel otro texto,
resuelve
1\tque algo;
2\tque otro,
encarga al Director de la Oficina de Normalización de las Telecomunicaciones
que informe.
"""

RU = """Резолюция 70 (Пересм. Бухарест, 2022 г.)
Учет гендерных аспектов
(Миннеаполис, 1998 г.; Анталья, 2006 г.)
Полномочная конференция Международного союза электросвязи (Бухарест, 2022 г.),
учитывая,
a)\tчто один;
b)\tчто два;
с)\tчто три,
решает,
1\tчто четыре;
2\tчто пять,
поручает Генеральному секретарю
сделать.
"""

AR = """القرار 169 (المراجَع في بوخارست، 2022)
قبول الهيئات الأكاديمية
(أنطاليا، 2006؛ غوادالاخارا، 2010؛ بوخارست، 2022)
إن مؤتمر المندوبين المفوضين للاتحاد الدولي للاتصالات (بوخارست، 2022)،
إذ يضع في اعتباره
أ)\tالنص الأول؛
ب)\tالنص الثاني؛
ج)\tالنص الثالث،
وإذ يلاحظ
أ)\tملاحظة،
يقرر
1\tأن شيئاً؛
2\tأن آخر،
يكلف الأمين العام
بأن يفعل.
"""


@pytest.mark.parametrize(
    ("text", "lang", "place", "history", "kinds", "ids", "labels"),
    [
        (
            FR,
            Lang.FR,
            "dubai",
            3,
            [K.CONSIDERING, K.RECOGNIZING_FURTHER, K.RESOLVES_TO_INSTRUCT, K.INSTRUCTS],
            ["sec_1__item_a", "sec_1__item_b", "sec_2__item_a", "sec_3__item_1", "sec_3__item_2", "sec_4__item_p1"],
            ["a)", "b)", "a)", "1", "2", ""],
        ),
        (
            ES,
            Lang.ES,
            "hammamet",
            4,
            [K.CONSIDERING, K.RESOLVES, K.INSTRUCTS],
            ["sec_1__item_a", "sec_1__item_bbis", "sec_1__item_c", "sec_2__item_1", "sec_2__item_2", "sec_3__item_p1"],
            ["a)", "bbis)", "c)", "1", "2", ""],
        ),
        (
            RU,
            Lang.RU,
            "bucharest",
            2,
            [K.CONSIDERING, K.RESOLVES, K.INSTRUCTS],
            ["sec_1__item_a", "sec_1__item_b", "sec_1__item_c", "sec_2__item_1", "sec_2__item_2", "sec_3__item_p1"],
            ["a)", "b)", "с)", "1", "2", ""],
        ),
        (
            AR,
            Lang.AR,
            "bucharest",
            3,
            [K.CONSIDERING, K.NOTING, K.RESOLVES, K.INSTRUCTS],
            [
                *("sec_1__item_a", "sec_1__item_b", "sec_1__item_c", "sec_2__item_a"),
                *("sec_3__item_1", "sec_3__item_2", "sec_4__item_p1"),
            ],
            ["أ)", "ب)", "ج)", "أ)", "1", "2", ""],
        ),
    ],
)
def test_other_languages(text, lang, place, history, kinds, ids, labels):
    """FR/ES/RU/AR samples: language, heading, history, opening, section kinds, item ids and labels as written."""
    doc = _quiet(text)
    _check_lossless(doc)
    assert doc.lang is lang
    assert doc.heading.revision is RevisionKind.REV
    assert doc.heading.meeting.place_key == place
    assert len(doc.history) == history
    assert doc.opening is not None and doc.opening.meeting.place_key == place
    assert [s.kind for s in doc.sections] == kinds
    items = [b for b in doc.blocks if b.role is Role.ITEM]
    assert [b.id for b in items] == ids
    assert [b.label for b in items] == labels
    assert doc.warnings == ()


def test_arabic_opening_drops_inna():
    """The Arabic opening's body is the body name without the leading إن."""
    assert _quiet(AR).opening.body == "مؤتمر المندوبين المفوضين للاتحاد الدولي للاتصالات"


def test_russian_decision_resolves_means_decides():
    """In a decision, RU 'решает' is DECIDES."""
    doc = _quiet("Решение 5 (Пересм. Пусан, 2014 г.)\nНазвание\nСовет,\nрешает,\n1\tчто;")
    assert doc.heading.doc_type is DocType.DECISION
    assert doc.sections[0].kind is K.DECIDES
    assert doc.opening.body == "Совет"


# --------------------------------------------------------------------------- messy input and edge cases


def test_crlf_cr_bom_nbsp_and_ideographic_space():
    """CRLF, CR, a BOM, NBSP and U+3000 padding are kept in the text and left out of the spans."""
    text = (
        "\ufeff第2号决议（2022年，布加勒斯特，修订版）\r\n\u3000标题\r国际电联理事会，\r\n\u00a0考虑到\u3000\r\n\r\n"
        "a)\t文本；\n"
    )
    doc = _quiet(text)
    assert doc.text == text
    _check_lossless(doc)
    assert [b.role for b in doc.blocks] == [Role.HEADING, Role.TITLE, Role.OPENING, Role.SECTION, Role.ITEM]
    assert doc.blocks[3].text == "考虑到"
    assert doc.blocks[0].span.start == 1


def test_two_line_proposal_either_order():
    """A symbol and an ID on separate lines, in either order, make one proposal."""
    for head in ("MOD\nEUR/XX/1", "SEN/56/1\nADD"):
        doc = _quiet(head + "\nDRAFT NEW RESOLUTION [SEN-1]\nTitle\nReasons: because")
        (prop,) = doc.proposals
        assert prop.symbol is not None and prop.id is not None
        assert [b.role for b in doc.blocks[:2]] == [Role.PROPOSAL, Role.PROPOSAL]
        assert doc.heading.number == "[SEN-1]"
        assert doc.blocks[prop.reasons[0]].role is Role.REASONS


def test_proposal_id_then_symbol_on_one_line():
    """'B/CAN/CLM/USA/16/47 SUP' on one line gives both parts."""
    doc = _quiet("B/CAN/CLM/USA/16/47 SUP\nRESOLUTION 9 (Busan, 2014)\nTitle\nReasons:\tobsolete")
    (prop,) = doc.proposals
    assert prop.symbol.value == "SUP" and prop.id.proponents == ("B", "CAN", "CLM", "USA")
    assert prop.blocks == (0, len(doc.blocks))


def test_keyword_line_ending_with_semicolon_is_an_item():
    """A line that starts with a keyword but ends with ； is an item, not a section."""
    doc = _quiet("做出决议\n1\t文本；\n鼓励来自各区域ITU-T部门成员的广泛业界代表参加CTO组的工作；\n2\t文本，")
    assert len(doc.sections) == 1
    assert doc.blocks[2].id == "sec_1__item_p1"


def test_keyword_line_without_a_following_item_is_not_a_heading():
    """A keyword line that nothing follows is the previous section's paragraph."""
    doc = _quiet("责成秘书长\n鼓励国际电联成员国自愿捐款")
    assert [s.kind for s in doc.sections] == [K.INSTRUCTS]
    assert doc.blocks[1].role is Role.ITEM


def test_unknown_keyword_warning():
    """A short unlabelled line after a section-ending item and before labelled items is reported once."""
    with pytest.warns(ResdiffWarning, match="unknown section keyword 'deploring'"):
        doc = parse("considering\na)\tone,\ndeploring\na)\ttwo;")
    assert len(doc.warnings) == 1


def test_empty_and_blank_documents():
    """Empty and whitespace-only texts give no blocks and no warnings."""
    for text in ("", "   \n\r\n\t\u3000", "\ufeff"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResdiffWarning)
            doc = parse(text)
        assert doc.blocks == () and doc.warnings == ()


def test_non_str_raises_input_error():
    """Bytes are refused with InputError (decode first)."""
    with pytest.raises(InputError):
        parse(b"considering")


def test_large_document_parses_whole():
    """A 2 MB document made of the seeds parses into as many blocks as its parts (speed: benchmarks/)."""
    unit = _read("pp-res2-dec641-zh.txt") + _read("ecp-res68-zh.txt") + "考虑到\n" * 200
    copies = 2_000_000 // len(unit.encode())
    doc = _quiet(unit * copies)
    assert len(doc.blocks) == copies * len(_quiet(unit).blocks)


# --------------------------------------------------------------------------- real-text facts (issue 14)


def test_conference_prefixed_headings_and_acknowledging():
    """'PP RESOLUTION 101 (…)' and 'WTSA RESOLUTION 1 (…)' are headings, and 'acknowledging' opens a section."""
    doc = _quiet(
        "PP RESOLUTION 101 (Rev. Guadalajara, 2010)\n"
        "Internet Protocol-based networks\n"
        "The Plenipotentiary Conference of the International Telecommunication Union (Guadalajara, 2010),\n"
        "acknowledging\n"
        "a)\tthat IP-based networks have evolved;\n"
        "resolves\n"
        "1\tto explore ways,\n"
        "WTSA RESOLUTION 1 (Rev. Hammamet, 2016)\n"
        "Rules of procedure\n"
        "The World Telecommunication Standardization Assembly (Hammamet, 2016),\n"
        "considering\n"
        "a)\tthe text,\n"
    )
    _check_lossless(doc)
    h = doc.heading
    assert (h.number, h.revision, h.meeting.place_key) == ("101", RevisionKind.REV, "guadalajara")
    headings = [b.text for b in doc.blocks if b.role is Role.HEADING]
    assert headings == ["PP RESOLUTION 101 (Rev. Guadalajara, 2010)", "WTSA RESOLUTION 1 (Rev. Hammamet, 2016)"]
    assert [(s.kind, s.keyword) for s in doc.sections] == [
        (K.RECOGNIZING, "acknowledging"),
        (K.RESOLVES, "resolves"),
        (K.CONSIDERING, "considering"),
    ]
    assert doc.opening.body.startswith("The Plenipotentiary Conference")


@pytest.mark.parametrize(
    ("heading", "opening", "verb", "doc_type", "kind"),
    [
        ("D 495", "Le Conseil,", "décide", DocType.DECISION, K.DECIDES),
        ("R 800 (C-1977, dernière mod. C-1984)", "Le Conseil,", "décide", DocType.RESOLUTION, K.RESOLVES),
        ("Реш. 495", "Совет,", "решает,", DocType.DECISION, K.DECIDES),
    ],
)
def test_council_abbreviated_headings_decide_the_verb(heading, opening, verb, doc_type, kind):
    """Council compilations' 'D 495', 'R 800 (…)', 'Реш. 495' are headings, so 'décide'/'решает' read by the type."""
    doc = _quiet(f"{heading}\nTitre du texte\n{opening}\n{verb}\n1\tque le texte;\n2\tque l'autre,")
    _check_lossless(doc)
    assert doc.blocks[0].role is Role.HEADING and doc.heading.doc_type is doc_type
    assert [s.kind for s in doc.sections] == [kind]
    assert doc.opening is not None and doc.warnings == ()


def test_a_missed_council_heading_would_read_decide_as_resolves():
    """The check above can fail: the same decision under an unrecognised heading reads 'décide' as RESOLVES."""
    doc = _quiet("Décis. 495\nTitre du texte\nLe Conseil,\ndécide\n1\tque le texte;")
    assert doc.heading is None and [s.kind for s in doc.sections] == [K.RESOLVES]


def test_french_participle_keywords_open_sections():
    """'compte tenu', 'ayant pris note avec satisfaction', 'ayant examiné', 'ayant à l'esprit', 'ayant décidé':
    each opens a section of its kind."""
    doc = _quiet(
        "RÉSOLUTION 70 (Rév. Dubaï, 2018)\n"
        "Intégration du principe de l'égalité\n"
        "La Conférence de plénipotentiaires de l'Union internationale des télécommunications (Dubaï, 2018),\n"
        "ayant examiné\n"
        "le rapport du Secrétaire général,\n"
        "compte tenu\n"
        "a)\tde la Résolution 1327;\n"
        "b)\tdes travaux,\n"
        "ayant pris note avec satisfaction\n"
        "des progrès accomplis,\n"
        "ayant à l'esprit\n"
        "que l'égalité est un objectif,\n"
        "ayant décidé\n"
        "de poursuivre,\n"
        "décide\n"
        "1\tde continuer;\n"
    )
    _check_lossless(doc)
    assert doc.lang is Lang.FR
    assert [s.kind for s in doc.sections] == [
        K.CONSIDERING,
        K.TAKING_INTO_ACCOUNT,
        K.NOTING_WITH_SATISFACTION,
        K.BEARING_IN_MIND,
        K.HAVING_DECIDED,
        K.RESOLVES,
    ]
    assert all(s.items for s in doc.sections) and doc.warnings == ()


def test_chinese_item_naming_a_resolution_is_not_a_heading():
    """An item '其第1141号决议……' stays an item of 考虑到, which stays a section (no short-prefix heading)."""
    doc = _quiet(
        "第2号决议（2022年，布加勒斯特，修订版）\n"
        "标题\n"
        "国际电信联盟全权代表大会（2022年，布加勒斯特），\n"
        "考虑到\n"
        "其第1141号决议（2001年）\n"
        "做出决议\n"
        "1\t继续开展工作。"
    )
    _check_lossless(doc)
    assert [b.role for b in doc.blocks].count(Role.HEADING) == 1
    assert [s.kind for s in doc.sections] == [K.CONSIDERING, K.RESOLVES]
    item = doc.blocks[doc.sections[0].items[0]]
    assert (item.text, item.role) == ("其第1141号决议（2001年）", Role.ITEM)


def test_chinese_heading_with_a_body_prefix_is_still_a_heading():
    """'理事会第1379号决议（…）' keeps its heading: the prefix names a body."""
    doc = _quiet("理事会第1379号决议（2023年，修订版）\n标题\n国际电联理事会，\n考虑到\na)\t文本；")
    assert doc.heading is not None and doc.heading.number == "1379"


PDF_PAGE = """RESOLUTION 5 (Rev. Dubai, 2018)
Title
The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
resolves
1\tto do one thing;
2\tto do another¹;
____________________
1 These include the least developed countries.
2 Second note.
www.itu.int/md/S18-PP-C-0035/en
P:\\ENG\\SG\\CONF-SG\\PP18\\000\\035E.DOCX
3\tto do a third thing.
"""


def test_footnote_rule_makes_the_numbered_lines_after_it_footnotes():
    """A rule then '1 These include…' gives footnotes, not items with a duplicate id; footers are paragraphs."""
    doc = _quiet(PDF_PAGE)
    _check_lossless(doc)
    by_role = {r: [b.text for b in doc.blocks if b.role is r] for r in (Role.ITEM, Role.FOOTNOTE, Role.PARAGRAPH)}
    assert [doc.blocks[i].id for i in doc.sections[0].items] == ["sec_1__item_1", "sec_1__item_2", "sec_1__item_3"]
    assert by_role[Role.FOOTNOTE] == ["1 These include the least developed countries.", "2 Second note."]
    assert [(f.mark, doc.blocks[f.block].label, doc.blocks[f.block].section) for f in doc.footnotes] == [
        ("1", "1", 0),
        ("2", "2", 0),
    ]
    fn = doc.blocks[doc.footnotes[0].block]
    assert doc.text[fn.body.start : fn.body.end] == "These include the least developed countries."
    assert by_role[Role.PARAGRAPH] == [
        "____________________",
        "www.itu.int/md/S18-PP-C-0035/en",
        "P:\\ENG\\SG\\CONF-SG\\PP18\\000\\035E.DOCX",
    ]
    assert doc.warnings == ()


def test_footnotes_end_where_the_items_continue():
    """Without a footer between them, the next page's '2' that continues the items is an item again."""
    doc = _quiet("resolves\n1\tto act¹;\n____________\n1 These include LDCs.\n2\tto report;\n3\tto review.")
    assert [doc.blocks[i].label for i in doc.sections[0].items] == ["1", "2", "3"]
    assert [doc.blocks[f.block].text for f in doc.footnotes] == ["1 These include LDCs."]


def test_a_rule_without_numbered_lines_is_read_as_before():
    """A rule followed by other text is an ordinary line (the Council report's 'References' rule)."""
    doc = _quiet("resolves\n1\tto act;\n__________\n2\tto report.")
    assert [doc.blocks[i].text for i in doc.sections[0].items] == ["1\tto act;", "__________", "2\tto report."]
    assert doc.footnotes == ()


def test_page_footers_keep_out_of_the_front_matter_and_sections():
    """A footer after the heading is no title; one between items neither ends the section nor becomes an item."""
    doc = _quiet(
        "RESOLUTION 5 (Rev. Dubai, 2018)\n"
        "https://www.itu.int/en/council\n"
        "Title of the resolution\n"
        "The Plenipotentiary Conference (Dubai, 2018),\n"
        "considering\n"
        "a)\tone;\n"
        "C:\\Users\\someone\\My Documents\\DOCUMENT.DOCX\n"
        "b)\ttwo,\n"
    )
    _check_lossless(doc)
    assert doc.blocks[doc.title].text == "Title of the resolution"
    assert [doc.blocks[i].label for i in doc.sections[0].items] == ["a)", "b)"]
    assert [b.role for b in doc.blocks].count(Role.PARAGRAPH) == 2


def test_keyword_line_before_a_footnote_area_is_still_a_section():
    """The section look-ahead looks through a footnote rule and page footers to the next page's items."""
    doc = _quiet("considering\na)\tone,\nresolves\n____________\n¹ A note.\nwww.itu.int/x\n1\tto act.")
    assert [s.kind for s in doc.sections] == [K.CONSIDERING, K.RESOLVES]
    assert [doc.blocks[i].text for i in doc.sections[1].items] == ["1\tto act."]
