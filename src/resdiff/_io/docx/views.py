"""The text of one view of a read document: the old side, the new side, or everything as shown."""

from __future__ import annotations

from enum import Enum

from resdiff._io.docx.reader import Para, Piece, Reader

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
        self.footnote_numbers: dict[str, int] = {}

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

    def _text(self, para: Para) -> str:
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

    def _label(self, group: list[Para]) -> str:
        # the paragraph mark that survives carries the paragraph's properties, numbering included
        num = group[-1].num
        return self.labeller.label(*num) if num is not None else ""

    def text(self) -> str:
        """The whole text of this side: body lines, then the footnotes, each line ending in a newline."""
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
