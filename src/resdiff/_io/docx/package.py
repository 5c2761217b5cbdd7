"""The .docx container: a zip read within bounds, its XML parts parsed safely, relationships resolved.

Nothing here knows what a paragraph is. :class:`Package` opens the zip, reads
a part in bounded chunks (never trusting the sizes the zip declares), refuses
any part with a DOCTYPE and parses the rest without entities, DTDs or network.
Every failure is a :class:`~resdiff._errors.DocxError` naming the file.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from typing import IO

from lxml import etree

from resdiff._errors import DocxError

__all__ = [
    "CHUNK_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "MC_NS",
    "RATIO_FLOOR",
    "REL_NS",
    "W",
    "W_NS",
    "Package",
]

# -- limits ------------------------------------------------------------------------------

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # decompressed bytes read from one file, all parts together
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # decompressed bytes of one part
MAX_RATIO = 100  # decompressed/compressed size a part may reach once past RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024  # bytes a part may always decompress to, whatever its ratio
MAX_MEMBERS = 10_000  # entries in the zip directory
CHUNK_BYTES = 64 * 1024  # bytes inflated per read while checking the limits above

# -- namespaces ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"  # Clark-notation prefix: W + "p" is the tag of a paragraph
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


class Package:
    """A .docx zip read with bounds on what each part and all parts decompress to."""

    def __init__(self, source: str | os.PathLike[str] | bytes) -> None:
        if isinstance(source, (bytes, bytearray, memoryview)):
            self.name = "the given data"
            fh: IO[bytes] = io.BytesIO(bytes(source))
        else:
            self.name = os.fspath(source)
            try:
                fh = open(self.name, "rb")  # noqa: SIM115 - closed by close()
            except OSError as exc:
                raise DocxError(f"cannot read {self.name}: {exc.strerror or exc}") from exc
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
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
        return out


def _has_doctype(data: bytes) -> bool:
    needle = "<!DOCTYPE"
    return any(needle.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be"))
