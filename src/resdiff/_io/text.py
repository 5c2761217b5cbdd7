"""Read text input safely: find the encoding, refuse binary data, keep every character.

Detection needs no extra dependency and goes, cheapest and surest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): certain, unless the
   bytes after it say otherwise (see below);
2. a known binary signature (PDF, ZIP/.docx, PNG, JPEG, GIF, ELF, gzip, OLE2
   .doc, …) or NUL/control bytes in the first :data:`SNIFF_BYTES`: refused
   with :class:`~resdiff._errors.BinaryInputError` (unless the NUL pattern is
   that of BOM-less UTF-16, which is then decoded and flagged as a guess);
3. strict UTF-8: certain (plain ASCII is UTF-8);
4. strict GB18030 (a superset of GBK and GB2312): a guess, announced with a
   :class:`~resdiff._errors.ResdiffWarning`;
5. otherwise :class:`~resdiff._errors.DecodeError`, naming the byte.

A mark that contradicts the bytes after it is not trusted: UTF-16 or UTF-32
text always has NUL bytes once it holds a single ASCII character (a line break,
a digit), so a UTF-16/32 mark in front of NUL-free bytes that are valid UTF-8 is
a stray mark on UTF-8 text; a UTF-8 mark in front of the NUL pattern of UTF-16
is a stray mark on UTF-16 text; a UTF-16 mark of one byte order in front of the
NUL pattern of the other is the wrong mark. Each is decoded as what the bytes
are, without the mark, with a :class:`~resdiff._errors.ResdiffWarning` that
says so (never silent CJK-looking garbage). After a UTF-8 mark, NUL and control
bytes are binary data as they are without one.

With an explicit encoding only step 2's signature check runs before a strict
decode with that encoding; a codec that can yield lone surrogates (``utf-7``,
``unicode_escape``) and does is refused with a
:class:`~resdiff._errors.DecodeError`, since such a string is not text.

Only regular files are read whole (after a size check); anything else — a
pipe, a FIFO, a device such as ``/dev/zero`` — is read in chunks up to
:data:`MAX_INPUT_BYTES`, and binary data there is refused from the first
:data:`SNIFF_BYTES` without reading on. The decoded text is returned as it is: line endings
(CRLF, CR), no-break and ideographic spaces, zero-width characters and
combining marks are left for the parser and renderers to deal with. Only a
byte-order mark is dropped, since it is part of the encoding, not the text.

>>> decode_bytes("考虑到\\r\\na)\\t文本".encode("utf-8")).text
'考虑到\\r\\na)\\t文本'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from resdiff._errors import BinaryInputError, DecodeError, InputError, ResdiffWarning
from resdiff._io import os_reason

__all__ = ["MAX_INPUT_BYTES", "SNIFF_BYTES", "TextInput", "decode_bytes", "read_text"]

MAX_INPUT_BYTES = 200 * 1024 * 1024  # bytes; larger inputs are refused (resolutions are < 1 MB)
SNIFF_BYTES = 8192  # bytes looked at for binary signatures and control characters
_CONTROL_RATIO = 0.05  # share of control bytes in the sniffed window above which data is binary, 0..1
_UTF16_NUL_RATIO = 0.3  # share of 2-byte units with a NUL in one half that marks BOM-less UTF-16, 0..1
_READ_CHUNK = 1024 * 1024  # bytes per read() on pipes and other files of unknown size

# Longest BOM first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# (signature, offset, what it is, hint for the user)
_SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"%PDF-", 0, "PDF document", ""),
    (b"PK\x03\x04", 0, "ZIP archive", "; a .docx? give it a .docx name"),
    (b"PK\x05\x06", 0, "ZIP archive", "; a .docx? give it a .docx name"),
    (b"PK\x07\x08", 0, "ZIP archive", "; a .docx? give it a .docx name"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "legacy Word/OLE2 document", "; save it as .docx or text"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image", ""),
    (b"\xff\xd8\xff", 0, "JPEG image", ""),
    (b"GIF87a", 0, "GIF image", ""),
    (b"GIF89a", 0, "GIF image", ""),
    (b"II*\x00", 0, "TIFF image", ""),
    (b"MM\x00*", 0, "TIFF image", ""),
    (b"WEBP", 8, "WebP image", ""),
    (b"\x7fELF", 0, "ELF executable", ""),
    (b"\x1f\x8b", 0, "gzip archive", ""),
    (b"\xfd7zXZ\x00", 0, "xz archive", ""),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive", ""),
    (b"Rar!\x1a\x07", 0, "RAR archive", ""),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive", ""),
    (b"SQLite format 3\x00", 0, "SQLite database", ""),
)

# Bytes that do not occur in text: C0 controls except TAB, LF, VT (Word's line
# break), FF, CR, SUB (old DOS end of file) and ESC (ANSI colours), plus DEL.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B} | {0x7F}
_UNICODE_WIDE = ("utf-16", "utf-32")  # codec name prefixes whose text is full of NUL bytes
# Codecs whose strict decode never yields a lone surrogate: their output needs no check.
_NO_SURROGATES = ("utf-8", "utf-16", "utf-32", "gb18030", "gbk", "gb2312", "ascii", "latin-1", "iso8859", "cp")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TextInput:
    """Decoded text and how it was obtained."""

    text: str
    encoding: str  # the codec used, reusable as --encoding: "utf-8", "utf-8-sig", "utf-16", "gb18030", …
    guessed: bool  # True when detected by a heuristic rather than given, marked by a BOM or valid UTF-8
    # (a contradicted BOM is a guess too: encoding is then the codec of the bytes after the mark)
    source: str  # path or "-"


def read_text(
    path: str | os.PathLike[str], encoding: str | None = None, *, stdin: BinaryIO | None = None
) -> TextInput:
    """Read and decode the file at *path* (``"-"``: standard input).

    Errors are :class:`~resdiff._errors.InputError` subclasses whose message
    starts with the path: ``"old.txt: no such file"``.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "r.txt")
    ...     _ = open(p, "wb").write("第68号决议".encode("gb18030"))
    ...     read_text(p, "gb18030").text
    '第68号决议'
    """
    source = os.fspath(path)

    def sniff(head: bytes) -> None:
        _refuse_early(head, encoding, source)

    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_bounded(stream, "-", sniff)
    else:
        data = _read_file(source, sniff)
    return _decode(data, encoding, source)


def decode_bytes(data: bytes, encoding: str | None = None, *, source: str = "<bytes>") -> TextInput:
    """Decode *data* with *encoding*, or detect the encoding (see the module docstring).

    >>> decode_bytes("考虑到".encode("utf-16"))
    TextInput(text='考虑到', encoding='utf-16', guessed=False, source='<bytes>')
    """
    return _decode(data, encoding, source)


def _decode(data: bytes, encoding: str | None, source: str) -> TextInput:
    if encoding is not None:
        return _decode_given(data, encoding, source)
    for bom, codec, plain in _BOMS:
        if data.startswith(bom):
            tail = data[len(bom) :]
            actual = _contradicted(plain, tail)
            if actual is not None:
                _warn(
                    f"{source}: a {plain.upper()} byte-order mark in front of {actual.upper()} text; "
                    f"decoded as {actual.upper()} without the mark (guessed)"
                )
                return TextInput(_strict(tail, actual, source, shown=actual, base=len(bom)), actual, True, source)
            if plain == "utf-8":
                _refuse_control_bytes(tail, source)  # a mark does not make NUL bytes text
            # The BOM-aware codecs consume the mark themselves.
            return TextInput(_strict(data, codec, source, shown=codec), codec, False, source)
    _refuse_signature(data, source)
    wide = _utf16_without_bom(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            pass
        else:
            _warn(f"{source}: no byte-order mark; decoded as {wide.upper()} (guessed)")
            return TextInput(text, wide, True, source)
    _refuse_control_bytes(data, source)
    try:
        return TextInput(data.decode("utf-8"), "utf-8", False, source)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{source}: byte {utf8_error.start} is not valid UTF-8 and byte {exc.start} "
            f"is not valid GB18030; name the encoding with --encoding"
        ) from None
    _warn(f"{source}: not UTF-8 (byte {utf8_error.start}); decoded as GB18030 (guessed)")
    return TextInput(text, "gb18030", True, source)


def _contradicted(plain: str, tail: bytes) -> str | None:
    """The codec the bytes after a *plain* ("utf-16-le", …) byte-order mark really are in, or None."""
    if not tail:
        return None
    if plain == "utf-8":
        return _utf16_without_bom(tail)
    if b"\x00" not in tail:
        # UTF-16/32 text holding even one ASCII character has NUL bytes; these have none.
        try:
            tail.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "utf-8"
    if plain.startswith("utf-16"):
        wide = _utf16_without_bom(tail)
        if wide is not None and wide != plain:
            return wide
    return None


def _lookup(encoding: str, source: str) -> codecs.CodecInfo:
    """The codec named *encoding*; InputError when Python knows no such text encoding."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, UnicodeError):  # ValueError: a NUL in the name; UnicodeError: a surrogate
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    if getattr(info, "_is_text_encoding", True) is False:
        # base64, zlib, rot13…: codecs that do not turn bytes into text
        raise InputError(f"{source}: {encoding!r} is not a text encoding")
    return info


