"""Reading Word (.docx) files: the text a reader sees, and the old/new sides of marked proposals.

:func:`read_docx` gives both sides of a proposal:

* ``new`` is what Accept All shows, ``old`` what Reject All shows. Revisions
  are ``w:ins``/``w:moveTo`` (new side only) and ``w:del``/``w:moveFrom`` (old
  side only), nested ones included (text inserted then deleted is on neither
  side). A paragraph whose mark is inserted (``w:pPr/w:rPr/w:ins``) runs into
  the next one on the old side; a deleted mark does so on the new side.
* Manual marks, as printed proposals carry them: a run with direct underline
  (``w:u`` other than ``none``) is inserted, one with ``w:strike``/``w:dstrike``
  deleted (strike wins when both are set). They count **only when the file has
  no revision elements** (``w:ins``, ``w:del``, moves, tracked paragraph marks
  or table rows): in a file with real revisions underline is formatting. Only
  direct run formatting counts, not character styles, so hyperlinks (underlined
  by their style) stay text. With manual marks a paragraph whose text is all
  underlined is left out of the old side, one all struck out of the new side.

:func:`read_docx_text` gives the text as displayed with the changes shown: both
deleted and inserted text, side by side with no separator, every paragraph, as
a plain-text export of a marked proposal looks. For files without marks it is
``read_docx(...).new``.

What becomes what, in every view: one paragraph per line (``\\n`` between them,
one at the end); ``w:tab`` is TAB; ``w:br``/``w:cr`` end the line (a reader
sees a new line there); automatic numbering becomes the label as shown (``a)``,
``1``, ``iii.``, bullets) followed by its suffix (TAB by default); a footnote
reference becomes its number and the footnote texts follow the body, one line
each, as ``N<TAB>text``; a table row is one line with its cells joined by TAB
(paragraphs inside a cell joined by a space); field codes are skipped and
their results kept; drawings, text boxes, comments, headers, footers and
endnotes are not read.

Safety: the zip is read member by member in bounded chunks, never trusting the
sizes it declares, and a member or the whole read beyond the limits below is
refused; every XML part is parsed without entities, DTDs or network and any
part with a DOCTYPE is refused. Every failure is a
:class:`~resdiff._errors.DocxError` naming the file.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
...                'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>')
>>> read_docx_text(buf.getvalue())
'Hi\\n'
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

from resdiff._errors import DocxError

__all__ = ["DocxSides", "read_docx", "read_docx_text"]

# -- limits ------------------------------------------------------------------------------

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # decompressed bytes read from one file, all parts together
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # decompressed bytes of one part
MAX_RATIO = 100  # decompressed/compressed size a part may reach once past RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024  # bytes a part may always decompress to, whatever its ratio
MAX_MEMBERS = 10_000  # entries in the zip directory
_CHUNK = 64 * 1024

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass(frozen=True, slots=True)
class DocxSides:
    """The two sides of a (possibly marked) Word document, as plain text."""

    old: str  # Reject All view (manual marks: struck text kept, underlined dropped)
    new: str  # Accept All view
    tracked: bool  # the file carried revisions, or manual underline/strike marks taken as changes


# -- the zip -------------------------------------------------------------------------------


class _Package:
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
        info = self.members[part]
        out = bytearray()
        limit = MAX_MEMBER_BYTES
        try:
            with self.zip.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
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
        if root.getroottree().docinfo.doctype:
            raise DocxError(f"{self.name} part {part} has a DOCTYPE, which Word files never need; refusing it")
        return root

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type suffix, target part) for *part* ("" = the package)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has(rels_part):
            return {}
        out = {}
        for rel in self.xml(rels_part).iter(f"{{{_REL_NS}}}Relationship"):
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


# -- numbering -----------------------------------------------------------------------------

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_BULLET_PUA = {"\uf0b7": "•", "\uf0a7": "▪", "\uf02d": "-", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖"}


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and every format not listed above


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"


class _Numbering:
    """``word/numbering.xml``: level definitions per numId, and counters per view."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iter(_W + "abstractNum"):
            abstract[an.get(_W + "abstractNumId", "")] = {
                int(lvl.get(_W + "ilvl", "0")): _read_level(lvl) for lvl in an.iter(_W + "lvl")
            }
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val", "") if ref is not None else "", {}))
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _read_level(lvl)
                start = override.find(_W + "startOverride")
                if start is not None:
                    base = levels.get(ilvl, _Level())
                    levels[ilvl] = _Level(_int(start.get(_W + "val"), 1), base.fmt, base.text, base.suffix)
            self.levels[num.get(_W + "numId", "")] = levels

    def labeller(self) -> _Labeller:
        return _Labeller(self)


