"""End to end: bad input fails cleanly, hard input works, and the invariants hold.

Three parts, as the robustness issue lists them:

* inputs that must fail cleanly through the CLI: exit 2, one stderr line naming
  the file and the problem, no traceback, nothing at ``-o``;
* inputs that must work: encodings, line endings, special spaces, astral-plane
  characters, right-to-left text, combining marks, long lines, large and
  unstructured documents, empty sides;
* properties (Hypothesis): round trip, identity, symmetry, determinism,
  escaping, lossless parse.

docs/robustness.md maps each input class to the test here that proves it.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import subprocess
import sys
import warnings
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import resdiff
from resdiff import ChangeOp, Comparison, Document, EditOp
from resdiff._cli import main
from resdiff._io import text as textio
from resdiff._render import FORMATS, RenderOptions
from strategies import resolutions, revision_pairs, sized_resolution_pair, unicode_text

SRC = Path(resdiff.__file__).resolve().parents[1]  # child processes import the resdiff this one imported
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
OPTIONS = RenderOptions(date=datetime(2024, 1, 1, tzinfo=timezone.utc))  # fixed date: reproducible docx

OLD = (
    "第68号决议（2016年，哈马马特，修订版）\n业界在ITU-T中不断演进的作用\n"
    "（2008年，约翰内斯堡；2012年，迪拜；2016年，哈马马特）\n世界电信标准化全会（2016年，哈马马特），\n"
    "考虑到\na)\t全权代表大会关于世界电信标准化全会不断演进的作用的第122号决议；\n"
    "b)\t业界的参与和参加已成为一项重要的战略目标，\n"
    "做出决议，责成电信标准化局主任\n1\t继续组织首席技术官会议；\n2\t会前征求发展中国家的意见。\n"
)
NEW = OLD.replace("2016年，哈马马特，修订版", "2024年，新德里，修订版").replace("继续组织", "继续组织和扩大")


def _segments_rebuild(cmp: Comparison) -> None:
    """Assert the round trip and the span invariants of a comparison (see the module docstring)."""
    old, new = cmp.old, cmp.new
    seen_old: list[int] = []
    seen_new: list[int] = []
    for change in cmp.changes:
        for seg in change.segments:
            assert seg.op in EditOp
            if seg.old is not None:
                assert old.text[seg.old.start : seg.old.end] == seg.text, (seg, "old span")
            if seg.new is not None:
                assert new.text[seg.new.start : seg.new.end] == seg.text, (seg, "new span")
            assert (seg.old is not None) == (seg.op is not EditOp.INSERT)
            assert (seg.new is not None) == (seg.op is not EditOp.DELETE)
        if change.old is not None:
            seen_old.append(change.old)
            rebuilt = "".join(s.text for s in change.segments if s.op is not EditOp.INSERT)
            assert rebuilt == old.blocks[change.old].text, ("old side", change)
        if change.new is not None:
            seen_new.append(change.new)
            rebuilt = "".join(s.text for s in change.segments if s.op is not EditOp.DELETE)
            assert rebuilt == new.blocks[change.new].text, ("new side", change)
    # Every block is accounted for exactly once on its side.
    assert sorted(seen_old) == list(range(len(old.blocks)))
    assert sorted(seen_new) == list(range(len(new.blocks)))
    _lossless(old)
    _lossless(new)


def _is_gap(text: str) -> bool:
    # White space between blocks; the parser also counts U+FEFF (a BOM left mid-text) as such.
    return text.replace("\ufeff", " ").strip() == ""


def _lossless(doc: Document) -> None:
    """Assert that blocks are in order, disjoint, match their spans, and only white space lies between."""
    pos = 0
    for block in doc.blocks:
        assert pos <= block.span.start <= block.span.end <= len(doc.text), block
        gap = doc.text[pos : block.span.start]
        assert _is_gap(gap), ("text lost before", block.id, gap)
        assert doc.text[block.span.start : block.span.end] == block.text
        assert block.span.start <= block.body.start <= block.body.end <= block.span.end, block
        pos = block.span.end
    assert _is_gap(doc.text[pos:]), ("text lost at the end", doc.text[pos:])
    assert not any("internal parser error" in w for w in doc.warnings), doc.warnings


def _compare(old: str, new: str) -> Comparison:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", resdiff.ResdiffWarning)
        return resdiff.compare(old, new)


def _formats() -> list[str]:
    """Every output format (each has its renderer: tests/test_api.py checks the dispatch)."""
    return sorted(FORMATS)


def _render(cmp: Comparison, fmt: str) -> str | bytes:
    return resdiff.render(cmp, fmt, OPTIONS)


# ============================================================ must fail cleanly


def _zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _docx(document_xml: str | bytes) -> bytes:
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": document_xml})


_XXE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + f"]><w:document {_W}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
)


def _zip_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates to 64 MB of spaces from about 64 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with zf.open("word/document.xml", "w") as member:
            member.write(f"<w:document {_W}><w:body><w:p><w:r><w:t>".encode())
            chunk = b" " * (1024 * 1024)
            for _ in range(64):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")


# name -> (file name, how to make it); the file is OLD, a valid text file is NEW.
BAD_INPUTS = {
    "pdf": ("input.txt", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")),
    "zip-as-text": ("input.txt", lambda p: p.write_bytes(_zip({"a.txt": "x"}))),
    "png": ("input.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32))),
    "jpeg": ("photo.txt", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32))),
    "elf": ("prog", lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(64))),
    "random-bytes": ("noise.txt", lambda p: p.write_bytes(bytes(range(256)) * 64)),
    "undetectable-encoding": ("latin.txt", lambda p: p.write_bytes(b"caf\xe9 \x80\x80 na\xefve\n")),
    "docx-not-a-zip": ("report.docx", lambda p: p.write_text("considering\na)\ttext;\n")),
    "docx-truncated-zip": ("cut.docx", lambda p: p.write_bytes(_docx(f"<w:document {_W}/>")[:60])),
    "zip-without-word-document": ("other.docx", lambda p: p.write_bytes(_zip({"[Content_Types].xml": _CONTENT_TYPES}))),
    "docx-external-entity": ("xxe.docx", lambda p: p.write_bytes(_docx(_XXE))),
    "docx-entity-expansion": ("laughs.docx", lambda p: p.write_bytes(_docx(_LAUGHS))),
    "docx-zip-bomb": ("bomb.docx", _zip_bomb),
}


@pytest.fixture
def good(tmp_path) -> str:
    path = tmp_path / "good.txt"
    path.write_text(NEW, encoding="utf-8")
    return str(path)


def _assert_clean_failure(rc: int, err: str, names: list[str], output: Path | None) -> str:
    """Exit 2, exactly one stderr line naming the file, no traceback, nothing at -o; returns the line."""
    lines = err.splitlines()
    assert rc == 2, (rc, err)
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert any(name in lines[0] for name in names), (names, err)
    assert lines[0].startswith("resdiff: ")
    if output is not None:
        assert not output.exists(), "output written despite the error"
        if output.parent.is_dir():
            assert [p.name for p in output.parent.iterdir() if p.name.endswith(".tmp")] == []
    return lines[0]


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_cleanly(case, tmp_path, good, capsys):
    """Binary, undecodable and hostile .docx input: exit 2, one line naming the file, no -o output."""
    name, make = BAD_INPUTS[case]
    bad = tmp_path / name
    make(bad)
    out = tmp_path / "out.html"
    rc = main(["diff", str(bad), good, "-f", "html", "-o", str(out)])
    captured = capsys.readouterr()
    _assert_clean_failure(rc, captured.err, [name], out)
    assert captured.out == ""


@pytest.mark.parametrize("case", ["docx-external-entity", "docx-entity-expansion", "docx-zip-bomb", "docx-not-a-zip"])
def test_bad_docx_alone_fails_cleanly(case, tmp_path, capsys):
    """``resdiff diff evil.docx`` (one Word file with tracked changes) and ``extract`` refuse hostile files."""
    name, make = BAD_INPUTS[case]
    bad = tmp_path / name
    make(bad)
    out = tmp_path / "out.txt"
    for argv in (["diff", str(bad), "-o", str(out)], ["extract", str(bad), "-o", str(out)]):
        rc = main(argv)
        _assert_clean_failure(rc, capsys.readouterr().err, [name], out)


def test_external_entity_is_never_resolved(tmp_path, capsys):
    """The XXE payload's target file content never shows up anywhere."""
    bad = tmp_path / "xxe.docx"
    bad.write_bytes(_docx(_XXE))
    main(["diff", str(bad), "-f", "json"])
    captured = capsys.readouterr()
    assert "root:" not in captured.out + captured.err


