"""Rebuilding paragraphs from a PDF's lines (pure: lines in, text out; no PDF library needed)."""

from __future__ import annotations

import resdiff
from resdiff._io.pdf import PdfLine, PdfRule, rebuild

WIDTH = 612.0  # points: a Letter page, text from x=72 to x=540
SIZE = 12.0
PITCH = 14.0


def page(texts: list[tuple[str, float]], number: int = 0, top: float = 100.0, gap: float = 0.0) -> list[PdfLine]:
    """Lines of one page: (text, right edge); each line one pitch below the last, *gap* extra between paragraphs
    marked by a leading '|'."""
    out, y = [], top
    for text, x1 in texts:
        if text.startswith("|"):
            text, y = text[1:], y + gap
        out.append(PdfLine(text, number, 72.0, x1, y, y, SIZE))
        y += PITCH
    return out


def text_of(lines: list[PdfLine], rules: tuple[PdfRule, ...] = (), pages: int | None = None) -> list[str]:
    return rebuild(lines, rules, pages=pages, width=WIDTH).text.splitlines()


def test_latin_lines_that_reach_the_margin_are_joined_with_a_space() -> None:
    """A line that ends at the margin continues in the next; one that ends short ends its paragraph."""
    lines = page([("a) that the telecommunication environment has undergone considerable", 539.0),
                  ("changes;", 120.0), ("b) that new services hold promise;", 300.0)])
    assert text_of(lines) == [
        "a) that the telecommunication environment has undergone considerable changes;",
        "b) that new services hold promise;",
    ]


def test_a_line_ends_its_paragraph_when_the_next_first_word_would_have_fitted() -> None:
    """Room left at the end of a line for the next line's first word means the writer ended the paragraph there."""
    lines = page([("considering", 140.0), ("a) the text;", 150.0)])
    assert text_of(lines) == ["considering", "a) the text;"]
    long_word = [("The forum shall be held in accordance with the procedures for", 470.0),
                 ("telecommunication/information matters;", 300.0)]
    # 70 points of room, and the first unbreakable piece ("telecommunication/") needs more
    assert len(text_of(page(long_word))) == 1


def test_han_lines_are_joined_without_a_space() -> None:
    """Chinese wraps anywhere and is written without spaces: joined lines get none."""
    lines = page([("全权代表大会关于世界电信标准化全会不断演进的作用的第122号决议亦呼吁召开全", 538.0),
                  ("球标准化专题研讨会；", 200.0)])
    assert text_of(lines) == ["全权代表大会关于世界电信标准化全会不断演进的作用的第122号决议亦呼吁召开全"
                              "球标准化专题研讨会；"]


def test_a_hyphen_at_a_line_end_is_undone_only_for_a_word_found_whole() -> None:
    """``develop-`` + ``ment`` becomes ``development`` when the text has that word; ``High-`` + ``Level`` stays."""
    lines = page([("the development of networks and the develop-", 538.0), ("ment of services;", 200.0),
                  ("|the High-", 538.0), ("Level Event and the cross-", 538.0), ("border services;", 200.0)], gap=10)
    assert text_of(lines) == [
        "the development of networks and the development of services;",
        "the High-Level Event and the cross-border services;",
    ]


def test_pdfiums_hyphen_mark_is_decided_like_a_hyphen() -> None:
    """PDFium's U+FFFE for a hyphen over a line end is kept as ``-`` unless the whole word occurs elsewhere."""
    lines = page([("the ITU-coordinated WSIS+10 High\ufffeLevel Event and the imple\ufffementation", 538.0),
                  ("of its implementation plan;", 200.0)])
    assert text_of(lines) == [
        "the ITU-coordinated WSIS+10 High-Level Event and the implementation of its implementation plan;"
    ]


def test_a_paragraph_gap_ends_a_paragraph_even_at_the_margin() -> None:
    """A vertical step well above the line pitch is a paragraph gap."""
    lines = page([("a line that reaches the right margin of the text block exactly here", 539.0),
                  ("a line", 539.0), ("|after a gap", 200.0)], gap=12.0)
    assert text_of(lines) == [
        "a line that reaches the right margin of the text block exactly here a line",
        "after a gap",
    ]


