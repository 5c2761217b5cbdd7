"""Real Word files: resdiff's old and new sides against LibreOffice's Reject All / Accept All texts.

The files and references live in ``../shared/corpora/docx-real`` (its README
says how they were made); the tests skip when the folder is absent and never
copy anything from it. Texts are compared with all white space removed, as the
README says, footnotes appended in order (``.fn``) as resdiff writes them.

Every file where the comparison does not hold as it is is listed in
:data:`EXCEPTIONS` with what differs and why resdiff is right there; each
exception is checked both ways: the plain comparison must fail (an exception
that is no longer needed fails the test) and the comparison after the named
adjustment must pass.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from resdiff import DocxSides, read_docx, read_docx_text
from resdiff._io.docx.symbols import PUA_FIRST, PUA_LAST

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "docx-real"
FILES = CORPUS / "files"
EXPECTED = FILES / "powertools-expected"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/docx-real is not there")

_WS = re.compile(r"\s+")
SIDES = (("old", "reject"), ("new", "accept"))


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def reference(file_id: str, mode: str) -> str:
    """LibreOffice's text after *mode* (``accept``/``reject``), its footnotes appended as resdiff numbers them."""
    folder = CORPUS / "reference" / file_id
    text = (folder / f"{mode}.txt").read_text(encoding="utf-8-sig")
    notes_file = folder / f"{mode}.fn"
    notes = json.loads(notes_file.read_text(encoding="utf-8")) if notes_file.exists() else []
    return text + "".join(f"{n}\t{note}\n" for n, (_, note) in enumerate(notes, 1))


@functools.cache
def sides_of(path: Path) -> DocxSides:
    return read_docx(path)


def resdiff_side(file_id: str, side: str) -> str:
    sides = sides_of(FILES / f"{file_id}.docx")
    return sides.old if side == "old" else sides.new


def powertools(file_id: str, mode: str) -> Path | None:
    """Open-XML-PowerTools' expected result for an RP file (``…-Accepted.docx`` / ``…-Rejected.docx``)."""
    if not file_id.startswith("pt-rp"):
        return None
    number = file_id[len("pt-rp") :]
    found = sorted(EXPECTED.glob(f"RP{number}-*-{'Accepted' if mode == 'accept' else 'Rejected'}.docx"))
    return found[0] if found else None


# -- the adjustments the exceptions name ------------------------------------------------------

_BULLETS = frozenset("•◦▪●■◆-−?o")


def fold_bullets(text: str) -> str:
    """Every line's leading bullet glyph (followed by white space) written as "•"."""
    out = []
    for line in text.splitlines():
        body = line.lstrip()
        if len(body) > 1 and body[0] in _BULLETS and body[1].isspace():
            line = "•" + body[1:]
        out.append(line)
    return "\n".join(out)


_FIELD_DATES = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}\b"
    r"|\b\d{2}/\d{2}/\d{4}\b"
)


def fold_dates(text: str) -> str:
    """Dates as a DATE field writes them ("Tuesday, July 28, 2015", "25/03/2017") replaced by one mark."""
    return _FIELD_DATES.sub("<date>", text)


_ENDNOTE_LINE = re.compile(r"^[ivxlcdm]+\t.*$", re.M)


def drop_line(line: str) -> Callable[[str], str]:
    """An adjustment that removes the first line that is exactly *line*."""

    def adjust(text: str) -> str:
        return re.sub(rf"^{re.escape(line)}\n", "", text, count=1, flags=re.M)

    return adjust


def drop_endnotes(text: str) -> str:
    """The text without resdiff's endnote lines (``i<TAB>text``)."""
    return _ENDNOTE_LINE.sub("", text)


@dataclass(frozen=True)
class Known:
    """A file whose texts differ from LibreOffice's, and how."""

    why: str  # what LibreOffice (or its reference) does and why resdiff is right
    kind: str  # "client" (LibreOffice is wrong), "glyph" (a different bullet glyph), "reference" (not in it)
    sides: tuple[str, ...]  # the sides ("old", "new") where the plain comparison fails
    check: Callable[[str, str, str], None]  # (file id, side, mode) -> asserts the adjusted comparison


def same_as_powertools(file_id: str, side: str, mode: str) -> None:
    expected = powertools(file_id, mode)
    assert expected is not None, f"no PowerTools {mode} file for {file_id}"
    assert squeeze(resdiff_side(file_id, side)) == squeeze(sides_of(expected).new)


