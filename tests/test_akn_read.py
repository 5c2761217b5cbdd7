"""Reading Akoma Ntoso: the text rendering parses with the structure the XML marks; hostile XML is refused."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from lxml import etree

import resdiff
from resdiff._io.akn import AKN_NS

AKN4ITU = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "akn4itu"
FINAL_ACTS = AKN4ITU / "pp18_final_acts_akn.xml"
A = f"{{{AKN_NS}}}"

# Section wordings of the PP-18 Final Acts that the keyword tables gained for them (ten statements use them).
RARE_WORDINGS = {"concerned", "authorizes", "welcoming", "having considered", "mindful", "appreciating",
                 "reaffirming", "recommends", "noting with concern"}  # fmt: skip


def _akn(body: str) -> bytes:
    return f'<akomaNtoso xmlns="{AKN_NS}"><statement name="resolution">{body}</statement></akomaNtoso>'.encode()


def _marked(statement: etree._Element) -> dict[str, object]:
    """What the XML marks: heading, title, sections (recitals + hcontainers) and items (recital, paragraph, point)."""
    return {
        "heading": statement.find(f"{A}preface/{A}longTitle") is not None,
        "title": statement.find(f"{A}preface/{A}container[@name='title']") is not None,
        "sections": len(list(statement.iter(A + "recitals"))) + len(list(statement.iter(A + "hcontainer"))),
        "items": sum(len(list(statement.iter(A + tag))) for tag in ("recital", "paragraph", "point")),
    }


def _found(doc: resdiff.Document) -> dict[str, object]:
    return {
        "heading": doc.heading is not None,
        "title": doc.title is not None,
        "sections": len(doc.sections),
        "items": sum(len(s.items) for s in doc.sections),
    }


def _keywords(statement: etree._Element) -> set[str]:
    """The statement's section wordings that are among RARE_WORDINGS (empty: none)."""
    out = set()
    for el in [*statement.iter(A + "intro"), *statement.iter(A + "heading")]:
        line = " ".join("".join(el.itertext()).split())
        out.update(w for w in RARE_WORDINGS if line == w or line.startswith(w + " "))
    return out


