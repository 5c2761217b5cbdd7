"""Batch mode: files paired by what they are, one output per pair, an index, failures kept apart."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from resdiff import BatchReport, InputError, PairResult, file_key, pair_files, run_batch
from resdiff._batch.run import Job, run_pair

ROOT = Path(__file__).resolve().parent.parent

EN_OLD = "RESOLUTION {n} (Rev. Bucharest, 2022)\nThe Plenipotentiary Conference,\nresolves\n1\tto act;\n2\tto report;\n"
EN_NEW = (
    "RESOLUTION {n} (Rev. Doha, 2026)\nThe Plenipotentiary Conference,\nresolves\n1\tto act at once;\n2\tto report;\n"
)
ZH_OLD = "第{n}号决议（2022年，布加勒斯特，修订版）\n全权代表大会，\n决议\n1\t采取行动；\n"
ZH_NEW = "第{n}号决议（2026年，多哈，修订版）\n全权代表大会，\n决议\n1\t立即采取行动；\n"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("res68.txt", "resolution-68"),
        ("Res 68 (Rev. New Delhi, 2024).txt", "resolution-68"),
        ("第68号决议.txt", "resolution-68"),
        ("R68-zh.txt", "resolution-68"),
        ("RESOLUTION_068.docx", "resolution-68"),
        ("Resolution No. 68.txt", "resolution-68"),
        ("résolution 68.txt", "resolution-68"),
        ("dec641.txt", "decision-641"),
        ("Decision 641 (Rev. Bucharest, 2022).txt", "decision-641"),
        ("第641号决定.txt", "decision-641"),
        ("Rec ITU-T 12.txt", None),
        ("notes.txt", None),
        ("reservations-2024.txt", None),
        ("PP22-final.txt", None),
    ],
)
def test_file_key_reads_the_name(name: str, key: str | None) -> None:
    """The document type and number in a file name, in several spellings and languages, give one key."""
    assert file_key(name) == key


def test_pairs_by_name_heading_and_stem(tmp_path: Path) -> None:
    """Names pair by key, nameless files by their heading, the rest by exact stem; leftovers are reported."""
    _write(tmp_path / "old/第68号决议.txt", ZH_OLD.format(n=68))
    _write(tmp_path / "new/R68-zh.txt", ZH_NEW.format(n=68))
    _write(tmp_path / "old/a.txt", EN_OLD.format(n=2))
    _write(tmp_path / "new/b.txt", EN_NEW.format(n=2))
    _write(tmp_path / "old/annex notes.txt", "notes\n")
    _write(tmp_path / "new/annex notes.txt", "notes, revised\n")
    _write(tmp_path / "old/res99.txt", EN_OLD.format(n=99))
    _write(tmp_path / "new/readme.txt", "nothing to see\n")
    pairs, only_old, only_new = pair_files(str(tmp_path / "old"), str(tmp_path / "new"))
    got = {key: (Path(o).name, Path(n).name) for key, o, n in pairs}
    assert got == {
        "resolution-68": ("第68号决议.txt", "R68-zh.txt"),
        "resolution-2": ("a.txt", "b.txt"),
        "annex notes": ("annex notes.txt", "annex notes.txt"),
    }
    assert (only_old, only_new) == (["res99.txt"], ["readme.txt"])


def test_two_languages_in_one_folder_pair_by_language_tag(tmp_path: Path) -> None:
    """Chinese and English versions of one resolution side by side pair language with language."""
    _write(tmp_path / "old/R68-zh.txt", ZH_OLD.format(n=68))
    _write(tmp_path / "old/R68-en.txt", EN_OLD.format(n=68))
    _write(tmp_path / "new/res68_en.txt", EN_NEW.format(n=68))
    _write(tmp_path / "new/res68_zh.txt", ZH_NEW.format(n=68))
    _write(tmp_path / "new/res68_fr.txt", EN_NEW.format(n=68))
    pairs, only_old, only_new = pair_files(str(tmp_path / "old"), str(tmp_path / "new"))
    assert sorted((k, Path(o).name, Path(n).name) for k, o, n in pairs) == [
        ("resolution-68-en", "R68-en.txt", "res68_en.txt"),
        ("resolution-68-zh", "R68-zh.txt", "res68_zh.txt"),
    ]
    assert (only_old, only_new) == ([], ["res68_fr.txt"])


def _batch_dirs(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    for n in (1, 2, 10):
        _write(old / f"res{n}.txt", EN_OLD.format(n=n))
        _write(new / f"Resolution {n}.txt", EN_NEW.format(n=n))
    _write(old / "res3.txt", ZH_OLD.format(n=3))
    _write(new / "res3.txt", ZH_OLD.format(n=3))  # unchanged: NOC
    _write(old / "res4.txt", EN_OLD.format(n=4))
    _write(new / "res4.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")  # binary: this pair fails
    _write(old / "res5.txt", EN_OLD.format(n=5))
    _write(new / "res5.txt", b"resolves \xff\xfe\xff text \x80\x80")  # not UTF-8 nor GB18030
    _write(old / "res6.txt", EN_OLD.format(n=6))
    return old, new


def test_failing_pairs_are_reported_and_the_rest_written(tmp_path: Path) -> None:
    """A binary or undecodable file fails its own pair with a one-line error; the others are written."""
    old, new = _batch_dirs(tmp_path)
    report = run_batch(old, new, tmp_path / "out", fmt="wdiff", jobs=1)
    by_name = {p.name: p for p in report.pairs}
    assert [p.name for p in report.pairs] == [f"resolution-{n}" for n in (1, 2, 3, 4, 5, 10)]
    for name in ("resolution-4", "resolution-5"):
        failed = by_name[name]
        assert failed.output_path is None and failed.symbol is None and failed.counts is None
        assert failed.error and failed.error.startswith(f"{name}: ") and "\n" not in failed.error
    assert "binary" in by_name["resolution-4"].error
    for name in ("resolution-1", "resolution-2", "resolution-10"):
        p = by_name[name]
        assert p.error is None and p.symbol == "MOD" and p.counts and p.counts["MOD"] >= 1
        assert Path(p.output_path).read_text("utf-8") == (tmp_path / "out" / f"{name}.txt").read_text("utf-8")
        assert "at once+}" in Path(p.output_path).read_text("utf-8")
    assert by_name["resolution-3"].symbol == "NOC"
    assert report.unmatched_old == ("res6.txt",) and report.unmatched_new == ()
    assert report.exit_code == 2


def test_index_json_lists_pairs_errors_and_unmatched(tmp_path: Path) -> None:
    """index.json carries each pair's symbol, counts, output or error, and the unmatched files."""
    old, new = _batch_dirs(tmp_path)
    report = run_batch(old, new, tmp_path / "out", fmt="json", jobs=1)
    index = json.loads((tmp_path / "out/index.json").read_text("utf-8"))
    assert index["format"] == "json"
    assert index["summary"] == {
        "pairs": 6,
        "failed": 2,
        "symbols": {"MOD": 3, "NOC": 1},
        "unmatched_old": 1,
        "unmatched_new": 0,
    }
    entries = {e["name"]: e for e in index["pairs"]}
    assert entries["resolution-1"]["output"] == "resolution-1.json"
    assert entries["resolution-1"]["old"] == "res1.txt" and entries["resolution-1"]["new"] == "Resolution 1.txt"
    assert entries["resolution-1"]["counts"] == report.pairs[0].counts
    assert entries["resolution-3"]["symbol"] == "NOC"
    assert entries["resolution-4"]["output"] is None and "binary" in entries["resolution-4"]["error"]
    assert index["unmatched_old"] == ["res6.txt"]
    assert json.loads((tmp_path / "out/resolution-1.json").read_text("utf-8"))  # each output is valid JSON


