"""``word/document.xml``: the two texts as one run of paragraphs, every difference tracked.

The body is built in two steps.

1. **A stream of atoms.** Both texts are walked together in the comparison's
   order: each clause's runs (equal, inserted, deleted; a moved clause as a
   move-from at its old place and a move-to at its new one) and, between
   clauses, the text the documents hold between blocks -- line breaks, blank
   lines, leading TABs, trailing spaces -- compared line break against line
   break. Every line break becomes a *paragraph mark* atom with its own
   status: equal when both texts break there, inserted when only the new one
   does, deleted when only the old one does. Reading the equal and inserted
   atoms gives the new text exactly, the equal and deleted ones the old text,
   line by line; a text that does not end with a line break is read as if it
   did (a line is a line with or without its final newline).
2. **Paragraphs.** Each mark closes a ``w:p``; a tracked mark is written in
   ``w:pPr/w:rPr`` (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``), as
   ECMA-376 Part 1 §17.13.5 describes and Word writes it, so Accept All and
   Reject All join and split paragraphs exactly where the texts do.

Three arrangements keep Accept All and Reject All exact in LibreOffice 7.4
as well as by the standard (each leaves both texts unchanged):

* **Word's order for a new paragraph.** Where an insertion that ends with a
  line break follows an untracked one (a clause added after another:
  ``…item;¶`` + ``new clause¶``), the two marks trade their status, so that
  the inserted mark is the one *before* the new text: what Word records when
  one types Enter at the end of a paragraph and then the new clause, and the
  form of the standard's own example of an inserted paragraph mark.
* **No untracked mark between two insertions.** LibreOffice joins an
  insertion that ends a paragraph (``; and``) and an insertion that starts
  the next one (a new clause, a TAB put before a label) into one change that
  takes the untracked mark between them along, so Reject All glues the two
  old paragraphs. Such a mark is written as an inserted mark where it stands
  plus a deleted mark after the second insertion.
* **A moved paragraph moves whole.** The TAB or spaces on a moved clause's own
  line and its paragraph mark are part of the move, not insertions beside it:
  LibreOffice keeps an empty paragraph on Reject All when a move-to paragraph
  also holds an insertion.

Underline/strike marks (``Marks.FORMAT``) have no tracked paragraph marks:
every line break of either text is a paragraph there, and the arrangements
above do not apply.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._model import ChangeOp, EditOp, Lang, Role
from resdiff._ooxml import XML_NS, w
from resdiff._render import Marks
from resdiff._render._common import clause_segments
from resdiff._render.docx.styles import style_for
from resdiff._render.docx.xmlutil import TEXT_PIECES, clean, document_part, iso_date

if TYPE_CHECKING:
    from resdiff._model import Block, ClauseChange, Comparison, Document
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

# A line break between blocks, as the parser reads lines: it becomes a paragraph mark.
_BREAK = re.compile(r"\r\n|\r|\n")


class _Rev(enum.Enum):
    """The status of an atom: on both sides, or on one side only (moves tracked as such)."""

    EQUAL = "equal"
    INSERT = "ins"
    DELETE = "del"
    MOVE_TO = "moveTo"
    MOVE_FROM = "moveFrom"


_NEW_SIDE = (_Rev.EQUAL, _Rev.INSERT, _Rev.MOVE_TO)
_FORMAT_MARK = {_Rev.INSERT: "u", _Rev.MOVE_TO: "u", _Rev.DELETE: "s", _Rev.MOVE_FROM: "s"}


@dataclass(slots=True)
class _Atom:
    """A run of text or a paragraph mark (text ""), of one status, from one block or from between blocks."""

    rev: _Rev
    text: str
    mark: bool
    block: Block | None = None  # the block the text belongs to; None for what lies between blocks
    doc: Document | None = None  # the document of *block*
    move: str = ""  # the move's name, for MOVE_TO / MOVE_FROM runs


def _at(index: int | None) -> int:
    """A block index the clause op guarantees (the old one of a SUP, the new one of an ADD…)."""
    if index is None:
        raise ValueError("clause change without the block its op needs")
    return index


class _Side:
    """What one document holds around its blocks: before each block, after it, and after the last."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        blocks = doc.blocks
        if (text and not _BREAK.fullmatch(text[-1])) or (blocks and blocks[-1].span.end == len(text)):
            text += "\n"  # a last line without its newline is still a line (an empty last block too)
        self.pre: list[str] = []
        self.post: list[str] = []
        pos = 0
        for i, block in enumerate(blocks):
            gap = text[pos : block.span.start]
            if i == 0:
                self.pre.append(gap)
            else:
                head = _head(gap)
                self.post.append(head)
                self.pre.append(gap[len(head) :])
            pos = block.span.end
        tail = text[pos:]
        if blocks:
            head = _head(tail)
            self.post.append(head)
            tail = tail[len(head) :]
        self.end = tail


