"""The HTML renderer: golden pages, escaping, anchors, marks, language and determinism."""

from __future__ import annotations

import copy
import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import _render_fixtures as fx
from resdiff._model import ChangeOp, EditOp, Lang, Role, Symbol
from resdiff._render import RenderOptions
from resdiff._render import _common as common
from resdiff._render import html as html_render


def check_golden(name: str, text: str) -> None:
    fx.check_golden("html", name, text)


def page(cmp, **kw) -> str:
    return html_render.render(cmp, RenderOptions(**kw))


def tree(text: str):
    return lxml.html.document_fromstring(text)


def marks_expected(cmp, kind: EditOp) -> int:
    return sum(1 for c in cmp.changes for s in common.clause_segments(cmp, c) if s.op is kind and s.text)


# --- golden files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "opts"),
    [
        ("zh.html", fx.chinese, {"proposal_id": "ECP/38A23/1"}),
        ("zh-side-by-side.html", fx.chinese, {"proposal_id": "ECP/38A23/1", "side_by_side": True}),
        ("en.html", fx.english, {}),
        ("en-side-by-side.html", fx.english, {"side_by_side": True}),
    ],
)
def test_golden(name, make, opts):
    """The pages for the small Chinese and English comparisons are byte-for-byte the reviewed ones."""
    check_golden(name, page(make(), **opts))


# --- structure ----------------------------------------------------------------------


@pytest.mark.parametrize("make", [fx.chinese, fx.english])
@pytest.mark.parametrize("side_by_side", [False, True])
def test_every_link_resolves_and_ids_are_unique(make, side_by_side):
    """Every href="#x" has exactly one element with id x, and no id repeats."""
    doc = tree(page(make(), side_by_side=side_by_side))
    ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert hrefs, "the changed-clause list has links"
    for href in hrefs:
        assert href.startswith("#")
        assert href[1:] in ids


def test_changed_clause_list_links_each_changed_clause_in_order():
    """The navigation lists every non-NOC clause once, in reading order, with its symbol."""
    cmp = fx.chinese()
    doc = tree(page(cmp))
    links = doc.xpath("//nav[@class='changed']//a")
    changed = [c for c in cmp.changes if c.op is not ChangeOp.NOC]
    assert len(links) == len(changed) == 9
    ids = html_render.anchor_ids(cmp)
    wanted = [i for c, i in zip(cmp.changes, ids) if c.op is not ChangeOp.NOC]
    assert [a.get("href")[1:] for a in links] == wanted
    assert [a.xpath("string(span[@class='sym'])") for a in links] == [common.change_symbol(c) for c in changed]


def test_suppressed_clause_anchor_is_old_id():
    """A suppressed clause is anchored at old-<id> and does not clash with the added clause of the same id."""
    cmp = fx.chinese()
    ids = html_render.anchor_ids(cmp)
    sup = [i for c, i in zip(cmp.changes, ids) if c.op is ChangeOp.SUP]
    add = [i for c, i in zip(cmp.changes, ids) if c.op is ChangeOp.ADD]
    assert sup == ["old-sec_1__item_c"] and add == ["sec_1__item_c"]