@pytest.fixture(scope="module")
def final_acts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict, dict, dict]]:
    """(number, marked in the XML, found in the XML's statement part, found in that part saved as text)."""
    if not FINAL_ACTS.exists():
        pytest.skip("../shared/corpora/akn4itu is not here")
    root = etree.parse(str(FINAL_ACTS), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    statements = list(root.iter(A + "statement"))
    parts = [p for p in resdiff.split_text(resdiff.read_document(FINAL_ACTS)) if not p.front]
    assert len(parts) == len(statements) == 64
    folder = tmp_path_factory.mktemp("akn-parts")
    out = []
    for statement, part in zip(statements, parts):
        number = statement.find(f".//{A}FRBRnumber").get("value")
        saved = folder / f"{part.key}.txt"
        saved.write_text(part.text, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error", resdiff.ResdiffWarning)  # every section wording is known
            from_xml = _found(resdiff.parse(part.text))
            from_text = _found(resdiff.parse(resdiff.read_document(saved)))
        out.append((number, _marked(statement), from_xml, from_text, _keywords(statement)))
    return out


def test_every_statement_of_the_final_acts_is_read_with_its_heading_and_title(final_acts: list) -> None:
    """All 61 resolutions, 2 decisions and 1 recommendation come with a heading and a title."""
    assert len(final_acts) == 64
    for number, marked, from_xml, from_text, _ in final_acts:
        assert marked["heading"] and marked["title"], number
        assert from_xml["heading"] and from_xml["title"] and from_text["heading"] and from_text["title"], number


def test_sections_and_items_are_as_many_as_the_xml_marks(final_acts: list) -> None:
    """Section and item counts equal the XML's in all 64 statements, read from the XML and from its text alike."""
    checked = 0
    for number, marked, from_xml, from_text, _ in final_acts:
        assert from_xml == marked, number
        assert from_text == marked, number
        checked += 1
    assert checked == 64


def test_statements_with_rare_wordings_also_match(final_acts: list) -> None:
    """The ten statements that use 'welcoming', 'mindful', 'recommends'… have their sections and items too."""
    rare = [(number, marked, from_xml, from_text) for number, marked, from_xml, from_text, kw in final_acts if kw]
    assert len(rare) == 10
    assert set().union(*(kw for *_, kw in final_acts)) == RARE_WORDINGS
    for number, marked, from_xml, from_text in rare:
        assert from_xml == marked == from_text, number


def test_conversion_faults_are_mended_where_the_text_shows_them() -> None:
    """Labels inside <p> become labels; a footnote glued after a rule becomes a footnote after its citing item."""
    if not (AKN4ITU / "res_2.xml").exists():
        pytest.skip("../shared/corpora/akn4itu is not here")
    akn = resdiff.read_akn(AKN4ITU / "res_2.xml")
    assert akn.statements == 1
    assert set(akn.mended) == {"footnote citation found: 1", "footnote glued after a rule: 1", "label inside <p>: 5"}
    lines = akn.text.splitlines()
    assert lines[4] == "a)\trelevant resolutions of the United Nations General Assembly (UNGA);"
    cited = next(i for i, line in enumerate(lines) if "developing countries¹," in line)
    assert lines[cited].startswith("d)\tthat WTPF should continue to give special attention")
    assert lines[cited + 1].startswith("¹ These include the least developed countries")
    assert "____" not in akn.text
    doc = resdiff.parse(akn.text)
    assert [f.mark for f in doc.footnotes] == ["¹"]
    resolves = next(s for s in doc.sections if s.kind is resdiff.SectionKind.RESOLVES)
    assert len(resolves.items) == 9  # "10 that broad participation…" is glued into 9 in the XML, and stays there


def test_the_parse_of_a_rendering_points_into_the_rendering() -> None:
    """Spans are offsets into the text rendering: every block is the slice its span names."""
    xml = _akn(
        "<preface><longTitle><p><docType>RESOLUTION</docType> <docNumber>5 (Dubai, 2018)</docNumber></p></longTitle>"
        '<container name="title"><p>A title</p></container></preface>'
        '<preamble><formula name="enactingFormula"><p>The Plenipotentiary Conference (Dubai, 2018),</p></formula>'
        "<recitals><intro><p><i>considering</i></p></intro><recital><num>a)</num><p>that <b>one</b>"
        '<authorialNote marker="1"><p>A note.</p></authorialNote> thing;</p></recital></recitals></preamble>'
        '<mainBody><hcontainer name="resolves"><heading>resolves</heading><paragraph><num>1</num><content>'
        "<p>to act as follows:</p></content><list><point><num>a)</num><content><p>first;</p></content></point>"
        "</list></paragraph></hcontainer></mainBody>"
    )
    text = resdiff.read_akn(xml).text
    assert text.splitlines() == [
        "RESOLUTION 5 (Dubai, 2018)", "A title", "The Plenipotentiary Conference (Dubai, 2018),", "considering",
        "a)\tthat one¹ thing;", "¹ A note.", "resolves", "1\tto act as follows:", "a)\tfirst;",
    ]  # fmt: skip
    doc = resdiff.parse(text)
    assert all(b.text == text[b.span.start : b.span.end] for b in doc.blocks)
    assert [b.role.value for b in doc.blocks] == [
        "heading", "title", "opening", "section", "item", "footnote", "section", "item", "item",
    ]  # fmt: skip
    assert doc.blocks[-1].level == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><akomaNtoso/>', "DOCTYPE"),
        (b"<html><body>not AKN</body></html>", "not an Akoma Ntoso 3.0 document"),
        (b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><statement>", "not well-formed"),
    ],
)
def test_hostile_or_foreign_xml_is_refused_in_one_sentence(data: bytes, message: str) -> None:
    """A DOCTYPE (entities), another vocabulary or broken XML: InputError, nothing expanded or fetched."""
    with pytest.raises(resdiff.InputError, match=message):
        resdiff.read_akn(data)


def test_xml_files_are_read_as_akn_only_when_they_are(tmp_path: Path) -> None:
    """An .xml in the AKN namespace is rendered; any other .xml stays plain text, as before."""
    akn = tmp_path / "res.xml"
    akn.write_bytes(_akn('<mainBody><hcontainer name="resolves"><heading>resolves</heading><paragraph><num>1</num>'
                         "<content><p>to act;</p></content></paragraph></hcontainer></mainBody>"))
    other = tmp_path / "notes.xml"
    other.write_text("<notes>considering</notes>\n", encoding="utf-8")
    assert resdiff.read_document(akn) == "resolves\n1\tto act;\n"
    assert resdiff.read_document(other) == "<notes>considering</notes>\n"
    (tmp_path / "res.akn").write_bytes(akn.read_bytes())
    assert resdiff.read_document(tmp_path / "res.akn") == "resolves\n1\tto act;\n"
