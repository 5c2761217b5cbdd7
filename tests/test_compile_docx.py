"""The merged draft as Word tracked changes: one author per proposal; LibreOffice's Accept All and Reject All."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree

import resdiff
from conftest_docx import libreoffice, read_lo_text  # noqa: F401 - the fixture
from test_compile import CORPUS, load_case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = resdiff.RenderOptions(date=datetime(2026, 3, 1, tzinfo=timezone.utc))
WRAPPER = {resdiff.Role.PROPOSAL, resdiff.Role.SUMMARY, resdiff.Role.REASONS}


def _body(doc: resdiff.Document) -> str:
    return "".join(b.text + "\n" for b in doc.blocks if b.role not in WRAPPER)


def _authors(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return {el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del")}


def _res2_en(names: list[str]) -> resdiff.Compilation:
    case = CORPUS / "compile-res2-en"
    proposals = {n: (case / f"{n}.txt").read_text("utf-8") for n in names}
    return resdiff.compile((case / "base.txt").read_text("utf-8"), proposals)


def test_each_proposal_is_its_own_author_and_conflict_brackets_are_the_tools():
    """Revisions carry the proposing names (joined when several make the same change); brackets are the tool's."""
    _, c = load_case("compile-res2-en")
    assert _authors(c.to_docx(OPTIONS)) == {"ECP", "APT", "RCC", "ECP, APT", "ECP, RCC", "resdiff"}
    _, agreed = load_case("compile-res68-zh")
    assert _authors(agreed.to_docx(OPTIONS)) == {"ECP", "ECP, APT"}
    one = resdiff.compile(agreed.base, {"ECP": agreed.proposals[0].document})
    assert _authors(one.to_docx(resdiff.RenderOptions(author="Secretariat", date=OPTIONS.date))) == {"ECP"}


def test_same_compilation_and_date_give_the_same_bytes():
    """The Word file is deterministic for a fixed date."""
    _, c = load_case("compile-res68-zh")
    assert c.to_docx(OPTIONS) == c.to_docx(OPTIONS)


def test_reader_sees_base_rejected_and_the_merged_draft_accepted():
    """read_docx's old side is BASE and its new side the merged draft, for every corpus case."""
    for name in ("compile-res2-en", "compile-res68-zh", "compile-res2-zh"):
        _, c = load_case(name)
        sides = resdiff.read_docx(c.to_docx(OPTIONS))
        assert sides.old == _body(c.base) and sides.new == c.merged, name


BASE = "resolves\n1\tto act on the matter without delay;\n2\tto report to the Council on the results;\n"
ENDINGS = {
    "last-suppressed": BASE.replace("2\tto report to the Council on the results;\n", ""),
    "added-at-end": BASE + "3\tto invite Member States to contribute;\n",
    "last-replaced": BASE.replace("2\tto report to the Council on the results;", "2\tquite different words here;")
    + "3\tand one more;\n",
}


def _ending(key: str) -> resdiff.Compilation:
    return resdiff.compile(BASE, {"ECP": ENDINGS[key], "APT": BASE})


@pytest.mark.parametrize("key", sorted(ENDINGS))
def test_tracked_last_paragraphs_leave_no_empty_paragraph(key):
    """A document ending in suppressed or added provisions reads back as BASE and as the merged draft, no blank line."""
    c = _ending(key)
    sides = resdiff.read_docx(c.to_docx(OPTIONS))
    assert sides.old == BASE and sides.new == c.merged == ENDINGS[key]


@pytest.mark.libreoffice
def test_libreoffice_accept_and_reject_all(libreoffice, tmp_path: Path):  # noqa: F811 - the fixture
    """In LibreOffice: one proposal accepts to its text; proposals without conflict accept to the three-way merge;
    with conflicts Accept All gives the bracketed draft; Reject All gives BASE every time."""
    one = _res2_en(["ECP"])
    compatible = _res2_en(["ECP", "RCC"])
    _, agreed = load_case("compile-res68-zh")
    _, conflicts = load_case("compile-res2-en")
    cases = {"one": one, "compatible": compatible, "agreed": agreed, "conflicts": conflicts}
    cases.update({key: _ending(key) for key in ENDINGS})
    jobs = []
    for key, c in cases.items():
        f = tmp_path / f"{key}.docx"
        f.write_bytes(c.to_docx(OPTIONS))
        jobs += [("accept", f, tmp_path / f"{key}.accept.txt"), ("reject", f, tmp_path / f"{key}.reject.txt")]
    libreoffice.batch(jobs)

    def text(key: str, mode: str) -> list[str]:
        return read_lo_text(tmp_path / f"{key}.{mode}.txt").splitlines()

    for key, c in cases.items():
        assert text(key, "reject") == _body(c.base).splitlines(), key
        assert text(key, "accept") == c.merged.splitlines(), key
    assert text("one", "accept") == _body(one.proposals[0].document).splitlines()
    # ECP's text with RCC's one change of its own (its other two are ECP's word for word)
    ecp = _body(one.proposals[0].document)
    rcc_line = "1\tto continue to determine the duration, dates, venue, agenda and themes of future WTPFs"
    expected = ecp.replace(rcc_line + ";", rcc_line + ", at least two years in advance;")
    assert expected != ecp and text("compatible", "accept") == expected.splitlines()
    assert text("agreed", "accept") == _body(agreed.proposals[0].document).splitlines()
    assert any("[ECP, RCC: at least one year of] [APT: adequate]" in line for line in text("conflicts", "accept"))
