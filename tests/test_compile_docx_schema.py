"""Every XML part of the compilation's Word output (the merged draft) is valid against the ECMA-376 schemas.

The same check as tests/test_docx_schema.py makes on the comparison's output,
with its schemas (skipped without ``../shared/schemas/ooxml``), on the
compile corpus cases and on hand-made compilations: a move, an addition, a
suppression, a conflict, nested items and characters XML forbids.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree

import resdiff
from test_compile import CASES as CORPUS_CASES
from test_compile import load_case
from test_docx_schema import invalid_parts, schemas  # noqa: F401 - the fixture

OPTIONS = resdiff.RenderOptions(date=datetime(2026, 3, 1, tzinfo=timezone.utc))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BASE = (
    "RESOLUTION 1 (Rev. Dubai, 2025)\n"
    "Title of the resolution\n"
    "resolves\n"
    "1\tto act on the matter without delay;\n"
    "a)\tnow;\n"
    "b)\tlater;\n"
    "2\tto report to the Council;\n"
    "3\tto invite Member States;\n"
)


def _hand_made() -> dict[str, resdiff.Compilation]:
    lines = BASE.splitlines(keepends=True)
    moved = "".join([*lines[:3], lines[7], *lines[3:7]])
    added = BASE + '4\tto instruct <&> "the" Director\x01 and\x0bagain;\n'
    suppressed = BASE.replace("b)\tlater;\n", "")
    edited = BASE.replace("to report to the Council", "to report\tyearly to the Council")
    rival = BASE.replace("to report to the Council", "to report to the Plenipotentiary")
    return {
        "move": resdiff.compile(BASE, {"ECP": moved}),
        "add-with-controls": resdiff.compile(BASE, {"ECP": added}),
        "suppress-and-conflict": resdiff.compile(BASE, {"ECP": suppressed, "APT": edited, "RCC": rival}),
        "move-and-edit": resdiff.compile(BASE, {"ECP": moved, "APT": edited}),
    }


def _cases() -> dict[str, resdiff.Compilation]:
    cases = {name: load_case(name)[1] for name in CORPUS_CASES}
    cases.update(_hand_made())
    return cases


CASES = _cases()


def test_the_cases_are_there() -> None:
    """The validation runs on the three compile corpus cases and the hand-made compilations."""
    assert len(CORPUS_CASES) >= 3
    assert len(CASES) == len(CORPUS_CASES) + 4


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_part_is_valid(schemas: dict[str, etree.XMLSchema], case: str) -> None:  # noqa: F811 - the fixture
    """Each part of the merged draft's file (document, styles, settings, fonts, theme, core, rels, types) is valid."""
    assert invalid_parts(CASES[case].to_docx(OPTIONS), schemas) == {}


def test_paragraphs_carry_the_itu_styles() -> None:
    """The merged draft's paragraphs name the ITU templates' styles (ResNo, Restitle, Call, enumlev1), all defined."""
    data = CASES["move"].to_docx(OPTIONS)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
        defined = {s.get(f"{W}styleId") for s in etree.fromstring(zf.read("word/styles.xml")).iter(f"{W}style")}
        assert "word/theme/theme1.xml" in zf.namelist()
    used = [s.get(f"{W}val") for s in body.iter(f"{W}pStyle")]
    assert used[:3] == ["ResNo", "Restitle", "Call"]
    assert "enumlev1" in used
    assert set(used) <= defined
    assert not list(body.iter(f"{W}ind"))  # the layout lives in the styles


def test_the_check_finds_an_invalid_part(schemas: dict[str, etree.XMLSchema]) -> None:  # noqa: F811 - the fixture
    """A revision without its required w:author is reported in the merged draft's document part."""
    data = CASES["suppress-and-conflict"].to_docx(OPTIONS)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for part in src.namelist():
            body = src.read(part)
            if part == "word/document.xml":
                body = body.replace(b'w:author="ECP"', b"", 1)
            dst.writestr(part, body)
    assert list(invalid_parts(out.getvalue(), schemas)) == ["word/document.xml"]
