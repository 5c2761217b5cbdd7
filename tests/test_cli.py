"""The command line: exit codes as diff(1), one-line errors, outputs written whole."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff._cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
OLD = str(CORPUS / "res68-zh" / "old.txt")
NEW = str(CORPUS / "res68-zh" / "new.txt")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), stdout=out), out.getvalue()


def test_differences_exit_1_and_print_wdiff() -> None:
    """Two different versions exit 1 and print one marked paragraph per line."""
    code, out = run("diff", OLD, NEW, "--format", "wdiff")
    assert code == 1
    assert out.splitlines()[0] == "第68号决议（[-2016年，哈马马特-]{+2024年，新德里+}，修订版）"


def test_identical_exit_0() -> None:
    """The same file twice exits 0."""
    code, _ = run("diff", OLD, OLD, "--format", "wdiff")
    assert code == 0


def test_wdiff_has_one_line_per_paragraph_of_the_new_text_plus_deletions() -> None:
    """wdiff lines = new paragraphs + wholly suppressed old paragraphs; marks never span lines."""
    code, out = run("diff", OLD, NEW, "-f", "wdiff")
    assert code == 1
    lines = out.splitlines()
    new_paras = [line for line in Path(NEW).read_text("utf-8").splitlines() if line.strip()]
    sup = [line for line in lines if line.startswith("[-") and line.endswith("-]") and "{+" not in line]
    assert len(lines) == len(new_paras) + len(sup)
    for line in lines:
        assert line.count("[-") == line.count("-]") and line.count("{+") == line.count("+}")


def test_json_output_validates_against_the_schema() -> None:
    """--format json matches the published JSON Schema."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src/resdiff/schema/comparison.schema.json").read_text())
    code, out = run("diff", OLD, NEW, "-f", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert data["symbol"] == "MOD"
    deleted = {"op": "delete", "text": "2016年，哈马马特", "old": [7, 17], "new": None}
    assert data["changes"][0]["segments"][1] == deleted


def test_output_file_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads standard input and -o writes the file instead of stdout."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(OLD).read_bytes())))
    target = tmp_path / "out.txt"
    code, out = run("diff", "-", NEW, "-f", "wdiff", "-o", str(target))
    assert code == 1 and out == ""
    assert target.read_text("utf-8").startswith("第68号决议（[-2016年")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["diff", "missing.txt", NEW], "missing.txt"),
        (["diff", OLD], "one file given"),
        (["diff", OLD, NEW, "--format", "nope"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "a command is needed"),
        (["diff", OLD, NEW, "-f", "docx"], "needs -o FILE"),
    ],
)
def test_trouble_is_one_line_and_exit_2(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Usage and input mistakes exit 2 with one line on stderr that says what is wrong."""
    code, _ = run(*argv)
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err


def test_parse_outline_and_json() -> None:
    """resdiff parse shows sections with their canonical kinds."""
    code, out = run("parse", str(CORPUS / "seeds" / "ecp-res68-zh.txt"))
    assert code == 0 and "proposal_1" in out and "recognizing" in out
    code, out = run("parse", OLD, "-f", "json")
    data = json.loads(out)
    assert data["heading"]["number"] == "68"
    assert {b["role"] for b in data["blocks"]} >= {"heading", "title", "section", "item"}


def test_python_dash_m_runs_without_traceback() -> None:
    """python -m resdiff works and a missing file gives one line, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "resdiff", "diff", "nope.txt", NEW], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "resdiff: nope.txt: no such file"


def test_html_title_option_is_escaped() -> None:
    """--title sets the HTML page title, escaped."""
    code, out = run("diff", OLD, NEW, "-f", "html", "--title", "R68 <draft>")
    assert code == 1
    assert "<title>R68 &lt;draft&gt;</title>" in out


def test_json_has_one_change_per_line() -> None:
    """Each change of the JSON output is one line that parses on its own."""
    code, out = run("diff", OLD, NEW, "-f", "json")
    assert code == 1
    data = json.loads(out)
    lines = out.splitlines()
    start = lines.index('  "changes": [') + 1
    change_lines = lines[start : start + len(data["changes"])]
    assert [json.loads(line.rstrip(",")) for line in change_lines] == data["changes"]


@pytest.mark.parametrize("command", [["parse"], ["extract"]])
def test_parse_and_extract_report_a_guessed_encoding_in_one_line(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """parse and extract report a guessed encoding as one 'resdiff: warning:' line, as diff does."""
    source = tmp_path / "gb.txt"
    source.write_bytes(Path(OLD).read_text("utf-8").encode("gb18030"))
    code, out = run(*command, str(source))
    err = capsys.readouterr().err
    assert code == 0 and out
    warned = [line for line in err.splitlines() if "GB18030" in line]
    assert len(warned) == 1 and warned[0].startswith("resdiff: warning: "), err
