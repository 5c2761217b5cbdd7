"""`resdiff compile`: names, formats, exit status, the stderr summary and one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from resdiff._cli import main

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "corpus" / "compile-res2-en"
ZH = ROOT / "corpus" / "compile-res2-zh"
BASE = "resolves\n1\tto act;\n2\tto report;\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["compile", *argv], stdout=out), out.getvalue()


def test_names_come_from_the_proposal_id_else_the_file_stem(capsys):
    """ECP.txt's wrapper names it ECP, APT.txt is named by its stem; the summary counts conflicts first."""
    code, out = run(str(EN / "base.txt"), str(EN / "ECP.txt"), str(EN / "APT.txt"), str(EN / "RCC.txt"), "-f", "json")
    data = json.loads(out)
    assert code == 1
    assert [p["name"] for p in data["proposals"]] == ["ECP", "APT", "RCC"]
    assert data["proposals"][0]["proposal_id"] == "ECP/12A2/1"
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "resdiff: compiled 3 proposals on 52 provisions: 2 conflicts (25 unchanged, 20 single, 4 agreed, 1 compatible)"
    ]


def test_word_proposal_is_named_by_its_id_and_checked_against_base(capsys):
    """A tracked .docx is named from its proposal line and its old side is reported when it is not BASE."""
    code, out = run(str(ZH / "base.txt"), str(ZH / "IAP.docx"), str(ZH / "ARB.txt"), "-f", "json")
    data = json.loads(out)
    assert code == 1
    iap = data["proposals"][0]
    assert iap["name"] == "IAP" and iap["base_matches"] is False and len(iap["base_mismatches"]) == 24
    assert data["proposals"][1]["base_matches"] is None
    assert capsys.readouterr().err.rstrip().endswith("; not built on BASE: IAP (24 differ)")


def test_name_options_name_the_proposals_in_order(tmp_path):
    """--name, once per proposal, overrides the derived names."""
    base = tmp_path / "b.txt"
    base.write_text(BASE)
    argv = [str(base), str(EN / "APT.txt"), str(EN / "RCC.txt"), "--name", "Arab States", "--name", "RCC"]
    code, out = run(*argv, "-f", "json")
    assert code == 1
    assert [p["name"] for p in json.loads(out)["proposals"]] == ["Arab States", "RCC"]


def test_same_derived_name_twice_is_made_unique(tmp_path):
    """Two inputs that derive the same name get ECP and ECP-2."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "ECP.txt").write_text(BASE)
    (b / "ECP.txt").write_text(BASE.replace("act", "act now"))
    code, out = run(str(a / "ECP.txt"), str(a / "ECP.txt"), str(b / "ECP.txt"), "-f", "json")
    assert [p["name"] for p in json.loads(out)["proposals"]] == ["ECP", "ECP-2"]
    assert code == 1


def test_no_change_exits_zero(tmp_path, capsys):
    """Proposals that change nothing exit 0, as diff(1) does for equal files."""
    base = tmp_path / "b.txt"
    base.write_text(BASE)
    code, out = run(str(base), str(base))
    assert code == 0 and "provisions 3: UNCHANGED 3" in out
    assert "0 conflicts" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "wdiff"])
def test_every_text_format_renders(fmt):
    """Every text format writes its output to standard output."""
    code, out = run(str(EN / "base.txt"), str(EN / "ECP.txt"), str(EN / "APT.txt"), "-f", fmt)
    assert code == 1 and out


def test_docx_goes_to_a_file(tmp_path):
    """-f docx writes a Word file with -o and nothing to standard output."""
    target = tmp_path / "merged.docx"
    code, out = run(str(EN / "base.txt"), str(EN / "ECP.txt"), "-f", "docx", "-o", str(target), "--date", "2026-01-01")
    assert code == 1 and out == "" and target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope.txt", "x.txt"], "nope.txt: no such file"),
        ([str(EN / "base.txt"), str(EN / "ECP.txt"), "--name", "A", "--name", "B"], "--name given 2 times"),
        ([str(EN / "base.txt"), str(EN / "ECP.txt"), str(EN / "APT.txt"), "--name", "A", "--name", "A"], "twice"),
        ([str(EN / "base.txt"), str(EN / "ECP.txt"), "--name", "BASE"], "reserved"),
        ([str(EN / "base.txt"), str(EN / "ECP.txt"), "-f", "docx"], "needs -o"),
        (["-", "-"], "standard input"),
        ([str(EN / "base.txt"), str(EN / "ECP.txt"), "--date", "soon", "-f", "docx", "-o", "x.docx"], "ISO 8601"),
        ([str(EN / "base.txt")], "the following arguments are required"),
    ],
)
def test_trouble_is_one_line_and_exit_two(argv, message, capsys):
    """Bad input exits 2 with one line on stderr naming the problem."""
    code, out = run(*argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and out == ""
    assert len(err) == 1 and err[0].startswith("resdiff: ") and message in err[0], err


def test_stdin_can_be_the_base(monkeypatch, tmp_path):
    """'-' reads BASE from standard input."""
    import sys

    prop = tmp_path / "ECP.txt"
    prop.write_text(BASE.replace("act", "act now"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BASE.encode())))
    code, out = run("-", str(prop), "-f", "wdiff")
    assert code == 1 and out.splitlines()[1] == "1\tto act{+ now+};"


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "yesterday"])
def test_a_date_word_cannot_write_is_one_line_exit_2(tmp_path: Path, capsys, date: str) -> None:
    """compile --date reads dates as diff does: out of range once in UTC, or not ISO 8601, is one line, exit 2."""
    base = tmp_path / "base.txt"
    base.write_text(BASE, encoding="utf-8")
    (tmp_path / "ECP.txt").write_text(BASE.replace("act", "act now"), encoding="utf-8")
    code, _ = run(str(base), str(tmp_path / "ECP.txt"), "-f", "docx", "-o", str(tmp_path / "out.docx"), "--date", date)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--date" in err[0] and "internal error" not in err[0], err
    assert not (tmp_path / "out.docx").exists()
