"""resdiff.compile: statuses, the three-way merge, additions, moves, the base check and the corpus cases."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import resdiff
from resdiff import ChangeOp, MergeOp, ProvisionStatus
from resdiff._compile.merge import Hunk, hunks, overlap
from resdiff._inline import diff_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CASES = sorted(p.name for p in CORPUS.glob("compile-*") if (p / "meta.json").exists())

S = ProvisionStatus

BASE = "resolves\n1\tto act on the matter without delay;\n2\tto report to the Council;\n3\tto invite Member States;\n"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def statuses(c: resdiff.Compilation) -> list[str]:
    return [p.status.value for p in c.provisions]


def row(c: resdiff.Compilation, base_id: str) -> resdiff.Provision:
    return next(p for p in c.provisions if p.base is not None and c.base.blocks[p.base].id == base_id)


def load_case(name: str) -> tuple[dict, resdiff.Compilation]:
    """A corpus case's meta and its compilation, the proposals named as meta lists them."""
    case = CORPUS / name
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    proposals: dict[str, object] = {}
    for file, pname in zip(meta["proposals"], meta["expect"]["names"]):
        path = case / file
        proposals[pname] = resdiff.read_docx(path) if file.endswith(".docx") else path.read_text("utf-8")
    base = resdiff.parse((case / meta["base"]).read_text("utf-8"), source=f"corpus/{name}/{meta['base']}")
    return meta, resdiff.compile(base, proposals)  # type: ignore[arg-type]


# -- hunks and overlap ----------------------------------------------------------------------


def test_hunks_are_base_ranges_with_their_replacements():
    """Hunks give BASE offsets (shifted by the clause's start) and the inserted text, insertions as empty ranges."""
    segs = diff_text("a b c", "a x c d", 10, 0)
    assert hunks(segs, 10) == [Hunk(12, 13, "x"), Hunk(15, 15, " d")]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Hunk(0, 3, "x"), Hunk(2, 5, "y"), True),  # share a character
        (Hunk(0, 2, "x"), Hunk(2, 4, "y"), False),  # replacements that only touch
        (Hunk(3, 3, "x"), Hunk(3, 3, "y"), True),  # insertions at one point
        (Hunk(3, 3, "x"), Hunk(4, 4, "y"), False),  # insertions at two points
        (Hunk(2, 2, "x"), Hunk(0, 2, "y"), True),  # insertion on the edge of a replaced range
        (Hunk(1, 1, "x"), Hunk(0, 2, "y"), True),  # insertion inside it
        (Hunk(5, 5, "x"), Hunk(0, 2, "y"), False),  # insertion away from it
    ],
)
def test_overlap_follows_the_documented_rule(a, b, expected):
    """Overlap is symmetric and holds exactly in the cases docs/compile.md lists."""
    assert overlap(a, b) is expected and overlap(b, a) is expected


# -- statuses of BASE provisions ---------------------------------------------------------------


def test_no_change_is_unchanged_everywhere():
    """Proposals that keep BASE make every provision UNCHANGED and the merged draft BASE itself."""
    c = resdiff.compile(BASE, {"ECP": BASE, "APT": BASE})
    assert set(statuses(c)) == {"UNCHANGED"}
    assert c.merged == BASE and not c.changed


def test_one_changer_is_single_and_applies():
    """A provision only one proposal changes is SINGLE and its text goes into the merged draft."""
    ecp = edit(BASE, "without delay", "at once")
    c = resdiff.compile(BASE, {"ECP": ecp, "APT": BASE})
    assert statuses(c) == ["UNCHANGED", "SINGLE", "UNCHANGED", "UNCHANGED"]
    assert c.merged == ecp


def test_same_text_up_to_width_is_agreed():
    """Two proposals whose new texts differ only in punctuation width agree; the first one's text is used."""
    ecp = edit(BASE, "to report to the Council;", "to report to the Council, yearly;")
    apt = edit(BASE, "to report to the Council;", "to report to the Council， yearly;")
    c = resdiff.compile(BASE, {"ECP": ecp, "APT": apt})
    assert row(c, "sec_1__item_2").status is S.AGREED
    assert c.merged == ecp


