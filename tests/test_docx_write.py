"""Word output: package structure, tracked and formatted marks, layout, determinism, and LibreOffice's view."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import conftest_docx
import resdiff
from conftest_docx import Clause, build, strip_frame
from resdiff._errors import InputError
from resdiff._io.docx import read_docx, read_docx_text
from resdiff._io.output import write_output
from resdiff._model import ChangeOp, Lang, Role, Symbol
from resdiff._render import RenderOptions
from resdiff._render.docx import render
from resdiff._render.docx.styles import ITU_STYLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
DATE = datetime(2024, 5, 1, tzinfo=timezone.utc)
OPTS = RenderOptions(author="Tester", date=DATE, proposal_id="ECP/38A23/1")
FORMAT = RenderOptions(author="Tester", date=DATE, proposal_id="ECP/38A23/1", marks="format")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# the session-wide headless LibreOffice (a fixture), shared with the other Word tests
libreoffice = conftest_docx.libreoffice

C = ChangeOp

# The commonest ITU edit: a clause gets "; and" and a new clause follows it.
AND_OLD = "considering\na)\tthe first item of the list;\nc)\tthe third item.\n"
AND_NEW = "considering\na)\tthe first item of the list; and\nb)\tthe second item;\nc)\tthe third item.\n"


def sample(lang: Lang = Lang.EN):
    """A comparison with every clause op: NOC, MOD, ADD, SUP and a MOVE from the top to the end."""
    return build(
        [
            Clause(C.NOC, [("=", "RESOLUTION 68 (Rev. New Delhi, 2024)")], Role.HEADING),
            Clause(C.MOD, [("=", "Evolving role of "), ("-", "the"), ("+", "industry"), ("=", " sector")], Role.TITLE),
            Clause(C.SUP, [("-", "(Johannesburg, 2008)")], Role.HISTORY),
            Clause(C.NOC, [("=", "considering")], Role.SECTION),
            Clause(C.ADD, [("+", "a)\tnew item <&> \"quoted\"")], Role.ITEM, "a)"),
            Clause(C.MOD, [("=", "b)\tthe "), ("-", "old"), ("+", "new"), ("=", " text;")], Role.ITEM, "b)"),
            Clause(C.MOVE, [("=", "c)\tmoved "), ("-", "x"), ("+", "y")], Role.ITEM, "c)", old_at=0),
        ],
        lang,
    )


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def paragraphs(data: bytes) -> list[etree._Element]:
    return part(data, "word/document.xml").findall(".//w:body/w:p", NS)


# -- package ---------------------------------------------------------------------------------


def test_package_has_the_parts_word_needs_and_all_are_well_formed():
    """The zip holds content types, relationships, document, styles, settings, font table and core properties."""
    data = render(sample(), OPTS)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        for name in names:
            etree.fromstring(zf.read(name))  # raises if not well-formed
        assert zf.testzip() is None
    assert names[0] == "[Content_Types].xml"
    for needed in ("_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml", "docProps/core.xml"):
        assert needed in names
    types = part(data, "[Content_Types].xml")
    overridden = {o.get("PartName") for o in types}
    assert {"/word/document.xml", "/word/styles.xml", "/word/settings.xml", "/docProps/core.xml"} <= overridden


def test_the_theme_part_is_there_with_its_relationship_and_content_type():
    """word/theme/theme1.xml is in the zip, related from the document and typed in [Content_Types].xml."""
    data = render(sample(), OPTS)
    theme = part(data, "word/theme/theme1.xml")
    assert theme.tag == "{http://schemas.openxmlformats.org/drawingml/2006/main}theme"
    rels = part(data, "word/_rels/document.xml.rels")
    assert [r.get("Target") for r in rels if r.get("Type").endswith("/theme")] == ["theme/theme1.xml"]
    types = {o.get("PartName"): o.get("ContentType") for o in part(data, "[Content_Types].xml")}
    assert types["/word/theme/theme1.xml"] == "application/vnd.openxmlformats-officedocument.theme+xml"


def test_settings_do_not_switch_on_tracking_of_further_edits():
    """settings.xml carries no w:trackRevisions: the revisions are in the body; later edits stay untracked."""
    settings = part(render(sample(), OPTS), "word/settings.xml")
    assert settings.find("w:trackRevisions", NS) is None
    assert settings.find("w:defaultTabStop", NS) is not None


def test_same_comparison_and_date_give_the_same_bytes():
    """Rendering twice with a fixed date is byte-identical; another date changes the bytes."""
    assert render(sample(), OPTS) == render(sample(), OPTS)
    later = RenderOptions(author="Tester", date=DATE + timedelta(days=1), proposal_id="ECP/38A23/1")
    assert render(sample(), later) != render(sample(), OPTS)


def test_zip_entries_carry_a_fixed_timestamp():
    """Zip entries are dated 1980-01-01 so the bytes do not depend on the clock."""
    with zipfile.ZipFile(io.BytesIO(render(sample(), OPTS))) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_revision_dates_are_utc_iso_8601():
    """An aware date is converted to UTC, a naive one taken as UTC, both written as 2024-05-01T00:00:00Z."""
    tz = timezone(timedelta(hours=5, minutes=30))
    for date in (datetime(2024, 5, 1, 5, 30, tzinfo=tz), datetime(2024, 5, 1)):
        doc = part(render(sample(), RenderOptions(date=date)), "word/document.xml")
        dates = {el.get(W + "date") for el in doc.iter(W + "ins", W + "del")}
        assert dates == {"2024-05-01T00:00:00Z"}


def test_default_date_is_now():
    """Without a date the revisions carry the current UTC time."""
    before = datetime.now(timezone.utc).replace(microsecond=0)
    doc = part(render(sample(), RenderOptions()), "word/document.xml")
    stamp = next(doc.iter(W + "ins")).get(W + "date")
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert before <= when <= datetime.now(timezone.utc)


def test_unknown_marks_value_is_an_input_error():
    """marks other than tracked/format is refused with the accepted values named."""
    with pytest.raises(InputError, match="tracked"):
        render(sample(), RenderOptions(marks="colour"))


# -- tracked marks ------------------------------------------------------------------------------


def test_tracked_runs_carry_unique_ids_author_and_date():
    """Every revision element has a unique w:id, the author and the date; deleted text is in w:delText."""
    doc = part(render(sample(), OPTS), "word/document.xml")
    revs = [el for el in doc.iter() if el.get(W + "author") is not None]
    assert revs
    ids = [el.get(W + "id") for el in doc.iter() if el.get(W + "id") is not None and not el.tag.endswith("RangeEnd")]
    assert len(ids) == len(set(ids))
    assert {el.get(W + "author") for el in revs} == {"Tester"}
    for deleted in doc.iter(W + "del"):
        if deleted.getparent().tag != W + "rPr":
            assert deleted.find(".//w:t", NS) is None
            assert deleted.find(".//w:delText", NS) is not None
    paras = paragraphs(render(sample(), OPTS))
    title = next(p for p in paras if p.find("w:pPr/w:pStyle[@w:val='Restitle']", NS) is not None)
    assert "".join(title.xpath(".//w:del//w:delText/text()", namespaces=NS)) == "the"
    assert "".join(title.xpath(".//w:ins//w:t/text()", namespaces=NS)) == "industry"


def test_added_and_suppressed_paragraphs_track_their_paragraph_mark():
    """An ADD's runs are all inserted and the mark before them too (Word's order); a SUP's runs and own mark deleted."""
    paras = paragraphs(render(sample(), OPTS))
    texts = ["".join(p.xpath(".//w:t/text()|.//w:delText/text()", namespaces=NS)) for p in paras]
    at = texts.index('a)new item <&> "quoted"')
    added, before = paras[at], paras[at - 1]
    assert texts[at - 1] == "considering"
    assert before.find("w:pPr/w:rPr/w:ins", NS) is not None  # the Enter typed after "considering"
    assert added.find("w:pPr/w:rPr", NS) is None  # the new clause ends with the old paragraph mark
    assert all(r.getparent().tag == W + "ins" for r in added.findall(".//w:r", NS))
    gone = paras[texts.index("(Johannesburg, 2008)")]
    assert gone.find("w:pPr/w:rPr/w:del", NS) is not None
    assert all(r.getparent().tag == W + "del" for r in gone.findall(".//w:r", NS))


