"""Read text input safely: find the encoding, refuse binary data, keep every character.

Detection needs no extra dependency and goes, cheapest and surest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): certain;
2. a known binary signature (PDF, ZIP/.docx, PNG, JPEG, GIF, ELF, gzip, OLE2
   .doc, …) or NUL/control bytes in the first :data:`SNIFF_BYTES`: refused
   with :class:`~resdiff._errors.BinaryInputError` (unless the NUL pattern is
   that of BOM-less UTF-16, which is then decoded and flagged as a guess);
3. strict UTF-8: certain (plain ASCII is UTF-8);
4. strict GB18030 (a superset of GBK and GB2312): a guess, announced with a
   :class:`~resdiff._errors.ResdiffWarning`;
5. otherwise :class:`~resdiff._errors.DecodeError`, naming the byte.

With an explicit encoding only step 2's signature check runs before a strict
decode with that encoding. The decoded text is returned as it is: line endings
(CRLF, CR), no-break and ideographic spaces, zero-width characters and
combining marks are left for the parser and renderers to deal with. Only a
byte-order mark is dropped, since it is part of the encoding, not the text.

>>> decode_bytes("考虑到\\r\\na)\\t文本".encode("utf-8")).text
'考虑到\\r\\na)\\t文本'
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import warnings
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


@dataclass(frozen=True, slots=True)
class TextInput:
    """Decoded text and how it was obtained."""

    text: str
    encoding: str  # the codec used, reusable as --encoding: "utf-8", "utf-8-sig", "utf-16", "gb18030", …
    guessed: bool  # True when detected by a heuristic rather than given, marked by a BOM or valid UTF-8
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
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_bounded(stream, "-")
    else:
        data = _read_file(source)
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
    for bom, codec, _ in _BOMS:
        if data.startswith(bom):
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


def _decode_given(data: bytes, encoding: str, source: str) -> TextInput:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    name = info.name
    if getattr(info, "_is_text_encoding", True) is False:
        # base64, zlib, rot13…: codecs that do not turn bytes into text
        raise InputError(f"{source}: {encoding!r} is not a text encoding")
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
    return TextInput(text, name, False, source)


def _strict(data: bytes, codec: str, source: str, *, shown: str, base: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{source}: byte {base + exc.start} is not valid {shown}") from None
    except UnicodeError as exc:  # a few codecs raise the base class (e.g. "idna")
        raise DecodeError(f"{source}: not valid {shown} ({exc})") from None


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


def _read_file(path: str) -> bytes:
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
    expected = info.st_size if stat.S_ISREG(info.st_mode) else None
    if expected is not None and expected > MAX_INPUT_BYTES:
        os.close(fd)
        raise InputError(f"{path}: {_megabytes(expected)} is more than the {_megabytes(MAX_INPUT_BYTES)} limit")
    with open(fd, "rb", closefd=True) as stream:
        return _read_bounded(stream, path)


def _read_bounded(stream: BinaryIO, source: str) -> bytes:
    """Read at most MAX_INPUT_BYTES (pipes, devices and growing files included)."""
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = stream.read(_READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_INPUT_BYTES:
                raise InputError(f"{source}: more than the {_megabytes(MAX_INPUT_BYTES)} limit")
            chunks.append(chunk)
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
