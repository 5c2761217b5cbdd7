"""Renderers: one module per output format, each a pure function.

Every module here exposes ``render(comparison, options) -> str | bytes`` that
reads the :class:`~resdiff._model.Comparison` and nothing else, is deterministic
(same comparison and options, same bytes) and escapes every piece of input text
its format needs escaped. :func:`render` dispatches by format name and imports
the module only when asked, so ``import resdiff`` stays light.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from resdiff._gc import paused_gc

if TYPE_CHECKING:
    from resdiff._model import Comparison

__all__ = ["FORMATS", "RenderOptions", "render"]

# format name -> module under resdiff._render; the value kind (str or bytes) is the module's
FORMATS: dict[str, str] = {
    "wdiff": "wdiff",
    "text": "terminal",  # a symbol column and the marked text; colours when options.color
    "json": "json_",
    "html": "html",
    "markdown": "markdown",
    "docx": "docx",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options that some renderers read; each ignores what it has no use for."""

    author: str = "resdiff"  # docx: revision author
    date: datetime | None = None  # docx: revision date; None = now (pass one for reproducible output)
    marks: str = "tracked"  # docx: "tracked" (w:ins/w:del) or "format" (underline/strike runs)
    side_by_side: bool = False  # html: two columns instead of one marked text
    color: bool = False  # terminal: ANSI colours on top of the plain marks
    markdown_style: str = "html"  # markdown: "html" (<ins>/<del>) or "markup" (**…**/~~…~~)
    proposal_id: str = ""  # docx/html: proposal ID shown after the symbol ("ECP/38A23/1")
    title: str = ""  # html: page title; "" = derived from the documents


def render(comparison: Comparison, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    """Render *comparison* in format *fmt* (a key of :data:`FORMATS`).

    >>> from resdiff import compare
    >>> render(compare("a b", "a c"), "wdiff")
    'a [-b-]{+c+}\\n'
    """
    try:
        module_name = FORMATS[fmt]
    except KeyError:
        from resdiff._errors import InputError

        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(FORMATS))}") from None
    module = importlib.import_module(f"resdiff._render.{module_name}")
    with paused_gc():
        return module.render(comparison, options or RenderOptions())