def test_no_untracked_mark_sits_between_two_insertions():
    """An insertion that ends a paragraph is never followed by an untracked mark and another insertion."""
    cmp = resdiff.compare(AND_OLD, AND_NEW.replace("\nc)", "\n\tc)"))
    paras = paragraphs(render(cmp, OPTS))
    for first, second in itertools.pairwise(paras):
        last_run = first.findall("*")[-1]
        first_run = second.findall("*")[1] if len(second) > 1 else None
        if first.find("w:pPr/w:rPr", NS) is None and last_run.tag == W + "ins" and first_run is not None:
            assert first_run.tag != W + "ins"


def test_move_has_paired_ranges_and_the_old_side_where_it_stood():
    """A MOVE is a moveFrom paragraph at the old place and a moveTo at the new, the ranges paired by name."""
    paras = paragraphs(render(sample(), OPTS))
    starts = {}
    for i, p in enumerate(paras):
        for kind in ("moveFrom", "moveTo"):
            start = p.find(f"w:{kind}RangeStart", NS)
            if start is not None:
                end = p.find(f"w:{kind}RangeEnd", NS)
                assert end is not None and end.get(W + "id") == start.get(W + "id")
                assert p.find(f"w:pPr/w:rPr/w:{kind}", NS) is not None
                starts[kind] = (i, start.get(W + "name"))
    assert starts["moveFrom"][1] == starts["moveTo"][1]
    # old index 0: right after the proposal line, before the heading
    assert starts["moveFrom"][0] == 1
    assert starts["moveTo"][0] == len(paras) - 2
    assert "".join(paras[1].xpath(".//w:moveFrom//w:delText/text()", namespaces=NS)) == "c)moved x"


