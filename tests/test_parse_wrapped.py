"""Hard-wrapped text: continuation lines join their paragraph; a text a paragraph a line is left alone."""

from __future__ import annotations

import re
import textwrap
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff import _lines
from resdiff._compare import compare
from resdiff._errors import ResdiffWarning
from resdiff._model import Lang
from resdiff._parse import parse
from strategies import resolution_texts

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "old.txt").exists())
#: Chinese PDF lines hold about 35 characters; e-mail and PDF copies of English about 70.
ZH_WIDTH, EN_WIDTH = 35, 70


def _parse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        return parse(text)


def _wrap(text: str, zh: bool) -> str:
    """The text hard-wrapped as a PDF or e-mail copy is: Chinese cut every ZH_WIDTH characters,
    other text wrapped at EN_WIDTH columns between words. Labels stay at line starts (each line
    is wrapped on its own). Lines holding Word-export footnote artefacts (``[1: …]``) are kept whole:
    they come from a Word export, never from a wrapped copy."""
    out: list[str] = []
    for line in text.split("\n"):
        if "[footnoteRef" in line or re.search(r"\[\d{1,3}:", line):
            out.append(line)
        elif zh:
            out.extend([line[i : i + ZH_WIDTH] for i in range(0, len(line), ZH_WIDTH)] or [""])
        else:
            out.extend(textwrap.wrap(line, EN_WIDTH, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out)


def _width(text: str, lang: Lang) -> int | None:
    spans = _lines.split_lines(text)
    return _lines.wrap_width(text, spans, _lines.classify_lines(text, spans, lang, {}), lang)


def _shape(doc):
    return [(b.id, b.role, b.label, re.sub(r"\s", "", b.text)) for b in doc.blocks]


def _ops(cmp):
    return [
        (
            c.op,
            cmp.old.blocks[c.old].id if c.old is not None else None,
            cmp.new.blocks[c.new].id if c.new is not None else None,
        )
        for c in cmp.changes
    ]


def _texts(case: str) -> tuple[str, str]:
    return (CORPUS / case / "old.txt").read_text("utf-8"), (CORPUS / case / "new.txt").read_text("utf-8")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("side", [0, 1])
def test_a_wrapped_corpus_text_parses_like_the_original(case, side):
    """A corpus text wrapped gives the same blocks (ids, roles, labels, text but for white space)."""
    text = _texts(case)[side]
    wrapped = _wrap(text, "zh" in case)
    assert wrapped != text
    assert _shape(_parse(wrapped)) == _shape(_parse(text))


@pytest.mark.parametrize("case", CASES)
def test_a_wrapped_corpus_pair_compares_like_the_original(case):
    """compare() of the wrapped pair gives the clause operations of the original pair."""
    old, new = _texts(case)
    zh = "zh" in case
    assert _ops(compare(_wrap(old, zh), _wrap(new, zh))) == _ops(compare(old, new))


def test_a_joined_block_keeps_the_line_break_and_spans_both_lines():
    """A joined block's span covers all its lines and its text keeps the line breaks."""
    text = _texts("res68-en")[0]
    wrapped = _wrap(text, False)
    doc = _parse(wrapped)
    joined = [b for b in doc.blocks if "\n" in b.text]
    assert joined
    for b in joined:
        assert b.text == wrapped[b.span.start : b.span.end]
        assert b.span.start <= b.body.start <= b.body.end <= b.span.end


def test_a_wrapped_chinese_text_is_found_wrapped_at_its_width():
    """Chinese wrapped without spaces is found wrapped at its width; the original is not wrapped."""
    text = _texts("res2-zh")[0]
    wrapped = _wrap(text, True)
    assert _width(wrapped, Lang.ZH) == ZH_WIDTH
    assert _width(text, Lang.ZH) is None


@pytest.mark.parametrize("case", CASES)
def test_a_corpus_text_is_not_read_as_wrapped(case):
    """No corpus text (one paragraph a line) is read as wrapped, so none has a joined block."""
    for text in _texts(case):
        assert _width(text, Lang.ZH if "zh" in case else Lang.EN) is None
        assert not any("\n" in b.text for b in _parse(text).blocks)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["zh", "en"]).flatmap(
        lambda lang: resolution_texts(lang) | resolution_texts(lang, exotic=True, newline=None)
    )
)
def test_a_generated_resolution_is_never_merged(text):
    """A generated resolution (one paragraph a line, some lines long) keeps one block a line."""
    assert not any("\n" in b.text or "\r" in b.text for b in _parse(text).blocks)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefgh ", min_size=40, max_size=160).map(lambda s: s.strip() + ";"),
        min_size=1,
        max_size=30,
    )
)
def test_long_lines_that_end_their_clauses_are_never_merged(paragraphs):
    """Paragraphs a line, however long and alike in length, stay apart when they end their clauses."""
    text = "\n".join(p for p in paragraphs if p != ";")
    assert not any("\n" in b.text for b in _parse(text).blocks)


def test_the_same_paragraphs_wrapped_are_joined():
    """The paragraphs of the test above, wrapped at 70 columns, become one block each again."""
    words = "the study groups of the Sector shall continue to organize workshops with the regions".split()
    paragraphs = [" ".join(words[i % 5 :] + words[: i % 5]) * 2 + ";" for i in range(6)]
    wrapped = "\n".join(textwrap.fill(p, EN_WIDTH, break_long_words=False) for p in paragraphs)
    doc = _parse(wrapped)
    assert [re.sub(r"\s", "", b.text) for b in doc.blocks] == [re.sub(r"\s", "", p) for p in paragraphs]
