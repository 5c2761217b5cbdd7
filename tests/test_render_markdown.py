"""The Markdown renderer: golden files, escaping and the validity of the marks."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import _render_fixtures as fx
from resdiff._errors import InputError
from resdiff._model import ChangeOp, EditOp, Lang, Role
from resdiff._render import RenderOptions
from resdiff._render import markdown as md

SPECIAL = set("\\`*_~[]<>&|#")


def check_golden(name: str, text: str) -> None:
    fx.check_golden("markdown", name, text)


@pytest.mark.parametrize(
    ("name", "make", "opts"),
    [
        ("zh-html.md", fx.chinese, {"proposal_id": "ECP/38A23/1"}),
        ("zh-markup.md", fx.chinese, {"proposal_id": "ECP/38A23/1", "markdown_style": "markup"}),
        ("en-html.md", fx.english, {}),
        ("en-markup.md", fx.english, {"markdown_style": "markup"}),
    ],
)
def test_golden(name, make, opts):
    """The Markdown for the small Chinese and English comparisons is byte-for-byte the reviewed one."""
    check_golden(name, md.render(make(), RenderOptions(**opts)))


# --- a reader for exactly what the renderer writes ------------------------------------

_MARKS = {
    "html": {
        "<ins>": (EditOp.INSERT, True),
        "</ins>": (EditOp.INSERT, False),
        "<del>": (EditOp.DELETE, True),
        "</del>": (EditOp.DELETE, False),
    },
    "markup": {"**": (EditOp.INSERT, None), "~~": (EditOp.DELETE, None)},
}


def _is_ws(ch: str) -> bool:
    return ch == "" or ch.isspace() or unicodedata.category(ch) == "Zs"


def _punct_030(ch: str) -> bool:
    """CommonMark 0.30: ASCII punctuation or Unicode category P*."""
    return ch != "" and (
        (ch.isascii() and not ch.isalnum() and not ch.isspace()) or unicodedata.category(ch).startswith("P")
    )


def _punct_031(ch: str) -> bool:
    """CommonMark 0.31: Unicode categories P* and S*."""
    return ch != "" and (_punct_030(ch) or unicodedata.category(ch).startswith("S"))


def read_paragraph(src: str, style: str):
    """Undo the renderer's markup: returns (old text, new text, delimiters as (pos, length, opening)).

    Fails on any Markdown-significant character that is neither an escape, an
    entity, nor one of the renderer's own marks -- i.e. on input that leaked.
    """
    marks = _MARKS[style]
    old, new, delims = [], [], []
    state = EditOp.EQUAL
    i = 0
    while i < len(src):
        for token, (op, opening) in marks.items():
            if src.startswith(token, i):
                if opening is None:
                    opening = state is EditOp.EQUAL
                assert (state is EditOp.EQUAL) == opening and (opening or state is op), (src, i)
                state = op if opening else EditOp.EQUAL
                delims.append((i, len(token), opening))
                i += len(token)
                break
        else:
            ch = src[i]
            if ch == "\\":
                assert src[i + 1] in SPECIAL | set(".)-+="), (src, i)  # the latter only at line start
                ch, i = src[i + 1], i + 2
            elif ch == "&":
                m = re.match(r"&#(\d+);", src[i:])
                assert m, ("bare &", src, i)
                ch, i = chr(int(m.group(1))), i + len(m.group(0))
                if ch == "\u200b":
                    assert state is EditOp.EQUAL, "zero-width spaces only stand outside marks"
                    continue
            else:
                assert ch not in SPECIAL, ("unescaped", ch, src, i)
                i += 1
            if state is not EditOp.INSERT:
                old.append(ch)
            if state is not EditOp.DELETE:
                new.append(ch)
    assert state is EditOp.EQUAL, "a mark is left open"
    return "".join(old), "".join(new), delims


def assert_flanking(src: str, delims) -> None:
    """Every ** / ~~ opener is left-flanking and every closer right-flanking (CommonMark 6.2, 0.30 and 0.31)."""
    for _is_punct in (_punct_030, _punct_031):
        _assert_flanking(src, delims, _is_punct)


def _assert_flanking(src: str, delims, _is_punct) -> None:
    for pos, length, opening in delims:
        before = src[pos - 1] if pos else ""
        after = src[pos + length] if pos + length < len(src) else ""
        if opening:
            ok = not _is_ws(after) and (not _is_punct(after) or _is_ws(before) or _is_punct(before))
        else:
            ok = not _is_ws(before) and (not _is_punct(before) or _is_ws(after) or _is_punct(after))
        assert ok, f"{'opener' if opening else 'closer'} at {pos} does not flank: {src!r}"


def paragraphs(text: str, cmp):
    """The clause paragraphs of a rendering (after the heading, counts, legend and warnings)."""
    paras = text.rstrip("\n").split("\n\n")
    head = 3 + len(cmp.warnings)
    return paras[head:]


def split_tag(para: str) -> tuple[str, str]:
    m = re.match(r"`(MOD|\(MOD\)|ADD|SUP|MOVE)` ", para)
    return (m.group(1), para[m.end() :]) if m else ("", para)


@pytest.mark.parametrize("style", ["html", "markup"])
@pytest.mark.parametrize("make", [fx.chinese, fx.english])
def test_paragraphs_rebuild_both_versions(make, style):
    """Each clause paragraph reads back as the old and the new text, tagged with the clause's symbol."""
    cmp = make()
    text = md.render(cmp, RenderOptions(markdown_style=style))
    paras = paragraphs(text, cmp)
    assert len(paras) == len(cmp.changes)
    for change, para in zip(cmp.changes, paras):
        tag, body = split_tag(para)
        assert tag == ("" if change.op is ChangeOp.NOC else ("(MOD)" if change.editorial else change.op.value))
        old, new, delims = read_paragraph(body, style)
        if change.old is not None:
            assert old == cmp.old.blocks[change.old].text
        if change.new is not None:
            assert new == cmp.new.blocks[change.new].text
        if style == "markup":
            assert_flanking(body, delims)


