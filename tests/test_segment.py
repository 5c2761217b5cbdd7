"""The segmenter: drafter-sized tokens, codes and names kept whole, spans exact."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import resdiff
from resdiff import _segment as segment
from resdiff._normalize import fold, nfkc
from resdiff._segment import tokenize
from strategies import unicode_text


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_codes_and_numbers_stay_whole() -> None:
    """Codes like ITU-T, CTO/CxO, 38A23 and proposal IDs are single tokens."""
    for code in ["ITU-T", "CTO/CxO", "38A23", "ECP/38A23/1", "2024", "WTSA-20", "B/CAN/CLM/USA/16/47"]:
        assert texts(f"see {code} here") == ["see", " ", code, " ", "here"]


def test_itu_names_stay_whole_in_chinese() -> None:
    """Place names and ITU bodies from the term list are single tokens."""
    for term in ["哈马马特", "布加勒斯特", "电信标准化局", "全权代表大会", "新德里"]:
        assert term in texts(f"关于{term}的决议"), term


def test_han_and_latin_runs_split_at_the_script_boundary() -> None:
    """A Latin code glued to Chinese text is cut at the boundary."""
    assert texts("ITU-T国际电联") == ["ITU-T", "国际电联"]


def test_punctuation_and_space_are_tokens_of_their_own() -> None:
    """Punctuation marks and whitespace runs are separate tokens."""
    assert texts("a)\tthe text;") == ["a", ")", "\t", "the", " ", "text", ";"]


def test_grapheme_clusters_are_not_split() -> None:
    """An emoji with a skin-tone modifier, and a letter with combining marks, are one token."""
    assert texts("👍🏽") == ["👍🏽"]
    assert texts("e\u0301t\u00e9") == ["e\u0301t\u00e9"]


def test_fold_equates_width_and_spacing() -> None:
    """Full-width punctuation and any whitespace run fold to the same key."""
    assert fold("（2024年，新德里）") == fold("(2024年,新德里)")
    assert fold("a\t\u3000b") == fold("a b")


@given(st.text())
def test_tokens_cover_the_text_exactly(text: str) -> None:
    """Token spans are contiguous and rebuild the text."""
    tokens = tokenize(text, offset=5)
    assert "".join(t.text for t in tokens) == text
    pos = 5
    for t in tokens:
        assert t.start == pos and t.end > t.start
        assert text[t.start - 5 : t.end - 5] == t.text
        pos = t.end


_WIDE_AND_MARKS = st.lists(
    st.sampled_from(
        ["Ａ", "ｅ", "，", "（", "１", "\u3000", "\u0301", "\u0308", "\u3099", "カ", "ｶ", "第", "a", " ", "…", "ﬁ"]
    ),
    max_size=20,
).map("".join)


@given(text=_WIDE_AND_MARKS | unicode_text())
def test_nfkc_is_unicodedata_nfkc(text: str) -> None:
    """Full-width forms are narrowed before NFKC; the result must not change (combining marks included)."""
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_on_every_full_width_form_before_every_combining_mark() -> None:
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u3099", "\u309a", ""]
    for code in [*range(0xFF01, 0xFF5F), 0x3000]:
        for mark in marks:
            text = chr(code) + mark
            assert nfkc(text) == unicodedata.normalize("NFKC", text), hex(code)


@given(text=_WIDE_AND_MARKS | unicode_text() | st.text(alphabet=" \t\n\u00a0\u3000\u2028\u0085\x1caé", max_size=12))
def test_fold_is_nfkc_with_white_space_runs_as_one_space(text: str) -> None:
    """fold skips the substitution when it would change nothing; the definition is the substitution."""
    assert fold(text) == regex.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_fold_fast_paths_on_every_bmp_character() -> None:
    """Every BMP character alone and beside spaces: the fast paths of nfkc and fold change nothing."""
    raw = fold.__wrapped__  # the uncached function, so the cache is not flooded
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        for text in (chr(code), chr(code) + " ", " " + chr(code) + "x"):
            assert raw(text) == regex.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)), hex(code)


def test_missing_segmenters_raise_dependency_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """With neither rjieba nor jieba importable, Chinese text raises DependencyError saying what to install."""
    segment.han_cutter.cache_clear()
    try:
        monkeypatch.setitem(sys.modules, "rjieba", None)  # `import rjieba` now raises ImportError
        monkeypatch.setitem(sys.modules, "jieba", None)
        with pytest.raises(resdiff.DependencyError, match=r"pip install rjieba") as caught:
            tokenize("国际电联")
        assert isinstance(caught.value, ImportError) and isinstance(caught.value, resdiff.ResdiffError)
        assert "\n" not in str(caught.value)
        assert [t.text for t in tokenize("ITU-T 2024")] == ["ITU-T", " ", "2024"]  # no Han: no segmenter needed
    finally:
        segment.han_cutter.cache_clear()


def test_jieba_alone_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without rjieba, jieba cuts: the DependencyError above needs both to be missing."""
    segment.han_cutter.cache_clear()
    try:
        monkeypatch.setitem(sys.modules, "rjieba", None)
        assert texts("世界电信标准化全会在新德里") == ["世界电信标准化全会", "在", "新德里"]
    finally:
        segment.han_cutter.cache_clear()


def test_the_cli_reports_a_missing_segmenter_in_one_line() -> None:
    """In a process without either segmenter, `resdiff diff` on Chinese exits 2 with one line on stderr."""
    code = (
        "import sys\n"
        "sys.modules['rjieba'] = None\n"
        "sys.modules['jieba'] = None\n"
        "from resdiff._cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    root = Path(__file__).resolve().parents[1] / "corpus" / "res68-zh"
    proc = subprocess.run(
        [sys.executable, "-c", code, "diff", str(root / "old.txt"), str(root / "new.txt")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "pip install rjieba" in proc.stderr
