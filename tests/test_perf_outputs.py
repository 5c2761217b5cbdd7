"""benchmarks/perf.py publishes only full runs: a --quick run never rewrites docs/performance.md."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from _scripts import ROOT, load_script

perf = load_script("resdiff_perf_benchmark", ROOT / "benchmarks" / "perf.py")

DOC = "# Performance\n\nProse.\n\n<!-- perf:start -->\nold table\n<!-- perf:end -->\n\nMore prose.\n"


@pytest.mark.parametrize("no_doc", [False, True])
def test_quick_run_writes_its_own_file_and_never_the_doc(no_doc: bool) -> None:
    """A --quick run writes benchmarks/results/perf-quick.json and leaves the published doc alone."""
    assert perf.outputs(quick=True, no_doc=no_doc) == (ROOT / "benchmarks" / "results" / "perf-quick.json", False)


def test_full_run_publishes_unless_told_not_to() -> None:
    """A full run writes benchmarks/results/perf.json and rewrites the doc, except with --no-doc."""
    published = ROOT / "benchmarks" / "results" / "perf.json"
    assert perf.outputs(quick=False, no_doc=False) == (published, True)
    assert perf.outputs(quick=False, no_doc=True) == (published, False)


@pytest.mark.parametrize("result", [{"quick": True}, {}], ids=["quick", "unmarked"])
def test_write_doc_refuses_a_quick_result(tmp_path: Path, result: dict[str, object]) -> None:
    """write_doc raises on a quick (or unmarked) result and leaves the doc byte for byte as it was."""
    doc = tmp_path / "performance.md"
    doc.write_text(DOC, "utf-8")
    with pytest.raises(ValueError, match="full run"):
        perf.write_doc("new table\n", result, doc)
    assert doc.read_text("utf-8") == DOC


def test_write_doc_replaces_only_the_table_of_a_full_run(tmp_path: Path) -> None:
    """A full run's table goes between the perf markers; the prose around them stays."""
    doc = tmp_path / "performance.md"
    doc.write_text(DOC, "utf-8")
    perf.write_doc("new table\n", {"quick": False}, doc)
    assert doc.read_text("utf-8") == DOC.replace("old table\n", "new table\n")


def test_quick_results_file_is_git_ignored() -> None:
    """perf-quick.json is ignored by git, so a quick run cannot be committed as the published figures."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    rel = perf.QUICK_RESULTS.relative_to(ROOT)
    assert subprocess.run(["git", "check-ignore", "-q", str(rel)], cwd=ROOT).returncode == 0
    assert subprocess.run(["git", "check-ignore", "-q", str(perf.RESULTS.relative_to(ROOT))], cwd=ROOT).returncode == 1
