"""Renderers: one module per output format, each a pure function.

Every module here exposes ``render(comparison, options) -> str | bytes`` that
reads the :class:`~resdiff._model.Comparison` and nothing else, is deterministic
(same comparison and options, same bytes) and escapes every piece of input text
its format needs escaped. :func:`render` dispatches by format name and imports
the module only when asked, so ``import resdiff`` stays light. What several
renderers share is in :mod:`resdiff._render._common`; the Word namespaces in
:mod:`resdiff._ooxml`.

Rendering changes no process-wide state (the cyclic collector is left as the
caller set it; the CLI pauses it around its own work, see
:func:`resdiff.paused_gc`).
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal, TypeVar, overload

if TYPE_CHECKING:
    from resdiff._model import Comparison

__all__ = ["FORMATS", "MarkdownStyle", "Marks", "RenderOptions", "TextFormat", "parse_revision_date", "render"]

# format name -> module under resdiff._render; the value kind (str or bytes) is the module's
FORMATS: dict[str, str] = {
    "wdiff": "wdiff",
    "text": "terminal",  # a symbol column and the marked text; colours when options.color
    "json": "json_",
    "html": "html",
    "markdown": "markdown",
    "docx": "docx",
}

# The formats whose output is text (a str); "docx" gives bytes.
TextFormat = Literal["wdiff", "text", "json", "html", "markdown"]


class Marks(str, enum.Enum):
    """How the Word output marks changes (``RenderOptions.marks``)."""

    TRACKED = "tracked"  # Word revisions (w:ins/w:del, moves): Accept All / Reject All work
    FORMAT = "format"  # plain runs, inserted text underlined and deleted text struck, as ITU prints them


class MarkdownStyle(str, enum.Enum):
    """How the Markdown output marks changes (``RenderOptions.markdown_style``)."""

    HTML = "html"  # <ins>…</ins> and <del>…</del>
    MARKUP = "markup"  # **…** and ~~…~~, for tools that drop inline HTML



def parse_revision_date(value: str | None) -> datetime | None:
    """``--date``'s ISO 8601 text as the revision date RenderOptions takes (naive = UTC); None stays None.

    A date the Word renderer could not write (outside years 1-9999 once in UTC) is an InputError.

    >>> parse_revision_date("2024-05-01T10:00Z").isoformat()
    '2024-05-01T10:00:00+00:00'
    """
    from resdiff._errors import InputError

    if value is None:
        return None
    try:
        date = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--date {value!r} is not an ISO 8601 date in years 1-9999") from None
    if date.tzinfo is None:
        return date.replace(tzinfo=timezone.utc)
    try:
        date.astimezone(timezone.utc)  # what the Word renderer writes: it must exist too
    except OverflowError:
        raise InputError(f"--date {value!r} is out of range: in UTC it falls outside years 1-9999") from None
    return date

@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options that some renderers read; each ignores what it has no use for.

    *marks* and *markdown_style* also take their plain string values
    (``"tracked"``, ``"markup"``…), turned into the enum on construction; any
    other value raises :class:`~resdiff.InputError`.

    >>> RenderOptions(marks="format").marks is Marks.FORMAT
    True
    """

    author: str = "resdiff"  # docx: revision author
    date: datetime | None = None  # docx: revision date; None = now (pass one for reproducible output)
    marks: Marks = Marks.TRACKED  # docx: tracked revisions or underline/strike runs
    side_by_side: bool = False  # html: two columns instead of one marked text
    color: bool = False  # terminal: ANSI colours on top of the plain marks
    markdown_style: MarkdownStyle = MarkdownStyle.HTML  # markdown: <ins>/<del> or **…**/~~…~~
    proposal_id: str = ""  # docx/html: proposal ID shown after the symbol ("ECP/38A23/1")
    title: str = ""  # html: page title; "" = derived from the documents

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", _coerce(Marks, self.marks, "docx marks"))
        object.__setattr__(self, "markdown_style", _coerce(MarkdownStyle, self.markdown_style, "markdown style"))


_E = TypeVar("_E", bound=enum.Enum)


def _coerce(kind: type[_E], value: object, what: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        from resdiff._errors import InputError

        choices = ", ".join(repr(m.value) for m in kind)
        raise InputError(f"unknown {what} {value!r}; choose one of {choices}") from None


@overload
def render(comparison: Comparison, fmt: Literal["docx"], options: RenderOptions | None = None) -> bytes: ...
@overload
def render(comparison: Comparison, fmt: TextFormat, options: RenderOptions | None = None) -> str: ...
@overload
def render(comparison: Comparison, fmt: str, options: RenderOptions | None = None) -> str | bytes: ...


def render(comparison: Comparison, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    """Render *comparison* in format *fmt* (a key of :data:`FORMATS`): bytes for "docx", else a str.

    >>> from resdiff import compare
    >>> render(compare("a b", "a c"), "wdiff")
    'a [-b-]{+c+}\\n'
    """
    try:
        module_name = FORMATS[fmt]
    except KeyError:
        from resdiff._errors import InputError

        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(FORMATS))}") from None
    renderer: Callable[[Comparison, RenderOptions], str | bytes]
    renderer = importlib.import_module(f"resdiff._render.{module_name}").render
    return renderer(comparison, options or RenderOptions())
