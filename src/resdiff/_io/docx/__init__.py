"""Reading Word (.docx) files: the text a reader sees, and the old/new sides of marked proposals.

:func:`read_docx` gives both sides of a proposal:

* ``new`` is what Accept All shows, ``old`` what Reject All shows. Revisions
  are ``w:ins``/``w:moveTo`` (new side only) and ``w:del``/``w:moveFrom`` (old
  side only), nested ones included (text inserted then deleted is on neither
  side). A paragraph whose mark is inserted (``w:pPr/w:rPr/w:ins``) runs into
  the next one on the old side; a deleted mark does so on the new side. The old
  side is numbered by the properties a ``w:pPrChange`` holds, and not at all
  where ``w:numPr`` itself is inserted.
* Manual marks, as printed proposals carry them: a run with direct underline
  (``w:u`` other than ``none``) is inserted, one with ``w:strike``/``w:dstrike``
  deleted (strike wins when both are set). They count **only when the file has
  no revision elements** (``w:ins``, ``w:del``, moves, tracked paragraph marks
  or table rows): in a file with real revisions underline is formatting. Only
  direct run formatting counts, not character styles, so hyperlinks (underlined
  by their style) stay text. With manual marks a paragraph whose text is all
  underlined is left out of the old side, one all struck out of the new side.

:func:`read_docx_text` gives the text as displayed with the changes shown: both
deleted and inserted text, side by side with no separator, every paragraph, as
a plain-text export of a marked proposal looks. For files without marks it is
``read_docx(...).new``.

What becomes what, in every view: one paragraph per line (``\\n`` between them,
one at the end); ``w:tab`` is TAB; ``w:br``/``w:cr`` end the line (a reader
sees a new line there); automatic numbering becomes the label as shown (``a)``,
``1``, ``iii.``, bullets, symbol-font bullets as the Unicode characters they
show) followed by its suffix (TAB by default); a footnote or endnote reference
becomes its number and the note texts follow the body, footnotes first, one
line each, as ``N<TAB>text``; a table row is one line with its cells joined by
TAB (paragraphs inside a cell joined by a space); field codes are skipped and
their results kept; drawings, text boxes, comments, headers and footers are not
read. A paragraph in one of the ITU templates' styles is written the way its
style says (``styles.STYLE_HINTS``): a TAB after an item's label, a title on
one line.

Safety: the zip is read member by member in bounded chunks, never trusting the
sizes it declares, and a member or the whole read beyond the limits in
:mod:`~resdiff._io.docx.package` is refused; every XML part is parsed without
entities, DTDs or network and any part with a DOCTYPE is refused. Every failure
is a :class:`~resdiff._errors.DocxError` naming the file.

The modules, in the order the data flows: ``package`` (the zip and its XML
parts), ``symbols`` (symbol-font characters), ``numbering`` and ``styles``
(what numbering.xml and styles.xml contribute), ``reader`` (the document as
paragraphs of pieces tagged with their sides), ``views`` (the text of one side).
docs/word-reading.md describes them, with the bounds.

>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
...                'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>')
>>> read_docx_text(buf.getvalue())
'Hi\\n'
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from resdiff._io.docx.reader import read
from resdiff._io.docx.views import Side, View

__all__ = ["DocxSides", "read_docx", "read_docx_text"]


@dataclass(frozen=True, slots=True)
class DocxSides:
    """The two sides of a (possibly marked) Word document, as plain text."""

    old: str  # Reject All view (manual marks: struck text kept, underlined dropped)
    new: str  # Accept All view
    tracked: bool  # the file carried revisions, or manual underline/strike marks taken as changes


def read_docx(source: str | os.PathLike[str] | bytes) -> DocxSides:
    """The old (Reject All) and new (Accept All) text of a Word file, one paragraph a line.

    *source* is a path or the file's bytes. Raises
    :class:`~resdiff._errors.DocxError` for anything that is not a sound .docx.
    """
    reader = read(source)
    tracked = reader.revisions or reader.manual
    return DocxSides(View(reader, Side.OLD).text(), View(reader, Side.NEW).text(), tracked)


def read_docx_text(source: str | os.PathLike[str] | bytes) -> str:
    """The text of a Word file as displayed, tracked or marked changes shown side by side.

    Equals ``read_docx(source).new`` for a file without marks.
    """
    return View(read(source), Side.SHOWN).text()