def _head(gap: str) -> str:
    """The part of the text between two blocks that ends the first one's line: up to its first line break."""
    if gap == "\n":
        return gap
    m = _BREAK.search(gap)
    return gap[: m.end()] if m else gap


def _tokens(text: str) -> list[str]:
    """Line breaks (each one token, CR-LF included) and single characters."""
    out: list[str] = []
    pos = 0
    for m in _BREAK.finditer(text):
        out.extend(text[pos : m.start()])
        out.append(m.group())
        pos = m.end()
    out.extend(text[pos:])
    return out


def _same(a: str, b: str) -> bool:
    """Two tokens are the same when equal or both line breaks (CR-LF in one text, LF in the other)."""
    return a == b or (a in ("\r\n", "\r", "\n") and b in ("\r\n", "\r", "\n"))


class _Stream:
    """The atoms of both texts in reading order (step 1 of the module docstring)."""

    def __init__(self, comparison: Comparison) -> None:
        self.cmp = comparison
        self.atoms: list[_Atom] = []
        self.old = _Side(comparison.old)
        self.new = _Side(comparison.new)

    # -- appending ------------------------------------------------------------------

    def _add(
        self, rev: _Rev, text: str, block: Block | None = None, doc: Document | None = None, move: str = ""
    ) -> None:
        """Append *text*: its line breaks as marks, the rest as runs."""
        if "\n" not in text and "\r" not in text:  # the usual case: no line break inside
            if text:
                self.atoms.append(_Atom(rev, text, False, block, doc, move))
            return
        pos = 0
        for m in _BREAK.finditer(text):
            if m.start() > pos:
                self.atoms.append(_Atom(rev, text[pos : m.start()], False, block, doc, move))
            self.atoms.append(_Atom(rev, "", True, move=move))
            pos = m.end()
        if pos < len(text):
            self.atoms.append(_Atom(rev, text[pos:], False, block, doc, move))

    def _moved_gap(self, text: str, rev: _Rev, move_rev: _Rev, name: str, *, before: bool) -> None:
        """The text around one side of a moved block: what is on the moved paragraph's own line moves with it.

        Before the block, the part after the last line break (a leading TAB)
        belongs to the move; after it, the part up to the first line break and
        that break (the paragraph mark). Blank lines beyond are plain
        insertions or deletions. LibreOffice 7.4 keeps an empty paragraph on
        Reject All when a move-to paragraph also holds an insertion.
        """
        breaks = list(_BREAK.finditer(text))
        if before:
            cut = breaks[-1].end() if breaks else 0
            self._add(rev, text[:cut])
            self._add(move_rev, text[cut:], move=name)
        else:
            cut = breaks[0].end() if breaks else len(text)
            self._add(move_rev, text[:cut], move=name)
            self._add(rev, text[cut:])

    def _gap(self, old: str | None, new: str | None) -> None:
        """The text between blocks: *old* and *new* compared token by token, or one side alone."""
        if old is None or new is None:
            text, rev = (new, _Rev.INSERT) if old is None else (old, _Rev.DELETE)
            if text:
                self._add(rev, text)
            return
        if old == new:
            if old == "\n":  # the usual case: one line ends, the next begins
                self.atoms.append(_Atom(_Rev.EQUAL, "", True))
            else:
                self._add(_Rev.EQUAL, new)
            return
        a, b = _tokens(old), _tokens(new)
        start = 0
        while start < len(a) and start < len(b) and _same(a[start], b[start]):
            start += 1
        end_a, end_b = len(a), len(b)
        while end_a > start and end_b > start and _same(a[end_a - 1], b[end_b - 1]):
            end_a -= 1
            end_b -= 1
        self._add(_Rev.EQUAL, "".join(b[:start]))
        self._add(_Rev.DELETE, "".join(a[start:end_a]))
        self._add(_Rev.INSERT, "".join(b[start:end_b]))
        self._add(_Rev.EQUAL, "".join(b[end_b:]))

    # -- the walk ---------------------------------------------------------------------

    def build(self, order: list[tuple[str, ClauseChange]]) -> list[_Atom]:
        old_doc, new_doc = self.cmp.old, self.cmp.new
        for kind, change in order:
            if kind == "from":  # the old side of a move, where it stood
                o = _at(change.old)
                block = old_doc.blocks[o]
                name = _move_name(change)
                self._moved_gap(self.old.pre[o], _Rev.DELETE, _Rev.MOVE_FROM, name, before=True)
                text = "".join(s.text for s in clause_segments(self.cmp, change) if s.op is not EditOp.INSERT)
                self._add(_Rev.MOVE_FROM, text, block, old_doc, name)
                self._moved_gap(self.old.post[o], _Rev.DELETE, _Rev.MOVE_FROM, name, before=False)
            elif kind == "to":  # the new side of a move, at its new place
                n = _at(change.new)
                block = new_doc.blocks[n]
                name = _move_name(change)
                self._moved_gap(self.new.pre[n], _Rev.INSERT, _Rev.MOVE_TO, name, before=True)
                text = "".join(s.text for s in clause_segments(self.cmp, change) if s.op is not EditOp.DELETE)
                self._add(_Rev.MOVE_TO, text, block, new_doc, name)
                self._moved_gap(self.new.post[n], _Rev.INSERT, _Rev.MOVE_TO, name, before=False)
            else:
                self._clause(change)
        self._gap(self.old.end, self.new.end)
        return self.atoms

    def _clause(self, change: ClauseChange) -> None:
        old_doc, new_doc = self.cmp.old, self.cmp.new
        segments = clause_segments(self.cmp, change)
        o = change.old if change.op is not ChangeOp.ADD else None
        n = change.new if change.op is not ChangeOp.SUP else None
        old_block = old_doc.blocks[o] if o is not None else None
        new_block = new_doc.blocks[n] if n is not None else None
        self._gap(self.old.pre[o] if o is not None else None, self.new.pre[n] if n is not None else None)
        for seg in segments:
            if seg.op is EditOp.EQUAL and o is not None and n is not None:
                self._add(_Rev.EQUAL, seg.text, new_block, new_doc)
            elif seg.op is not EditOp.DELETE and n is not None:
                self._add(_Rev.INSERT, seg.text, new_block, new_doc)
            elif seg.op is not EditOp.INSERT and o is not None:
                self._add(_Rev.DELETE, seg.text, old_block, old_doc)
        self._gap(self.old.post[o] if o is not None else None, self.new.post[n] if n is not None else None)


