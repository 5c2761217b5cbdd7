"""Properties of parse(): lossless spans, unique ids, no exceptions, on any text and on generated resolutions."""

from __future__ import annotations

import re
import warnings

from hypothesis import given
from hypothesis import strategies as st

from resdiff import _lines
from resdiff._compare import compare
from resdiff._errors import ResdiffWarning
from resdiff._model import Role, SectionKind
from resdiff._parse import parse, parse_quietly
from strategies import revision_pairs

_WS = "\ufeff"


def _parse(text: str, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        return parse(text, **kw)


def _assert_invariants(doc) -> None:
    text = doc.text
    prev = 0
    for block in doc.blocks:
        s, e = block.span.start, block.span.end
        assert prev <= s < e <= len(text)
        assert block.text == text[s:e]
        assert text[prev:s].replace(_WS, "").strip() == ""
        assert not block.text[0].isspace() and not block.text[-1].isspace()
        assert s <= block.body.start <= block.body.end <= e
        # a block is one line, or the lines of one hard-wrapped paragraph: never a blank line
        assert all(piece.strip() for piece in re.split(r"\r\n|\r|\n", block.text))
        if block.section >= 0:
            assert block.section < len(doc.sections)
        if block.proposal >= 0:
            assert block.proposal < len(doc.proposals)
        prev = e
    assert text[prev:].replace(_WS, "").strip() == ""
    assert len({b.id for b in doc.blocks}) == len(doc.blocks)
    for sec in doc.sections:
        assert doc.blocks[sec.block].role is Role.SECTION
        assert all(doc.blocks[i].role is Role.ITEM for i in sec.items)
    for fn in doc.footnotes:
        assert doc.blocks[fn.block].role is Role.FOOTNOTE
    assert not any("internal parser error" in w for w in doc.warnings)


_ALPHABET = st.sampled_from(
    [
        *"ab c1)\t\n\r -–·;；，,。.:：()（）[]¹",
        *("\r\n", "\u3000", "\u00a0", "\ufeff", "考虑到", "做出决议", "责成", "附件"),
        *("第68号决议（2024年，新德里，修订版）", "MOD", "ECP/38A23/1", "理由：", "[1: 1 \t", "considering"),
        *("RESOLUTION 5", "- a) ", "ei)", "أ)", "с)", "وإذ يلاحظ"),
        # what real texts and PDF conversions add (issue 14)
        *("____________", "1 These", "2\t", "www.itu.int/x", "A.DOCX", "D 495", "Реш. 495", "PP RESOLUTION 1"),
        *("compte tenu", "其第1141号决议"),
    ]
)


@given(st.text())
def test_any_text_is_lossless(text):
    """Any string parses without an exception into lossless, disjoint, ordered blocks with unique ids."""
    _assert_invariants(_parse(text))


@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_structured_noise_is_lossless(text):
    """Strings made of structural fragments (keywords, labels, markers, line breaks) keep the invariants."""
    _assert_invariants(_parse(text))


_EOL = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])
_PAD = st.sampled_from(["", " ", "\t", "\u3000", "\u00a0"])
_EN_KW = [
    ("considering", SectionKind.CONSIDERING),
    ("recognizing further", SectionKind.RECOGNIZING_FURTHER),
    ("noting", SectionKind.NOTING),
    ("resolves", SectionKind.RESOLVES),
    (
        "resolves to instruct the Director of the Telecommunication Standardization Bureau",
        SectionKind.RESOLVES_TO_INSTRUCT,
    ),
    ("instructs the Secretary-General", SectionKind.INSTRUCTS),
    ("invites Member States", SectionKind.INVITES),
    ("further invites", SectionKind.FURTHER_INVITES),
]
_ZH_KW = [
    ("考虑到", SectionKind.CONSIDERING),
    ("意识到", SectionKind.AWARE),
    ("强调", SectionKind.EMPHASIZING),
    ("做出决议", SectionKind.RESOLVES),
    ("做出决议，责成TSAG", SectionKind.RESOLVES_TO_INSTRUCT),
    ("责成秘书长", SectionKind.INSTRUCTS),
    ("进一步责成国际电联理事会", SectionKind.FURTHER_INSTRUCTS),
]
_WORDS = st.lists(
    st.sampled_from(["the", "text", "of", "ITU", "2024", "国际电联", "报告", "成员国", "WTPF"]), min_size=1, max_size=8
)


