"""The document read into paragraphs of pieces, each piece knowing the sides it belongs to.

:class:`Reader` walks ``word/document.xml`` (and the footnotes) once and keeps,
for every bit of text, whether it is on the old side, the new side, and on
which side manual underline/strike marks would put it. Composing the text of a
side is the job of :mod:`resdiff._io.docx.views`.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

from lxml import etree

from resdiff._errors import DocxError
from resdiff._io.docx.numbering import BULLET_PUA, Numbering, int_or
from resdiff._io.docx.package import MC_NS, Package, W
from resdiff._io.docx.styles import Styles

__all__ = ["Para", "Piece", "Reader", "read"]


@dataclass(slots=True)
class Piece:
    """A bit of paragraph content and the sides it belongs to."""

    text: str
    old: bool  # by revisions
    new: bool
    manual_old: bool  # by underline/strike, used only in files without revisions
    manual_new: bool
    footnote: str = ""  # a footnote reference: the footnote id ("#self" for a footnote's own mark)


@dataclass
class Para:
    """A paragraph (or a table row) as read, before any side is chosen."""

    pieces: list[Piece] = field(default_factory=list)
    mark_old: bool = True  # the paragraph mark exists on the old side
    mark_new: bool = True
    num: tuple[str, int] | None = None  # (numId, ilvl)
    row: list[list[Para]] | None = None  # a table row: cells of paragraphs
    row_old: bool = True
    row_new: bool = True


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property that is set and not turned off."""
    if el is None:
        return False
    return el.get(W + "val", "true").lower() not in ("false", "0", "off", "none")


class Reader:
    """One pass over the package: the body and footnotes as :class:`Para` lists, plus what was seen."""

    def __init__(self, pkg: Package) -> None:
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
        self.numbering = Numbering(pkg.xml(numbering) if numbering else None)
        styles = part("styles", "styles.xml")
        self.styles = Styles(pkg.xml(styles) if styles else None)
        self.revisions = False  # real revision elements seen
        self.manual = False  # manual underline/strike runs seen
        self.footnotes: dict[str, list[Para]] = {}
        footnotes = part("footnotes", "footnotes.xml")
        body = pkg.xml(main).find(W + "body")
        self.body: list[Para] = self._blocks(body) if body is not None else []
        if footnotes:
            for fn in pkg.xml(footnotes).iter(W + "footnote"):
                if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                self.footnotes[fn.get(W + "id", "")] = self._blocks(fn)

    # -- blocks ----------------------------------------------------------------------------

    def _blocks(self, container: etree._Element) -> list[Para]:
        out: list[Para] = []
        for child in container:
            tag = child.tag
            if tag == W + "p":
                out.append(self._paragraph(child))
            elif tag == W + "tbl":
                out.extend(self._table(child))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    out.extend(self._blocks(content))
            elif tag in (W + "customXml", W + "ins", W + "del", W + "moveTo", W + "moveFrom"):
                out.extend(self._blocks(child))
        return out

    def _table(self, tbl: etree._Element) -> list[Para]:
        rows = []
        for tr in tbl.iter(W + "tr"):
            parent = tr.getparent()
            if parent is not tbl and (parent is None or parent.tag != W + "sdtContent"):
                continue  # rows of nested tables are read as part of their cell
            trpr = tr.find(W + "trPr")
            row_old = row_new = True
            if trpr is not None:
                if trpr.find(W + "ins") is not None:
                    row_old, self.revisions = False, True
                if trpr.find(W + "del") is not None:
                    row_new, self.revisions = False, True
            cells = [self._blocks(tc) for tc in tr if tc.tag in (W + "tc",)]
            cells += [self._blocks(tc) for sdt in tr.iter(W + "sdtContent") for tc in sdt if tc.tag == W + "tc"]
            rows.append(Para(row=cells, row_old=row_old, row_new=row_new))
        return rows

    def _paragraph(self, p: etree._Element) -> Para:
        para = Para()
        ppr = p.find(W + "pPr")
        if ppr is not None:
            mark = ppr.find(W + "rPr")
            if mark is not None:
                if mark.find(W + "ins") is not None or mark.find(W + "moveTo") is not None:
                    para.mark_old, self.revisions = False, True
                if mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None:
                    para.mark_new, self.revisions = False, True
            numpr = ppr.find(W + "numPr")
            style = ppr.find(W + "pStyle")
            style_num = self.styles.numbering.get(style.get(W + "val", "")) if style is not None else None
            if numpr is not None:
                num_id = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                nid = num_id.get(W + "val", "") if num_id is not None else (style_num[0] if style_num else "")
                lvl = int_or(ilvl.get(W + "val"), 0) if ilvl is not None else (style_num[1] if style_num else 0)
                para.num = (nid, lvl) if nid and nid != "0" else None
            elif style_num is not None:
                para.num = style_num if style_num[0] != "0" else None
        fields: list[str] = []  # stack of "instr"/"result" for complex fields
        self._inline(p, para, old=True, new=True, fields=fields)
        return para

    def _inline(self, el: etree._Element, para: Para, *, old: bool, new: bool, fields: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "r":
                self._run(child, para, old=old, new=new, fields=fields)
            elif tag in (W + "ins", W + "moveTo"):
                self.revisions = True
                self._inline(child, para, old=False, new=new, fields=fields)
            elif tag in (W + "del", W + "moveFrom"):
                self.revisions = True
                self._inline(child, para, old=old, new=False, fields=fields)
            elif tag in (W + "pPr", W + "rPr") or tag.startswith(f"{{{MC_NS}}}"):
                continue
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, para, old=old, new=new, fields=fields)
            else:
                # hyperlink, fldSimple (its runs are the field result), smartTag, customXml, dir, bdo, …
                self._inline(child, para, old=old, new=new, fields=fields)

    def _run(self, r: etree._Element, para: Para, *, old: bool, new: bool, fields: list[str]) -> None:
        rpr = r.find(W + "rPr")
        underline = struck = False
        if rpr is not None:
            u = rpr.find(W + "u")
            underline = u is not None and u.get(W + "val", "single") != "none"
            struck = _on(rpr.find(W + "strike")) or _on(rpr.find(W + "dstrike"))
        if underline or struck:
            self.manual = True
        # manual presence, applied later only if the file has no real revisions
        m_old = not underline or struck
        m_new = not struck

        def add(text: str, footnote: str = "") -> None:
            if "instr" not in fields:
                para.pieces.append(Piece(text, old, new, old and m_old, new and m_new, footnote))

        for child in r:
            tag = child.tag
            if tag in (W + "t", W + "delText"):
                add(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                add("\t")
            elif tag in (W + "br", W + "cr"):
                add("\n")
            elif tag == W + "noBreakHyphen":
                add("\u2011")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                add(BULLET_PUA.get(ch, ch))
            elif tag == W + "footnoteReference":
                if child.get(W + "customMarkFollows", "0").lower() in ("1", "true", "on"):
                    continue  # the mark is the text that follows
                add("", footnote=child.get(W + "id", ""))
            elif tag == W + "footnoteRef":
                add("", footnote="#self")
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()


def read(source: str | os.PathLike[str] | bytes) -> Reader:
    """Open *source*, read it whole into a :class:`Reader`, and close it."""
    pkg = Package(source)
    try:
        return Reader(pkg)
    finally:
        pkg.close()
