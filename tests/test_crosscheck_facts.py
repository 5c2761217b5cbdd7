"""The facts extractor and the structural pairing the cross-check rests on."""

from __future__ import annotations

import pytest

import resdiff
from resdiff._crosscheck.pairing import label_key, label_ordinal, pair_blocks
from resdiff._facts import Fact, FactKind, extract_facts


def facts(text: str) -> list[str]:
    return sorted(str(f) for f in extract_facts(text))


# --- the same facts in different words ---------------------------------------------------------

SAME = [
    ("第22号决议", "Resolution 22"),
    ("2024年4月", "April 2024"),
    ("（2024年，新德里）", "(New Delhi, 2024)"),
    ("（2022年，布加勒斯特，修订版）", "(Rev. Bucharest, 2022)"),
    ("拥有１９３个成员国", "with 193 Member States"),
    ("第122和123号决议", "Resolutions 122 and 123"),
    ("第122号决议（2010年，瓜达拉哈拉，修订版）和第123号决议", "Resolutions 122 (Rev. Guadalajara, 2010) and 123"),
    ("2021年12月16日至18日", "from 16 to 18 December 2021"),
    ("2024年4月12日", "12 April 2024"),
    ("2024年4月12日", "April 12, 2024"),
    ("ＥＣＰ／３８Ａ２３／１", "ECP/38A23/1"),
    ("CTO/CxO流程", "the CTO/CxO process"),
    ("ITU-T研究组", "ITU-T study groups"),
    ("第641号决定", "Decision 641"),
    ("1996年、1998年、2001年", "1996, 1998, 2001"),
    ("做出决议9所述", "referred to in resolves 9"),
    ("700多个部门成员", "more than 700 Sector Members"),
    ("1\u00a0000", "1,000"),  # a no-break space groups thousands
    ("2.50", "2,5"),
    ("Resolution 22 (New Delhi, 2024)", "Resolución 22 (Nueva Delhi, 2024)"),
    ("Resolution 22 (New Delhi, 2024)", "Резолюция 22 (Нью-Дели, 2024 г.)"),
    ("Resolution 22 (Dubai, 2012)", "القرار 22 (دبي، 2012)"),
    ("in April 2024", "en avril 2024"),
    ("in April 2024", "в апреле 2024 года"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_facts_in_two_languages(a: str, b: str) -> None:
    """Two wordings of one fact give the same facts, and some facts."""
    assert facts(a) == facts(b)
    assert facts(a)


DIFFERENT = [
    ("第22号决议", "Resolution 23"),
    ("2024年4月", "May 2024"),
    ("（2024年，新德里）", "(Geneva, 2024)"),
    ("（2024年，新德里）", "(New Delhi, 2025)"),
    ("193个成员国", "194 Member States"),
    ("第22号决议", "Decision 22"),
    ("ECP/38A23/1", "ECP/38A23/2"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_facts_differ(a: str, b: str) -> None:
    """A different number, year, place, type or symbol is a different fact."""
    assert facts(a) != facts(b)


@pytest.mark.parametrize(
    "text",
    [
        "六次高级别会议",
        "six high-level meetings",
        "e.g. the U.N. and ICT-related work",
        "we may meet; a nice day; the march of progress",
        "developing countries¹ and 发展中国家¹",
        "developing[footnoteRef:1]1 and developed",
        "Member States and Sector Members",
    ],
)
def test_words_carry_no_facts(text: str) -> None:
    """Words, lower-case month and place look-alikes, footnote markers and plain acronyms are not facts."""
    assert extract_facts(text) == ()


def test_kinds_and_values() -> None:
    """Each fact says what it is: a code, a reference, a date, a year, a place, a number."""
    got = extract_facts("ITU-T: Resolution 22 (Geneva, 2022), April 2024, 193")
    assert got == (
        Fact(FactKind.CODE, "ITU-T"),
        Fact(FactKind.REFERENCE, "resolution 22"),
        Fact(FactKind.PLACE, "geneva"),
        Fact(FactKind.YEAR, "2022"),
        Fact(FactKind.DATE, "2024-04"),
        Fact(FactKind.NUMBER, "193"),
    )


def test_a_code_is_not_read_again_as_a_year() -> None:
    """IMT-2020 and WTPF-21 are codes: their digits are not also a year or a number."""
    assert facts("IMT-2020 and WTPF-21") == ["IMT-2020", "WTPF-21"]


def test_a_place_inside_another_name_is_not_that_place() -> None:
    """突尼斯 (Tunis) holds 尼斯 (Nice) but names no known place."""
    assert facts("（2005年，突尼斯）") == ["year 2005"]


# --- pairing by structure ---------------------------------------------------------------------


def test_label_keys_fold_scripts_and_punctuation() -> None:
    """Labels pair by key: c) = (c) = Cyrillic с) ; ب) is the second Arabic letter; numbers stay numbers."""
    assert label_key("c)") == label_key("(c)") == label_key("с)") == "c"
    assert label_key("ب)") == "b"
    assert label_key("10") == "10" and label_key("–") == "" and label_key("5bis") == "5bis"


def test_label_ordinals() -> None:
    """Letters, numbers and roman numerals give their place in the list; other keys none."""
    assert [label_ordinal(k) for k in ("a", "h", "1", "12", "ii", "iv", "xi", "5bis", "3-1", "")] == [
        0, 7, 0, 11, 1, 3, 10, None, None, None,
    ]


ZH = """第9号决议（2024年，新德里）
标题
世界电信标准化全会（2024年，新德里），
考虑到
a)\t甲¹；
b)\t乙，
¹ 脚注。
责成电信标准化局主任
1\t丙；
责成各研究组
1\t丁，
"""

EN = """RESOLUTION 9 (New Delhi, 2024)
Title
The World Telecommunication Standardization Assembly (New Delhi, 2024),
considering
a)\tone¹;
b)\ttwo,
¹ A footnote.
instructs the Director of the Telecommunication Standardization Bureau
1\tthree;
instructs the study groups
1\tfour,
"""


def _ids(pairs: dict[int, int], a: resdiff.Document, b: resdiff.Document) -> list[tuple[str, str]]:
    return sorted((a.blocks[x].id, b.blocks[y].id) for x, y in pairs.items())


def test_every_block_finds_its_counterpart_by_structure() -> None:
    """Heading, title, opening, sections (two instructs by rank), items by label, the footnote by its mark."""
    zh, en = resdiff.parse(ZH), resdiff.parse(EN)
    got = _ids(pair_blocks(zh, en), zh, en)
    assert got == sorted((b.id, b.id) for b in zh.blocks)
    assert len(got) == len(zh.blocks) == len(en.blocks)


def test_items_pair_by_label_before_position() -> None:
    """With b) missing on one side, c) still pairs with c) and b) is left without a counterpart."""
    zh = resdiff.parse("考虑到\na)\t甲；\nb)\t乙；\nc)\t丙，")
    en = resdiff.parse("considering\na)\tone;\nc)\tthree,")
    got = _ids(pair_blocks(zh, en), zh, en)
    assert ("sec_1__item_c", "sec_1__item_c") in got
    assert all(x != "sec_1__item_b" for x, _ in got)


def test_leftovers_pair_by_position_between_anchors() -> None:
    """Between two label pairs, what is left pairs in order (b) with e)), never across an anchor."""
    zh = resdiff.parse("考虑到\na)\t甲；\nb)\t乙；\nc)\t丙，")
    en = resdiff.parse("considering\na)\tone;\ne)\tfive;\nc)\tthree,\nd)\tfour,")
    got = _ids(pair_blocks(zh, en), zh, en)
    assert ("sec_1__item_b", "sec_1__item_e") in got and ("sec_1__item_c", "sec_1__item_c") in got
    assert all(y != "sec_1__item_d" for _, y in got)


def test_sections_pair_by_kind_not_by_wording() -> None:
    """A section pairs with the section of the same canonical kind, whatever its keyword says."""
    zh = resdiff.parse("注意到\na)\t甲，\n做出决议\n1\t乙。")
    en = resdiff.parse("recognizing\na)\tone,\nnoting\na)\ttwo,\nresolves\n1\tthree.")
    pairs = pair_blocks(zh, en)
    assert en.blocks[pairs[0]].text == "noting"
    assert en.blocks[pairs[2]].text == "resolves"
