"""Reading Word files: what becomes what, tracked and manual marks, and hostile files refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest_docx import dele, ins, make_docx, p, run, wxml
from resdiff._errors import DocxError, InputError
from resdiff._io.docx import DocxSides, read_docx, read_docx_text
from resdiff._io.docx import package as docx_package

# -- plain text ------------------------------------------------------------------------------


def test_paragraphs_tabs_and_breaks():
    """One paragraph a line, w:tab is TAB, w:br and w:cr start a new line, spaces kept."""
    body = p("a)", '<w:r><w:tab/><w:t xml:space="preserve"> text </w:t><w:br/><w:t>next</w:t><w:cr/></w:r>') + p("b")
    assert read_docx_text(make_docx(body)) == "a)\t text \nnext\n\nb\n"


def test_plain_file_sides_are_equal_and_untracked():
    """A file without marks reads as the same text on both sides, not tracked."""
    data = make_docx(p("one") + p("") + p("two"))
    assert read_docx(data) == DocxSides("one\n\ntwo\n", "one\n\ntwo\n", False)


def test_hyperlinks_content_controls_and_simple_fields_keep_their_text():
    """Text inside w:hyperlink, w:sdt and w:fldSimple is read; a hyperlink's style underline is no mark."""
    body = p(
        '<w:hyperlink w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        "<w:t>link</w:t></w:r></w:hyperlink>",
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> sdt</w:t></w:r></w:sdtContent></w:sdt>',
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t xml:space="preserve"> 7</w:t></w:r></w:fldSimple>',
    )
    sides = read_docx(make_docx(body + "<w:sdt><w:sdtContent>" + p("block sdt") + "</w:sdtContent></w:sdt>"))
    assert sides == DocxSides("link sdt 7\nblock sdt\n", "link sdt 7\nblock sdt\n", False)


def test_field_codes_are_skipped_and_results_kept():
    """Between fldChar begin and separate (w:instrText) nothing is read; the result after separate is."""
    body = p(
        "see ",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>',
        "<w:r><w:t>hidden code text</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>Annex 1</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        " here",
    )
    assert read_docx_text(make_docx(body)) == "see Annex 1 here\n"


def test_symbol_characters_and_non_breaking_hyphens():
    """w:sym gives its character (Symbol-font bullets mapped to •), w:noBreakHyphen a non-breaking hyphen."""
    body = p('<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t>x</w:t><w:noBreakHyphen/><w:t>y</w:t></w:r>')
    assert read_docx_text(make_docx(body)) == "•x\u2011y\n"


# -- numbering --------------------------------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2."/>'
    '<w:suff w:val="space"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/><w:suff w:val="nothing"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
)


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def test_automatic_numbering_becomes_the_labels_a_reader_sees():
    """Letters, roman, decimal with start values, multi-level text, overrides, suffixes and bullets are rendered."""
    body = (
        p("first", ppr=num(1))
        + p("second", ppr=num(1))
        + p("sub one", ppr=num(1, 1))
        + p("sub two", ppr=num(1, 1))
        + p("third", ppr=num(1))
        + p("sub again", ppr=num(1, 1))
        + p("three", ppr=num(2))
        + p("three one", ppr=num(2, 1))
        + p("overridden", ppr=num(3))
        + p("bullet", ppr=num(4))
        + p("not numbered", ppr=num(0))
    )
    assert read_docx_text(make_docx(body, numbering=NUMBERING)).splitlines() == [
        "a)\tfirst",
        "b)\tsecond",
        "i. sub one",
        "ii. sub two",
        "c)\tthird",
        "i. sub again",
        "3\tthree",
        "3.1\tthree one",
        "e)\toverridden",
        "•bullet",
        "not numbered",
    ]


def test_numbering_from_the_paragraph_style():
    """A paragraph style with w:numPr (through basedOn) numbers its paragraphs."""
    styles = (
        '<w:style w:type="paragraph" w:styleId="ListBase"><w:pPr>' + num(2) + "</w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Enum"><w:basedOn w:val="ListBase"/></w:style>'
    )
    body = p("x", ppr='<w:pStyle w:val="Enum"/>') + p("y", ppr='<w:pStyle w:val="Enum"/>')
    assert read_docx_text(make_docx(body, numbering=NUMBERING, styles=styles)) == "3\tx\n4\ty\n"


