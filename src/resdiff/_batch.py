"""Compare every resolution of a conference: two folders in, one output per pair and an index out.

Files are paired by what they are, not by their exact names:

1. **The name.** ``res68.txt``, ``Res 68 (Rev. New Delhi, 2024).txt``,
   ``R68-zh.txt``, ``Resolution_068.docx`` and ``第68号决议.txt`` all give the key
   ``resolution-68``; ``dec641``, ``Decision 641`` and ``第641号决定`` give
   ``decision-641`` (also recommendations and opinions, and the French,
   Spanish and Russian words).
2. **The heading**, when the name says nothing: the text is read and parsed and
   its heading (``第68号决议（2024年，新德里）``, ``RESOLUTION 68 (Rev. …)``) gives
   the key.
3. **The file stem** otherwise.

A language tag in the name (``-zh``, ``_en``, ``.fr``) is used only to tell
apart several versions of one resolution in the same folder
(``resolution-68-zh``, ``resolution-68-en``). Files left without a partner are
reported, never guessed at.

Pairs run in a process pool (``jobs=1``: in this process). A pair that fails
— a file that is not text, does not decode, cannot be written — is recorded
with a one-line error and the batch goes on. The index (``index.json`` and
``index.html``) lists every pair with its ITU symbol and clause counts, the
failures and the unmatched files.

>>> file_key("Res 68 (Rev. New Delhi, 2024).txt"), file_key("第641号决定.txt"), file_key("notes.txt")
('resolution-68', 'decision-641', None)
"""

from __future__ import annotations

import concurrent.futures
import html
import json
import os
import sys
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO
from urllib.parse import quote

import regex

from resdiff._errors import InputError, ResdiffError, warning_texts
from resdiff._io import os_reason
from resdiff._render import FORMATS, RenderOptions

__all__ = ["EXTENSIONS", "PROGRESS_MIN_PAIRS", "BatchReport", "PairResult", "file_key", "run_batch"]

#: Output file extension per format.
EXTENSIONS: dict[str, str] = {
    "html": "html",
    "json": "json",
    "docx": "docx",
    "wdiff": "txt",
    "text": "txt",
    "markdown": "md",
}

#: More pairs than this show a progress bar when standard error is a terminal (progress=None).
PROGRESS_MIN_PAIRS = 20

_INDEX_STEM = "index"  # index.json / index.html; a pair whose key is "index" is renamed

# Document-type words, in the languages of ITU texts, before a number.
_TYPE_WORDS: dict[str, str] = {
    "resolution": "resolution",
    "res": "resolution",
    "r": "resolution",
    "résolution": "resolution",
    "resolución": "resolution",
    "резолюция": "resolution",
    "decision": "decision",
    "dec": "decision",
    "décision": "decision",
    "decisión": "decision",
    "решение": "decision",
    "recommendation": "recommendation",
    "rec": "recommendation",
    "recommandation": "recommendation",
    "recomendación": "recommendation",
    "рекомендация": "recommendation",
    "opinion": "opinion",
    "avis": "opinion",
    "opinión": "opinion",
    "мнение": "opinion",
}
_ZH_TYPES = {"决议": "resolution", "决定": "decision", "建议": "recommendation", "意见": "opinion"}

# The longest alternatives first, so "resolution" is not read as "r" + "esolution".
_TYPE_ALT = "|".join(sorted(map(regex.escape, _TYPE_WORDS), key=len, reverse=True))
# A type word standing alone (not inside a longer word), optional "." and "No.", then the number.
_NAME_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<type>{_TYPE_ALT})\.?(?:[\s_-]*(?:no|n°|nº|№)\.?)?[\s_-]*(?P<num>\d{{1,4}})(?!\d)",
    regex.IGNORECASE,
)
_ZH_NAME_RE = regex.compile(r"第\s*(?P<num>\d{1,4})\s*号\s*(?P<type>决议|决定|建议|意见)")
_LANG_RE = regex.compile(r"(?<![\p{L}])(?P<lang>zh|en|fr|es|ru|ar|ch|c|e|f|s|r|a)(?![\p{L}])", regex.IGNORECASE)
_LANG_CODES = {"zh": "zh", "ch": "zh", "c": "zh", "en": "en", "e": "en", "fr": "fr", "f": "fr",
               "es": "es", "s": "es", "ru": "ru", "r": "ru", "ar": "ar", "a": "ar"}  # fmt: skip
