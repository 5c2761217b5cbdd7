"""Run a batch: pair the files, compare each pair in worker processes, write the outputs and the index.

A pair that fails — a file that is not text, does not decode, cannot be
written, takes longer than the time limit — is recorded with a one-line error
and the batch goes on. The index (``index.json`` and ``index.html``) is always
written, even when the batch is interrupted, and lists every pair with its ITU
symbol and clause counts, the failures and the unmatched files.

The time limit (:data:`~resdiff._batch.BATCH_TIMEOUT`, 60 s a pair) is enforced by running
pairs in worker processes (:mod:`resdiff._batch.pool`) and killing one that
runs past it; only ``jobs=1, timeout=None`` runs the pairs in the calling
process. The headings of files whose names give no key are read in the same
workers under the same limit.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from resdiff._batch import BATCH_TIMEOUT
from resdiff._batch.index import INDEX_STEM, write_index
from resdiff._batch.pairing import heading_key, natural, output_names, pair_files
from resdiff._batch.pool import Abandoned, Pool
from resdiff._batch.progress import PROGRESS_MIN_PAIRS, Progress, is_terminal
from resdiff._batch.report import BatchReport, PairResult
from resdiff._errors import InputError, ResdiffError, warning_texts
from resdiff._io import os_reason
from resdiff._io.document import read_document
from resdiff._io.output import TEMP_SUFFIX, temp_prefix
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
            old_text = read_document(job.old_path)
            new_text = read_document(job.new_path)
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
    timeout: float | None = BATCH_TIMEOUT,
) -> BatchReport:
    """Compare every file of *old_dir* with its partner in *new_dir*; outputs and index go to *out_dir*.

    *jobs*: worker processes (None: one per core). *timeout*: seconds a pair
    may take before it is stopped and recorded as failed (None: no limit;
    ``jobs=1, timeout=None`` runs the pairs in this process, without workers).
    *progress*: a bar on *stream* (standard error) — None shows it when that is
    a terminal and there are more than
    :data:`~resdiff._batch.progress.PROGRESS_MIN_PAIRS` pairs.

    *out_dir* may not be an input folder or inside one (:class:`InputError`); a
    pair whose output would overwrite one of the input files fails.

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
    if jobs is not None and jobs < 1:
        raise InputError(f"jobs must be at least 1, not {jobs}")
    if timeout is not None and not timeout > 0:
        raise InputError(f"timeout must be more than 0 seconds (None for no limit), not {timeout}")
    old_dir, new_dir, out_dir = os.fspath(old_dir), os.fspath(new_dir), os.fspath(out_dir)
    refuse_output_in_inputs(out_dir, (old_dir, new_dir))
    options = options or RenderOptions()
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    pool: Pool | None = None if workers == 1 and timeout is None else Pool(workers, timeout)
    with pool if pool is not None else contextlib.nullcontext():
        heading_keys = None if pool is None else lambda paths: _heading_keys(pool, paths)
        pairs, unmatched_old, unmatched_new = pair_files(old_dir, new_dir, heading_keys=heading_keys)
        try:
            os.makedirs(out_dir, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{out_dir}: cannot create the output directory ({os_reason(exc)})") from None
        names = output_names((key for key, _, _ in pairs), EXTENSIONS[fmt])
        todo = [
            Job(key, old, new, os.path.join(out_dir, name), fmt, options)
            for (key, old, new), name in zip(pairs, names)
        ]
        report = BatchReport(
            (),
            tuple(unmatched_old),
            tuple(unmatched_new),
            os.path.join(out_dir, f"{INDEX_STEM}.json"),
            os.path.join(out_dir, f"{INDEX_STEM}.html"),
        )
        err = stream if stream is not None else sys.stderr
        show = progress if progress is not None else (len(todo) > PROGRESS_MIN_PAIRS and is_terminal(err))
        bar = Progress(len(todo), err) if show and todo else None
        results: dict[int, PairResult] = {}
        try:
            _run_all(todo, pool, bar, results)
        except BaseException:
            # Interrupted (Ctrl-C) or broken: the index still says what was done and what was not.
            with contextlib.suppress(ResdiffError):
                _finish(report, todo, results, old_dir, new_dir, out_dir, fmt, "not compared (the batch stopped)")
            raise
        finally:
            if bar:
                bar.close()
    return _finish(report, todo, results, old_dir, new_dir, out_dir, fmt, "not compared")


def _finish(
    report: BatchReport,
    todo: Sequence[Job],
    results: Mapping[int, PairResult],
    old_dir: str,
    new_dir: str,
    out_dir: str,
    fmt: str,
    missing: str,
) -> BatchReport:
    """The report with every pair (those without a result failed as *missing*), its index written."""
    pairs = [results[i] if i in results else _failed(job, missing, ()) for i, job in enumerate(todo)]
    done = BatchReport(
        tuple(sorted(pairs, key=lambda r: natural(r.name))),
        report.unmatched_old,
        report.unmatched_new,
        report.index_json,
        report.index_html,
    )
    write_index(done, old_dir, new_dir, out_dir, fmt)
    return done


def _run_all(todo: Sequence[Job], pool: Pool | None, bar: Progress | None, results: dict[int, PairResult]) -> None:
    """Run every job, filling *results* (index into *todo* → result) as pairs finish."""
    inputs = _identities(path for job in todo for path in (job.old_path, job.new_path))
    runnable = []
    for i, job in enumerate(todo):
        clash = inputs.get(_identity(job.output_path) or (-1, -1))
        if clash is not None:
            message = f"the output {job.output_path} is the input {clash}; refusing to overwrite it"
            results[i] = _failed(job, message, ())
            if bar:
                bar.step(job.name)
        else:
            runnable.append(i)
    if pool is None:
        for i in runnable:
            results[i] = run_pair(todo[i])
            if bar:
                bar.step(todo[i].name)
        return
    for k, outcome in pool.run(run_pair, [todo[i] for i in runnable]):
        i = runnable[k]
        job = todo[i]
        if isinstance(outcome, Abandoned):
            _remove_temporaries(job.output_path)
            results[i] = _failed(job, outcome.reason, ())
        else:
            results[i] = outcome
        if bar:
            bar.step(job.name)


def _heading_keys(pool: Pool, paths: Sequence[str]) -> dict[str, str | None]:
    """Heading keys read in the workers, under the time limit; a file that takes too long gives none."""
    keys: dict[str, str | None] = dict.fromkeys(paths)
    for k, outcome in pool.run(heading_key, paths):
        if not isinstance(outcome, Abandoned):
            keys[paths[k]] = outcome
    return keys


def _remove_temporaries(output_path: str) -> None:
    """Remove what a killed worker may have left of its atomic write (``.<name>.<hex>.tmp``)."""
    directory, name = os.path.split(output_path)
    prefix = temp_prefix(directory or ".", name)
    with contextlib.suppress(OSError):
        for entry in os.listdir(directory or "."):
            if entry.startswith(prefix) and entry.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, entry))


# ---------------------------------------------------------------- outputs that would overwrite inputs


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of what *path* names, through symbolic links; None when it does not exist."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _identities(paths: Iterable[str]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for path in paths:
        ident = _identity(path)
        if ident is not None:
            out.setdefault(ident, path)
    return out


def refuse_output_in_inputs(out_dir: str, input_dirs: Sequence[str]) -> None:
    """InputError when *out_dir* is one of *input_dirs* or inside one (symbolic links and bind mounts too)."""
    inputs = _identities(input_dirs)
    here = os.path.realpath(out_dir)  # an output folder that does not exist yet: its nearest existing parent
    inside = False
    while True:
        clash = inputs.get(_identity(here) or (-1, -1))
        if clash is not None:
            where = "inside the input folder" if inside else "the input folder"
            raise InputError(f"{out_dir}: the output folder is {where} {clash}; choose one outside the inputs")
        parent = os.path.dirname(here)
        if parent == here:
            return
        here, inside = parent, True