def test_heading_counts_and_legend():
    """The first lines are the symbol with the proposal ID and title, the counts and the legend."""
    text = md.render(fx.chinese(), RenderOptions(proposal_id="ECP/38A23/1"))
    lines = text.split("\n\n")
    assert lines[0] == "# `MOD` ECP/38A23/1 第68号决议（2024年，新德里，修订版） — 业界在ITU-T中不断演进的作用"
    assert lines[1] == "ADD 1 · MOD 7 (1 editorial) · SUP 1 · MOVE 0 · NOC 3"
    assert "<ins>inserted</ins>" in lines[2] and "<del>deleted</del>" in lines[2]
    markup = md.render(fx.chinese(), RenderOptions(markdown_style="markup")).split("\n\n")[2]
    assert "**inserted**" in markup and "~~deleted~~" in markup


def test_unknown_style_is_refused():
    """A markdown_style other than html or markup is an input error, not a silent default."""
    with pytest.raises(InputError, match="markdown style"):
        md.render(fx.chinese(), RenderOptions(markdown_style="rst"))


def test_chinese_punctuation_keeps_bold_valid():
    """An insertion starting with full-width punctuation after a letter gets a zero-width space: it still bolds."""
    text = md.render(fx.chinese(), RenderOptions(markdown_style="markup"))
    assert "哈马马特&#8203;**；2024年，新德里**）" in text
    assert "2\t继续举办CTO会议&#8203;~~;~~**；**" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. one", "1\\. one"),
        ("12) x", "12\\) x"),
        ("- dash", "\\- dash"),
        ("+ plus", "\\+ plus"),
        ("=== ", "\\=== "),
        ("# head", "\\# head"),
        ("> quote", "\\> quote"),
        ("\tcode", "&#9;code"),
        ("    code", "&#32;&#32;&#32;&#32;code"),
        ("a)\ttext", "a)\ttext"),
    ],
)
def test_line_start_is_inert(text, expected):
    """An unchanged paragraph cannot turn into a list, heading, quote, rule or code block."""
    doc = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", text, 0)])
    cmp = fx.comparison(doc, doc, [fx.change(doc, doc, ChangeOp.NOC, 0, 0)])
    assert paragraphs(md.render(cmp, RenderOptions()), cmp) == [expected]


