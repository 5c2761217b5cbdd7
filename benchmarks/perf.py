"""Speed benchmark: resdiff against whole-document baselines, process costs, growth, batch.

    .venv/bin/python benchmarks/perf.py          # full run, < 15 minutes on 2 cores
    .venv/bin/python benchmarks/perf.py --quick  # smaller cases and fewer repeats, about a minute

Every timed method runs in a fresh process of its own (``perf_worker.py``):
one warm-up run, then repeats until REPEATS runs or BUDGET seconds; the
figure is the median with its inter-quartile range. Peak memory is
:mod:`tracemalloc`'s peak over one more run for in-process methods, and the
child's maximum resident set size for whole processes. A run longer than the
time limit is killed and recorded as "> limit".

A full run writes ``benchmarks/results/perf.json`` and rewrites the table
between ``<!-- perf:start -->`` and ``<!-- perf:end -->`` in
``docs/performance.md``. A ``--quick`` run measures smaller cases with fewer
repeats and looser limits, so its figures are not the published ones: it
writes ``benchmarks/results/perf-quick.json`` (git-ignored) and never touches
the doc or ``perf.json`` (see :func:`outputs`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import perf_cases as cases  # noqa: E402 - found through the sys.path entry just above

PY = sys.executable
RESULTS = HERE / "results" / "perf.json"  # a full run's figures: the ones docs/performance.md publishes
QUICK_RESULTS = HERE / "results" / "perf-quick.json"  # a --quick run's figures: git-ignored, never published
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- perf:start -->", "<!-- perf:end -->"


def outputs(quick: bool, no_doc: bool) -> tuple[Path, bool]:
    """Where a run writes its figures, and whether it rewrites docs/performance.md.

    Only a full run publishes: a quick run's small cases and short limits would
    turn a failed target into "pass" in the published table.
    """
    if quick:
        return QUICK_RESULTS, False
    return RESULTS, not no_doc


# ---------------------------------------------------------------- measuring


def _stats(times: list[float]) -> dict[str, Any]:
    times = sorted(times)
    if len(times) >= 4:
        q = statistics.quantiles(times, n=4)
        iqr = q[2] - q[0]
    else:
        iqr = times[-1] - times[0] if times else 0.0
    return {"median": statistics.median(times), "iqr": iqr, "n": len(times), "min": times[0]}


def run_method(method: str, old: Path, new: Path, *, repeats: int, budget: float, limit: float) -> dict[str, Any]:
    """Time *method* on a case in a child process; kill it when one run exceeds *limit* seconds."""
    proc = subprocess.Popen(
        [PY, str(HERE / "perf_worker.py"), method, str(old), str(new), str(repeats), str(budget)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    runs: list[float] = []
    out: dict[str, Any] = {}
    setup_limit = limit + 30.0  # imports and parsing before the first run
    wait = setup_limit
    while True:
        try:
            line = lines.get(timeout=wait)
        except queue.Empty:
            proc.kill()
            proc.wait()
            if not out.get("memory_pass"):
                out["timeout"] = limit
            break
        if line is None:
            break
        rec = json.loads(line)
        if "t" in rec:
            runs.append(rec["t"])
            wait = limit
        elif "peak_kb" in rec:
            out["peak_kb"] = rec["peak_kb"]
            wait = limit
        elif "unavailable" in rec:
            out["unavailable"] = rec["unavailable"]
        elif "memory_pass" in rec:
            out["memory_pass"] = True
            wait = limit * 3  # tracemalloc slows Python code 2-3x
    proc.wait()
    if proc.returncode not in (0, -9) and "unavailable" not in out:
        assert proc.stderr is not None
        out["error"] = proc.stderr.read().strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
    out.pop("memory_pass", None)
    measured = runs[1:] or runs[:1]  # a slow warm-up is the one measurement
    if measured and "timeout" not in out:
        out.update(_stats(measured))
        out["runs"] = measured
    elif runs and "timeout" in out:
        out["partial"] = runs
    return out


def _repeatable(r: dict[str, Any]) -> bool:
    """Whether a method's first round was quick and clean enough to measure again."""
    return "runs" in r and r.get("n", 0) > 1