def test_duplicate_and_odd_block_ids_still_give_unique_resolving_anchors():
    """Ids that repeat or carry unsafe characters are sanitised and deduplicated, links still resolve."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, 'x"><b', "", "one", 0), (Role.PARAGRAPH, 'x"><b', "", "two", 0)])
    new = fx.doc(Lang.EN, [(Role.PARAGRAPH, "9 a", "", "uno", 0), (Role.PARAGRAPH, "9 a", "", "dos", 0)])
    cmp = fx.comparison(
        old,
        new,
        [
            fx.change(old, new, ChangeOp.MOD, 0, 0, [("-", "one"), ("+", "uno")]),
            fx.change(old, new, ChangeOp.MOD, 1, 1, [("-", "two"), ("+", "dos")]),
        ],
    )
    text = page(cmp)
    doc = tree(text)
    ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)) == 2
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_.:-]*", i) for i in ids)
    assert {a.get("href")[1:] for a in doc.iter("a")} == set(ids)
    assert "<b" not in text.split("<body>")[1].replace("<body", "")


@pytest.mark.parametrize("make", [fx.chinese, fx.english])
def test_ins_and_del_counts_match_the_segments(make):
    """One <ins> per inserted run and one <del> per deleted run (a run cut by the label continues as class=cont)."""
    cmp = make()
    for sbs in (False, True):
        main = tree(page(cmp, side_by_side=sbs)).xpath("//main")[0]
        assert len(main.xpath(".//ins[not(@class='cont')]")) == marks_expected(cmp, EditOp.INSERT)
        assert len(main.xpath(".//del[not(@class='cont')]")) == marks_expected(cmp, EditOp.DELETE)


def test_added_clause_keeps_label_in_the_label_column():
    """An ADD clause is one inserted run; the label part and the body part are both marked inserted."""
    cmp = fx.chinese()
    row = tree(page(cmp)).get_element_by_id("sec_1__item_c")
    assert row.xpath("string(span[@class='sym'])") == "ADD"
    p = row.xpath("p")[0]
    assert "labelled" in p.get("class")
    assert p.xpath("span[@class='label']/ins/text()") == ["c)\t"]
    assert p.xpath("ins[@class='cont']/text()") == ["第22号决议（2022年，日内瓦，修订版）；"]


def test_margin_symbols():
    """Changed clauses carry MOD, (MOD) for editorial, ADD, SUP and MOVE; unchanged ones nothing."""
    doc = tree(page(fx.english()))
    syms = {d.get("id"): d.xpath("string(span[@class='sym']/text())") for d in doc.xpath("//main/div")}
    assert syms["heading"] == "MOD"
    assert syms["sec_1__item_a"] == "MOVE"
    assert syms["sec_1__item_b"] == "(MOD)"
    assert syms["sec_1"] == ""
    zh = {d.get("id"): d.xpath("string(span[@class='sym'])") for d in tree(page(fx.chinese())).xpath("//main/div")}
    assert zh["old-sec_1__item_c"] == "SUP" and zh["sec_1__item_c"] == "ADD" and zh["sec_2__item_2"] == "(MOD)"


def test_side_by_side_marks_deletions_left_and_insertions_right():
    """In side-by-side view the old column has only <del>, the new column only <ins>."""
    cmp = fx.chinese()
    doc = tree(page(cmp, side_by_side=True))
    assert doc.xpath("//td[@class='old']//ins") == []
    assert doc.xpath("//td[@class='new']//del") == []
    assert doc.xpath("//td[@class='old']//del") and doc.xpath("//td[@class='new']//ins")
    sup = doc.get_element_by_id("old-sec_1__item_c")
    assert sup.xpath("string(td[@class='new'])") == ""
    assert sup.xpath("string(td[@class='old'])") == "c)\t业界的参与已成为一项重要目标；"


def test_side_by_side_columns_rebuild_each_version():
    """Each column's text is exactly that version's paragraph."""
    cmp = fx.english()
    doc = tree(page(cmp, side_by_side=True))
    rows = doc.xpath("//tbody/tr")
    assert len(rows) == len(cmp.changes)
    for change, row in zip(cmp.changes, rows):
        if change.old is not None:
            assert row.xpath("string(td[@class='old'])") == cmp.old.blocks[change.old].text
        if change.new is not None:
            assert row.xpath("string(td[@class='new'])") == cmp.new.blocks[change.new].text


def test_single_column_text_is_old_and_new_interleaved():
    """Dropping <ins> gives the old paragraph, dropping <del> the new one."""
    cmp = fx.chinese()
    doc = tree(page(cmp))
    for change, div in zip(cmp.changes, doc.xpath("//main/div")):
        p = div.xpath("p")[0]
        old_text = "".join(t for t in p.xpath(".//text()[not(ancestor::ins)]"))
        new_text = "".join(t for t in p.xpath(".//text()[not(ancestor::del)]"))
        if change.old is not None:
            assert old_text == cmp.old.blocks[change.old].text
        if change.new is not None:
            assert new_text == cmp.new.blocks[change.new].text


def test_header_symbol_proposal_counts_and_legend():
    """The top shows the document symbol, the proposal ID, the counts and a legend with both marks."""
    doc = tree(page(fx.english()))
    assert doc.xpath("string(//p[@class='doc-symbol'])") == "MOD XYZ/12A3/4"  # from Document.proposals
    counts = {td.get("data-op"): td.text_content() for td in doc.xpath("//table[@class='counts']//td")}
    assert counts == {"ADD": "0", "MOD": "4 (2 editorial)", "SUP": "0", "MOVE": "1", "NOC": "5"}
    legend = doc.xpath("//p[@class='legend']")[0]
    assert legend.xpath("ins") and legend.xpath("del")
    zh = tree(page(fx.chinese(), proposal_id="ECP/38A23/1"))
    assert zh.xpath("string(//p[@class='doc-symbol'])") == "MOD ECP/38A23/1"
    assert tree(page(fx.chinese())).xpath("//span[@class='proposal-id']") == []


def test_title_from_documents_or_options():
    """The title is the new heading and title, unless options.title says otherwise."""
    assert (
        tree(page(fx.chinese())).findtext(".//title")
        == "第68号决议（2024年，新德里，修订版） — 业界在ITU-T中不断演进的作用"
    )
    assert tree(page(fx.chinese(), title="A & B")).findtext(".//title") == "A & B"


def test_language_fonts_and_direction():
    """lang comes from the document; Chinese gets the CJK font stack; Arabic paragraphs are right-to-left."""
    zh = page(fx.chinese())
    assert '<html lang="zh">' in zh
    assert re.search(
        r':lang\(zh\) \{ font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", '
        r'"SimSun", "Microsoft YaHei", sans-serif; \}',
        zh,
    )
    assert 'dir="rtl"' not in zh
    old = fx.doc(Lang.AR, [(Role.ITEM, "sec_1__item_a", "", "نص قديم", 0)])
    new = fx.doc(Lang.AR, [(Role.ITEM, "sec_1__item_a", "", "نص جديد", 0)])
    ar = fx.comparison(
        old, new, [fx.change(old, new, ChangeOp.MOD, 0, 0, [("=", "نص "), ("-", "قديم"), ("+", "جديد")])]
    )
    for sbs in (False, True):
        doc = tree(page(ar, side_by_side=sbs))
        assert doc.get("lang") == "ar"
        paras = doc.xpath("//main//p")
        assert paras and all(p.get("dir") == "rtl" for p in paras)


def test_mixed_languages_mark_the_other_side():
    """When old and new differ in language, the old side's paragraphs carry their own lang."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "para_1", "", "gone", 0)])
    new = fx.doc(Lang.ZH, [(Role.PARAGRAPH, "para_1", "", "新", 0)])
    cmp = fx.comparison(
        old, new, [fx.change(old, new, ChangeOp.SUP, 0, None), fx.change(old, new, ChangeOp.ADD, None, 0)]
    )
    doc = tree(page(cmp))
    assert doc.get("lang") == "zh"
    assert doc.get_element_by_id("old-para_1").xpath("p")[0].get("lang") == "en"
    assert doc.get_element_by_id("para_1").xpath("p")[0].get("lang") is None


