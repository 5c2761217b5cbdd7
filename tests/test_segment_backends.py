"""rjieba and jieba cut Chinese alike, so the faster one can stand in for the reference."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from resdiff import _segment as segment

ROOT = Path(__file__).resolve().parent.parent
_HAN_RUN = regex.compile(r"[\p{Han}〇]+")

rjieba = pytest.importorskip("rjieba", reason="rjieba is not installed; jieba alone is used")


def _corpus_texts() -> list[str]:
    """Every text of the corpus: old, new and marked versions, and the seeds they came from."""
    paths = sorted((ROOT / "corpus").rglob("*.txt"))
    return [p.read_text("utf-8") for p in paths]


def _han_runs(texts: list[str]) -> list[str]:
    return sorted({m.group() for text in texts for m in _HAN_RUN.finditer(text)})


@pytest.fixture(scope="module")
def jieba_cut() -> Callable[[str], list[str]]:
    return segment._jieba_cutter()


@pytest.fixture(scope="module")
def rjieba_cut() -> Callable[[str], list[str]]:
    return segment._rjieba_cutter()


@pytest.fixture(scope="module")
def word_soup() -> list[str]:
    """Strings glued from random dictionary words and ITU terms: cuts hinge on frequency near-ties."""
    import jieba

    words = [line.split(" ", 1)[0] for line in jieba.get_dict_file().read().decode("utf-8").splitlines()]
    terms = segment._itu_terms()
    rnd = random.Random(20240)
    soup = []
    for _ in range(3000):
        n = rnd.randint(1, 25)
        glued = "".join(rnd.choice(terms) if rnd.random() < 0.1 else rnd.choice(words) for _ in range(n))
        soup.extend(_HAN_RUN.findall(glued))
    return soup


def test_corpus_has_chinese_to_compare() -> None:
    """The corpus holds enough Chinese for the comparison below to mean something."""
    runs = _han_runs(_corpus_texts())
    assert len(runs) > 500 and sum(map(len, runs)) > 5_000


def test_every_han_run_of_the_corpus_is_cut_alike(jieba_cut, rjieba_cut) -> None:
    """Each Han run in the corpus and its seeds gets the same words from both backends."""
    differing = [(run, jieba_cut(run), rjieba_cut(run)) for run in _han_runs(_corpus_texts())]
    differing = [d for d in differing if d[1] != d[2]]
    assert differing == []


def test_dictionary_word_soup_is_cut_alike(jieba_cut, rjieba_cut, word_soup) -> None:
    """Random runs of dictionary words and ITU terms (near ties everywhere) get the same words."""
    differing = [(run, jieba_cut(run), rjieba_cut(run)) for run in word_soup]
    assert [d for d in differing if d[1] != d[2]] == []


def test_itu_terms_get_the_same_frequency_in_both() -> None:
    """Each ITU term the base dictionary lacks is added with the same frequency by both backends."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    fast = rjieba.Jieba()
    added = []
    for word in segment._itu_terms():
        if not tok.FREQ.get(word):
            assert not fast.has_word(word), word
            tok.add_word(word)
            added.append((word, tok.FREQ[word], fast.add_word(word, None, None)))
        else:
            assert fast.has_word(word), word
    assert added, "the term list adds nothing: the test would prove nothing"
    assert [(w, a) for w, a, _ in added] == [(w, b) for w, _, b in added]


def test_itu_terms_stay_whole_in_both(jieba_cut, rjieba_cut) -> None:
    """Every ITU term, standing between two common words, is one token for both backends."""
    for term in segment._itu_terms():
        run = f"关于{term}的"
        if _HAN_RUN.fullmatch(run):
            assert term in jieba_cut(run), term
            assert jieba_cut(run) == rjieba_cut(run), term


def test_adding_only_unknown_terms_keeps_the_corpus_cut(jieba_cut) -> None:
    """jieba with every term re-added (the former set-up) cuts the corpus as the current set-up does."""
    import jieba

    tok = jieba.Tokenizer()
    tok.initialize()
    for word in segment._itu_terms():
        tok.add_word(word)
    runs = _han_runs(_corpus_texts())
    assert [r for r in runs if tok.lcut(r, HMM=False) != jieba_cut(r)] == []


def test_rjieba_is_preferred_and_jieba_is_the_fallback(monkeypatch) -> None:
    """han_cutter uses rjieba when importable and jieba when rjieba cannot be imported."""
    segment.han_cutter.cache_clear()
    try:
        cut = segment.han_cutter()
        assert "rjieba" in cut.__qualname__
        segment.han_cutter.cache_clear()
        monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba now raises ImportError
        cut = segment.han_cutter()
        assert "jieba_cutter" in cut.__qualname__ and "rjieba" not in cut.__qualname__
        assert cut("世界电信标准化全会在新德里") == ["世界电信标准化全会", "在", "新德里"]
    finally:
        segment.han_cutter.cache_clear()


def test_latin_only_comparison_loads_no_chinese_dictionary() -> None:
    """Comparing and rendering English texts in a fresh process imports neither jieba nor rjieba."""
    code = (
        "import sys, resdiff\n"
        "old = 'RESOLUTION 2 (Rev. Bucharest, 2022)\\nresolves\\n1\\tto act now;\\n2\\tto report;'\n"
        "new = 'RESOLUTION 2 (Rev. Doha, 2026)\\nresolves\\n1\\tto act at once;\\n3\\tto report;'\n"
        "cmp = resdiff.compare(old, new)\n"
        "assert cmp.symbol.value == 'MOD'\n"
        "resdiff.render(cmp, 'wdiff')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'jieba', 'rjieba'}))\n"
        "print(resdiff._segment.han_cutter.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "0"]


def test_chinese_comparison_does_load_the_cutter() -> None:
    """The check above can fail: a Chinese comparison in a fresh process does load a segmenter."""
    code = (
        "import sys, resdiff\n"
        "resdiff.compare('决议\\n1\\t采取行动；', '决议\\n1\\t立即采取行动；')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in {'jieba', 'rjieba'}}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['rjieba']"
