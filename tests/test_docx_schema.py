"""Every XML part of resdiff's Word output is valid against the ECMA-376 Transitional schemas.

The schemas are read from ``<repository>/../shared/schemas/ooxml/`` (see its
README: ECMA-376 5th edition Part 4 Transitional, the OPC schemas, and the
W3C xml.xsd and Dublin Core schemas they import); the tests skip when that
folder is absent. The zips are unpacked into a temporary folder, where the two
imports that point at web addresses (Dublin Core, xml.xsd) are pointed at the
local copies, so nothing is fetched. Each part goes to the schema of its kind:
``[Content_Types].xml`` to opc-contentTypes.xsd, relationships to
opc-relationships.xsd, ``docProps/core.xml`` to opc-coreProperties.xsd, the
theme to dml-main.xsd (DrawingML), every other ``word/`` part to wml.xsd.
"""

from __future__ import annotations

import io
import re
import shutil
import warnings
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

import _render_fixtures as fx
from conftest_docx import Clause, build
from resdiff import compare, render
from resdiff._model import ChangeOp, Comparison, Lang, Role
from resdiff._render import RenderOptions
from test_docx_libreoffice import NAMED

SCHEMAS = Path(__file__).resolve().parents[1] / ".." / "shared" / "schemas" / "ooxml"
DATE = datetime(2024, 5, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, etree.XMLSchema]:
    """The four schemas, loaded offline from a temporary copy; skips without ../shared/schemas/ooxml."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"{SCHEMAS} is not there")
    folder = tmp_path_factory.mktemp("ooxml")
    for archive in ("OfficeOpenXML-XMLSchema-Transitional.zip", "OpenPackagingConventions-XMLSchema.zip"):
        with zipfile.ZipFile(SCHEMAS / archive) as zf:
            zf.extractall(folder)
    for xsd in (SCHEMAS / "support").glob("*.xsd"):
        shutil.copy(xsd, folder)
    for xsd in folder.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8-sig")
        local = re.sub(r'schemaLocation="https?://[^"]*/([^/"]+)"', r'schemaLocation="\1"', text)
        # an import of the xml: namespace without a location: point it at the local xml.xsd
        local = re.sub(
            r'(<xs(?:d)?:import (?:id="xml" )?namespace="http://www.w3.org/XML/1998/namespace")\s*/>',
            r'\1 schemaLocation="xml.xsd"/>',
            local,
        )
        xsd.write_text(local, encoding="utf-8")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    names = {
        "content-types": "opc-contentTypes.xsd",
        "relationships": "opc-relationships.xsd",
        "core": "opc-coreProperties.xsd",
        "drawingml": "dml-main.xsd",
        "wml": "wml.xsd",
    }
    return {kind: etree.XMLSchema(etree.parse(str(folder / name), parser)) for kind, name in names.items()}


def _kind(part: str) -> str:
    if part == "[Content_Types].xml":
        return "content-types"
    if part.endswith(".rels"):
        return "relationships"
    if part == "docProps/core.xml":
        return "core"
    if part.startswith("word/theme/"):
        return "drawingml"
    if part.startswith("word/") and part.endswith(".xml"):
        return "wml"
    raise AssertionError(f"no schema for part {part}")


def invalid_parts(data: bytes, schemas: dict[str, etree.XMLSchema]) -> dict[str, str]:
    """Part name -> first schema error, for every part of the .docx *data* that is not valid."""
    errors = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for part in zf.namelist():
            schema = schemas[_kind(part)]
            if not schema.validate(etree.fromstring(zf.read(part))):
                errors[part] = str(schema.error_log.last_error)
    return errors


def _compare(old: str, new: str) -> Comparison:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compare(old, new)


def _every_op() -> Comparison:
    """Hand-made: NOC, MOD, ADD, SUP, a MOVE, nested items, text with markup characters and controls."""
    c = ChangeOp
    return build(
        [
            Clause(c.NOC, [("=", "RESOLUTION 68 (Rev. New Delhi, 2024)")], Role.HEADING),
            Clause(c.MOD, [("=", "Evolving role of "), ("-", "the"), ("+", "industry"), ("=", " sector")], Role.TITLE),
            Clause(c.SUP, [("-", "(Johannesburg, 2008)")], Role.HISTORY),
            Clause(c.NOC, [("=", "considering")], Role.SECTION),
            Clause(c.ADD, [("+", 'a)\tnew <&> "quoted"\x01')], Role.ITEM, "a)"),
            Clause(c.MOD, [("=", "b)\tthe "), ("-", "old"), ("+", "new"), ("=", " text;")], Role.ITEM, "b)", level=2),
            Clause(c.MOVE, [("=", "c)\tmoved "), ("-", "x"), ("+", "y")], Role.ITEM, "c)", old_at=0),
            Clause(c.NOC, [("=", "1\tnote\x0bline\x0cpage")], Role.FOOTNOTE, "1"),
        ],
        Lang.EN,
    )


def _cases() -> dict[str, Comparison]:
    cases = {f"corpus-{name}": _compare(old, new) for name, old, new in fx.CORPUS}
    cases.update({name: _compare(old, new) for name, (old, new) in NAMED.items()})
    cases["every-op"] = _every_op()
    cases["fixture-zh"] = fx.chinese()
    cases["fixture-en"] = fx.english()
    return cases


CASES = _cases()


def test_the_cases_are_there() -> None:
    """The validation runs on the corpus, the hand-made pairs and the fixtures."""
    assert len(CASES) >= 4 + len(NAMED) + 3


@pytest.mark.parametrize("marks", ["tracked", "format"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_part_is_valid(schemas: dict[str, etree.XMLSchema], case: str, marks: str) -> None:
    """Each part of the file (document, styles, settings, fonts, theme, core, relationships, types) is schema-valid."""
    data = render(CASES[case], "docx", RenderOptions(date=DATE, marks=marks, proposal_id="ECP/38A23/1"))
    assert invalid_parts(data, schemas) == {}


def test_the_check_finds_an_invalid_part(schemas: dict[str, etree.XMLSchema]) -> None:
    """A paragraph mark revision without its required w:author is reported (the validation is not a no-op)."""
    data = render(CASES["every-op"], "docx", RenderOptions(date=DATE))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for part in src.namelist():
            body = src.read(part)
            if part == "word/document.xml":
                body = re.sub(rb'(<w:rPr><w:ins w:id="\d+") w:author="[^"]*"', rb"\1", body, count=1)
            dst.writestr(part, body)
    assert list(invalid_parts(out.getvalue(), schemas)) == ["word/document.xml"]