def test_escaping_and_control_characters_give_well_formed_xml():
    """Text with <&>" and XML-illegal control characters renders; controls become U+FFFD, the rest survives."""
    cmp = build([Clause(C.MOD, [("=", 'a <b> & "c"\x00\x01'), ("-", "\x0bold\ufffe"), ("+", "new\x1f")])])
    data = render(cmp, OPTS)
    doc = part(data, "word/document.xml")  # lxml refuses ill-formed XML
    text = "".join(doc.xpath("//w:t/text()|//w:delText/text()", namespaces=NS))
    assert 'a <b> & "c"\ufffd\ufffd' in text
    assert "\ufffdold\ufffd" in text and "new\ufffd" in text
    weird = RenderOptions(author="A<&>\x01", date=DATE)
    assert part(render(cmp, weird), "word/document.xml").find(".//w:ins", NS).get(W + "author") == "A<&>\ufffd"


# -- format marks -----------------------------------------------------------------------------


def test_format_marks_underline_insertions_and_strike_deletions_without_revisions():
    """marks=format writes no revision elements; inserted runs are underlined, deleted runs struck through."""
    doc = part(render(sample(), FORMAT), "word/document.xml")
    for tag in ("ins", "del", "moveFrom", "moveTo", "delText", "moveFromRangeStart"):
        assert not list(doc.iter(W + tag)), tag
    underlined = "".join(doc.xpath("//w:r[w:rPr/w:u[@w:val='single']]/w:t/text()", namespaces=NS))
    struck = "".join(doc.xpath("//w:r[w:rPr/w:strike]/w:t/text()", namespaces=NS))
    assert underlined == 'industrya)new item <&> "quoted"newc)moved y'
    assert struck == "c)moved xthe(Johannesburg, 2008)old"


# -- layout ---------------------------------------------------------------------------------------


