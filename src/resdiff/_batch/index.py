"""The batch index: ``index.json`` for programs, ``index.html`` for people, both listing every pair."""

from __future__ import annotations

import html
import json
import os
from collections import defaultdict
from urllib.parse import quote

from resdiff._batch.report import BatchReport, PairResult

__all__ = ["INDEX_STEM", "index_data", "index_html", "write_index"]

INDEX_STEM = "index"  # index.json / index.html; a pair whose key is "index" is renamed

_CSS = """body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right}
tr.failed td{background:#fee}.sym{font-weight:bold}"""

_OPS = ("ADD", "MOD", "SUP", "MOVE", "NOC")


def _output(pair: PairResult, out_dir: str) -> str | None:
    """The pair's output relative to the index, or None when the pair failed."""
    return os.path.relpath(pair.output_path, out_dir) if pair.output_path else None


def index_data(report: BatchReport, old_dir: str, new_dir: str, out_dir: str, fmt: str) -> dict[str, object]:
    """What ``index.json`` holds (docs/batch.md shows an example)."""
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
            "failed": report.failed,
            "symbols": dict(sorted(by_symbol.items())),
            "unmatched_old": len(report.unmatched_old),
            "unmatched_new": len(report.unmatched_new),
        },
        "pairs": [
            {
                "name": p.name,
                "old": os.path.basename(p.old_path),
                "new": os.path.basename(p.new_path),
                "output": _output(p, out_dir),
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


def index_html(report: BatchReport, old_dir: str, new_dir: str, out_dir: str) -> str:
    """One table of the pairs (failed ones on a red row), then the unmatched files; every name escaped."""
    e = html.escape
    rows = []
    for p in report.pairs:
        counts = p.counts or {}
        cells = [
            f"<td>{e(p.name)}</td>",
            f"<td>{e(os.path.basename(p.old_path))}</td>",
            f"<td>{e(os.path.basename(p.new_path))}</td>",
            f'<td class="sym">{e(p.symbol or "")}</td>',
            *(f'<td class="n">{counts.get(op, "") if p.counts else ""}</td>' for op in _OPS),
        ]
        output = _output(p, out_dir)
        if p.error or output is None:
            cells.append(f"<td>{e(p.error or '')}</td>")
        else:
            href = quote(output.replace(os.sep, "/"))
            n = len(p.warnings)
            note = f" <small>({n} warning{'s' if n != 1 else ''})</small>" if n else ""
            cells.append(f'<td><a href="{e(href)}">{e(output)}</a>{note}</td>')
        attr = ' class="failed"' if p.error else ""
        rows.append(f"<tr{attr}>{''.join(cells)}</tr>")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>resdiff batch</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>resdiff batch</h1>",
        f"<p>{e(old_dir)} → {e(new_dir)}: {len(report.pairs)} pairs, {report.failed} failed.</p>",
        "<table><thead><tr><th>Document</th><th>Old</th><th>New</th><th>Symbol</th>"
        + "".join(f"<th>{op}</th>" for op in _OPS)
        + "<th>Output</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    unmatched = (("Only in the old folder", report.unmatched_old), ("Only in the new folder", report.unmatched_new))
    for title, names in unmatched:
        if names:
            parts.append(f"<h2>{title}</h2><ul>")
            parts.extend(f"<li>{e(n)}</li>" for n in names)
            parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_index(report: BatchReport, old_dir: str, new_dir: str, out_dir: str, fmt: str) -> None:
    """Write ``index.json`` and ``index.html`` where *report* says (each atomically)."""
    from resdiff._io.output import write_output

    if report.index_json is None or report.index_html is None:
        raise ValueError("the report names no index files")
    data = index_data(report, old_dir, new_dir, out_dir, fmt)
    write_output(report.index_json, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write_output(report.index_html, index_html(report, old_dir, new_dir, out_dir))
