"""Whole compilations: split into statements, batch over a compilation file, diff refusing two compilations."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import resdiff
from resdiff._cli import main

ROOT = Path(__file__).resolve().parents[1]
FINAL_ACTS = ROOT / ".." / "shared" / "corpora" / "akn4itu" / "pp18_final_acts_akn.xml"

RES1 = "RESOLUTION 1 (Rev. Dubai, 2018)\nRules of procedure\nresolves\n1\tto adopt the rules;\n"
RES2 = "RESOLUTION 2 (Rev. Dubai, 2018)\nForum\nresolves\n1\tto hold the forum;\n"
DEC5 = "DECISION 5 (Rev. Dubai, 2018)\nRevenue\ndecides\n1\tthat the unit stays;\n"
COMPILATION = "FINAL ACTS\nContents\n" + RES1 + "\n" + DEC5 + RES2


def test_a_compilation_splits_at_its_headings_into_keyed_parts() -> None:
    """One part per statement from its heading line, keyed as batch pairs files, plus the front matter."""
    parts = resdiff.split_text(COMPILATION)
    assert [p.key for p in parts] == ["front", "resolution-1", "decision-5", "resolution-2"]
    assert [p.front for p in parts] == [True, False, False, False]
    assert parts[0].text == "FINAL ACTS\nContents\n"
    assert parts[1].text == RES1 + "\n" and parts[2].text == DEC5 and parts[3].text == RES2
    assert "".join(p.text for p in parts) == COMPILATION
    assert all(COMPILATION[p.span.start : p.span.end] == p.text for p in parts)
    assert [resdiff.file_key(p.heading) for p in parts[1:]] == [p.key for p in parts[1:]]


def test_repeated_keys_are_numbered_and_a_text_without_headings_is_one_part() -> None:
    """Two versions of one resolution get -2; a text with no heading is all front matter."""
    assert [p.key for p in resdiff.split_text(RES2 + RES2)] == ["resolution-2", "resolution-2-2"]
    assert [p.key for p in resdiff.split_text("considering\na)\ttext;\n")] == ["front"]
    assert resdiff.split_text("") == ()


def test_a_letter_with_annexed_statements_is_not_a_compilation() -> None:
    """Resolutions annexed to a letter (``附件A`` then the heading) split, but do not make the letter a compilation."""
    text = (ROOT / "corpus" / "seeds" / "pp-res2-dec641-zh.txt").read_text(encoding="utf-8")
    assert resdiff.statement_count(resdiff.parse(text)) == 0
    assert [p.key for p in resdiff.split_text(text)] == ["front", "resolution-2", "decision-641"]


def test_a_proposal_document_is_not_a_compilation() -> None:
    """The heading of a proposal (after its symbol and ID line) does not split the document."""
    text = (ROOT / "corpus" / "seeds" / "ecp-res68-zh.txt").read_text(encoding="utf-8")
    assert resdiff.statement_count(resdiff.parse(text)) == 0
    assert [p.key for p in resdiff.split_text(text)] == ["front"]


def test_the_final_acts_split_into_64_statements() -> None:
    """The PP-18 Final Acts in Akoma Ntoso give 61 resolutions, 2 decisions and 1 recommendation."""
    if not FINAL_ACTS.exists():
        pytest.skip("../shared/corpora/akn4itu is not here")
    parts = resdiff.split_text(resdiff.read_document(FINAL_ACTS))
    statements = [p for p in parts if not p.front]
    assert len(statements) == 64 and len({p.key for p in statements}) == 64
    kinds = [p.key.split("-")[0] for p in statements]
    assert (kinds.count("resolution"), kinds.count("decision"), kinds.count("recommendation")) == (61, 2, 1)
    assert statements[0].key == "decision-5" and "resolution-2" in {p.key for p in statements}


def test_split_writes_one_file_per_statement(tmp_path: Path) -> None:
    """``resdiff split FILE -o DIR`` writes <key>.txt per statement and front.txt, and says how many."""
    source = tmp_path / "final-acts.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    out = io.StringIO()
    assert main(["split", str(source), "-o", str(tmp_path / "parts")], stdout=out) == 0
    assert out.getvalue() == f"3 statements and the front matter written to {tmp_path / 'parts'}\n"
    names = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert names == ["decision-5.txt", "front.txt", "resolution-1.txt", "resolution-2.txt"]
    assert (tmp_path / "parts" / "resolution-2.txt").read_text(encoding="utf-8") == RES2


def test_split_needs_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o, split stops with one line and exit 2."""
    source = tmp_path / "final-acts.txt"
    source.write_text(COMPILATION, encoding="utf-8")
    assert main(["split", str(source)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_split_reads_a_pdf_compilation(tmp_path: Path) -> None:
    """A compilation PDF splits like its text."""
    pytest.importorskip("pypdfium2")
    from test_pdf_read import make_pdf

    pages, y = [[]], 72.0
    for line in COMPILATION.splitlines():
        if line.strip():
            pages[-1].append((72.0, y, 12.0, line.replace("\t", " ")))
            y += 16
        if line.startswith(("DECISION", "RESOLUTION 2")):  # a statement per page
            pages[-1].pop()
            pages.append([(72.0, 72.0, 12.0, line)])
            y = 88.0
    source = tmp_path / "final-acts.pdf"
    source.write_bytes(make_pdf(pages))
    assert main(["split", str(source), "-o", str(tmp_path / "parts")], stdout=io.StringIO()) == 0
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == [
        "decision-5.txt", "front.txt", "resolution-1.txt", "resolution-2.txt"
    ]  # fmt: skip


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_batch_takes_a_compilation_file_on_either_side(tmp_path: Path) -> None:
    """A compilation in place of a folder is split and its statements paired with the folder's files."""
    old = tmp_path / "final-acts.txt"
    old.write_text(COMPILATION, encoding="utf-8")
    new = _folder(tmp_path / "new", {
        "Res 1.txt": RES1, "Res 2.txt": RES2.replace("hold the forum", "hold the seventh forum"), "dec5.txt": DEC5,
    })  # fmt: skip
    out = tmp_path / "out"
    assert main(["batch", str(old), str(new), "-o", str(out), "-f", "json", "--jobs", "1"], stdout=io.StringIO()) == 1
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert {p["name"]: p["symbol"] for p in index["pairs"]} == {
        "decision-5": "NOC", "resolution-1": "NOC", "resolution-2": "MOD"
    }  # fmt: skip
    assert index["unmatched_old"] == [] and index["unmatched_new"] == []
    assert sorted(p.name for p in (out / "old-parts").iterdir()) == ["decision-5.txt", "resolution-1.txt",
                                                                     "resolution-2.txt"]  # fmt: skip
    # both sides compilations, the parts folder rewritten
    (tmp_path / "new.txt").write_text(COMPILATION.replace(DEC5, ""), encoding="utf-8")
    assert main(["batch", str(old), str(tmp_path / "new.txt"), "-o", str(out), "-f", "json", "--jobs", "1"],
                stdout=io.StringIO()) == 0  # fmt: skip
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in index["pairs"]] == ["resolution-1", "resolution-2"]
    assert index["unmatched_old"] == ["decision-5.txt"]


def test_diff_refuses_two_compilations_and_points_to_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two compilations are compared statement by statement: diff says so in one line, exit 2."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(COMPILATION, encoding="utf-8")
    new.write_text(COMPILATION.replace("the forum", "the seventh forum"), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "are compilations (3 and 3 statements)" in err and "resdiff batch" in err
    # one compilation against one resolution is still a diff
    single = tmp_path / "res2.txt"
    single.write_text(RES2, encoding="utf-8")
    assert main(["diff", str(old), str(single)], stdout=io.StringIO()) == 1
