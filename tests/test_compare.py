"""compare(): clause pairing, clause operations and the document symbol."""

from __future__ import annotations

import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from resdiff import ChangeOp, ClauseChange, Comparison, EditOp, ResdiffWarning, Symbol, compare, render
from resdiff._align import _ARTEFACT_RE, _bigrams, body_key
from resdiff._compare import editorial_key
from strategies import unicode_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

OLD = """RESOLUTION 68 (Rev. Hammamet, 2016)
Evolving role of industry in ITU-T
The World Telecommunication Standardization Assembly (Hammamet, 2016),
recognizing
a)\tthat industry participation is important;
b)\tthe results of the CTO meetings;
considering
a)\tthat developing countries face challenges;
resolves to instruct the Director of the Telecommunication Standardization Bureau
1\tto continue to organize CTO meetings;
2\tto encourage participation of industry;
3\tto report to the next assembly,
"""


def ops(cmp: Comparison) -> list[str]:
    return [c.op.value for c in cmp.changes]


def test_identical_documents_have_no_changes() -> None:
    """compare(x, x) is NOC everywhere."""
    cmp = compare(OLD, OLD)
    assert cmp.symbol is Symbol.NOC
    assert set(ops(cmp)) == {"NOC"}


def test_word_change_is_one_mod() -> None:
    """A changed word makes one MOD clause; everything else is NOC."""
    cmp = compare(OLD, OLD.replace("to continue to organize", "to continue to hold"))
    assert cmp.symbol is Symbol.MOD
    assert ops(cmp).count("MOD") == 1
    assert render(cmp, "wdiff").count("[-organize-]{+hold+}") == 1


def test_inserted_item_with_renumbering() -> None:
    """An inserted item is ADD and the items after it are relabelled, not deleted and re-added."""
    new = OLD.replace("2\tto encourage", "2\tto publish the results;\n3\tto encourage").replace(
        "3\tto report", "4\tto report"
    )
    cmp = compare(OLD, new)
    assert ops(cmp).count("ADD") == 1
    assert ops(cmp).count("SUP") == 0
    relabelled = [c for c in cmp.changes if c.relabelled]
    assert len(relabelled) == 2
    assert all(c.op is ChangeOp.MOD and c.editorial for c in relabelled)
    assert "[-2-]{+3+}\tto encourage" in render(cmp, "wdiff")


def test_only_relabelling_is_editorial() -> None:
    """Changes of labels, punctuation or width alone give the symbol (MOD)."""
    new = OLD.replace("a)\tthat industry", "b)\tthat industry").replace("important;", "important；")
    cmp = compare(OLD, new)
    assert cmp.symbol is Symbol.EDITORIAL


def test_deleted_item_is_sup_in_place() -> None:
    """A deleted item is SUP and stands where it stood in the old text."""
    new = OLD.replace("2\tto encourage participation of industry;\n", "")
    cmp = compare(OLD, new)
    lines = render(cmp, "wdiff").splitlines()
    assert lines[9] == "1\tto continue to organize CTO meetings;"
    assert lines[10] == "[-2\tto encourage participation of industry;-]"


def test_heading_swap_is_a_heading_change() -> None:
    """Swapping two section headings changes the headings, not every item under them."""
    new = OLD.replace("recognizing", "@@").replace("considering", "recognizing").replace("@@", "considering")
    cmp = compare(OLD, new)
    changed = [c for c in cmp.changes if c.op is not ChangeOp.NOC]
    assert [cmp.new.blocks[c.new].text for c in changed] == ["considering", "recognizing"]
    assert all(c.op is ChangeOp.MOD for c in changed)


def test_moved_item_is_a_move() -> None:
    """An item moved to another section is one MOVE, with its edits."""
    new = OLD.replace("b)\tthe results of the CTO meetings;\n", "").replace(
        "a)\tthat developing countries face challenges;",
        "a)\tthat developing countries face challenges;\nb)\tthe results of all CTO meetings;",
    )
    cmp = compare(OLD, new)
    moves = [c for c in cmp.changes if c.op is ChangeOp.MOVE]
    assert len(moves) == 1
    assert "{+all+}" in "".join(
        f"{{+{s.text}+}}" if s.op is EditOp.INSERT else s.text for s in moves[0].segments
    )
    assert ops(cmp).count("SUP") == 0 and ops(cmp).count("ADD") == 0


def test_empty_sides_give_add_and_sup() -> None:
    """An empty old side is ADD, an empty new side is SUP."""
    assert compare("", OLD).symbol is Symbol.ADD
    assert compare(OLD, "").symbol is Symbol.SUP
    assert compare("", "").symbol is Symbol.NOC