def test_section_headings_italic_and_print_stylesheet():
    """Section keyword lines are italic; print keeps marks in black, hides navigation, sets margins."""
    text = page(fx.chinese())
    assert ".role-section { font-style: italic; }" in text
    assert tree(text).xpath("//p[contains(@class,'role-section')]")
    printing = text.split("@media print")[1]
    assert "@page { margin:" in printing
    assert "nav.changed { display: none; }" in printing
    assert "ins { color: #000; background: none; text-decoration: underline; }" in printing
    assert "del { color: #000; background: none; text-decoration: line-through; }" in printing


def test_self_contained():
    """No script, no external resource: nothing to fetch, nothing to run."""
    for make in (fx.chinese, fx.english):
        for sbs in (False, True):
            text = page(make(), side_by_side=sbs)
            doc = tree(text)
            assert doc.xpath("//script | //link | //img | //iframe | //object") == []
            assert "url(" not in text and "@import" not in text and "http" not in text


def test_deterministic():
    """Same comparison and options give the same bytes, also for an equal copy and after other renders."""
    cmp = fx.chinese()
    first = page(cmp)
    page(fx.english())
    page(cmp, side_by_side=True)
    assert page(copy.deepcopy(cmp)) == first == page(fx.chinese())


def test_no_change_page():
    """A comparison without changes says so instead of listing clauses."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "para_1", "", "same", 0)])
    cmp = fx.comparison(old, old, [fx.change(old, old, ChangeOp.NOC, 0, 0)], symbol=Symbol.NOC)
    doc = tree(page(cmp))
    assert doc.xpath("string(//span[contains(@class,'doc')])") == "NOC"
    assert doc.xpath("//nav//p[@class='empty']") and doc.xpath("//nav//a") == []


def test_change_without_segments_is_rebuilt_from_blocks():
    """A change that carries no segments still shows its text, marked by its op."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "para_1", "", "old words", 0)])
    new = fx.doc(Lang.EN, [(Role.PARAGRAPH, "para_1", "", "new words", 0)])
    from resdiff._model import ClauseChange

    cmp = fx.comparison(old, new, [ClauseChange(ChangeOp.MOD, 0, 0, ())])
    p = tree(page(cmp)).xpath("//main//p")[0]
    assert p.xpath("del/text()") == ["old words"] and p.xpath("ins/text()") == ["new words"]


# --- escaping (property) ------------------------------------------------------------