def test_all_suppress_is_agreed_and_gone():
    """A provision every changing proposal suppresses is AGREED and left out of the merged draft."""
    sup = edit(BASE, "3\tto invite Member States;\n", "")
    c = resdiff.compile(BASE, {"ECP": sup, "APT": sup, "RCC": BASE})
    assert row(c, "sec_1__item_3").status is S.AGREED
    assert c.merged == sup


def test_suppression_against_modification_is_a_conflict_with_every_reading():
    """SUP against MOD conflicts; the draft shows each reading and BASE's text for those that keep it."""
    sup = edit(BASE, "3\tto invite Member States;\n", "")
    mod = edit(BASE, "to invite Member States", "to invite all Member States")
    c = resdiff.compile(BASE, {"ECP": sup, "APT": mod, "RCC": BASE})
    p = row(c, "sec_1__item_3")
    assert p.status is S.CONFLICT
    assert p.new_text() == (
        "[ECP: SUP] [APT: 3\tto invite all Member States;] [BASE, RCC: 3\tto invite Member States;]"
    )


def test_edits_of_separate_parts_are_compatible_and_merge():
    """Two proposals editing different words of one clause are COMPATIBLE; the merged clause has both edits."""
    ecp = edit(BASE, "to act on the matter", "to act firmly on the matter")
    apt = edit(BASE, "without delay", "within a year")
    c = resdiff.compile(BASE, {"ECP": ecp, "APT": apt})
    p = row(c, "sec_1__item_1")
    assert p.status is S.COMPATIBLE
    assert p.new_text() == "1\tto act firmly on the matter within a year;"
    assert {piece.by for piece in p.merged if piece.op is not MergeOp.EQUAL} == {("ECP",), ("APT",)}


def test_overlapping_edits_that_differ_conflict_inline():
    """Different replacements of the same words conflict; only that region is bracketed, BASE kept by the rest."""
    ecp = edit(BASE, "without delay", "at once")
    apt = edit(BASE, "without delay", "promptly")
    c = resdiff.compile(BASE, {"ECP": ecp, "APT": apt, "RCC": BASE})
    p = row(c, "sec_1__item_1")
    assert p.status is S.CONFLICT
    assert p.new_text() == "1\tto act on the matter [ECP: at once] [APT: promptly] [BASE, RCC: without delay];"


def test_insertions_at_one_point_conflict_unless_identical():
    """Two different insertions at the same point conflict; identical ones agree."""
    ecp = edit(BASE, "to report to", "to report promptly to")
    apt = edit(BASE, "to report to", "to report yearly to")
    assert row(resdiff.compile(BASE, {"ECP": ecp, "APT": apt}), "sec_1__item_2").status is S.CONFLICT
    assert row(resdiff.compile(BASE, {"ECP": ecp, "APT": ecp}), "sec_1__item_2").status is S.AGREED


def test_agreed_change_plus_another_edit_is_compatible():
    """One proposal's edits being a subset of another's makes the provision COMPATIBLE, merged as the larger."""
    both = edit(edit(BASE, "to act on", "to act firmly on"), "without delay", "at once")
    one = edit(BASE, "without delay", "at once")
    c = resdiff.compile(BASE, {"ECP": both, "APT": one})
    assert row(c, "sec_1__item_1").status is S.COMPATIBLE
    assert c.merged == both


# -- additions and moves ---------------------------------------------------------------------


def test_same_addition_is_agreed_and_different_ones_are_listed_in_order():
    """At one anchor the same added text is one AGREED row; different texts are SINGLE rows in proposal order."""
    add_a = edit(BASE, "2\tto report", "1bis\tto consult;\n2\tto report")
    add_b = edit(BASE, "2\tto report", "1ter\tto publish;\n2\tto report")
    c = resdiff.compile(BASE, {"APT": add_b, "ECP": add_a, "RCC": add_a})
    added = [p for p in c.provisions if p.base is None]
    assert [(p.status, p.new_text()) for p in added] == [
        (S.SINGLE, "1ter\tto publish;"),
        (S.AGREED, "1bis\tto consult;"),
    ]
    assert all(p.after == 1 for p in added)  # both after BASE's "1"
    assert c.merged.splitlines()[2:4] == ["1ter\tto publish;", "1bis\tto consult;"]