@st.composite
def _resolution(draw):
    zh = draw(st.booleans())
    eol = draw(_EOL)
    kws = _ZH_KW if zh else _EN_KW
    lines = []
    if draw(st.booleans()):
        lines += ["MOD\tECP/38A23/1"]
    lines.append("第68号决议（2024年，新德里，修订版）" if zh else "RESOLUTION 68 (Rev. New Delhi, 2024)")
    lines.append("业界的作用" if zh else "Evolving role of industry")
    if draw(st.booleans()):
        lines.append("（2008年，约翰内斯堡；2024年，新德里）" if zh else "(Johannesburg, 2008; New Delhi, 2024)")
    opening_en = "The World Telecommunication Standardization Assembly (New Delhi, 2024),"
    lines.append("世界电信标准化全会（2024年，新德里），" if zh else opening_en)
    expected = []
    n_sections = draw(st.integers(1, 5))
    for _ in range(n_sections):
        keyword, kind = draw(st.sampled_from(kws))
        expected.append(kind)
        lines.append(keyword)
        n_items = draw(st.integers(1, 6))
        style = draw(st.sampled_from(["letter", "number", "none", "md"]))
        for k in range(n_items):
            body = " ".join(draw(_WORDS)) + ("；" if zh else ";")
            sep = draw(st.sampled_from(["\t", " ", "  "]))
            if style == "letter":
                label = f"{chr(97 + k)}){sep}"
            elif style == "number":
                label = f"{k + 1}{sep}"
            elif style == "md":
                label = f"- {chr(97 + k)}) "
            else:
                label = ""
            lines.append(label + body)
            if draw(st.integers(0, 5)) == 0:
                lines.append(f"–\t{' '.join(draw(_WORDS))}；")
    if draw(st.booleans()):
        lines.append("理由：\t背景：" if zh else "Reasons:\tbackground")
    text = eol.join(draw(_PAD) + line + draw(_PAD) for line in lines)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, expected


@given(_resolution())
def test_generated_resolutions(sample):
    """Generated resolutions keep the invariants and give back their sections in order."""
    text, expected = sample
    doc = _parse(text)
    _assert_invariants(doc)
    assert [s.kind for s in doc.sections] == expected
    assert doc.heading is not None and doc.heading.number == "68"
    assert doc.opening is not None
    assert all(s.items for s in doc.sections)
    assert doc.warnings == ()


# ---------------------------------------------------------------- the shared line memo


_TEXTS = st.lists(_ALPHABET, max_size=120).map("".join)


@given(_TEXTS, _TEXTS, st.sampled_from([None, "zh", "en"]))
def test_a_shared_line_memo_changes_no_parse(first, second, lang):
    """compare() parses both versions with one memo of line classifications: the second
    parse must come out exactly as it does alone, whatever lines the first one left there."""
    memo: dict = {}
    parse_quietly(first, lang, "old", memo)
    assert parse_quietly(second, lang, "new", memo) == _parse(second, lang=lang, source="new")


@given(revision_pairs("zh") | revision_pairs("en"))
def test_a_shared_line_memo_on_revised_resolutions(pair):
    """The same on generated resolution pairs, whose versions share most of their lines."""
    old, new = (doc.text for doc in pair)
    memo: dict = {}
    assert parse_quietly(old, None, "", memo) == _parse(old)
    assert parse_quietly(new, None, "", memo) == _parse(new)


def test_each_distinct_line_is_classified_once_per_comparison(monkeypatch):
    """The point of the memo: lines repeated in a version or shared by both are read once."""
    seen: list[str] = []
    real = _lines.classify
    monkeypatch.setattr(_lines, "classify", lambda text, *args: (seen.append(text), real(text, *args))[1])
    old = "考虑到\na)\t甲；\nb)\t乙；\n做出决议\n1\t丙；\n考虑到\na)\t甲；"
    new = "考虑到\na)\t甲；\nb)\t丁；\n做出决议\n1\t丙；"
    compare(old, new, lang="zh")
    assert sorted(seen) == sorted({*old.split("\n"), *new.split("\n")})


def test_a_shared_line_memo_keeps_glued_footnotes_apart():
    """A line glued onto another by the export reads as a footnote; alone, the same text does not."""
    alone, glued = "[1: 1 \ta] b", "目标； [1: 1 \ta] b [2: 2 \tc]"
    for first, second in ((alone, glued), (glued, alone)):
        memo: dict = {}
        parse_quietly(first, "zh", "", memo)
        assert parse_quietly(second, "zh", "", memo) == _parse(second, lang="zh")
    roles = [b.role for b in _parse(glued + "\n" + alone).blocks]
    assert roles == [Role.PARAGRAPH, Role.FOOTNOTE, Role.FOOTNOTE, Role.PARAGRAPH]
