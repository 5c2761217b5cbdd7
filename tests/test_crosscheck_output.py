"""Cross-check outputs (text, JSON against its schema, HTML) and the ``resdiff crosscheck`` command."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import lxml.html
import pytest

import resdiff
from resdiff._cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCHEMA = json.loads((ROOT / "src/resdiff/schema/crosscheck.schema.json").read_text(encoding="utf-8"))


def text(case: str, side: str) -> str:
    return (CORPUS / case / f"{side}.txt").read_text(encoding="utf-8")


def cmp(case: str) -> resdiff.Comparison:
    return resdiff.compare(text(case, "old"), text(case, "new"))


# Three errors in the English Res 2: a change left out, a year, an added item left out.
BAD_EN_NEW = (
    text("res2-en", "new")
    .replace("provide at least one year of preparation", "provide sufficient preparation")
    .replace("2021 and 2026, providing", "2021 and 2025, providing")
    .replace(
        "10\tthat the participation of representatives of developing countries, in particular the least developed "
        "countries, in WTPF shall continue to be facilitated, including through a trust fund established for that "
        "purpose from voluntary contributions;\n",
        "",
    )
)


@pytest.fixture(scope="module")
def bad() -> resdiff.CrossCheck:
    return resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(text("res2-en", "old"), BAD_EN_NEW))


@pytest.fixture(scope="module")
def clean() -> resdiff.CrossCheck:
    return resdiff.crosscheck(cmp("res68-zh"), cmp("res68-en"))


# --- text ---------------------------------------------------------------------------------------


def test_text_is_one_line_per_finding_then_totals(bad: resdiff.CrossCheck) -> None:
    """Each finding is one line with kind, both ids, ops and excerpts; the last line counts them."""
    lines = bad.render("text").splitlines()
    assert len(lines) == len(bad.findings) + 1 == 4
    assert [ln.split()[0] for ln in lines[:-1]] == ["number-mismatch", "op-mismatch", "op-mismatch"]
    assert lines[0].startswith("number-mismatch    zh sec_2__item_d MOD \"…")
    assert "| en sec_2__item_d MOD " in lines[0] and "{+2025+}" in lines[0]
    assert lines[0].endswith("| inserted year 2026 in zh, year 2025 in en")
    assert "| en - (nothing) |" in lines[2]
    assert lines[-1] == "3 findings (op-mismatch 2, number-mismatch 1); 50 provisions paired, 1 unpaired"
    assert all("\t" not in ln for ln in lines)


def test_text_without_findings_says_so(clean: resdiff.CrossCheck) -> None:
    """No finding: one line saying the languages agree, with the totals."""
    assert clean.render("text") == (
        "no findings: zh and en change the same provisions the same way (54 provisions paired, 0 unpaired)\n"
    )


def test_unknown_format_is_an_input_error(clean: resdiff.CrossCheck) -> None:
    """An unknown format name is an InputError listing the formats."""
    with pytest.raises(resdiff.InputError, match="html, json, text"):
        clean.render("docx")


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["bad", "clean"])
def test_json_matches_its_schema(which: str, request: pytest.FixtureRequest) -> None:
    """The JSON output validates against crosscheck.schema.json and carries what the check found."""
    check: resdiff.CrossCheck = request.getfixturevalue(which)
    data = json.loads(check.render("json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["pairs"] == check.pairs
    assert data["counts"] == check.counts()
    assert len(data["findings"]) == len(check.findings)
    assert len(data["unpaired"]) == len(check.unpaired)


def test_json_finding_fields(bad: resdiff.CrossCheck) -> None:
    """A finding has kind, a and b (lang, id, label, op, text) and detail; a missing side has op null."""
    data = json.loads(bad.render("json"))
    first, _, last = data["findings"]
    assert first["kind"] == "number-mismatch"
    assert first["a"]["id"] == first["b"]["id"] == "sec_2__item_d"
    assert (first["a"]["lang"], first["b"]["lang"], first["a"]["op"], first["a"]["label"]) == ("zh", "en", "MOD", "d)")
    assert "2026年" in first["a"]["text"]
    assert last["b"] == {"lang": "en", "id": "", "label": "", "op": None, "editorial": False, "text": ""}
    assert data["a"]["name"] == "zh" and data["b"]["name"] == "en"


def test_schema_rejects_a_wrong_kind(bad: resdiff.CrossCheck) -> None:
    """The schema check can fail: an unknown finding kind is refused."""
    data = json.loads(bad.render("json"))
    data["findings"][0]["kind"] = "meaning-mismatch"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_outputs_are_deterministic(bad: resdiff.CrossCheck) -> None:
    """Same cross-check, same bytes, in every format; and the same for a check made again."""
    again = resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(text("res2-en", "old"), BAD_EN_NEW))
    for fmt in ("text", "json", "html"):
        assert bad.render(fmt) == bad.render(fmt) == again.render(fmt)


# --- HTML ---------------------------------------------------------------------------------------


def test_html_aligns_rows_and_links_findings(bad: resdiff.CrossCheck) -> None:
    """One row per group, both languages side by side; each finding shaded, named and linked from the top."""
    page = bad.render("html")
    doc = lxml.html.document_fromstring(page)
    rows = doc.xpath("//tbody/tr[contains(concat(' ', @class, ' '), ' row ')]")
    assert len(rows) == len(bad.rows)
    shaded = [r for r in rows if "finding" in r.get("class")]
    assert len(shaded) == len(bad.findings) == 3
    links = [a.get("href") for a in doc.xpath("//nav[@class='findings']//a")]
    assert links == ["#" + r.get("id") for r in shaded]
    notes = doc.xpath("//tr[contains(@class, 'note')]//span[@class='kind']/text()")
    assert notes == [f.kind.value for f in bad.findings]
    cells = rows[0].xpath("./td")
    assert [c.get("lang") for c in cells] == ["zh", "en"]
    assert doc.xpath("//ins[text()='2025']") and doc.xpath("//td[@class='b']//p[@class='nothing']")


def test_html_escapes_input_text() -> None:
    """Markup in the texts is shown as text, never run: no <script> element reaches the page."""
    hostile = "resolves\n1\tto act <script>alert(1)</script> & more;"
    a = resdiff.compare("resolves\n1\tto act;", hostile)
    b = resdiff.compare("resolves\n1\tto act;", "resolves\n1\tto act;")
    page = resdiff.crosscheck(a, b).render("html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert not lxml.html.document_fromstring(page).xpath("//script")


# --- the command ----------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def test_cli_four_files_clean_exits_zero() -> None:
    """The clean Res 68 pair: exit 0 and the no-findings line."""
    files = [str(CORPUS / c / f"{s}.txt") for c in ("res68-zh", "res68-en") for s in ("old", "new")]
    code, out = run("crosscheck", *files)
    assert code == 0
    assert out.startswith("no findings: zh and en")


def test_cli_findings_exit_one_and_write_json(tmp_path: Path) -> None:
    """Findings: exit 1; -f json -o FILE writes valid JSON and nothing to standard output."""
    en_new = tmp_path / "en-new.txt"
    en_new.write_text(BAD_EN_NEW, encoding="utf-8")
    target = tmp_path / "out.json"
    files = [str(CORPUS / "res2-zh/old.txt"), str(CORPUS / "res2-zh/new.txt"), str(CORPUS / "res2-en/old.txt")]
    code, out = run("crosscheck", *files, str(en_new), "-f", "json", "-o", str(target))
    assert code == 1 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["counts"] == {"op-mismatch": 2, "structure-mismatch": 0, "number-mismatch": 1, "heading-mismatch": 0}
    assert data["a"]["new_source"].endswith("res2-zh/new.txt")


def test_cli_two_word_proposals(tmp_path: Path) -> None:
    """Two .docx proposals with tracked changes, one per language: their sides are compared."""
    date = datetime(2024, 1, 1, tzinfo=timezone.utc)
    for case in ("res2-zh", "res2-en"):
        (tmp_path / f"{case}.docx").write_bytes(resdiff.render(cmp(case), "docx", resdiff.RenderOptions(date=date)))
    code, out = run("crosscheck", str(tmp_path / "res2-zh.docx"), str(tmp_path / "res2-en.docx"))
    assert (code, out.split(":")[0]) == (0, "no findings")
    bad_cmp = resdiff.compare(text("res2-en", "old"), BAD_EN_NEW)
    bad_en = resdiff.render(bad_cmp, "docx", resdiff.RenderOptions(date=date))
    (tmp_path / "bad.docx").write_bytes(bad_en)
    code, out = run("crosscheck", str(tmp_path / "res2-zh.docx"), str(tmp_path / "bad.docx"), "-f", "html")
    assert code == 1 and out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["a.txt", "b.txt", "c.txt"], "3 files given; crosscheck needs A_OLD A_NEW B_OLD B_NEW, or A.docx B.docx"),
        (["a.txt", "b.txt"], "a.txt: two files given"),
        (["missing-1.txt", "missing-2.txt", "missing-3.txt", "missing-4.txt"], "missing-1.txt"),
        (["-", "-", "c.txt", "d.txt"], "standard input can be only one"),
    ],
)
def test_cli_trouble_is_one_line_and_exit_two(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Wrong arguments or unreadable files: exit 2 and one line on standard error, no output."""
    code, out = run("crosscheck", *argv)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("resdiff: ") and message in err


