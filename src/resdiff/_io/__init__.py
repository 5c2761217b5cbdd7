"""Readers and writers at the edge: text files (encodings), Word files, safe output."""

from __future__ import annotations

__all__ = ["os_reason"]


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, for a one-line message: ``"permission denied"``."""
    return (exc.strerror or str(exc) or type(exc).__name__).lower()
