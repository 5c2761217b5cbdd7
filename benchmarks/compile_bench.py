"""Speed of ``resdiff.compile``: BASE with six proposals against the six comparisons alone.

    .venv/bin/python benchmarks/compile_bench.py          # full run, about a minute
    .venv/bin/python benchmarks/compile_bench.py --quick  # fewer repeats

In one process, after a warm-up: for each case, *repeats* rounds, each timing
the six ``compare(BASE, proposal)`` calls on the texts (BASE parsed six
times, as six separate comparisons would) and then ``compile(BASE,
proposals)`` on the same texts (statuses, merge and merged draft included),
the two interleaved so that machine load falls on both alike. The figures are
medians. The target: compile costs at most 3× the six comparisons.

Cases: ``res2-en`` (the corpus case's ECP, APT and RCC plus three generated
proposals, about 10 KB), ``res68-zh`` (ECP and APT plus four, Chinese) and
``large-zh`` (a generated resolution of about 200 KB with six proposals, each
editing every 15th item its own way, some items alike).

Writes ``benchmarks/results/compile.json`` and rewrites the table between
``<!-- compile-bench:start -->`` and ``<!-- compile-bench:end -->`` in
``docs/compile.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import resdiff  # noqa: E402
from strategies import sized_resolution_pair  # noqa: E402

TARGET = 3.0  # compile may cost at most this many times the six comparisons
NAMES = ("ECP", "APT", "RCC", "ARB", "AFCP", "IAP")


def _vary(base: str, seed: int, every: int) -> str:
    """A proposal: *base* with every *every*-th item line edited (a word replaced, dropped or an item added)."""
    rnd = random.Random(seed)
    out = []
    lines = base.split("\n")
    for k, line in enumerate(lines):
        if "\t" not in line or (k + seed) % every:
            out.append(line)
            continue
        label, body = line.split("\t", 1)
        kind = rnd.randrange(3)
        cut = rnd.randrange(1, max(2, len(body) - 1))
        if kind == 0:
            out.append(f"{label}\t{body[:cut]}{'新增' if '号' in base else ' further'}{body[cut:]}")
        elif kind == 1:
            out.append(f"{label}\t{body[: cut // 2]}{body[cut:]}")
        else:
            out.append(line)
            out.append(f"{label}bis\t{body[cut:]}")
    return "\n".join(out)


def _cases() -> dict[str, tuple[str, list[str]]]:
    corpus = ROOT / "corpus"
    en = corpus / "compile-res2-en"
    en_base = (en / "base.txt").read_text("utf-8")
    en_props = [(en / f"{n}.txt").read_text("utf-8") for n in ("ECP", "APT", "RCC")]
    en_props += [_vary(en_base, seed, 7) for seed in (1, 2, 3)]
    zh = corpus / "compile-res68-zh"
    zh_base = (zh / "base.txt").read_text("utf-8")
    zh_props = [(zh / f"{n}.txt").read_text("utf-8") for n in ("ECP", "APT")]
    zh_props += [_vary(zh_base, seed, 5) for seed in (1, 2, 3, 4)]
    big_base, big_new = sized_resolution_pair(200_000, "zh", seed=15, edit_every=15)
    big_props = [big_new, big_new] + [_vary(big_base, seed, 15) for seed in (1, 2, 3, 4)]
    return {"res2-en": (en_base, en_props), "res68-zh": (zh_base, zh_props), "large-zh": (big_base, big_props)}


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def measure(repeats: int) -> dict[str, object]:
    warnings.simplefilter("ignore")
    out = []
    for name, (base, props) in _cases().items():
        proposals = dict(zip(NAMES, props))
        resdiff.compile(base, proposals)  # warm-up: segmenter dictionary, caches
        compares, compiles = [], []
        for _ in range(repeats):
            compares.append(_time(lambda b=base, ps=props: [resdiff.compare(b, p) for p in ps]))
            compiles.append(_time(lambda b=base, ps=proposals: resdiff.compile(b, ps)))
        c = resdiff.compile(base, proposals)
        cmp_ms = statistics.median(compares) * 1000
        cpl_ms = statistics.median(compiles) * 1000
        out.append({
            "case": name,
            "base_chars": len(base),
            "proposals": len(props),
            "provisions": len(c.provisions),
            "conflicts": c.counts()["CONFLICT"],
            "six_comparisons_ms": round(cmp_ms, 1),
            "compile_ms": round(cpl_ms, 1),
            "ratio": round(cpl_ms / cmp_ms, 3),
            "repeats": repeats,
        })  # fmt: skip
    return {
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "target_ratio": TARGET,
        "cases": out,
    }


def table(result: dict[str, object]) -> str:
    rows = [
        "| case | BASE chars | provisions | conflicts | six comparisons (ms) | compile (ms) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for c in result["cases"]:  # type: ignore[attr-defined]
        rows.append(
            f"| {c['case']} | {c['base_chars']:,} | {c['provisions']} | {c['conflicts']} | "
            f"{c['six_comparisons_ms']:.1f} | {c['compile_ms']:.1f} | {c['ratio']:.2f}× |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 repeats instead of 9")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    result = measure(3 if args.quick else 9)
    text = table(result)
    print(text)
    if not args.no_write:
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "compile.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        doc = ROOT / "docs" / "compile.md"
        if doc.exists():
            page = doc.read_text("utf-8")
            start, end = "<!-- compile-bench:start -->", "<!-- compile-bench:end -->"
            if start in page and end in page:
                head, rest = page.split(start, 1)
                _, tail = rest.split(end, 1)
                doc.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
    worst = max(c["ratio"] for c in result["cases"])  # type: ignore[attr-defined]
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