_UNSAFE_RE = regex.compile(r"[^\p{L}\p{N}._-]+")


@dataclass(frozen=True, slots=True)
class PairResult:
    """One compared pair: where its output went, its symbol and counts, or why it failed."""

    name: str  # the pairing key, also the output file's stem ("resolution-68")
    old_path: str
    new_path: str
    output_path: str | None  # None when the pair failed
    symbol: str | None  # "NOC", "(MOD)", "MOD", "ADD", "SUP"; None when the pair failed
    counts: dict[str, int] | None  # clauses per operation (ADD, MOD, SUP, NOC, MOVE)
    error: str | None = None  # one line, naming the pair
    warnings: tuple[str, ...] = ()  # what the reader and parser warned about


@dataclass(frozen=True, slots=True)
class BatchReport:
    """Every pair (sorted by name) and the files that found no partner."""

    pairs: tuple[PairResult, ...]
    unmatched_old: tuple[str, ...] = ()
    unmatched_new: tuple[str, ...] = ()
    index_json: str | None = None
    index_html: str | None = None

    @property
    def exit_code(self) -> int:
        """As ``diff(1)``: 2 if any pair failed, 1 if any pair differs, 0 if all are NOC."""
        if any(p.error for p in self.pairs):
            return 2
        return 1 if any(p.symbol != "NOC" for p in self.pairs) else 0


@dataclass(frozen=True, slots=True)
class _Job:
    name: str
    old_path: str
    new_path: str
    output_path: str
    fmt: str
    options: RenderOptions = field(default_factory=RenderOptions)


# ---------------------------------------------------------------- pairing


def file_key(filename: str) -> str | None:
    """The key a file name gives (``"resolution-68"``), or None when it names no document.

    >>> file_key("R68-zh.txt"), file_key("res068.txt"), file_key("Decision_641.docx")
    ('resolution-68', 'resolution-68', 'decision-641')
    """
    stem = _stem(filename)
    stem = unicodedata.normalize("NFKC", stem)
    m = _ZH_NAME_RE.search(stem)
    if m:
        return f"{_ZH_TYPES[m['type']]}-{int(m['num'])}"
    m = _NAME_RE.search(stem)
    if m:
        return f"{_TYPE_WORDS[m['type'].lower()]}-{int(m['num'])}"
    return None


def _stem(filename: str) -> str:
    base = os.path.basename(filename)
    stem, ext = os.path.splitext(base)
    return stem if ext and len(ext) <= 6 and stem else base


def _name_lang(filename: str) -> str | None:
    """A language tag in the file name after the number ("R68-zh", "res68_en"), or None."""
    stem = unicodedata.normalize("NFKC", _stem(filename))
    m = _ZH_NAME_RE.search(stem) or _NAME_RE.search(stem)
    rest = stem[m.end() :] if m else stem
    found = [_LANG_CODES[t.lower()] for t in _LANG_RE.findall(rest) if len(t) == 2 or m is not None]
    return found[-1] if found else None


def _heading_key(path: str) -> str | None:
    """The key the document's own heading gives, or None (unreadable, no heading)."""
    try:
        text = _read(path)
        from resdiff._parse import parse

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            heading = parse(text).heading
    except Exception:  # a file that cannot be read is paired by its stem and fails in its pair
        return None
    if heading is None or not heading.number:
        return None
    number = heading.number.strip()
    number = str(int(number)) if number.isdigit() else number
    return f"{heading.doc_type.value}-{number}"