_NASTY = st.sampled_from(["<script>alert(1)</script>", "&", "&amp;", '"', "'", "<", ">", "]]>", "<!--", "\t", "a)"])
_TEXT = st.lists(
    st.one_of(_NASTY, st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)), max_size=6
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    before=_TEXT,
    deleted=_TEXT.filter(bool),
    inserted=_TEXT.filter(bool),
    after=_TEXT,
    title=_TEXT,
    pid=_TEXT,
    bid=_TEXT,
    sbs=st.booleans(),
)
def test_escaping_property(before, deleted, inserted, after, title, pid, bid, sbs):
    """Arbitrary text (markup, entities, quotes) never reaches the page unescaped; the text content keeps it."""
    old_text, new_text = before + deleted + after, before + inserted + after
    old = fx.doc(Lang.EN, [(Role.ITEM, bid or "x", "", old_text, 0)])
    new = fx.doc(Lang.EN, [(Role.ITEM, bid or "x", "", new_text, 0)])
    runs = [("=", before), ("-", deleted), ("+", inserted), ("=", after)]
    cmp = fx.comparison(
        old, new, [fx.change(old, new, ChangeOp.MOD, 0, 0, [r for r in runs if r[1]])], warnings=[title]
    )
    text = page(cmp, title=title, proposal_id=pid, side_by_side=sbs)
    doc = tree(text)
    # no input-made elements or attributes
    assert doc.xpath("//script") == []
    assert "<script" not in text
    allowed = {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "p",
        "span",
        "h1",
        "h2",
        "table",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "nav",
        "ol",
        "a",
        "main",
        "div",
        "ins",
        "del",
        "colgroup",
        "col",
        "thead",
        "tbody",
    }
    assert {e.tag for e in doc.iter() if isinstance(e.tag, str)} <= allowed
    # the text survives intact
    assert doc.findtext(".//title") == (title or common.page_title(cmp, RenderOptions()))
    if pid:
        assert doc.xpath("string(//span[@class='proposal-id'])") == pid
    main = doc.xpath("//main")[0]
    if sbs:
        assert main.xpath("string(.//td[@class='old'])") == old_text
        assert main.xpath("string(.//td[@class='new'])") == new_text
        assert "".join(main.xpath(".//td[@class='old']//del/text()")) == deleted
        assert "".join(main.xpath(".//td[@class='new']//ins/text()")) == inserted
    else:
        p = main.xpath(".//p")[0]
        assert "".join(p.xpath(".//text()[not(ancestor::ins)]")) == old_text
        assert "".join(p.xpath(".//text()[not(ancestor::del)]")) == new_text
    ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
    assert all(a.get("href")[1:] in ids for a in doc.iter("a"))


def test_control_characters_are_replaced():
    """Controls that HTML forbids become U+FFFD; CR and CRLF become LF as a browser would read them."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", "a\x00b\x1b[31mc\r\nd\x85", 0)])
    cmp = fx.comparison(old, old, [fx.change(old, old, ChangeOp.NOC, 0, 0)])
    text = page(cmp)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\r]", text)
    assert tree(text).xpath("string(//main//p)") == "a\ufffdb\ufffd[31mc\nd\ufffd"


# --- the real comparison on the corpus ------------------------------------------------


def test_corpus_is_there():
    """The corpus tests below run on real pairs, res68-zh among them; they must not vanish silently."""
    assert "res68-zh" in [c[0] for c in fx.CORPUS]


@pytest.mark.parametrize(("name", "old", "new"), fx.CORPUS, ids=[c[0] for c in fx.CORPUS])
def test_corpus_pages(name, old, new):
    """On every corpus pair compared for real: marks match the runs, text reads back, links resolve."""
    from resdiff import compare

    cmp = compare(old, new)
    for sbs in (False, True):
        doc = tree(page(cmp, side_by_side=sbs))
        main = doc.xpath("//main")[0]
        assert len(main.xpath(".//ins[not(@class='cont')]")) == marks_expected(cmp, EditOp.INSERT)
        assert len(main.xpath(".//del[not(@class='cont')]")) == marks_expected(cmp, EditOp.DELETE)
        ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
        assert len(ids) == len(set(ids))
        assert all(a.get("href")[1:] in ids for a in doc.iter("a"))
        rows = main.xpath("./div") if not sbs else main.xpath(".//tbody/tr")
        assert len(rows) == len(cmp.changes)
        for change, row in zip(cmp.changes, rows):
            if sbs:
                old_text, new_text = row.xpath("string(td[@class='old'])"), row.xpath("string(td[@class='new'])")
            else:
                p = row.xpath("p")[0]
                old_text = "".join(p.xpath(".//text()[not(ancestor::ins)]"))
                new_text = "".join(p.xpath(".//text()[not(ancestor::del)]"))
            if change.old is not None:
                assert old_text == cmp.old.blocks[change.old].text
            if change.new is not None:
                assert new_text == cmp.new.blocks[change.new].text


def test_docstring_examples_run():
    """The examples in the module's docstrings give the output shown."""
    import doctest
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # compare() warns that the toy example has no resolution structure
        failures, tried = doctest.testmod(html_render, verbose=False)
    assert tried > 0 and failures == 0
