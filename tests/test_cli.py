"""The command line: exit codes as diff(1), one-line errors, outputs written whole."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import resdiff
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
        (["frobnicate"], "neither a command"),
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



# ---------------------------------------------------------------- the first ten minutes


def test_the_command_may_be_left_out_for_two_files() -> None:
    """'resdiff OLD NEW' is 'resdiff diff OLD NEW': same exit status, same output."""
    assert run(OLD, NEW, "-f", "wdiff") == run("diff", OLD, NEW, "-f", "wdiff")


@pytest.mark.parametrize(
    ("first", "needle"),
    [("corpus", "is a folder; to compare two folders: resdiff batch"), ("no-such-file.txt", "neither a command")],
)
def test_a_first_word_that_is_neither_command_nor_file_says_what_to_do(
    first: str, needle: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder suggests batch; a word that is no command and no file says so; both exit 2 in one line."""
    monkeypatch.chdir(ROOT)
    code, _ = run(first, NEW)
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and needle in err


def _zip_names(path: Path) -> set[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return set(z.namelist())


@pytest.mark.parametrize(
    ("name", "looks_right"),
    [
        ("out.docx", lambda p: "word/document.xml" in _zip_names(p)),
        ("out.html", lambda p: p.read_text("utf-8").startswith("<!DOCTYPE html>")),
        ("OUT.HTM", lambda p: p.read_text("utf-8").startswith("<!DOCTYPE html>")),
        ("out.json", lambda p: json.loads(p.read_text("utf-8"))["symbol"] == "MOD"),
        ("out.md", lambda p: "<del>" in p.read_text("utf-8") or "<ins>" in p.read_text("utf-8")),
        ("out.txt", lambda p: p.read_text("utf-8").startswith("MOD ")),
        ("out.diff", lambda p: p.read_text("utf-8").startswith("MOD ")),
    ],
)
def test_without_f_the_format_follows_the_output_name(
    tmp_path: Path, name: str, looks_right: Callable[[Path], bool]
) -> None:
    """-o out.docx, .html/.htm, .json, .md write that format; .txt and unknown names get the text format."""
    target = tmp_path / name
    code, out = run("diff", OLD, NEW, "-o", str(target))
    assert (code, out) == (1, "")
    assert looks_right(target)


def test_text_to_a_txt_file_equals_text_on_a_pipe(tmp_path: Path) -> None:
    """-o x.txt writes exactly what -f text prints (no colours in either)."""
    run("diff", OLD, NEW, "-o", str(tmp_path / "x.txt"))
    assert (tmp_path / "x.txt").read_text("utf-8") == run("diff", OLD, NEW, "-f", "text")[1]


@pytest.mark.parametrize(
    "argv",
    [["diff", OLD, NEW, "-f", "json"], ["diff", OLD, NEW, "-f", "text"], ["parse", OLD, "-f", "outline"]],
    ids=["json-into-html", "text-into-docx", "outline-into-json"],
)
def test_a_format_that_contradicts_the_output_name_is_refused(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """-f json -o x.html (and the like) exits 2 with one line, and writes nothing."""
    target = tmp_path / ("x" + {"json": ".html", "text": ".docx", "outline": ".json"}[argv[-1]])
    code, _ = run(*argv, "-o", str(target))
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and "contradicts the output name" in err
    assert list(tmp_path.iterdir()) == []


def test_wdiff_into_a_txt_file_is_no_contradiction(tmp_path: Path) -> None:
    """wdiff is text: -f wdiff -o x.txt writes wdiff."""
    code, _ = run("diff", OLD, NEW, "-f", "wdiff", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and (tmp_path / "x.txt").read_text("utf-8") == run("diff", OLD, NEW, "-f", "wdiff")[1]


def test_parse_json_follows_the_output_name(tmp_path: Path) -> None:
    """parse -o x.json writes JSON without -f json."""
    code, _ = run("parse", OLD, "-o", str(tmp_path / "x.json"))
    assert code == 0 and json.loads((tmp_path / "x.json").read_text("utf-8"))["heading"]["number"] == "68"


def test_every_option_and_argument_has_help() -> None:
    """Each option and positional argument of diff, parse, extract and batch says what it is for."""
    import argparse

    from resdiff._cli import _build_parser

    parser = _build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"diff", "parse", "extract", "batch"} <= set(commands.choices)
    missing = [
        f"{name} {action.dest}"
        for name in ("diff", "parse", "extract", "batch")
        for action in commands.choices[name]._actions
        if not action.help
    ]
    assert missing == []


def test_diff_help_states_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """resdiff diff --help explains exit status 0, 1 and 2."""
    assert run("diff", "--help")[0] == 0
    out = capsys.readouterr().out
    assert "exit status" in out
    for line in ("0  no differences", "1  differences", "2  trouble"):
        assert line in out


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        (["--side-by-side", "-f", "text"], "--side-by-side applies to -f html only; ignored for -f text"),
        (["--markdown-style", "markup", "-f", "html"], "--markdown-style applies to -f markdown only"),
        (["--date", "2024-01-01", "-f", "wdiff"], "--date applies to -f docx only"),
        (["--color", "always", "-f", "json"], "--color applies to -f text only"),
    ],
)
def test_an_option_the_format_ignores_is_a_warning(
    options: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option the chosen format does not read is named in one warning line; the output is as without it."""
    code, out = run("diff", OLD, NEW, *options)
    err = capsys.readouterr().err
    assert code == 1
    (warned,) = [line for line in err.splitlines() if "applies to" in line]
    assert warned.startswith(f"resdiff: warning: {needle}")
    fmt = options[options.index("-f") + 1]
    assert out == run("diff", OLD, NEW, "-f", fmt)[1]


def test_an_option_for_the_chosen_format_is_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """--side-by-side with -f html warns about nothing."""
    code, out = run("diff", OLD, NEW, "-f", "html", "--side-by-side")
    assert code == 1 and 'class="side-by-side"' in out
    assert "applies to" not in capsys.readouterr().err


def test_each_side_can_have_its_own_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--old-encoding and --new-encoding decode each side with its own codec; --encoding alone cannot."""
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old_text = "considering\na)\tthe café noir served at every meeting of the group;\n"
    new_text = "considering\na)\tthe café au lait served at every meeting of the group (考虑到);\n"
    old.write_bytes(old_text.encode("cp1252"))  # not UTF-8, but valid GB18030: detection would guess wrong
    new.write_bytes(new_text.encode("utf-16"))
    code, out = run("diff", str(old), str(new), "-f", "wdiff", "--old-encoding", "cp1252", "--new-encoding", "utf-16")
    assert code == 1
    assert out == resdiff.render(resdiff.compare(old_text, new_text), "wdiff")
    assert "café [-noir-]{+au lait+}" in out
    assert capsys.readouterr().err == ""
    code, out = run("diff", str(old), str(new), "-f", "wdiff", "--encoding", "cp1252", "--new-encoding", "utf-16")
    assert code == 1 and "café" in out


def test_no_structure_warning_is_printed_once(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """On a terminal the 'no resolution structure' warning shows once: in the text output, not again on stderr."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("hello world\nsecond para\n", encoding="utf-8")
    b.write_text("hello there world\nsecond para\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "resdiff", "diff", str(a), str(b)], capture_output=True, text=True, timeout=60
    )
    both = proc.stdout + proc.stderr
    assert proc.returncode == 1
    for name in ("a.txt", "b.txt"):
        assert both.count(f"{name}: no resolution structure found") == 1, both
    argv = [sys.executable, "-m", "resdiff", "diff", str(a), str(b), "-f", "json"]
    json_run = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert json_run.stderr.count("no resolution structure found") == 2  # JSON is for programs: stderr tells people


@pytest.mark.parametrize(
    ("date", "needle"),
    [
        ("99999-01-01", "is not an ISO 8601 date in years 1-9999"),
        ("9999-12-31T23:59:59-05:00", "is out of range: in UTC it falls outside years 1-9999"),
        ("0001-01-01T00:00:00+05:00", "is out of range"),
        ("2024-13-01", "is not an ISO 8601 date"),
    ],
)
def test_a_date_out_of_range_is_one_line(
    tmp_path: Path, date: str, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--date that Python cannot hold, or that leaves years 1-9999 in UTC, exits 2 naming it; no internal error."""
    code, _ = run("diff", OLD, NEW, "-f", "docx", "-o", str(tmp_path / "x.docx"), "--date", date)
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and needle in err and "internal error" not in err
    assert not (tmp_path / "x.docx").exists()


def test_an_encoding_that_yields_lone_surrogates_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--encoding utf-7 on '+2AA-' (a lone surrogate) exits 2 naming the file, never an internal error."""
    bad = tmp_path / "u7.txt"
    bad.write_bytes(b"+2AA-considering\n")
    for fmt in ("wdiff", "json", "html", "text"):
        code, _ = run("diff", str(bad), NEW, "--encoding", "utf-7", "-f", fmt)
        err = capsys.readouterr().err
        assert code == 2 and err.startswith(f"resdiff: {bad}: decoding as utf-7 gives a lone surrogate (U+D800)"), err
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("option", "value"), [("--jobs", "0"), ("--jobs", "two"), ("--timeout", "-1"), ("--timeout", "soon")]
)
def test_batch_numbers_are_checked(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jobs below 1 and a negative or non-numeric --timeout are usage errors (exit 2, one line)."""
    code, _ = run("batch", str(tmp_path), str(tmp_path), "-o", str(tmp_path / "out"), option, value)
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and option in err


def test_batch_summary_names_the_failed_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The stdout line says how many pairs were compared and how many failed, and where the index is."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for n in (1, 2):
        (old / f"res{n}.txt").write_text(Path(OLD).read_text("utf-8"), encoding="utf-8")
    (new / "res1.txt").write_text(Path(NEW).read_text("utf-8"), encoding="utf-8")
    (new / "res2.txt").write_bytes(b"%PDF-1.7\n")
    code, out = run("batch", str(old), str(new), "-o", str(tmp_path / "out"), "-f", "wdiff", "--timeout", "0")
    assert code == 2
    assert out == f"2 pairs compared, 1 failed; index in {tmp_path / 'out' / 'index.html'}\n"


def test_help_shows_defaults_as_the_values_to_type(capsys: pytest.CaptureFixture[str]) -> None:
    """Defaults in diff --help read as option values ('tracked'), never as enum names ('Marks.TRACKED')."""
    run("diff", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: tracked)" in out and "(default: html)" in out
    assert "Marks." not in out and "MarkdownStyle." not in out