@dataclass(frozen=True, slots=True)
class _Entry:
    path: str
    base: str  # key from the name, the heading, or the stem
    lang: str | None

    @property
    def filename(self) -> str:
        return os.path.basename(self.path)


def _list_files(directory: str) -> list[str]:
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        raise InputError(f"{directory}: no such directory") from None
    except NotADirectoryError:
        raise InputError(f"{directory}: not a directory") from None
    except OSError as exc:
        raise InputError(f"{directory}: cannot list ({os_reason(exc)})") from None
    paths = []
    for name in names:
        if name.startswith((".", "~$")):  # hidden files, Word lock files
            continue
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            paths.append(path)
    return sorted(paths)


def _entries(directory: str) -> list[_Entry]:
    out = []
    for path in _list_files(directory):
        name = os.path.basename(path)
        base = file_key(name) or _heading_key(path) or _stem(name)
        out.append(_Entry(path, base, _name_lang(name)))
    return out


def pair_files(old_dir: str, new_dir: str) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """(key, old path, new path) for every pair, then the unmatched old and new file names."""
    olds, news = defaultdict(list), defaultdict(list)
    for e in _entries(old_dir):
        olds[e.base].append(e)
    for e in _entries(new_dir):
        news[e.base].append(e)
    pairs: list[tuple[str, str, str]] = []
    unmatched_old: list[str] = []
    unmatched_new: list[str] = []
    for base in sorted(set(olds) | set(news), key=_natural):
        a, b = olds.get(base, []), news.get(base, [])
        if len(a) == 1 and len(b) == 1:
            pairs.append((base, a[0].path, b[0].path))
            continue
        # Several versions of one document: pair by language tag, then by identical file name.
        for suffix_of in (_lang_of, _filename_of):
            taken_a, taken_b = _pair_unique(a, b, suffix_of)
            for ea, eb in zip(taken_a, taken_b):
                pairs.append((f"{base}-{_stem(suffix_of(ea) or '')}", ea.path, eb.path))
            a = [e for e in a if e not in taken_a]
            b = [e for e in b if e not in taken_b]
        unmatched_old.extend(e.filename for e in a)
        unmatched_new.extend(e.filename for e in b)
    return pairs, sorted(unmatched_old, key=_natural), sorted(unmatched_new, key=_natural)


def _lang_of(entry: _Entry) -> str | None:
    return entry.lang


def _filename_of(entry: _Entry) -> str | None:
    return entry.filename


def _pair_unique(a: list[_Entry], b: list[_Entry], key: Callable[[_Entry], str | None]) -> tuple[list[_Entry], list[_Entry]]:
    """Entries whose key is present exactly once on each side, in matching order."""
    ka, kb = defaultdict(list), defaultdict(list)
    for e in a:
        ka[key(e)].append(e)
    for e in b:
        kb[key(e)].append(e)
    out_a, out_b = [], []
    for k in sorted((k for k in ka if k is not None and len(ka[k]) == 1 and len(kb.get(k, ())) == 1), key=str):
        out_a.append(ka[k][0])
        out_b.append(kb[k][0])
    return out_a, out_b