def _decode_given(data: bytes, encoding: str, source: str) -> TextInput:
    name = _lookup(encoding, source).name
    offset = 0
    for bom, _, plain in _BOMS:
        # A BOM that agrees with an explicit UTF codec is an encoding mark, not text.
        if name == plain and data.startswith(bom):
            if plain == "utf-8":
                name = "utf-8-sig"
            else:
                offset = len(bom)
            break
    if not name.startswith(_UNICODE_WIDE):
        _refuse_signature(data, source)
        _refuse_control_bytes(data, source)
    text = _strict(data[offset:], name, source, shown=encoding, base=offset)
    if not name.startswith(_NO_SURROGATES):
        lone = _SURROGATE_RE.search(text)
        if lone is not None:
            raise DecodeError(
                f"{source}: decoding as {encoding} gives a lone surrogate (U+{ord(lone.group()):04X}) "
                f"at character {lone.start()}, which is not text; name another encoding"
            )
    return TextInput(text, name, False, source)


def _strict(data: bytes, codec: str, source: str, *, shown: str, base: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{source}: byte {base + exc.start} is not valid {shown}") from None
    except UnicodeError as exc:  # a few codecs raise the base class (e.g. "idna")
        raise DecodeError(f"{source}: not valid {shown} ({exc})") from None


def _refuse_early(head: bytes, encoding: str | None, source: str) -> None:
    """Refuse, from the first bytes of an input, binary data that :func:`_decode` would refuse anyway.

    Lets a reader stop after :data:`SNIFF_BYTES` of ``/dev/urandom`` instead of
    reading it up to the size limit. Anything it is not sure of is left to the
    full decode.
    """
    if encoding is None:
        if any(head.startswith(bom) for bom, _, _ in _BOMS):
            return
        _refuse_signature(head, source)
        if _utf16_without_bom(head) is None:
            _refuse_control_bytes(head, source)
        return
    try:
        name = _lookup(encoding, source).name
    except InputError:
        return  # reported by the decode, after the whole input: one message for every input
    if not name.startswith(_UNICODE_WIDE):
        _refuse_signature(head, source)
        _refuse_control_bytes(head, source)


def _refuse_signature(data: bytes, source: str) -> None:
    for magic, at, what, hint in _SIGNATURES:
        if data[at : at + len(magic)] == magic:
            if magic == b"WEBP" and not data.startswith(b"RIFF"):
                continue
            raise BinaryInputError(f"{source}: binary data ({what}), not text{hint}")


def _refuse_control_bytes(data: bytes, source: str) -> None:
    head = data[:SNIFF_BYTES]
    if not head:
        return
    if b"\x00" in head:
        raise BinaryInputError(f"{source}: binary data (NUL bytes at byte {head.index(0)}), not text")
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    if controls / len(head) > _CONTROL_RATIO:
        raise BinaryInputError(
            f"{source}: binary data ({controls} control bytes in the first {len(head)}), not text"
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the NUL pattern is that of mostly-ASCII UTF-16."""
    head = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    pairs = len(head) // 2
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    if odd_nul >= _UTF16_NUL_RATIO * pairs and even_nul == 0:
        return "utf-16-le"
    if even_nul >= _UTF16_NUL_RATIO * pairs and odd_nul == 0:
        return "utf-16-be"
    return None


def _warn(message: str) -> None:
    # _warn <- _decode <- read_text/decode_bytes <- the caller, whose line the warning names.
    warnings.warn(ResdiffWarning(message), stacklevel=4)


_KINDS = (
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
)


def _kind(mode: int) -> str:
    """What a file that is not regular is, for a message: ``"character device"``."""
    return next((name for test, name in _KINDS if test(mode)), "special file")


def _read_file(path: str, sniff: Callable[[bytes], None]) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _read_error(path, exc) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise _read_error(path, exc) from None
    if stat.S_ISDIR(info.st_mode):  # os.open() of a directory succeeds on POSIX
        os.close(fd)
        raise InputError(f"{path}: is a directory")
    regular = stat.S_ISREG(info.st_mode)
    if regular and info.st_size > MAX_INPUT_BYTES:
        os.close(fd)
        raise InputError(f"{path}: {_megabytes(info.st_size)} is more than the {_megabytes(MAX_INPUT_BYTES)} limit")
    # A regular file is read whole (a file growing meanwhile still stops at the limit); anything else
    # (a pipe, a FIFO, /dev/zero) is a stream: read up to the limit, refused as binary from its first bytes.
    what = "" if regular else f" (read from a {_kind(info.st_mode)}, not a regular file)"
    with open(fd, "rb", closefd=True) as stream:
        return _read_bounded(stream, path, sniff, what)


def _read_bounded(stream: BinaryIO, source: str, sniff: Callable[[bytes], None], what: str = "") -> bytes:
    """Read at most MAX_INPUT_BYTES (pipes, devices and growing files included).

    *sniff* sees the first :data:`SNIFF_BYTES` (or all, when shorter) once and may raise.
    """
    chunks: list[bytes] = []
    total = 0
    sniffed = False
    try:
        while True:
            chunk = stream.read(_READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            chunks.append(chunk)
            if not sniffed and total >= SNIFF_BYTES:
                sniffed = True
                sniff(b"".join(chunks)[:SNIFF_BYTES])
            if total > MAX_INPUT_BYTES:
                raise InputError(f"{source}: more than the {_megabytes(MAX_INPUT_BYTES)} limit{what}")
    except OSError as exc:
        raise _read_error(source, exc) from None
    return b"".join(chunks)


def _read_error(source: str, exc: OSError) -> InputError:
    """The one-line error for an OSError met while opening or reading *source*."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{source}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{source}: is a directory")
    if isinstance(exc, NotADirectoryError):
        return InputError(f"{source}: no such file (a parent is not a directory)")
    if isinstance(exc, PermissionError):
        return InputError(f"{source}: permission denied")
    return InputError(f"{source}: cannot read ({os_reason(exc)})")


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"