def test_unrelated_documents_are_sup_and_add() -> None:
    """Two unrelated texts pair nothing: every new paragraph is ADD, every old one SUP, the whole MOD."""
    cmp = compare("alpha beta gamma\ndelta epsilon", "一二三四\n五六七八")
    assert [(c.op, c.old, c.new) for c in cmp.changes] == [
        (ChangeOp.ADD, None, 0),
        (ChangeOp.ADD, None, 1),
        (ChangeOp.SUP, 0, None),
        (ChangeOp.SUP, 1, None),
    ]
    assert cmp.symbol is Symbol.MOD


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir() if (p / "old.txt").exists()))
def test_corpus_round_trip(case: str) -> None:
    """On every corpus pair the segments rebuild both texts, block by block, and spans index them."""
    old = (CORPUS / case / "old.txt").read_text("utf-8")
    new = (CORPUS / case / "new.txt").read_text("utf-8")
    cmp = compare(old, new)
    old_blocks = {c.old: c for c in cmp.changes if c.old is not None}
    new_blocks = {c.new: c for c in cmp.changes if c.new is not None}
    assert sorted(old_blocks) == list(range(len(cmp.old.blocks)))
    assert sorted(new_blocks) == list(range(len(cmp.new.blocks)))
    for change in cmp.changes:
        if change.old is not None:
            rebuilt = "".join(s.text for s in change.segments if s.op is not EditOp.INSERT)
            assert rebuilt == cmp.old.blocks[change.old].text
        if change.new is not None:
            rebuilt = "".join(s.text for s in change.segments if s.op is not EditOp.DELETE)
            assert rebuilt == cmp.new.blocks[change.new].text
        for s in change.segments:
            if s.op is EditOp.DELETE:
                assert cmp.old.text[s.old.start : s.old.end] == s.text
            else:
                assert cmp.new.text[s.new.start : s.new.end] == s.text


def test_res68_reads_like_the_drafter() -> None:
    """Seed 003's Resolution 68: headings swapped in place, renumbered items relabelled, marker one hunk."""
    old = (CORPUS / "res68-zh" / "old.txt").read_text("utf-8")
    new = (CORPUS / "res68-zh" / "new.txt").read_text("utf-8")
    lines = render(compare(old, new), "wdiff").splitlines()
    assert lines[0] == "第68号决议（[-2016年，哈马马特-]{+2024年，新德里+}，修订版）"
    assert "[-认识到-]{+考虑到+}" in lines
    assert "[-考虑到-]{+认识到+}" in lines
    assert any(line.startswith("[-e-]{+i+})\t自2009年以来") for line in lines)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(["considering", "a)\tone thing;", "b)\tanother thing;", "resolves", "1\tto act;",
                              "2\tto report,", "第1号决议", "做出决议", "1\t继续开展工作；"]), max_size=8),
    st.lists(st.sampled_from(["considering", "a)\tone thing;", "b)\tanother thing now;", "resolves", "1\tto act;",
                              "2\tto report,", "第1号决议", "做出决议", "1\t继续开展工作；"]), max_size=8),
)
def test_swapping_sides_mirrors_the_changes(old_lines: list[str], new_lines: list[str]) -> None:
    """compare(b, a) is compare(a, b) mirrored: the same pairs with old and new swapped, ADD for SUP,
    the same hunks with deleted and inserted text swapped, the same editorial and relabelled flags,
    and the mirrored document symbol."""
    a, b = "\n".join(old_lines), "\n".join(new_lines)
    forward, backward = compare(a, b), compare(b, a)
    assert sorted(_mirrored(c) for c in forward.changes) == sorted(_as_is(c) for c in backward.changes)
    assert _MIRROR_SYMBOL.get(forward.symbol, forward.symbol) is backward.symbol


_MIRROR_OP = {ChangeOp.ADD: ChangeOp.SUP, ChangeOp.SUP: ChangeOp.ADD}
_MIRROR_SYMBOL = {Symbol.ADD: Symbol.SUP, Symbol.SUP: Symbol.ADD}
_Key = tuple[str, int, int, tuple[tuple[str, str, str], ...], bool, bool]


def _hunks(change: ClauseChange, swap: bool) -> tuple[tuple[str, str, str], ...]:
    """The change as kept runs and (deleted, inserted) hunks; the order inside a hunk is a rendering detail."""
    out: list[tuple[str, str, str]] = []
    deleted = inserted = ""
    for s in change.segments:
        if s.op is EditOp.EQUAL:
            if deleted or inserted:
                out.append(("hunk", deleted, inserted))
                deleted = inserted = ""
            out.append(("equal", s.text, ""))
        elif (s.op is EditOp.DELETE) != swap:
            deleted += s.text
        else:
            inserted += s.text
    if deleted or inserted:
        out.append(("hunk", deleted, inserted))
    return tuple(out)