def test_an_item_label_after_a_clause_end_starts_a_new_paragraph() -> None:
    """A line that ends a clause (``;``) and a next line that starts with a label are two items, full line or not."""
    lines = page([("a) that the telecommunication environment has undergone considerable changes;", 539.0),
                  ("b) that new services hold promise;", 300.0)])
    assert text_of(lines) == [
        "a) that the telecommunication environment has undergone considerable changes;",
        "b) that new services hold promise;",
    ]


def test_a_year_in_brackets_is_not_taken_for_a_label() -> None:
    """``(Doha,`` + ``2026),`` continues the opening: a four-digit number is not an item label."""
    lines = page([("The Plenipotentiary Conference of the International Telecommunication Union (Doha,", 539.0),
                  ("2026),", 110.0)])
    assert text_of(lines) == [
        "The Plenipotentiary Conference of the International Telecommunication Union (Doha, 2026),"
    ]


def test_a_heading_and_the_opening_after_a_title_stand_alone() -> None:
    """A heading line never takes the next line in, nor does a title take the opening that follows it."""
    lines = page([("RESOLUTION 2 (Rev. Doha, 2026)", 539.0),
                  ("World telecommunication/information and communication technology policy forum", 539.0),
                  ("The Plenipotentiary Conference of the International Telecommunication Union", 539.0),
                  ("(Doha, 2026),", 140.0)])
    assert text_of(lines) == [
        "RESOLUTION 2 (Rev. Doha, 2026)",
        "World telecommunication/information and communication technology policy forum",
        "The Plenipotentiary Conference of the International Telecommunication Union (Doha, 2026),",
    ]


def test_a_short_keyword_line_after_a_full_han_line_is_a_section_heading() -> None:
    """``做出决议`` after a full line ending in ``，`` is the next section's keyword line, not the end of the item."""
    lines = page([("g) 有关新兴电信/ICT服务和技术问题的讨论得益于所有感兴趣的利益攸关方按照其各自职责的参与，", 539.0),
                  ("做出决议", 120.0), ("1 须举行WTPF；", 200.0)])
    assert text_of(lines)[1] == "做出决议"


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    """A line repeated at the same height at the top or bottom of most pages goes, whatever its digits."""
    lines: list[PdfLine] = []
    for n in range(3):
        lines += [PdfLine("PP-18 – Res. 2", n, 250, 360, 40, 40, 9)]
        lines += page([(f"text of page {n + 1}, a paragraph that ends short.", 400.0)], n)
        lines += [PdfLine(f"– {n + 1} –", n, 290, 320, 760, 760, 9)]
    result = rebuild(lines, pages=3, width=WIDTH)
    assert result.text.splitlines() == [f"text of page {n}, a paragraph that ends short." for n in (1, 2, 3)]
    assert result.removed == ("PP-18 – Res. 2", "– 1 –", "– 2 –", "– 3 –")


def test_a_heading_at_the_top_of_every_page_is_kept() -> None:
    """A resolution heading that opens every page (one resolution a page) is text, not a running header."""
    lines: list[PdfLine] = []
    for n in range(3):
        lines += page([(f"RESOLUTION {n + 1} (Dubai, 2018)", 300.0), ("resolves", 150.0), ("1 to act;", 150.0)], n)
    assert text_of(lines, pages=3)[::3] == [f"RESOLUTION {n} (Dubai, 2018)" for n in (1, 2, 3)]


def test_a_paragraph_goes_on_over_a_page_break() -> None:
    """The last line of a page, full to the margin, continues on the first line of the next page."""
    lines = page([("a) that the telecommunication environment has undergone considerable", 539.0)], 0, top=700)
    lines += page([("changes;", 120.0)], 1, top=72)
    assert text_of(lines, pages=2) == ["a) that the telecommunication environment has undergone considerable changes;"]


