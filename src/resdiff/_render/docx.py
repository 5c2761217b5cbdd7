"""Word (.docx) output: the comparison as an ITU proposal, with real tracked changes.

Two kinds of marks (``RenderOptions.marks``):

``"tracked"``
    Word revisions: ``w:ins``/``w:del`` around runs, wholly added or suppressed
    paragraphs with their paragraph mark tracked too, moved paragraphs as
    ``w:moveFrom`` (old place) / ``w:moveTo`` (new place). Accept All in Word or
    LibreOffice gives the new text, Reject All the old one.
``"format"``
    plain runs: inserted text underlined, deleted text struck through, the way
    ITU proposals are printed. No revision elements.

The package is written with lxml and zipfile (python-docx cannot write
revisions): content types, relationships, document, styles, settings, font
table and core properties. Bytes are deterministic for the same comparison and
options: zip entries carry a fixed timestamp and a fixed order, and the only
clock read is ``options.date`` (now, when it is None).

Characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, lone
surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD so that any input renders.

>>> from resdiff._model import *
>>> doc = Document("a", Lang.EN, (Block("para_1", Role.PARAGRAPH, Span(0, 1), "a", Span(0, 1)),))
>>> seg = Segment(EditOp.EQUAL, "a", Span(0, 1), Span(0, 1))
>>> cmp = Comparison(doc, doc, (ClauseChange(ChangeOp.NOC, 0, 0, (seg,)),), Symbol.NOC)
>>> render(cmp, RenderOptions()).startswith(b"PK")
True
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._errors import InputError
from resdiff._model import ChangeOp, EditOp, Lang, Role
from resdiff._render import RenderOptions

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resdiff._model import Block, ClauseChange, Comparison, Document

__all__ = ["render", "write_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFDOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Every zip entry gets this timestamp (the earliest zip allows) so bytes do not
# depend on the clock.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Layout, in twentieths of a point (twips): 567 twips = 1 cm, ITU's usual
# hanging indent for "a)<TAB>text" items; one more step per nesting level.
_INDENT_STEP = 567
_MAX_INDENT_LEVELS = 4  # deeper levels share the last indent rather than run off the page

# Label of the Reasons placeholder, in the document's language (see
# itu-conventions.md §1: zh is verified, the others are the usual wording).
_REASONS = {
    Lang.EN: "Reasons:",
    Lang.ZH: "理由：",
    Lang.FR: "Motifs:",
    Lang.ES: "Motivos:",
    Lang.RU: "Основания:",
    Lang.AR: "الأسباب:",
}

# Fonts: ITU documents use Times New Roman; Chinese ones SimSun (宋体). Neither is
# on a stock Debian, so the font table names a fallback LibreOffice finds there
# (fonts-noto-cjk) and Word ignores when the real font is present.
_LATIN_FONT = "Times New Roman"
_CJK_FONT = "SimSun"
_CJK_FALLBACK = "Noto Serif CJK SC"
_LANG_TAG = {
    Lang.EN: "en-GB",
    Lang.ZH: "zh-CN",
    Lang.FR: "fr-FR",
    Lang.ES: "es-ES",
    Lang.RU: "ru-RU",
    Lang.AR: "ar-SA",
}

# XML 1.0 Char production, complemented: what must not reach the XML.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# TAB, and every line or page break a text may carry (VT is Word's manual line break, FF its page break)
_TEXT_PIECES = re.compile("(\t|\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])")


def _w(tag: str) -> str:
    return _W + tag


def _clean(text: str) -> str:
    """*text* with characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _ILLEGAL_XML.sub("\ufffd", text)


