"""Word output against the texts it came from, line by line: resdiff's reader, and LibreOffice's Accept/Reject All.

Every case is a pair of texts compared by the real ``compare()`` and rendered
with tracked changes. The expected result is exact: Accept All gives the new
text's lines and Reject All the old text's lines, blank lines, leading TABs
and trailing spaces included, nothing stripped. The only lines not from the
texts are the two the renderer adds around them (the ``MOD<TAB>ECP/…`` line
first and the ``Reasons:<TAB>`` placeholder last, each unless the texts have
their own).

What LibreOffice 7.4's text export (filter "Text (encoded)", UTF-8, LF) does,
measured here: it writes a UTF-8 BOM, then every paragraph followed by one LF;
``w:tab`` as a TAB; a line break inside a paragraph (``w:br``: a VT, NEL,
U+2028 or U+2029 of the text) as LF, and a page break (an FF of the text) as
LF too. The labels are literal text in resdiff's files (no Word numbering), so
they come out exactly as written. The expected lines are therefore the
text's lines (split at CR-LF, CR or LF; a final line break ends the last line
rather than starting an empty one) with those in-line breaks read as line
breaks, and with the characters XML cannot carry as U+FFFD (as the renderer
writes them).

Besides the corpus and the pairs made here, the LibreOffice test runs on the
real Word files of ``../shared/corpora/docx-real/`` when that folder is there:
each file's two sides as resdiff's reader gives them, compared and written
again, must come back from Accept All and Reject All line for line.
"""

from __future__ import annotations

import random
import re
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest

import _render_fixtures as fx
import conftest_docx
from resdiff import compare, read_docx, render
from resdiff._model import Comparison, Role
from resdiff._render import RenderOptions
from resdiff._render._common import XML_ILLEGAL
from resdiff._render.docx.body import REASONS

# the session-wide headless LibreOffice (a fixture), shared with the other Word tests
libreoffice = conftest_docx.libreoffice

OPTS = RenderOptions(author="Tester", date=datetime(2024, 5, 1, tzinfo=timezone.utc), proposal_id="ECP/38A23/1")
_BREAK = re.compile(r"\r\n|\r|\n")
_IN_LINE_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "docx-real" / "files"

# Hand-made pairs, each for a reason given in its name.
AND_OLD = "considering\na)\tthe first item of the list;\nc)\tthe third item.\n"
AND_NEW = "considering\na)\tthe first item of the list; and\nb)\tthe second item;\nc)\tthe third item.\n"
ZH_OLD = "做出决议\n1\t鼓励业界参与ITU-T的工作；\n2\t继续举办CTO会议。\n"
ZH_NEW = "做出决议\n1\t鼓励业界参与ITU-T的工作；\n2\t继续举办CTO会议；并\n3\t邀请成员国参加。\n"
NAMED = {
    # the case: "; and" at the end of a clause and a new clause after it
    "and-new-clause": (AND_OLD, AND_NEW),
    "and-new-clause-reversed": (AND_NEW, AND_OLD),
    # the same at the end of the text, right before the Reasons placeholder (Chinese)
    "zh-and-last-clause": (ZH_OLD, ZH_NEW),
    "zh-and-last-clause-reversed": (ZH_NEW, ZH_OLD),
    # "; and" plus a TAB put in front of the next clause: two insertions around an untracked mark
    "and-then-leading-tab": (AND_OLD, AND_NEW.replace("\nc)", "\n\tc)")),
    # blank lines added and removed, a line of spaces, leading TABs, trailing spaces
    "blank-lines": (
        "considering\n\na)\tone;\nb)\ttwo;\n   \nc)\tthree.\n",
        "\nconsidering\na)\tone;\n\n\n\tb)\ttwo;  \nc)\tthree.\n\n",
    ),
    # a moved clause whose line also gains a TAB and a trailing space
    "move-with-white-space": (
        "resolves\n1\tfirst;\n2\tsecond;\n3\tthird;\n4\tfourth.\n",
        "resolves\n1\tfirst;\n3\tthird;\n4\tfourth.\n\t2\tsecond; \n",
    ),
    # CR-LF against LF, and no final newline on one side
    "line-ends": ("considering\r\na)\tone;\r\nb)\ttwo.\r\n", "considering\na)\tone; and\nb)\ttwo."),
    # a whole text added, and a whole text removed
    "all-added": ("", AND_NEW),
    "all-removed": (AND_OLD, ""),
    # a manual line break (VT) and a page break (FF) inside a clause
    "in-line-breaks": ("a)\tone\x0btwo\x0cthree;\nb)\tfour.\n", "a)\tone\x0btwo\x0cthree more;\nb)\tfour.\n"),
}


