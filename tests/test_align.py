"""The aligner's pre-filter."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from resdiff import ChangeOp, compare
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
