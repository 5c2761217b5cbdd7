"""Pause the cyclic garbage collector while a call builds many objects.

CPython starts a collection every 700 or so container allocations, however
few of them could ever be garbage, and a comparison allocates tens of
thousands of blocks, spans, tokens and segments that all stay alive until it
returns. Those collections cost about a fifth of a large comparison and find
nothing (resdiff builds no reference cycles; reference counting frees the
temporaries). Mercurial pauses the collector the same way around its large
loads.

The pause is process-wide. It is skipped when the collector is already off, so
nested calls and callers that manage the collector themselves are left alone;
a thread that switches the collector off while a resdiff call runs has it
switched back on when that call returns.

It is a context manager used inside the public functions rather than a
decorator around them, so a warning raised with ``stacklevel=2`` still names
the caller's line, not a wrapper's.
"""

from __future__ import annotations

import gc
from types import TracebackType

__all__ = ["paused_gc"]


class paused_gc:  # noqa: N801 - used like a function: ``with paused_gc():``
    """``with paused_gc():`` runs the block with the cyclic collector off, then restores it."""

    __slots__ = ("_was_on",)

    def __enter__(self) -> None:
        self._was_on = gc.isenabled()
        if self._was_on:
            gc.disable()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._was_on:
            gc.enable()