def test_numbering_counts_per_side_of_a_tracked_file():
    """A deleted numbered paragraph takes its number on the old side only; the new side renumbers."""
    gone = p(dele("gone"), ppr=num(1) + '<w:rPr><w:del w:id="9" w:author="t" w:date="2024-05-01T00:00:00Z"/></w:rPr>')
    body = p("first", ppr=num(1)) + gone + p("last", ppr=num(1))
    sides = read_docx(make_docx(body, numbering=NUMBERING))
    assert sides.old == "a)\tfirst\nb)\tgone\nc)\tlast\n"
    assert sides.new == "a)\tfirst\nb)\tlast\n"


# -- footnotes and tables ------------------------------------------------------------------------------------

FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t>Including LDCs.</w:t></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> CTO: chief </w:t></w:r></w:p>'
    "<w:p><w:r><w:t>technology officer.</w:t></w:r></w:p></w:footnote>"
)


def fnref(fid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{fid}"/></w:r>'


def test_footnote_references_become_numbers_and_texts_follow_the_body():
    """References read as their number in order of appearance; footnote texts close the text as N<TAB>text."""
    body = p("countries", fnref(2), " gap") + p("meetings", fnref(1), ";")
    assert read_docx_text(make_docx(body, footnotes=FOOTNOTES)).splitlines() == [
        "countries1 gap",
        "meetings2;",
        "1\tCTO: chief  technology officer.",
        "2\tIncluding LDCs.",
    ]


def test_an_inserted_footnote_is_numbered_on_the_new_side_only():
    """A footnote reference inside w:ins exists on the new side; the old side has no footnote text."""
    body = p("a", ins(fnref(1)), " b")
    sides = read_docx(make_docx(body, footnotes=FOOTNOTES))
    assert sides.old == "a b\n"
    assert sides.new == "a1 b\n1\tIncluding LDCs.\n"


def test_tables_read_as_rows_with_cells_joined_by_tabs():
    """Each table row is a line, cells joined by TAB, paragraphs within a cell joined by a space."""
    row = "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>"
    table = "<w:tbl>" + row.format(p("No."), p("Title")) + row.format(p("68"), p("Evolving") + p("role")) + "</w:tbl>"
    expected = "before\nNo.\tTitle\n68\tEvolving role\nafter\n"
    assert read_docx_text(make_docx(p("before") + table + p("after"))) == expected


def test_tracked_table_rows():
    """An inserted row is on the new side only, a deleted row on the old side only."""
    rev = 'w:id="{}" w:author="t" w:date="2024-05-01T00:00:00Z"'
    table = (
        "<w:tbl>"
        f"<w:tr><w:trPr><w:ins {rev.format(1)}/></w:trPr><w:tc>{p(ins('new row'))}</w:tc></w:tr>"
        f"<w:tr><w:trPr><w:del {rev.format(2)}/></w:trPr><w:tc>{p(dele('old row'))}</w:tc></w:tr>"
        f"<w:tr><w:tc>{p('kept')}</w:tc></w:tr>"
        "</w:tbl>"
    )
    sides = read_docx(make_docx(table))
    assert (sides.old, sides.new, sides.tracked) == ("old row\nkept\n", "new row\nkept\n", True)


# -- tracked changes -------------------------------------------------------------------------------------


def test_tracked_runs_give_reject_all_and_accept_all():
    """w:del text is on the old side, w:ins text on the new; the displayed text has both side by side."""
    data = make_docx(p("认识到", dele("考虑到"), ins("新的"), "，"))
    sides = read_docx(data)
    assert sides == DocxSides("认识到考虑到，\n", "认识到新的，\n", True)
    assert read_docx_text(data) == "认识到考虑到新的，\n"


def test_text_inserted_then_deleted_is_on_neither_side():
    """A w:del nested in a w:ins (added by one author, removed by another) is on neither side."""
    sides = read_docx(make_docx(p("a", ins("b", dele("c", id=5)), "d")))
    assert (sides.old, sides.new) == ("ad\n", "abd\n")


def test_tracked_paragraph_marks_merge_paragraphs():
    """An inserted paragraph mark joins the paragraph to the next on the old side; a deleted one on the new."""
    rev = '<w:rPr><w:{} w:id="{}" w:author="t" w:date="2024-05-01T00:00:00Z"/></w:rPr>'
    split = p("one ", ins("two"), ppr=rev.format("ins", 7)) + p(ins("three "), "four")
    sides = read_docx(make_docx(split))
    assert (sides.old, sides.new) == ("one four\n", "one two\nthree four\n")
    joined = p("alpha ", ppr=rev.format("del", 8)) + p("beta")
    sides = read_docx(make_docx(joined))
    assert (sides.old, sides.new) == ("alpha \nbeta\n", "alpha beta\n")


def test_moves_read_as_deletion_at_the_old_place_and_insertion_at_the_new():
    """w:moveFrom content is on the old side, w:moveTo on the new; paragraph marks of moves count too."""
    rev = 'w:author="t" w:date="2024-05-01T00:00:00Z"'
    mark = '<w:rPr><w:{} w:id="{}" ' + rev + "/></w:rPr>"
    moved_from = (
        f'<w:p><w:pPr>{mark.format("moveFrom", 1)}</w:pPr><w:moveFromRangeStart w:id="2" w:name="m1" {rev}/>'
        f'<w:moveFrom w:id="3" {rev}>{run("c) moved", deleted=True)}</w:moveFrom><w:moveFromRangeEnd w:id="2"/></w:p>'
    )
    moved_to = (
        f'<w:p><w:pPr>{mark.format("moveTo", 4)}</w:pPr><w:moveToRangeStart w:id="5" w:name="m1" {rev}/>'
        f'<w:moveTo w:id="6" {rev}>{run("c) moved")}</w:moveTo><w:moveToRangeEnd w:id="5"/></w:p>'
    )
    sides = read_docx(make_docx(moved_from + p("a") + p("b") + moved_to + p("end")))
    assert sides == DocxSides("c) moved\na\nb\nend\n", "a\nb\nc) moved\nend\n", True)


# -- manual marks -----------------------------------------------------------------------------------------

U = '<w:u w:val="single"/>'
S = "<w:strike/>"


def test_manual_underline_and_strike_are_insertions_and_deletions():
    """Without revisions, underlined runs are new-side text and struck runs old-side text."""
    data = make_docx(p("recognizing ", run("old", S), run("new", U), " text", run(" gone", '<w:dstrike w:val="1"/>')))
    sides = read_docx(data)
    assert sides == DocxSides("recognizing old text gone\n", "recognizing new text\n", True)
    assert read_docx_text(data) == "recognizing oldnew text gone\n"


def test_manual_marks_that_are_turned_off_are_no_marks():
    """w:u w:val=none and w:strike w:val=0 are plain text; such a file is not tracked."""
    sides = read_docx(make_docx(p(run("a", '<w:u w:val="none"/>'), run("b", '<w:strike w:val="0"/>'))))
    assert sides == DocxSides("ab\n", "ab\n", False)


def test_whole_manually_marked_paragraphs_are_on_one_side_only():
    """An all-underlined paragraph is absent from the old side, an all-struck one from the new side."""
    body = p("keep") + p(run("a)", U), run("\tadded", U)) + p(run("b)\tremoved", S)) + p("end")
    sides = read_docx(make_docx(body))
    assert sides.old == "keep\nb)\tremoved\nend\n"
    assert sides.new == "keep\na)\tadded\nend\n"


def test_strike_wins_over_underline():
    """A run both underlined and struck is deleted text (old side only)."""
    sides = read_docx(make_docx(p("x", run("y", U + S))))
    assert (sides.old, sides.new) == ("xy\n", "x\n")


def test_manual_marks_are_formatting_in_a_file_with_revisions():
    """When the file has w:ins/w:del, underline and strike are formatting: underlined text is on both sides."""
    sides = read_docx(make_docx(p(run("emphasis", U), " ", ins("added"))))
    assert (sides.old, sides.new) == ("emphasis \n", "emphasis added\n")


# -- where parts are found ---------------------------------------------------------------------------------


def test_main_part_is_found_through_the_package_relationships():
    """The document part named by _rels/.rels is read even when it is not word/document.xml."""
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="/word/document2.xml"/></Relationships>'
    )
    main = wxml("document", "<w:body>" + p("from document2") + "</w:body>")
    data = make_docx(p("stale"), extra={"_rels/.rels": rels, "word/document2.xml": main})
    assert read_docx_text(data) == "from document2\n"


