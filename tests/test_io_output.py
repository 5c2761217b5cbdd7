"""Writing output: atomic, complete or absent, one clear error."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff._errors import OutputError, ResdiffError
from resdiff._io import output as outio
from resdiff._io.output import write_output

TEXT = "第68号决议 😀 القرار\r\na)\t<ins>&</ins>\n"


def _leftovers(directory) -> list[str]:
    """Temporary files write_output may have left in *directory*."""
    return [name for name in os.listdir(directory) if name.endswith(".tmp")]


def test_writes_text_as_utf8(tmp_path):
    """Text is written encoded as UTF-8, line endings and every character unchanged."""
    target = tmp_path / "out.txt"
    write_output(target, TEXT)
    assert target.read_bytes() == TEXT.encode("utf-8")
    assert _leftovers(tmp_path) == []


def test_writes_bytes_unchanged(tmp_path):
    """Bytes (a .docx) are written exactly as given."""
    data = bytes(range(256)) * 10
    write_output(str(tmp_path / "out.docx"), data)
    assert (tmp_path / "out.docx").read_bytes() == data


def test_other_encoding(tmp_path):
    """Text can be written in another encoding (GB18030)."""
    write_output(tmp_path / "out.txt", "第68号决议", encoding="gb18030")
    assert (tmp_path / "out.txt").read_bytes() == "第68号决议".encode("gb18030")


def test_replaces_an_existing_file_keeping_its_mode(tmp_path):
    """An existing file is replaced whole and keeps its permission bits."""
    target = tmp_path / "out.txt"
    target.write_text("old content that is longer than the new one")
    os.chmod(target, 0o640)
    write_output(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_new_file_mode_follows_umask(tmp_path):
    """A new file gets 0o666 less the umask, as a plain open() would give, not mkstemp's 0o600."""
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "out.txt").st_mode) == 0o640


def test_writes_through_a_symlink(tmp_path):
    """A symbolic link as target is written through, as shell redirection does, and stays a link."""
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_dash_writes_text_to_stdout(capsysbinary):
    """``-`` writes the encoded text to standard output."""
    write_output("-", TEXT)
    assert capsysbinary.readouterr().out == TEXT.encode("utf-8")


def test_dash_writes_bytes_to_stdout_buffer(capsysbinary):
    """``-`` writes bytes to standard output's binary buffer."""
    write_output("-", b"PK\x03\x04\x00")
    assert capsysbinary.readouterr().out == b"PK\x03\x04\x00"


def test_dash_with_a_text_only_stdout(monkeypatch):
    """A text-only standard output (no .buffer) receives the text itself."""
    fake = io.StringIO()
    monkeypatch.setattr(sys, "stdout", fake)
    write_output("-", TEXT)
    assert fake.getvalue() == TEXT


def test_dash_broken_pipe_is_an_output_error(monkeypatch):
    """A closed pipe on standard output becomes OutputError naming ``-``."""

    class Broken(io.RawIOBase):
        def writable(self):
            return True

        def write(self, b):
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(Broken()))
    with pytest.raises(OutputError, match=r"^-: cannot write \(broken pipe\)$"):
        write_output("-", "x")


# ---------------------------------------------------------------- failures


def test_missing_directory(tmp_path):
    """A path under a directory that does not exist raises OutputError and creates nothing."""
    target = tmp_path / "nowhere" / "out.txt"
    with pytest.raises(OutputError, match=r"out\.txt: cannot write \(no such file or directory\)$"):
        write_output(target, "x")
    assert os.listdir(tmp_path) == []


def test_target_is_a_directory(tmp_path):
    """A directory as target raises OutputError and the directory is untouched."""
    (tmp_path / "d").mkdir()
    with pytest.raises(OutputError, match=r"d: cannot write \(is a directory\)$"):
        write_output(tmp_path / "d", "x")
    assert os.listdir(tmp_path / "d") == []
    assert _leftovers(tmp_path) == []


def test_parent_is_a_file(tmp_path):
    """A path under a regular file raises OutputError (works as root, unlike permission bits)."""
    (tmp_path / "f").write_text("keep")
    with pytest.raises(OutputError, match=r"cannot write \(not a directory\)$"):
        write_output(tmp_path / "f" / "out.txt", "x")
    assert (tmp_path / "f").read_text() == "keep"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_unwritable_pseudo_filesystem():
    """A target in a directory nobody can create files in (/proc) raises OutputError, even as root."""
    with pytest.raises(OutputError, match=r"^/proc/self/resdiff-out\.txt: cannot write \("):
        write_output("/proc/self/resdiff-out.txt", "x")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permission bits")
def test_read_only_directory(tmp_path):
    """A read-only directory raises OutputError '… permission denied' and gets no file."""
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    try:
        with pytest.raises(OutputError, match=r"cannot write \(permission denied\)$"):
            write_output(ro / "out.txt", "x")
        assert os.listdir(ro) == []
    finally:
        os.chmod(ro, 0o700)


