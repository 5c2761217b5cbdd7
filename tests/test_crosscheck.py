"""The language cross-check: clean pairs give nothing, each injected error is found once, x against x finds nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given

import resdiff
from resdiff import ChangeOp, CrossCheck, FindingKind
from strategies import revision_pairs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
KINDS = [k.value for k in FindingKind]


def text(case: str, side: str) -> str:
    return (CORPUS / case / f"{side}.txt").read_text(encoding="utf-8")


def cmp(case: str) -> resdiff.Comparison:
    return resdiff.compare(text(case, "old"), text(case, "new"))


def replace_once(source: str, old: str, new: str) -> str:
    assert source.count(old) == 1, f"{old!r} occurs {source.count(old)} times"
    return source.replace(old, new)


def only(check: CrossCheck, kind: FindingKind) -> resdiff.Finding:
    """The one finding of *check*, asserted to be of *kind* and alone."""
    assert [f.kind for f in check.findings] == [kind], [(f.kind.value, f.detail) for f in check.findings]
    return check.findings[0]


# --- clean pairs -----------------------------------------------------------------------------

CLEAN = [("res2-zh", "res2-en"), ("res68-zh", "res68-en")]


@pytest.mark.parametrize(("a", "b"), CLEAN + [(b, a) for a, b in CLEAN], ids=lambda c: c)
def test_clean_pairs_give_no_findings(a: str, b: str) -> None:
    """The Chinese and English versions of the same revision agree: no finding, nothing unpaired."""
    check = resdiff.crosscheck(cmp(a), cmp(b))
    assert check.findings == (), [(f.kind.value, f.a.id, f.detail) for f in check.findings]
    assert check.unpaired == ()
    assert check.counts() == {k: 0 for k in KINDS}


def test_clean_pair_pairs_every_change() -> None:
    """On Res 2, whose two comparisons have the same shape, every change is paired one to one."""
    zh, en = cmp("res2-zh"), cmp("res2-en")
    check = resdiff.crosscheck(zh, en)
    assert check.pairs == len(zh.changes) == len(en.changes)
    assert all(len(row.a) == 1 and len(row.b) == 1 for row in check.rows)


def test_rows_cover_every_change_once() -> None:
    """Each change of either language is in exactly one row, in the first language's reading order."""
    zh, en = cmp("res68-zh"), cmp("res68-en")
    check = resdiff.crosscheck(zh, en)
    assert sorted(i for row in check.rows for i in row.a) == list(range(len(zh.changes)))
    assert sorted(j for row in check.rows for j in row.b) == list(range(len(en.changes)))
    firsts = [row.a[0] for row in check.rows if row.a]
    assert firsts == sorted(firsts)


def test_differently_linked_changes_are_one_row() -> None:
    """Where the English diff links old noting b), c) to new b), c) and the Chinese one does not, one row holds both."""
    check = resdiff.crosscheck(cmp("res68-zh"), cmp("res68-en"))
    shapes = sorted((len(r.a), len(r.b)) for r in check.rows if (len(r.a), len(r.b)) != (1, 1))
    assert shapes == [(2, 1), (2, 1), (3, 2)]
    assert all(r.finding is None for r in check.rows)


# --- injected errors: each found once, nothing else ---------------------------------------------

