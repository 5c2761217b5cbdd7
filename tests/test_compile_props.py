"""Properties of resdiff.compile on generated resolutions: one proposal, k copies, order, renderings' round trips."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import resdiff
from resdiff import ChangeOp, ProvisionStatus, ResdiffWarning
from resdiff._segment import fold
from strategies import resolutions, revisions

WRAPPER = {resdiff.Role.PROPOSAL, resdiff.Role.SUMMARY, resdiff.Role.REASONS}
# The round trips render every format (Word included): a third of the profile's examples ("ci" 50, "deep" 2000).
FEWER = max(10, settings().max_examples // 3)
SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "src/resdiff/schema/compile.schema.json").read_text())


def _body(doc: resdiff.Document) -> str:
    return "".join(b.text + "\n" for b in doc.blocks if b.role not in WRAPPER)


def _compile(base: str, proposals: dict[str, str]) -> resdiff.Compilation:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResdiffWarning)
        return resdiff.compile(base, proposals)


@st.composite
def base_and_proposals(draw, n: int, lang: str | None = None):
    """A generated BASE and *n* revisions of it (each 1–3 edits)."""
    base = draw(resolutions(draw(st.sampled_from(["zh", "en"])) if lang is None else lang))
    return base.text, [draw(revisions(base)).text for _ in range(n)]


@given(base_and_proposals(1))
def test_one_proposal_gives_its_comparison_and_its_text(case):
    """With one proposal each BASE row's op is compare(BASE, proposal)'s, additions are its ADDs, the draft its text."""
    base, (proposal,) = case
    c = _compile(base, {"P": proposal})
    cmp = c.proposals[0].comparison
    ops = {ch.old: ch.op for ch in cmp.changes if ch.old is not None}
    for p in c.provisions:
        stance = p.stances[0]
        assert stance is not None
        if p.base is not None:
            assert stance.op is ops[p.base]
            assert p.status is (ProvisionStatus.UNCHANGED if stance.op is ChangeOp.NOC else ProvisionStatus.SINGLE)
        else:
            assert stance.op is ChangeOp.ADD and p.status is ProvisionStatus.SINGLE
    assert sum(p.base is None for p in c.provisions) == cmp.counts()["ADD"]
    assert c.merged == _body(cmp.new)
    assert c.changed is (cmp.symbol is not resdiff.Symbol.NOC)


@given(base_and_proposals(1), st.integers(2, 4))
def test_copies_of_one_proposal_agree_on_everything(case, k):
    """With k copies of one proposal every changed or added provision is AGREED and the merged draft is its text."""
    base, (proposal,) = case
    c = _compile(base, {f"P{i}": proposal for i in range(k)})
    assert {p.status for p in c.provisions} <= {ProvisionStatus.UNCHANGED, ProvisionStatus.AGREED}
    assert c.merged == _body(c.proposals[0].document)


def _statuses(c: resdiff.Compilation) -> tuple[dict[int, str], list[tuple[int, str, str]]]:
    rows = {p.base: p.status.value for p in c.provisions if p.base is not None}
    added = sorted((p.after, fold(p.new_text()), p.status.value) for p in c.provisions if p.base is None)
    return rows, added


@given(base_and_proposals(3), st.permutations(range(3)))
def test_statuses_do_not_depend_on_the_proposals_order(case, order):
    """Reordering the proposals changes only the display: every provision keeps its status."""
    base, proposals = case
    names = ["ECP", "APT", "RCC"]
    a = _compile(base, dict(zip(names, proposals)))
    b = _compile(base, {names[i]: proposals[i] for i in order})
    assert _statuses(a) == _statuses(b)
    assert a.counts() == b.counts()


@settings(max_examples=FEWER)
@given(base_and_proposals(2))
def test_renderings_round_trip_and_validate(case):
    """wdiff's new side is the merged draft, the draft lists every row once, and the JSON fits its schema."""
    import jsonschema

    base, proposals = case
    c = _compile(base, dict(zip(["ECP", "APT"], proposals)))
    assert sorted(c.draft) == list(range(len(c.provisions)))
    new_side = []
    for line in c.render("wdiff").splitlines():
        kept = _wdiff_new(line)
        if kept:
            new_side.append(kept)
    assert "".join(x + "\n" for x in new_side) == c.merged
    jsonschema.validate(json.loads(c.render("json")), SCHEMA)


def _wdiff_new(line: str) -> str:
    """The new side of a wdiff line: deletions dropped, insertion marks removed (conflict brackets kept)."""
    import re

    return re.sub(r"\{\+(.*?)\+\}", r"\1", re.sub(r"\[-.*?-\]", "", line, flags=re.S), flags=re.S)


@settings(max_examples=FEWER)
@given(base_and_proposals(2))
def test_word_file_rejects_to_base_and_accepts_to_the_merged_draft(case):
    """The Word file's Reject All side is BASE and its Accept All side the merged draft (as read back by read_docx)."""
    base, proposals = case
    c = _compile(base, dict(zip(["ECP", "APT"], proposals)))
    sides = resdiff.read_docx(c.to_docx(resdiff.RenderOptions(date=datetime(2026, 1, 1, tzinfo=timezone.utc))))
    assert sides.old == _body(c.base)
    assert sides.new == c.merged
