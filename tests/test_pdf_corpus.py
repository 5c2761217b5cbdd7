"""The corpus pairs printed to PDF by real clients diff as their text versions do.

LibreOffice exports the plain texts, and flat ODT versions of them with real
footnotes, a running header and page numbers; Chromium prints HTML versions
with its date/title header and URL/page footer on. Each PDF must give the
text back (identical once white space is removed) and each pair the same
clause operations as the texts. Skipped without LibreOffice or Chromium.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import resdiff

pytest.importorskip("pypdfium2")

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PAIRS = ["dec641-zh", "res2-en", "res2-zh", "res68-zh"]
TEXTS = [(case, side) for case in PAIRS for side in ("old", "new")]
_WS = re.compile(r"\s+")
_SUPER = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def _tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{names[0]} is not installed")


def _fodt(text: str) -> str:
    """A flat ODT of a corpus text: footnote lines (``¹ …``) become real footnotes at their citation."""
    lines = [line for line in text.splitlines() if line.strip()]
    notes = {m.group(1): m.group(2) for m in (re.match(r"([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.*)", line) for line in lines) if m}
    paras = []
    for line in lines:
        if re.match(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", line):
            continue
        body = html.escape(line).replace("\t", "<text:tab/>")
        for mark, note in notes.items():
            body = body.replace(mark, (
                f'<text:note text:note-class="footnote"><text:note-citation>{mark.translate(_SUPER)}'
                f'</text:note-citation><text:note-body><text:p text:style-name="Note">{html.escape(note)}</text:p>'
                "</text:note-body></text:note>"
            ))
        paras.append(f'<text:p text:style-name="Body">{body}</text:p>')
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"
 fo:text-align="justify"/><style:text-properties fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>
<style:style style:name="Note" style:family="paragraph"><style:text-properties fo:font-size="9pt"
 style:font-size-asian="9pt"/></style:style>
<style:style style:name="Margin" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
<style:text-properties fo:font-size="9pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm"
 fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
<style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Margin">PP-26 – Res. 2</text:p></style:header>
<style:footer><text:p text:style-name="Margin">– <text:page-number text:select-page="current"/> –</text:p>
</style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(paras)}
</office:text></office:body></office:document>
"""


def _html(text: str, title: str) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<style>p{white-space:pre-wrap;tab-size:4;margin:0 0 .6em}body{font-family:serif;font-size:12pt}</style>"
        f"</head><body>\n{body}\n</body></html>\n"
    )


def _source(case: str, side: str) -> str:
    return (CORPUS / case / f"{side}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """(kind, case, side) -> PDF, kind "txt" (plain export) or "odt" (footnotes, header, page numbers)."""
    soffice = _tool("soffice", "libreoffice")
    root = tmp_path_factory.mktemp("lo-pdf")
    inputs = []
    for case, side in TEXTS:
        text = _source(case, side)
        (root / f"txt-{case}-{side}.txt").write_text(text, encoding="utf-8")
        (root / f"odt-{case}-{side}.fodt").write_text(_fodt(text), encoding="utf-8")
        inputs += [root / f"txt-{case}-{side}.txt", root / f"odt-{case}-{side}.fodt"]
    profile = (root / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(root), *map(str, inputs)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    out = {(kind, case, side): root / f"{kind}-{case}-{side}.pdf" for kind in ("txt", "odt") for case, side in TEXTS}
    missing = [p.name for p in out.values() if not p.exists()]
    assert not missing, missing
    return out


@pytest.fixture(scope="module")
def chromium_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(case, side) -> PDF printed by headless Chromium with its header and footer."""
    chromium = _tool("chromium", "chromium-browser", "google-chrome")
    root = tmp_path_factory.mktemp("chromium-pdf")
    procs = {}
    for case, side in TEXTS:
        page = root / f"{case}-{side}.html"
        page.write_text(_html(_source(case, side), f"{case} {side}"), encoding="utf-8")
        pdf = root / f"{case}-{side}.pdf"
        procs[(case, side)] = (pdf, subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={root / f'profile-{case}-{side}'}", f"--print-to-pdf={pdf}", page.as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
    for pdf, proc in procs.values():
        proc.wait(timeout=180)
        assert pdf.exists(), pdf
    return {key: pdf for key, (pdf, _) in procs.items()}


def _ops(cmp: resdiff.Comparison) -> list[tuple[str, bool]]:
    return [(change.op.value, change.relabelled) for change in cmp.changes]


def _check_pair(case: str, old_pdf: Path, new_pdf: Path) -> None:
    old_text, new_text = _source(case, "old"), _source(case, "new")
    pdf_old, pdf_new = resdiff.read_pdf(old_pdf).text, resdiff.read_pdf(new_pdf).text
    assert _WS.sub("", pdf_old) == _WS.sub("", old_text)
    assert _WS.sub("", pdf_new) == _WS.sub("", new_text)
    assert _ops(resdiff.compare(pdf_old, pdf_new)) == _ops(resdiff.compare(old_text, new_text))


@pytest.mark.libreoffice
@pytest.mark.parametrize("case", PAIRS)
def test_libreoffice_text_exports_diff_like_the_texts(libreoffice_pdfs: dict, case: str) -> None:
    """A pair exported to PDF by LibreOffice gives back its text and the same clause operations."""
    _check_pair(case, libreoffice_pdfs[("txt", case, "old")], libreoffice_pdfs[("txt", case, "new")])


@pytest.mark.libreoffice
@pytest.mark.parametrize("case", PAIRS)
def test_libreoffice_documents_with_footnotes_and_page_furniture_diff_like_the_texts(
    libreoffice_pdfs: dict, case: str
) -> None:
    """With real footnotes at the page bottom, a running header and page numbers, the text still comes back."""
    _check_pair(case, libreoffice_pdfs[("odt", case, "old")], libreoffice_pdfs[("odt", case, "new")])


@pytest.mark.libreoffice
def test_libreoffice_footnotes_and_running_lines_are_read_as_such(libreoffice_pdfs: dict) -> None:
    """The page-bottom footnote is a footnote line after its citing item; header and page numbers are gone."""
    pdf = resdiff.read_pdf(libreoffice_pdfs[("odt", "res2-en", "new")])
    assert "PP-26 – Res. 2" in pdf.removed and "– 1 –" in pdf.removed and pdf.footnotes == 1
    lines = pdf.text.splitlines()
    cited = next(i for i, line in enumerate(lines) if "developing countries¹" in line)
    assert lines[cited + 1].startswith("¹ These include the least developed countries")
    doc = resdiff.parse(pdf.text)
    assert [doc.blocks[f.block].text[:20] for f in doc.footnotes] == ["¹ These include the "]


@pytest.mark.browser
@pytest.mark.parametrize("case", PAIRS)
def test_chromium_prints_with_header_and_footer_diff_like_the_texts(chromium_pdfs: dict, case: str) -> None:
    """A pair printed by Chromium (date, title, URL and page numbers on) gives back its text and operations."""
    _check_pair(case, chromium_pdfs[(case, "old")], chromium_pdfs[(case, "new")])
    assert any("/" in line for line in resdiff.read_pdf(chromium_pdfs[(case, "new")]).removed)  # the page "1/3"