RES2_INJECTIONS = {
    "op: a change left out": (
        "new",
        "provide at least one year of preparation",
        "provide sufficient preparation",
        FindingKind.OP_MISMATCH,
        "MOD in zh, NOC in en",
    ),
    "op: editorial only against a real change": (
        "new",
        "provide at least one year of preparation time for WTPF;",
        "provide sufficient preparation time for WTPF.",
        FindingKind.OP_MISMATCH,
        "MOD in zh, (MOD) in en",
    ),
    "op: an added item left out": (
        "new",
        "10\tthat the participation of representatives of developing countries, in particular the least "
        "developed countries, in WTPF shall continue to be facilitated, including through a trust fund "
        "established for that purpose from voluntary contributions;\n",
        "",
        FindingKind.OP_MISMATCH,
        "ADD in zh, nothing in en",
    ),
    "op: deleted here, kept and changed there": (
        "new",
        "representatives;\n7\tthat the ITU Council",
        "representatives;\n6bis\tthat WTPF shall be convened to respond rapidly to policy issues arising from the "
        "telecommunication/ICT environment, taking into account the experience of ITU;\n7\tthat the ITU Council",
        FindingKind.OP_MISMATCH,
        "SUP in zh, MOD in en",
    ),
    "structure: a label typo": (
        "new",
        "i)\tthat national",
        "k)\tthat national",
        FindingKind.STRUCTURE_MISMATCH,
        "labels differ: h)→i) in zh, h)→k) in en",
    ),
    "structure: an item missing from the base text": (
        "both",
        "c)\tthat ITU remains uniquely placed and is the only forum for coordinating actions, exchanging "
        "information, discussing and harmonizing national, regional and international telecommunication/ICT "
        "strategies and policies;\n",
        "",
        FindingKind.STRUCTURE_MISMATCH,
        "in the zh text only",
    ),
    "structure: a section of another kind": (
        "new",
        "\nemphasizing\n",
        "\nnoting\n",
        FindingKind.STRUCTURE_MISMATCH,
        "the new section heading is 'emphasizing' in zh, 'noting' in en",
    ),
    "number: a year": (
        "new",
        "2021 and 2026, providing",
        "2021 and 2025, providing",
        FindingKind.NUMBER_MISMATCH,
        "inserted year 2026 in zh, year 2025 in en",
    ),
    "number: a cross-reference": (
        "new",
        "referred to in resolves 8 above",
        "referred to in resolves 7 above",
        FindingKind.NUMBER_MISMATCH,
        "inserted number 8 in zh, number 7 in en",
    ),
    "heading: the year": (
        "new",
        "RESOLUTION 2 (Rev. Doha, 2026)",
        "RESOLUTION 2 (Rev. Doha, 2025)",
        FindingKind.HEADING_MISMATCH,
        "new heading: year 2026 in zh, 2025 in en",
    ),
    "heading: the number": (
        "both",
        "RESOLUTION 2 (Rev.",
        "RESOLUTION 3 (Rev.",
        FindingKind.HEADING_MISMATCH,
        "number 2 in zh, 3 in en",
    ),
}


@pytest.mark.parametrize("name", list(RES2_INJECTIONS))
def test_each_injected_error_is_found_once(name: str) -> None:
    """One error put into the English Res 2 gives exactly one finding, of its kind, naming what differs."""
    where, old, new, kind, detail = RES2_INJECTIONS[name]
    en_old, en_new = text("res2-en", "old"), text("res2-en", "new")
    if where in ("old", "both"):
        en_old = replace_once(en_old, old, new)
    if where in ("new", "both"):
        en_new = replace_once(en_new, old, new)
    check = resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(en_old, en_new))
    finding = only(check, kind)
    assert detail in finding.detail
    assert check.counts()[kind.value] == 1 and sum(check.counts().values()) == 1


@pytest.mark.parametrize("name", list(RES2_INJECTIONS))
def test_swapping_the_languages_finds_the_same(name: str) -> None:
    """crosscheck(b, a) finds the same kinds as crosscheck(a, b)."""
    where, old, new, kind, _ = RES2_INJECTIONS[name]
    en_old, en_new = text("res2-en", "old"), text("res2-en", "new")
    if where in ("old", "both"):
        en_old = replace_once(en_old, old, new)
    if where in ("new", "both"):
        en_new = replace_once(en_new, old, new)
    check = resdiff.crosscheck(resdiff.compare(en_old, en_new), cmp("res2-zh"))
    only(check, kind)


def _relabel_without(source: str, section: str, first: str) -> str:
    """*source* without the item of *section* starting with *first*, the section's later labels moved up."""
    lines, out, inside, letters = source.split("\n"), [], False, "abcdefghijklmnopqrstuvwxyz"
    k = 0
    for line in lines:
        if line == section:
            inside = True
        elif inside and re.match(r"^[a-z]\)\t", line):
            if line.startswith(first):
                continue
            line = letters[k] + line[1:]
            k += 1
        elif inside and line and not line.startswith(("–", "[")):
            inside = False
        out.append(line)
    return "\n".join(out)