def test_missing_file(tmp_path, good, capsys):
    """A missing OLD or NEW file: exit 2 and '<path>: no such file'."""
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.txt"
    for argv in (["diff", str(missing), good, "-o", str(out)], ["diff", good, str(missing), "-o", str(out)]):
        line = _assert_clean_failure(main(argv), capsys.readouterr().err, ["missing.txt"], out)
        assert line.endswith("no such file")


def test_directory_as_input(tmp_path, good, capsys):
    """A directory as input: exit 2 and '<path>: is a directory'."""
    out = tmp_path / "out.txt"
    code = main(["diff", str(tmp_path), good, "-o", str(out)])
    line = _assert_clean_failure(code, capsys.readouterr().err, [str(tmp_path)], out)
    assert line.endswith("is a directory")


def test_unreadable_file(tmp_path, good, capsys, monkeypatch):
    """A file the OS refuses to open: exit 2 and '<path>: permission denied' (simulated; root reads all)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(OLD)
    real_open = os.open

    def guarded(path, *args, **kwargs):
        if os.fspath(path) == str(secret):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(textio.os, "open", guarded)
    out = tmp_path / "out.txt"
    code = main(["diff", str(secret), good, "-o", str(out)])
    line = _assert_clean_failure(code, capsys.readouterr().err, ["secret.txt"], out)
    assert line.endswith("permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_for_real(tmp_path, good, capsys):
    """A file with mode 000: exit 2 and '<path>: permission denied'."""
    secret = tmp_path / "secret.txt"
    secret.write_text(OLD)
    secret.chmod(0)
    line = _assert_clean_failure(main(["diff", str(secret), good]), capsys.readouterr().err, ["secret.txt"], None)
    assert line.endswith("permission denied")


def test_undecodable_under_given_encoding(tmp_path, good, capsys):
    """Bytes invalid under --encoding: exit 2, naming the file, byte offset and encoding."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(OLD.encode("utf-8") + b"\xff\xfe\xfd")
    out = tmp_path / "out.txt"
    line = _assert_clean_failure(
        main(["diff", str(bad), good, "--encoding", "utf-8", "-o", str(out)]), capsys.readouterr().err, ["bad.txt"], out
    )
    assert f"byte {len(OLD.encode())} is not valid utf-8" in line