def _natural(text: str) -> list[object]:
    """Sort key that puts resolution-2 before resolution-10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in regex.split(r"(\d+)", text.casefold())]


def _output_names(keys: Iterable[str], ext: str) -> list[str]:
    """Safe, distinct output file names, one per key, none clashing with the index."""
    used = {f"{_INDEX_STEM}.html", f"{_INDEX_STEM}.json"}
    names = []
    for key in keys:
        stem = _UNSAFE_RE.sub("-", unicodedata.normalize("NFKC", key)).strip("-.") or "pair"
        name, n = f"{stem}.{ext}", 1
        while name.casefold() in used:
            n += 1
            name = f"{stem}-{n}.{ext}"
        used.add(name.casefold())
        names.append(name)
    return names


# ---------------------------------------------------------------- one pair


def _read(path: str) -> str:
    from resdiff._io.document import read_document

    return read_document(path)  # text; a .docx as it stands (every tracked change accepted); PDF; Akoma Ntoso


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _run_pair(job: _Job) -> PairResult:
    """Read, compare, render and write one pair; never raises for a bad pair."""
    from resdiff._compare import compare
    from resdiff._io.output import write_output
    from resdiff._render import render

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            old_text = _read(job.old_path)
            new_text = _read(job.new_path)
            cmp = compare(old_text, new_text)
        data = render(cmp, job.fmt, job.options)
        write_output(job.output_path, data)
    except ResdiffError as exc:
        return _failed(job, _one_line(exc), caught)
    except Exception as exc:  # an unexpected failure stays with its pair; the batch goes on
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


def _failed(job: _Job, message: str, caught: Sequence[warnings.WarningMessage]) -> PairResult:
    return PairResult(job.name, job.old_path, job.new_path, None, None, None, f"{job.name}: {message}", warning_texts(caught))


# ---------------------------------------------------------------- the batch


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
    there are more than :data:`PROGRESS_MIN_PAIRS` pairs.

    >>> import tempfile, os, json
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for side, word in (("old", "old"), ("new", "new")):
    ...         os.mkdir(os.path.join(d, side))
    ...         with open(os.path.join(d, side, "res1.txt"), "w", encoding="utf-8") as f:
    ...             _ = f.write(f"resolves\\n1\\tto act {word};\\n")
    ...     report = run_batch(os.path.join(d, "old"), os.path.join(d, "new"), os.path.join(d, "out"), fmt="wdiff", jobs=1)
    ...     [(p.name, p.symbol) for p in report.pairs], report.exit_code
    ([('resolution-1', 'MOD')], 1)
    """
    if fmt not in FORMATS or fmt not in EXTENSIONS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(set(FORMATS) & set(EXTENSIONS)))}")
    old_dir, new_dir, out_dir = os.fspath(old_dir), os.fspath(new_dir), os.fspath(out_dir)
    options = options or RenderOptions()
    pairs, unmatched_old, unmatched_new = pair_files(old_dir, new_dir)
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output directory ({os_reason(exc)})") from None
    names = _output_names((key for key, _, _ in pairs), EXTENSIONS[fmt])
    todo = [
        _Job(key, old, new, os.path.join(out_dir, name), fmt, options)
        for (key, old, new), name in zip(pairs, names)
    ]
    err = stream if stream is not None else sys.stderr
    show = progress if progress is not None else (len(todo) > PROGRESS_MIN_PAIRS and _isatty(err))
    bar = _Progress(len(todo), err) if show and todo else None
    results = _run_all(todo, jobs, bar)
    if bar:
        bar.close()
    report = BatchReport(
        tuple(sorted(results, key=lambda r: _natural(r.name))),
        tuple(unmatched_old),
        tuple(unmatched_new),
        os.path.join(out_dir, f"{_INDEX_STEM}.json"),
        os.path.join(out_dir, f"{_INDEX_STEM}.html"),
    )
    _write_index(report, old_dir, new_dir, out_dir, fmt)
    return report


def _run_all(todo: list[_Job], jobs: int | None, bar: _Progress | None) -> list[PairResult]:
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), len(todo))
    results: list[PairResult] = []
    if workers <= 1:
        for job in todo:
            results.append(_run_pair(job))
            if bar:
                bar.step(job.name)
        return results
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_run_pair, job): job for job in todo}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                results.append(future.result())
            except Exception as exc:  # the worker died (killed, out of memory): the pair fails, not the batch
                results.append(_failed(job, f"worker failed: {type(exc).__name__}: {_one_line(exc)}", ()))
            if bar:
                bar.step(job.name)
    return results


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """A one-line progress bar redrawn with a carriage return."""

    WIDTH = 30  # characters of the bar itself

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self._draw("")

    def step(self, name: str) -> None:
        self.done += 1
        self._draw(name)

    def _draw(self, name: str) -> None:
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {name[:40]:<40}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