def _merge(first: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """One record from two rounds: all runs pooled; memory from the first round."""
    if "runs" not in more:  # the later round failed or timed out: keep what was measured
        return first
    runs = first["runs"] + more["runs"]
    return {**first, **_stats(runs), "runs": runs}


def run_process(argv: list[str], *, repeats: int, cwd: Path = ROOT, stdin_text: str | None = None) -> dict[str, Any]:
    """Wall time, CPU time and peak RSS of a whole process, median over *repeats* (after one warm-up)."""
    walls, cpus, rss = [], [], []
    for i in range(repeats + 1):
        t = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.returncode not in (0, 1):
            return {"error": err.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]}
        if i == 0:
            continue  # warm-up: file cache, .pyc files
        walls.append(wall)
        cpus.append(usage.ru_utime + usage.ru_stime)
        rss.append(usage.ru_maxrss)
    out = _stats(walls)
    out["cpu_median"] = statistics.median(cpus)
    out["maxrss_kb"] = max(rss)
    return out


def run_probe(code: str, *, repeats: int) -> dict[str, Any]:
    """Median of the seconds a snippet prints (it times itself inside a fresh process)."""
    values = []
    for _ in range(repeats):
        res = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True)
        if res.returncode != 0:
            return {"error": res.stderr.strip().splitlines()[-1:]}
        values.append(float(res.stdout.strip().splitlines()[-1]))
    return _stats(values)