def _as_is(c: ClauseChange) -> _Key:
    return (c.op.value, -1 if c.old is None else c.old, -1 if c.new is None else c.new, _hunks(c, False),
            c.editorial, c.relabelled)


def _mirrored(c: ClauseChange) -> _Key:
    return (_MIRROR_OP.get(c.op, c.op).value, -1 if c.new is None else c.new, -1 if c.old is None else c.old,
            _hunks(c, True), c.editorial, c.relabelled)


_DROP_RUNS = regex.compile(r"[\p{P}\p{S}\p{Z}\s]+")


@given(text=st.text(max_size=40) | unicode_text())
@example(text="\x1cab\x1f")  # str.strip() would take these; white space for Python, not for Unicode
@example(text=" \u3000ａ，b\t[bookmark:x] ")
def test_editorial_key_drops_punctuation_symbols_and_space_as_the_regex_says(text: str) -> None:
    """The editorial test compares the body keys through a translate table filled lazily;
    the regex over the NFKC text, artefacts out, is the definition."""
    expected = _DROP_RUNS.sub("", unicodedata.normalize("NFKC", _ARTEFACT_RE.sub("", text)))
    assert editorial_key(body_key(text)) == expected


def _decode(gram: int | str) -> str:
    if isinstance(gram, str):
        return gram
    return gram.to_bytes(8, sys.byteorder).decode("utf-32-le")


@given(text=st.text(max_size=60) | unicode_text())
@example(text="ab\U0001f600c\x00d")  # astral and NUL characters
def test_bigrams_are_the_character_pairs_of_the_compact_key(text: str) -> None:
    """The aligner's integer bigrams stand one-to-one for the two-character strings."""
    compact = text.replace(" ", "")
    expected = set(compact) if len(compact) < 4 else {compact[k : k + 2] for k in range(len(compact) - 1)}
    grams = _bigrams(text)
    assert {_decode(g) for g in grams} == expected
    assert len(grams) == len(expected)


# -- any Python str, lone surrogates included ------------------------------------------------------

_MARKS = "[]{}"  # kept out so the marked text reads back unambiguously
_ANY_CHAR = st.characters(codec=None, exclude_characters=_MARKS)
_PIECES = st.one_of(
    st.characters(categories=["Cs"]),  # lone surrogates: drawn often, not left to chance
    _ANY_CHAR,
    st.text(alphabet=_ANY_CHAR, max_size=6),
    st.sampled_from(
        ["considering", "resolves", "考虑到", "做出决议", "第1号决议", "\n", "a)\t", "1\t", "；", "\ud800考"]
    ),
)
_ANY_TEXT = st.lists(_PIECES, max_size=24).map("".join)
_DELETED = regex.compile(r"\[-(.*?)-\]", regex.DOTALL)
_INSERTED = regex.compile(r"\{\+(.*?)\+\}", regex.DOTALL)


@settings(max_examples=200, deadline=None)
@given(old=_ANY_TEXT, new=_ANY_TEXT)
@example(old="considering", new="\ud800considering")
@example(old="\udfff\ud800 resolves", new="resolves \ud800\udfff")
def test_any_text_compares_and_renders_and_the_wdiff_reads_back(old: str, new: str) -> None:
    """compare() takes any str (lone surrogates too); wdiff and json render; the wdiff gives back both sides."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        cmp = compare(old, new)
    render(cmp, "json")
    marked = render(cmp, "wdiff")
    old_view = _DELETED.sub(r"\1", _INSERTED.sub("", marked))
    new_view = _INSERTED.sub(r"\1", _DELETED.sub("", marked))
    olds = [cmp.old.blocks[c.old].text if c.old is not None else "" for c in cmp.changes]
    news = [cmp.new.blocks[c.new].text if c.new is not None else "" for c in cmp.changes]
    assert old_view == "".join(f"{text}\n" for text in olds)
    assert new_view == "".join(f"{text}\n" for text in news)
    assert sorted(c.old for c in cmp.changes if c.old is not None) == list(range(len(cmp.old.blocks)))
    assert sorted(c.new for c in cmp.changes if c.new is not None) == list(range(len(cmp.new.blocks)))
    for doc, text in ((cmp.old, old), (cmp.new, new)):
        assert doc.text == text
        assert all(text[b.span.start : b.span.end] == b.text for b in doc.blocks)