def test_proposal_line_comes_first_and_reasons_last():
    """With a proposal ID the first paragraph is 'MOD<TAB>ID' and the last the Reasons placeholder in the language."""
    paras = paragraphs(render(sample(), OPTS))
    first = paras[0]
    assert first.find("w:pPr/w:pStyle", NS).get(W + "val") == "Proposal"
    assert "".join(first.xpath(".//w:t/text()", namespaces=NS)) == "MODECP/38A23/1"
    assert first.find(".//w:tab", NS) is not None
    assert "".join(paras[-1].xpath(".//w:t/text()", namespaces=NS)) == "Reasons:"
    zh = paragraphs(render(sample(Lang.ZH), OPTS))
    assert "".join(zh[-1].xpath(".//w:t/text()", namespaces=NS)) == "理由："


def test_no_proposal_line_without_an_id():
    """Without a proposal ID (and none parsed) no symbol line is added."""
    paras = paragraphs(render(sample(), RenderOptions(date=DATE)))
    assert [p.find("w:pPr/w:pStyle", NS).get(W + "val") for p in paras][:3] == ["Normal", "ResNo", "Restitle"]


def test_a_compared_proposal_line_is_not_doubled():
    """When the compared text has its own symbol/ID line, the renderer adds none of its own."""
    cmp = build([Clause(C.NOC, [("=", "MOD\tECP/38A23/1")], Role.PROPOSAL), Clause(C.MOD, [("-", "a"), ("+", "b")])])
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in paragraphs(render(cmp, OPTS))]
    assert texts.count("MODECP/38A23/1") == 1


def test_roles_get_the_itu_templates_styles():
    """Heading, title, section and items take the ITU styles (ResNo, Restitle, Call, Normal/enumlevN) and names."""
    data = render(sample(), OPTS)
    styles = part(data, "word/styles.xml")

    def style(sid):
        return styles.find(f"w:style[@w:styleId='{sid}']", NS)

    res_no = style("ResNo")
    assert res_no.find("w:name", NS).get(W + "val") == "Res_No"
    assert res_no.find("w:pPr/w:jc", NS).get(W + "val") == "center"
    assert res_no.find("w:rPr/w:b", NS) is not None and res_no.find("w:rPr/w:caps", NS) is not None
    assert style("Restitle").find("w:name", NS).get(W + "val") == "Res_title"
    assert style("Call").find("w:rPr/w:i", NS) is not None
    assert style("enumlev1").find("w:pPr/w:ind", NS).get(W + "hanging") == "1134"
    zh_styles = part(render(sample(Lang.ZH), OPTS), "word/styles.xml")
    assert zh_styles.find("w:style[@w:styleId='ResNo']/w:rPr/w:caps", NS) is None
    used = [p.find("w:pPr/w:pStyle", NS).get(W + "val") for p in paragraphs(data)]
    normal = "Normal"
    assert used == ["Proposal", normal, "ResNo", "Restitle", "Resref", "Call", normal, normal, normal, "Reasons"]
    nested = build([Clause(C.NOC, [("=", "a)\tdeep;")], Role.ITEM, "a)", level=level) for level in (1, 2, 3, 5)])
    used = [p.find("w:pPr/w:pStyle", NS).get(W + "val") for p in paragraphs(render(nested, OPTS))]
    assert used[1:-1] == ["enumlev1", "enumlev2", "enumlev3", "enumlev3"]


def test_paragraphs_carry_no_direct_layout():
    """No paragraph sets its own indentation or tab stops: the styles do, so an ITU template can restyle the file."""
    for cmp in (sample(), sample(Lang.ZH)):
        doc = part(render(cmp, OPTS), "word/document.xml")
        assert not doc.findall(".//w:pPr/w:ind", NS) and not doc.findall(".//w:pPr/w:tabs", NS)


def test_every_style_used_is_defined_once_with_its_itu_name():
    """Each paragraph's style is defined in styles.xml, ids and names are unique, and the table's names are kept."""
    data = render(sample(), OPTS)
    styles = part(data, "word/styles.xml").findall("w:style", NS)
    ids = [s.get(W + "styleId") for s in styles]
    names = [s.find("w:name", NS).get(W + "val") for s in styles]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
    assert dict(zip(ids, names)) == {s.style_id: s.name for s in ITU_STYLES}
    assert {p.find("w:pPr/w:pStyle", NS).get(W + "val") for p in paragraphs(data)} <= set(ids)