class _Labeller:
    """Counters of one view: numId -> ilvl -> current value."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.numbering.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = levels.get(k, _Level())
                value = counters.get(k, lv.start)
                text = text.replace(token, _format_number(value, lv.fmt))
        if level.fmt == "bullet":
            text = "".join(_BULLET_PUA.get(ch, ch) for ch in text)
        return text + level.suffix if text else ""


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_level(lvl: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        el = lvl.find(_W + tag)
        return None if el is None else el.get(_W + "val")

    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(val("suff") or "tab", "\t")
    return _Level(_int(val("start"), 1), val("numFmt") or "decimal", val("lvlText") or "", suffix)


# -- the document model read ----------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    """A bit of paragraph content and the sides it belongs to."""

    text: str
    old: bool  # by revisions
    new: bool
    manual_old: bool  # by underline/strike, used only in files without revisions
    manual_new: bool
    footnote: str = ""  # a footnote reference: the footnote id ("#self" for a footnote's own mark)


@dataclass
class _Para:
    pieces: list[_Piece] = field(default_factory=list)
    mark_old: bool = True  # the paragraph mark exists on the old side
    mark_new: bool = True
    num: tuple[str, int] | None = None  # (numId, ilvl)
    row: list[list[_Para]] | None = None  # a table row: cells of paragraphs
    row_old: bool = True
    row_new: bool = True


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property that is set and not turned off."""
    if el is None:
        return False
    return el.get(_W + "val", "true").lower() not in ("false", "0", "off", "none")