def test_addition_at_the_start_is_anchored_before_everything():
    """A provision added before BASE's first block is anchored at -1 and leads the merged draft."""
    ecp = "RESOLUTION 9 (Rev. Doha, 2026)\n" + BASE
    c = resdiff.compile(BASE, {"ECP": ecp})
    assert c.provisions[0].base is None and c.provisions[0].after == -1
    assert c.merged == ecp


def test_move_stands_at_its_new_place_and_conflicts_with_an_edit_in_place():
    """A clause moved by one proposal goes to its new place; moved by one and edited in place by another, conflicts."""
    lines = BASE.splitlines(keepends=True)
    moved = "".join([lines[0], lines[3], lines[1], lines[2]])
    c = resdiff.compile(BASE, {"ECP": moved})
    p = row(c, "sec_1__item_3")
    assert p.stances[0] is not None and p.stances[0].op is ChangeOp.MOVE
    assert p.status is S.SINGLE and c.merged == moved
    mod = edit(BASE, "to invite Member States", "to invite all Member States")
    assert row(resdiff.compile(BASE, {"ECP": moved, "APT": mod}), "sec_1__item_3").status is S.CONFLICT


def test_wrapper_is_not_compiled_and_the_id_is_kept():
    """A proposal's symbol line and Reasons are left out of the rows; its ID is on the contribution."""
    wrapped = "MOD\tECP/38A23/1\n" + edit(BASE, "without delay", "at once") + "Reasons:\tTo be quicker.\n"
    c = resdiff.compile(BASE, {"ECP": wrapped})
    assert c.proposals[0].proposal_id == "ECP/38A23/1"
    assert all(p.base is not None for p in c.provisions)
    assert c.merged == edit(BASE, "without delay", "at once")


# -- base check --------------------------------------------------------------------------------


def test_sides_built_on_base_match_and_on_another_text_do_not():
    """The old side of a two-sided proposal is checked against BASE; differences by width alone do not count."""

    class Sides:
        def __init__(self, old: str, new: str) -> None:
            self.old, self.new = old, new

    new = edit(BASE, "without delay", "at once")
    same = resdiff.compile(BASE, {"ECP": Sides(BASE.replace(";", "；"), new)})
    assert same.proposals[0].base_matches is True
    other = edit(BASE, "to report to the Council", "to report to the Assembly")
    off = resdiff.compile(BASE, {"ECP": Sides(other, new)})
    entry = off.proposals[0]
    assert entry.base_matches is False
    assert [off.base.blocks[ch.old].id for ch in entry.base_mismatches if ch.old is not None] == ["sec_1__item_2"]
    assert resdiff.compile(BASE, {"ECP": new}).proposals[0].base_matches is None


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proposals", "message"),
    [
        ({}, "at least one proposal"),
        ({"": BASE}, "non-empty"),
        ({"BASE": BASE}, "reserved"),
        ({"EC[P]": BASE}, "marks"),
        ({"ECP": 42}, "expected a str"),
        ([("ECP", BASE)], "mapping"),
    ],
)
def test_bad_input_is_one_input_error(proposals, message):
    """Bad proposals raise one InputError that says what is wrong."""
    with pytest.raises(resdiff.InputError, match=message):
        resdiff.compile(BASE, proposals)


# -- the corpus cases ----------------------------------------------------------------------------