def fit_exponent(sizes: list[float], times: list[float]) -> float:
    """Slope of log(time) against log(size), least squares."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# ---------------------------------------------------------------- the machine


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    versions = {}
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("diff-match-patch", "fast-diff-match-patch", "jieba", "rjieba", "regex", "redlines"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_start": os.getloadavg(),
        "packages": versions,
    }


# ---------------------------------------------------------------- cases


def _save(name: str, old: str, new: str) -> tuple[Path, Path, int]:
    d = cases.DATA / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "old.txt").write_text(old, "utf-8")
    (d / "new.txt").write_text(new, "utf-8")
    return d / "old.txt", d / "new.txt", len(old.encode("utf-8")) + len(new.encode("utf-8"))


def build_cases(quick: bool) -> dict[str, dict[str, Any]]:
    """Name -> paths, size in bytes (both sides), and what the case stands for."""
    cases.DATA.mkdir(parents=True, exist_ok=True)
    (cases.DATA / ".gitignore").write_text("# generated by benchmarks/perf.py\n*\n", "utf-8")
    out: dict[str, dict[str, Any]] = {}

    def add(name: str, old: str, new: str, what: str, heavy: bool = False) -> None:
        o, n, size = _save(name, old, new)
        out[name] = {"old": o, "new": n, "bytes": size, "what": what, "heavy": heavy}

    # Heavily revised: whole-document character diffs are slow on these (res2-zh is
    # the same revision as res2-en, but few of its edits cost a character diff much).
    heavy = {"res68-zh", "res2-en"}
    for case in ("res68-zh", "res2-en") if quick else ("res68-zh", "res2-zh", "res2-en", "dec641-zh"):
        if (cases.CORPUS / case / "old.txt").exists():
            add(case, *cases.corpus_pair(case), f"corpus pair {case}", case in heavy)
    zh_a, _ = cases.corpus_pair("res68-zh")
    _, zh_b = cases.corpus_pair("res2-zh")
    add("unrelated-zh", zh_a, zh_b, "Res 68 against Res 2 (unrelated, worst case for alignment)")
    en_a, _ = cases.corpus_pair("res2-en")
    if not quick:
        add("unrelated-en", en_a, (cases.CORPUS / "seeds/council-report-en.txt").read_text("utf-8"),
            "Res 2 against a Council report (unrelated)")
    clauses = 300 if quick else 1000
    add("long-many-edits-zh", *cases.long_resolution("zh", clauses, 5),
        f"one resolution of {clauses} clauses, a third of them with small edits, a few added/struck/moved")
    big = 250_000 if quick else 1_000_000  # UTF-8 bytes per side; a Han character takes 3
    add("big-pair-zh", *cases.concat_pair("zh", big // 3, 3),
        f"about {big // 1000} kB a side: corpus resolutions one after another, renumbered, revised")
    return out


# ---------------------------------------------------------------- the run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true",
        help=f"small cases, few repeats (about a minute); writes {QUICK_RESULTS.name}, never docs/performance.md",
    )
    ap.add_argument("--no-doc", action="store_true", help="do not rewrite docs/performance.md")
    args = ap.parse_args(argv)
    q = args.quick
    results, publish = outputs(q, args.no_doc)
    started = time.perf_counter()
    # Processes are measured as an installed package runs: with its byte code compiled
    # (pip compiles it at install time). An environment that forbids writing .pyc files
    # would make every child compile resdiff's sources again (~25 ms a process).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    reps, budget, limit = (3, 0.5, 2.0) if q else (15, 5.0, 30.0)
    preps = 2 if q else 7  # process repeats
    rounds = 1 if q else 3  # alternating rounds of resdiff and its baselines
    result: dict[str, Any] = {"quick": q, "machine": machine(), "settings": {
        "repeats": reps, "budget_s": budget, "limit_s": limit, "process_repeats": preps}}

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    # -- cases: resdiff and the baselines, same run
    built = build_cases(q)
    rows = {}
    for name, case in built.items():
        row: dict[str, Any] = {"bytes": case["bytes"], "what": case["what"], "heavy": case["heavy"]}
        methods = ["resdiff", "dmp", "difflib", "redlines"]
        if q and name in ("long-many-edits-zh", "big-pair-zh"):
            methods = ["resdiff", "redlines"]  # the baselines only time out here; the full run records by how much
        for method in ("resdiff", "dmp", "difflib", "redlines"):
            if method not in methods:
                row[method] = {"skipped": "--quick"}
            elif method == "redlines" and rows and "unavailable" in next(iter(rows.values())).get("redlines", {}):
                row[method] = next(iter(rows.values()))["redlines"]
        # The machine's speed drifts by up to 2x within minutes, so resdiff and its
        # baselines are measured in alternating rounds, each a fresh process; a ratio
        # then compares runs taken in the same minutes. A method that times out, fails
        # or takes one slow run is measured in the first round only.
        for rnd in range(rounds):
            for method in methods:
                prev = row.get(method)
                if prev is not None and (rnd == 0 or not _repeatable(prev)):
                    continue
                r = run_method(method, case["old"], case["new"], repeats=max(3, reps // rounds), budget=budget / rounds,
                               limit=limit * 20 if method == "resdiff" else limit)
                row[method] = r if prev is None else _merge(prev, r)
        for method in methods:
            log(f"{name:<20} {method:<9} {_fmt_res(row[method])}")
        base = row["resdiff"].get("median")
        for method in ("dmp", "difflib", "redlines"):
            r = row[method]
            if base and r.get("median"):
                row[f"ratio_{method}"] = r["median"] / base
            elif base and r.get("timeout"):
                row[f"ratio_{method}"] = f"> {r['timeout'] / base:.0f}"
        rows[name] = row
    result["cases"] = rows

    # -- batch of resolution pairs
    npairs = 200
    bdir = cases.DATA / f"batch-zh-{npairs}"
    if bdir.exists():
        shutil.rmtree(bdir)
    old_dir, new_dir = cases.write_batch(bdir, "zh", npairs)
    size = sum(p.stat().st_size for d in (old_dir, new_dir) for p in d.iterdir())
    batch: dict[str, Any] = {"pairs": npairs, "bytes": size}
    with tempfile.TemporaryDirectory() as out_dir:
        batch["cli_jobs2"] = run_process(
            [PY, "-m", "resdiff", "batch", str(old_dir), str(new_dir), "-o", out_dir,
             "--format", "json", "--jobs", "2"],
            repeats=1 if q else 3,
        )
    log(f"batch CLI --jobs 2    {_fmt_res(batch['cli_jobs2'])}")
    batch["in_process"] = (
        {"skipped": "--quick"}
        if q
        else run_method("batch", old_dir, new_dir, repeats=3, budget=budget, limit=limit * 4)
    )
    log(f"batch in process      {_fmt_res(batch['in_process'])}")
    # whole-document diff-match-patch on a sample of the pairs, scaled to the batch
    sample = sorted(old_dir.iterdir(), key=lambda p: int(p.stem[3:]))[: (3 if q else 20)]
    dmp_total, dmp_done = 0.0, 0
    for p in sample:
        n = int(p.stem[3:])
        r = run_method("dmp", p, new_dir / f"第{n}号决议.txt", repeats=1, budget=0.0, limit=limit)
        if r.get("median"):
            dmp_total += r["median"]
            dmp_done += 1
    if dmp_done:
        batch["dmp_estimate"] = dmp_total / dmp_done * npairs
        batch["dmp_sample"] = dmp_done
    log(f"batch dmp estimate    {batch.get('dmp_estimate')}")
    result["batch"] = batch

    # -- growth: 1x, 4x, 16x
    base_size = 16_000 if q else 64_000  # UTF-8 bytes per side at 1x
    growth = []
    for k in (1, 4, 16):
        o, n, size = _save(f"growth-{k}x", *cases.concat_pair("zh", base_size * k // 3, 9))
        r = run_method("resdiff", o, n, repeats=2 if q else 3, budget=budget, limit=limit * 20)
        growth.append({"factor": k, "bytes": size, **r})
        log(f"growth {k:>2}x           {_fmt_res(r)}")
    ok = [g for g in growth if g.get("median")]
    result["growth"] = {
        "points": growth,
        "exponent": fit_exponent([g["bytes"] for g in ok], [g["median"] for g in ok]) if len(ok) >= 2 else None,
    }

    # -- alignment on hundreds of clauses
    ladder = []
    for clauses in (50, 200, 800) if q else (100, 400, 1600):
        o, n, size = _save(f"align-{clauses}", *cases.long_resolution("zh", clauses, 21))
        # 21 runs: each is short, and a fitted slope is sensitive to one noisy median
        r = run_method("align", o, n, repeats=3 if q else 21, budget=budget, limit=limit)
        if r.get("median"):
            r["per_clause_ms"] = r["median"] / clauses * 1000
        ladder.append({"clauses": clauses, **r})
        log(f"align {clauses:>5} clauses    {_fmt_res(r)}")
    ok = [a for a in ladder if a.get("median")]
    result["alignment"] = {
        "points": ladder,
        "exponent": fit_exponent([a["clauses"] for a in ok], [a["median"] for a in ok]) if len(ok) >= 2 else None,
    }

    # -- process costs
    zh_old, zh_new = built["res68-zh"]["old"], built["res68-zh"]["new"]
    en_old, en_new = built["res2-en"]["old"], built["res2-en"]["new"]
    no_rjieba = "import sys; sys.modules['rjieba'] = None; "
    proc: dict[str, Any] = {}
    probes = {
        "python_start": [PY, "-c", "pass"],
        "import_resdiff": [PY, "-c", "import resdiff"],
        "import_regex": [PY, "-c", "import regex"],
        "import_lxml_etree": [PY, "-c", "import lxml.etree"],
        "jieba_import_and_dictionary": [
            PY, "-c", "import logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.Tokenizer().initialize()"
        ],
        # importing rjieba builds its default dictionary, the one resdiff uses; a further
        # rjieba.Jieba() would build a second one and count the load twice
        "rjieba_import_and_dictionary": [PY, "-c", "import rjieba; rjieba.cut('国际电联', False)"],
        "diff_process_zh": [PY, "-m", "resdiff", "diff", str(zh_old), str(zh_new), "--format", "wdiff"],
        "diff_process_zh_jieba": [PY, "-c", no_rjieba + "from resdiff._cli import main; sys.exit(main(sys.argv[1:]))",
                                  "diff", str(zh_old), str(zh_new), "--format", "wdiff"],
        "diff_process_en": [PY, "-m", "resdiff", "diff", str(en_old), str(en_new), "--format", "wdiff"],
    }
    for key, cmd in probes.items():
        proc[key] = run_process(cmd, repeats=preps)
        log(f"{key:<30} {_fmt_res(proc[key])}")
    first = (
        "import time, resdiff._segment as s; t = time.perf_counter(); s.tokenize('国际电联'); "
        "print(time.perf_counter() - t)"
    )
    proc["first_chinese_segmentation"] = run_probe(first, repeats=preps)
    proc["first_chinese_segmentation_jieba"] = run_probe(no_rjieba + first, repeats=preps)
    log(
        f"first segmentation     {_fmt_res(proc['first_chinese_segmentation'])}"
        f" / jieba {_fmt_res(proc['first_chinese_segmentation_jieba'])}"
    )
    latin = (
        "import sys, resdiff; "
        "a = open(sys.argv[1], encoding='utf-8').read(); b = open(sys.argv[2], encoding='utf-8').read(); "
        "resdiff.render(resdiff.compare(a, b), 'wdiff'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jieba', 'rjieba'}))"
    )
    res = subprocess.run([PY, "-c", latin, str(en_old), str(en_new)], cwd=ROOT, capture_output=True, text=True)
    proc["latin_loads_chinese_dictionary"] = res.stdout.strip() != "[]"
    result["process"] = proc

    result["machine"]["load_average_end"] = os.getloadavg()
    result["elapsed_s"] = time.perf_counter() - started
    result["targets"] = targets(result)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")
    table = render_table(result)
    if publish:
        write_doc(table, result)
    print(table)
    doc_note = f"{DOC.relative_to(ROOT)} rewritten" if publish else f"{DOC.relative_to(ROOT)} left alone"
    log(f"done; {results.relative_to(ROOT)} written, {doc_note}")
    return 0


# ---------------------------------------------------------------- targets and the table


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    cs, proc, batch = r["cases"], r["process"], r["batch"]

    def med(d: dict[str, Any]) -> float | None:
        return d.get("median")

    out = []

    def target(name: str, figure: str, value: Any, ok: bool | None) -> None:
        out.append({"target": name, "figure": figure, "value": value, "pass": ok})

    one = med(cs["res68-zh"]["resdiff"])
    target("one resolution pair in process after warm-up ≤ 10 ms", "res68-zh median", one,
           one is not None and one <= 0.010)
    heavy = {k: v.get("ratio_dmp") for k, v in cs.items() if v["heavy"]}
    worst = [v for v in heavy.values() if isinstance(v, float)]
    ok = bool(heavy) and all((isinstance(v, float) and v >= 30) or isinstance(v, str) for v in heavy.values())
    target("heavily revised pairs ≥ 30× faster than whole-document diff-match-patch", "smallest ratio",
           min(worst) if worst else None, ok)
    p = med(proc["diff_process_zh"])
    target("one whole resdiff diff process on a Chinese pair ≤ 0.5 s", "res68-zh, wall median", p,
           p is not None and p <= 0.5)
    target("Latin-only inputs never load a Chinese dictionary", "jieba/rjieba imported after an English compare",
           proc["latin_loads_chinese_dictionary"], not proc["latin_loads_chinese_dictionary"])
    b = med(batch["cli_jobs2"])
    target(f"{batch['pairs']}-pair Chinese batch ≤ 2 s", "resdiff batch --jobs 2, wall median", b,
           b is not None and b <= 2.0)
    big = med(cs["big-pair-zh"]["resdiff"])
    target("~1 MB pair ≤ 0.3 s", f"big-pair-zh ({cs['big-pair-zh']['bytes'] // 2000} kB a side) median", big,
           big is not None and big <= 0.3)
    e = r["growth"]["exponent"]
    target("growth exponent ≤ 1.15 (1×, 4×, 16×)", "fitted slope of log time on log size", e,
           e is not None and e <= 1.15)
    a = r["alignment"]["exponent"]
    sizes = "/".join(str(p["clauses"]) for p in r["alignment"]["points"])
    target("alignment not quadratic on hundreds of clauses (exponent ≤ 1.3)", f"{sizes} clauses", a,
           a is not None and a <= 1.3)
    return out


def _sec(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if v < 0.001:
        return f"{v * 1e6:.0f} µs"
    if v < 1:
        return f"{v * 1000:.1f} ms"
    return f"{v:.2f} s"


def _fmt_res(r: dict[str, Any]) -> str:
    if "unavailable" in r:
        return "not installed"
    if "skipped" in r:
        return "skipped (--quick)"
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s"
    if "error" in r:
        return f"error: {r['error']}"
    s = _sec(r.get("median"))
    if r.get("iqr") is not None and r.get("n", 0) > 1:
        s += f" ± {_sec(r['iqr'] / 2)}"
    if r.get("n") == 1:
        s += " (1 run)"
    return s


def _ratio(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, str):
        return f"{v}×"
    return f"{v:.0f}×" if v >= 10 else f"{v:.1f}×"


def _mem(r: dict[str, Any]) -> str:
    kb = r.get("peak_kb")
    return "–" if kb is None else (f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb} kB")


def render_table(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        f"Last run: {m['date']}{' (--quick)' if r['quick'] else ''}, {r['elapsed_s']:.0f} s. "
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}, {m['platform']}; "
        f"load average {m['load_average_start'][0]:.1f} at the start, {m['load_average_end'][0]:.1f} at the end "
        "(the machine is shared: figures under load are slower, the ratios within one row hold better). "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".",
        "",
        "### Targets",
        "",
        "| target | figure | value | |",
        "|---|---|---|---|",
    ]
    for t in r["targets"]:
        v = t["value"]
        is_ratio = "ratio" in t["figure"]
        is_exponent = "exponent" in t["target"] or "slope" in t["figure"]
        shown = _sec(v) if isinstance(v, float) and not is_ratio and not is_exponent else v
        if isinstance(v, float) and is_ratio:
            shown = _ratio(v)
        if isinstance(v, float) and is_exponent:
            shown = f"{v:.2f}"
        if isinstance(v, bool):
            shown = "yes" if v else "no"
        lines.append(f"| {t['target']} | {t['figure']} | {shown} | {'pass' if t['pass'] else '**fail**'} |")
    lines += [
        "",
        "### One pair, in process (median ± half the IQR after a warm-up; peak memory from tracemalloc)",
        "",
        "| case | size (both sides) | resdiff | peak | diff-match-patch (whole doc) | ratio"
        " | difflib over jieba tokens | ratio | redlines |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in r["cases"].items():
        lines.append(
            f"| {name} | {row['bytes'] / 1000:.0f} kB | {_fmt_res(row['resdiff'])} | {_mem(row['resdiff'])} | "
            f"{_fmt_res(row['dmp'])} | {_ratio(row.get('ratio_dmp'))} | {_fmt_res(row['difflib'])} | "
            f"{_ratio(row.get('ratio_difflib'))} | {_fmt_res(row['redlines'])} |"
        )
    b = r["batch"]
    cli = b["cli_jobs2"]
    lines += [
        "",
        f"### Batch: {b['pairs']} Chinese resolution pairs ({b['bytes'] / 1e6:.1f} MB)",
        "",
        "| figure | value |",
        "|---|---|",
        f"| `resdiff batch --jobs 2 --format json`, whole process (wall) | {_fmt_res(cli)} "
        f"(CPU {_sec(cli.get('cpu_median'))}, max RSS {cli.get('maxrss_kb', 0) / 1024:.0f} MB) |",
        f"| every pair compared + rendered in one process, one core | {_fmt_res(b['in_process'])} |",
        f"| whole-document diff-match-patch, estimated from {b.get('dmp_sample', 0)} pairs "
        f"| {_sec(b.get('dmp_estimate'))} |",
    ]
    g = r["growth"]
    lines += ["", "### Growth (big-pair generator at 1×, 4×, 16×)", "",
              "| size | resdiff | per MB |", "|---|---|---|"]
    for p in g["points"]:
        per = f"{p['median'] / (p['bytes'] / 1e6):.2f} s" if p.get("median") else "–"
        lines.append(f"| {p['bytes'] / 1000:.0f} kB | {_fmt_res(p)} | {per} |")
    lines.append(_exponent_row(g["exponent"]))
    a = r["alignment"]
    lines += ["", "### Alignment alone (documents parsed beforehand)", "",
              "| clauses | align | per clause |", "|---|---|---|"]
    for p in a["points"]:
        lines.append(f"| {p['clauses']} | {_fmt_res(p)} | {p.get('per_clause_ms', 0) * 1000:.0f} µs |")
    lines.append(_exponent_row(a["exponent"]))
    pr = r["process"]
    lines += ["", "### Whole processes (median wall time; CPU = user + system)", "",
              "| process | wall | CPU | max RSS |", "|---|---|---|---|"]
    names = {
        "python_start": "`python -c pass`",
        "import_resdiff": "`import resdiff`",
        "import_regex": "`import regex`",
        "import_lxml_etree": "`import lxml.etree`",
        "jieba_import_and_dictionary": "jieba: import + dictionary",
        "rjieba_import_and_dictionary": "rjieba: import + dictionary",
        "diff_process_zh": "`resdiff diff` res68-zh (rjieba)",
        "diff_process_zh_jieba": "`resdiff diff` res68-zh with jieba (rjieba blocked)",
        "diff_process_en": "`resdiff diff` res2-en",
    }
    for key, label in names.items():
        p = pr[key]
        rss = p.get("maxrss_kb", 0) / 1024
        lines.append(f"| {label} | {_fmt_res(p)} | {_sec(p.get('cpu_median'))} | {rss:.0f} MB |")
    lines += [
        f"| first Chinese segmentation in a process (rjieba) | {_fmt_res(pr['first_chinese_segmentation'])} | | |",
        f"| first Chinese segmentation in a process (jieba) | {_fmt_res(pr['first_chinese_segmentation_jieba'])} | | |",
    ]
    return "\n".join(lines) + "\n"


def _exponent_row(exponent: float | None) -> str:
    return f"| fitted exponent | {exponent:.2f} | |" if exponent is not None else "| fitted exponent | – | |"


def write_doc(table: str, result: dict[str, Any], doc: Path = DOC) -> None:
    """Put a full run's table between the markers of ``doc``; a quick run's result is refused."""
    if result.get("quick", True):
        raise ValueError("only a full run (not --quick) may rewrite the published performance table")
    text = doc.read_text("utf-8") if doc.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{table}{END}{tail}", "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
