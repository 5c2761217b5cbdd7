"""Run a batch: pair the files, compare each pair in worker processes, write the outputs and the index.

A pair that fails — a file that is not text, does not decode, cannot be
written — is recorded with a one-line error and the batch goes on. The index
(``index.json`` and ``index.html``) lists every pair with its ITU symbol and
clause counts, the failures and the unmatched files.
"""

from __future__ import annotations

import concurrent.futures
import os
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from resdiff._batch.index import INDEX_STEM, write_index
from resdiff._batch.pairing import natural, output_names, pair_files
from resdiff._batch.progress import PROGRESS_MIN_PAIRS, Progress, is_terminal
from resdiff._batch.report import BatchReport, PairResult
from resdiff._batch.source import read_source
from resdiff._errors import InputError, ResdiffError, warning_texts
from resdiff._gc import paused_gc
from resdiff._io import os_reason
from resdiff._render import FORMATS, RenderOptions

__all__ = ["EXTENSIONS", "Job", "run_batch", "run_pair"]

#: Output file extension per format.
EXTENSIONS: dict[str, str] = {
    "html": "html",
    "json": "json",
    "docx": "docx",
    "wdiff": "txt",
    "text": "txt",
    "markdown": "md",
}


@dataclass(frozen=True, slots=True)
class Job:
    """One pair to compare and where its output goes."""

    name: str
    old_path: str
    new_path: str
    output_path: str
    fmt: str
    options: RenderOptions = field(default_factory=RenderOptions)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def run_pair(job: Job) -> PairResult:
    """Read, compare, render and write one pair; never raises for a bad pair."""
    from resdiff._compare import compare
    from resdiff._io.output import write_output
    from resdiff._render import render

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            old_text = read_source(job.old_path)
            new_text = read_source(job.new_path)
            cmp = compare(old_text, new_text)
        data = render(cmp, job.fmt, job.options)
        write_output(job.output_path, data)
    except ResdiffError as exc:
        return _failed(job, _one_line(exc), caught)
    except Exception as exc:  # noqa: BLE001 - an unexpected failure stays with its pair; the batch goes on
        return _failed(job, f"internal error: {type(exc).__name__}: {_one_line(exc)}", caught)
    return PairResult(
        job.name,
        job.old_path,
        job.new_path,
        job.output_path,
        cmp.symbol.value,
        cmp.counts(),
        None,
        warning_texts(caught),
    )


def _run_pair_in_worker(job: Job) -> PairResult:
    # A worker process is ours: pause the cyclic collector around the pair (see resdiff._gc).
    with paused_gc():
        return run_pair(job)


def _failed(job: Job, message: str, caught: Sequence[warnings.WarningMessage]) -> PairResult:
    error = f"{job.name}: {message}"
    return PairResult(job.name, job.old_path, job.new_path, None, None, None, error, warning_texts(caught))


def run_batch(
    old_dir: str | os.PathLike[str],
    new_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "html",
    jobs: int | None = None,
    progress: bool | None = None,
    options: RenderOptions | None = None,
    stream: TextIO | None = None,
) -> BatchReport:
    """Compare every file of *old_dir* with its partner in *new_dir*; outputs and index go to *out_dir*.

    *jobs*: worker processes (None: one per core; 1: no pool). *progress*: a bar
    on *stream* (standard error) — None shows it when that is a terminal and
    there are more than :data:`~resdiff._batch.progress.PROGRESS_MIN_PAIRS` pairs.

    >>> import tempfile, os, json
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for side, word in (("old", "old"), ("new", "new")):
    ...         os.mkdir(os.path.join(d, side))
    ...         with open(os.path.join(d, side, "res1.txt"), "w", encoding="utf-8") as f:
    ...             _ = f.write(f"resolves\\n1\\tto act {word};\\n")
    ...     old, new, out = (os.path.join(d, name) for name in ("old", "new", "out"))
    ...     report = run_batch(old, new, out, fmt="wdiff", jobs=1)
    ...     [(p.name, p.symbol) for p in report.pairs], report.exit_code
    ([('resolution-1', 'MOD')], 1)
    """
    if fmt not in FORMATS or fmt not in EXTENSIONS:
        choices = ", ".join(sorted(set(FORMATS) & set(EXTENSIONS)))
        raise InputError(f"unknown format {fmt!r}; choose one of {choices}")
    old_dir, new_dir, out_dir = os.fspath(old_dir), os.fspath(new_dir), os.fspath(out_dir)
    options = options or RenderOptions()
    pairs, unmatched_old, unmatched_new = pair_files(old_dir, new_dir)
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output directory ({os_reason(exc)})") from None
    names = output_names((key for key, _, _ in pairs), EXTENSIONS[fmt])
    todo = [
        Job(key, old, new, os.path.join(out_dir, name), fmt, options)
        for (key, old, new), name in zip(pairs, names)
    ]
    err = stream if stream is not None else sys.stderr
    show = progress if progress is not None else (len(todo) > PROGRESS_MIN_PAIRS and is_terminal(err))
    bar = Progress(len(todo), err) if show and todo else None
    results = _run_all(todo, jobs, bar)
    if bar:
        bar.close()
    report = BatchReport(
        tuple(sorted(results, key=lambda r: natural(r.name))),
        tuple(unmatched_old),
        tuple(unmatched_new),
        os.path.join(out_dir, f"{INDEX_STEM}.json"),
        os.path.join(out_dir, f"{INDEX_STEM}.html"),
    )
    write_index(report, old_dir, new_dir, out_dir, fmt)
    return report


def _run_all(todo: list[Job], jobs: int | None, bar: Progress | None) -> list[PairResult]:
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), len(todo))
    results: list[PairResult] = []
    if workers <= 1:
        for job in todo:
            results.append(run_pair(job))
            if bar:
                bar.step(job.name)
        return results
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_run_pair_in_worker, job): job for job in todo}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                results.append(future.result())
            except Exception as exc:  # noqa: BLE001 - the worker died (killed, out of memory): the pair fails
                results.append(_failed(job, f"worker failed: {type(exc).__name__}: {_one_line(exc)}", ()))
            if bar:
                bar.step(job.name)
    return results