def _move_name(change: ClauseChange) -> str:
    return f"move{change.old}_{change.new}"


def _word_order(atoms: list[_Atom], *, last: bool) -> None:
    """Give inserted paragraphs the tracked mark before their text, as Word does (see the module docstring).

    An inserted run that ends with an inserted mark and follows an equal mark
    trades status with that mark. With *last* (nothing follows the stream in
    the document) a deleted run at the very end does the same, so that the
    body's last paragraph mark is untracked: Word keeps a document's final
    paragraph mark whatever is accepted or rejected.
    """
    i = 0
    while i < len(atoms):
        if atoms[i].rev is not _Rev.INSERT:
            i += 1
            continue
        j = i
        while j < len(atoms) and atoms[j].rev is _Rev.INSERT:
            j += 1
        before = atoms[i - 1] if i > 0 else None
        if atoms[j - 1].mark and before is not None and before.mark and before.rev is _Rev.EQUAL:
            before.rev, atoms[j - 1].rev = _Rev.INSERT, _Rev.EQUAL
        i = j
    _split_joined_insertions(atoms)
    if last and atoms and atoms[-1].mark and atoms[-1].rev is _Rev.DELETE:
        i = len(atoms)
        while i > 0 and atoms[i - 1].rev is _Rev.DELETE:
            i -= 1
        before = atoms[i - 1] if i > 0 else None
        if before is not None and before.mark and before.rev is _Rev.EQUAL:
            before.rev, atoms[-1].rev = _Rev.DELETE, _Rev.EQUAL