def test_unknown_encoding(tmp_path, good, capsys):
    """An unknown --encoding name: exit 2 naming it."""
    code = main(["diff", good, good, "--encoding", "klingon-8"])
    line = _assert_clean_failure(code, capsys.readouterr().err, ["good.txt"], None)
    assert "klingon-8" in line


@pytest.mark.parametrize(
    "where",
    ["missing-dir", "is-a-directory", "under-a-file"],
)
def test_unwritable_output(where, tmp_path, good, capsys):
    """An -o path that cannot be written: exit 2, one line naming it, nothing left behind."""
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("keep")
    (tmp_path / "adir").mkdir()
    target = {
        "missing-dir": tmp_path / "no" / "such" / "out.html",
        "is-a-directory": tmp_path / "adir",
        "under-a-file": blocker / "out.html",
    }[where]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    rc = main(["diff", str(old), good, "-f", "html", "-o", str(target)])
    _assert_clean_failure(rc, capsys.readouterr().err, [str(target)], None)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert blocker.read_text() == "keep"


def test_failed_output_keeps_the_previous_file(tmp_path, good, capsys, monkeypatch):
    """When the final rename fails, an existing -o file keeps its old content and no temp file is left."""
    from resdiff._io import output as outio

    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    target = tmp_path / "out.html"
    target.write_text("previous")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outio.os, "replace", fail)
    rc = main(["diff", str(old), good, "-f", "html", "-o", str(target)])
    _assert_clean_failure(rc, capsys.readouterr().err, ["out.html"], None)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONIOENCODING="utf-8")
    env.pop("RESDIFF_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "resdiff", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("case", ["missing", "pdf", "docx-external-entity", "docx-zip-bomb", "unwritable-output"])
def test_subprocess_fails_cleanly(case, tmp_path, good):
    """``python -m resdiff`` as a real process: exit 2, one stderr line, no traceback, no output file."""
    out = tmp_path / "out.html"
    names: list[str]
    if case == "missing":
        args, names = ["diff", str(tmp_path / "gone.txt"), good, "-o", str(out)], ["gone.txt"]
    elif case == "unwritable-output":
        out = tmp_path / "nowhere" / "out.html"
        args, names = ["diff", good, good, "-o", str(out)], ["out.html"]
    else:
        name, make = BAD_INPUTS[case]
        make(tmp_path / name)
        args, names = ["diff", str(tmp_path / name), good, "-o", str(out)], [name]
    proc = _run(*args, cwd=tmp_path)
    _assert_clean_failure(proc.returncode, proc.stderr, names, out)
    assert proc.stdout == ""


def test_subprocess_usage_error_is_one_line(tmp_path):
    """A usage mistake (no NEW for a text file) is exit 2 and one line too."""
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    proc = _run("diff", str(old), cwd=tmp_path)
    _assert_clean_failure(proc.returncode, proc.stderr, ["old.txt"], None)


# ============================================================ must work


ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "gb18030": lambda s: s.encode("gb18030"),
}


@pytest.mark.parametrize("old_enc", sorted(ENCODINGS))
@pytest.mark.parametrize("new_enc", sorted(ENCODINGS))
def test_encodings_give_the_same_comparison(old_enc, new_enc, tmp_path, capsys):
    """Old and new in any mix of UTF-8 (±BOM), UTF-16 LE/BE (BOM) and GB18030 compare as the decoded texts do."""
    (tmp_path / "old.txt").write_bytes(ENCODINGS[old_enc](OLD))
    (tmp_path / "new.txt").write_bytes(ENCODINGS[new_enc](NEW))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", resdiff.ResdiffWarning)
        rc = main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-f", "wdiff"])
    assert rc == 1
    assert capsys.readouterr().out == _render(_compare(OLD, NEW), "wdiff")


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "gb2312"])
def test_chinese_encoding_given_on_the_command_line(codec, tmp_path, capsys):
    """--encoding gbk/gb18030/gb2312 reads the files without a guess, and identical files exit 0."""
    (tmp_path / "old.txt").write_bytes(OLD.encode(codec))
    (tmp_path / "new.txt").write_bytes(OLD.encode(codec))
    with warnings.catch_warnings():
        warnings.simplefilter("error", resdiff.ResdiffWarning)
        rc = main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--encoding", codec, "-f", "json"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert json.loads(captured.out)["symbol"] == "NOC"