def test_chinese_gets_an_east_asian_font_with_a_debian_fallback():
    """Styles name SimSun for East Asian text; the font table gives Noto Serif CJK SC as its alternative."""
    data = render(sample(Lang.ZH), OPTS)
    fonts = part(data, "word/styles.xml").find("w:docDefaults//w:rFonts", NS)
    assert fonts.get(W + "eastAsia") == "SimSun" and fonts.get(W + "hint") == "eastAsia"
    table = part(data, "word/fontTable.xml")
    assert table.find("w:font[@w:name='SimSun']/w:altName", NS).get(W + "val") == "Noto Serif CJK SC"
    lang = part(data, "word/styles.xml").find("w:docDefaults//w:lang", NS)
    assert lang.get(W + "val") == "zh-CN"


# -- no file writing ------------------------------------------------------------------------------


def test_the_renderer_writes_no_files():
    """The docx renderer only returns bytes: the package has no writer, files go through write_output."""
    import resdiff._render.docx as docx_package

    assert not [name for name in dir(docx_package) if name.startswith("write")]
    assert isinstance(render(sample(), OPTS), bytes)


# -- round trip through the reader ----------------------------------------------------------------


@pytest.mark.parametrize("options", [OPTS, FORMAT], ids=["tracked", "format"])
def test_reader_gets_old_and_new_back(options):
    """read_docx(render(cmp)) gives the old text (reject) and new text (accept), framing lines aside."""
    cmp = sample()
    sides = read_docx(render(cmp, options))
    assert sides.tracked
    assert strip_frame(sides.old) == cmp.old.text.splitlines()
    assert strip_frame(sides.new) == cmp.new.text.splitlines()


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t<&>\"' "), max_size=12)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([C.NOC, C.MOD, C.ADD, C.SUP]),
            st.lists(st.tuples(st.sampled_from("=+-"), _TEXT.filter(bool)), min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["tracked", "format"]),
)
def test_round_trip_property(spec, marks):
    """For any clause ops and edits, reading the written file back gives both texts paragraph by paragraph."""
    clauses = []
    for op, segs in spec:
        if op is C.NOC:
            segs = [("=", "".join(t for _, t in segs))]
        elif op is C.ADD:
            segs = [("+", "".join(t for _, t in segs))]
        elif op is C.SUP:
            segs = [("-", "".join(t for _, t in segs))]
        clauses.append(Clause(op, segs))
    cmp = build(clauses)
    options = RenderOptions(date=DATE, proposal_id="X/1/1", marks=marks)
    sides = read_docx(render(cmp, options))
    old, new = [b.text for b in cmp.old.blocks], [b.text for b in cmp.new.blocks]
    if marks == "tracked":
        assert strip_frame(sides.old) == old
        assert strip_frame(sides.new) == new
    else:
        # underline/strike cannot mark a paragraph of blanks as added or removed, nor
        # tell an all-underlined MOD from an ADD: compare the non-blank paragraphs
        assert [x for x in strip_frame(sides.old) if x.strip()] == [x for x in old if x.strip()]
        assert [x for x in strip_frame(sides.new) if x.strip()] == [x for x in new if x.strip()]


# -- LibreOffice --------------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("marks", ["tracked", "format"])
def test_libreoffice_opens_the_file_and_accept_reject_give_new_and_old(libreoffice, tmp_path, marks):
    """In LibreOffice, Accept All gives the new text and Reject All the old (format marks: both show, unchanged)."""
    cmp = sample()
    f = tmp_path / f"{marks}.docx"
    f.write_bytes(render(cmp, RenderOptions(date=DATE, proposal_id="ECP/38A23/1", marks=marks)))
    jobs = [(m, f, tmp_path / f"{marks}.{m}.txt") for m in ("accept", "reject", "show")]
    libreoffice.batch(jobs)
    accepted, rejected, shown = (p.read_text(encoding="utf-8-sig") for _, _, p in jobs)
    if marks == "tracked":
        assert strip_frame(accepted) == cmp.new.text.splitlines()
        assert strip_frame(rejected) == cmp.old.text.splitlines()
    else:
        assert accepted == rejected == shown
    assert shown == read_docx_text(f.read_bytes())