def _seeded(seed: int) -> tuple[str, str]:
    """A corpus excerpt with white-space noise and up to eight line edits ("; and" + clause, moves, blanks…)."""
    rnd = random.Random(seed)
    _, text, _ = fx.CORPUS[seed % len(fx.CORPUS)]
    lines = text.split("\n")
    start = rnd.randrange(3, max(4, len(lines) - 10))
    old = lines[:3] + lines[start : start + rnd.randint(4, 10)]
    old = [("\t" if rnd.random() < 0.1 else "") + x + ("  " if rnd.random() < 0.05 else "") for x in old]
    for _ in range(rnd.randint(0, 2)):
        old.insert(rnd.randrange(len(old) + 1), rnd.choice(["", "   "]))
    new = list(old)
    donors = [x for x in lines if len(x) > 10]
    for _ in range(rnd.randint(1, 8)):
        k = rnd.randrange(len(new))
        op = rnd.choice(["and", "del", "ins", "move", "blank", "tab", "words"])
        if op == "and":
            new[k] = new[k].rstrip(";.。；") + "; and"
            new.insert(k + 1, rnd.choice(donors))
        elif op == "del" and len(new) > 1:
            del new[k]
        elif op == "ins":
            new.insert(k, rnd.choice(donors))
        elif op == "move":
            new.insert(rnd.randrange(len(new)), new.pop(k))
        elif op == "blank":
            new.insert(k, "")
        elif op == "tab":
            new[k] = new[k][1:] if new[k].startswith("\t") else "\t" + new[k]
        elif op == "words" and " " in new[k]:
            words = new[k].split(" ")
            del words[rnd.randrange(len(words))]
            new[k] = " ".join(words)
    return "\n".join(old) + "\n", "\n".join(new) + ("\n" if rnd.random() < 0.8 else "")


SEEDED = {f"seeded-{seed}": _seeded(seed) for seed in range(24)}
CORPUS = {name: (old, new) for name, old, new in fx.CORPUS}
CORPUS_BACK = {f"{name}-reversed": (new, old) for name, old, new in fx.CORPUS}
CASES = {**CORPUS, **CORPUS_BACK, **NAMED, **SEEDED}


def text_lines(text: str) -> list[str]:
    """The lines of *text* as LibreOffice's export shows them (see the module docstring)."""
    lines = _BREAK.split(XML_ILLEGAL.sub("\ufffd", _IN_LINE_BREAK.sub("\n", text)))
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _compare(old: str, new: str) -> Comparison:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # paragraph-mode pairs warn that they have no resolution structure
        return compare(old, new)


def framed(cmp: Comparison, text: str) -> list[str]:
    """*text*'s lines with the lines the renderer adds around them."""
    roles = {b.role for doc in (cmp.old, cmp.new) for b in doc.blocks}
    head = [] if Role.PROPOSAL in roles else [f"{cmp.symbol.value}\t{OPTS.proposal_id}"]
    tail = [] if Role.REASONS in roles else [REASONS[cmp.new.lang] + "\t"]
    return head + text_lines(text) + tail


def _lo_lines(path: Path) -> list[str]:
    out = path.read_text(encoding="utf-8-sig")
    assert out.endswith("\n"), "every paragraph ends with a line feed"
    return out[:-1].split("\n")


def test_the_cases_are_there() -> None:
    """The corpus, the hand-made pairs and the seeded ones are all present (nothing skips quietly)."""
    assert len(CORPUS) >= 4 and len(NAMED) == 11 and len(SEEDED) == 24


@pytest.mark.parametrize("case", sorted(CASES))
def test_reader_gets_both_texts_back_line_by_line(case: str) -> None:
    """read_docx of the tracked file gives the old text (Reject All) and the new (Accept All), line for line."""
    old, new = CASES[case]
    cmp = _compare(old, new)
    sides = read_docx(render(cmp, "docx", OPTS))
    assert text_lines(sides.old) == framed(cmp, old)
    assert text_lines(sides.new) == framed(cmp, new)


