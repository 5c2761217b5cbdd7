"""Write output atomically: the whole file or nothing, never a partial one.

The data goes to a temporary file in the target's own directory (so the final
rename stays on one file system), is flushed and fsync'ed, then
:func:`os.replace` puts it in place in one step. On any failure the temporary
file is removed and :class:`~resdiff._errors.OutputError` says which path and
why; an existing file at the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

from resdiff._errors import OutputError
from resdiff._io import os_reason

__all__ = ["write_output"]


def write_output(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write *data* to *path* atomically; ``"-"`` writes to standard output.

    Text is encoded with *encoding*; bytes are written as they are.

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
    # Write through a symbolic link as ">" would, instead of replacing the link.
    final = os.path.realpath(target) if os.path.islink(target) else target
    if os.path.isdir(final):
        raise OutputError(f"{target}: cannot write (is a directory)")
    directory = os.path.dirname(os.path.abspath(final))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(final)}.", suffix=".tmp", dir=directory)
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

