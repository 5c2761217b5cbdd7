"""Read any input resdiff accepts as the text the parser reads, choosing the reader by what the file is.

=================================  ============================================================
file                               reader
=================================  ============================================================
``.docx``, ``.docm``               :func:`~resdiff._io.docx.read_docx`, the document as it stands
                                   (every tracked change accepted)
``.pdf``                           :func:`~resdiff._io.pdf.read_pdf`, paragraphs rebuilt
``.akn``, or ``.xml`` whose first  :func:`~resdiff._io.akn.read_akn`, the text rendering
bytes name the Akoma Ntoso
namespace
anything else, ``-``               :func:`~resdiff._io.text.read_text` (encoding detected or given)
=================================  ============================================================

The name decides, as it always has for Word files: a PDF named ``.txt`` is
refused as binary by the text reader, with its kind named.

>>> input_kind("Res 2.PDF"), input_kind("R68.docx"), input_kind("final-acts.akn"), input_kind("-")
('pdf', 'docx', 'akn', 'text')
"""

from __future__ import annotations

import os

__all__ = ["DOCX_EXTENSIONS", "input_kind", "read_document"]

DOCX_EXTENSIONS = (".docx", ".docm")
_SNIFF = 4096  # bytes read to tell an Akoma Ntoso .xml by its content


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(_SNIFF)
    except OSError:
        return b""  # the reader chosen by the name reports the problem


def input_kind(path: str | os.PathLike[str]) -> str:
    """``"docx"``, ``"pdf"``, ``"akn"`` or ``"text"``: which reader :func:`read_document` uses for *path*."""
    name = os.fspath(path)
    if name == "-":
        return "text"
    lower = name.lower()
    if lower.endswith(DOCX_EXTENSIONS):
        return "docx"
    if lower.endswith(".pdf"):
        return "pdf"
    if lower.endswith(".akn"):
        return "akn"
    if lower.endswith(".xml") and os.path.isfile(name):
        from resdiff._io.akn import looks_like_akn

        if looks_like_akn(_head(name)):
            return "akn"
    return "text"


def read_document(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """The text of *path* as the parser reads it (``-``: standard input); *encoding* applies to text files.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "r.txt")
    ...     _ = open(p, "w", encoding="utf-8").write("considering\\na)\\ttext;\\n")
    ...     read_document(p)
    'considering\\na)\\ttext;\\n'
    """
    kind = input_kind(path)
    if kind == "docx":
        from resdiff._io.docx import read_docx

        return read_docx(path).new
    if kind == "pdf":
        from resdiff._io.pdf import read_pdf

        return read_pdf(path).text
    if kind == "akn":
        from resdiff._io.akn import read_akn

        return read_akn(path).text
    from resdiff._io.text import read_text

    return read_text(path, encoding).text
