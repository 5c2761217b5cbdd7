"""Renderers for a :class:`~resdiff._compile.model.Compilation`: one module per format, each a pure function.

Every module exposes ``render(compilation, options) -> str | bytes``, reads the
compilation and nothing else, is deterministic and escapes what its format
needs escaped. :func:`render` imports the module only when asked, so
``import resdiff`` loads none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from resdiff._gc import paused_gc

if TYPE_CHECKING:
    from resdiff._compile.model import Compilation
    from resdiff._render import RenderOptions

__all__ = ["FORMATS", "render"]

# format name -> module under resdiff._compile.render
FORMATS: dict[str, str] = {
    "text": "text",
    "markdown": "markdown",
    "html": "html",
    "json": "json_",
    "wdiff": "wdiff",
    "docx": "docx",
}


def render(compilation: Compilation, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    """Render *compilation* in format *fmt* (a key of :data:`FORMATS`)."""
    from resdiff._render import RenderOptions

    try:
        module_name = FORMATS[fmt]
    except KeyError:
        from resdiff._errors import InputError

        raise InputError(f"unknown compile format {fmt!r}; choose one of {', '.join(sorted(FORMATS))}") from None
    module = importlib.import_module(f"resdiff._compile.render.{module_name}")
    with paused_gc():
        result: str | bytes = module.render(compilation, options or RenderOptions())
        return result
