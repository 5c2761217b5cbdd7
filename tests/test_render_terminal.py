"""The terminal renderer: symbol column, wdiff marks, colours on top, and input that cannot drive the terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import _render_fixtures as fx
from resdiff._model import ChangeOp, Lang, Role
from resdiff._render import RenderOptions, terminal
from resdiff._render._common import clause_segments
from resdiff._render.wdiff import render_segments

OWN_SGR = re.compile(r"\x1b\[(?:0|1|31|31;9|32|32;4|1;3[1-6])m")


def check_golden(name: str, text: str) -> None:
    fx.check_golden("terminal", name, text)


@pytest.mark.parametrize(
    ("name", "make", "opts"),
    [
        ("zh.txt", fx.chinese, {"proposal_id": "ECP/38A23/1"}),
        ("zh-color.txt", fx.chinese, {"proposal_id": "ECP/38A23/1", "color": True}),
        ("en.txt", fx.english, {}),
        ("en-color.txt", fx.english, {"color": True}),
    ],
)
def test_golden(name, make, opts):
    """The terminal view of the small Chinese and English comparisons is byte-for-byte the reviewed one."""
    check_golden(name, terminal.render(make(), RenderOptions(**opts)))


def clause_lines(text: str, cmp) -> list[str]:
    """The clause lines: after the header, the counts, the warnings and one blank line."""
    return text.rstrip("\n").split("\n")[3 + len(cmp.warnings) :]


@pytest.mark.parametrize("make", [fx.chinese, fx.english])
def test_plain_is_symbol_column_plus_wdiff(make):
    """Without colour each clause line is its symbol padded to the column, then exactly the wdiff-style line."""
    cmp = make()
    lines = clause_lines(terminal.render(cmp, RenderOptions()), cmp)
    assert len(lines) == len(cmp.changes)
    for change, line in zip(cmp.changes, lines):
        sym = "" if change.op is ChangeOp.NOC else ("(MOD)" if change.editorial else change.op.value)
        assert line[: terminal.SYMBOL_WIDTH] == sym.ljust(terminal.SYMBOL_WIDTH)
        assert line[terminal.SYMBOL_WIDTH :] == render_segments(clause_segments(cmp, change))


@pytest.mark.parametrize("make", [fx.chinese, fx.english])
def test_color_is_the_plain_text_with_sgr_on_top(make):
    """Removing the colour sequences from the coloured view gives the plain view; nothing else differs."""
    cmp = make()
    plain = terminal.render(cmp, RenderOptions())
    colored = terminal.render(cmp, RenderOptions(color=True))
    assert colored != plain
    assert OWN_SGR.sub("", colored) == plain


def test_color_marks_deletions_red_struck_and_insertions_green_underlined():
    """Deleted text is SGR 31;9 (red, strike), inserted SGR 32;4 (green, underline); symbols bold."""
    text = terminal.render(fx.chinese(), RenderOptions(color=True))
    assert "\x1b[31m[-\x1b[31;9m16年，哈马马特\x1b[0m\x1b[31m-]\x1b[0m" in text
    assert "\x1b[32m{+\x1b[32;4m24年，新德里\x1b[0m\x1b[32m+}\x1b[0m" in text
    assert "\x1b[1;31mSUP\x1b[0m    " in text and "\x1b[1;36m(MOD)\x1b[0m  " in text
    assert "\x1b" not in terminal.render(fx.chinese(), RenderOptions())


def test_header_and_counts():
    """The first lines give the symbol, proposal ID and title, then the counts."""
    lines = terminal.render(fx.english(), RenderOptions()).split("\n")
    assert lines[0] == 'MOD XYZ/12A3/4 RESOLUTION 99 (Rev. Dubai, 2025) — Testing <markup> & "quotes"'
    assert lines[1] == "ADD 0 · MOD 4 (2 editorial) · SUP 0 · MOVE 1 · NOC 5"
    assert lines[2] == "warning: line 3: <odd> & unusual"


HOSTILE = [
    "\x1b[2J\x1b[H",  # clear screen, home
    "\x1b]0;owned\x07",  # set window title (OSC ... BEL)
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",  # hyperlink (OSC ... ST)
    "\x9b31m",  # 8-bit CSI
    "\x1bP+q\x1b\\",  # DCS request
    "\x1b[6n",  # cursor position report request
    "\x1bc",  # full reset
    "a\rb",  # carriage return overwrite
    "x\x08y",  # backspace
    "\x07",  # bell
    "\x00\x7f\x85",
]


@pytest.mark.parametrize("color", [False, True])
def test_input_escape_sequences_are_neutralised(color):
    """Escape sequences and controls in the input never reach the terminal; the text around them stays."""
    texts = [f"keep{h}kept" for h in HOSTILE]
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, f"p{i}", "", t, 0) for i, t in enumerate(texts)])
    new = fx.doc(Lang.EN, [(Role.PARAGRAPH, f"p{i}", "", t + " new", 0) for i, t in enumerate(texts)])
    changes = [fx.change(old, new, ChangeOp.MOD, i, i, [("=", t), ("+", " new")]) for i, t in enumerate(texts)]
    cmp = fx.comparison(old, new, changes, warnings=["\x1b[31mred warning"])
    out = terminal.render(cmp, RenderOptions(color=color, title="\x1b]0;title\x07T", proposal_id="\x1b[5mP"))
    rest = OWN_SGR.sub("", out) if color else out
    assert "\x1b" not in rest and "\x9b" not in rest
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", rest)
    lines = clause_lines(OWN_SGR.sub("", out), cmp)
    assert len(lines) == len(HOSTILE)
    assert all(line[terminal.SYMBOL_WIDTH :].startswith("keep") and line.endswith("kept{+ new+}") for line in lines)
    assert "owned" not in out and "http://x" not in out and "\x07" not in out


def test_neutralize_examples():
    """Whole sequences go, lone controls show as U+FFFD, CRLF becomes LF, TAB stays."""
    assert terminal.neutralize("a\x1b[1;31mb\x1b[0mc") == "abc"
    assert terminal.neutralize("a\x1b]0;t\x07b") == "ab"
    assert terminal.neutralize("a\x1b]0;unterminated") == "a"
    assert terminal.neutralize("a\r\nb\rc\td") == "a\nb\ufffdc\td"
    assert terminal.neutralize("清\x00楚") == "清\ufffd楚"


def test_line_break_inside_a_block_stays_in_the_text_column():
    """A line break inside a clause continues under the text, not under the symbol column."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", "one\ntwo", 0)])
    new = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", "one\ntwo\nthree", 0)])
    cmp = fx.comparison(old, new, [fx.change(old, new, ChangeOp.MOD, 0, 0, [("=", "one\ntwo"), ("+", "\nthree")])])
    for color in (False, True):
        lines = OWN_SGR.sub("", terminal.render(cmp, RenderOptions(color=color))).rstrip("\n").split("\n")[3:]
        assert lines == ["MOD    one", "       two{+", "       three+}"]