def test_failing_replace_leaves_no_temp_and_keeps_the_old_file(tmp_path, monkeypatch):
    """When the final rename fails, the temp file is removed and an existing target is unchanged."""
    target = tmp_path / "out.txt"
    target.write_text("previous")

    def fail(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", dst)

    monkeypatch.setattr(outio.os, "replace", fail)
    with pytest.raises(OutputError, match=r"out\.txt: cannot write \(permission denied\)$"):
        write_output(target, "new")
    assert target.read_text() == "previous"
    assert _leftovers(tmp_path) == []


def test_disk_full_midway_leaves_nothing(tmp_path, monkeypatch):
    """A write error (disk full at fsync) removes the temp file and creates no target."""

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outio.os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write \(no space left on device\)$"):
        write_output(tmp_path / "out.txt", "x" * 100_000)
    assert os.listdir(tmp_path) == []


def test_interrupt_midway_leaves_nothing_and_propagates(tmp_path, monkeypatch):
    """A KeyboardInterrupt during the write removes the temp file and is re-raised as is."""

    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(outio.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.txt", "x")
    assert os.listdir(tmp_path) == []


def test_unencodable_text_writes_nothing(tmp_path):
    """Text the chosen encoding cannot hold raises OutputError naming the character, before any file exists."""
    with pytest.raises(OutputError, match=r"out\.txt: cannot write \(character '😀' at 2 has no latin-1 encoding\)$"):
        write_output(tmp_path / "out.txt", "ab😀", encoding="latin-1")
    assert os.listdir(tmp_path) == []


def test_unknown_output_encoding(tmp_path):
    """An unknown output encoding raises OutputError naming it."""
    with pytest.raises(OutputError, match=r"unknown encoding 'klingon-8'"):
        write_output(tmp_path / "out.txt", "x", encoding="klingon-8")
    assert os.listdir(tmp_path) == []


def test_output_error_is_an_oserror():
    """OutputError is both an OSError and a ResdiffError."""
    assert issubclass(OutputError, OSError)
    assert issubclass(OutputError, ResdiffError)


# ---------------------------------------------------------------- long names, devices, descriptors


@pytest.mark.parametrize("name", ["r" * 246 + ".txt", "决" * 83 + ".txt"], ids=["250-ascii", "253-bytes-cjk"])
def test_a_long_legal_name_is_written_with_a_temporary_name_within_the_limit(tmp_path, monkeypatch, name):
    """A file name near NAME_MAX works: the temporary name is shortened to fit, never longer than the limit."""
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    assert len(os.fsencode(name)) <= limit
    seen: list[str] = []
    replace = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        replace(src, dst)

    monkeypatch.setattr(outio.os, "replace", spy)
    write_output(tmp_path / name, "x")
    assert (tmp_path / name).read_text() == "x"
    (temp,) = seen
    assert len(os.fsencode(temp)) <= limit and temp.startswith(".r" if name[0] == "r" else ".决")
    assert _leftovers(tmp_path) == []


def test_a_name_over_the_limit_is_an_output_error(tmp_path):
    """A name longer than the file system allows fails in one line and leaves no temporary file."""
    with pytest.raises(OutputError, match=r"cannot write \(file name too long\)$"):
        write_output(tmp_path / ("r" * 300), "x")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_into_not_replaced(tmp_path):
    """-o naming a character device (a private /dev/null) writes into it; it stays a device."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    link = tmp_path / "link-to-null"
    link.symlink_to(null)
    write_output(null, "x")
    write_output(link, b"y")
    assert stat.S_ISCHR(os.lstat(null).st_mode) and link.is_symlink()
    assert _leftovers(tmp_path) == []


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    """-o naming a FIFO writes the data through it to its reader; it stays a FIFO."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_output(fifo, TEXT)
    reader.join(10)
    assert got == [TEXT.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


_WRITE = "import sys; from resdiff._io.output import write_output; write_output(sys.argv[1], 'x\\n')"
# The child imports the resdiff this test process imported.
_ENV = {**os.environ, "PYTHONPATH": str(Path(outio.__file__).resolve().parents[2])}


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_dev_stdout_into_a_pipe(name):
    """-o /dev/stdout (or /dev/fd/1) writes into standard output when it is a pipe."""
    if name.startswith("/proc") and not os.path.isdir("/proc/self/fd"):
        pytest.skip("no /proc here")
    proc = subprocess.run([sys.executable, "-c", _WRITE, name], capture_output=True, env=_ENV, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"x\n", b"")


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")
def test_dev_stdout_appends_to_the_file_the_shell_opened(tmp_path):
    """With standard output a file opened for appending (>>), -o /dev/stdout appends; the file is not replaced."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    inode = os.stat(log).st_ino
    with open(log, "ab") as out:
        subprocess.run([sys.executable, "-c", _WRITE, "/dev/stdout"], stdout=out, env=_ENV, timeout=60, check=True)
    assert log.read_bytes() == b"before\nx\n" and os.stat(log).st_ino == inode
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/stderr"), reason="no /dev/stderr here")
def test_dev_stderr_writes_to_standard_error(capfd):
    """-o /dev/stderr writes to descriptor 2."""
    write_output("/dev/stderr", "to stderr\n")
    assert capfd.readouterr().err == "to stderr\n"