def _iso_date(options: RenderOptions) -> str:
    date = options.date or datetime.now(timezone.utc)
    if date.tzinfo is not None:
        date = date.astimezone(timezone.utc)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Writer:
    """Builds ``word/document.xml`` for one comparison; ids are handed out in order."""

    def __init__(self, comparison: Comparison, options: RenderOptions) -> None:
        if options.marks not in ("tracked", "format"):
            raise InputError(f"unknown docx marks {options.marks!r}; choose 'tracked' or 'format'")
        self.cmp = comparison
        self.tracked = options.marks == "tracked"
        self.author = _clean(options.author)
        self.date = _iso_date(options)
        self.options = options
        self.lang = comparison.new.lang
        self._next_id = 1
        self._next_move = 1
        self.body = etree.Element(_w("body"))

    # -- ids and revision attributes ------------------------------------------------

    def _rev(self, tag: str, parent: etree._Element | None = None) -> etree._Element:
        attrs = {_w("id"): str(self._next_id), _w("author"): self.author, _w("date"): self.date}
        self._next_id += 1
        if parent is None:
            return etree.Element(_w(tag), attrs)
        return etree.SubElement(parent, _w(tag), attrs)

    # -- runs ------------------------------------------------------------------------

    def _runs(self, parent: etree._Element, text: str, *, deleted: bool = False, fmt: str = "") -> None:
        """Append runs for *text* to *parent*: TABs and line breaks become their elements."""
        if not text:
            return
        run = etree.SubElement(parent, _w("r"))
        if fmt:
            rpr = etree.SubElement(run, _w("rPr"))
            if fmt == "u":
                etree.SubElement(rpr, _w("u"), {_w("val"): "single"})
            else:
                etree.SubElement(rpr, _w("strike"))
        for piece in _TEXT_PIECES.split(text):
            if not piece:
                continue
            if piece == "\t":
                etree.SubElement(run, _w("tab"))
            elif piece == "\x0c":
                etree.SubElement(run, _w("br"), {_w("type"): "page"})
            elif _TEXT_PIECES.fullmatch(piece):
                etree.SubElement(run, _w("br"))
            else:
                piece = _clean(piece)
                t = etree.SubElement(run, _w("delText" if deleted else "t"))
                t.text = piece
                if piece != piece.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def _ins_runs(self, p: etree._Element, text: str) -> None:
        if not text:
            return
        if self.tracked:
            self._runs(self._rev("ins", p), text)
        else:
            self._runs(p, text, fmt="u")

    def _del_runs(self, p: etree._Element, text: str) -> None:
        if not text:
            return
        if self.tracked:
            self._runs(self._rev("del", p), text, deleted=True)
        else:
            self._runs(p, text, fmt="s")

    # -- paragraphs ------------------------------------------------------------------

    def _paragraph(self, style: str, block: Block | None = None, mark: str = "") -> etree._Element:
        """A new ``w:p`` in *style*; *mark* ("ins", "del", "moveFrom", "moveTo") tracks its paragraph mark."""
        p = etree.SubElement(self.body, _w("p"))
        ppr = etree.SubElement(p, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle"), {_w("val"): style})
        if block is not None and block.label and block.role in (Role.ITEM, Role.FOOTNOTE, Role.REASONS):
            level = min(block.level, _MAX_INDENT_LEVELS - 1)
            left = _INDENT_STEP * (level + 1)
            tabs = etree.SubElement(ppr, _w("tabs"))
            etree.SubElement(tabs, _w("tab"), {_w("val"): "left", _w("pos"): str(left)})
            etree.SubElement(ppr, _w("ind"), {_w("left"): str(left), _w("hanging"): str(_INDENT_STEP)})
        if mark and self.tracked:
            rpr = etree.SubElement(ppr, _w("rPr"))
            self._rev(mark, rpr)
        return p

    def _style_for(self, block: Block) -> str:
        if block.role is Role.ITEM and not block.label:
            return "Normal"
        return _ROLE_STYLE.get(block.role, "Normal")

    def _change(self, change: ClauseChange) -> None:
        new_doc, old_doc = self.cmp.new, self.cmp.old
        if change.op is ChangeOp.SUP:
            block = old_doc.blocks[change.old]  # type: ignore[index]
            p = self._paragraph(self._style_for(block), block, "del")
            self._del_runs(p, "".join(s.text for s in change.segments if s.op is not EditOp.INSERT))
            return
        block = new_doc.blocks[change.new]  # type: ignore[index]
        if change.op is ChangeOp.ADD:
            p = self._paragraph(self._style_for(block), block, "ins")
            self._ins_runs(p, "".join(s.text for s in change.segments if s.op is not EditOp.DELETE))
            return
        if change.op is ChangeOp.MOVE:
            self._move(change, block, to=True)
            return
        p = self._paragraph(self._style_for(block), block)
        for seg in change.segments:
            if seg.op is EditOp.EQUAL:
                self._runs(p, seg.text)
            elif seg.op is EditOp.INSERT:
                self._ins_runs(p, seg.text)
            else:
                self._del_runs(p, seg.text)

    def _move(self, change: ClauseChange, block: Block, *, to: bool) -> None:
        """One side of a moved paragraph: its whole old text as moveFrom, or new text as moveTo.

        Edits made while moving are not tracked inside the move (a ``w:del``
        inside ``w:moveTo`` would survive Reject All at the new place); the two
        sides together still show them, and accept/reject stay exact.
        """
        name = f"move{change.old}_{change.new}"
        kind = "moveTo" if to else "moveFrom"
        skip = EditOp.DELETE if to else EditOp.INSERT
        text = "".join(s.text for s in change.segments if s.op is not skip)
        if not self.tracked:
            p = self._paragraph(self._style_for(block), block)
            (self._ins_runs if to else self._del_runs)(p, text)
            return
        p = self._paragraph(self._style_for(block), block, kind)
        range_id = str(self._next_id)
        self._next_id += 1
        start = etree.SubElement(
            p,
            _w(f"{kind}RangeStart"),
            {_w("id"): range_id, _w("author"): self.author, _w("date"): self.date, _w("name"): name},
        )
        del start  # placed; nothing more to set
        self._runs(self._rev(kind, p), text, deleted=not to)
        etree.SubElement(p, _w(f"{kind}RangeEnd"), {_w("id"): range_id})

    # -- the whole document ----------------------------------------------------------------

    def _order(self) -> list[tuple[str, ClauseChange]]:
        """Changes in reading order, each move's old side put back where it stood in the old text.

        A ``("from", change)`` entry goes right after the last non-moved
        change whose old block precedes the moved block (several moves after
        the same block keep their old order), so Reject All reads the old
        blocks in order.
        """
        items: list[tuple[str, ClauseChange]] = []
        moves = sorted(
            (c for c in self.cmp.changes if c.op is ChangeOp.MOVE and c.old is not None),
            key=lambda c: c.old,  # type: ignore[arg-type,return-value]
        )
        for change in self.cmp.changes:
            items.append(("to" if change.op is ChangeOp.MOVE else "at", change))
        for move in reversed(moves):
            at = 0
            for i, (kind, change) in enumerate(items):
                if kind == "at" and change.old is not None and change.old < move.old:  # type: ignore[operator]
                    at = i + 1
            # after any move-from already placed at that spot with a smaller old index
            while at < len(items) and items[at][0] == "from" and items[at][1].old < move.old:  # type: ignore[operator]
                at += 1
            items.insert(at, ("from", move))
        return items

    def _has_role(self, role: Role) -> bool:
        for change in self.cmp.changes:
            for doc, index in ((self.cmp.new, change.new), (self.cmp.old, change.old)):
                if index is not None and doc.blocks[index].role is role:
                    return True
        return False

    def _proposal_line(self) -> str:
        if self._has_role(Role.PROPOSAL):
            return ""  # the compared text carries its own symbol/ID line
        pid = self.options.proposal_id
        if not pid and self.cmp.new.proposals and self.cmp.new.proposals[0].id is not None:
            pid = self.cmp.new.proposals[0].id.text
        return f"{self.cmp.symbol.value}\t{pid}" if pid else ""

    def build(self) -> etree._Element:
        line = self._proposal_line()
        if line:
            p = self._paragraph("Proposal")
            self._runs(p, line)
        for kind, change in self._order():
            if kind == "from":
                block = self.cmp.old.blocks[change.old]  # type: ignore[index]
                self._move(change, block, to=False)
            else:
                self._change(change)
        if not self._has_role(Role.REASONS):
            p = self._paragraph("Reasons")
            self._runs(p, _REASONS.get(self.lang, _REASONS[Lang.EN]) + "\t")
        sect = etree.SubElement(self.body, _w("sectPr"))
        etree.SubElement(sect, _w("pgSz"), {_w("w"): "11907", _w("h"): "16840"})  # A4
        etree.SubElement(
            sect,
            _w("pgMar"),
            {_w("top"): "1134", _w("right"): "1134", _w("bottom"): "1134", _w("left"): "1134",
             _w("header"): "567", _w("footer"): "567", _w("gutter"): "0"},
        )  # fmt: skip
        doc = etree.Element(_w("document"), nsmap={"w": W_NS})
        doc.append(self.body)
        return doc


_ROLE_STYLE = {
    Role.PROPOSAL: "Proposal",
    Role.SUMMARY: "Normal",
    Role.HEADING: "ResNo",
    Role.TITLE: "Restitle",
    Role.HISTORY: "Resref",
    Role.OPENING: "Normalaftertitle",
    Role.SECTION: "Call",
    Role.ITEM: "Item",
    Role.FOOTNOTE: "FootnoteText",
    Role.ANNEX: "AnnexNo",
    Role.PARAGRAPH: "Normal",
    Role.REASONS: "Reasons",
}


def _styles(lang: Lang) -> etree._Element:
    """``word/styles.xml``: defaults (fonts, language) and one paragraph style per role."""
    root = etree.Element(_w("styles"), nsmap={"w": W_NS})
    defaults = etree.SubElement(root, _w("docDefaults"))
    rpr = etree.SubElement(etree.SubElement(defaults, _w("rPrDefault")), _w("rPr"))
    fonts = {
        _w("ascii"): _LATIN_FONT,
        _w("hAnsi"): _LATIN_FONT,
        _w("eastAsia"): _CJK_FONT,
        _w("cs"): _LATIN_FONT,
    }
    if lang is Lang.ZH:
        # full-width punctuation and quotes take the East Asian font
        fonts[_w("hint")] = "eastAsia"
    etree.SubElement(rpr, _w("rFonts"), fonts)
    etree.SubElement(rpr, _w("sz"), {_w("val"): "24"})  # 12 pt
    etree.SubElement(rpr, _w("szCs"), {_w("val"): "24"})
    etree.SubElement(
        rpr, _w("lang"), {_w("val"): _LANG_TAG.get(lang, "en-GB"), _w("eastAsia"): "zh-CN", _w("bidi"): "ar-SA"}
    )
    ppr = etree.SubElement(etree.SubElement(defaults, _w("pPrDefault")), _w("pPr"))
    etree.SubElement(ppr, _w("spacing"), {_w("before"): "120", _w("after"): "0"})

    def style(sid: str, name: str, *, center: bool = False, bold: bool = False, italic: bool = False,
              caps: bool = False, size: int = 0, keep: bool = False, before: int = -1) -> None:  # fmt: skip
        st = etree.SubElement(root, _w("style"), {_w("type"): "paragraph", _w("styleId"): sid})
        if sid == "Normal":
            st.set(_w("default"), "1")
        etree.SubElement(st, _w("name"), {_w("val"): name})
        if sid != "Normal":
            etree.SubElement(st, _w("basedOn"), {_w("val"): "Normal"})
            etree.SubElement(st, _w("qFormat"))
        sppr = etree.SubElement(st, _w("pPr"))
        if keep:
            etree.SubElement(sppr, _w("keepNext"))
        if before >= 0:
            etree.SubElement(sppr, _w("spacing"), {_w("before"): str(before)})
        if center:
            etree.SubElement(sppr, _w("jc"), {_w("val"): "center"})
        srpr = etree.SubElement(st, _w("rPr"))
        if bold:
            etree.SubElement(srpr, _w("b"))
            etree.SubElement(srpr, _w("bCs"))
        if italic:
            etree.SubElement(srpr, _w("i"))
            etree.SubElement(srpr, _w("iCs"))
        if caps:
            etree.SubElement(srpr, _w("caps"))
        if size:
            etree.SubElement(srpr, _w("sz"), {_w("val"): str(size)})
            etree.SubElement(srpr, _w("szCs"), {_w("val"): str(size)})

    style("Normal", "Normal")
    style("Proposal", "Proposal", bold=True, keep=True, before=240)
    # caps: ITU's English "ResNo" style; Chinese has no case and is left alone
    style("ResNo", "Res_No", center=True, bold=True, caps=lang is Lang.EN, keep=True, before=480)
    style("Restitle", "Res_title", center=True, bold=True, keep=True, before=240)
    style("Resref", "Res_ref", center=True, italic=True, keep=True)
    style("Normalaftertitle", "Normal after title", before=280)
    style("Call", "Call", italic=True, keep=True, before=160)
    style("Item", "Item")
    style("FootnoteText", "Footnote text (inline)", size=20)
    style("AnnexNo", "Annex_No", center=True, caps=lang is Lang.EN, keep=True, before=480)
    style("Reasons", "Reasons", before=240)
    return root


def _font_table() -> etree._Element:
    root = etree.Element(_w("fonts"), nsmap={"w": W_NS})
    font = etree.SubElement(root, _w("font"), {_w("name"): _LATIN_FONT})
    etree.SubElement(font, _w("family"), {_w("val"): "roman"})
    font = etree.SubElement(root, _w("font"), {_w("name"): _CJK_FONT})
    etree.SubElement(font, _w("altName"), {_w("val"): _CJK_FALLBACK})
    etree.SubElement(font, _w("charset"), {_w("val"): "86"})  # GB2312
    etree.SubElement(font, _w("family"), {_w("val"): "auto"})
    return root


def _settings() -> etree._Element:
    # No w:trackRevisions: the revisions in the body are kept and shown without
    # it; the flag would only make Word record the reader's *next* edits (such
    # as filling in the Reasons) as further changes to the resolution.
    root = etree.Element(_w("settings"), nsmap={"w": W_NS})
    etree.SubElement(root, _w("defaultTabStop"), {_w("val"): str(_INDENT_STEP)})
    etree.SubElement(root, _w("characterSpacingControl"), {_w("val"): "doNotCompress"})
    compat = etree.SubElement(root, _w("compat"))
    etree.SubElement(
        compat,
        _w("compatSetting"),
        {_w("name"): "compatibilityMode", _w("uri"): "http://schemas.microsoft.com/office/word", _w("val"): "15"},
    )
    return root


def _core(options: RenderOptions, title: str) -> etree._Element:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi})
    etree.SubElement(root, f"{{{dc}}}title").text = _clean(title)
    etree.SubElement(root, f"{{{dc}}}creator").text = _clean(options.author)
    date = _iso_date(options)
    for tag in ("created", "modified"):
        el = etree.SubElement(root, f"{{{dcterms}}}{tag}", {f"{{{xsi}}}type": "dcterms:W3CDTF"})
        el.text = date
    return root


