"""The gold corpus is well-formed and the quality benchmark's scoring is right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from _scripts import ROOT, load_script

build = load_script("resdiff_corpus_build", ROOT / "corpus" / "build.py")
quality = load_script("resdiff_quality_benchmark", ROOT / "benchmarks" / "quality.py")

CASES = build.case_dirs()
REQUIRED_META = {"case", "language", "description", "source", "method", "uncertain"}


def test_corpus_has_the_planned_cases():
    """The four required cases exist, each with a marked.txt."""
    names = {c.name for c in CASES}
    assert {"res68-zh", "res2-zh", "res2-en", "dec641-zh"} <= names


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_marked_is_well_formed(case: Path):
    """Every line of marked.txt parses: balanced, unnested marks that close on their own line."""
    text = (case / "marked.txt").read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert "\r" not in text
    for no, line in enumerate(text.split("\n")[:-1], 1):
        assert line.strip(), f"line {no} is empty"
        assert line == line.strip(" "), f"line {no} has stray spaces at an end"
        segs = build.parse_line(line, no)
        assert build.render_line(segs) == line


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_marked_uses_itu_layout(case: Path):
    """Corpus lines use ITU layout (label, TAB, text), never markdown '- ' bullets or a space after a label."""
    for line in (case / "marked.txt").read_text(encoding="utf-8").splitlines():
        plain = re.sub(r"\[-|-\]|\{\+|\+\}", "", line)
        assert not plain.startswith("- "), line
        assert not re.match(r"^(?:[a-z]{1,2}\)|\d{1,2}) ", plain), line


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_derived_files_are_up_to_date(case: Path):
    """old.txt and new.txt are exactly what corpus/build.py derives from marked.txt."""
    old, new = build.derive((case / "marked.txt").read_text(encoding="utf-8"))
    assert (case / "old.txt").read_text(encoding="utf-8") == old
    assert (case / "new.txt").read_text(encoding="utf-8") == new


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_meta_has_required_keys(case: Path):
    """Each case has a meta.json naming its language, content, source, method and uncertain readings."""
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    assert set(meta) >= REQUIRED_META
    assert meta["case"] == case.name
    assert meta["language"] == case.name.rsplit("-", 1)[1]
    assert isinstance(meta["uncertain"], list)


def test_build_doctests_run():
    """The examples in corpus/build.py's docstrings give the output shown."""
    import doctest

    failures, tried = doctest.testmod(build)
    assert (failures, tried) == (0, 1)


def test_build_check_passes():
    """`python corpus/build.py --check` finds nothing out of date."""
    assert build.main(["--check"]) == 0


def test_derive_drops_wholly_inserted_and_deleted_lines():
    """derive() unwraps marks per side and drops lines that exist on one side only."""
    marked = "考虑到\n[-a)\t旧的；-]\n{+a)\t新的；+}\n[-b-]{+c+})\t文[-本-]{+字+}，\n"
    old, new = build.derive(marked)
    assert old == "考虑到\na)\t旧的；\nb)\t文本，\n"
    assert new == "考虑到\na)\t新的；\nc)\t文字，\n"


@pytest.mark.parametrize(
    "bad",
    ["a [-b", "a {+b", "a -] b", "a +} b", "[-a {+b+} c-]", "{+a [-b-] c+}", "[-a-] {+b -]+}"],
)
def test_malformed_marks_are_rejected(bad: str):
    """Unbalanced, stray or nested marks raise MarkError."""
    with pytest.raises(build.MarkError):
        build.parse_line(bad, 1)


def test_line_op_follows_the_marks():
    """A line's op is NOC when all equal, ADD when all inserted, SUP when all deleted, else MOD."""
    assert build.line_op(build.parse_line("x")) == "NOC"
    assert build.line_op(build.parse_line("{+x+}")) == "ADD"
    assert build.line_op(build.parse_line("[-x-]")) == "SUP"
    assert build.line_op(build.parse_line("[-x-]{+y+}")) == "MOD"


GOLD = (
    "considering\n"
    "a)\tthe [-old-]{+new+} text of the [-first-]{+second+} item;\n"
    "[-b)\ta deleted item;-]\n"
    "c)\tan unchanged item,\n"
    "{+resolves+}\n"
    "{+1\tan added item.+}\n"
)


def test_perfect_system_scores_one():
    """A system whose wdiff equals the gold scores 1.0 agreement, 1.0 F1 and hunk ratio 1.0."""
    r = quality.score_wdiff(GOLD, GOLD)
    assert r["agreement"] == 1.0
    assert r["deleted"]["f1"] == 1.0 and r["inserted"]["f1"] == 1.0
    assert r["hunk_ratio"] == 1.0
    assert r["faithful"]


