"""Token diff inside a clause: drafter-like hunks and an exact round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff import _diffengine as diffengine
from resdiff import _inline as inline
from resdiff._inline import diff_text
from resdiff._model import EditOp, Segment, Span
from resdiff._render.wdiff import render_segments


def rebuild(segments: tuple[Segment, ...], side: EditOp) -> str:
    return "".join(s.text for s in segments if s.op in (EditOp.EQUAL, side))


def test_revision_marker_change_is_one_hunk() -> None:
    """A changed revision marker reads as one delete and one insert."""
    old = "第68号决议（2016年，哈马马特，修订版）"
    new = "第68号决议（2024年，新德里，修订版）"
    assert render_segments(diff_text(old, new)) == "第68号决议（[-2016年，哈马马特-]{+2024年，新德里+}，修订版）"


def test_english_marks_whole_words() -> None:
    """English changes are marked as whole words, never parts of words."""
    marked = render_segments(diff_text("to organize meetings", "to organise meetings"))
    assert marked == "to [-organize-]{+organise+} meetings"


def test_replaced_phrase_has_no_equal_crumbs() -> None:
    """A phrase replaced by another is one hunk, not a trail of one-token equalities."""
    old = "and to take appropriate measures in time"
    new = "and to adopt suitable steps in time"
    marked = render_segments(diff_text(old, new))
    assert marked.count("[-") == 1 and marked.count("{+") == 1, marked


def test_label_change_is_marked_on_the_label() -> None:
    """A relabelled item is marked as [-e-]{+i+})."""
    assert render_segments(diff_text("e)\t第22号决议；", "i)\t第22号决议；")) == "[-e-]{+i+})\t第22号决议；"


def test_width_change_is_marked_but_does_not_disturb_alignment() -> None:
    """A full-width/half-width change is its own small hunk."""
    assert render_segments(diff_text("a, b", "a， b")) == "a[-,-]{+，+} b"


def test_figure_update() -> None:
    """A changed figure inside Chinese text is marked alone."""
    marked = render_segments(diff_text("拥有520多个部门成员", "拥有700多个部门成员"))
    assert marked == "拥有[-520-]{+700+}多个部门成员"


def test_spans_point_into_the_documents() -> None:
    """Segment spans, shifted by the clause offsets, index the right text."""
    old_doc, new_doc = "xx the old text", "yyy the new text"
    for seg in diff_text(old_doc[2:], new_doc[3:], 2, 3):
        if seg.op is EditOp.DELETE:
            assert old_doc[seg.old.start : seg.old.end] == seg.text
        else:
            assert new_doc[seg.new.start : seg.new.end] == seg.text
        if seg.op is EditOp.EQUAL:
            assert old_doc[seg.old.start : seg.old.end] == seg.text


def test_long_clause_is_bounded_and_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_TOKENS the sentence-first path still rebuilds both sides."""
    monkeypatch.setattr(inline, "MAX_TOKENS", 40)
    old = "；".join(f"第{i}项工作 continues here" for i in range(60))
    new = old.replace("第7项", "第七项").replace("第40项工作 continues", "第40项工作 stops")
    segs = diff_text(old, new)
    assert rebuild(segs, EditOp.DELETE) == old
    assert rebuild(segs, EditOp.INSERT) == new
    assert sum(s.op is not EditOp.EQUAL for s in segs) <= 6


alphabet = st.sampled_from(list("ab ，,。;\t建议书决议ITU-T2024😀é\u0301"))


@settings(max_examples=150)
@given(st.text(alphabet, max_size=40), st.text(alphabet, max_size=40))
def test_round_trip(old: str, new: str) -> None:
    """Equal+delete rebuilds old, equal+insert rebuilds new, spans match the text."""
    segs = diff_text(old, new, 3, 7)
    assert rebuild(segs, EditOp.DELETE) == old
    assert rebuild(segs, EditOp.INSERT) == new
    for s in segs:
        if s.op is EditOp.DELETE:
            assert old[s.old.start - 3 : s.old.end - 3] == s.text
        else:
            assert new[s.new.start - 7 : s.new.end - 7] == s.text


@given(st.text(max_size=60), st.text(max_size=60))
def test_round_trip_any_unicode(old: str, new: str) -> None:
    """The round trip holds for arbitrary Unicode, astral-plane characters included."""
    segs = diff_text(old, new)
    assert rebuild(segs, EditOp.DELETE) == old
    assert rebuild(segs, EditOp.INSERT) == new


def test_encoding_gives_one_character_per_distinct_key_and_no_surrogates() -> None:
    """Each distinct key is one character, in order of first use, and never a surrogate past 55,295 keys."""
    assert diffengine._encode(["x", "y", "x"], ["z", "y"]) == ("\x01\x02\x01", "\x03\x02")
    keys_a, keys_b = list(range(60_000)), list(range(59_000, 61_000))
    enc_a, enc_b = diffengine._encode(keys_a, keys_b)
    assert len(set(enc_a + enc_b)) == 61_000
    assert not any(0xD800 <= ord(c) < 0xE000 for c in enc_a + enc_b)
    assert diffengine.diff_keys(keys_a, keys_b)[-1] == (EditOp.INSERT, 60_000, 60_000, 1_000, 2_000)


