"""The aligner's pre-filter and its pairing of repeated identical clauses."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from resdiff import ChangeOp, compare, render
from resdiff import _align as align
from resdiff._align import MOVE_CUTOFF, PAIR_CUTOFF, SIM_FLOOR, _bigrams, _dice, _sim, body_key


class _OneBlock:
    """The two facts ``_sim`` reads from an aligner side, for one block."""

    def __init__(self, text: str) -> None:
        self.keys = [body_key(text)]
        self._grams = _bigrams(self.keys[0])

    def grams(self, i: int) -> align.Grams:
        return self._grams


# Repeated words are where text length and the number of distinct bigrams part ways.
_REPEATS = st.builds(lambda word, n: word * n, st.sampled_from(["the ", "end;", "a", "ab", "认识到", "x y "]),
                     st.integers(1, 60))
_TEXTS = st.lists(_REPEATS | st.text(alphabet="the nd;", max_size=12), max_size=6).map("".join)


def test_the_floor_is_below_every_cutoff() -> None:
    """A similarity the pre-filter may give as 0 can never have paired a block."""
    assert 0.0 < SIM_FLOOR <= PAIR_CUTOFF <= MOVE_CUTOFF


@given(a=_TEXTS, b=_TEXTS)
@example(a="the " * 40 + "end;", b="the the the end;")
def test_the_pre_filter_never_rejects_a_pair_that_would_pass(a: str, b: str) -> None:
    """``_sim`` is the exact Dice similarity, or 0 only where the exact one is below SIM_FLOOR."""
    side_a, side_b = _OneBlock(a), _OneBlock(b)
    exact = 1.0 if side_a.keys[0] == side_b.keys[0] else _dice(side_a.grams(0), side_b.grams(0))
    got = _sim(side_a, 0, side_b, 0)  # stand-ins with the two attributes _sim reads
    assert got == exact or (got == 0.0 and exact < SIM_FLOOR)


def test_a_clause_cut_down_to_its_repeated_words_is_one_mod() -> None:
    """Two clauses with the same bigram set pair as a MOD, however different their lengths."""
    cmp = compare("resolves\n1\t" + "the " * 40 + "end;", "resolves\n1\tthe the the end;")
    assert [c.op for c in cmp.changes] == [ChangeOp.NOC, ChangeOp.MOD]
    assert cmp.changes[1].similarity == 1.0


def test_positional_pairs_prefer_the_more_similar_heading() -> None:
    """Headings that pair by position pick the more similar partner, even below the pre-filter's floor."""
    old = "考虑到\na)\t甲乙丙丁戊己庚辛；\n做出决议，责成电信标准化局主任\n1\t子丑寅卯辰巳午未；"
    new = "考虑到\na)\t天地玄黄宇宙洪荒；\n做出决议\n1\t日月盈昃辰宿列张；\n责成秘书长\n1\t寒来暑往秋收冬藏；"
    cmp = compare(old, new)
    (heading,) = [c for c in cmp.changes if c.op is ChangeOp.MOD]
    assert (heading.old, heading.new) == (2, 2)
    assert 0.0 < heading.similarity < SIM_FLOOR


# -- repeated identical clauses ---------------------------------------------------------------------


def _copies(n: int, *, labelled: bool) -> list[str]:
    return [f"{k + 1}\tto keep the same clause text here;" if labelled else "–\tto keep the same clause text here;"
            for k in range(n)]


def _edited(lines: list[str], pos: int) -> list[str]:
    out = list(lines)
    out[pos] = out[pos].replace("here;", "here and now;")
    return out


@pytest.mark.parametrize("labelled", [True, False])
@pytest.mark.parametrize("pos", range(10))
def test_one_of_ten_identical_clauses_edited_in_place_is_a_mod_in_place(pos: int, labelled: bool) -> None:
    """Ten identical clauses, one edited: a MOD of that clause where it stands, everything else NOC."""
    old = _copies(10, labelled=labelled)
    head = "resolves\n"
    for a, b in ((old, _edited(old, pos)), (_edited(old, pos), old)):
        cmp = compare(head + "\n".join(a), head + "\n".join(b))
        changed = [(c.op, c.old, c.new) for c in cmp.changes if c.op is not ChangeOp.NOC]
        assert changed == [(ChangeOp.MOD, pos + 1, pos + 1)]


def test_copies_pair_in_place_after_an_insertion_before_them() -> None:
    """With a clause added before the copies, the edited copy still pairs with its own old copy."""
    old = ["resolves", "1\tto begin;", *_copies(6, labelled=False), "7\tto end;"]
    new = ["resolves", "1\tto begin;", "2\ta new clause about something else;", *_edited(_copies(6, labelled=False), 2),
           "8\tto end;"]
    cmp = compare("\n".join(old), "\n".join(new))
    changed = [(c.op, c.old, c.new) for c in cmp.changes if c.op is not ChangeOp.NOC]
    assert (ChangeOp.MOD, 4, 5) in changed
    assert not any(op is ChangeOp.MOVE for op, _, _ in changed)
    assert [op for op, _, _ in changed].count(ChangeOp.ADD) == 1


def test_a_deleted_copy_is_one_sup() -> None:
    """One of ten identical clauses struck, none edited: one SUP and nothing else."""
    old = _copies(10, labelled=False)
    cmp = compare("resolves\n" + "\n".join(old), "resolves\n" + "\n".join(old[:-1]))
    assert cmp.counts()["SUP"] == 1
    assert {c.op for c in cmp.changes} == {ChangeOp.NOC, ChangeOp.SUP}


def test_a_thousand_copies_one_edited_stay_in_place() -> None:
    """Many copies are paired in place too (the search is linear in the copies when one is left over)."""
    old = _copies(1000, labelled=False)
    cmp = compare("resolves\n" + "\n".join(old), "resolves\n" + "\n".join(_edited(old, 500)))
    changed = [(c.op, c.old, c.new) for c in cmp.changes if c.op is not ChangeOp.NOC]
    assert changed == [(ChangeOp.MOD, 501, 501)]
    assert "[-" not in render(cmp, "wdiff").replace("{+ and now+}", "")


def test_past_the_bound_the_diffs_own_pairing_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-place search is bounded by DP_CELLS: beyond it the copies pair as the block diff paired them."""
    monkeypatch.setattr(align, "DP_CELLS", 4)
    old = _copies(10, labelled=False)
    cmp = compare("resolves\n" + "\n".join(old), "resolves\n" + "\n".join(_edited(old, 3)))
    assert ChangeOp.MOVE in {c.op for c in cmp.changes}
