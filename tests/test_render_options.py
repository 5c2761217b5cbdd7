"""The render entry point: options as enums, value kinds per format, no process-wide state, module layout."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import pytest

import _render_fixtures as fx
from resdiff import InputError, render
from resdiff._render import FORMATS, MarkdownStyle, Marks, RenderOptions


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_plain_strings_become_enums() -> None:
    """marks and markdown_style given as their string values are stored as the enum members."""
    options = RenderOptions(marks="format", markdown_style="markup")  # the plain strings, as the CLI passes them
    assert options.marks is Marks.FORMAT and options.markdown_style is MarkdownStyle.MARKUP
    assert RenderOptions().marks is Marks.TRACKED and RenderOptions().markdown_style is MarkdownStyle.HTML
    assert replace(options, marks="tracked").marks is Marks.TRACKED  # the plain strings, as the CLI passes them


def test_enum_values_are_the_cli_choices() -> None:
    """The enum values are the strings the command line offers (--marks, --markdown-style)."""
    assert [m.value for m in Marks] == ["tracked", "format"]
    assert [m.value for m in MarkdownStyle] == ["html", "markup"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("marks", "colour", r"unknown docx marks 'colour'; choose one of 'tracked', 'format'"),
     ("markdown_style", "rst", r"unknown markdown style 'rst'; choose one of 'html', 'markup'")],
)  # fmt: skip
def test_unknown_values_are_input_errors(field: str, value: str, message: str) -> None:
    """An unknown marks or markdown style value is refused on construction, the accepted values named."""
    with pytest.raises(InputError, match=f"^{message}$"):
        RenderOptions(**{field: value})


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_docx_gives_bytes_and_the_rest_text(fmt: str) -> None:
    """render() returns bytes for docx and a str for every other format."""
    out = render(fx.english(), fmt)
    assert isinstance(out, bytes if fmt == "docx" else str)


def test_rendering_leaves_the_collector_alone(collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """render() neither switches the cyclic collector off nor back on: process-wide state is the caller's."""
    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
    for fmt in sorted(FORMATS):
        render(fx.chinese(), fmt)
    assert calls == []


def test_text_renderers_do_not_load_the_html_renderer() -> None:
    """The terminal and Markdown renderers take their shared helpers from _common, not from html."""
    code = (
        "import sys, resdiff._render.terminal, resdiff._render.markdown;"
        "print('resdiff._render.html' in sys.modules, 'resdiff._render._common' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_unknown_format_names_the_choices() -> None:
    """An unknown format is an InputError listing every format."""
    with pytest.raises(InputError, match="choose one of docx, html, json, markdown, text, wdiff"):
        render(fx.english(), "pdf")
