"""Reading PDF files: text layers in, scans, encrypted and damaged files refused in one line (exit 2)."""

from __future__ import annotations

import io
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import resdiff
from resdiff._cli import main

pytest.importorskip("pypdfium2")


def make_pdf(
    pages: list[list[tuple[float, float, float, str]]], *, encrypt: bool = False, image: bool = False
) -> bytes:
    """A PDF with Helvetica text: per page, (x, y from the top, size, text); *image*: each page also shows an image."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        3: b"<< /Type /Catalog /Pages 2 0 R >>",
    }
    kids = []
    for lines in pages:
        ops = []
        for x, y, size, text in lines:
            escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET" % (size, x, 792 - y, escaped))
        if image:
            ops.append(b"q 200 0 0 200 100 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q")
        data = zlib.compress(b"\n".join(ops))
        content, page = len(objects) + 2, len(objects) + 3
        objects[content] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 1 0 R >> >> >>" % content
        )
        kids.append(page)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer = b""
    if encrypt:  # the standard security handler, with a user password nobody knows
        enc = max(objects) + 1
        objects[enc] = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>" % (b"ab" * 32, b"cd" * 32)
        trailer = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"01" * 16, b"01" * 16)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, objects[n]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for n in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[n])
    out.write(b"trailer\n<< /Size %d /Root 3 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref))
    return out.getvalue()


RESOLUTION = [
    (72, 60, 9, "PP-26 - Res. 2"),
    (72, 100, 12, "RESOLUTION 2 (Rev. Doha, 2026)"),
    (72, 116, 12, "World telecommunication policy forum"),
    (72, 132, 12, "The Plenipotentiary Conference of the International Telecommunication Union (Doha, 2026),"),
    (72, 148, 12, "considering"),
    (72, 164, 12, "a) that the telecommunication environment has undergone considerable changes under the"),
    (72, 180, 12, "influence of advances in technology;"),
    (72, 196, 12, "b) that new services hold great promise,"),
    (72, 212, 12, "resolves"),
    (72, 228, 12, "1 to hold the sixth forum in 2026."),
    (300, 760, 9, "- 1 -"),
]


def test_a_pdf_with_a_text_layer_reads_as_the_resolution_it_holds(tmp_path: Path) -> None:
    """Lines are rebuilt into paragraphs, the running header and page number dropped, and the parse is right."""
    second = [RESOLUTION[0], (72, 100, 12, "2 to invite Member States to take part."), (300, 760, 9, "- 2 -")]
    path = tmp_path / "res2.pdf"
    path.write_bytes(make_pdf([RESOLUTION, second]))
    pdf = resdiff.read_pdf(path)
    assert pdf.pages == 2 and pdf.removed == ("PP-26 - Res. 2", "- 1 -", "- 2 -")
    assert pdf.text.splitlines() == [
        "RESOLUTION 2 (Rev. Doha, 2026)",
        "World telecommunication policy forum",
        "The Plenipotentiary Conference of the International Telecommunication Union (Doha, 2026),",
        "considering",
        "a) that the telecommunication environment has undergone considerable changes under the influence of"
        " advances in technology;",
        "b) that new services hold great promise,",
        "resolves",
        "1 to hold the sixth forum in 2026.",
        "2 to invite Member States to take part.",
    ]
    doc = resdiff.parse(pdf.text)
    assert doc.heading is not None and [len(s.items) for s in doc.sections] == [2, 2]
    assert resdiff.read_document(path) == pdf.text
    assert resdiff.read_pdf(path.read_bytes()).text == pdf.text


def test_the_file_name_chooses_the_pdf_reader(tmp_path: Path) -> None:
    """``.pdf`` in any case is read as PDF; a PDF named ``.txt`` is refused as binary, as it always was."""
    upper = tmp_path / "RES2.PDF"
    upper.write_bytes(make_pdf([RESOLUTION]))
    assert "RESOLUTION 2 (Rev. Doha, 2026)" in resdiff.read_document(upper).splitlines()
    named = tmp_path / "res2.txt"
    named.write_bytes(upper.read_bytes())
    with pytest.raises(resdiff.BinaryInputError, match="PDF document"):
        resdiff.read_document(named)


def test_reading_a_pdf_does_not_load_pdfium_before_it_is_needed() -> None:
    """Importing resdiff and its PDF module loads no PDFium; reading a PDF does."""
    code = "import sys, resdiff, resdiff._io.pdf; print('pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", make_pdf([[], []], image=True), "has no text layer"),
        ("encrypted.pdf", make_pdf([RESOLUTION], encrypt=True), "is encrypted"),
        ("damaged.pdf", make_pdf([RESOLUTION])[:400], "damaged or not a PDF"),
        ("fake.pdf", b"considering\na) text;\n", "not a PDF file"),
    ],
)
def test_unreadable_pdfs_are_refused_in_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    """A scan, an encrypted file or a damaged one: InputError naming the file; the CLI says it in one line."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(resdiff.InputError, match=message):
        resdiff.read_pdf(path)
    for argv in (["parse", str(path)], ["diff", str(path), str(path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err and message in err


def test_pages_without_text_among_pages_with_text_are_named_in_a_warning(tmp_path: Path) -> None:
    """A scanned page inside a text PDF is reported, not silently skipped."""
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf([RESOLUTION, []]))
    with pytest.warns(resdiff.ResdiffWarning, match="no text on page 2"):
        resdiff.read_pdf(path)


def test_diff_and_parse_accept_pdf(tmp_path: Path) -> None:
    """The CLI compares two PDFs (exit 1: they differ) and shows a PDF's structure."""
    old = tmp_path / "old.pdf"
    new = tmp_path / "new.pdf"
    old.write_bytes(make_pdf([RESOLUTION]))
    changed = [line if "sixth" not in line[3] else (72, 228, 12, "1 to hold the seventh forum in 2026.")
               for line in RESOLUTION]
    new.write_bytes(make_pdf([changed]))
    out = io.StringIO()
    assert main(["diff", str(old), str(new), "-f", "wdiff"], stdout=out) == 1
    assert "[-sixth-]{+seventh+}" in out.getvalue()
    out = io.StringIO()
    assert main(["parse", str(old)], stdout=out) == 0
    assert "heading: resolution 2 (rev; Doha, 2026)" in out.getvalue()


@pytest.mark.parametrize("suffix", [".pdf", ".akn"])
def test_a_pdf_or_akn_path_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, suffix: str) -> None:
    """A link to /dev/zero or a FIFO named .pdf/.akn is refused in one line, never read without end."""
    import os

    import resdiff

    zero = tmp_path / f"zero{suffix}"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / f"fifo{suffix}"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        with pytest.raises(resdiff.InputError, match="not a regular file"):
            resdiff.read_document(path)
