"""Golden files for the wdiff, JSON and Word outputs of every corpus pair.

Each corpus pair (``corpus/<case>/old.txt`` and ``new.txt``) goes through the
real ``compare()`` and is rendered; the output must equal the reviewed file
under ``tests/golden/<format>/``. Word output is compared as normalised XML
(every part of the package, pretty-printed, in zip order, with a fixed
``RenderOptions.date``), so a diff of the golden file reads as a diff of the
markup rather than of zip bytes.

Re-baseline after an intended change with ``RESDIFF_REGOLD=1``::

    RESDIFF_REGOLD=1 python -m pytest tests/test_render_golden.py

then review ``git diff tests/golden/`` before committing.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree

import _render_fixtures as fx
from resdiff import compare, render
from resdiff._model import Comparison
from resdiff._render import Marks, RenderOptions

DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
CASES = [name for name, _, _ in fx.CORPUS]


def _compare(case: str) -> Comparison:
    _, old, new = next(c for c in fx.CORPUS if c[0] == case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compare(old, new)


def normalised_docx(data: bytes) -> str:
    """Every part of a .docx as indented XML, in zip order, each under a ``=== name ===`` line."""
    parser = etree.XMLParser(remove_blank_text=True)
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            root = etree.fromstring(zf.read(name), parser)
            out.append(f"=== {name} ===\n" + etree.tostring(root, pretty_print=True, encoding="unicode"))
    return "".join(out)


def test_the_corpus_is_there() -> None:
    """The golden tests below have pairs to run on (a missing corpus must not pass silently)."""
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES)
def test_wdiff_golden(case: str) -> None:
    """The wdiff output of each corpus pair is byte-for-byte the reviewed one."""
    fx.check_golden("wdiff", f"{case}.txt", render(_compare(case), "wdiff"))


@pytest.mark.parametrize("case", CASES)
def test_json_golden(case: str) -> None:
    """The JSON output of each corpus pair is byte-for-byte the reviewed one."""
    fx.check_golden("json", f"{case}.json", render(_compare(case), "json"))


@pytest.mark.parametrize("case", CASES)
def test_docx_golden(case: str) -> None:
    """The Word output (tracked changes) of each corpus pair is, part by part, the reviewed XML."""
    data = render(_compare(case), "docx", RenderOptions(date=DATE, author="resdiff"))
    fx.check_golden("docx", f"{case}.xml", normalised_docx(data))


def test_docx_golden_format_marks() -> None:
    """The Word output with underline/strike marks is, part by part, the reviewed XML."""
    data = render(_compare("res2-en"), "docx", RenderOptions(date=DATE, marks=Marks.FORMAT))
    fx.check_golden("docx", "res2-en-format.xml", normalised_docx(data))


def test_normalisation_keeps_what_differs() -> None:
    """Two renderings that differ only in the revision date give different normalised XML (it hides nothing)."""
    cmp = _compare(CASES[0])
    later = RenderOptions(date=datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert normalised_docx(render(cmp, "docx", RenderOptions(date=DATE))) != normalised_docx(
        render(cmp, "docx", later)
    )