def test_whole_line_replacement_scores_lower():
    """Marking a changed line as one delete+insert keeps the pairing but lowers F1 and the hunk ratio."""
    system = GOLD.replace(
        "a)\tthe [-old-]{+new+} text of the [-first-]{+second+} item;",
        "[-a)\tthe old text of the first item;-]{+a)\tthe new text of the second item;+}",
    )
    r = quality.score_wdiff(GOLD, system)
    assert r["agreement"] == 1.0  # still one MOD line pairing old a) with new a)
    # the 34 characters of old a) are all marked deleted, of which the gold deletes 8 ("old", "first")
    assert {k: r["deleted"][k] for k in ("tp", "fp", "fn")} == {"tp": 26, "fp": 26, "fn": 0}
    assert {k: r["inserted"][k] for k in ("tp", "fp", "fn")} == {"tp": 33, "fp": 26, "fn": 0}
    assert (r["deleted"]["precision"], r["deleted"]["recall"], r["deleted"]["f1"]) == (0.5, 1.0, 2 / 3)
    assert (r["hunks_system"], r["hunks_gold"], r["hunk_ratio"]) == (4, 5, 0.8)


def test_split_into_sup_and_add_breaks_pairing():
    """A changed paragraph shown as a SUP line plus an ADD line disagrees with the gold's MOD."""
    system = GOLD.replace(
        "a)\tthe [-old-]{+new+} text of the [-first-]{+second+} item;",
        "[-a)\tthe old text of the first item;-]\n{+a)\tthe new text of the second item;+}",
    )
    r = quality.score_wdiff(GOLD, system)
    assert (r["agree"], r["paragraphs"]) == (5, 6)
    assert r["agreement"] == 5 / 6


def test_over_and_under_marking_move_precision_and_recall():
    """Marking more than the gold lowers precision; marking less lowers recall."""
    gold = "a)\tthe [-old text-]{+new text+} here;\n"
    wide = quality.score_wdiff(gold, "a)\t[-the old text-]{+the new text+} here;\n")
    assert (wide["deleted"]["precision"], wide["deleted"]["recall"]) == (8 / 12, 1.0)  # "the " is 4 too many
    narrow = quality.score_wdiff(gold, "a)\tthe [-old-]{+new+} text here;\n")
    assert (narrow["deleted"]["precision"], narrow["deleted"]["recall"]) == (1.0, 3 / 8)  # " text" is missed
    assert (narrow["inserted"]["precision"], narrow["inserted"]["recall"]) == (1.0, 3 / 8)


def test_move_agrees_with_gold_sup_and_add():
    """A system MOVE of old i to new j agrees with a gold SUP of i and ADD of j, and is left out of F1."""
    gold = "1\tone;\n{+2\tthree;+}\n[-2-]{+3+}\ttwo;\n[-3\tthree;-]\n4\tfour.\n"
    system = "1\tone;\n[-3-]{+2+}\tthree;\n[-2-]{+3+}\ttwo;\n4\tfour.\n"
    r = quality.score_wdiff(gold, system)
    assert r["matched_moves"] == 1
    assert r["agreement"] == 1.0
    assert r["deleted"]["f1"] == 1.0 and r["inserted"]["f1"] == 1.0
    assert r["hunks_system"] == r["hunks_gold"] == 3


def test_unmatched_move_does_not_agree():
    """A system MOVE where the gold keeps both paragraphs in place does not count as agreement."""
    gold = "1\tone;\n2\ttwo;\n3\tthree.\n"
    system = "1\tone;\n3\tthree.\n2\ttwo;\n"  # cannot rebuild the new text
    r = quality.score_wdiff(gold, system)
    assert r["system_ops"] == {"MOVE": 1, "NOC": 2}
    assert r["matched_moves"] == 0
    assert (r["agree"], r["paragraphs"]) == (2, 3)
    assert not r["faithful"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_baseline_projection_rebuilds_the_texts(case: Path):
    """The diff-match-patch baseline's line projection keeps every character of both texts."""
    old = (case / "old.txt").read_text(encoding="utf-8")
    new = (case / "new.txt").read_text(encoding="utf-8")
    wdiff = quality.baseline_wdiff(old, new)
    r = quality.score_wdiff((case / "marked.txt").read_text(encoding="utf-8"), wdiff)
    assert r["faithful"]
    assert r["lost_chars"] == 0


def test_baseline_puts_a_vanished_line_on_its_own():
    """An old line that disappears whole is a whole [-…-] line in the baseline's output."""
    out = quality.baseline_wdiff("a)\tone;\nb)\ttwo;\nc)\tthree,\n", "a)\tone;\nc)\tthree,\n")
    assert out == "a)\tone;\n[-b)\ttwo;-]\nc)\tthree,\n"


def test_overall_is_micro_averaged():
    """overall() sums counts over cases instead of averaging per-case ratios."""
    a = quality.score_wdiff(GOLD, GOLD)
    b = quality.score_wdiff("x\n[-y-]\n", "x\ny\n")
    o = quality.overall([a, b, {"error": "boom"}])
    assert o["cases_ran"] == 2 and o["cases"] == 3
    assert o["paragraphs"] == a["paragraphs"] + b["paragraphs"]
    assert o["agreement"] == (a["agree"] + b["agree"]) / o["paragraphs"]