def test_index_html_escapes_names_and_links_outputs(tmp_path: Path) -> None:
    """File names with markup appear escaped in index.html, and each output is linked."""
    evil = '<b onmouseover="x">&amp.txt'
    _write(tmp_path / "old" / evil, "resolves\n1\tto act;\n")
    _write(tmp_path / "new" / evil, "resolves\n1\tto act now;\n")
    _write(tmp_path / "old" / "<i>lonely.txt", "x\n")
    report = run_batch(tmp_path / "old", tmp_path / "new", tmp_path / "out", fmt="html", jobs=1)
    page = (tmp_path / "out/index.html").read_text("utf-8")
    assert "<b " not in page and "<i>" not in page
    assert "&lt;b onmouseover=&quot;x&quot;&gt;&amp;amp" in page
    assert "&lt;i&gt;lonely.txt" in page
    (pair,) = report.pairs
    out = Path(pair.output_path)
    assert out.parent == tmp_path / "out" and out.exists() and "<" not in out.name and '"' not in out.name
    assert f'href="{out.name}"' in page


def test_jobs_one_and_two_write_the_same_files(tmp_path: Path) -> None:
    """A pool of two workers writes the same outputs and index as the in-process run."""
    old, new = _batch_dirs(tmp_path)
    one = run_batch(old, new, tmp_path / "one", fmt="json", jobs=1)
    two = run_batch(old, new, tmp_path / "two", fmt="json", jobs=2)
    files_one = sorted(p.name for p in (tmp_path / "one").iterdir())
    files_two = sorted(p.name for p in (tmp_path / "two").iterdir())
    assert files_one == files_two and len(files_one) == 4 + 2
    for name in files_one:
        a = (tmp_path / "one" / name).read_text("utf-8").replace(str(tmp_path / "one"), "OUT")
        b = (tmp_path / "two" / name).read_text("utf-8").replace(str(tmp_path / "two"), "OUT")
        assert a == b, name
    strip = lambda r: [(p.name, p.symbol, p.counts, p.error) for p in r.pairs]  # noqa: E731
    assert strip(one) == strip(two)


