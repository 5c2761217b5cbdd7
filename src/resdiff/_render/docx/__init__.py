"""Word (.docx) output: the comparison as an ITU proposal, with real tracked changes.

Two kinds of marks (``RenderOptions.marks``, a :class:`~resdiff._render.Marks`):

``"tracked"``
    Word revisions: ``w:ins``/``w:del`` around runs, wholly added or suppressed
    paragraphs with their paragraph mark tracked too, moved paragraphs as
    ``w:moveFrom`` (old place) / ``w:moveTo`` (new place). Accept All in Word or
    LibreOffice gives the new text, Reject All the old one.
``"format"``
    plain runs: inserted text underlined, deleted text struck through, the way
    ITU proposals are printed. No revision elements.

The package is built with lxml and zipfile (python-docx cannot write
revisions), in memory: :func:`render` returns the bytes and writes nothing
(``resdiff.write_output`` writes them atomically). Bytes are deterministic
for the same comparison and options: zip entries carry a fixed timestamp and a
fixed order, and the only clock read is ``options.date`` (now, when it is None).

The modules: :mod:`.body` writes ``word/document.xml``, :mod:`.styles` the
paragraph styles and fonts, :mod:`.package` the other parts and the zip.

Characters XML 1.0 forbids (C0 controls other than TAB/LF/CR, lone
surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD so that any input renders.

>>> from resdiff._model import *
>>> doc = Document("a", Lang.EN, (Block("para_1", Role.PARAGRAPH, Span(0, 1), "a", Span(0, 1)),))
>>> seg = Segment(EditOp.EQUAL, "a", Span(0, 1), Span(0, 1))
>>> cmp = Comparison(doc, doc, (ClauseChange(ChangeOp.NOC, 0, 0, (seg,)),), Symbol.NOC)
>>> from resdiff._render import RenderOptions
>>> render(cmp, RenderOptions()).startswith(b"PK")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resdiff._render.docx.body import document
from resdiff._render.docx.package import package

if TYPE_CHECKING:
    from resdiff._model import Comparison, Document
    from resdiff._render import RenderOptions

__all__ = ["render"]


def _title(doc: Document) -> str:
    if doc.heading is not None:
        return doc.blocks[doc.heading.block].text
    return doc.blocks[0].text if doc.blocks else ""


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    """The comparison as the bytes of a .docx file (see the module docstring)."""
    title = _title(comparison.new) or _title(comparison.old)
    return package(document(comparison, options), options, lang=comparison.new.lang, title=title)