def test_path_and_bytes_sources_read_alike(tmp_path):
    """A path (str or PathLike) and the file's bytes give the same result."""
    data = make_docx(p("x", ins("y")))
    f = tmp_path / "f.docx"
    f.write_bytes(data)
    assert read_docx(f) == read_docx(str(f)) == read_docx(data)


# -- hostile and broken files ------------------------------------------------------------------------------


def test_not_a_zip_is_refused_naming_the_file(tmp_path):
    """A file that is not a zip archive gives DocxError naming it; DocxError is an InputError."""
    f = tmp_path / "notes.docx"
    f.write_text("considering\na)\ttext\n")
    with pytest.raises(DocxError, match=r"notes\.docx is not a \.docx \(not a zip archive\)"):
        read_docx(f)
    with pytest.raises(InputError):
        read_docx(b"PK\x03\x04 truncated")


def test_missing_file_is_a_docx_error(tmp_path):
    """A path that does not exist gives DocxError naming it."""
    with pytest.raises(DocxError, match=r"nope\.docx"):
        read_docx(tmp_path / "nope.docx")


def test_zip_without_a_document_part_is_refused():
    """A zip with no word/document.xml is not a Word document."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(DocxError, match=r"no word/document\.xml"):
        read_docx(buf.getvalue())


def test_billion_laughs_is_refused():
    """A part with a DOCTYPE declaring nested entities (billion laughs) is refused, not expanded."""
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(DocxError, match="DOCTYPE"):
        read_docx(make_docx("", extra={"word/document.xml": doc}))


def test_external_entity_is_refused(tmp_path):
    """A part declaring an external entity (XXE) is refused and the file it names is never read into the text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(DocxError, match="DOCTYPE"):
        read_docx(make_docx("", extra={"word/document.xml": doc}))
    # a DOCTYPE in a secondary part, UTF-16 encoded, is refused too
    fn = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><w:footnotes '
          'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>').encode("utf-16")  # fmt: skip
    with pytest.raises(DocxError, match=r"footnotes\.xml"):
        read_docx(make_docx(p("x"), extra={"word/footnotes.xml": fn}))