@given(a=st.text(alphabet="ab", max_size=12), b=st.text(alphabet="ab", max_size=12), data=st.data())
def test_shared_ends_match_a_character_walk(a: str, b: str, data: st.DataObject) -> None:
    limit = data.draw(st.integers(0, min(len(a), len(b))))
    prefix = next((k for k in range(limit) if a[k] != b[k]), limit)
    suffix = next((k for k in range(limit) if a[-1 - k] != b[-1 - k]), limit)
    assert inline._shared_prefix(a, b, limit) == prefix
    assert inline._shared_suffix(a, b, limit) == suffix


def _walked_ends(a: str, b: str) -> tuple[int, int]:
    """Reference for _common_ends: step one character at a time."""
    n = min(len(a), len(b))
    head = next((k for k in range(n) if a[k] != b[k]), n)
    while head > 0 and not inline._boundary(a, head):
        head -= 1
    tail = next((k for k in range(n - head) if a[-1 - k] != b[-1 - k]), n - head)
    while tail > 0 and not (inline._boundary(a, len(a) - tail) and inline._boundary(b, len(b) - tail)):
        tail -= 1
    return head, tail


_END_CHARS = st.sampled_from(["a", "b", "中", "文", " ", "，", "-", ".", "\u0301", "\u200d", "。"])


@given(a=st.lists(_END_CHARS, max_size=14).map("".join), b=st.lists(_END_CHARS, max_size=14).map("".join))
def test_common_ends_jump_to_the_boundaries_a_walk_finds(a: str, b: str) -> None:
    assert inline._common_ends(a, b) == _walked_ends(a, b)
    assert inline._common_ends(a + "xyz", a + "xz") == _walked_ends(a + "xyz", a + "xz")


# -- the semantic clean-up: one pass, the same hunks as the rescanning pass it replaced ----------------


def _rescanning_absorb(build: inline._Builder, segs: list[Segment]) -> list[Segment]:
    """The clean-up as it was written before the single pass: restart the scan after every merge."""

    def hunks(segs: list[Segment]) -> list[tuple[EditOp | None, list[Segment]]]:
        out: list[tuple[EditOp | None, list[Segment]]] = []
        for seg in segs:
            if seg.op is EditOp.EQUAL:
                out.append((EditOp.EQUAL, [seg]))
            elif out and out[-1][0] is None:
                out[-1][1].append(seg)
            else:
                out.append((None, [seg]))
        return out

    def is_replacement(run: list[Segment]) -> bool:
        return {s.op for s in run} == {EditOp.DELETE, EditOp.INSERT}

    def size(run: list[Segment]) -> int:
        return max(sum(len(s.text) for s in run if s.op is op) for op in (EditOp.DELETE, EditOp.INSERT))

    changed = True
    while changed:
        changed = False
        hs = hunks(segs)
        for k in range(1, len(hs) - 1):
            before, eq, after = hs[k - 1], hs[k], hs[k + 1]
            if eq[0] is None or before[0] is not None or after[0] is not None:
                continue
            n = len(eq[1][0].text)
            if is_replacement(before[1]) and is_replacement(after[1]) and n <= size(before[1]) and n <= size(after[1]):
                merged = build._merge([*before[1], *eq[1], *after[1]])
                start = sum(len(h[1]) for h in hs[: k - 1])
                end = start + len(before[1]) + len(eq[1]) + len(after[1])
                segs = segs[:start] + merged + segs[end:]
                changed = True
                break
    return segs


_PIECE = st.tuples(st.sampled_from([EditOp.EQUAL, EditOp.DELETE, EditOp.INSERT]), st.integers(1, 6))


def _segments(pieces: list[tuple[EditOp, int]]) -> tuple[inline._Builder, list[Segment]]:
    """A builder over made-up texts and segments in the order given (any order: the pass must not care)."""
    old, new = [], []
    segs = []
    i = j = 0
    for n, (op, size) in enumerate(pieces):
        text = chr(ord("a") + n % 26) * size
        if op is EditOp.EQUAL:
            segs.append(Segment(op, text, Span(i, i + size), Span(j, j + size)))
            old.append(text)
            new.append(text)
            i += size
            j += size
        elif op is EditOp.DELETE:
            segs.append(Segment(op, text, Span(i, i + size), None))
            old.append(text)
            i += size
        else:
            segs.append(Segment(op, text, None, Span(j, j + size)))
            new.append(text)
            j += size
    return inline._Builder("".join(old), "".join(new), 0, 0), segs


@settings(max_examples=400)
@given(st.lists(_PIECE, max_size=40))
def test_single_pass_clean_up_gives_what_the_rescanning_one_gave(pieces: list[tuple[EditOp, int]]) -> None:
    """The one-pass fold of equalities between replacements returns exactly the segments the old rescan did."""
    build, segs = _segments(pieces)
    assert build._absorb_crumbs(list(segs)) == _rescanning_absorb(build, list(segs))


def test_a_fold_can_make_the_equality_before_it_foldable() -> None:
    """A merge that widens a replacement lets the shorter equality on its left fold too (a cascade)."""
    pieces = [(EditOp.DELETE, 5), (EditOp.INSERT, 5), (EditOp.EQUAL, 4), (EditOp.DELETE, 2), (EditOp.INSERT, 2),
              (EditOp.EQUAL, 1), (EditOp.DELETE, 3), (EditOp.INSERT, 3)]
    build, segs = _segments(pieces)
    folded = build._absorb_crumbs(list(segs))
    assert [s.op for s in folded] == [EditOp.DELETE, EditOp.INSERT]
    assert folded == _rescanning_absorb(build, list(segs))
