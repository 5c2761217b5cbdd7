"""How batch reads one file: a Word file as it stands, any other file as detected text."""

from __future__ import annotations

__all__ = ["is_docx", "read_source"]


def is_docx(path: str) -> bool:
    """True for a Word file name (``.docx``, ``.docm``, any case)."""
    return path.lower().endswith((".docx", ".docm"))


def read_source(path: str) -> str:
    """The text of *path*: a .docx with every tracked change accepted, else the decoded text."""
    if is_docx(path):
        from resdiff._io.docx import read_docx

        return read_docx(path).new
    from resdiff._io.text import read_text

    return read_text(path, None).text