def test_zip_bomb_is_refused_without_inflating_it():
    """A part that inflates from a few hundred KB to 256 MB of zeros is stopped early as a possible zip bomb."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = bytes(1 << 20)
            for _ in range(256):
                member.write(zeros)
    assert len(buf.getvalue()) < 2 * 1024 * 1024
    with pytest.raises(DocxError, match="decompresses to more than"):
        read_docx(buf.getvalue())


def test_total_decompressed_size_is_bounded(monkeypatch):
    """All parts together may not decompress past MAX_TOTAL_BYTES, whatever each part's ratio."""
    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", 2000)
    body = "".join(p(f"paragraph {i} with some text") for i in range(40))
    with pytest.raises(DocxError, match="decompresses to more than"):
        read_docx(make_docx(body))


def test_corrupt_member_is_refused():
    """A part whose bytes fail the CRC check gives DocxError, not zipfile's own error."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", wxml("document", "<w:body>" + p("MARKER text") + "</w:body>"))
    data = buf.getvalue().replace(b"MARKER", b"MARKET")
    with pytest.raises(DocxError, match="corrupt"):
        read_docx(data)


def test_truncated_deflate_stream_is_refused():
    """A part whose compressed stream is cut short gives DocxError."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", wxml("document", "<w:body>" + p("x" * 5000) * 20 + "</w:body>"))
    data = bytearray(buf.getvalue())
    start = 30 + len("word/document.xml")  # local header, then the deflate stream
    data[start + 10 : start + 40] = bytes(30)
    with pytest.raises(DocxError):
        read_docx(bytes(data))


def test_malformed_xml_is_refused_naming_the_part():
    """A document part that is not well-formed XML gives DocxError naming the part."""
    with pytest.raises(DocxError, match=r"word/document\.xml is not well-formed"):
        read_docx(make_docx("", extra={"word/document.xml": "<w:document><unclosed>"}))


# -- tracked numbering, list styles, symbol fonts, endnotes (real files' features) ------------------------

REV = 'w:id="{}" w:author="t" w:date="2024-05-01T00:00:00Z"'