# ---------------------------------------------------------------- index


def _index_data(report: BatchReport, old_dir: str, new_dir: str, out_dir: str, fmt: str) -> dict[str, object]:
    by_symbol: dict[str, int] = defaultdict(int)
    for p in report.pairs:
        if p.symbol:
            by_symbol[p.symbol] += 1
    return {
        "format": fmt,
        "old_dir": old_dir,
        "new_dir": new_dir,
        "summary": {
            "pairs": len(report.pairs),
            "failed": sum(1 for p in report.pairs if p.error),
            "symbols": dict(sorted(by_symbol.items())),
            "unmatched_old": len(report.unmatched_old),
            "unmatched_new": len(report.unmatched_new),
        },
        "pairs": [
            {
                "name": p.name,
                "old": os.path.basename(p.old_path),
                "new": os.path.basename(p.new_path),
                "output": os.path.relpath(p.output_path, out_dir) if p.output_path else None,
                "symbol": p.symbol,
                "counts": p.counts,
                "error": p.error,
                "warnings": list(p.warnings),
            }
            for p in report.pairs
        ],
        "unmatched_old": list(report.unmatched_old),
        "unmatched_new": list(report.unmatched_new),
    }


_CSS = """body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right}
tr.failed td{background:#fee}.sym{font-weight:bold}"""

_OPS = ("ADD", "MOD", "SUP", "MOVE", "NOC")


def _index_html(data: dict[str, object], report: BatchReport) -> str:
    e = html.escape
    rows = []
    for p, item in zip(report.pairs, data["pairs"]):  # type: ignore[call-overload]
        counts = p.counts or {}
        cells = [
            f"<td>{e(p.name)}</td>",
            f"<td>{e(os.path.basename(p.old_path))}</td>",
            f"<td>{e(os.path.basename(p.new_path))}</td>",
            f'<td class="sym">{e(p.symbol or "")}</td>',
            *(f'<td class="n">{counts.get(op, "") if p.counts else ""}</td>' for op in _OPS),
        ]
        if p.error:
            cells.append(f"<td>{e(p.error)}</td>")
        else:
            href = quote(str(item["output"]).replace(os.sep, "/"))
            note = f' <small>({len(p.warnings)} warning{"s" if len(p.warnings) != 1 else ""})</small>' if p.warnings else ""
            cells.append(f'<td><a href="{e(href)}">{e(str(item["output"]))}</a>{note}</td>')
        attr = ' class="failed"' if p.error else ""
        rows.append(f"<tr{attr}>{''.join(cells)}</tr>")
    summary = data["summary"]
    assert isinstance(summary, dict)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>resdiff batch</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>resdiff batch</h1>",
        f"<p>{e(str(data['old_dir']))} → {e(str(data['new_dir']))}: {summary['pairs']} pairs, "
        f"{summary['failed']} failed.</p>",
        "<table><thead><tr><th>Document</th><th>Old</th><th>New</th><th>Symbol</th>"
        + "".join(f"<th>{op}</th>" for op in _OPS)
        + "<th>Output</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    for title, names in (("Only in the old folder", report.unmatched_old), ("Only in the new folder", report.unmatched_new)):
        if names:
            parts.append(f"<h2>{title}</h2><ul>")
            parts.extend(f"<li>{e(n)}</li>" for n in names)
            parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _write_index(report: BatchReport, old_dir: str, new_dir: str, out_dir: str, fmt: str) -> None:
    from resdiff._io.output import write_output

    data = _index_data(report, old_dir, new_dir, out_dir, fmt)
    assert report.index_json and report.index_html
    write_output(report.index_json, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write_output(report.index_html, _index_html(data, report))