class _Reader:
    def __init__(self, pkg: _Package) -> None:
        self.pkg = pkg
        rels = pkg.relationships("")
        main = next((t for kind, t in rels.values() if kind == "officeDocument"), "word/document.xml")
        if not pkg.has(main):
            main = "word/document.xml"
        if not pkg.has(main):
            raise DocxError(f"{pkg.name} is not a Word document (it has no word/document.xml)")
        self.main = main
        parts = {kind: target for kind, target in pkg.relationships(main).values()}
        folder = posixpath.dirname(main)

        def part(kind: str, default: str) -> str | None:
            name = parts.get(kind) or posixpath.join(folder, default)
            return name if pkg.has(name) else None

        numbering = part("numbering", "numbering.xml")
        self.numbering = _Numbering(pkg.xml(numbering) if numbering else None)
        styles = part("styles", "styles.xml")
        self.style_num = self._style_numbering(pkg.xml(styles)) if styles else {}
        self.revisions = False  # real revision elements seen
        self.manual = False  # manual underline/strike runs seen
        self.footnotes: dict[str, list[_Para]] = {}
        footnotes = part("footnotes", "footnotes.xml")
        body = pkg.xml(main).find(_W + "body")
        self.body: list[_Para] = self._blocks(body) if body is not None else []
        if footnotes:
            for fn in pkg.xml(footnotes).iter(_W + "footnote"):
                if fn.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                self.footnotes[fn.get(_W + "id", "")] = self._blocks(fn)

    @staticmethod
    def _style_numbering(root: etree._Element) -> dict[str, tuple[str, int]]:
        """Paragraph style id -> (numId, ilvl) for styles that number their paragraphs (basedOn followed)."""
        direct: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in root.iter(_W + "style"):
            sid = st.get(_W + "styleId", "")
            b = st.find(_W + "basedOn")
            if b is not None:
                based[sid] = b.get(_W + "val", "")
            numpr = st.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                num_id = numpr.find(_W + "numId")
                ilvl = numpr.find(_W + "ilvl")
                direct[sid] = (
                    None if num_id is None else num_id.get(_W + "val"),
                    None if ilvl is None else _int(ilvl.get(_W + "val"), 0),
                )
        out = {}
        for sid in set(direct) | set(based):
            num_id: str | None = None
            ilvl: int | None = None
            seen = set()
            cur: str | None = sid
            while cur and cur not in seen:
                seen.add(cur)
                n, lv = direct.get(cur, (None, None))
                num_id = num_id if num_id is not None else n
                ilvl = ilvl if ilvl is not None else lv
                cur = based.get(cur)
            if num_id is not None:
                out[sid] = (num_id, ilvl or 0)
        return out

    # -- blocks ----------------------------------------------------------------------------

    def _blocks(self, container: etree._Element) -> list[_Para]:
        out: list[_Para] = []
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                out.append(self._paragraph(child))
            elif tag == _W + "tbl":
                out.extend(self._table(child))
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    out.extend(self._blocks(content))
            elif tag in (_W + "customXml", _W + "ins", _W + "del", _W + "moveTo", _W + "moveFrom"):
                out.extend(self._blocks(child))
        return out

    def _table(self, tbl: etree._Element) -> list[_Para]:
        rows = []
        for tr in tbl.iter(_W + "tr"):
            if tr.getparent() is not tbl and tr.getparent().tag != _W + "sdtContent":
                continue  # rows of nested tables are read as part of their cell
            trpr = tr.find(_W + "trPr")
            row_old = row_new = True
            if trpr is not None:
                if trpr.find(_W + "ins") is not None:
                    row_old, self.revisions = False, True
                if trpr.find(_W + "del") is not None:
                    row_new, self.revisions = False, True
            cells = [self._blocks(tc) for tc in tr if tc.tag in (_W + "tc",)]
            cells += [self._blocks(tc) for sdt in tr.iter(_W + "sdtContent") for tc in sdt if tc.tag == _W + "tc"]
            rows.append(_Para(row=cells, row_old=row_old, row_new=row_new))
        return rows

    def _paragraph(self, p: etree._Element) -> _Para:
        para = _Para()
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            mark = ppr.find(_W + "rPr")
            if mark is not None:
                if mark.find(_W + "ins") is not None or mark.find(_W + "moveTo") is not None:
                    para.mark_old, self.revisions = False, True
                if mark.find(_W + "del") is not None or mark.find(_W + "moveFrom") is not None:
                    para.mark_new, self.revisions = False, True
            numpr = ppr.find(_W + "numPr")
            style = ppr.find(_W + "pStyle")
            style_num = self.style_num.get(style.get(_W + "val", "")) if style is not None else None
            if numpr is not None:
                num_id = numpr.find(_W + "numId")
                ilvl = numpr.find(_W + "ilvl")
                nid = num_id.get(_W + "val", "") if num_id is not None else (style_num[0] if style_num else "")
                lvl = _int(ilvl.get(_W + "val"), 0) if ilvl is not None else (style_num[1] if style_num else 0)
                para.num = (nid, lvl) if nid and nid != "0" else None
            elif style_num is not None:
                para.num = style_num if style_num[0] != "0" else None
        fields: list[str] = []  # stack of "instr"/"result" for complex fields
        self._inline(p, para, old=True, new=True, fields=fields)
        return para

    def _inline(self, el: etree._Element, para: _Para, *, old: bool, new: bool, fields: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "r":
                self._run(child, para, old=old, new=new, fields=fields)
            elif tag in (_W + "ins", _W + "moveTo"):
                self.revisions = True
                self._inline(child, para, old=False, new=new, fields=fields)
            elif tag in (_W + "del", _W + "moveFrom"):
                self.revisions = True
                self._inline(child, para, old=old, new=False, fields=fields)
            elif tag in (_W + "pPr", _W + "rPr") or tag.startswith(f"{{{_MC_NS}}}"):
                continue
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._inline(content, para, old=old, new=new, fields=fields)
            else:
                # hyperlink, fldSimple (its runs are the field result), smartTag, customXml, dir, bdo, …
                self._inline(child, para, old=old, new=new, fields=fields)

    def _run(self, r: etree._Element, para: _Para, *, old: bool, new: bool, fields: list[str]) -> None:
        rpr = r.find(_W + "rPr")
        underline = struck = False
        if rpr is not None:
            u = rpr.find(_W + "u")
            underline = u is not None and u.get(_W + "val", "single") != "none"
            struck = _on(rpr.find(_W + "strike")) or _on(rpr.find(_W + "dstrike"))
        if underline or struck:
            self.manual = True
        # manual presence, applied later only if the file has no real revisions
        m_old = not underline or struck
        m_new = not struck

        def add(text: str, footnote: str = "") -> None:
            if "instr" not in fields:
                para.pieces.append(_Piece(text, old, new, old and m_old, new and m_new, footnote))

        for child in r:
            tag = child.tag
            if tag in (_W + "t", _W + "delText"):
                add(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                add("\t")
            elif tag in (_W + "br", _W + "cr"):
                add("\n")
            elif tag == _W + "noBreakHyphen":
                add("\u2011")
            elif tag == _W + "sym":
                code = child.get(_W + "char", "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                add(_BULLET_PUA.get(ch, ch))
            elif tag == _W + "footnoteReference":
                if child.get(_W + "customMarkFollows", "0").lower() in ("1", "true", "on"):
                    continue  # the mark is the text that follows
                add("", footnote=child.get(_W + "id", ""))
            elif tag == _W + "footnoteRef":
                add("", footnote="#self")
            elif tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()


def _read(source: str | os.PathLike[str] | bytes) -> _Reader:
    pkg = _Package(source)
    try:
        return _Reader(pkg)
    finally:
        pkg.close()


# -- views -----------------------------------------------------------------------------------


class _View:
    """Composes the text of one view: "old", "new" or "shown" (everything, as displayed)."""

    def __init__(self, reader: _Reader, side: str) -> None:
        self.reader = reader
        self.side = side
        self.manual = side != "shown" and reader.manual and not reader.revisions
        self.labeller = reader.numbering.labeller()
        self.footnote_numbers: dict[str, int] = {}

    def _present(self, piece: _Piece) -> bool:
        if self.side == "shown":
            return True
        if self.manual:
            return piece.manual_old if self.side == "old" else piece.manual_new
        return piece.old if self.side == "old" else piece.new

    def _mark(self, para: _Para) -> bool:
        if self.side == "shown":
            return True
        return para.mark_old if self.side == "old" else para.mark_new

    def _row(self, para: _Para) -> bool:
        if self.side == "shown":
            return True
        return para.row_old if self.side == "old" else para.row_new

    def _text(self, para: _Para) -> str:
        out = []
        for piece in para.pieces:
            if not self._present(piece) or piece.footnote == "#self":
                continue  # a footnote's own mark: the line gets the number in front
            if piece.footnote:
                number = self.footnote_numbers.setdefault(piece.footnote, len(self.footnote_numbers) + 1)
                out.append(str(number))
            else:
                out.append(piece.text)
        return "".join(out)

    def _dropped(self, para: _Para) -> bool:
        """With manual marks, a paragraph whose text is all on the other side is not on this one."""
        if not self.manual:
            return False
        visible = [p for p in para.pieces if p.text.strip()]
        return bool(visible) and not any(self._present(p) for p in visible)

    def lines(self, paras: list[_Para]) -> list[str]:
        lines: list[str] = []
        pending: list[str] = []
        group: list[_Para] = []
        for para in paras:
            if para.row is not None:
                if group:
                    lines.append(self._label(group) + "".join(pending))
                    pending, group = [], []
                if self._row(para):
                    lines.append("\t".join(" ".join(self.lines(cell)) for cell in para.row))
                continue
            if self._dropped(para):
                continue
            pending.append(self._text(para))
            group.append(para)
            if self._mark(para):
                lines.append(self._label(group) + "".join(pending))
                pending, group = [], []
        if group:
            lines.append(self._label(group) + "".join(pending))
        return lines

    def _label(self, group: list[_Para]) -> str:
        # the paragraph mark that survives carries the paragraph's properties, numbering included
        num = group[-1].num
        return self.labeller.label(*num) if num is not None else ""

    def text(self) -> str:
        lines = self.lines(self.reader.body)
        done: set[str] = set()
        # footnotes in the order of their numbers; a footnote's text may reference others
        while len(done) < len(self.footnote_numbers):
            for fid, number in sorted(self.footnote_numbers.items(), key=lambda kv: kv[1]):
                if fid in done:
                    continue
                done.add(fid)
                body = " ".join(self.lines(self.reader.footnotes.get(fid, []))).lstrip()
                lines.append(f"{number}\t{body}")
        return "".join(line + "\n" for line in lines)


def read_docx(source: str | os.PathLike[str] | bytes) -> DocxSides:
    """The old (Reject All) and new (Accept All) text of a Word file, one paragraph a line.

    *source* is a path or the file's bytes. Raises
    :class:`~resdiff._errors.DocxError` for anything that is not a sound .docx.
    """
    reader = _read(source)
    tracked = reader.revisions or reader.manual
    return DocxSides(_View(reader, "old").text(), _View(reader, "new").text(), tracked)


def read_docx_text(source: str | os.PathLike[str] | bytes) -> str:
    """The text of a Word file as displayed, tracked or marked changes shown side by side.

    Equals ``read_docx(source).new`` for a file without marks.
    """
    return _View(_read(source), "shown").text()