def test_the_planned_corpus_cases_exist():
    """The corpus holds the agreement, conflict/compatible/additions and base-check cases."""
    assert {"compile-res68-zh", "compile-res2-en", "compile-res2-zh"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_corpus_case_gives_the_expected_statuses(name):
    """Each case's counts, chosen statuses, additions, merged lines and base check are as its meta.json says."""
    meta, c = load_case(name)
    expect = meta["expect"]
    assert c.counts() == expect["counts"]
    for base_id, status in expect["statuses"].items():
        assert row(c, base_id).status.value == status, base_id
    for anchor, rows in expect.get("additions_after", {}).items():
        after = next(i for i, b in enumerate(c.base.blocks) if b.id == anchor)
        got = []
        for p in c.provisions:
            if p.base is None and p.after == after:
                by = [n for n, s in zip(c.names, p.stances) if s is not None]
                got.append([",".join(by), p.status.value])
        assert got == rows
    for text in expect.get("merged_contains", []):
        assert text in c.merged
    if "merged_is" in expect:
        entry = c.proposals[c.names.index(expect["merged_is"])]
        assert c.merged == _body(entry.document)
    for pname, matches in expect.get("base_matches", {}).items():
        assert c.proposals[c.names.index(pname)].base_matches is matches
    for pname, n in expect.get("base_mismatches", {}).items():
        assert len(c.proposals[c.names.index(pname)].base_mismatches) == n


def _body(doc: resdiff.Document) -> str:
    """A proposal's text without its wrapper, one block per line."""
    wrapper = {resdiff.Role.PROPOSAL, resdiff.Role.SUMMARY, resdiff.Role.REASONS}
    return "".join(b.text + "\n" for b in doc.blocks if b.role not in wrapper)


@pytest.mark.parametrize("name", CASES)
def test_corpus_case_text_output_matches_its_golden_file(name, monkeypatch, capsys):
    """`resdiff compile` on each case, run from the repository root, prints its golden file (RESDIFF_REGOLD=1)."""
    import os

    from resdiff._cli import main

    meta = json.loads((CORPUS / name / "meta.json").read_text("utf-8"))
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    argv = ["compile", f"corpus/{name}/{meta['base']}", *(f"corpus/{name}/{p}" for p in meta["proposals"])]
    assert main(argv, stdout=out) == 1
    text = out.getvalue()
    golden = CORPUS / name / "compiled.txt"
    if os.environ.get("RESDIFF_REGOLD"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with RESDIFF_REGOLD=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


def test_the_example_in_the_docs_runs():
    """The example in docs/compile.md gives the output shown there."""
    import doctest

    failures, tried = doctest.testfile(str(ROOT / "docs" / "compile.md"), module_relative=False)
    assert tried > 0 and failures == 0


def test_word_case_is_a_marked_proposal_built_on_the_previous_text():
    """compile-res2-zh/IAP.docx's old side is previous.txt (with its wrapper lines) and it carries revisions."""
    case = CORPUS / "compile-res2-zh"
    sides = resdiff.read_docx(case / "IAP.docx")
    lines = sides.old.splitlines()
    assert sides.tracked and lines[0] == "MOD\tIAP/5A1/1" and lines[-1] == "理由：\t"
    assert "\n".join(lines[1:-1]) + "\n" == (case / "previous.txt").read_text("utf-8")


# -- determinism ---------------------------------------------------------------------------------


def test_same_inputs_give_equal_compilations_and_the_same_bytes():
    """Compiling twice gives equal values and byte-identical renderings."""
    _, a = load_case("compile-res2-en")
    _, b = load_case("compile-res2-en")
    assert a == b
    for fmt in ("text", "json", "wdiff", "markdown", "html"):
        assert a.render(fmt) == b.render(fmt)


# -- escaping and lightness ------------------------------------------------------------------------


def test_input_text_and_names_are_escaped_in_every_format():
    """Markup and escape sequences in BASE, proposals and names are inert in html, markdown and text output."""
    base = "resolves\n1\tto act on <b>the</b> matter & more without delay;\n"
    ecp = base.replace("without delay", "<script>alert(1)</script>\x1b[2J")
    apt = base.replace("without delay", "at once")
    c = resdiff.compile(base, {"<i>EC": ecp, "AP&T": apt})
    page = c.render("html")
    assert "<script>" not in page and "<b>the" not in page and "<i>EC" not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;EC" in page and "AP&amp;T" in page
    md = c.render("markdown")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\x1b" not in c.render("text")


def test_import_resdiff_loads_no_compile_renderer():
    """import resdiff loads the compile algorithm's values but none of its renderers, nor lxml."""
    import subprocess
    import sys

    code = (
        "import sys, resdiff; resdiff.Compilation;"
        "print(sorted(m for m in sys.modules if m.startswith('resdiff._compile.render') or m.split('.')[0] == 'lxml'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", CASES)
def test_corpus_case_json_validates_against_the_schema(name):
    """Each corpus case's JSON output fits docs/compile.schema.json, which is the packaged schema."""
    import jsonschema

    schema_text = (ROOT / "src/resdiff/schema/compile.schema.json").read_text("utf-8")
    assert (ROOT / "docs/compile.schema.json").read_text("utf-8") == schema_text
    _, c = load_case(name)
    data = json.loads(c.render("json"))
    jsonschema.validate(data, json.loads(schema_text))
    assert data["merged"] == c.merged and data["counts"] == c.counts()