def test_an_added_item_left_out_shifts_nothing_else() -> None:
    """English without the new considering d) and relabelled to match: one ADD against nothing, no label noise."""
    en_new = _relabel_without(text("res2-en", "new"), "considering", "d)\tthe outcome document")
    assert "h)\tthat national" in en_new  # relabelled: i) -> h)
    check = resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(text("res2-en", "old"), en_new))
    finding = only(check, FindingKind.OP_MISMATCH)
    assert finding.a.id == "sec_1__item_d" and finding.a.op is ChangeOp.ADD and finding.b.op is None
    assert [p.id for p in check.unpaired] == ["sec_1__item_d"]


def test_a_section_missing_from_one_language_is_one_finding() -> None:
    """Without 'instructs the Secretary-General' in English, the two instructs sections still pair by their items."""
    section = (
        "instructs the Secretary-General\nto make the necessary preparations for convening WTPF, "
        "in accordance with resolves above,\n"
    )
    en_old = replace_once(text("res2-en", "old"), section, "")
    en = resdiff.compare(en_old, replace_once(text("res2-en", "new"), section, ""))
    finding = only(resdiff.crosscheck(cmp("res2-zh"), en), FindingKind.STRUCTURE_MISMATCH)
    assert finding.a.id == "sec_5" and "section 'instructs' (sec_5) with 1 more paragraph" in finding.detail


def test_a_translation_that_changes_nothing_gets_one_finding_per_change() -> None:
    """English old against itself: one finding for each real Chinese change, none for its renumbering or commas."""
    zh = cmp("res2-zh")
    en_old = text("res2-en", "old")
    check = resdiff.crosscheck(zh, resdiff.compare(en_old, en_old))
    real = [c for c in zh.changes if c.op is not ChangeOp.NOC and not (c.op is ChangeOp.MOD and c.editorial)]
    assert len(check.findings) == len(real) == 13
    assert check.counts() == {"op-mismatch": 12, "structure-mismatch": 0, "number-mismatch": 0, "heading-mismatch": 1}
    moved = [f for f in check.findings if f.a.op is ChangeOp.MOVE]
    assert [(f.a.id, f.b.id, f.b.op) for f in moved] == [("sec_4__item_2", "sec_4__item_7", ChangeOp.NOC)]


RES68_INJECTIONS = {
    "number: a resolution number": (
        "in accordance with Resolution 22 (Rev. Geneva, 2022),",
        "in accordance with Resolution 23 (Rev. Geneva, 2022),",
        FindingKind.NUMBER_MISMATCH,
        "Resolution 22 in zh, Resolution 23 in en",
    ),
    "number: a month": (
        "was held in April 2024;",
        "was held in May 2024;",
        FindingKind.NUMBER_MISMATCH,
        "date 2024-04 in zh, date 2024-05 in en",
    ),
    "number: a count": (
        "with 193 Member States",
        "with 194 Member States",
        FindingKind.NUMBER_MISMATCH,
        "number 193 in zh, number 194 in en",
    ),
    "number: a code": (
        "evaluate the CTO/CxO process",
        "evaluate the CTO process",
        FindingKind.NUMBER_MISMATCH,
        "CTO/CxO in zh, nothing more in en",
    ),
    "number: a meeting place": (
        "(Rev. Bucharest, 2022) of the Plenipotentiary Conference, on bridging",
        "(Rev. Busan, 2022) of the Plenipotentiary Conference, on bridging",
        FindingKind.NUMBER_MISMATCH,
        "place bucharest",
    ),
    "op: a sub-item left out": (
        "–\tto foster dialogue among the parties; and\n",
        "",
        FindingKind.OP_MISMATCH,
        "ADD in zh, nothing in en",
    ),
    "op: an added section left out": (
        "resolves to instruct the Telecommunication Standardization Advisory Group\n1\tto continue to evaluate the "
        "CTO/CxO process;\n2\tto consider how future industry engagement workshops should be organized, their "
        "preferred time frame and their objectives;\n3\tto continuously evaluate the results of the industry "
        "engagement workshops and similar events,\n",
        "",
        FindingKind.OP_MISMATCH,
        "section 'resolves to instruct' (sec_6) with 3 more paragraphs",
    ),
    "structure: e)->h) against e)->i)": (
        "i)\tthat, since 2009",
        "h)\tthat, since 2009",
        FindingKind.STRUCTURE_MISMATCH,
        "labels differ: e)→i) in zh, e)→h) in en",
    ),
    "heading: the place": (
        "RESOLUTION 68 (Rev. New Delhi, 2024)",
        "RESOLUTION 68 (Rev. Geneva, 2024)",
        FindingKind.HEADING_MISMATCH,
        "place new delhi in zh, geneva in en",
    ),
}


