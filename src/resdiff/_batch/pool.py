"""Worker processes with a time limit per task: a task that hangs costs its worker, not the batch.

:mod:`concurrent.futures` cannot stop a task once it runs; this pool can. Each
worker is a process that takes one task at a time through a pipe. The parent
waits on every busy worker's pipe and process sentinel at once, with the
nearest deadline as the wait's timeout; a worker past its deadline is killed
and replaced, and its task comes back as :class:`Abandoned`; so does the task of
a worker that died (out of memory, a signal). Workers start on demand, never
more than there are tasks in flight, and each pauses the cyclic collector
around its task (the process is ours; see :mod:`resdiff._gc`).

Workers ignore Ctrl-C: the parent handles it, and closing the pool kills them.

>>> with Pool(workers=2, timeout=30) as pool:
...     sorted(pool.run(abs, [-2, 1, -3]))
[(0, 2), (1, 1), (2, 3)]
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar, cast

from resdiff._gc import paused_gc

if TYPE_CHECKING:  # multiprocessing loads on the first worker, not with ``import resdiff``
    from multiprocessing.connection import Connection
    from multiprocessing.context import DefaultContext
    from multiprocessing.process import BaseProcess

__all__ = ["Abandoned", "Pool"]

T = TypeVar("T")
R = TypeVar("R")

_STOP_GRACE = 2.0  # seconds an idle worker gets to exit after being told to, before it is killed


@dataclass(frozen=True, slots=True)
class Abandoned:
    """A task that gave no result: why, in a few words (``"timed out after 60 s"``)."""

    reason: str


def _serve(conn: Connection) -> None:
    """A worker's life: take (function, argument), send back (True, result) or (False, error), repeat."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        func, arg = task
        with paused_gc():
            try:
                outcome: tuple[bool, object] = (True, func(arg))
            except Exception as exc:  # noqa: BLE001 - reported with its task; the worker serves on
                outcome = (False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(outcome)
        except (OSError, ValueError):  # the parent is gone: nothing left to serve
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled fails its task only
            conn.send((False, f"cannot return the result ({type(exc).__name__}: {exc})"))


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    task: int = -1  # index of the task it runs, -1 when idle
    deadline: float = 0.0  # time.monotonic() by which it must answer


class Pool:
    """Up to *workers* processes; *timeout*: seconds per task, None for no limit."""

    def __init__(self, workers: int, timeout: float | None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if timeout is not None and not timeout > 0:
            raise ValueError(f"timeout must be more than 0 seconds, not {timeout}")
        self.workers = workers
        self.timeout = timeout
        self._context: DefaultContext | None = None  # multiprocessing's default context, on the first start
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def run(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[tuple[int, R | Abandoned]]:
        """(index into *items*, result or :class:`Abandoned`) for every item, as they finish.

        *func* must be picklable (a module-level function).
        """
        pending = deque(range(len(items)))
        while pending or self._busy:
            while pending and len(self._busy) < self.workers:
                index = pending.popleft()
                if not self._send(func, items[index], index):
                    pending.appendleft(index)  # the worker had died while idle: a fresh one takes it
            for index, outcome in self._collect():
                # What a worker sends back is what func returned (or an Abandoned made here).
                yield index, cast("R | Abandoned", outcome)

    def _send(self, func: Callable[[T], R], item: T, index: int) -> bool:
        worker = self._idle.pop() if self._idle else self._start()
        try:
            worker.conn.send((func, item))
        except (OSError, ValueError):
            self._discard(worker)
            return False
        worker.task = index
        worker.deadline = time.monotonic() + self.timeout if self.timeout is not None else float("inf")
        self._busy.append(worker)
        return True

    def _collect(self) -> Iterator[tuple[int, object]]:
        """Wait until a busy worker answers, dies or runs out of time; yield what came of it."""
        wait_for = None
        if self.timeout is not None:
            wait_for = max(0.0, min(w.deadline for w in self._busy) - time.monotonic())
        from multiprocessing.connection import wait

        handles: list[Connection | int] = [w.conn for w in self._busy]
        handles += [w.process.sentinel for w in self._busy]
        ready = set(wait(handles, wait_for))
        now = time.monotonic()
        for worker in list(self._busy):
            outcome: object
            if worker.conn in ready:
                try:
                    ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    outcome = Abandoned(self._death(worker))
                else:
                    outcome = value if ok else Abandoned(f"internal error: {value}")
            elif worker.process.sentinel in ready:
                outcome = Abandoned(self._death(worker))
            elif now >= worker.deadline:
                outcome = Abandoned(f"timed out after {self.timeout:g} s")
            else:
                continue
            self._busy.remove(worker)
            task, worker.task = worker.task, -1
            if worker.process.is_alive() and not isinstance(outcome, Abandoned):
                self._idle.append(worker)
            else:
                self._discard(worker)
            yield task, outcome

    def _start(self) -> _Worker:
        if self._context is None:
            import multiprocessing

            self._context = multiprocessing.get_context()
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child,), daemon=True, name="resdiff-worker")
        process.start()
        child.close()
        return _Worker(process, parent)

    def _death(self, worker: _Worker) -> str:
        worker.process.join(_STOP_GRACE)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return f"worker died (signal {-code})"
        return f"worker died (exit status {code})"

    def _discard(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def close(self) -> None:
        """Stop the idle workers, kill the busy ones; the pool can be used again afterwards."""
        for worker in self._idle:
            with contextlib.suppress(OSError, ValueError):  # already gone
                worker.conn.send(None)
        for worker in self._idle:
            worker.process.join(_STOP_GRACE)
        for worker in (*self._idle, *self._busy):
            self._discard(worker)
        self._idle.clear()
        self._busy.clear()
