"""Robustness at depth: the property tests under the ``deep`` profile, and the time bounds.

    .venv/bin/python benchmarks/properties.py             # everything (~10 minutes on 2 cores)
    .venv/bin/python benchmarks/properties.py --no-tests  # time bounds only
    .venv/bin/python benchmarks/properties.py --no-10mb   # skip the 10 MB cases

1. Runs ``pytest tests/test_robustness.py tests/test_io_text.py`` with
   ``HYPOTHESIS_PROFILE=deep`` (2,000 generated examples per property instead
   of the suite's 50) and records the outcome per test.
2. Times every operation — reading and decoding, parse, compare, each renderer
   in :data:`resdiff.FORMATS`, and the whole CLI run — on generated
   resolution pairs of about 100 KB, 1 MB and 10 MB (UTF-8 bytes; Chinese and
   English), plus two worst cases at 1 MB: unrelated documents (nothing aligns)
   and a single 1 MB clause. Each figure is the median of several runs (one
   run at 10 MB) and is checked against the budget in :data:`BUDGETS`.

Writes ``benchmarks/results/properties.json``; exits 1 when a test fails or
a budget is exceeded. Budgets are wall-clock seconds on the 2-core CI
machine; they are about 3-5 times the measured medians so that load does not
make them flaky, and they grow linearly with size, which is what the
algorithms promise (see docs/robustness.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "properties.json"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

# after the path set-up above, which makes this tree's resdiff and the tests' strategies importable
import resdiff  # noqa: E402 - needs the sys.path entries above
from resdiff import FORMATS, RenderOptions, read_text, write_output  # noqa: E402 - needs the sys.path entries above
from strategies import sized_resolution_pair  # noqa: E402 - needs the sys.path entries above

KB, MB = 1024, 1024 * 1024
T = TypeVar("T")

# Seconds allowed per operation, by input size (UTF-8 bytes of each side).
# "render" applies to each format separately; "cli" is read + compare + render + write.
BUDGETS: dict[str, dict[str, float]] = {
    "100KB": {"read": 0.5, "parse": 1.0, "compare": 3.0, "render": 2.0, "cli": 8.0},
    "1MB": {"read": 1.0, "parse": 4.0, "compare": 15.0, "render": 8.0, "cli": 30.0},
    "10MB": {"read": 5.0, "parse": 40.0, "compare": 150.0, "render": 80.0, "cli": 300.0},
    # Worst cases at 1 MB: unrelated documents (every clause is scored against its
    # alignment window, then ADD/SUP) and one 1 MB clause (sentence-split diff).
    "1MB-worst": {"read": 1.0, "parse": 4.0, "compare": 90.0, "render": 8.0, "cli": 120.0},
}
SIZES = {"100KB": 100 * KB, "1MB": MB, "10MB": 10 * MB}
COLD_START_BUDGET = 10.0  # seconds: first Chinese compare in a process, jieba's dictionary load included
OPTIONS = RenderOptions(date=datetime(2024, 1, 1, tzinfo=timezone.utc))


def _pair_of_size(target_bytes: int, lang: str, seed: int = 68) -> tuple[str, str]:
    """A generated pair whose old side is within a few percent of *target_bytes* in UTF-8."""
    chars = target_bytes if lang == "en" else target_bytes // 2
    for _ in range(3):
        old, new = sized_resolution_pair(chars, lang, seed=seed)
        size = len(old.encode("utf-8"))
        if abs(size - target_bytes) <= target_bytes * 0.05:
            break
        chars = int(chars * target_bytes / size)
    return old, new


def _median(fn: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of ``runs`` calls of ``fn`` (at least one), and the last call's result."""
    times = []
    for _ in range(max(1, runs) - 1):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    result = fn()
    times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _time_case(label: str, size_key: str, old: str, new: str, runs: int, tmp: Path) -> list[dict]:
    budget = BUDGETS[size_key]
    rows: list[dict] = []

    def row(op: str, seconds: float, limit: float) -> None:
        rows.append(
            {
                "case": label,
                "size": size_key,
                "bytes": len(old.encode("utf-8")),
                "op": op,
                "median_s": round(seconds, 3),
                "budget_s": limit,
                "ok": seconds <= limit,
            }
        )
        over = "" if seconds <= limit else "  OVER"
        print(f"  {label:<22} {op:<16} {seconds:8.3f} s  (budget {limit:g} s){over}", flush=True)

    old_path, new_path = tmp / f"{label}-old.txt", tmp / f"{label}-new.txt"
    old_path.write_text(old, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    seconds, _ = _median(lambda: read_text(old_path), runs)
    row("read", seconds, budget["read"])
    seconds, _ = _median(lambda: resdiff.parse(old), runs)
    row("parse", seconds, budget["parse"])
    seconds, cmp = _median(lambda: resdiff.compare(old, new), runs)
    row("compare", seconds, budget["compare"])
    for fmt in sorted(FORMATS):
        seconds, _ = _median(lambda fmt=fmt: resdiff.render(cmp, fmt, OPTIONS), runs)
        row(f"render:{fmt}", seconds, budget["render"])
    out = tmp / f"{label}.json"
    cli = [sys.executable, "-m", "resdiff", "diff", str(old_path), str(new_path), "-f", "json", "-o", str(out)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    seconds, proc = _median(lambda: subprocess.run(cli, env=env, capture_output=True, text=True), 1)
    row("cli:json", seconds, budget["cli"])
    if proc.returncode not in (0, 1):
        rows[-1]["ok"] = False
        rows[-1]["error"] = proc.stderr.strip()
    return rows


def time_bounds(with_10mb: bool) -> dict:
    warnings.simplefilter("ignore")
    old, new = sized_resolution_pair(20_000, "zh")  # real clauses, so the segmenter must load
    t0 = time.perf_counter()
    resdiff.compare(old, new)
    cold = time.perf_counter() - t0
    print(f"  cold start (first Chinese compare)      {cold:8.3f} s  (budget {COLD_START_BUDGET:g} s)")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for size_key, target in SIZES.items():
            if size_key == "10MB" and not with_10mb:
                continue
            runs = 1 if size_key == "10MB" else 3
            for lang in ("zh", "en"):
                old, new = _pair_of_size(target, lang)
                rows += _time_case(f"{lang}-revision", size_key, old, new, runs, tmp)
        # Worst cases at 1 MB: nothing aligns; one enormous clause.
        for lang in ("zh", "en"):
            old, _ = _pair_of_size(MB, lang, seed=1)
            new, _ = _pair_of_size(MB, lang, seed=2)
            rows += _time_case(f"{lang}-unrelated", "1MB-worst", old, new, 1, tmp)
        line = "，".join(f"第{i}项标准化工作" for i in range(MB // 24))
        old = f"考虑到\na)\t{line}；\n"
        new = old.replace(f"第{MB // 48}项", f"第{MB // 48}项新的")
        rows += _time_case("zh-one-1MB-clause", "1MB-worst", old, new, 1, tmp)
    return {
        "cold_start_s": round(cold, 3),
        "cold_start_budget_s": COLD_START_BUDGET,
        "budgets_s": BUDGETS,
        "rows": rows,
        "ok": cold <= COLD_START_BUDGET and all(r["ok"] for r in rows),
    }


def deep_tests() -> dict:
    with tempfile.TemporaryDirectory() as d:
        junit = Path(d) / "junit.xml"
        env = dict(os.environ, HYPOTHESIS_PROFILE="deep", PYTHONPATH=str(ROOT / "src"))
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/test_robustness.py", "tests/test_io_text.py", "-q",
             "-p", "no:cacheprovider", f"--junitxml={junit}"],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - t0
        tests = []
        if junit.exists():
            for case in ET.parse(junit).getroot().iter("testcase"):
                outcome = "passed"
                for child in case:
                    if child.tag in ("failure", "error"):
                        outcome = "failed"
                    elif child.tag == "skipped":
                        why = child.get("type", "") + child.get("message", "")
                        outcome = "xfailed" if "xfail" in why else "skipped"
                tests.append({"test": f"{case.get('classname')}::{case.get('name')}", "outcome": outcome,
                              "seconds": round(float(case.get("time", 0)), 2)})
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr.strip()[-500:]
    print(f"  {summary}")
    counts = {k: sum(1 for t in tests if t["outcome"] == k) for k in ("passed", "failed", "skipped", "xfailed")}
    return {
        "profile": "deep",
        "max_examples": 2000,
        "exit_code": proc.returncode,
        "seconds": round(seconds, 1),
        "summary": summary,
        "counts": counts,
        "failures": [t["test"] for t in tests if t["outcome"] == "failed"],
        "tests": tests,
        "ok": proc.returncode == 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-tests", action="store_true", help="skip the deep property run")
    parser.add_argument("--no-10mb", action="store_true", help="skip the 10 MB cases")
    args = parser.parse_args(argv)
    report: dict = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "resdiff": resdiff.__version__,
    }
    if not args.no_tests:
        print("deep property tests (HYPOTHESIS_PROFILE=deep)")
        report["property_tests"] = deep_tests()
        report["property_tests"]["when"] = report["when"]
    elif RESULTS.exists():
        # Keep the last deep run (it says when it ran) rather than dropping it.
        previous = json.loads(RESULTS.read_text(encoding="utf-8")).get("property_tests")
        if previous is not None:
            previous.setdefault("when", json.loads(RESULTS.read_text(encoding="utf-8")).get("when"))
            report["property_tests"] = previous
    print("time bounds")
    report["time_bounds"] = time_bounds(with_10mb=not args.no_10mb)
    ok = all(part.get("ok", True) for part in report.values() if isinstance(part, dict))
    report["ok"] = ok
    write_output(RESULTS, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}; {'all within bounds' if ok else 'FAILURES: see the file'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
