"""The quality gate: resdiff marks the gold corpus at least as well as it does today.

The scores are deterministic, so a drop in drafter fidelity is a failing test.
The thresholds live in one place, ``THRESHOLDS`` in benchmarks/quality.py;
docs/quality.md ("The gate") says how to re-baseline them on purpose.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from _scripts import ROOT, load_script

build = load_script("resdiff_corpus_build", ROOT / "corpus" / "build.py")
quality = load_script("resdiff_quality_benchmark", ROOT / "benchmarks" / "quality.py")

CASES = build.case_dirs()


@functools.cache
def _scores() -> dict[str, Any]:
    """Case name -> resdiff's score on it, plus "all" (micro-averaged); computed once per session."""
    out = {case.name: quality.score_case(case, quality.resdiff_wdiff) for case in CASES}
    out["all"] = quality.overall(list(out.values()))
    return out


def test_every_case_has_a_gate() -> None:
    """THRESHOLDS names exactly the corpus cases and "all": a new case needs its own thresholds."""
    assert sorted(quality.THRESHOLDS) == sorted([c.name for c in CASES] + ["all"])


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_case_meets_its_gate(case: str) -> None:
    """On each gold case resdiff reaches its agreement, deletion F1 and insertion F1, and keeps its hunk ratio."""
    failures = quality.gate_failures(case, _scores()[case])
    assert not failures, "\n".join(failures)


def test_all_cases_together_meet_the_gate() -> None:
    """Over the whole corpus (micro-averaged) resdiff reaches the overall thresholds."""
    overall = _scores()["all"]
    assert overall["cases_ran"] == len(CASES)
    failures = quality.gate_failures("all", overall)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_resdiff_marks_rebuild_both_texts(case: str) -> None:
    """resdiff's wdiff gives back the old and new text of every case, with no character the texts lack."""
    result = _scores()[case]
    assert result["faithful"]
    assert result["lost_chars"] == 0


def test_gate_fails_a_worse_system() -> None:
    """The gate rejects the plain character-diff baseline on every figure, so it can fail."""
    case = build.CORPUS / "dec641-zh"
    assert quality.gate_failures(case.name, quality.score_case(case, quality.baseline_wdiff)) == [
        "dec641-zh: agreement 0.86667 < 1.0",
        "dec641-zh: del F1 0.96429 < 1.0",
        "dec641-zh: ins F1 0.96491 < 1.0",
        "dec641-zh: hunk ratio 0.88889 (8/9) outside [1.0, 1.0]",
    ]


def test_gate_reports_a_crash_as_a_failure() -> None:
    """A case on which the system raised fails the gate with the error, not silently."""
    assert quality.gate_failures("res2-en", {"error": "KeyError: 'x'"}) == ["res2-en: KeyError: 'x'"]


def test_gate_thresholds_have_their_bounds() -> None:
    """Every threshold is a share or F1 in 0..1 and every hunk band a low <= high pair around 1.0."""
    for name, gate in quality.THRESHOLDS.items():
        assert 0.0 <= gate.agreement <= 1.0, name
        assert 0.0 <= gate.del_f1 <= 1.0, name
        assert 0.0 <= gate.ins_f1 <= 1.0, name
        low, high = gate.hunk_ratio
        assert 0.0 < low <= 1.0 <= high, name
