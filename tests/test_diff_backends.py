"""fast-diff-match-patch (C++) and diff-match-patch (Python) give the same diff.

resdiff runs its key-sequence diffs (:mod:`resdiff._diffengine`) through the
C++ port when it is installed; the Python library is the reference. Both
implement the same algorithm (Myers' bisection, no half-match with the time limit off, the same
merge clean-up), so the outputs must be identical, not merely equally short.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import _render_fixtures as fx
from resdiff import _diffengine as engine
from resdiff._parse import parse
from resdiff._segment import tokenize

pytest.importorskip(
    "fast_diff_match_patch", reason="fast-diff-match-patch is not installed; the Python library is used"
)


@pytest.fixture(scope="module")
def engines():
    return engine._python_engine(), engine._compiled_engine()


def test_the_compiled_engine_is_used_when_installed() -> None:
    """With fast-diff-match-patch installed, the diffs run through it."""
    assert engine.engine().__qualname__.startswith("_compiled_engine")


def test_the_engine_is_chosen_on_first_use_not_at_import() -> None:
    """``import resdiff`` loads neither diff library; the first changed clause loads the compiled one only."""
    probe = (
        "import sys, resdiff\n"
        "loaded = lambda: sorted(m for m in ('diff_match_patch', 'fast_diff_match_patch') if m in sys.modules)\n"
        "print(loaded())\n"
        "resdiff.compare('resolves\\n1\\tto act;', 'resolves\\n1\\tto act now;')\n"
        "print(loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "['fast_diff_match_patch']"]


# Small alphabets force many equal runs and ties, where two implementations
# would first disagree; astral and high code points stand for encoded keys.
_ALPHABET = st.sampled_from(["a", "b", "c", "\u4e00", "\u0100", "\U00010400", "\U0010fffd"])
_KEYS = st.lists(_ALPHABET, max_size=80).map("".join)


@given(a=_KEYS, b=_KEYS)
def test_same_ops_on_generated_strings(engines, a: str, b: str) -> None:
    python, compiled = engines
    assert compiled(a, b) == python(a, b)


def test_same_ops_on_seeded_edits(engines) -> None:
    """20,000 strings and their random edits: deletions, insertions and replacements."""
    python, compiled = engines
    rnd = random.Random(5)
    for _ in range(20_000):
        alphabet = [chr(c) for c in rnd.sample(range(1, 3000), rnd.randint(2, 8))]
        a = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        b = list(a)
        for _ in range(rnd.randint(0, 10)):
            i = rnd.randint(0, len(b))
            if b and rnd.random() < 0.5:
                del b[min(i, len(b) - 1)]
            else:
                b.insert(i, rnd.choice(alphabet))
        assert compiled(a, "".join(b)) == python(a, "".join(b))


def test_same_ops_on_corpus_tokens_and_blocks(engines) -> None:
    """Whole corpus documents as token keys and as block keys, as the aligner sends them."""
    python, compiled = engines
    assert fx.CORPUS
    for _, old, new in fx.CORPUS:
        for keys_a, keys_b in (
            ([t.key for t in tokenize(old)], [t.key for t in tokenize(new)]),
            ([b.text for b in parse(old).blocks], [b.text for b in parse(new).blocks]),
        ):
            enc_a, enc_b = engine._encode(keys_a, keys_b)
            assert compiled(enc_a, enc_b) == python(enc_a, enc_b)

