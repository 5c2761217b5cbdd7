"""``word/document.xml``: the body of the Word output, one paragraph per clause, tracked or formatted."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._model import ChangeOp, EditOp, Lang, Role
from resdiff._render import Marks
from resdiff._render._ooxml import W_NS, XML_NS, w
from resdiff._render.docx.styles import INDENT_STEP, MAX_INDENT_LEVELS, ROLE_STYLE
from resdiff._render.docx.xmlutil import clean, iso_date

if TYPE_CHECKING:
    from resdiff._model import Block, ClauseChange, Comparison
    from resdiff._render import RenderOptions

__all__ = ["REASONS", "document"]

# Label of the Reasons placeholder, in the document's language (see
# itu-conventions.md §1: zh is verified, the others are the usual wording).
REASONS = {
    Lang.EN: "Reasons:",
    Lang.ZH: "理由：",
    Lang.FR: "Motifs:",
    Lang.ES: "Motivos:",
    Lang.RU: "Основания:",
    Lang.AR: "الأسباب:",
}

# TAB, and every line or page break a text may carry (VT is Word's manual line break, FF its page break)
_TEXT_PIECES = re.compile("(\t|\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])")


def _at(index: int | None) -> int:
    """A block index the clause op guarantees (the old one of a SUP, the new one of an ADD…)."""
    if index is None:
        raise ValueError("clause change without the block its op needs")
    return index


class _Writer:
    """Builds ``word/document.xml`` for one comparison; ids are handed out in order."""

    def __init__(self, comparison: Comparison, options: RenderOptions) -> None:
        self.cmp = comparison
        self.tracked = options.marks is Marks.TRACKED
        self.author = clean(options.author)
        self.date = iso_date(options)
        self.options = options
        self.lang = comparison.new.lang
        self._next_id = 1
        self._next_move = 1
        self.body = etree.Element(w("body"))

    # -- ids and revision attributes ------------------------------------------------

    def _rev(self, tag: str, parent: etree._Element | None = None) -> etree._Element:
        attrs = {w("id"): str(self._next_id), w("author"): self.author, w("date"): self.date}
        self._next_id += 1
        if parent is None:
            return etree.Element(w(tag), attrs)
        return etree.SubElement(parent, w(tag), attrs)

    # -- runs ------------------------------------------------------------------------

    def _runs(self, parent: etree._Element, text: str, *, deleted: bool = False, fmt: str = "") -> None:
        """Append runs for *text* to *parent*: TABs and line breaks become their elements."""
        if not text:
            return
        run = etree.SubElement(parent, w("r"))
        if fmt:
            rpr = etree.SubElement(run, w("rPr"))
            if fmt == "u":
                etree.SubElement(rpr, w("u"), {w("val"): "single"})
            else:
                etree.SubElement(rpr, w("strike"))
        for piece in _TEXT_PIECES.split(text):
            if not piece:
                continue
            if piece == "\t":
                etree.SubElement(run, w("tab"))
            elif piece == "\x0c":
                etree.SubElement(run, w("br"), {w("type"): "page"})
            elif _TEXT_PIECES.fullmatch(piece):
                etree.SubElement(run, w("br"))
            else:
                piece = clean(piece)
                t = etree.SubElement(run, w("delText" if deleted else "t"))
                t.text = piece
                if piece != piece.strip():
                    t.set(f"{{{XML_NS}}}space", "preserve")

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
        p = etree.SubElement(self.body, w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle"), {w("val"): style})
        if block is not None and block.label and block.role in (Role.ITEM, Role.FOOTNOTE, Role.REASONS):
            level = min(block.level, MAX_INDENT_LEVELS - 1)
            left = INDENT_STEP * (level + 1)
            tabs = etree.SubElement(ppr, w("tabs"))
            etree.SubElement(tabs, w("tab"), {w("val"): "left", w("pos"): str(left)})
            etree.SubElement(ppr, w("ind"), {w("left"): str(left), w("hanging"): str(INDENT_STEP)})
        if mark and self.tracked:
            rpr = etree.SubElement(ppr, w("rPr"))
            self._rev(mark, rpr)
        return p

    def _style_for(self, block: Block) -> str:
        if block.role is Role.ITEM and not block.label:
            return "Normal"
        return ROLE_STYLE.get(block.role, "Normal")

    def _change(self, change: ClauseChange) -> None:
        new_doc, old_doc = self.cmp.new, self.cmp.old
        if change.op is ChangeOp.SUP:
            block = old_doc.blocks[_at(change.old)]
            p = self._paragraph(self._style_for(block), block, "del")
            self._del_runs(p, "".join(s.text for s in change.segments if s.op is not EditOp.INSERT))
            return
        block = new_doc.blocks[_at(change.new)]
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
            w(f"{kind}RangeStart"),
            {w("id"): range_id, w("author"): self.author, w("date"): self.date, w("name"): name},
        )
        del start  # placed; nothing more to set
        self._runs(self._rev(kind, p), text, deleted=not to)
        etree.SubElement(p, w(f"{kind}RangeEnd"), {w("id"): range_id})

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
            ((c.old, c) for c in self.cmp.changes if c.op is ChangeOp.MOVE and c.old is not None),
            key=lambda pair: pair[0],
        )
        for change in self.cmp.changes:
            items.append(("to" if change.op is ChangeOp.MOVE else "at", change))
        for old, move in reversed(moves):
            at = 0
            for i, (kind, change) in enumerate(items):
                if kind == "at" and change.old is not None and change.old < old:
                    at = i + 1
            # after any move-from already placed at that spot with a smaller old index
            while at < len(items) and items[at][0] == "from" and _at(items[at][1].old) < old:
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
                block = self.cmp.old.blocks[_at(change.old)]
                self._move(change, block, to=False)
            else:
                self._change(change)
        if not self._has_role(Role.REASONS):
            p = self._paragraph("Reasons")
            self._runs(p, REASONS.get(self.lang, REASONS[Lang.EN]) + "\t")
        sect = etree.SubElement(self.body, w("sectPr"))
        etree.SubElement(sect, w("pgSz"), {w("w"): "11907", w("h"): "16840"})  # A4
        etree.SubElement(
            sect,
            w("pgMar"),
            {w("top"): "1134", w("right"): "1134", w("bottom"): "1134", w("left"): "1134",
             w("header"): "567", w("footer"): "567", w("gutter"): "0"},
        )  # fmt: skip
        doc = etree.Element(w("document"), nsmap={"w": W_NS})
        doc.append(self.body)
        return doc


def document(comparison: Comparison, options: RenderOptions) -> etree._Element:
    """The ``w:document`` element for *comparison*."""
    return _Writer(comparison, options).build()
