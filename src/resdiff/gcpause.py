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
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["without_gc"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def without_gc(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run *func* with the cyclic garbage collector off, restoring it afterwards."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
