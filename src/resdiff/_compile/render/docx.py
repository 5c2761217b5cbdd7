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

Each paragraph has the ITU style of its provision's block (BASE's block, or
the first proposal's for an added provision), chosen by
:func:`resdiff._render.docx.styles.style_for` as in the comparison's Word
output; the package around ``word/document.xml`` (styles, fonts, theme,
settings, core properties, zip) is the comparison's too
(:func:`resdiff._render.docx.package.package`).

So Accept All gives ``Compilation.merged`` (with one proposal: that
proposal's text) and Reject All gives BASE. The bytes are deterministic for
the same compilation and options (fixed zip timestamps; the only clock read
is ``options.date``, now when it is None). Characters XML 1.0 forbids are
replaced by U+FFFD.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from resdiff._compile.model import BASE_NAME, MergeOp, ProvisionStatus
from resdiff._compile.render.common import title
from resdiff._model import ChangeOp
from resdiff._ooxml import XML_NS, w
from resdiff._render.docx.package import package
from resdiff._render.docx.styles import style_for
from resdiff._render.docx.xmlutil import TEXT_PIECES, clean, document_part, iso_date

if TYPE_CHECKING:
    from resdiff._compile.model import Alternative, Compilation, Piece, Provision
    from resdiff._model import Block, Document
    from resdiff._render import RenderOptions

__all__ = ["render"]


class _Writer:
    def __init__(self, compilation: Compilation, options: RenderOptions) -> None:
        self.c = compilation
        self.tool = clean(options.author)
        self.date = iso_date(options)
        self.body = etree.Element(w("body"))
        self._next_id = 1
        self.marks: list[tuple[etree._Element, str, str]] = []  # every paragraph: (w:p, tracked mark or "", author)

    def _rev(self, tag: str, parent: etree._Element, author: str) -> etree._Element:
        attrs = {w("id"): str(self._next_id), w("author"): clean(author), w("date"): self.date}
        self._next_id += 1
        return etree.SubElement(parent, w(tag), attrs)

    def _runs(self, parent: etree._Element, text: str, *, deleted: bool = False) -> None:
        if not text:
            return
        run = etree.SubElement(parent, w("r"))
        for part in TEXT_PIECES.split(text):
            if not part:
                continue
            if part == "\t":
                etree.SubElement(run, w("tab"))
            elif TEXT_PIECES.fullmatch(part):
                etree.SubElement(run, w("br"))
            else:
                part = clean(part)
                t = etree.SubElement(run, w("delText" if deleted else "t"))
                t.text = part
                if part != part.strip():
                    t.set(f"{{{XML_NS}}}space", "preserve")

    def _ins(self, p: etree._Element, text: str, author: str) -> None:
        if text:
            self._runs(self._rev("ins", p, author), text)

    def _del(self, p: etree._Element, text: str, author: str) -> None:
        if text:
            self._runs(self._rev("del", p, author), text, deleted=True)

    def _paragraph(self, block: tuple[Block, Document] | None, mark: str = "", author: str = "") -> etree._Element:
        """A new ``w:p`` in the ITU style of *block* (Normal without one), its mark tracked as *mark* by *author*."""
        p = etree.SubElement(self.body, w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        style = "Normal" if block is None else style_for(*block)
        etree.SubElement(ppr, w("pStyle"), {w("val"): style})
        if mark:
            self._rev(mark, etree.SubElement(ppr, w("rPr")), author)
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
            content = [child for child in other if child.tag != w("pPr")]
            at = 1  # after the final paragraph's pPr
            for child in content:
                last.insert(at, child)
                at += 1
            self.body.remove(other)
        elif run == 0:
            etree.SubElement(self.body, w("p"))
            return
        else:
            before = self.marks[run - 1][0].find(w("pPr"))
            assert before is not None
            self._rev(kind, etree.SubElement(before, w("rPr")), author)
        ppr = last.find(w("pPr"))
        rpr = None if ppr is None else ppr.find(w("rPr"))
        assert ppr is not None and rpr is not None
        ppr.remove(rpr)

    def _block(self, provision: Provision) -> tuple[Block, Document] | None:
        """The block a provision's paragraph is styled after, with its document: BASE's, else the first proposal's."""
        if provision.base is not None:
            return self.c.base.blocks[provision.base], self.c.base
        for entry, stance in zip(self.c.proposals, provision.stances):
            if stance is not None and stance.change.new is not None:
                return entry.document.blocks[stance.change.new], entry.document
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
        p = self._paragraph((block, self.c.base), "del", mover)
        self._del(p, block.text, mover)

    def build(self) -> etree._Element:
        for kind, k in _order(self.c):
            provision = self.c.provisions[k]
            if kind == "from":
                self.moved_from(provision)
            else:
                self.line(provision)
        self._last_mark()
        return document_part(self.body)


def _moved(provision: Provision) -> bool:
    """A BASE provision moved without conflict: it stands at its new place in the draft."""
    return (
        provision.base is not None
        and provision.status is not ProvisionStatus.CONFLICT
        and any(s is not None and s.op is ChangeOp.MOVE for s in provision.stances)
    )


def _author(names: tuple[str, ...]) -> str:
    """The revision author of a change the proposals *names* make: their names joined."""
    return clean(", ".join(names))


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


def render(compilation: Compilation, options: RenderOptions) -> bytes:
    """The merged draft as the bytes of a .docx file (see the module docstring)."""
    return package(
        _Writer(compilation, options).build(),
        options,
        lang=compilation.base.lang,
        title=options.title or f"Compilation: {title(compilation)}",
        subject="Proposals: " + ", ".join(compilation.names),
    )
