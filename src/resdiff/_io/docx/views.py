"""The text of one view of a read document: the old side, the new side, or everything as shown."""

from __future__ import annotations

from enum import Enum

from resdiff._io.docx.numbering import format_number
from resdiff._io.docx.reader import NOTE_KINDS, Para, Piece, Reader
from resdiff._io.docx.styles import Hint
from resdiff._lexicon import match_label

__all__ = ["Side", "View"]


class Side(str, Enum):
    """Which text a view composes."""

    OLD = "old"  # Reject All (manual marks: struck text kept, underlined dropped)
    NEW = "new"  # Accept All
    SHOWN = "shown"  # every change shown, deleted and inserted text side by side


class View:
    """Composes the text of one :class:`Side` of a read document."""

    def __init__(self, reader: Reader, side: Side) -> None:
        self.reader = reader
        self.side = side
        self.manual = side is not Side.SHOWN and reader.manual and not reader.revisions
        self.labeller = reader.numbering.labeller()
        #: note kind -> note id -> its number on this side, in order of first reference
        self.note_numbers: dict[str, dict[str, int]] = {kind: {} for kind in NOTE_KINDS}
        self.note_order: dict[str, list[str]] = {kind: [] for kind in NOTE_KINDS}  # ids by number

    def _present(self, piece: Piece) -> bool:
        if self.side is Side.SHOWN:
            return True
        if self.manual:
            return piece.manual_old if self.side is Side.OLD else piece.manual_new
        return piece.old if self.side is Side.OLD else piece.new

    def _mark(self, para: Para) -> bool:
        if self.side is Side.SHOWN:
            return True
        return para.mark_old if self.side is Side.OLD else para.mark_new

    def _row(self, para: Para) -> bool:
        if self.side is Side.SHOWN:
            return True
        return para.row_old if self.side is Side.OLD else para.row_new

    def _note_mark(self, kind: str, number: int) -> str:
        fmt = self.reader.note_formats[kind]
        return format_number(fmt.start + number - 1, fmt.fmt)

    def _text(self, para: Para) -> str:
        out = []
        for piece in para.pieces:
            if not self._present(piece) or piece.own_mark:
                continue  # a note's own mark: the note's line gets the number in front
            if piece.note is not None:
                kind, nid = piece.note
                numbers = self.note_numbers[kind]
                number = numbers.get(nid)
                if number is None:
                    number = numbers[nid] = len(numbers) + 1
                    self.note_order[kind].append(nid)
                out.append(self._note_mark(kind, number))
            else:
                out.append(piece.text)
        return "".join(out)

    def _dropped(self, para: Para) -> bool:
        """With manual marks, a paragraph whose text is all on the other side is not on this one."""
        if not self.manual:
            return False
        visible = [p for p in para.pieces if p.text.strip()]
        return bool(visible) and not any(self._present(p) for p in visible)

    def lines(self, paras: list[Para]) -> list[str]:
        """One line per paragraph present on this side; merged paragraphs make one line."""
        lines: list[str] = []
        pending: list[str] = []
        group: list[Para] = []
        for para in paras:
            if para.row is not None:
                if group:
                    lines.append(self._line(group, pending))
                    pending, group = [], []
                if self._row(para):
                    lines.append("\t".join(" ".join(self.lines(cell)) for cell in para.row))
                continue
            if self._dropped(para):
                continue
            pending.append(self._text(para))
            group.append(para)
            if self._mark(para):
                lines.append(self._line(group, pending))
                pending, group = [], []
        if group:
            lines.append(self._line(group, pending))
        return lines

    def _line(self, group: list[Para], texts: list[str]) -> str:
        # The paragraph mark that survives carries the paragraph's properties (numbering, style),
        # unless its paragraph has no text on this side: then it only closes an added (or, on the
        # new side, a removed) paragraph, and the text is that of the paragraph before it.
        last = group[-1]
        if len(group) > 1 and not texts[-1]:
            last = next((para for para, text in zip(group[-2::-1], texts[-2::-1]) if text), last)
        old = self.side is Side.OLD
        num = last.num_old if old else last.num_new
        line = (self.labeller.label(*num) if num is not None else "") + "".join(texts)
        hint = self.reader.styles.hint(last.style_old if old else last.style_new)
        if hint is Hint.ONE_LINE:
            return line.replace("\n", " ")
        if hint is Hint.ITEM:
            return _tab_after_label(line)
        return line

    def text(self) -> str:
        """The whole text of this side: body lines, then footnotes and endnotes, each line ending in a newline.

        A note is one line, its number, a TAB and its paragraphs joined by a
        space, in the order of the numbers; a note's text may reference others,
        which then follow in their turn.
        """
        lines = self.lines(self.reader.body)
        done = {kind: 0 for kind in NOTE_KINDS}  # how many notes of each kind are written
        written: dict[str, list[str]] = {kind: [] for kind in NOTE_KINDS}
        while any(done[kind] < len(self.note_order[kind]) for kind in NOTE_KINDS):
            for kind in NOTE_KINDS:
                order = self.note_order[kind]  # grows while notes that reference notes are written
                while done[kind] < len(order):
                    nid = order[done[kind]]
                    done[kind] += 1
                    body = " ".join(self.lines(self.reader.notes[kind].get(nid, []))).lstrip()
                    written[kind].append(f"{self._note_mark(kind, done[kind])}\t{body}")
        for kind in NOTE_KINDS:
            lines.extend(written[kind])
        return "".join(line + "\n" for line in lines)


def _tab_after_label(line: str) -> str:
    """*line* with the spaces between its leading label and its text made one TAB (none when no label)."""
    label = match_label(line)
    if label is None:
        return line
    end = label.start + len(label.text)
    if "\t" in line[end : label.body]:
        return line
    return line[:end] + "\t" + line[label.body :]
