"""Write output atomically: the whole file or nothing, never a partial one.

A regular file (or a new one) is written through a temporary file in the
target's own directory (so the final rename stays on one file system), flushed
and fsync'ed, then put in place in one step by :func:`os.replace`. On any
failure the temporary file is removed and :class:`~resdiff._errors.OutputError`
says which path and why; an existing file at the target is left as it was. The
temporary name is ``.<name>.<8 hex digits>.tmp``, the name shortened so that it
stays within the file system's limit (``NAME_MAX``, 255 bytes on most).

Anything that is not a regular file is written straight into, never replaced:
a character device (``/dev/null``), a FIFO, and the names of open descriptors
(``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``), which
write to that descriptor as the shell's ``>&N`` does, whatever it points to —
a pipe, a terminal or a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys

from resdiff._errors import OutputError
from resdiff._io import os_reason

__all__ = ["TEMP_SUFFIX", "temp_prefix", "write_output"]

TEMP_SUFFIX = ".tmp"  # temporary files are ".<name>.<8 hex digits>.tmp"
_TOKEN_HEX = 8  # hex digits of randomness in a temporary name
_NAME_MAX_FALLBACK = 255  # bytes, when the file system does not say (os.pathconf unavailable)
_TEMP_ATTEMPTS = 100  # names tried before giving up (each clash is a 1 in 2**32 event)
_FD_ALIAS_RE = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)|/dev/(stdout|stderr)")


def write_output(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write *data* to *path* atomically; ``"-"`` writes to standard output.

    Text is encoded with *encoding*; bytes are written as they are. A target
    that is not a regular file is written straight into (see the module docstring).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_output(os.path.join(d, "out.txt"), "第68号决议\\n")
    ...     open(os.path.join(d, "out.txt"), encoding="utf-8").read()
    '第68号决议\\n'
    """
    target = os.fspath(path)
    payload = _encode(target, data, encoding)
    if target == "-":
        _write_stdout(data, payload)
        return
    descriptor = _descriptor(target)
    if descriptor == 1:
        _write_stdout(data, payload)
        return
    if descriptor is not None:
        if descriptor == 2:
            sys.stderr.flush()
        _write_descriptor(target, descriptor, payload)
        return
    try:
        mode = os.stat(target).st_mode  # follows symbolic links, as ">" does
    except OSError:
        mode = None  # absent (or unreachable: the atomic write says why)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{target}: cannot write (is a directory)")
    if mode is not None and not stat.S_ISREG(mode):
        _write_straight(target, payload)
        return
    # Write through a symbolic link as ">" would, instead of replacing the link.
    final = os.path.realpath(target) if os.path.islink(target) else target
    directory = os.path.dirname(os.path.abspath(final))
    try:
        fd, tmp = _create_temp(directory, os.path.basename(final))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({os_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, _mode_for(final))
        os.replace(tmp, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({os_reason(exc)})") from None
        raise
    _fsync_directory(directory)


def temp_prefix(directory: str, name: str) -> str:
    """The start of every temporary name for *name* in *directory*: ``".<name shortened>."``.

    Shortened (whole characters) so that the prefix, the random part and
    :data:`TEMP_SUFFIX` together stay within the directory's ``NAME_MAX``.
    """
    try:
        name_max = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf, or the file system does not say
        name_max = _NAME_MAX_FALLBACK
    budget = max(0, (name_max if name_max > 0 else _NAME_MAX_FALLBACK) - 2 - _TOKEN_HEX - len(TEMP_SUFFIX))
    short = name
    while short and len(os.fsencode(short)) > budget:
        short = short[:-1]
    return f".{short}."


def _create_temp(directory: str, name: str) -> tuple[int, str]:
    """Create a new, private temporary file for *name* in *directory*: (descriptor, path)."""
    prefix = temp_prefix(directory, name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_ATTEMPTS):
        path = os.path.join(directory, f"{prefix}{os.urandom(_TOKEN_HEX // 2).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {directory}")


def _descriptor(target: str) -> int | None:
    """N when *target* names open descriptor N (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``)."""
    m = _FD_ALIAS_RE.fullmatch(os.path.normpath(os.path.abspath(target)))
    if m is None:
        return None
    if m.group(2):
        return 1 if m.group(2) == "stdout" else 2
    return int(m.group(1))


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _write_descriptor(target: str, fd: int, payload: bytes) -> None:
    try:
        _write_all(fd, payload)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({os_reason(exc)})") from None


def _write_straight(target: str, payload: bytes) -> None:
    """Write into a device or FIFO in place: replacing it with a regular file would break it."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({os_reason(exc)})") from None
    try:
        _write_all(fd, payload)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({os_reason(exc)})") from None
    finally:
        os.close(fd)


def _encode(target: str, data: str | bytes, encoding: str) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode(encoding)
    except LookupError:
        raise OutputError(f"{target}: cannot write (unknown encoding {encoding!r})") from None
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"{target}: cannot write (character {data[exc.start]!r} at {exc.start} has no {encoding} encoding)"
        ) from None


def _write_stdout(data: str | bytes, payload: bytes) -> None:
    stream = sys.stdout
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(payload)
            buffer.flush()
        elif isinstance(data, str):  # a text-only stream (a test's StringIO)
            stream.write(data)
            stream.flush()
        else:
            raise OutputError("-: cannot write (standard output takes no bytes here)")
    except OSError as exc:
        raise OutputError(f"-: cannot write ({os_reason(exc)})") from None


def _mode_for(final: str) -> int:
    """Keep an existing file's permissions; a new file gets 0o666 less the umask, as open() does."""
    try:
        return os.stat(final).st_mode & 0o7777
    except OSError:
        pass
    # os.umask() is the only portable way to read the umask: set it and put it back at once.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_directory(directory: str) -> None:
    # Make the rename itself durable; not possible on every platform or file system.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

