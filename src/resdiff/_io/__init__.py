"""Readers and writers at the edge: text, Word, PDF and Akoma Ntoso files in, safe output."""

from __future__ import annotations

import os
import stat

from resdiff._errors import InputError

__all__ = ["os_reason", "read_source_bytes"]


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, for a one-line message: ``"permission denied"``."""
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def read_source_bytes(source: str | os.PathLike[str] | bytes, name: str, limit: int, kind: str) -> bytes:
    """The bytes of a whole-file input (*kind*: "a PDF", "an Akoma Ntoso file"), at most *limit* of them.

    Only a regular file is read: a FIFO or a device (a link to /dev/zero) would
    never end, and these formats cannot be read as a stream anyway. Bytes given
    directly are checked against the same limit.
    """
    if isinstance(source, bytes):
        data = source
    else:
        try:
            fd = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({os_reason(exc)})") from None
        with open(fd, "rb", closefd=True) as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(f"{name}: is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{name}: not a regular file; {kind} must be one")
            if info.st_size > limit:
                raise InputError(f"{name}: {info.st_size} bytes is more than the {limit} bytes resdiff reads")
            try:
                data = stream.read(limit + 1)
            except OSError as exc:
                raise InputError(f"{name}: cannot read ({os_reason(exc)})") from None
    if len(data) > limit:
        raise InputError(f"{name}: {len(data)} bytes is more than the {limit} bytes resdiff reads")
    return data