def after(adjust_lo: Callable[[str], str], adjust_resdiff: Callable[[str], str]) -> Callable[[str, str, str], None]:
    def check(file_id: str, side: str, mode: str) -> None:
        assert squeeze(adjust_resdiff(resdiff_side(file_id, side))) == squeeze(adjust_lo(reference(file_id, mode)))

    return check


def both(adjust: Callable[[str], str]) -> Callable[[str, str, str], None]:
    return after(adjust, adjust)


def keep(text: str) -> str:
    return text


def moved_insertion(file_id: str, side: str, mode: str) -> None:
    # the only text LibreOffice keeps is the "b" inserted inside the moved-away range
    assert squeeze(reference(file_id, mode)) == "b"
    assert squeeze(resdiff_side(file_id, side)) == ""


def shown_by_libreoffice(file_id: str, side: str, mode: str) -> None:
    assert squeeze(reference(file_id, mode)) == squeeze(read_docx_text(FILES / f"{file_id}.docx"))


EXCEPTIONS: dict[str, Known] = {
    # LibreOffice's Accept All / Reject All is wrong; the PowerTools expected files agree with resdiff
    "pt-rp001": Known(
        "LO's Accept All moves an inserted paragraph and table below the next paragraph (PowerTools' Accepted "
        "file agrees with resdiff), and its Reject All keeps a line '21' from a row marked w:trPr/w:ins whose "
        "runs are not marked (there is no Rejected file; without that line LO and resdiff agree)",
        "client",
        ("old", "new"),
        lambda i, side, mode: (
            same_as_powertools(i, side, mode) if side == "new" else after(drop_line("21"), keep)(i, side, mode)
        ),
    ),
    "pt-rp004": Known("LO sees no revision inside the content control", "client", ("new",), same_as_powertools),
    "pt-rp018": Known(
        "moves inside content controls, which LO gets wrong", "client", ("old", "new"), same_as_powertools
    ),
    "pt-rp019": Known(
        "LO recalculates the DATE field to the day it ran; resdiff keeps the stored result, as PowerTools does",
        "client",
        ("old",),
        same_as_powertools,
    ),
    "pt-rp020": Known("the same DATE-field recalculation, on the accept side", "client", ("new",), same_as_powertools),
    "pt-rp021": Known(
        "w:numPr holds w:ins: the numbering is inserted, so Reject All has no '1.' label "
        "(PowerTools' Rejected file has none); LO keeps it",
        "client",
        ("old",),
        same_as_powertools,
    ),
    "pt-rp051": Known(
        "WRC-12 Resolution 417 (Arabic), compared by WmlComparer: LO imports none of its revisions",
        "client",
        ("old", "new"),
        same_as_powertools,
    ),
    # LibreOffice is wrong, and there is no PowerTools file: the difference is named exactly
    "poi-tika792": Known(
        "a w:ins 'b' inside w:moveFrom: Accept All must drop moved-away text, LO keeps the 'b'",
        "client",
        ("new",),
        moved_insertion,
    ),
    "pt-wc066": Known(
        "LO writes a U+200B for each of the 2 text-box anchors",
        "client",
        ("new",),
        after(lambda t: t.replace("\u200b", ""), keep),
    ),
    "sd-advtext": Known(
        "a Word 365 file whose revisions LO 7.4 does not import: both its texts are the text with the changes "
        "shown, which is resdiff's read_docx_text",
        "client",
        ("old", "new"),
        shown_by_libreoffice,
    ),
    # a different bullet glyph: LibreOffice's text export writes its own bullet per list level
    "d4j-sample": Known(
        "the file's bullets are a literal '?' in Symbol (docx4j's sample) and 'o' in Courier New; "
        "resdiff writes '?' and '◦', LO its own '•'",
        "glyph",
        ("old", "new"),
        both(fold_bullets),
    ),
    "plain-pd-lists": Known(
        "Symbol bullets U+F0B7/U+F02D come out as '•'/'-' in resdiff, as LO's '◦'/'▪' for the deeper levels",
        "glyph",
        ("old", "new"),
        both(fold_bullets),
    ),
    "pt-jupiter": Known(
        "the bullet is U+F06C in Wingdings, a black circle: resdiff writes '●', LO '•'",
        "glyph",
        ("old", "new"),
        both(fold_bullets),
    ),
    "sd-sdpr": Known(
        "the list comes through w:numStyleLink; its bullet is '●', LO writes '•'",
        "glyph",
        ("old", "new"),
        both(fold_bullets),
    ),
    # the references do not hold endnote texts (LO's text export leaves notes out; the .fn files are footnotes)
    "plain-pd-notes": Known(
        "resdiff writes the endnote's text as 'i<TAB>…' after the footnotes; the reference has no endnote texts",
        "reference",
        ("old", "new"),
        after(keep, drop_endnotes),
    ),
    "pt-hc031": Known(
        "the endnote text as in plain-pd-notes, and LO recalculates the DATE field to the day it ran",
        "reference",
        ("old", "new"),
        after(fold_dates, lambda t: fold_dates(drop_endnotes(t))),
    ),
}


