"""The merged draft as a Word (.docx) file with tracked changes, one revision author per proposal.

Each paragraph is one line of the merged draft, in the draft's order:

* a change applied from the proposals is a ``w:ins``/``w:del`` whose author is
  the proposal that makes it, so Word and LibreOffice colour the proposals
  apart and can accept or reject them by author; a change several proposals
  make alike has their names joined as its author (``ECP, APT``), so
  rejecting one proposal's changes leaves what another proposes too, and the
  agreed changes can be accepted together;
* an added provision has its paragraph mark inserted, a suppressed one its
  mark deleted; a provision moved without conflict is a deleted paragraph
  where it stood and an inserted one at its new place;
* a conflict is the BASE text of the disputed region deleted and the
  bracketed alternatives inserted: the brackets and names, and BASE's own
  text among the alternatives, under ``RenderOptions.author`` (``resdiff``),
  each proposal's reading under that proposal's name.

So Accept All gives ``Compilation.merged`` (with one proposal: that
proposal's text) and Reject All gives BASE. The bytes are deterministic for
the same compilation and options (fixed zip timestamps; the only clock read
is ``options.date``, now when it is None). Characters XML 1.0 forbids are
replaced by U+FFFD.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._compile.model import BASE_NAME, MergeOp, ProvisionStatus
from resdiff._compile.render.common import title
from resdiff._model import ChangeOp, Role

if TYPE_CHECKING:
    from resdiff._compile.model import Alternative, Compilation, Piece, Provision
    from resdiff._model import Block
    from resdiff._render import RenderOptions

__all__ = ["W_NS", "render"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFDOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # every zip entry's timestamp: bytes do not depend on the clock

_INDENT_STEP = 567  # twips (1 cm): ITU's hanging indent for "a)<TAB>text"; one more per nesting level
_MAX_INDENT_LEVELS = 4

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_PIECES = re.compile("(\t|\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])")

_ROLE_STYLE = {
    Role.HEADING: "ResNo",
    Role.TITLE: "Restitle",
    Role.HISTORY: "Resref",
    Role.OPENING: "Normalaftertitle",
    Role.SECTION: "Call",
    Role.ITEM: "Item",
    Role.FOOTNOTE: "FootnoteText",
    Role.ANNEX: "AnnexNo",
}


def _w(tag: str) -> str:
    return _W + tag


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


class _Writer:
    def __init__(self, compilation: Compilation, options: RenderOptions) -> None:
        self.c = compilation
        self.tool = _clean(options.author)
        date = options.date or datetime.now(timezone.utc)
        if date.tzinfo is not None:
            date = date.astimezone(timezone.utc)
        self.date = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.body = etree.Element(_w("body"))
        self._next_id = 1
        self.marks: list[tuple[etree._Element, str, str]] = []  # every paragraph: (w:p, tracked mark or "", author)

    def _rev(self, tag: str, parent: etree._Element, author: str) -> etree._Element:
        attrs = {_w("id"): str(self._next_id), _w("author"): _clean(author), _w("date"): self.date}
        self._next_id += 1
        return etree.SubElement(parent, _w(tag), attrs)

    def _runs(self, parent: etree._Element, text: str, *, deleted: bool = False) -> None:
        if not text:
            return
        run = etree.SubElement(parent, _w("r"))
        for part in _TEXT_PIECES.split(text):
            if not part:
                continue
            if part == "\t":
                etree.SubElement(run, _w("tab"))
            elif _TEXT_PIECES.fullmatch(part):
                etree.SubElement(run, _w("br"))
            else:
                part = _clean(part)
                t = etree.SubElement(run, _w("delText" if deleted else "t"))
                t.text = part
                if part != part.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def _ins(self, p: etree._Element, text: str, author: str) -> None:
        if text:
            self._runs(self._rev("ins", p, author), text)

    def _del(self, p: etree._Element, text: str, author: str) -> None:
        if text:
            self._runs(self._rev("del", p, author), text, deleted=True)

    def _paragraph(self, block: Block | None, mark: str = "", author: str = "") -> etree._Element:
        p = etree.SubElement(self.body, _w("p"))
        ppr = etree.SubElement(p, _w("pPr"))
        style = "Normal"
        if block is not None:
            style = _ROLE_STYLE.get(block.role, "Normal")
            if block.role is Role.ITEM and not block.label:
                style = "Normal"
        etree.SubElement(ppr, _w("pStyle"), {_w("val"): style})
        if block is not None and block.label and block.role in (Role.ITEM, Role.FOOTNOTE):
            left = _INDENT_STEP * (min(block.level, _MAX_INDENT_LEVELS - 1) + 1)
            tabs = etree.SubElement(ppr, _w("tabs"))
            etree.SubElement(tabs, _w("tab"), {_w("val"): "left", _w("pos"): str(left)})
            etree.SubElement(ppr, _w("ind"), {_w("left"): str(left), _w("hanging"): str(_INDENT_STEP)})
        if mark:
            self._rev(mark, etree.SubElement(ppr, _w("rPr")), author)
        self.marks.append((p, mark, author))
        return p

    def _last_mark(self) -> None:
        """Keep the document's last paragraph mark untracked, so Accept and Reject leave no empty paragraph.

        A tracked paragraph mark joins its paragraph to the next one, and the
        last paragraph has no next one. Take the trailing run of paragraphs
        whose marks are tracked:

        * all inserted (or all deleted), after an untracked paragraph: that
          paragraph's mark is tracked instead of the last one's — the same
          text on either side;
        * both kinds: the last paragraph of the other kind than the final one
          is folded into the final paragraph (its runs first), whose mark is
          then untracked: on each side that paragraph's text still comes last;
        * otherwise (every paragraph tracked alike): an empty paragraph closes
          the document.
        """
        run = len(self.marks)
        while run > 0 and self.marks[run - 1][1]:
            run -= 1
        if run == len(self.marks):
            return
        last, kind, author = self.marks[-1]
        others = [m for m in self.marks[run:] if m[1] != kind]
        if others:
            other = others[-1][0]
            content = [child for child in other if child.tag != _w("pPr")]
            at = 1  # after the final paragraph's pPr
            for child in content:
                last.insert(at, child)
                at += 1
            self.body.remove(other)
        elif run == 0:
            etree.SubElement(self.body, _w("p"))
            return
        else:
            before = self.marks[run - 1][0].find(_w("pPr"))
            assert before is not None
            self._rev(kind, etree.SubElement(before, _w("rPr")), author)
        ppr = last.find(_w("pPr"))
        rpr = None if ppr is None else ppr.find(_w("rPr"))
        assert ppr is not None and rpr is not None
        ppr.remove(rpr)

    def _block(self, provision: Provision) -> Block | None:
        if provision.base is not None:
            return self.c.base.blocks[provision.base]
        for entry, stance in zip(self.c.proposals, provision.stances):
            if stance is not None and stance.change.new is not None:
                return entry.document.blocks[stance.change.new]
        return None

    def _alternative(self, p: etree._Element, alt: Alternative) -> None:
        names = ", ".join(((BASE_NAME,) if alt.op is ChangeOp.NOC else ()) + alt.by)
        moved = " (moved)" if alt.op is ChangeOp.MOVE else ""
        self._ins(p, f"[{names}{moved}: ", self.tool)
        if alt.op is ChangeOp.SUP:
            self._ins(p, "SUP", self.tool)
        else:
            self._ins(p, alt.text, self.tool if alt.op is ChangeOp.NOC else _author(alt.by))
        self._ins(p, "]", self.tool)

    def _pieces(self, p: etree._Element, pieces: tuple[Piece, ...]) -> None:
        for piece in pieces:
            if piece.op is MergeOp.EQUAL:
                self._runs(p, piece.text)
            elif piece.op is MergeOp.DELETE:
                self._del(p, piece.text, _author(piece.by) or self.tool)
            elif piece.op is MergeOp.INSERT:
                self._ins(p, piece.text, _author(piece.by) or self.tool)
            else:
                self._del(p, piece.text, self.tool)
                for k, alt in enumerate(piece.alternatives):
                    if k:
                        self._ins(p, " ", self.tool)
                    self._alternative(p, alt)

    def line(self, provision: Provision) -> None:
        block = self._block(provision)
        if provision.base is None:  # an added provision: the whole paragraph is new
            author = _author(provision.merged[0].by) if provision.merged else ""
            author = author or self.tool
            p = self._paragraph(block, "ins", author)
            self._ins(p, provision.new_text(), author)
            return
        if _moved(provision):
            mover = _mover(self.c, provision)
            p = self._paragraph(block, "ins", mover)
            self._ins(p, provision.new_text(), mover)
            return
        if all(piece.op is MergeOp.DELETE for piece in provision.merged):
            author = (_author(provision.merged[0].by) if provision.merged else "") or self.tool
            p = self._paragraph(block, "del", author)
            self._pieces(p, provision.merged)
            return
        self._pieces(self._paragraph(block), provision.merged)

    def moved_from(self, provision: Provision) -> None:
        assert provision.base is not None
        block = self.c.base.blocks[provision.base]
        mover = _mover(self.c, provision)
        p = self._paragraph(block, "del", mover)
        self._del(p, block.text, mover)

    def build(self) -> etree._Element:
        for kind, k in _order(self.c):
            provision = self.c.provisions[k]
            if kind == "from":
                self.moved_from(provision)
            else:
                self.line(provision)
        self._last_mark()
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


def _moved(provision: Provision) -> bool:
    """A BASE provision moved without conflict: it stands at its new place in the draft."""
    return (
        provision.base is not None
        and provision.status is not ProvisionStatus.CONFLICT
        and any(s is not None and s.op is ChangeOp.MOVE for s in provision.stances)
    )


def _author(names: tuple[str, ...]) -> str:
    """The revision author of a change the proposals *names* make: their names joined."""
    return _clean(", ".join(names))


def _mover(compilation: Compilation, provision: Provision) -> str:
    return _author(
        tuple(n for n, s in zip(compilation.names, provision.stances) if s is not None and s.op is ChangeOp.MOVE)
    )


def _order(compilation: Compilation) -> list[tuple[str, int]]:
    """The draft's lines, and for each provision moved without conflict its old place ("from") too.

    The old place is right after the row before it in table order, so Reject All reads BASE in order.
    """
    out: list[tuple[str, int]] = [("line", k) for k in compilation.draft]
    for k, provision in enumerate(compilation.provisions):
        if not _moved(provision):
            continue
        if k == 0:
            out.insert(0, ("from", k))
            continue
        prev = compilation.provisions[k - 1]
        key = ("from", k - 1) if _moved(prev) else ("line", k - 1)
        out.insert(out.index(key) + 1, ("from", k))
    return out


def _styles(compilation: Compilation) -> etree._Element:
    root = etree.Element(_w("styles"), nsmap={"w": W_NS})
    defaults = etree.SubElement(root, _w("docDefaults"))
    rpr = etree.SubElement(etree.SubElement(defaults, _w("rPrDefault")), _w("rPr"))
    fonts = {_w("ascii"): "Times New Roman", _w("hAnsi"): "Times New Roman", _w("eastAsia"): "SimSun",
             _w("cs"): "Times New Roman"}  # fmt: skip
    if compilation.base.lang.value == "zh":
        fonts[_w("hint")] = "eastAsia"
    etree.SubElement(rpr, _w("rFonts"), fonts)
    etree.SubElement(rpr, _w("sz"), {_w("val"): "24"})  # 12 pt
    ppr = etree.SubElement(etree.SubElement(defaults, _w("pPrDefault")), _w("pPr"))
    etree.SubElement(ppr, _w("spacing"), {_w("before"): "120", _w("after"): "0"})

    def style(sid: str, *, center: bool = False, bold: bool = False, italic: bool = False, size: int = 0) -> None:
        st = etree.SubElement(root, _w("style"), {_w("type"): "paragraph", _w("styleId"): sid})
        if sid == "Normal":
            st.set(_w("default"), "1")
        etree.SubElement(st, _w("name"), {_w("val"): sid})
        if sid != "Normal":
            etree.SubElement(st, _w("basedOn"), {_w("val"): "Normal"})
        sppr = etree.SubElement(st, _w("pPr"))
        if center:
            etree.SubElement(sppr, _w("jc"), {_w("val"): "center"})
        srpr = etree.SubElement(st, _w("rPr"))
        if bold:
            etree.SubElement(srpr, _w("b"))
        if italic:
            etree.SubElement(srpr, _w("i"))
        if size:
            etree.SubElement(srpr, _w("sz"), {_w("val"): str(size)})

    style("Normal")
    style("ResNo", center=True, bold=True)
    style("Restitle", center=True, bold=True)
    style("Resref", center=True, italic=True)
    style("Normalaftertitle")
    style("Call", italic=True)
    style("Item")
    style("FootnoteText", size=20)
    style("AnnexNo", center=True)
    return root


def _settings() -> etree._Element:
    # no w:trackRevisions: the revisions are shown without it, and it would track the reader's own edits
    root = etree.Element(_w("settings"), nsmap={"w": W_NS})
    etree.SubElement(root, _w("defaultTabStop"), {_w("val"): str(_INDENT_STEP)})
    return root


def _core(compilation: Compilation, options: RenderOptions, date: str) -> etree._Element:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi})
    etree.SubElement(root, f"{{{dc}}}title").text = _clean(options.title or f"Compilation: {title(compilation)}")
    etree.SubElement(root, f"{{{dc}}}subject").text = _clean("Proposals: " + ", ".join(compilation.names))
    etree.SubElement(root, f"{{{dc}}}creator").text = _clean(options.author)
    for tag in ("created", "modified"):
        etree.SubElement(root, f"{{{dcterms}}}{tag}", {f"{{{xsi}}}type": "dcterms:W3CDTF"}).text = date
    return root


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# Package parts that hold no input text, written literally (a default namespace, as Office writes them).
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{_CT_NS}">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
).encode()


def _rels(targets: list[tuple[str, str]]) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>' for n, (kind, target) in enumerate(targets, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_REL_NS}">{rels}</Relationships>'
    ).encode()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render(compilation: Compilation, options: RenderOptions) -> bytes:
    """The merged draft as the bytes of a .docx file (see the module docstring)."""
    writer = _Writer(compilation, options)
    body = writer.build()
    core_rel = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _rels([(f"{_OFFDOC}/officeDocument", "word/document.xml"), (core_rel, "docProps/core.xml")])),
        ("docProps/core.xml", _xml(_core(compilation, options, writer.date))),
        ("word/document.xml", _xml(body)),
        ("word/_rels/document.xml.rels",
         _rels([(f"{_OFFDOC}/styles", "styles.xml"), (f"{_OFFDOC}/settings", "settings.xml")])),
        ("word/styles.xml", _xml(_styles(compilation))),
        ("word/settings.xml", _xml(_settings())),
    ]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()