def _content_types() -> etree._Element:
    root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    etree.SubElement(
        root, f"{{{_CT_NS}}}Default",
        Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml",
    )  # fmt: skip
    etree.SubElement(root, f"{{{_CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    for part, ctype in (
        ("/word/document.xml", f"{wml}.document.main+xml"),
        ("/word/styles.xml", f"{wml}.styles+xml"),
        ("/word/settings.xml", f"{wml}.settings+xml"),
        ("/word/fontTable.xml", f"{wml}.fontTable+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ):
        etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName=part, ContentType=ctype)
    return root


def _rels(targets: Iterable[tuple[str, str]]) -> etree._Element:
    root = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
    for n, (rtype, target) in enumerate(targets, 1):
        etree.SubElement(root, f"{{{_REL_NS}}}Relationship", Id=f"rId{n}", Type=rtype, Target=target)
    return root


def _title(doc: Document) -> str:
    if doc.heading is not None:
        return doc.blocks[doc.heading.block].text
    return doc.blocks[0].text if doc.blocks else ""


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    """The comparison as the bytes of a .docx file (see the module docstring)."""
    body = _Writer(comparison, options).build()
    parts = [
        ("[Content_Types].xml", _xml(_content_types())),
        (
            "_rels/.rels",
            _xml(
                _rels(
                    [
                        (f"{_OFFDOC_REL}/officeDocument", "word/document.xml"),
                        (
                            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                            "docProps/core.xml",
                        ),
                    ]
                )
            ),
        ),
        ("docProps/core.xml", _xml(_core(options, _title(comparison.new) or _title(comparison.old)))),
        ("word/document.xml", _xml(body)),
        (
            "word/_rels/document.xml.rels",
            _xml(
                _rels(
                    [
                        (f"{_OFFDOC_REL}/styles", "styles.xml"),
                        (f"{_OFFDOC_REL}/settings", "settings.xml"),
                        (f"{_OFFDOC_REL}/fontTable", "fontTable.xml"),
                    ]
                )
            ),
        ),
        ("word/styles.xml", _xml(_styles(comparison.new.lang))),
        ("word/settings.xml", _xml(_settings())),
        ("word/fontTable.xml", _xml(_font_table())),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def write_docx(comparison: Comparison, path: str | os.PathLike[str], options: RenderOptions | None = None) -> None:
    """Render *comparison* and write it to *path* atomically (all or nothing).

    The bytes go through :func:`resdiff._io.output.write_output`: a temporary
    file in the same directory renamed over *path*; on failure nothing is left
    behind and :class:`~resdiff._errors.OutputError` names *path*.
    """
    from resdiff._io.output import write_output

    write_output(path, render(comparison, options or RenderOptions()))
