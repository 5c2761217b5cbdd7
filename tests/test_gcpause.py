"""The collector pause is the caller's choice: library calls leave it alone, ``paused_gc`` restores it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

import pytest

import _render_fixtures as fx
from resdiff import compare, parse, paused_gc, render
from resdiff._align import align
from resdiff._errors import ResdiffWarning
from resdiff._render import FORMATS

OLD, NEW = "resolves\n1\ta;", "resolves\n1\tb;"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture
def switches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every gc.disable() / gc.enable() call made while the test runs, in order."""
    calls: list[str] = []
    real_disable, real_enable = gc.disable, gc.enable
    monkeypatch.setattr(gc, "disable", lambda: (calls.append("off"), real_disable())[1])
    monkeypatch.setattr(gc, "enable", lambda: (calls.append("on"), real_enable())[1])
    return calls


def _library_calls() -> list[Callable[[], object]]:
    doc_old, doc_new = parse(OLD), parse(NEW)
    cmp = compare(doc_old, doc_new)
    return [lambda: parse(OLD), lambda: compare(OLD, NEW), lambda: compare(doc_old, doc_new),
            lambda: align(doc_old, doc_new), *(lambda fmt=fmt: render(cmp, fmt) for fmt in sorted(FORMATS))]


@pytest.mark.parametrize("collector", ["on", "off"])
def test_library_calls_never_switch_the_collector(collector_on: None, switches: list[str], collector: str) -> None:
    """parse, compare, align and render neither disable nor enable the collector, whichever state the caller left."""
    calls = _library_calls()
    if collector == "off":
        gc.disable()
    switches.clear()
    for call in calls:
        call()
        assert gc.isenabled() is (collector == "on")
    assert switches == []


def test_a_library_call_in_one_thread_leaves_the_collector_on_for_the_others(collector_on: None) -> None:
    """While another thread compares, this thread sees the collector on the whole time."""
    _, old, new = max(fx.CORPUS, key=lambda case: len(case[1]) + len(case[2]))
    done = threading.Event()
    seen: list[bool] = []

    def work() -> None:
        try:
            for _ in range(5):
                compare(old, new)
        finally:
            done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        seen.append(gc.isenabled())
        done.wait(0.0005)
    worker.join()
    assert len(seen) > 10  # the check looked while the work ran
    assert all(seen)


def test_off_inside_and_back_on_after(collector_on: None) -> None:
    """The context manager turns the collector off for its block and back on after it."""
    with paused_gc():
        inside = gc.isenabled()
    assert not inside and gc.isenabled()


def test_back_on_after_an_exception(collector_on: None) -> None:
    """An exception leaving the block still restores the collector."""
    with pytest.raises(ValueError, match="x"), paused_gc():
        raise ValueError("x")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off(collector_on: None, switches: list[str]) -> None:
    """A pause entered with the collector off changes nothing, on entry or on exit."""
    gc.disable()
    switches.clear()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled() and switches == []


def test_nested_pauses_restore_at_the_outermost(collector_on: None) -> None:
    """An inner pause's exit leaves the collector off; the outer pause's exit turns it back on."""
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_restore_when_the_last_ends(collector_on: None) -> None:
    """Two threads' pauses overlap: the first to leave does not turn collection back on under the other."""
    entered, first_left, second_may_leave = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def second() -> None:
        with paused_gc():
            entered.set()
            first_left.wait(5)
            seen["after the first left"] = gc.isenabled()
            second_may_leave.wait(5)

    thread = threading.Thread(target=second)
    with paused_gc():
        thread.start()
        assert entered.wait(5)
    first_left.set()
    second_may_leave.set()
    thread.join(5)
    assert seen == {"after the first left": False}
    assert gc.isenabled()


def test_the_pause_around_library_calls_is_what_the_cli_relies_on(collector_on: None, switches: list[str]) -> None:
    """Wrapped in paused_gc, a compare runs with the collector off and ends with it on, switched once each way."""
    with paused_gc():
        compare(OLD, NEW)
    assert switches == ["off", "on"] and gc.isenabled()


def test_parse_and_compare_warnings_still_name_the_callers_line() -> None:
    """Warnings from parse and compare point at the line that called them."""
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