def _split_joined_insertions(atoms: list[_Atom]) -> None:
    """Keep two insertions from meeting across an untracked paragraph mark.

    LibreOffice 7.4 joins an insertion that ends one paragraph and an
    insertion that starts the next (same author and date) into one change
    that takes the untracked mark between them along, so Reject All glues the
    two old paragraphs. Such a mark is written instead as an inserted mark
    where it stands plus a deleted one after the second insertion: the same
    two texts (old: one break there; new: one break there), with no untracked
    mark between insertions.
    """
    k = 1
    while k < len(atoms) - 1:
        atom = atoms[k]
        if atom.mark and atom.rev is _Rev.EQUAL and atoms[k - 1].rev is _Rev.INSERT and atoms[k + 1].rev is _Rev.INSERT:
            atom.rev = _Rev.INSERT
            end = k + 1
            while end < len(atoms) and atoms[end].rev is _Rev.INSERT:
                end += 1
            atoms.insert(end, _Atom(_Rev.DELETE, "", True))
            k = end + 1
        else:
            k += 1


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
        self.body = etree.Element(w("body"))

    # -- ids and revision attributes ------------------------------------------------

    def _rev(self, tag: str, parent: etree._Element) -> etree._Element:
        attrs = {w("id"): str(self._next_id), w("author"): self.author, w("date"): self.date}
        self._next_id += 1
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
        for piece in TEXT_PIECES.split(text):
            if not piece:
                continue
            if piece == "\t":
                etree.SubElement(run, w("tab"))
            elif piece == "\x0c":
                etree.SubElement(run, w("br"), {w("type"): "page"})
            elif TEXT_PIECES.fullmatch(piece):
                etree.SubElement(run, w("br"))
            else:
                piece = clean(piece)
                t = etree.SubElement(run, w("delText" if deleted else "t"))
                t.text = piece
                if piece != piece.strip():
                    t.set(f"{{{XML_NS}}}space", "preserve")

    def _atom_runs(self, p: etree._Element, rev: _Rev, text: str, move: str) -> None:
        """Runs of one status: plain, in w:ins / w:del, or in a move with its range."""
        if rev is _Rev.EQUAL:
            self._runs(p, text)
        elif not self.tracked:
            self._runs(p, text, fmt=_FORMAT_MARK[rev])
        elif rev is _Rev.INSERT or rev is _Rev.DELETE:
            self._runs(self._rev(rev.value, p), text, deleted=rev is _Rev.DELETE)
        else:
            range_id = str(self._next_id)
            self._next_id += 1
            start = {w("id"): range_id, w("author"): self.author, w("date"): self.date, w("name"): move}
            etree.SubElement(p, w(f"{rev.value}RangeStart"), start)
            self._runs(self._rev(rev.value, p), text, deleted=rev is _Rev.MOVE_FROM)
            etree.SubElement(p, w(f"{rev.value}RangeEnd"), {w("id"): range_id})

    # -- paragraphs ------------------------------------------------------------------

    def _paragraph(self, style: str, mark: _Rev = _Rev.EQUAL) -> etree._Element:
        """A new ``w:p`` in *style*, its paragraph mark tracked with *mark*."""
        p = etree.SubElement(self.body, w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle"), {w("val"): style})
        if mark is not _Rev.EQUAL and self.tracked:
            self._rev(mark.value, etree.SubElement(ppr, w("rPr")))
        return p

    def _write(self, atoms: list[_Atom], mark: _Rev) -> None:
        """One paragraph: *atoms* (runs only) closed by a mark of status *mark*."""
        owner = next((a for a in atoms if a.block is not None and a.rev in _NEW_SIDE), None)
        owner = owner or next((a for a in atoms if a.block is not None), None)
        style = "Normal"
        if owner is not None and owner.block is not None and owner.doc is not None:
            style = style_for(owner.block, owner.doc)
        p = self._paragraph(style, mark)
        i = 0
        while i < len(atoms):
            j = i
            while j < len(atoms) and atoms[j].rev is atoms[i].rev and atoms[j].move == atoms[i].move:
                j += 1
            self._atom_runs(p, atoms[i].rev, "".join(a.text for a in atoms[i:j]), atoms[i].move)
            i = j

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
            self._runs(self._paragraph("Proposal"), line)
        reasons = not self._has_role(Role.REASONS)
        atoms = _Stream(self.cmp).build(self._order())
        if self.tracked:  # underline/strike marks have no tracked paragraph marks to arrange
            _word_order(atoms, last=not reasons)
        pending: list[_Atom] = []
        for atom in atoms:
            if atom.mark:
                self._write(pending, atom.rev)
                pending = []
            elif atom.text:
                pending.append(atom)
        if pending:  # cannot happen (every text ends with a line break); kept so no text is ever lost
            self._write(pending, _Rev.EQUAL)
        if reasons:
            self._runs(self._paragraph("Reasons"), REASONS.get(self.lang, REASONS[Lang.EN]) + "\t")
        return document_part(self.body)


def document(comparison: Comparison, options: RenderOptions) -> etree._Element:
    """The ``w:document`` element for *comparison*."""
    return _Writer(comparison, options).build()
