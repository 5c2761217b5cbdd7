"""The collector pause: restored afterwards, and nothing it would have found is left behind."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "old.txt").is_file())

from resdiff import compare, parse, render
from resdiff.align import align
from resdiff.gcpause import without_gc
from resdiff.render import FORMATS


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_off_during_the_call_and_back_on_after(collector_on: None) -> None:
    seen = []

    @without_gc
    def probe() -> str:
        seen.append(gc.isenabled())
        return "done"

    assert probe() == "done" and seen == [False] and gc.isenabled()


def test_back_on_after_an_exception(collector_on: None) -> None:
    @without_gc
    def boom() -> None:
        raise ValueError("x")

    with pytest.raises(ValueError, match="x"):
        boom()
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off(collector_on: None) -> None:
    gc.disable()
    compare("resolves\n1\ta;", "resolves\n1\tb;")
    assert not gc.isenabled()


def test_the_public_entry_points_pause_it() -> None:
    for func in (compare, parse, align, render):
        assert getattr(func, "__wrapped__", None) is not None, func.__name__


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_comparing_and_rendering_leave_no_reference_cycles(fmt: str) -> None:
    """The pause is only safe because resdiff builds no cycles: the collector would find nothing."""
    assert len(CASES) >= 4
    pairs = [((c / "old.txt").read_text(encoding="utf-8"), (c / "new.txt").read_text(encoding="utf-8")) for c in CASES]
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for old, new in pairs:
            render(compare(old, new), fmt)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