_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "*",
                "**",
                "~~",
                "_",
                "`",
                "[x](y)",
                "<ins>",
                "</del>",
                "&amp;",
                "&#8203;",
                "\\",
                "#",
                "1.",
                "- ",
                " ",
                "\t",
                "，",
                "；",
                "字",
                "a",
                "|",
                "!",
                "\n",
                "\u3000",
                "\u200b",
            ]
        ),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=5),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    before=_TEXT,
    deleted=_TEXT.filter(bool),
    inserted=_TEXT.filter(bool),
    after=_TEXT,
    style=st.sampled_from(["html", "markup"]),
    noc=_TEXT,
)
def test_escaping_property(before, deleted, inserted, after, style, noc):
    """Whatever the input, the marks read back intact, input never adds syntax, and bold/strike delimiters flank."""
    old = fx.doc(Lang.EN, [(Role.ITEM, "a", "", noc, 0), (Role.ITEM, "b", "", before + deleted + after, 0)])
    new = fx.doc(Lang.EN, [(Role.ITEM, "a", "", noc, 0), (Role.ITEM, "b", "", before + inserted + after, 0)])
    runs = [r for r in [("=", before), ("-", deleted), ("+", inserted), ("=", after)] if r[1]]
    cmp = fx.comparison(
        old, new, [fx.change(old, new, ChangeOp.NOC, 0, 0), fx.change(old, new, ChangeOp.MOD, 1, 1, runs)]
    )
    text = md.render(cmp, RenderOptions(markdown_style=style, title=noc))
    paras = paragraphs(text, cmp)
    assert all("\n" not in p for p in paras)

    def clean(s: str) -> str:
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", re.sub(r"\r\n|\r|\n", " ", s))

    if noc:
        assert len(paras) == 2
        tag, body = split_tag(paras[0])
        assert tag == ""
        assert not re.match(r"[-+=#> \t]|\d{1,9}[.)]", body)
        assert read_paragraph(body, style)[0] == clean(noc)
    tag, body = split_tag(paras[-1])
    assert tag == "MOD"
    o, n, delims = read_paragraph(body, style)
    assert (o, n) == (clean(before + deleted + after), clean(before + inserted + after))
    if style == "markup":
        assert_flanking(body, delims)


@pytest.mark.parametrize(("name", "old", "new"), fx.CORPUS, ids=[c[0] for c in fx.CORPUS])
def test_corpus_markdown(name, old, new):
    """On every corpus pair compared for real, both styles read back as old and new and keep valid delimiters."""
    from resdiff import compare

    cmp = compare(old, new)
    for style in ("html", "markup"):
        paras = paragraphs(md.render(cmp, RenderOptions(markdown_style=style)), cmp)
        assert len(paras) == len(cmp.changes)
        for change, para in zip(cmp.changes, paras):
            body = split_tag(para)[1]
            o, n, delims = read_paragraph(body, style)
            if change.old is not None:
                assert o == cmp.old.blocks[change.old].text.replace("\n", " ")
            if change.new is not None:
                assert n == cmp.new.blocks[change.new].text.replace("\n", " ")
            if style == "markup":
                assert_flanking(body, delims)


def test_docstring_examples_run():
    """The examples in the module's docstrings give the output shown."""
    import doctest
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # compare() warns that the toy example has no resolution structure
        failures, tried = doctest.testmod(md, verbose=False)
    assert tried > 0 and failures == 0