def test_paragraph_properties_change_restores_the_old_numbering_on_the_old_side():
    """w:pPrChange holds the old w:pPr: the old side numbers (or not) by it, the new side by the current one."""
    body = (
        p("first", ppr=num(2))
        + p("was plain", ppr=num(2) + f"<w:pPrChange {REV.format(5)}><w:pPr/></w:pPrChange>")
        + p("was lettered", ppr=num(2) + f"<w:pPrChange {REV.format(6)}><w:pPr>{num(1)}</w:pPr></w:pPrChange>")
    )
    sides = read_docx(make_docx(body, numbering=NUMBERING))
    assert sides.new == "3\tfirst\n4\twas plain\n5\twas lettered\n"
    assert sides.old == "3\tfirst\nwas plain\na)\twas lettered\n"
    assert sides.tracked


def test_inserted_numbering_is_absent_on_the_old_side():
    """A w:numPr holding w:ins was added by the change: Reject All shows no label."""
    numpr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/><w:ins {REV.format(3)}/></w:numPr>'
    sides = read_docx(make_docx(p("item", ppr=numpr), numbering=NUMBERING))
    assert (sides.old, sides.new, sides.tracked) == ("item\n", "a)\titem\n", True)


def test_an_added_paragraph_does_not_take_the_label_away_from_the_one_it_was_split_from():
    """A numbered paragraph followed by an added one (its mark, text and numbering all new) keeps its label."""
    body = p("kept", ppr=num(1) + f"<w:rPr><w:ins {REV.format(1)}/></w:rPr>") + p(
        ins("added"), ppr=num(1) + f"<w:pPrChange {REV.format(2)}><w:pPr/></w:pPrChange>"
    )
    sides = read_docx(make_docx(body, numbering=NUMBERING))
    assert (sides.old, sides.new) == ("a)\tkept\n", "a)\tkept\nb)\tadded\n")


def test_a_list_defined_through_a_list_style_gets_its_labels():
    """w:abstractNum holding only w:numStyleLink takes the levels of the list the numbering style names."""
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="ListStyle"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
    )
    styles = f'<w:style w:type="numbering" w:styleId="ListStyle"><w:pPr>{num(1)}</w:pPr></w:style>'
    body = p("one", ppr=num(2)) + p("two", ppr=num(2))
    assert read_docx_text(make_docx(body, numbering=numbering, styles=styles)) == "A.\tone\nB.\ttwo\n"


def bullet_numbering(text: str, font: str) -> str:
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{text}"/>{fonts}</w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


@pytest.mark.parametrize(
    ("text", "font", "bullet"),
    [
        ("\uf0b7", "Symbol", "•"),
        ("\uf06c", "Wingdings", "●"),
        ("\uf0a7", "Wingdings", "▪"),
        ("\uf0d8", "Wingdings", "➢"),
        ("l", "Wingdings", "●"),  # the font's byte itself
        ("\uf02d", "Symbol", "-"),
        ("o", "Courier New", "◦"),
        ("\uf0b7", "", "•"),  # no font named: Word's default bullet
        ("–", "Times New Roman", "–"),  # an ordinary character stays as written
        ("o", "Arial", "o"),
    ],
)
def test_symbol_font_bullets_become_the_unicode_characters_they_show(text, font, bullet):
    """A bullet level's private-use or byte character in Symbol/Wingdings/Courier New is written as Unicode."""
    data = make_docx(p("item", ppr=num(1)), numbering=bullet_numbering(text, font))
    assert read_docx_text(data) == f"{bullet}\titem\n"


def test_symbol_font_characters_in_runs_and_w_sym():
    """w:sym is read in its w:font; private-use text in a Symbol/Wingdings run is mapped, other text is not."""
    body = p(
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F02A"/>'
        '<w:sym w:font="Arial" w:char="0041"/></w:r>',
        '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>\uf076x</w:t></w:r>',
        "<w:r><w:t>\uf076</w:t></w:r>",
    )
    assert read_docx_text(make_docx(body)) == "✓∗A❖x\uf076\n"


ENDNOTES = (
    '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
    '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> First end.</w:t></w:r></w:p>'
    "</w:endnote>"
    '<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>Second end.</w:t></w:r></w:p></w:endnote>'
)