def test_corpus_pair_in_a_pool(tmp_path: Path) -> None:
    """A real Chinese resolution pair from the corpus goes through a worker process and is marked MOD."""
    _write(tmp_path / "old/第68号决议.txt", (ROOT / "corpus/res68-zh/old.txt").read_text("utf-8"))
    _write(tmp_path / "new/R68.txt", (ROOT / "corpus/res68-zh/new.txt").read_text("utf-8"))
    _write(tmp_path / "old/dec641.txt", (ROOT / "corpus/dec641-zh/old.txt").read_text("utf-8"))
    _write(tmp_path / "new/Decision 641.txt", (ROOT / "corpus/dec641-zh/new.txt").read_text("utf-8"))
    report = run_batch(tmp_path / "old", tmp_path / "new", tmp_path / "out", fmt="wdiff", jobs=2)
    assert [(p.name, p.error) for p in report.pairs] == [("decision-641", None), ("resolution-68", None)]
    marked = (tmp_path / "out/resolution-68.txt").read_text("utf-8")
    assert "[-" in marked and "{+" in marked
    assert report.exit_code == 1


def test_exit_code_follows_diff() -> None:
    """0 when every pair is NOC, 1 when one differs, 2 when one failed."""
    noc = PairResult("a", "o", "n", "x", "NOC", {"NOC": 1}, None)
    mod = PairResult("b", "o", "n", "x", "(MOD)", {"MOD": 1}, None)
    bad = PairResult("c", "o", "n", None, None, None, "c: broken")
    assert BatchReport((noc,)).exit_code == 0
    assert BatchReport((noc, mod)).exit_code == 1
    assert BatchReport((noc, mod, bad)).exit_code == 2


def test_progress_bar_on_request(tmp_path: Path) -> None:
    """progress=True draws a carriage-return bar that ends at n/n; progress=False draws nothing."""
    old, new = _batch_dirs(tmp_path)
    shown, hidden = io.StringIO(), io.StringIO()
    run_batch(old, new, tmp_path / "a", fmt="wdiff", jobs=1, progress=True, stream=shown)
    run_batch(old, new, tmp_path / "b", fmt="wdiff", jobs=1, progress=False, stream=hidden)
    run_batch(old, new, tmp_path / "c", fmt="wdiff", jobs=1, progress=None, stream=hidden)  # not a TTY
    assert "\r[" in shown.getvalue() and "6/6" in shown.getvalue() and shown.getvalue().endswith("\n")
    assert hidden.getvalue() == ""


def test_missing_directory_and_unknown_format_are_input_errors(tmp_path: Path) -> None:
    """A folder that does not exist, or a format batch cannot write, raises InputError naming it."""
    (tmp_path / "new").mkdir()
    with pytest.raises(InputError, match="nowhere"):
        run_batch(tmp_path / "nowhere", tmp_path / "new", tmp_path / "out")
    with pytest.raises(InputError, match="pdf"):
        run_batch(tmp_path / "new", tmp_path / "new", tmp_path / "out", fmt="pdf")


