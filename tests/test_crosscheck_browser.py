"""The cross-check HTML page in a real headless Chromium: DOM after load, links, console, a drawn page.

Drives Chromium the way ``test_html_browser.py`` does (``--dump-dom``,
``--screenshot``, console messages on stderr); skips when Chromium is missing,
except with CI=true.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import resdiff
from test_html_browser import assert_drawn, console_messages, run_chromium

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _text(case: str, side: str) -> str:
    return (CORPUS / case / f"{side}.txt").read_text(encoding="utf-8")


def _check(name: str) -> resdiff.CrossCheck:
    zh = resdiff.compare(_text("res68-zh", "old"), _text("res68-zh", "new"))
    en_new = _text("res68-en", "new")
    if name == "injected":
        en_new = en_new.replace("with 193 Member States", "with 194 Member States").replace(
            "–\tto foster dialogue among the parties; and\n", ""
        )
    return resdiff.crosscheck(zh, resdiff.compare(_text("res68-en", "old"), en_new))


@pytest.mark.parametrize("name", ["clean", "injected"])
def test_crosscheck_page_in_chromium(tmp_path: Path, name: str) -> None:
    """After load: one row per group, findings shaded and linked, every link resolves, clean console, ink drawn."""
    check = _check(name)
    assert len(check.findings) == (2 if name == "injected" else 0)
    page = tmp_path / "page.html"
    page.write_text(check.render("html"), encoding="utf-8")

    dumped = run_chromium(page, tmp_path / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    doc = lxml.html.document_fromstring(dumped.stdout)
    rows = doc.xpath("//tbody/tr[contains(concat(' ', @class, ' '), ' row ')]")
    assert len(rows) == len(check.rows)
    shaded = [r.get("id") for r in rows if "finding" in r.get("class")]
    assert len(shaded) == len(check.findings)
    ids = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    links = [a.get("href") for a in doc.iter("a")]
    assert all(h.startswith("#") and h[1:] in ids for h in links)
    assert [h[1:] for h in links] == shaded
    assert doc.get("lang") == "zh"
    assert [c.get("lang") for c in rows[0].xpath("./td")] == ["zh", "en"]
    noisy = console_messages(dumped.stderr)
    assert not noisy, noisy

    assert_drawn(page, tmp_path, (1400, 1600), 0.5, f"crosscheck-{name}")
