"""A one-line progress bar on standard error, redrawn with a carriage return."""

from __future__ import annotations

from typing import TextIO

__all__ = ["PROGRESS_MIN_PAIRS", "Progress", "is_terminal"]

#: More pairs than this show a progress bar when standard error is a terminal (progress=None).
PROGRESS_MIN_PAIRS = 20


def is_terminal(stream: TextIO) -> bool:
    """True when *stream* is a terminal; False for files, pipes, closed or odd streams."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """``[#####-----] 37/200 resolution-68``, redrawn after each step."""

    WIDTH = 30  # characters of the bar itself
    NAME_WIDTH = 40  # characters of the last finished name shown after the bar

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self._draw("")

    def step(self, name: str) -> None:
        self.done += 1
        self._draw(name)

    def _draw(self, name: str) -> None:
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {name[: self.NAME_WIDTH]:<{self.NAME_WIDTH}}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