def test_a_pair_named_index_does_not_overwrite_the_index(tmp_path: Path) -> None:
    """A document whose key is "index" gets another output name; index.html stays the index."""
    _write(tmp_path / "old/index.txt", "resolves\n1\tto act;\n")
    _write(tmp_path / "new/index.txt", "resolves\n1\tto act now;\n")
    report = run_batch(tmp_path / "old", tmp_path / "new", tmp_path / "out", fmt="html", jobs=1)
    (pair,) = report.pairs
    assert Path(pair.output_path).name == "index-2.html"
    assert "resdiff batch" in (tmp_path / "out/index.html").read_text("utf-8")


# ---------------------------------------------------------------- document-type words


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("قرار 68.txt", "resolution-68"),
        ("Acuerdo 614.txt", "decision-614"),
        ("резолюции 2.txt", "resolution-2"),
        ("Avis 5.txt", "opinion-5"),
        ("第3号意见.txt", "opinion-3"),
    ],
)
def test_file_key_knows_every_word_the_heading_grammar_knows(name: str, key: str) -> None:
    """Arabic, Spanish and Russian type words read by headings also give keys in file names."""
    assert file_key(name) == key


def test_document_type_and_language_tables_hold_enum_values() -> None:
    """Every value in resdiff._doctypes is a DocType or Lang value, and every Lang code is a tag."""
    from resdiff import DocType, Lang
    from resdiff._batch.pairing import _name_lang  # the tag reader the tables feed
    from resdiff._doctypes import ABBREVIATIONS, LANG_ALIASES, TYPE_WORDS, ZH_TYPE_WORDS

    for table in (TYPE_WORDS, ABBREVIATIONS, ZH_TYPE_WORDS):
        assert {DocType(v) for v in table.values()} <= set(DocType)
    assert set(ZH_TYPE_WORDS.values()) == {t.value for t in DocType} == set(TYPE_WORDS.values())
    assert {Lang(v) for v in LANG_ALIASES.values()} <= set(Lang)
    assert {_name_lang(f"res68-{lang.value}.txt") for lang in Lang} == {lang.value for lang in Lang}


# ---------------------------------------------------------------- the worker pool


def test_pool_kills_a_task_past_its_time_and_serves_the_rest() -> None:
    """A task that overruns its time limit is abandoned, its worker killed; the other tasks finish."""
    import time

    from resdiff._batch.pool import Abandoned, Pool

    start = time.monotonic()
    with Pool(workers=2, timeout=1.0) as pool:
        got = dict(pool.run(time.sleep, [30, 0, 0, 0]))
    assert got == {0: Abandoned("timed out after 1 s"), 1: None, 2: None, 3: None}
    assert time.monotonic() - start < 10


def test_pool_reports_a_dead_worker_and_a_raising_task() -> None:
    """A worker that exits or is killed, and a task that raises, each come back as Abandoned with why."""
    import signal

    from resdiff._batch.pool import Abandoned, Pool

    with Pool(workers=1, timeout=30) as pool:
        assert dict(pool.run(os._exit, [3])) == {0: Abandoned("worker died (exit status 3)")}
        assert dict(pool.run(signal.raise_signal, [signal.SIGKILL])) == {0: Abandoned("worker died (signal 9)")}
        raised = Abandoned("internal error: ValueError: invalid literal for int() with base 10: 'x'")
        assert dict(pool.run(int, ["x", "7"])) == {0: raised, 1: 7}  # the worker goes on


# ---------------------------------------------------------------- time limits and the index


def _hangs_on_resolution_99(job: Job) -> PairResult:
    """run_pair, except that the pair resolution-99 never finishes (a stand-in for a pathological input)."""
    import time

    if job.name == "resolution-99":
        time.sleep(600)
    return run_pair(job)