@pytest.mark.parametrize("name", list(RES68_INJECTIONS))
def test_each_injected_error_in_res68_is_found_once(name: str) -> None:
    """One error put into the English Res 68 gives exactly one finding, of its kind."""
    old, new, kind, detail = RES68_INJECTIONS[name]
    en_new = replace_once(text("res68-en", "new"), old, new)
    check = resdiff.crosscheck(cmp("res68-zh"), resdiff.compare(text("res68-en", "old"), en_new))
    finding = only(check, kind)
    assert detail in finding.detail


def test_full_width_digits_are_the_same_facts() -> None:
    """Chinese with full-width digits in a changed clause still agrees with the English."""
    zh_new = replace_once(text("res2-zh", "new"), "2013年、2021年和2026年", "２０１３年、２０２１年和２０２６年")
    check = resdiff.crosscheck(resdiff.compare(text("res2-zh", "old"), zh_new), cmp("res2-en"))
    assert check.findings == ()


def test_finding_sides_name_the_provisions() -> None:
    """A finding's a and b carry each language's block id, label, op and text."""
    en_new = replace_once(text("res2-en", "new"), "2021 and 2026, providing", "2021 and 2025, providing")
    finding = only(
        resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(text("res2-en", "old"), en_new)),
        FindingKind.NUMBER_MISMATCH,
    )
    a, b = finding.a, finding.b
    assert (a.lang.value, a.id, a.label, a.op) == ("zh", "sec_2__item_d", "d)", ChangeOp.MOD)
    assert (b.lang.value, b.id, b.label, b.op) == ("en", "sec_2__item_d", "d)", ChangeOp.MOD)
    assert "2026年" in finding.a.text and "2025" in finding.b.text


def test_crosscheck_needs_comparisons() -> None:
    """Anything but two Comparisons is an InputError naming the argument."""
    with pytest.raises(resdiff.InputError, match="b must be a Comparison"):
        resdiff.crosscheck(cmp("res2-zh"), "text")  # type: ignore[arg-type]  # the wrong type is the point


# --- properties --------------------------------------------------------------------------------
# (generated texts may hold a line the parser warns about, e.g. a footnote rule; that is not what is tested)
quiet = pytest.mark.filterwarnings("ignore::resdiff.ResdiffWarning")


@quiet
@given(pair=revision_pairs("zh"))
def test_a_revision_against_itself_finds_nothing(pair) -> None:
    """crosscheck(x, x) over generated revisions: no finding, every change paired with itself."""
    old, new = pair
    x = resdiff.compare(old.text, new.text)
    check = resdiff.crosscheck(x, x)
    assert check.findings == ()
    assert check.unpaired == ()
    assert check.pairs == len(x.changes)
    assert [(r.a, r.b) for r in check.rows] == [((i,), (i,)) for i in range(len(x.changes))]


@quiet
@given(pair=revision_pairs("en"))
def test_an_english_revision_against_itself_finds_nothing(pair) -> None:
    """crosscheck(x, x) over generated English revisions finds nothing."""
    old, new = pair
    x = resdiff.compare(old.text, new.text)
    assert resdiff.crosscheck(x, x).findings == ()


@quiet
@given(pair=revision_pairs("zh", exotic=True))
def test_hostile_text_against_itself_finds_nothing(pair) -> None:
    """crosscheck(x, x) finds nothing even with hostile Unicode in the prose."""
    old, new = pair
    x = resdiff.compare(old.text, new.text)
    assert resdiff.crosscheck(x, x).findings == ()


@quiet
@given(pair=revision_pairs("zh"))
def test_reparsed_copy_finds_nothing(pair) -> None:
    """Two comparisons of the same texts, made separately, agree."""
    old, new = pair
    assert resdiff.crosscheck(resdiff.compare(old.text, new.text), resdiff.compare(old.text, new.text)).findings == ()
