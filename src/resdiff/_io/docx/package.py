"""The .docx container: a zip read within bounds, its XML parts parsed safely, relationships resolved.

Nothing here knows what a paragraph is. :class:`Package` opens the file (a
regular file is read through the zip directory; anything else, a pipe or a
device, is read into memory up to :data:`MAX_STREAM_BYTES`), reads a part in
bounded chunks (never trusting the sizes the zip declares), refuses any part
with a DOCTYPE and parses the rest without entities, DTDs or network. Parts in
Strict OOXML namespaces are renamed to the Transitional ones, so the rest of
the reader knows one vocabulary. Every failure is a
:class:`~resdiff._errors.DocxError` naming the file.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from typing import IO

from lxml import etree

from resdiff._errors import DocxError
from resdiff._io import os_reason
from resdiff._ooxml import REL_NS, STRICT_W_NS, W_NS

__all__ = [
    "CHUNK_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_STREAM_BYTES",
    "MAX_TOTAL_BYTES",
    "RATIO_FLOOR",
    "W",
    "BadValueError",
    "Package",
    "decimal",
]

# -- limits ------------------------------------------------------------------------------

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # decompressed bytes read from one file, all parts together
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # decompressed bytes of one part
MAX_RATIO = 100  # decompressed/compressed size a part may reach once past RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024  # bytes a part may always decompress to, whatever its ratio
MAX_MEMBERS = 10_000  # entries in the zip directory
MAX_STREAM_BYTES = 64 * 1024 * 1024  # bytes read from a path that is not a regular file (pipe, device)
CHUNK_BYTES = 64 * 1024  # bytes inflated (or read from a stream) per call while checking the limits

# -- namespaces ------------------------------------------------------------------------------

W = f"{{{W_NS}}}"  # Clark-notation prefix: W + "p" is the tag of a paragraph
#: Strict OOXML (ISO/IEC 29500 Strict) writes the same vocabulary in this namespace.
_STRICT_W = f"{{{STRICT_W_NS}}}"


class BadValueError(ValueError):
    """An attribute value the schema does not allow; the reader adds the file and the part."""


_DECIMAL = re.compile(r"[+-]?[0-9]{1,18}")  # ST_DecimalNumber, within what the reader counts with


def decimal(value: str | None, default: int, what: str) -> int:
    """The whole number *value* (an ``ST_DecimalNumber``), *default* when absent.

    Raises :class:`BadValueError` naming *what* (``"w:ilvl"``) when it is not one.

    >>> decimal(" 3", 0, "w:ilvl"), decimal(None, 1, "w:start")
    (3, 1)
    """
    if value is None:
        return default
    text = value.strip()
    if not _DECIMAL.fullmatch(text):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise BadValueError(f"{what} {shown!r} is not a whole number of at most 18 digits")
    return int(text)


class Package:
    """A .docx zip read with bounds on what each part and all parts decompress to."""

    def __init__(self, source: str | os.PathLike[str] | bytes) -> None:
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.name = "the given data"
            fh: IO[bytes] = io.BytesIO(bytes(source))
        else:
            self.name = os.fspath(source)
            fh = _open(self.name)
        self._fh = fh
        try:
            self.zip = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            fh.close()
            raise DocxError(f"{self.name} is not a .docx (not a zip archive)") from exc
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            self.close()
            raise DocxError(f"{self.name} has {len(infos)} zip entries, more than the {MAX_MEMBERS} allowed")
        self.members = {info.filename: info for info in infos}
        self.read_total = 0

    def close(self) -> None:
        self.zip.close()
        self._fh.close()

    def has(self, part: str) -> bool:
        return part in self.members

    def read(self, part: str) -> bytes:
        """The bytes of *part*, inflated in chunks and stopped at the first limit passed."""
        info = self.members[part]
        out = bytearray()
        limit = MAX_MEMBER_BYTES
        try:
            with self.zip.open(info) as member:
                while True:
                    chunk = member.read(CHUNK_BYTES)
                    if not chunk:
                        break
                    out += chunk
                    self.read_total += len(chunk)
                    if len(out) > limit or self.read_total > MAX_TOTAL_BYTES:
                        raise DocxError(
                            f"{self.name} decompresses to more than {min(limit, MAX_TOTAL_BYTES) // 2**20} MB"
                            f" (at part {part}); refusing a possible zip bomb"
                        )
                    if len(out) > RATIO_FLOOR and len(out) > MAX_RATIO * max(info.compress_size, 1):
                        raise DocxError(
                            f"{self.name} decompresses to more than {MAX_RATIO} times its compressed size"
                            f" (at part {part}); refusing a possible zip bomb"
                        )
        except DocxError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise DocxError(f"{self.name} is corrupt: part {part} cannot be read ({exc})") from exc
        return bytes(out)

    def xml(self, part: str) -> etree._Element:
        """The root element of *part*, parsed without entities, DTDs or network; a DOCTYPE is refused."""
        data = self.read(part)
        if _has_doctype(data):
            raise DocxError(f"{self.name} part {part} has a DOCTYPE, which Word files never need; refusing it")
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise DocxError(f"{self.name} part {part} is not well-formed XML: {exc}") from exc
        if root.getroottree().docinfo.internalDTD is not None:  # a DOCTYPE in an encoding not sniffed above
            raise DocxError(f"{self.name} part {part} has a DOCTYPE, which Word files never need; refusing it")
        if STRICT_W_NS in root.nsmap.values() or root.tag.startswith(_STRICT_W):
            _to_transitional(root)
        return root

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type suffix, target part) for *part* ("" = the package)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has(rels_part):
            return {}
        out = {}
        for rel in self.xml(rels_part).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            # Transitional and Strict relationship types differ in their base URI only, not in the last segment
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
        return out


def _open(path: str) -> IO[bytes]:
    """A regular file opened for the zip reader; any other file read into memory, at most MAX_STREAM_BYTES."""
    try:
        # O_NONBLOCK: opening a FIFO that has no writer must not wait for one (it then reads as empty)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocxError(f"cannot read {path}: {os_reason(exc)}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DocxError(f"cannot read {path}: it is a directory")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # reads of a pipe wait for its writer as usual
        if stat.S_ISREG(mode):
            return open(fd, "rb", closefd=True)  # Package.close() closes it
        data = bytearray()
        while chunk := os.read(fd, CHUNK_BYTES):
            data += chunk
            if len(data) > MAX_STREAM_BYTES:
                raise DocxError(
                    f"{path} is not a regular file and gives more than {MAX_STREAM_BYTES // 2**20} MB;"
                    " refusing to read on"
                )
    except OSError as exc:
        os.close(fd)
        raise DocxError(f"cannot read {path}: {os_reason(exc)}") from exc
    except DocxError:
        os.close(fd)
        raise
    os.close(fd)
    return io.BytesIO(bytes(data))


def _to_transitional(root: etree._Element) -> None:
    """Rename Strict WordprocessingML elements and attributes to their Transitional names, in place."""
    n = len(_STRICT_W)
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # a processing instruction
        if tag.startswith(_STRICT_W):
            el.tag = W + tag[n:]
        for key in [k for k in el.attrib if isinstance(k, str) and k.startswith(_STRICT_W)]:
            value = el.attrib.pop(key)
            el.set(W + key[n:], value)


def _has_doctype(data: bytes) -> bool:
    needle = "<!DOCTYPE"
    return any(needle.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be"))