def enref(eid: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{eid}"/></w:r>'


def test_endnotes_are_read_like_footnotes_numbered_in_lower_roman():
    """Endnote references read i, ii … in order; their texts follow the footnotes as N<TAB>text."""
    body = p("a", enref(2), " b", fnref(1)) + p("c", enref(1))
    data = make_docx(body, footnotes=FOOTNOTES, extra={"word/endnotes.xml": wxml("endnotes", ENDNOTES)})
    assert read_docx_text(data).splitlines() == [
        "ai b1",
        "cii",
        "1\tIncluding LDCs.",
        "i\tSecond end.",
        "ii\tFirst end.",
    ]


def test_note_numbering_follows_the_documents_note_properties():
    """w:footnotePr/w:endnotePr (numFmt, numStart) in the final section properties number the notes."""
    sect = (
        '<w:sectPr><w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr>'
        '<w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="5"/></w:endnotePr></w:sectPr>'
    )
    body = p("a", fnref(1), enref(1)) + sect
    data = make_docx(body, footnotes=FOOTNOTES, extra={"word/endnotes.xml": wxml("endnotes", ENDNOTES)})
    assert read_docx_text(data).splitlines() == ["aa5", "a\tIncluding LDCs.", "5\tFirst end."]


def test_an_inserted_endnote_is_on_the_new_side_only():
    """An endnote reference inside w:ins is on the new side; the old side has neither mark nor text."""
    data = make_docx(p("x", ins(enref(1))), extra={"word/endnotes.xml": wxml("endnotes", ENDNOTES)})
    sides = read_docx(data)
    assert (sides.old, sides.new) == ("x\n", "xi\ni\tFirst end.\n")


# -- structure from the ITU templates' paragraph styles -----------------------------------------------------

ITU_STYLES = (
    '<w:style w:type="paragraph" w:styleId="enumlev1"><w:name w:val="enumlev1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Rectitle"><w:name w:val="Rec_title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="AnnexTitle"><w:name w:val="Annex_Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/></w:style>'
)


def styled(name: str) -> str:
    return f'<w:pStyle w:val="{name}"/>'


def test_enumlev_items_have_a_tab_after_their_label():
    """In an enumlev paragraph the spaces after a label the text rules know become one TAB; other text stays."""
    body = (
        p("a)  the first item;", ppr=styled("enumlev1"))
        + p("–\u00a0a dash item", ppr=styled("enumlev1"))
        + p("b)\tkept as typed", ppr=styled("enumlev1"))
        + p("No label here", ppr=styled("enumlev1"))
        + p("c)  not an ITU item style", ppr=styled("Plain"))
    )
    assert read_docx_text(make_docx(body, styles=ITU_STYLES)).splitlines() == [
        "a)\tthe first item;",
        "–\ta dash item",
        "b)\tkept as typed",
        "No label here",
        "c)  not an ITU item style",
    ]


def test_titles_are_one_line_whatever_their_manual_breaks():
    """A Rectitle or Annex_Title paragraph (matched by style id or name) is one line: a w:br inside is a space."""
    br = "<w:r><w:br/></w:r>"
    body = p("Evolving role of", br, "the Sector", ppr=styled("Rectitle")) + p(
        "Annex", br, "one", ppr=styled("AnnexTitle")
    )
    body += p("keeps", br, "its break", ppr=styled("Plain"))
    assert read_docx_text(make_docx(body, styles=ITU_STYLES)) == (
        "Evolving role of the Sector\nAnnex one\nkeeps\nits break\n"
    )


def test_the_old_side_takes_the_style_hint_from_the_old_properties():
    """A style changed under w:pPrChange gives its hint on the old side only."""
    change = f"{styled('enumlev1')}<w:pPrChange {REV.format(4)}><w:pPr>{styled('Plain')}</w:pPr></w:pPrChange>"
    sides = read_docx(make_docx(p("a)  item", ppr=change), styles=ITU_STYLES))
    assert (sides.old, sides.new) == ("a)  item\n", "a)\titem\n")


# -- bounded work and clear refusals on hostile files ------------------------------------------------------


def run_bounded(tmp_path, data: bytes, control: bytes) -> str:
    """read_docx on hostile *data* in a child process (30 s hard cap): its new text.

    The read must cost about what *control* costs, an ordinary file of the same
    size and shape (at most three times as much plus 0.2 s, and under 5 s), so
    that the bound holds on a loaded machine too.
    """
    import subprocess
    import sys

    hostile, plain = tmp_path / "hostile.docx", tmp_path / "plain.docx"
    hostile.write_bytes(data)
    plain.write_bytes(control)
    code = (
        "import sys, time; from resdiff import read_docx\n"
        "def timed(path):\n"
        "    t = time.perf_counter(); s = read_docx(path); return time.perf_counter() - t, s\n"
        "timed(sys.argv[2]); base, _ = timed(sys.argv[2]); took, s = timed(sys.argv[1])\n"
        "sys.stdout.write(f'{took:.3f} {base:.3f} {len(s.new)}\\n{s.new[:300]}')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(hostile), str(plain)], capture_output=True, text=True, timeout=30, check=True
    )
    figures, head = out.stdout.split("\n", 1)
    took, base, size = figures.split()
    assert float(took) < min(3 * float(base) + 0.2, 5.0), f"read_docx took {took} s, an ordinary file {base} s"
    assert int(size) < 2_000_000
    return head


def one_level(fmt: str, start: str, text: str = "%1.") -> str:
    return (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def test_huge_roman_start_is_written_as_a_decimal_at_once(tmp_path):
    """A list starting at 10^15 in upper roman gives decimal labels, fast (roman numerals stop at 3999)."""
    body = p("x", ppr=num(1)) * 3
    data = make_docx(body, numbering=one_level("upperRoman", str(10**15)))
    assert len(data) < 2048
    head = run_bounded(tmp_path, data, make_docx(body, numbering=one_level("upperRoman", "1")))
    assert head.splitlines()[:2] == ["1000000000000000.\tx", "1000000000000001.\tx"]


def test_huge_letter_start_is_written_as_a_decimal_at_once(tmp_path):
    """A list starting at 2·10^9 in letters gives decimal labels, fast (letters stop at 780, 30 z's)."""
    data = make_docx(p("x", ppr=num(1)), numbering=one_level("lowerLetter", "2000000000"))
    control = make_docx(p("x", ppr=num(1)), numbering=one_level("lowerLetter", "1"))
    assert run_bounded(tmp_path, data, control) == "2000000000.\tx\n"


def test_a_level_text_repeating_a_number_50000_times_is_cut(tmp_path):
    """lvlText with %1 50,000 times over 4,000 paragraphs: the template is cut at MAX_LEVEL_REFS numbers; fast."""
    from resdiff._io.docx.numbering import MAX_LEVEL_REFS

    body = p("x", ppr=num(1)) * 4000
    data = make_docx(body, numbering=one_level("decimal", "1", "%1" * 50_000))
    assert len(data) < 4096
    first = run_bounded(tmp_path, data, make_docx(body, numbering=one_level("decimal", "1"))).split("\n", 1)[0]
    assert first == "1" * MAX_LEVEL_REFS + "\tx"


def test_numbers_at_the_caps_are_still_words():
    """The caps leave ordinary numbers alone: 3999 is MMMCMXCIX, 780 is 30 z's, and 0 has no letter."""
    from resdiff._io.docx.numbering import format_number

    assert format_number(3999, "upperRoman") == "MMMCMXCIX"
    assert format_number(4000, "lowerRoman") == "4000"
    assert format_number(780, "lowerLetter") == "z" * 30
    assert format_number(781, "upperLetter") == "781"
    assert format_number(0, "lowerLetter") == format_number(0, "lowerRoman") == ""


def test_a_path_to_an_endless_device_is_capped(tmp_path):
    """A .docx symlink to /dev/zero is read only up to MAX_STREAM_BYTES, then refused with one line."""
    import time

    from resdiff._io.docx.package import MAX_STREAM_BYTES

    link = tmp_path / "zero.docx"
    link.symlink_to("/dev/zero")
    start = time.perf_counter()
    with pytest.raises(
        DocxError, match=rf"zero\.docx is not a regular file and gives more than {MAX_STREAM_BYTES // 2**20} MB"
    ):
        read_docx(link)
    assert time.perf_counter() - start < 5


def test_a_fifo_without_a_writer_does_not_block(tmp_path):
    """A FIFO nobody writes to reads as empty at once: not a zip archive."""
    import os

    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    with pytest.raises(DocxError, match=r"pipe\.docx is not a \.docx \(not a zip archive\)"):
        read_docx(fifo)


def test_a_fifo_is_read_whole_when_it_carries_a_docx(tmp_path):
    """A .docx written into a FIFO (process substitution, a pipe) is read from memory like the file itself."""
    import os
    import threading
    import time

    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    data = make_docx(p("through ", ins("a pipe")))
    writer_id: list[int] = []

    def write() -> None:
        writer_id.append(threading.get_native_id())
        with open(fifo, "wb") as fh:  # blocks until the reader opens the FIFO
            fh.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    # the writer must be waiting in open() before the reader's non-blocking open, or the reader sees no writer
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if writer_id and Path(f"/proc/self/task/{writer_id[0]}/wchan").read_text() == "wait_for_partner":
                break
        except OSError:  # no /proc: give the thread a moment instead
            time.sleep(0.3)
            break
        time.sleep(0.01)
    try:
        sides = read_docx(fifo)
    finally:
        if writer.is_alive():  # still waiting for a reader (the read failed): release it
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=10)
    assert (sides.old, sides.new) == ("through \n", "through a pipe\n")


def test_a_directory_is_refused(tmp_path):
    """A directory given as the .docx is refused with one line naming it."""
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    with pytest.raises(DocxError, match=r"^cannot read .*folder\.docx: it is a directory$"):
        read_docx(folder)


STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def test_strict_ooxml_reads_like_transitional():
    """A Strict OOXML document (purl.oclc.org namespaces) gives the same text, revisions and numbering."""
    body = p("a)", "\t", dele("old"), ins("new"), ppr=num(1)) + p("b", ppr=num(1))
    transitional = make_docx(body, numbering=NUMBERING)
    strict_rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"'
        ' Target="word/document.xml"/></Relationships>'
    )
    parts = {
        "_rels/.rels": strict_rels,
        "word/document.xml": wxml("document", f"<w:body>{body}</w:body>").replace(docx_package.W_NS, STRICT_NS),
        "word/numbering.xml": wxml("numbering", NUMBERING).replace(docx_package.W_NS, STRICT_NS),
    }
    strict = make_docx("", extra=parts)
    assert docx_package.W_NS.encode() not in zipfile.ZipFile(io.BytesIO(strict)).read("word/document.xml")
    assert read_docx(strict) == read_docx(transitional)
    assert read_docx(strict).new == "a)\ta)\tnew\nb)\tb\n"