def test_guessed_encoding_warning_is_one_line_and_in_json(tmp_path, capsys):
    """A GB18030 guess is reported as one 'resdiff: warning:' line on stderr and in the JSON warnings."""
    (tmp_path / "old.txt").write_bytes(OLD.encode("gb18030"))
    (tmp_path / "new.txt").write_bytes(NEW.encode("utf-8"))
    rc = main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-f", "json"])
    captured = capsys.readouterr()
    assert rc == 1
    warned = [line for line in captured.err.splitlines() if "GB18030" in line]
    assert len(warned) == 1 and warned[0].startswith("resdiff: warning: ") and "old.txt" in warned[0], captured.err
    assert any("GB18030" in w for w in json.loads(captured.out)["warnings"])


def test_paragraph_mode_warning_is_in_json(tmp_path, capsys):
    """Text with no resolution structure is compared as paragraphs, and JSON and stderr say so."""
    (tmp_path / "a.txt").write_text("Just some prose.\nAnd more of it.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Just some prose.\nAnd a little more of it.\n", encoding="utf-8")
    rc = main(["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "json"])
    captured = capsys.readouterr()
    assert rc == 1
    data = json.loads(captured.out)
    assert any("plain paragraphs" in w for w in data["warnings"])
    assert "warning" in captured.err


def test_unknown_section_keyword_warning_is_in_json(tmp_path, capsys):
    """An unknown section keyword is kept as text and reported in JSON and as a 'resdiff: warning:' line."""
    text = "considering\na)\tthe text,\nfrobnicates\n1\tthat the text applies;\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("applies", "apply"), encoding="utf-8")
    rc = main(["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "json"])
    captured = capsys.readouterr()
    assert rc == 1
    assert any("unknown section keyword 'frobnicates'" in w for w in json.loads(captured.out)["warnings"])
    assert any(line.startswith("resdiff: warning: ") and "frobnicates" in line for line in captured.err.splitlines())


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(newline, tmp_path, capsys):
    """CRLF and CR files give the same clause operations and marks as LF files, and keep their line ends."""
    old, new = OLD.replace("\n", newline), NEW.replace("\n", newline)
    (tmp_path / "old.txt").write_bytes(old.encode())
    (tmp_path / "new.txt").write_bytes(new.encode())
    rc = main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-f", "json"])
    data = json.loads(capsys.readouterr().out)
    lf = _compare(OLD, NEW)
    assert rc == 1
    assert data["counts"] == lf.counts()
    assert data["symbol"] == lf.symbol.value
    cmp = _compare(old, new)
    _segments_rebuild(cmp)
    assert [c.op for c in cmp.changes] == [c.op for c in lf.changes]


SPECIAL = {
    "nbsp-and-ideographic-space": ("a)\tthe\u00a0ITU\u3000standard;", "a)\tthe\u00a0ITU\u3000standards;"),
    "zero-width": ("a)\tzero\u200bwidth\u200d joiner\u2060 here;", "a)\tzero\u200bwidth\u200d joiner\u2060 there;"),
    "emoji-astral": ("a)\tusers 😀 of 👩🏽‍💻 ICT 𠀀;", "a)\tusers 😃 of 👩🏽‍💻 ICT 🇨🇳 𠀀;"),
    "arabic-rtl": ("a)\tإن الاتحاد الدولي للاتصالات يعمل؛", "a)\tإن الاتحاد الدولي للاتصالات يعمل دائما؛"),
    "combining-marks": (
        "a)\tcafe\u0301 nai\u0308ve \u0915\u094d\u0937;",
        "a)\tcafe\u0301 naive \u0915\u094d\u0937\u093f;",
    ),
    "full-width": ("a)\t（１）ＩＴＵ－Ｔ；", "a)\t(1) ITU-T;"),
    "bidi-controls": ("a)\t\u202eevil\u202c text;", "a)\t\u202egood\u202c text;"),
}


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_special_characters_round_trip(case, tmp_path, capsys):
    """Special spaces, zero-width, astral, RTL, combining and full-width text: exact round trip through the CLI."""
    old, new = (f"considering\n{s}\n" for s in SPECIAL[case])
    cmp = _compare(old, new)
    _segments_rebuild(cmp)
    assert cmp.symbol.value in ("MOD", "(MOD)")
    for fmt in _formats():
        out = _render(cmp, fmt)
        if isinstance(out, str):
            out.encode("utf-8")  # strict: no lone surrogate ever reaches an output
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    assert main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    for change in data["changes"]:
        for seg in change["segments"]:
            start, end = seg["old"] or seg["new"]  # JSON spans are [start, end) pairs
            side = old if seg["old"] else new
            assert side[start:end] == seg["text"]


def test_astral_characters_are_never_split():
    """No segment starts or ends inside a grapheme's code points when only emoji change (no surrogate halves)."""
    old = "considering\na)\t😀😀😀 and 🇨🇳🇫🇷;\n"
    new = "considering\na)\t😀😃😀 and 🇨🇳🇩🇪;\n"
    cmp = _compare(old, new)
    _segments_rebuild(cmp)
    for change in cmp.changes:
        for seg in change.segments:
            assert all(not 0xD800 <= ord(c) <= 0xDFFF for c in seg.text)
    inserted = "".join(s.text for c in cmp.changes for s in c.segments if s.op is EditOp.INSERT)
    deleted = "".join(s.text for c in cmp.changes for s in c.segments if s.op is EditOp.DELETE)
    assert "😃" in inserted and "😀" in deleted
    assert "🇩🇪" in inserted and "🇫🇷" in deleted


def test_very_long_line():
    """A single 200,000-character clause with one change diffs, round-trips and stays a MOD."""
    body = "，".join(f"第{i}项标准化工作" for i in range(20_000))
    old = f"考虑到\na)\t{body}；\n"
    new = old.replace("第19999项标准化工作", "第19999项新的标准化工作")
    cmp = _compare(old, new)
    _segments_rebuild(cmp)
    assert cmp.counts()["MOD"] == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_large_document_pair(lang, tmp_path, capsys):
    """A ~2 MB generated document pair goes through the CLI to JSON with the round trip intact (10 MB: benchmarks)."""
    old, new = sized_resolution_pair(2_000_000 if lang == "en" else 800_000, lang)
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    assert os.path.getsize(tmp_path / "old.txt") > 1_900_000
    out = tmp_path / "out.json"
    assert main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "-f", "json", "-o", str(out)]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["MOD"] > 0 and data["counts"]["ADD"] > 0 and data["counts"]["SUP"] > 0
    # The round trip, read from the JSON: each clause's sides rebuild from its segments.
    for change in data["changes"]:
        for side, text, skip in (("old", old, "insert"), ("new", new, "delete")):
            if change[side] is not None:
                rebuilt = "".join(s["text"] for s in change["segments"] if s["op"] != skip)
                assert rebuilt == text[slice(*change[side]["span"])]


def test_no_recognisable_structure():
    """Prose without any resolution structure is compared as paragraphs, losslessly, with a warning."""
    old = "We met on Tuesday.\nThe weather was fine.\nEveryone agreed.\n"
    new = "We met on Wednesday.\nThe weather was fine.\nNot everyone agreed.\n"
    cmp = _compare(old, new)
    _segments_rebuild(cmp)
    assert cmp.symbol.value == "MOD"
    assert any("plain paragraphs" in w for w in cmp.warnings)


def test_unrelated_documents(tmp_path, capsys):
    """Two unrelated real documents (an English report and a Chinese proposal) compare without loss, exit 1."""
    old = CORPUS / "council-report-en.txt"
    new = CORPUS / "ecp-res68-zh.txt"
    assert main(["diff", str(old), str(new), "-f", "json"]) == 1
    json.loads(capsys.readouterr().out)
    _segments_rebuild(_compare(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")))


@pytest.mark.parametrize("seed", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_identical_documents(seed, capsys):
    """A document compared with itself: exit 0, symbol NOC, every clause NOC."""
    path = str(CORPUS / seed)
    assert main(["diff", path, path, "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "NOC"
    assert set(c["op"] for c in data["changes"]) <= {"NOC"}


def test_empty_old_side_is_add(tmp_path, capsys):
    """An empty old file: symbol ADD, every clause ADD, exit 1."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    assert main(["diff", str(tmp_path / "empty.txt"), str(tmp_path / "new.txt"), "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "ADD"
    assert {c["op"] for c in data["changes"]} == {"ADD"}


def test_empty_new_side_is_sup(tmp_path, capsys):
    """An empty new file: symbol SUP, every clause SUP, exit 1."""
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["diff", str(tmp_path / "old.txt"), str(tmp_path / "empty.txt"), "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "SUP"
    assert {c["op"] for c in data["changes"]} == {"SUP"}


def test_stdin_as_one_side(tmp_path, good, monkeypatch, capsys):
    """``-`` reads one side from standard input (UTF-16 here) and compares as the files would."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OLD.encode("utf-16"))))
    assert main(["diff", "-", good, "-f", "wdiff"]) == 1
    assert capsys.readouterr().out == _render(_compare(OLD, NEW), "wdiff")


def test_output_file_is_complete(tmp_path, good, capsys):
    """-o writes the same bytes the renderer returns, for every format."""
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    cmp = _compare(OLD, NEW)
    for fmt in _formats():
        out = tmp_path / f"out.{fmt}"
        args = ["diff", str(old), good, "-f", fmt, "-o", str(out)]
        if fmt == "docx":
            args += ["--date", "2024-01-01T00:00:00Z"]
        assert main(args) == 1
        expected = _render(cmp, fmt)
        if fmt in ("text", "terminal"):
            continue  # the CLI fills in its own source names and colours
        got = out.read_bytes() if isinstance(expected, bytes) else out.read_text(encoding="utf-8")
        if fmt in ("json", "html", "markdown"):
            assert got  # these name the source files, which differ from the in-memory comparison
        else:
            assert got == expected, fmt


# ============================================================ properties


@given(old=unicode_text(), new=unicode_text())
@example(old="", new="")
@example(old="😀", new="😃")
@example(old="a\r\nb", new="a\rb")
@example(old="\ufeffa", new="a")
def test_property_round_trip_unicode(old, new):
    """For any two texts the diff rebuilds both sides exactly and its spans index the right characters."""
    _segments_rebuild(_compare(old, new))


@given(pair=st.one_of(revision_pairs("zh", exotic=True, newline=None), revision_pairs("en", exotic=True, newline=None)))
def test_property_round_trip_resolutions(pair):
    """For generated resolutions and their revisions the diff rebuilds both sides exactly."""
    old, new = pair
    cmp = _compare(old.text, new.text)
    _segments_rebuild(cmp)
    assert cmp.old.is_resolution and cmp.new.is_resolution


@given(text=st.one_of(unicode_text(), resolutions("zh", exotic=True, newline=None).map(lambda d: d.text)))
def test_property_identity(text):
    """compare(x, x) has no changes: symbol NOC, every clause NOC, every segment equal."""
    cmp = _compare(text, text)
    assert cmp.symbol.value == "NOC"
    assert all(c.op is ChangeOp.NOC for c in cmp.changes)
    assert all(s.op is EditOp.EQUAL for c in cmp.changes for s in c.segments)


_MIRROR = {"ADD": "SUP", "SUP": "ADD"}


@given(
    pair=st.one_of(
        st.tuples(unicode_text(), unicode_text()),
        revision_pairs("zh").map(lambda p: (p[0].text, p[1].text)),
        revision_pairs("en", exotic=True).map(lambda p: (p[0].text, p[1].text)),
    )
)
@example(pair=("", "considering\na)\ttext;"))
def test_property_symmetry(pair):
    """Swapping the sides mirrors ADD↔SUP and insert↔delete and keeps everything else."""
    a, b = pair
    ab, ba = _compare(a, b), _compare(b, a)
    assert _MIRROR.get(ab.symbol.value, ab.symbol.value) == ba.symbol.value
    assert {_MIRROR.get(k, k): v for k, v in ab.counts().items()} == ba.counts()

    def texts(cmp: Comparison, op: EditOp) -> list[str]:
        return sorted(s.text for c in cmp.changes for s in c.segments if s.op is op)

    assert texts(ab, EditOp.INSERT) == texts(ba, EditOp.DELETE)
    assert texts(ab, EditOp.DELETE) == texts(ba, EditOp.INSERT)


@given(pair=st.one_of(revision_pairs("zh", exotic=True), st.tuples(unicode_text(), unicode_text())))
def test_property_rendering_is_deterministic(pair):
    """Every renderer gives the same output for the same comparison, and for a recomputed one."""
    a, b = (p if isinstance(p, str) else p.text for p in pair)
    first, second = _compare(a, b), _compare(a, b)
    assert first == second
    for fmt in _formats():
        out = _render(first, fmt)
        assert out == _render(first, fmt) == _render(second, fmt), fmt


# Payloads that would change the document if they reached HTML or XML unescaped.
_PAYLOADS = [
    '<zq id="inj">',
    '"><zq onclick="alert(1)">',
    "' onmouseover='alert(2)",
    "<script>alert(3)</script>",
    "]]><zq/>",
    "&lt;zq&gt; &amp; &#60;zq&#62;",
    "<!-- zq -->",
    '\\<zq id="bs">',
]

_payload_texts = st.tuples(
    unicode_text(max_size=20), st.sampled_from(_PAYLOADS), unicode_text(max_size=20)
).map("".join)


@given(old=_payload_texts, new=_payload_texts)
@example(old='considering\na)\t<zq id="inj">;', new='considering\na)\t"><zq onclick="alert(1)">;')
def test_property_html_escapes_all_input(old, new):
    """No input text reaches the HTML as markup: no injected element or event attribute appears."""
    from lxml import html as lhtml

    cmp = _compare(old, new)
    for side_by_side in (False, True):
        out = resdiff.render(cmp, "html", RenderOptions(side_by_side=side_by_side))
        tree = lhtml.document_fromstring(out.encode("utf-8"))
        assert not tree.xpath("//zq"), "injected element"
        assert not [e for e in tree.iter() if isinstance(e.tag, str) and any(a.startswith("on") for a in e.attrib)]
        assert len(tree.xpath("//script")) == 0
        assert "<zq" not in out.lower()
        assert "<!-- zq" not in out
        # The payload text is shown, as text.
        shown = tree.text_content()
        for payload in _PAYLOADS:
            if payload in new and payload in old:
                assert payload in shown


@given(old=_payload_texts, new=st.one_of(_payload_texts, unicode_text()))
@example(old="considering\na)\t\x0b\x0c\x01 text;", new="considering\na)\t\x0b text ]]>;")
def test_property_docx_xml_escapes_all_input(old, new):
    """Every XML part of the .docx is well-formed, has no injected element, and every run text came from the input."""
    from lxml import etree

    cmp = _compare(old, new)
    out = _render(cmp, "docx")
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
                assert not root.xpath("//*[local-name()='zq']"), name
        doc = etree.fromstring(zf.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    runs = "".join(e.text or "" for e in doc.iter(f"{w}t", f"{w}delText"))
    for payload in _PAYLOADS:
        if payload in old and payload in new:
            assert payload in runs


@given(old=_payload_texts, new=_payload_texts)
def test_property_markdown_escapes_html_in_input(old, new):
    """Markdown output (which may carry <ins>/<del>) never passes input '<' through as a tag."""
    cmp = _compare(old, new)
    for style in ("html", "markup"):
        out = resdiff.render(cmp, "markdown", RenderOptions(markdown_style=style)).lower()
        # an even number of backslashes (none included) before '<' leaves it unescaped
        assert not re.search(r"(?<!\\)(?:\\\\)*<(zq|script)", out), "unescaped '<' from the input"


@given(old=unicode_text(), new=unicode_text())
def test_property_json_is_valid_and_exact(old, new):
    """The JSON output parses, and its segment texts match the offsets into each side."""
    cmp = _compare(old, new)
    data = json.loads(_render(cmp, "json"))
    for change in data["changes"]:
        for seg in change["segments"]:
            if seg["old"]:
                assert cmp.old.text[slice(*seg["old"])] == seg["text"]
            if seg["new"]:
                assert cmp.new.text[slice(*seg["new"])] == seg["text"]


@given(doc=st.one_of(resolutions("zh", exotic=True, newline=None), resolutions("en", exotic=True, newline=None)))
def test_property_parse_is_lossless(doc):
    """Parsing a generated resolution keeps every character: blocks match their spans, only white space between."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", resdiff.ResdiffWarning)
        parsed = resdiff.parse(doc.text)
    _lossless(parsed)
    assert parsed.is_resolution
    assert parsed.heading is not None
    assert len(parsed.sections) == len(doc.sections)


@given(text=unicode_text(max_size=200))
def test_property_parse_never_raises_and_is_lossless(text):
    """Any text parses (no exception, no internal-error fallback) and keeps every character."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", resdiff.ResdiffWarning)
        _lossless(resdiff.parse(text))



# ============================================================ data safety (nothing lost, nothing hangs)


def _same_bytes(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link", "relative-path"])
@pytest.mark.parametrize("command", ["diff-new", "diff-old", "parse", "extract"])
def test_output_naming_an_input_is_refused(how, command, tmp_path, capsys, monkeypatch):
    """-o naming an input (the same file by device and inode: links too) exits 2 in one line; the input is untouched."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    victim = old if command == "diff-old" else new
    if how == "symlink":
        target = tmp_path / "out.txt"
        target.symlink_to(victim)
    elif how == "hard-link":
        target = tmp_path / "out.txt"
        os.link(victim, target)
    elif how == "relative-path":
        monkeypatch.chdir(tmp_path)
        target = Path(".") / "sub" / ".." / victim.name
        (tmp_path / "sub").mkdir()
    else:
        target = victim
    before = _same_bytes([old, new])
    argv = {
        "diff-new": ["diff", str(old), str(new)],
        "diff-old": ["diff", str(old), str(new)],
        "parse": ["parse", str(new)],
        "extract": ["extract", str(new)],
    }[command]
    rc = main([*argv, "-o", str(target)])
    line = _assert_clean_failure(rc, capsys.readouterr().err, [str(target)], None)
    assert "is the input" in line and "refusing to overwrite it" in line
    assert _same_bytes([old, new]) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_naming_a_docx_input_is_refused(tmp_path, capsys):
    """resdiff extract x.docx -o x.docx and resdiff diff x.docx -o x.docx leave the Word file as it was."""
    docx = tmp_path / "x.docx"
    docx.write_bytes(_docx("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                           "<w:body><w:p><w:r><w:t>considering</w:t></w:r></w:p></w:body></w:document>"))  # fmt: skip
    before = docx.read_bytes()
    for argv in (["extract", str(docx)], ["diff", str(docx)], ["diff", str(docx), str(docx), "-f", "docx"]):
        rc = main([*argv, "-o", str(docx)])
        _assert_clean_failure(rc, capsys.readouterr().err, ["x.docx"], None)
        assert docx.read_bytes() == before


def test_output_that_is_standard_input_is_refused(tmp_path):
    """resdiff diff - new.txt -o old.txt < old.txt: the file behind standard input is an input too."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    with open(old, "rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-m", "resdiff", "diff", "-", str(new), "-o", str(old)],
            stdin=stdin, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
    assert proc.returncode == 2 and "is the input standard input" in proc.stderr
    assert old.read_text("utf-8") == OLD


@pytest.mark.parametrize("where", ["old", "new/deeper", "link/x"])
def test_batch_output_inside_an_input_folder_is_refused(where, tmp_path, capsys):
    """resdiff batch old new -o new (or inside it, or through a link to it) exits 2 in one line; nothing written."""
    for side, text in (("old", OLD), ("new", NEW)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "res68.txt").write_text(text, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "new")
    before = _same_bytes([tmp_path / "old/res68.txt", tmp_path / "new/res68.txt"])
    rc = main(["batch", str(tmp_path / "old"), str(tmp_path / "new"), "-o", str(tmp_path / where)])
    line = _assert_clean_failure(rc, capsys.readouterr().err, [where], None)
    assert "the output folder is" in line
    assert sorted(p.name for p in (tmp_path / "old").iterdir()) == ["res68.txt"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["res68.txt"]
    assert _same_bytes([tmp_path / "old/res68.txt", tmp_path / "new/res68.txt"]) == before


def test_dev_stdout_into_a_pipe_through_the_cli(tmp_path, good):
    """python -m resdiff diff … -o /dev/stdout | …: the pipe gets what plain standard output gets."""
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    plain = _run("diff", str(old), good, "-f", "wdiff", cwd=tmp_path)
    via = _run("diff", str(old), good, "-f", "wdiff", "-o", "/dev/stdout", cwd=tmp_path)
    assert (via.returncode, via.stdout, via.stderr) == (1, plain.stdout, "")


def test_a_fifo_output_is_written_into(tmp_path, good):
    """-o naming a FIFO sends the output through it; the FIFO stays a FIFO."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["diff", good, good, "-f", "wdiff", "-o", str(fifo)]) == 0
    reader.join(10)
    assert got == [resdiff.render(resdiff.compare(NEW, NEW), "wdiff").encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_250_character_output_name_works(tmp_path, good):
    """A legal 250-character file name is written (the temporary name stays within NAME_MAX)."""
    target = tmp_path / ("r" * 245 + ".html")
    assert main(["diff", good, good, "-o", str(target)]) == 0
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("name", ["zero.docx", "zero.txt", "random.txt"])
def test_an_endless_device_as_input_fails_fast(name, tmp_path, good, capsys):
    """A .docx or .txt that is a symbolic link to /dev/zero or /dev/urandom: exit 2 in one line, in seconds."""
    import time

    link = tmp_path / name
    link.symlink_to("/dev/urandom" if name.startswith("random") else "/dev/zero")
    start = time.monotonic()
    rc = main(["diff", str(link), good])
    line = _assert_clean_failure(rc, capsys.readouterr().err, [name], None)
    assert time.monotonic() - start < 10
    assert "not a regular file" in line or "binary data" in line


def test_a_stdout_that_cannot_encode_chinese_gets_utf8(tmp_path, good):
    """With a Latin-1 standard output (PYTHONIOENCODING), the output is UTF-8 bytes, not an internal error."""
    env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONIOENCODING="latin-1")
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    argv = [sys.executable, "-m", "resdiff", "diff", str(old), good, "-f", "wdiff"]
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=120)
    assert proc.returncode == 1 and proc.stderr == b""
    assert proc.stdout.decode("utf-8") == resdiff.render(resdiff.compare(OLD, NEW), "wdiff")


def test_a_closed_standard_output_is_one_line(tmp_path, good):
    """Started with standard output closed (>&-), resdiff exits 2 in one line; with -o it works."""
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    base = f"{sys.executable} -m resdiff diff {old} {good}"
    closed = subprocess.run(["sh", "-c", f"{base} >&-"], capture_output=True, text=True, env=env, timeout=120)
    assert (closed.returncode, closed.stderr) == (2, "resdiff: -: cannot write (standard output is closed)\n")
    out = tmp_path / "out.html"
    written = subprocess.run(["sh", "-c", f"{base} -o {out} >&-"], capture_output=True, text=True, env=env, timeout=120)
    assert written.returncode == 1 and out.read_text("utf-8").startswith("<!DOCTYPE html>")