def _accept_reject(libreoffice: conftest_docx.LibreOffice, folder: Path, cases: dict[str, tuple[str, str]]) -> int:
    """Render every case, run Accept All and Reject All on each in one LibreOffice batch; assert, return the views."""
    jobs, expected = [], {}
    for n, (case, (old, new)) in enumerate(sorted(cases.items())):
        cmp = _compare(old, new)
        src = folder / f"{n}.docx"
        src.write_bytes(render(cmp, "docx", OPTS))
        for mode, text in (("accept", new), ("reject", old)):
            out = folder / f"{n}.{mode}.txt"
            jobs.append((mode, src, out))
            expected[out] = (case, mode, framed(cmp, text))
    libreoffice.batch(jobs)
    wrong = [(case, mode) for out, (case, mode, lines) in expected.items() if _lo_lines(out) != lines]
    assert wrong == [], f"{len(wrong)} of {len(expected)} views differ from the texts"
    return len(expected)


@pytest.mark.libreoffice
def test_libreoffice_accept_and_reject_all_give_the_texts_line_by_line(libreoffice, tmp_path: Path) -> None:
    """In LibreOffice, Accept All gives the new text and Reject All the old, line for line, on every case."""
    assert _accept_reject(libreoffice, tmp_path, CASES) == 2 * len(CASES)


@pytest.mark.libreoffice
def test_libreoffice_round_trips_the_sides_of_real_word_files(libreoffice, tmp_path: Path) -> None:
    """Each real file's two sides, compared and written by resdiff, come back from Accept/Reject All line for line."""
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is not there")
    cases = {}
    for path in sorted(REAL.glob("*.docx")):
        sides = read_docx(path)
        cases[path.stem] = (sides.old, sides.new)
    assert len(cases) >= 70
    assert _accept_reject(libreoffice, tmp_path, cases) == 2 * len(cases)


@pytest.mark.libreoffice
def test_libreoffice_re_save_reads_back_to_the_same_texts(libreoffice, tmp_path: Path) -> None:
    """LibreOffice's own .docx save of each file reads back through read_docx to the same old and new lines.

    One case is left out: LibreOffice saves a page break inside a paragraph
    as the end of that paragraph (``…<w:br w:type="page"/></w:p><w:p>…``),
    which read_docx reads as the break's line plus the paragraph's, one line
    more than the text has.
    """
    jobs, expected = [], {}
    for n, (case, (old, new)) in enumerate(sorted(CASES.items())):
        if "\x0c" in old + new:
            continue
        cmp = _compare(old, new)
        src = tmp_path / f"{n}.docx"
        src.write_bytes(render(cmp, "docx", OPTS))
        out = tmp_path / f"{n}.lo.docx"
        jobs.append(("docx", src, out))
        expected[out] = (case, framed(cmp, old), framed(cmp, new))
    libreoffice.batch(jobs)
    wrong = []
    for out, (case, old_lines, new_lines) in expected.items():
        sides = read_docx(out)
        if text_lines(sides.old) != old_lines or text_lines(sides.new) != new_lines:
            wrong.append(case)
    assert wrong == []


@pytest.mark.libreoffice
def test_libreoffice_shows_format_marks_unchanged_by_accept_or_reject(libreoffice, tmp_path: Path) -> None:
    """With underline/strike marks there is nothing to accept: the three views of each corpus file are the same."""
    jobs = []
    for n, (old, new) in enumerate(CORPUS.values()):
        src = tmp_path / f"{n}.docx"
        src.write_bytes(render(_compare(old, new), "docx", RenderOptions(date=OPTS.date, marks="format")))
        jobs += [(mode, src, tmp_path / f"{n}.{mode}.txt") for mode in ("accept", "reject", "show")]
    libreoffice.batch(jobs)
    for n in range(len(CORPUS)):
        shown = _lo_lines(tmp_path / f"{n}.show.txt")
        assert _lo_lines(tmp_path / f"{n}.accept.txt") == shown == _lo_lines(tmp_path / f"{n}.reject.txt")
