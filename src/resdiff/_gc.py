"""``paused_gc``: an opt-in pause of the cyclic garbage collector around large comparisons.

CPython starts a collection every 700 or so container allocations, however
few of them could ever be garbage, and a comparison allocates tens of
thousands of blocks, spans, tokens and segments that all stay alive until it
returns. Those collections find nothing (resdiff builds no reference cycles;
reference counting frees the temporaries, and a test holds that) and cost
about a fifth of a large comparison. Mercurial pauses the collector the same
way around its large loads.

The collector is process-wide state, so resdiff's functions never touch it: a
library call must not stop the collection of other threads' garbage, nor undo
a caller's own choice. The pause is for the code that owns the process — the
command line and the batch workers use it — and for API users who want the
saving and know that nothing else in the process needs collection meanwhile.

Pauses nest and overlap across threads: the collector is switched off when
the first pause begins (if it was on) and back on when the last one ends, so a
thread leaving its pause never turns collection back on under another's. It is
left alone throughout when it was already off as the first pause began.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType

__all__ = ["paused_gc"]


class _Pauses:
    """How many pauses are open, and whether the collector was on when the first began."""

    lock = threading.Lock()
    open = 0
    restore = False


class paused_gc:  # noqa: N801 - used like a function: ``with paused_gc():``
    """Run a block with the cyclic collector off (process-wide), then restore it.

    >>> import gc, resdiff
    >>> with resdiff.paused_gc():
    ...     cmp = resdiff.compare("resolves\\n1\\tto act;", "resolves\\n1\\tto act now;")
    ...     text = resdiff.render(cmp, "wdiff")
    >>> gc.isenabled()
    True
    """

    __slots__ = ()

    def __enter__(self) -> None:
        with _Pauses.lock:
            if _Pauses.open == 0:
                _Pauses.restore = gc.isenabled()
                if _Pauses.restore:
                    gc.disable()
            _Pauses.open += 1

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        with _Pauses.lock:
            _Pauses.open -= 1
            if _Pauses.open == 0 and _Pauses.restore:
                gc.enable()
