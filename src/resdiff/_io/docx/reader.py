"""The document read into paragraphs of pieces, each piece knowing the sides it belongs to.

:class:`Reader` walks ``word/document.xml`` (and the footnotes and endnotes)
once and keeps, for every bit of text, whether it is on the old side, the new
side, and on which side manual underline/strike marks would put it; for every
paragraph, its numbering and style on each side (the old ones from
``w:pPrChange``, or none when ``w:numPr`` itself is inserted). Composing the
text of a side is the job of :mod:`resdiff._io.docx.views`.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from lxml import etree

from resdiff._errors import DocxError
from resdiff._io.docx.numbering import Numbering
from resdiff._io.docx.package import BadValueError, Package, W, decimal
from resdiff._io.docx.styles import Styles
from resdiff._io.docx.symbols import PUA_FIRST, PUA_LAST, is_symbol_font, symbol_char
from resdiff._ooxml import MC_NS

__all__ = ["NOTE_KINDS", "NoteFormat", "NoteKind", "Para", "Piece", "Reader", "read"]


@dataclass(frozen=True, slots=True)
class NoteKind:
    """Where the notes of one kind live and how they are marked."""

    reference: str  # the element that references a note in the text
    own_mark: str  # the element that stands for the note's number inside the note
    relationship: str  # the relationship type (last segment) of the notes part
    part: str  # the notes part's usual name, next to the main part
    fmt: str  # the number format when the document names none


#: footnotes first: their lines come before the endnotes' after the body
NOTE_KINDS = {
    "footnote": NoteKind("footnoteReference", "footnoteRef", "footnotes", "footnotes.xml", "decimal"),
    "endnote": NoteKind("endnoteReference", "endnoteRef", "endnotes", "endnotes.xml", "lowerRoman"),
}
_NOTE_REFS = {W + k.reference: name for name, k in NOTE_KINDS.items()}
_NOTE_MARKS = {W + k.own_mark for k in NOTE_KINDS.values()}
_SELF = "#self"  # the note id of a note's own mark (w:footnoteRef): its number starts the note's line


@dataclass(slots=True)
class Piece:
    """A bit of paragraph content and the sides it belongs to."""

    text: str
    old: bool  # by revisions
    new: bool
    manual_old: bool  # by underline/strike, used only in files without revisions
    manual_new: bool
    note: tuple[str, str] | None = None  # a note reference: (kind, id); ("", "#self") for a note's own mark

    @property
    def own_mark(self) -> bool:
        return self.note is not None and self.note[1] == _SELF


@dataclass
class Para:
    """A paragraph (or a table row) as read, before any side is chosen."""

    pieces: list[Piece] = field(default_factory=list)
    mark_old: bool = True  # the paragraph mark exists on the old side
    mark_new: bool = True
    num_old: tuple[str, int] | None = None  # (numId, ilvl) on the old side
    num_new: tuple[str, int] | None = None
    style_old: str = ""  # paragraph style id on the old side ("" = none named)
    style_new: str = ""
    row: list[list[Para]] | None = None  # a table row: cells of paragraphs
    row_old: bool = True
    row_new: bool = True


@dataclass(frozen=True, slots=True)
class NoteFormat:
    """How the notes of one kind are numbered (``w:footnotePr``/``w:endnotePr``)."""

    fmt: str
    start: int = 1


def _on(el: etree._Element | None) -> bool:
    """A WordprocessingML on/off property that is set and not turned off."""
    if el is None:
        return False
    return el.get(W + "val", "true").lower() not in ("false", "0", "off", "none")


_T = TypeVar("_T")


class Reader:
    """One pass over the package: the body and notes as :class:`Para` lists, plus what was seen."""

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

        styles = part("styles", "styles.xml")
        self.styles = self._checked(styles, Styles)
        numbering = part("numbering", "numbering.xml")
        self.numbering = self._checked(numbering, lambda root: Numbering(root, self.styles.list_styles))
        self.revisions = False  # real revision elements seen
        self.manual = False  # manual underline/strike runs seen
        body = pkg.xml(main).find(W + "body")
        self.body: list[Para] = self._checked_blocks(main, body)
        self.notes: dict[str, dict[str, list[Para]]] = {}
        self.note_formats = {name: NoteFormat(kind.fmt) for name, kind in NOTE_KINDS.items()}
        settings = part("settings", "settings.xml")
        if settings:
            self._note_formats(settings, pkg.xml(settings))
        if body is not None:
            sect = body.find(W + "sectPr")
            if sect is not None:
                self._note_formats(main, sect)
        for name, kind in NOTE_KINDS.items():
            self.notes[name] = {}
            notes_part = part(kind.relationship, kind.part)
            if not notes_part:
                continue
            for note in pkg.xml(notes_part).iter(W + name):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                self.notes[name][note.get(W + "id", "")] = self._checked_blocks(notes_part, note)

    def _checked(self, part: str | None, make: Callable[[etree._Element | None], _T]) -> _T:
        """``make(root of part)`` (``make(None)`` without the part), a bad value reported with file and part."""
        try:
            return make(self.pkg.xml(part) if part else None)
        except BadValueError as exc:
            raise DocxError(f"{self.pkg.name} part {part}: {exc}") from None

    def _checked_blocks(self, part: str, container: etree._Element | None) -> list[Para]:
        if container is None:
            return []
        try:
            return self._blocks(container)
        except BadValueError as exc:
            raise DocxError(f"{self.pkg.name} part {part}: {exc}") from None

    def _note_formats(self, part: str, holder: etree._Element) -> None:
        """``w:footnotePr``/``w:endnotePr`` in *holder* (settings or the body's section) set the numbering."""
        for kind, current in list(self.note_formats.items()):
            pr = holder.find(f"{W}{kind}Pr")
            if pr is None:
                continue
            fmt_el, start_el = pr.find(W + "numFmt"), pr.find(W + "numStart")
            fmt = current.fmt if fmt_el is None else fmt_el.get(W + "val", current.fmt)
            try:
                start = current.start if start_el is None else decimal(start_el.get(W + "val"), 1, "w:numStart")
            except BadValueError as exc:
                raise DocxError(f"{self.pkg.name} part {part}: {exc}") from None
            self.note_formats[kind] = NoteFormat(fmt, start)

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

    def _style_and_number(
        self, ppr: etree._Element | None, *, numpr_inserted: bool = False
    ) -> tuple[str, tuple[str, int] | None]:
        """(style id, (numId, ilvl) or None) of paragraph properties *ppr* (a ``w:pPr``)."""
        if ppr is None:
            return "", None
        style = ppr.find(W + "pStyle")
        style_id = style.get(W + "val", "") if style is not None else ""
        style_num = self.styles.numbering.get(style_id) if style is not None else None
        numpr = None if numpr_inserted else ppr.find(W + "numPr")
        if numpr is not None:
            num_id = numpr.find(W + "numId")
            ilvl = numpr.find(W + "ilvl")
            nid = num_id.get(W + "val", "") if num_id is not None else (style_num[0] if style_num else "")
            lvl = style_num[1] if style_num else 0
            if ilvl is not None:
                lvl = decimal(ilvl.get(W + "val"), 0, "w:ilvl")
            return style_id, ((nid, lvl) if nid and nid != "0" else None)
        if style_num is not None:
            return style_id, (style_num if style_num[0] != "0" else None)
        return style_id, None

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
            para.style_new, para.num_new = self._style_and_number(ppr)
            change = ppr.find(f"{W}pPrChange/{W}pPr")
            if change is not None:  # the properties before the change: Reject All restores them
                para.style_old, para.num_old = self._style_and_number(change)
            elif ppr.find(f"{W}numPr/{W}ins") is not None:  # the numbering itself is inserted
                para.style_old, para.num_old = self._style_and_number(ppr, numpr_inserted=True)
            else:
                para.style_old, para.num_old = para.style_new, para.num_new
            if para.num_old != para.num_new:
                self.revisions = True
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
        font: str | None = None
        if rpr is not None:
            u = rpr.find(W + "u")
            underline = u is not None and u.get(W + "val", "single") != "none"
            struck = _on(rpr.find(W + "strike")) or _on(rpr.find(W + "dstrike"))
            fonts = rpr.find(W + "rFonts")
            if fonts is not None:
                font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "cs")
        if underline or struck:
            self.manual = True
        # manual presence, applied later only if the file has no real revisions
        m_old = not underline or struck
        m_new = not struck
        symbol_font = is_symbol_font(font)

        def add(text: str, note: tuple[str, str] | None = None) -> None:
            if "instr" not in fields:
                para.pieces.append(Piece(text, old, new, old and m_old, new and m_new, note))

        for child in r:
            tag = child.tag
            if tag in (W + "t", W + "delText"):
                text = child.text or ""
                if symbol_font and any(PUA_FIRST <= ord(ch) <= PUA_LAST for ch in text):
                    text = "".join(symbol_char(ch, font) for ch in text)
                add(text)
            elif tag in (W + "tab", W + "ptab"):
                add("\t")
            elif tag in (W + "br", W + "cr"):
                add("\n")
            elif tag == W + "noBreakHyphen":
                add("\u2011")
            elif tag == W + "sym":
                add(symbol_char(_sym_char(child.get(W + "char")), child.get(W + "font")))
            elif tag in _NOTE_REFS:
                if child.get(W + "customMarkFollows", "0").lower() in ("1", "true", "on"):
                    continue  # the mark is the text that follows
                add("", note=(_NOTE_REFS[tag], child.get(W + "id", "")))
            elif tag in _NOTE_MARKS:
                add("", note=("", _SELF))
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()


def _sym_char(code: str | None) -> str:
    """The character a ``w:sym/@w:char`` (hexadecimal) names; :class:`BadValueError` when it names none."""
    text = (code or "").strip()
    shown = text if len(text) <= 12 else text[:12] + "…"
    if not text or len(text) > 8 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise BadValueError(f"w:sym w:char {shown!r} is not a hexadecimal character code")
    value = int(text, 16)
    if value > 0x10FFFF:
        raise BadValueError(f"w:sym w:char {shown!r} is beyond the last Unicode code point (10FFFF)")
    if 0xD800 <= value <= 0xDFFF:
        raise BadValueError(f"w:sym w:char {shown!r} is a UTF-16 surrogate, not a character")
    return chr(value)


def read(source: str | os.PathLike[str] | bytes) -> Reader:
    """Open *source*, read it whole into a :class:`Reader`, and close it."""
    pkg = Package(source)
    try:
        return Reader(pkg)
    finally:
        pkg.close()