@pytest.mark.parametrize(
    ("where", "markup", "problem"),
    [
        (
            "document",
            p("x", ppr='<w:numPr><w:ilvl w:val="one"/><w:numId w:val="1"/></w:numPr>'),
            r"w:ilvl 'one' is not",
        ),
        ("numbering", "", r"w:ilvl '1\.5' is not a whole number"),
        ("document", p('<w:r><w:sym w:font="Symbol" w:char="110000"/></w:r>'), r"beyond the last Unicode code point"),
        ("document", p('<w:r><w:sym w:font="Symbol" w:char="D800"/></w:r>'), r"'D800' is a UTF-16 surrogate"),
        ("document", p('<w:r><w:sym w:font="Symbol" w:char="F0ZZ"/></w:r>'), r"'F0ZZ' is not a hexadecimal"),
        ("document", p('<w:r><w:sym w:font="Symbol" w:char="%s"/></w:r>' % ("F" * 10_000)), r"not a hexadecimal"),
    ],
)
def test_bad_numbers_in_the_xml_are_one_line_errors_naming_file_and_part(tmp_path, where, markup, problem):
    """A non-integer w:ilvl or a w:sym that names no character gives a DocxError naming file, part and value."""
    numbering = NUMBERING
    if where == "numbering":
        numbering = NUMBERING.replace('<w:lvl w:ilvl="1">', '<w:lvl w:ilvl="1.5">', 1)
        markup = p("x", ppr=num(1))
    f = tmp_path / "bad.docx"
    f.write_bytes(make_docx(markup, numbering=numbering))
    part = "word/numbering.xml" if where == "numbering" else "word/document.xml"
    with pytest.raises(DocxError, match=rf"^{re.escape(str(f))} part {re.escape(part)}: .*{problem}") as err:
        read_docx(f)
    assert "\n" not in str(err.value) and len(str(err.value)) < 300
