"""PDF benchmark: a 100-page compilation through split and batch, against the extraction library alone.

    .venv/bin/python benchmarks/pdf_bench.py              # the compilation figures, about two minutes
    .venv/bin/python benchmarks/pdf_bench.py --libraries  # also pypdfium2 / pypdf / pdfminer.six on the corpus

The compilation is built from the corpus: its four resolutions (two in
Chinese, two in English) in turn, renumbered 1, 2, 3 …, each starting a new
page, with a running header, page numbers and real footnotes, exported to PDF
by LibreOffice — an old and a new one, from the old and new texts, of at least
100 pages each. Timed in this process (one warm-up, then the median of
REPEATS runs):

* ``pypdfium2 alone``: open the file and take every page's text (the floor);
* ``read_pdf``: the same plus resdiff's rebuilding of paragraphs;
* ``split``: ``read_pdf`` plus cutting the text into statements;
* ``batch``: ``resdiff batch OLD.pdf NEW.pdf -o OUT`` as a whole process
  (split both, compare every pair, write HTML and the index), one worker and
  all cores.

``--libraries`` adds the measurement that chose the library: each candidate
installed in this interpreter reads the corpus texts printed by LibreOffice and
by Chromium (header and footer on); character recall is the share of the
source's characters (white space removed) found in order in the output,
precision the share of the output's characters that are the source's, and the
time is the median over the files.

Writes ``benchmarks/results/pdf.json`` and the tables between the
``<!-- pdf:… -->`` markers in ``docs/pdf.md``. Needs LibreOffice (and
Chromium for ``--libraries``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import resdiff  # noqa: E402 - the tree's own, found through the sys.path entry above
from test_pdf_corpus import _fodt, _html  # noqa: E402 - the same documents the tests print

RESULTS = HERE / "results" / "pdf.json"
DOC = ROOT / "docs" / "pdf.md"
REPEATS = 5  # timed runs per figure, after one warm-up
MIN_PAGES = 100  # pages the compilation must reach
CASES = ["res2-en", "res2-zh", "res68-zh", "dec641-zh"]
_WS = re.compile(r"\s+")


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        sys.exit("pdf_bench: LibreOffice (soffice) is needed to make the PDFs")
    return found


def _renumber(text: str, number: int) -> str:
    """The heading of a corpus text given another number: ``RESOLUTION 2 (…)`` -> ``RESOLUTION 17 (…)``."""
    first, _, rest = text.partition("\n")
    first = re.sub(r"^(RESOLUTION|DECISION)\s+\d+", rf"\g<1> {number}", first)
    first = re.sub(r"^第\d+号", f"第{number}号", first)
    return first + "\n" + rest


def compilation(side: str, statements: int) -> str:
    texts = [(ROOT / "corpus" / CASES[k % len(CASES)] / f"{side}.txt").read_text(encoding="utf-8")
             for k in range(statements)]  # fmt: skip
    return "".join(_renumber(t, k + 1).rstrip("\n") + "\n" for k, t in enumerate(texts))


def _fodt_compilation(text: str) -> str:
    """The flat ODT of the tests, each heading starting a page."""
    doc = _fodt(text)
    style = ('<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Body">'
             '<style:paragraph-properties fo:break-before="page"/></style:style>')  # fmt: skip
    doc = doc.replace("</office:styles>", style + "</office:styles>", 1)
    heading = re.compile(r'<text:p text:style-name="Body">((?:RESOLUTION|DECISION) \d+ |第\d+号)')
    return heading.sub(lambda m: '<text:p text:style-name="Heading">' + m.group(1), doc)


def convert(sources: list[Path], out: Path) -> None:
    profile = (out / "lo-profile").as_uri()
    subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, sources)], capture_output=True, timeout=600, check=True)


def build(work: Path) -> tuple[Path, Path, int, int]:
    """old.pdf and new.pdf of at least MIN_PAGES pages; their page counts."""
    import pypdfium2

    statements = 40
    while True:
        sources = []
        for side in ("old", "new"):
            path = work / f"{side}.fodt"
            path.write_text(_fodt_compilation(compilation(side, statements)), encoding="utf-8")
            sources.append(path)
        convert(sources, work)
        pages = [len(pypdfium2.PdfDocument(str(work / f"{side}.pdf"))) for side in ("old", "new")]
        if min(pages) >= MIN_PAGES:
            return work / "old.pdf", work / "new.pdf", statements, min(pages)
        statements = int(statements * MIN_PAGES / min(pages)) + 2


def timed(fn: Any, repeats: int = REPEATS) -> dict[str, float]:
    fn()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(runs), 4), "min_s": round(min(runs), 4), "runs": len(runs)}


def pdfium_alone(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    chars = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return chars


def whole_batch(old: Path, new: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "resdiff", "batch", str(old), str(new), "-o", str(out), "--jobs", str(jobs)],
                   env=env, capture_output=True, timeout=1200, check=False)  # fmt: skip
    return time.perf_counter() - start


def compilation_figures(work: Path) -> dict[str, Any]:
    old, new, statements, pages = build(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parts = resdiff.split_text(resdiff.read_pdf(new).text)
        figures: dict[str, Any] = {
            "pages": pages,
            "statements": statements,
            "parts": sum(1 for p in parts if not p.front),
            "pypdfium2 alone": timed(lambda: pdfium_alone(new)),
            "read_pdf": timed(lambda: resdiff.read_pdf(new)),
            "split": timed(lambda: resdiff.split_text(resdiff.read_pdf(new).text)),
        }
    for jobs in (1, os.cpu_count() or 1):
        runs = [whole_batch(old, new, work / "out", jobs) for _ in range(3)]
        figures[f"batch, {jobs} worker{'s' if jobs > 1 else ''} (whole process)"] = {
            "median_s": round(statistics.median(runs), 3), "min_s": round(min(runs), 3), "runs": len(runs)
        }  # fmt: skip
    index = json.loads((work / "out" / "index.json").read_text(encoding="utf-8"))
    figures["batch pairs"] = index["summary"]
    return figures


# ---------------------------------------------------------------- the library measurement


def _extractors() -> dict[str, Any]:
    def pdfium(path: str) -> str:
        import pypdfium2

        doc = pypdfium2.PdfDocument(path)
        return "\n".join(doc[i].get_textpage().get_text_range().replace("\ufffe", "-") for i in range(len(doc)))

    def pypdf(path: str) -> str:
        import pypdf as lib

        return "\n".join(page.extract_text() for page in lib.PdfReader(path).pages)

    def pdfminer(path: str) -> str:
        from pdfminer.high_level import extract_text

        return str(extract_text(path))

    def rebuilt(path: str) -> str:
        return resdiff.read_pdf(path).text

    out = {}
    candidates = (("pypdfium2", "pypdfium2", pdfium), ("pypdf", "pypdf", pypdf),
                  ("pdfminer.six", "pdfminer", pdfminer), ("resdiff read_pdf", "pypdfium2", rebuilt))  # fmt: skip
    for name, module, fn in candidates:
        try:
            __import__(module)
        except ImportError:
            continue
        out[name] = fn
    return out


def _recall_precision(source: str, text: str) -> tuple[float, float]:
    import fast_diff_match_patch as fdmp

    a, b = _WS.sub("", source), _WS.sub("", text)
    equal = sum(n for op, n in fdmp.diff(a, b, timelimit=0, checklines=False, cleanup="No") if op == "=")
    return equal / max(len(a), 1), equal / max(len(b), 1)


def library_figures(work: Path) -> list[dict[str, Any]]:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns of every font without a bounding box
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    texts = {(case, side): (ROOT / "corpus" / case / f"{side}.txt").read_text(encoding="utf-8")
             for case in CASES for side in ("old", "new")}  # fmt: skip
    pdfs: dict[tuple[str, str], list[Path]] = {}
    sources = []
    for (case, side), text in texts.items():
        src = work / f"lib-{case}-{side}.txt"
        src.write_text(text, encoding="utf-8")
        sources.append(src)
        pdfs.setdefault(("LibreOffice", case.split("-")[1]), []).append(work / f"lib-{case}-{side}.pdf")
        if chromium:
            page = work / f"cr-{case}-{side}.html"
            page.write_text(_html(text, f"{case} {side}"), encoding="utf-8")
            pdf = work / f"cr-{case}-{side}.pdf"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--user-data-dir={work / 'cr-profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                           capture_output=True, timeout=180, check=False)  # fmt: skip
            pdfs.setdefault(("Chromium", case.split("-")[1]), []).append(pdf)
    convert(sources, work)
    rows = []
    for name, fn in _extractors().items():
        for (maker, lang), files in sorted(pdfs.items()):
            recalls, precisions, times, paragraphs = [], [], [], []
            for pdf in files:
                case_side = pdf.stem.split("-", 1)[1]
                case, side = case_side.rsplit("-", 1)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    start = time.perf_counter()
                    out = fn(str(pdf))
                    times.append(time.perf_counter() - start)
                r, p = _recall_precision(texts[(case, side)], out)
                recalls.append(r)
                precisions.append(p)
                source_lines = [_WS.sub("", line) for line in texts[(case, side)].splitlines() if line.strip()]
                out_lines = {_WS.sub("", line) for line in out.splitlines()}
                paragraphs.append(sum(line in out_lines for line in source_lines) / len(source_lines))
            rows.append({"library": name, "maker": maker, "lang": lang, "files": len(files),
                         "recall": round(min(recalls), 4), "precision": round(min(precisions), 4),
                         "paragraphs": round(statistics.mean(paragraphs), 3),
                         "median_ms": round(1000 * statistics.median(times), 1)})  # fmt: skip
    return rows


# ---------------------------------------------------------------- output


def _table(figures: dict[str, Any]) -> str:
    lines = [
        f"{figures['pages']} pages, {figures['parts']} statements a side "
        f"({figures['batch pairs']['pairs']} pairs, symbols {figures['batch pairs']['symbols']}).",
        "",
        "| step | median | fastest |",
        "|---|---:|---:|",
    ]
    for key, value in figures.items():
        if isinstance(value, dict) and "median_s" in value:
            lines.append(f"| {key} | {value['median_s']:.3f} s | {value['min_s']:.3f} s |")
    return "\n".join(lines)


def _library_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| library | PDFs by | language | files | char recall (worst) | char precision (worst) "
             "| source lines found as lines | median time |",
             "|---|---|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in rows:
        lines.append(f"| {r['library']} | {r['maker']} | {r['lang']} | {r['files']} | {r['recall']:.4f} | "
                     f"{r['precision']:.4f} | {r['paragraphs']:.3f} | {r['median_ms']:.0f} ms |")  # fmt: skip
    return "\n".join(lines)


def _replace(doc: str, name: str, body: str) -> str:
    start, end = f"<!-- pdf:{name}:start -->", f"<!-- pdf:{name}:end -->"
    if start not in doc:
        return doc
    head, rest = doc.split(start, 1)
    return head + start + "\n" + body + "\n" + end + rest.split(end, 1)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--libraries", action="store_true", help="also measure the candidate libraries")
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/pdf.md")
    args = parser.parse_args()
    data: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data["compilation"] = compilation_figures(work)
        if args.libraries:
            data["libraries"] = library_figures(work)
    import pypdfium2

    data["machine"] = {
        "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
        "pypdfium2": pypdfium2.__version__ if hasattr(pypdfium2, "__version__") else str(pypdfium2.PYPDFIUM_INFO),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "load_average": os.getloadavg(),
    }  # fmt: skip
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(_table(data["compilation"]))
    if "libraries" in data:
        print(_library_table(data["libraries"]))
    if not args.no_doc and DOC.exists():
        doc = DOC.read_text(encoding="utf-8")
        doc = _replace(doc, "bench", _table(data["compilation"]))
        if "libraries" in data:
            doc = _replace(doc, "libraries", _library_table(data["libraries"]))
        DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
