"""The collector pause: restored afterwards, and nothing it would have found is left behind."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import _render_fixtures as fx
import pytest

from resdiff import compare, parse, render
from resdiff._align import align
from resdiff._errors import ResdiffWarning
from resdiff._gc import paused_gc
from resdiff._render import FORMATS


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_off_inside_and_back_on_after(collector_on: None) -> None:
    with paused_gc():
        inside = gc.isenabled()
    assert not inside and gc.isenabled()


def test_back_on_after_an_exception(collector_on: None) -> None:
    with pytest.raises(ValueError, match="x"), paused_gc():
        raise ValueError("x")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off(collector_on: None) -> None:
    gc.disable()
    with paused_gc():
        pass
    compare("resolves\n1\ta;", "resolves\n1\tb;")
    assert not gc.isenabled()


def test_the_public_entry_points_pause_it(collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (calls.append("off"), real())[1])
    old, new = "resolves\n1\ta;", "resolves\n1\tb;"
    doc_old, doc_new = parse(old), parse(new)
    for call in (lambda: parse(old), lambda: compare(old, new), lambda: align(doc_old, doc_new)):
        calls.clear()
        call()
        assert calls == ["off"] and gc.isenabled()


def test_parse_and_compare_warnings_still_name_the_callers_line() -> None:
    with pytest.warns(ResdiffWarning) as caught:
        parse("just a line of text")
    assert caught[0].filename == __file__
    with pytest.warns(ResdiffWarning) as caught:
        compare("just a line of text", "another line")
    assert [w.filename for w in caught] == [__file__, __file__]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_comparing_and_rendering_leave_no_reference_cycles(fmt: str) -> None:
    """The pause is only safe because resdiff builds no cycles: the collector would find nothing."""
    assert len(fx.CORPUS) >= 4
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for _, old, new in fx.CORPUS:
            render(compare(old, new), fmt)
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