def test_a_pair_past_the_time_limit_fails_alone_and_the_index_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One pair that never ends is stopped at the time limit and recorded as failed; every other pair is compared."""
    import time

    from resdiff._batch import run as batch_run

    old, new = tmp_path / "old", tmp_path / "new"
    for n in (1, 2, 3, 4, 5, 6, 99):
        _write(old / f"res{n}.txt", EN_OLD.format(n=n))
        _write(new / f"res{n}.txt", EN_NEW.format(n=n))
    monkeypatch.setattr(batch_run, "run_pair", _hangs_on_resolution_99)  # the workers are forked from here
    start = time.monotonic()
    report = run_batch(old, new, tmp_path / "out", fmt="json", jobs=2, timeout=2.0)
    assert time.monotonic() - start < 30
    by_name = {p.name: p for p in report.pairs}
    slow = by_name["resolution-99"]
    assert slow.error == "resolution-99: timed out after 2 s" and slow.output_path is None
    assert all(by_name[f"resolution-{n}"].symbol == "MOD" for n in range(1, 7))
    index = json.loads((tmp_path / "out/index.json").read_text("utf-8"))
    assert index["summary"]["failed"] == 1 and index["summary"]["pairs"] == 7
    assert not (tmp_path / "out/resolution-99.json").exists()
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")] == []
    assert report.exit_code == 2


def test_an_interrupted_batch_still_writes_its_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the pairs propagates, but index.json lists the pairs done and those not compared."""
    from resdiff._batch import run as batch_run

    old, new = _batch_dirs(tmp_path)
    real = batch_run.run_pair
    calls = []

    def interrupted_on_the_third(job: batch_run.Job) -> PairResult:
        calls.append(job.name)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(batch_run, "run_pair", interrupted_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run_batch(old, new, tmp_path / "out", fmt="wdiff", jobs=1, timeout=None)
    index = json.loads((tmp_path / "out/index.json").read_text("utf-8"))
    errors = {e["name"]: e["error"] for e in index["pairs"]}
    assert len(errors) == 6
    assert [errors[name] for name in calls[:2]] == [None, None]
    stopped = [name for name, error in errors.items() if error and "not compared (the batch stopped)" in error]
    assert sorted(stopped) == sorted(set(errors) - set(calls[:2]))


@pytest.mark.parametrize("jobs, timeout", [(0, 60.0), (-1, 60.0), (2, 0.0), (2, -5.0)])
def test_jobs_and_timeout_must_be_positive(tmp_path: Path, jobs: int, timeout: float) -> None:
    """jobs below 1 and a timeout of 0 or less are input errors, not silent defaults."""
    (tmp_path / "old").mkdir()
    with pytest.raises(InputError, match=r"jobs must be at least 1|timeout must be more than 0"):
        run_batch(tmp_path / "old", tmp_path / "old", tmp_path / "out", jobs=jobs, timeout=timeout)


# ---------------------------------------------------------------- outputs that would overwrite inputs


@pytest.mark.parametrize("where", ["old", "new", "old/sub", "new/a/b", "link-to-old", "link-to-old/sub"])
def test_an_output_folder_in_an_input_folder_is_refused(tmp_path: Path, where: str) -> None:
    """-o equal to an input folder or inside one (through a symbolic link too) is refused; nothing is written."""
    old, new = _batch_dirs(tmp_path)
    (tmp_path / "link-to-old").symlink_to(old)
    before = {p: p.read_bytes() for p in (*old.iterdir(), *new.iterdir())}
    with pytest.raises(InputError, match=r"the output folder is (inside )?the input folder"):
        run_batch(old, new, tmp_path / where, fmt="wdiff", jobs=1)
    assert {p: p.read_bytes() for p in (*old.iterdir(), *new.iterdir())} == before
    assert not (old / "sub").exists() and not (new / "a").exists()


def test_an_output_file_that_is_an_input_fails_its_pair(tmp_path: Path) -> None:
    """An output name that is a hard link to an input file is not written through; that pair fails."""
    old, new = _batch_dirs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.link(new / "Resolution 2.txt", out / "resolution-2.txt")
    before = (new / "Resolution 2.txt").read_bytes()
    report = run_batch(old, new, out, fmt="wdiff", jobs=1)
    failed = {p.name: p.error for p in report.pairs}["resolution-2"]
    assert failed and "is the input" in failed and "refusing to overwrite it" in failed
    assert (new / "Resolution 2.txt").read_bytes() == before