def _ids() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [v["id"] for v in json.loads((CORPUS / "verdicts.json").read_text(encoding="utf-8"))]


IDS = _ids()


@pytest.mark.parametrize("file_id", IDS)
def test_sides_match_libreoffice_or_a_named_exception(file_id: str) -> None:
    """read_docx's old/new equal LibreOffice's Reject/Accept All text, or differ exactly as the exception says."""
    exception = EXCEPTIONS.get(file_id)
    for side, mode in SIDES:
        plain = squeeze(resdiff_side(file_id, side)) == squeeze(reference(file_id, mode))
        if exception is None:
            assert plain, f"{file_id} {side} side differs from LibreOffice's {mode} text"
        elif side in exception.sides:
            assert not plain, f"{file_id} {side}: the exception ({exception.why}) is no longer needed"
            exception.check(file_id, side, mode)
        else:
            assert plain, f"{file_id} {side} side differs from LibreOffice's {mode} text"


def test_every_exception_names_a_corpus_file() -> None:
    """No exception outlives its file."""
    assert set(EXCEPTIONS) <= set(IDS)


def _powertools_pairs() -> list[str]:
    """The RP files of the corpus that have a PowerTools Accepted file."""
    if not CORPUS.is_dir():
        return []
    return sorted(p.stem for p in FILES.glob("pt-rp*.docx") if powertools(p.stem, "accept") is not None)


@pytest.mark.parametrize("file_id", _powertools_pairs())
def test_sides_match_the_powertools_expected_files(file_id: str) -> None:
    """On every PowerTools RP file, new equals its Accepted file and old its Rejected file (as read by resdiff)."""
    accepted = powertools(file_id, "accept")
    assert accepted is not None
    assert squeeze(resdiff_side(file_id, "new")) == squeeze(sides_of(accepted).new)
    rejected = powertools(file_id, "reject")
    if rejected is not None:
        assert squeeze(resdiff_side(file_id, "old")) == squeeze(sides_of(rejected).new)


def test_tracked_numbering_is_undone_on_the_old_side() -> None:
    """pt-fa005/pt-fa017/pt-rp021: the old side shows the numbering w:pPrChange or an inserted w:numPr held."""
    fa005 = read_docx(FILES / "pt-fa005.docx")
    assert fa005.old.splitlines()[:2] == [
        "1.\tVideo provides a powerful way to help you prove your point.",
        "When you click Online Video, you can paste in the embed code for the video you want to add.",
    ]
    assert fa005.new.splitlines()[2].startswith("3.\tWhen you click")
    fa017 = read_docx(FILES / "pt-fa017.docx")
    assert [line[:3] for line in fa017.old.splitlines()[1:4]] == ["1.\t", "2.\t", "3.\t"]
    assert [line[:2] for line in fa017.new.splitlines()[1:4]] == ["•\t"] * 3
    rp021 = read_docx(FILES / "pt-rp021.docx")
    assert (rp021.old, rp021.new, rp021.tracked) == ("This is a test.\n", "1.\tThis is a test.\n", True)


def test_lists_through_a_list_style_keep_their_bullets() -> None:
    """sd-sdpr: an abstractNum holding only w:numStyleLink takes the list style's levels."""
    lines = read_docx(FILES / "sd-sdpr.docx").new.splitlines()
    assert sum(line.startswith("●\t✅") for line in lines) == 8


def test_endnotes_are_read_with_their_references() -> None:
    """plain-pd-notes: the endnote reference reads 'i' and its text follows the footnotes."""
    text = read_docx(FILES / "plain-pd-notes.docx").new
    assert text.splitlines()[-3:] == [
        "Test footnote.1 Test endnote.i",
        "1\tMy note.",
        "i\tThis is an endnote at the end of the document.",
    ]


def test_no_symbol_font_character_reaches_the_text() -> None:
    """No private-use character of a symbol font (U+F020–U+F0FF) is left in any side of any real file."""
    for path in sorted(FILES.rglob("*.docx")):
        sides = sides_of(path)
        for text in (sides.old, sides.new):
            assert not any(PUA_FIRST <= ord(ch) <= PUA_LAST for ch in text), path.name
