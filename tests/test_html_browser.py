"""The HTML pages in a real headless Chromium: DOM after load, links, console errors, a non-blank screenshot.

No DevTools client is needed: ``chromium --headless --dump-dom`` prints the DOM
after load, ``--screenshot`` writes a PNG that is decoded here with zlib/struct,
and ``--enable-logging=stderr`` puts console messages (and uncaught errors) on
stderr. Skips when Chromium is missing, except with CI=true, where it fails.
Set RESDIFF_SCREENSHOTS=<dir> to keep the screenshots (docs/img/ is made so).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import lxml.html
import pytest

import _render_fixtures as fx
from resdiff._model import EditOp
from resdiff._render import RenderOptions
from resdiff._render import _common as common
from resdiff._render import html as html_render

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TIMEOUT = 90  # seconds per Chromium run; a cold start on a loaded CI box takes a few


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is required in CI (scripts/system-deps.sh installs it)")
    pytest.skip("Chromium not installed")


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless Chromium run on a local file, isolated in its own profile, with a timeout."""
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def console_messages(stderr: str) -> list[str]:
    """Console output and uncaught errors in Chromium's log ("INFO:CONSOLE:1] "Uncaught …"")."""
    return [ln for ln in stderr.splitlines() if "Uncaught" in ln or ":CONSOLE" in ln or "CONSOLE(" in ln]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows of pixel bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 2:  # "Up", the commonest filter: whole-row addition, no per-byte branching
            line = bytearray(map(lambda u, v: (u + v) & 0xFF, line, prev))
            f = 0
        for i in range(stride if f else 0):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def ink_stats(data: bytes) -> tuple[float, float, int]:
    """(share of non-white pixels, luminance variance, distinct colours) over a sample of pixels."""
    width, _, rows = png_pixels(data)
    bpp = len(rows[0]) // width
    lum, colours = [], set()
    for row in rows[::3]:
        for x in range(0, width, 3):
            r, g, b = row[x * bpp : x * bpp + 3]
            lum.append((299 * r + 587 * g + 114 * b) / 1000)
            colours.add((r, g, b))
    mean = sum(lum) / len(lum)
    ink = sum(1 for v in lum if v < 200) / len(lum)
    return ink, sum((v - mean) ** 2 for v in lum) / len(lum), len(colours)


CASES = (["res68-zh"] if (CORPUS / "res68-zh" / "new.txt").exists() else []) + ["fixture-zh", "fixture-en"]


def assert_drawn(page: Path, tmp_path: Path, size: tuple[int, int], max_ink: float, keep_as: str) -> None:
    """Chromium screenshots *page* at *size*: the picture has that size and looks like a drawn page
    (some ink, not a solid block, many colours); RESDIFF_SCREENSHOTS=DIR keeps it as DIR/<keep_as>.png."""
    shot = tmp_path / "shot.png"
    result = run_chromium(page, tmp_path / "profile-shot", f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}")
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert png_pixels(data)[:2] == size
    ink, variance, colours = ink_stats(data)
    assert 0.005 < ink < max_ink, f"page looks blank or solid: ink {ink:.4f}"
    assert variance > 100 and colours > 20, (variance, colours)
    keep = os.environ.get("RESDIFF_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(keep) / f"{keep_as}.png")


def _case(name: str):
    """(comparison, proposal ID) for a case; the corpus one goes through the real compare."""
    if name == "fixture-zh":
        return fx.chinese(), "ECP/38A23/1"
    if name == "fixture-en":
        return fx.english(), ""
    from resdiff import compare

    pair = CORPUS / name
    old = (pair / "old.txt").read_text(encoding="utf-8")
    new = (pair / "new.txt").read_text(encoding="utf-8")
    return compare(old, new), "ECP/38A23/1"


@pytest.mark.parametrize("side_by_side", [False, True], ids=["marked", "side-by-side"])
@pytest.mark.parametrize("name", CASES)
def test_page_in_chromium(tmp_path, name, side_by_side):
    """After load the DOM has one <ins>/<del> per run, every link resolves, the console is clean, the page is drawn."""
    cmp, pid = _case(name)
    page = tmp_path / "page.html"
    text = html_render.render(cmp, RenderOptions(side_by_side=side_by_side, proposal_id=pid))
    page.write_text(text, encoding="utf-8")

    dumped = run_chromium(page, tmp_path / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    doc = lxml.html.document_fromstring(dumped.stdout)
    main = doc.xpath("//main")[0]
    runs = [(s.op, s.text) for c in cmp.changes for s in common.clause_segments(cmp, c) if s.text]
    assert len(main.xpath(".//ins[not(@class='cont')]")) == sum(op is EditOp.INSERT for op, _ in runs)
    assert len(main.xpath(".//del[not(@class='cont')]")) == sum(op is EditOp.DELETE for op, _ in runs)
    assert main.xpath(".//ins") and main.xpath(".//del")
    ids = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    links = [a.get("href") for a in doc.iter("a")]
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    assert doc.get("lang") == cmp.new.lang.value
    noisy = console_messages(dumped.stderr)
    assert not noisy, noisy

    assert_drawn(page, tmp_path, (1200, 1600), 0.5, f"{name}{'-side-by-side' if side_by_side else ''}")


def test_console_errors_are_seen(tmp_path):
    """The console check can fail: a page with a throwing script shows up on stderr."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction()</script></body></html>")
    result = run_chromium(page, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert any("undefinedFunction" in line for line in console_messages(result.stderr))


def test_blank_page_is_seen(tmp_path):
    """The screenshot check can fail: an empty page has no ink."""
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>")
    shot = tmp_path / "blank.png"
    run_chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=400,300")
    ink, variance, _ = ink_stats(shot.read_bytes())
    assert ink == 0 and variance == 0
