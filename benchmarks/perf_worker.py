"""One timed method on one case, in a process of its own (run by ``benchmarks/perf.py``).

    python benchmarks/perf_worker.py METHOD OLD NEW REPEATS BUDGET

Prints one JSON line per run (``{"run": i, "t": seconds}``; run 0 is the
warm-up), then ``{"peak_kb": …}`` from :mod:`tracemalloc` over one more run
when the runs were short enough to afford it. A run slower than
:data:`SLOW` seconds ends the repeats: the parent records it as a single
measurement. The parent kills the process when one run exceeds its time
limit, so a baseline that would take hours is recorded as "> limit".

Methods: ``resdiff`` (compare + wdiff render), ``dmp`` (whole-document
diff-match-patch on characters, semantic cleanup, no time-out), ``difflib``
(SequenceMatcher over jieba tokens, autojunk off), ``redlines``, ``align``
(clause alignment alone, documents parsed beforehand), ``batch`` (OLD and NEW
are folders: every pair compared in this process, one after another).

The resdiff methods run inside ``resdiff.paused_gc()``: a benchmark process owns
itself, as the CLI and a batch worker do, and they pause the collector the
same way. A library caller who does not pause pays the collector's passes on
top (about 10 % on the ~1 MB pair, docs/performance.md).
"""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable

SLOW = 2.0  # seconds; a run this slow is measured once (it is far from the figures that matter)
MEMORY_RUN_LIMIT = 5.0  # seconds; longer runs skip the tracemalloc pass (it slows Python code 2-3x)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _method(name: str, old: str, new: str) -> Callable[[], object]:
    if name == "resdiff":
        import resdiff

        a, b = _read(old), _read(new)

        def compare_and_render() -> object:
            with resdiff.paused_gc():
                return resdiff.render(resdiff.compare(a, b), "wdiff")

        return compare_and_render
    if name == "dmp":
        import diff_match_patch

        a, b = _read(old), _read(new)
        dmp = diff_match_patch.diff_match_patch()
        dmp.Diff_Timeout = 0  # no time limit: the minimal diff, as the issue asks

        def run() -> object:
            diffs = dmp.diff_main(a, b)
            dmp.diff_cleanupSemantic(diffs)
            return diffs

        return run
    if name == "difflib":
        import difflib
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()  # the dictionary load is not part of the measured diff
        a, b = _read(old), _read(new)
        return lambda: difflib.SequenceMatcher(
            None, tok.lcut(a, HMM=False), tok.lcut(b, HMM=False), autojunk=False
        ).get_opcodes()
    if name == "redlines":
        from redlines import Redlines  # ImportError: reported as unavailable

        a, b = _read(old), _read(new)
        return lambda: Redlines(a, b).output_markdown
    if name == "align":
        import resdiff
        from resdiff._align import align

        da, db = resdiff.parse(_read(old)), resdiff.parse(_read(new))

        def align_paused() -> object:
            with resdiff.paused_gc():
                return align(da, db)

        return align_paused
    if name == "batch":
        import resdiff

        pairs = [(_read(o), _read(n)) for _, o, n in resdiff.pair_files(old, new)[0]]

        def batch_paused() -> object:
            with resdiff.paused_gc():
                return [resdiff.render(resdiff.compare(a, b), "wdiff") for a, b in pairs]

        return batch_paused
    raise SystemExit(f"unknown method {name!r}")


def main(argv: list[str]) -> int:
    name, old, new, repeats, budget = argv[0], argv[1], argv[2], int(argv[3]), float(argv[4])
    warnings.simplefilter("ignore")
    try:
        run = _method(name, old, new)
    except ImportError as exc:
        print(json.dumps({"unavailable": f"{type(exc).__name__}: {exc}"}), flush=True)
        return 0
    spent = 0.0
    longest = 0.0
    for i in range(repeats + 1):
        t = time.perf_counter()
        run()
        dt = time.perf_counter() - t
        print(json.dumps({"run": i, "t": dt}), flush=True)
        longest = max(longest, dt)
        if i > 0:
            spent += dt
        if dt > SLOW or (i >= 3 and spent > budget):
            break
    if longest <= MEMORY_RUN_LIMIT:
        print(json.dumps({"memory_pass": True}), flush=True)  # a time-out from here on keeps the times
        tracemalloc.start()
        run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(json.dumps({"peak_kb": peak // 1024}), flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    raise SystemExit(main(sys.argv[1:]))