_TEXT = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)), st.sampled_from(["\x1b", "[", "]", "\x07", "\x9b", "\\", ";", "0"])
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(before=_TEXT, deleted=_TEXT.filter(bool), inserted=_TEXT.filter(bool), color=st.booleans())
def test_no_input_reaches_the_terminal_property(before, deleted, inserted, color):
    """For any input, the only escape sequences in the output are the renderer's own colours."""
    old = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", before + deleted, 0)])
    new = fx.doc(Lang.EN, [(Role.PARAGRAPH, "p", "", before + inserted, 0)])
    runs = [r for r in [("=", before), ("-", deleted), ("+", inserted)] if r[1]]
    cmp = fx.comparison(old, new, [fx.change(old, new, ChangeOp.MOD, 0, 0, runs)])
    out = terminal.render(cmp, RenderOptions(color=color, title=before))
    rest = OWN_SGR.sub("", out)
    assert "\x1b" not in rest and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", rest)
    if not color:
        assert rest == out
    pad = "\n" + " " * terminal.SYMBOL_WIDTH  # a line break inside a block continues under the text column
    for text in (deleted, inserted):
        assert terminal.neutralize(text).replace("\n", pad) in rest


@pytest.mark.parametrize(("name", "old", "new"), fx.CORPUS, ids=[c[0] for c in fx.CORPUS])
def test_corpus_terminal_matches_wdiff(name, old, new):
    """On every corpus pair compared for real, the plain clause text is the wdiff output line for line."""
    from resdiff import compare, render

    cmp = compare(old, new)
    lines = [line[terminal.SYMBOL_WIDTH :] for line in clause_lines(terminal.render(cmp, RenderOptions()), cmp)]
    assert "\n".join(lines) + "\n" == render(cmp, "wdiff")
    colored = terminal.render(cmp, RenderOptions(color=True))
    assert OWN_SGR.sub("", colored) == terminal.render(cmp, RenderOptions())


def test_docstring_examples_run():
    """The examples in the module's docstrings give the output shown."""
    import doctest
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # compare() warns that the toy example has no resolution structure
        failures, tried = doctest.testmod(terminal, verbose=False)
    assert tried > 0 and failures == 0


def test_bidi_overrides_and_isolates_are_neutralised_like_controls() -> None:
    """U+202A–U+202E and U+2066–U+2069 can make a line read as something it is not: -f text shows U+FFFD."""
    from resdiff import compare, render

    trick = "considering\na)\tpay \u202e0001\u202c now;"
    out = render(compare("considering\na)\tpay 1000 now;", trick + "\u2066x\u2069"), "text")
    assert not any(ch in out for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\ufffd0001\ufffd" in out and "\ufffdx\ufffd" in out
    # the marks Arabic text needs are kept
    assert "\u200f" in render(compare("a\u200fb", "a\u200fc"), "text")