def test_footnotes_below_a_text_rule_become_footnote_lines_after_the_citing_item() -> None:
    """Under ``____``, numbered lines are footnotes, written ``¹ …`` after the paragraph that cites ``¹``."""
    lines = page([("d) the needs of developing countries¹, as new technologies can contribute;", 520.0),
                  ("e) the need for preparation time;", 300.0),
                  ("____________________", 180.0),
                  ("1 These include the least developed countries, small island developing states and", 539.0),
                  ("landlocked developing countries.", 250.0)])
    out = text_of(lines)
    assert out == [
        "d) the needs of developing countries¹, as new technologies can contribute;",
        "¹ These include the least developed countries, small island developing states and landlocked developing"
        " countries.",
        "e) the need for preparation time;",
    ]
    doc = resdiff.parse("considering\n" + "\n".join(out))
    assert [b.role.value for b in doc.blocks[1:]] == ["item", "footnote", "item"]


def test_footnotes_below_a_drawn_rule_in_a_smaller_font_are_read() -> None:
    """A short drawn line at the page bottom followed by smaller numbered lines is a footnote zone."""
    body = page([("a) the text that cites a note²;", 300.0), ("b) more text;", 200.0)])
    notes = [PdfLine("2 The note's text.", 0, 72, 200, 700, 700, 9.0)]
    rule = PdfRule(0, 72, 200, 690)
    assert text_of(body + notes, (rule,)) == ["a) the text that cites a note²;", "² The note's text.", "b) more text;"]
    # without the rule, the same lines are text
    assert text_of(body + notes) == ["a) the text that cites a note²;", "b) more text;", "2 The note's text."]


def test_an_uncited_footnote_goes_after_the_paragraph_open_at_the_page_end() -> None:
    """A footnote whose mark is cited nowhere follows the last paragraph of its page, never splitting it."""
    lines = page([("a) the first item;", 200.0), ("b) an item that runs to the margin of the page and", 539.0)], 0, 600)
    lines += page([("____________________", 180.0), ("3 An uncited note.", 200.0)], 0, 740)
    lines += page([("goes on here;", 200.0)], 1, 72)
    assert text_of(lines, pages=2) == [
        "a) the first item;",
        "b) an item that runs to the margin of the page and goes on here;",
        "³ An uncited note.",
    ]


def test_the_rebuilt_text_is_what_the_parser_reads_losslessly() -> None:
    """Every block of the parsed rebuilt text is a slice of it: spans point into the extracted text."""
    lines = page([("RESOLUTION 2 (Rev. Doha, 2026)", 300.0), ("Title of the resolution", 300.0),
                  ("considering", 150.0),
                  ("a) that the telecommunication environment has undergone considerable", 539.0),
                  ("changes;", 120.0)])
    text = rebuild(lines, width=WIDTH).text
    doc = resdiff.parse(text)
    assert doc.heading is not None and len(doc.sections) == 1
    assert all(b.text == text[b.span.start : b.span.end] for b in doc.blocks)


def test_on_a_single_page_only_small_type_set_apart_is_furniture() -> None:
    """Without pages to compare, a header or page number in a smaller type in the margin goes; text stays."""
    lines = [PdfLine("PP-26 – Res. 2", 0, 250, 360, 40, 40, 9)]
    lines += page([("RESOLUTION 2 (Rev. Doha, 2026)", 300.0), ("resolves", 150.0), ("1 to act;", 150.0)])
    lines += [PdfLine("3 A footnote without a rule.", 0, 72, 250, 700, 700, 9)]
    lines += [PdfLine("– 1 –", 0, 290, 320, 760, 760, 9)]
    result = rebuild(lines, pages=1, width=WIDTH)
    assert result.removed == ("PP-26 – Res. 2", "– 1 –")
    assert result.text.splitlines() == [
        "RESOLUTION 2 (Rev. Doha, 2026)", "resolves", "1 to act;", "3 A footnote without a rule."
    ]