@pytest.mark.libreoffice
def test_reader_understands_libreoffices_own_save_of_the_file(libreoffice, tmp_path):
    """LibreOffice re-saves our tracked and formatted files as .docx; the reader still gets old and new from them."""
    cmp = sample()
    jobs = []
    for options in (OPTS, FORMAT):
        src = tmp_path / f"{options.marks}.docx"
        src.write_bytes(render(cmp, options))
        jobs.append(("docx", src, tmp_path / f"{options.marks}.lo.docx"))
    libreoffice.batch(jobs)
    for _, _, saved in jobs:
        sides = read_docx(saved)
        assert sides.tracked
        assert strip_frame(sides.old) == cmp.old.text.splitlines(), saved.name
        assert strip_frame(sides.new) == cmp.new.text.splitlines(), saved.name


@pytest.mark.libreoffice
def test_chinese_document_converts_to_a_sane_pdf_with_cjk_fonts(libreoffice, tmp_path):
    """A Chinese comparison prints to a PDF of a few pages whose fonts include a CJK one, and page 1 renders."""
    for tool in ("pdfinfo", "pdffonts", "pdftoppm"):
        if shutil.which(tool) is None:
            if os.environ.get("CI") == "true":
                pytest.fail(f"{tool} is not installed (scripts/system-deps.sh installs poppler-utils)")
            pytest.skip(f"{tool} is not installed")
    case = CORPUS / "res68-zh"
    if (case / "old.txt").exists():
        old, new = ((case / f"{side}.txt").read_text(encoding="utf-8") for side in ("old", "new"))
        cmp = resdiff.compare(old, new)
        pages = (2, 12)
    else:
        cmp = sample(Lang.ZH)
        pages = (1, 1)
    f = tmp_path / "zh.docx"
    f.write_bytes(render(cmp, OPTS))
    pdf = tmp_path / "zh.pdf"
    libreoffice.batch([("pdf", f, pdf)])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages[0] <= count <= pages[1]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "CJK" in fonts
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p1")],
        timeout=60,
        check=True,
    )
    assert (tmp_path / "p1.png").stat().st_size > 5000


def test_write_then_read_in_a_path(tmp_path):
    """Rendered bytes written with write_output read back by path and by bytes alike."""
    target = tmp_path / "p.docx"
    write_output(target, render(sample(), OPTS))
    assert read_docx(target) == read_docx(target.read_bytes())
    assert read_docx_text(str(target)).startswith("MOD\tECP/38A23/1\n")


def test_symbol_of_the_comparison_leads_the_proposal_line():
    """The proposal line shows the comparison's own symbol, e.g. (MOD) for editorial changes."""
    cmp = build([Clause(C.MOD, [("=", "a"), ("-", ","), ("+", "，")])])
    from dataclasses import replace

    cmp = replace(cmp, symbol=Symbol.EDITORIAL)
    assert read_docx_text(render(cmp, OPTS)).startswith("(MOD)\tECP/38A23/1\n")


def test_manual_line_and_page_breaks_become_word_breaks() -> None:
    """A vertical tab (Word's manual line break) and a form feed are written as w:br, not as U+FFFD."""
    import resdiff

    cmp = resdiff.compare("a)\tone\x0btwo\x0cthree;", "a)\tone\x0btwo\x0cthree more;")
    xml = zipfile.ZipFile(io.BytesIO(render(cmp, RenderOptions(date=DATE)))).read("word/document.xml")
    root = etree.fromstring(xml)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    breaks = root.findall(".//w:br", ns)
    assert len(breaks) == 2
    assert [b.get(f"{{{ns['w']}}}type") for b in breaks] == [None, "page"]
    assert "\ufffd" not in xml.decode("utf-8")
