"""Writing Akoma Ntoso: valid against the OASIS schema, with AKN eIds, and read back to the same structure."""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import pytest
from lxml import etree

import resdiff
from resdiff._cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SCHEMA = SHARED / "schemas" / "akn" / "akomantoso30.xsd"
XML_XSD = SHARED / "schemas" / "ooxml" / "support" / "xml.xsd"
AKN4ITU = SHARED / "corpora" / "akn4itu"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
RESOLUTIONS = sorted(p for p in (ROOT / "corpus").glob("*/*.txt") if p.name in ("old.txt", "new.txt"))


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    """The AKN 3.0 schema, with the xml.xsd it imports beside it (offline)."""
    if not (SCHEMA.exists() and XML_XSD.exists()):
        pytest.skip("../shared/schemas is not here")
    folder = tmp_path_factory.mktemp("akn-schema")
    shutil.copy(SCHEMA, folder / "akomantoso30.xsd")
    shutil.copy(XML_XSD, folder / "xml.xsd")
    return etree.XMLSchema(etree.parse(str(folder / "akomantoso30.xsd")))


def _akn(path: Path) -> etree._Element:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xml = resdiff.document_to_akn(resdiff.parse(resdiff.read_document(path)))
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and xml.endswith("\n")
    return etree.fromstring(xml.encode())


SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", [*RESOLUTIONS, *SEEDS], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_text_gives_valid_akoma_ntoso(schema: etree.XMLSchema, path: Path) -> None:
    """Resolutions, a proposal document and a compilation of two all validate against akomantoso30.xsd."""
    root = _akn(path)
    assert schema.validate(root), schema.error_log.last_error


def test_the_final_acts_written_back_validate_as_one_collection(schema: etree.XMLSchema) -> None:
    """The 64 statements read from AKN and written again make a valid documentCollection of 64 statements."""
    if not (AKN4ITU / "pp18_final_acts_akn.xml").exists():
        pytest.skip("../shared/corpora/akn4itu is not here")
    root = _akn(AKN4ITU / "pp18_final_acts_akn.xml")
    assert schema.validate(root), schema.error_log.last_error
    assert len(root.findall(".//a:collectionBody/a:component/a:statement", NS)) == 64


def test_the_structure_is_marked_with_akn_elements_and_eids() -> None:
    """Heading, title, opening, recitals, hcontainers, paragraphs and nested points carry resdiff's anchors."""
    root = _akn(ROOT / "corpus" / "dec641-zh" / "new.txt")
    statement = root.find("a:statement", NS)
    assert statement is not None and statement.get("name") == "decision"
    assert statement.find("a:meta/a:identification/a:FRBRWork/a:FRBRnumber", NS).get("value") == "dec-641"
    assert statement.find("a:preface/a:container[@name='title']", NS) is not None
    assert statement.find("a:preamble/a:formula[@name='enactingFormula']", NS) is not None
    recitals = statement.findall("a:preamble/a:recitals", NS)
    assert [r.get("eId") for r in recitals] == ["sec_1", "sec_2"]
    decides = statement.find("a:mainBody/a:hcontainer[@name='decides']", NS)
    assert decides is not None and decides.get("eId") == "sec_3"
    para = decides.find("a:paragraph[@eId='sec_3__para_7']", NS)
    assert para is not None and para.find("a:num", NS).text == "7"
    points = para.findall("a:point", NS)
    assert [p.get("eId") for p in points][:2] == ["sec_3__para_7__point_a", "sec_3__para_7__point_b"]
    assert para.find("a:intro/a:p", NS) is not None  # the paragraph's own text before its points


def test_footnotes_become_authorial_notes_at_their_citation() -> None:
    """The superscript mark in the citing item is replaced by the note itself."""
    root = _akn(ROOT / "corpus" / "res2-en" / "new.txt")
    note = root.find(".//a:authorialNote", NS)
    assert note is not None and note.get("marker") == "1" and note.get("eId") == "fn_1"
    p = note.getparent()
    assert p.text.endswith("developing countries") and note.tail.startswith(", as new")


@pytest.mark.parametrize("path", RESOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_written_then_read_back_the_structure_is_the_same(path: Path) -> None:
    """parse → AKN → read_akn → parse keeps heading, title, sections, items and footnotes."""
    text = path.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = resdiff.parse(text)
        back = resdiff.parse(resdiff.read_akn(resdiff.document_to_akn(doc).encode()).text)

    def shape(d: resdiff.Document) -> tuple[object, ...]:
        return (
            d.heading is not None, d.title is not None, [(s.kind, len(s.items)) for s in d.sections], len(d.footnotes)
        )  # fmt: skip

    assert shape(back) == shape(doc)


def test_the_writer_escapes_and_is_deterministic() -> None:
    """Markup-like text is escaped, and the same document gives the same bytes."""
    doc = resdiff.parse("RESOLUTION 9 (Dubai, 2018)\nTitle <b>&amp; co</b>\nresolves\n1\tthat a < b & c > d;")
    xml = resdiff.document_to_akn(doc)
    assert "Title &lt;b&gt;&amp;amp; co&lt;/b&gt;" in xml and "that a &lt; b &amp; c &gt; d;" in xml
    assert xml == resdiff.document_to_akn(doc)


def test_parse_writes_akn_from_the_command_line(tmp_path: Path) -> None:
    """``resdiff parse FILE -f akn`` prints the document as Akoma Ntoso."""
    out = io.StringIO()
    assert main(["parse", str(ROOT / "corpus" / "res2-en" / "new.txt"), "-f", "akn"], stdout=out) == 0
    root = etree.fromstring(out.getvalue().encode())
    assert root.find("a:statement/a:preface/a:longTitle/a:p/a:docType", NS).text == "RESOLUTION"
    assert root.find("a:statement/a:preface/a:longTitle/a:p/a:docNumber", NS).text == "2 (Rev. Doha, 2026)"