def test_cli_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """-f with a format crosscheck has not: exit 2, one line."""
    code, _ = run("crosscheck", "a", "b", "c", "d", "-f", "docx")
    assert code == 2 and capsys.readouterr().err.count("\n") == 1


def test_the_example_in_the_docs_is_what_the_command_prints() -> None:
    """docs/crosscheck.md shows the real text output for its five injected errors and for the clean Res 68."""
    doc = (ROOT / "docs/crosscheck.md").read_text(encoding="utf-8")
    blocks = doc.split("```")
    shown = next(b for b in blocks if b.startswith("\nheading-mismatch")).lstrip("\n")
    en_new = (
        text("res2-en", "new")
        .replace("RESOLUTION 2 (Rev. Doha, 2026)", "RESOLUTION 2 (Rev. Doha, 2025)")
        .replace("i)\tthat national", "k)\tthat national")
        .replace("2021 and 2026, providing", "2021 and 2025, providing")
        .replace("provide at least one year of preparation", "provide sufficient preparation")
    )
    en_new = "".join(ln for ln in en_new.splitlines(keepends=True) if not ln.startswith("10\tthat the participation"))
    check = resdiff.crosscheck(cmp("res2-zh"), resdiff.compare(text("res2-en", "old"), en_new))
    assert check.render("text") == shown
    clean_line = next(b for b in blocks if "$ resdiff crosscheck corpus/res68-zh" in b).strip().splitlines()[-1]
    assert resdiff.crosscheck(cmp("res68-zh"), cmp("res68-en")).render("text") == clean_line + "\n"


def test_the_check_loads_only_when_used() -> None:
    """import resdiff and the command line's parser load neither the check nor its facts extractor."""
    import subprocess
    import sys

    code = (
        "import sys, resdiff; from resdiff._cli import _build_parser; _build_parser();"
        "print(sorted(m for m in sys.modules if m.startswith(('resdiff._crosscheck.', 'resdiff._facts'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "['resdiff._crosscheck.cli']"
