"""The compilation page in headless Chromium: rows by status, links, a clean console, a drawn page."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from test_compile import CASES, load_case
from test_html_browser import assert_drawn, console_messages, run_chromium

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", CASES)
def test_compilation_page_in_chromium(tmp_path: Path, name: str) -> None:
    """After load: one table row per provision coloured by status, one draft line per row, every link resolves."""
    _, c = load_case(name)
    page = tmp_path / "page.html"
    page.write_text(c.render("html"), encoding="utf-8")
    data = json.loads(c.render("json"))

    dumped = run_chromium(page, tmp_path / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    doc = lxml.html.document_fromstring(dumped.stdout)
    rows = doc.xpath("//table[@class='compilation']/tbody/tr")
    assert [r.get("class") for r in rows] == [f"status-{p['status'].lower()}" for p in data["provisions"]]
    assert [r.xpath("./td[@class='status']")[0].text for r in rows] == [p["status"] for p in data["provisions"]]
    assert all(len(r.xpath("./td")) == 3 + len(data["proposals"]) for r in rows)
    header = [th.text for th in doc.xpath("//table[@class='compilation']/thead/tr/th")]
    assert header == ["status", "provision", "BASE", *[p["name"] for p in data["proposals"]]]
    lines = doc.xpath("//section[@id='merged']/p")
    assert [p.get("data-row") for p in lines] == data["draft"]
    conflicts = doc.xpath("//section[@id='merged']//span[@class='conflict']")
    assert len(conflicts) == sum(1 for p in data["provisions"] for piece in p["merged"] if piece["op"] == "conflict")
    ids = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    links = [a.get("href") for a in doc.iter("a")]
    assert all(h.startswith("#") and h[1:] in ids for h in links)
    assert doc.get("lang") == data["base"]["lang"]
    noisy = console_messages(dumped.stderr)
    assert not noisy, noisy

    assert_drawn(page, tmp_path, (1400, 1800), 0.6, f"compile-{name}")
