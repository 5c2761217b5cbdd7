"""The parser's cheap pre-checks must never reject a line their regex would accept.

``_lines.classify`` and ``lexicon.match_heading``/``match_label`` skip a regex
unless a first-character (or colon, or bracket) test passes. These tests pin
each test to its regex, so that a word added to a regex without its first
letter fails here instead of silently never matching.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from resdiff import _langdetect, _lines
from resdiff import _lexicon as lx

ROOT = Path(__file__).resolve().parents[1]


def _chars(limit: int = 0x110000):
    return (chr(cp) for cp in range(limit) if not 0xD800 <= cp <= 0xDFFF)


def test_ws_set_is_isspace_plus_bom():
    assert {ch for ch in _chars() if ch.isspace() or ch == "\ufeff"} == set(_lines._WS)


@pytest.mark.parametrize("first", [_lines._ANNEX_FIRST, lx._HEADING_LATIN_FIRST], ids=["annex", "heading"])
def test_lowercased_first_letter_is_exact_under_ignorecase(first):
    """`ch.lower() in first` accepts exactly what a case-insensitive regex letter accepts."""
    cls = re.compile("[" + re.escape("".join(sorted(first))) + "]", re.IGNORECASE)
    wrong = [hex(ord(ch)) for ch in _chars() if bool(cls.fullmatch(ch)) != (ch.lower() in first)]
    assert wrong == []


def test_label_first_chars_cover_the_label_regexes():
    suffixes = [")", ") x", " x", "\tx", " 中", ".1 x", "a) x", "bis) x", "ـ) x", " a) x"]
    missed = []
    for ch in _chars(0x10000):
        if ch in lx._LABEL_FIRST or ch.isdecimal():
            continue
        for s in suffixes:
            if lx._LABEL_RE.match(ch + s) or lx._BULLET_RE.match(ch + s):
                missed.append(hex(ord(ch)))
                break
    assert missed == []


def _sample_lines() -> list[str]:
    """Corpus lines plus random lines made of structural words in every language."""
    out = set()
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        out.update(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    words = [
        *("第", "号", "决议", "决定", "附件", "附件 1：", "ملحق", "الملحق", "Приложение", "ANNEXE", "Anexo"),
        "annex 2 to",
        *("RÉSOLUTION", "Resolución", "Decision", "ACUERDO", "Avis", "Резолюция", "РЕШЕНИЕ", "Мнение", "قرار", "مقرر"),
        *("التوصية", "الرأي", "مشروع", "Draft new", "Projet de", "проект", "Council", "68", "[SEN-1]"),
        "(Rev. Dubai, 2012)",
        *("（2024年，新德里，修订版）", "MOD", "(MOD)", "ADD*", "SUP", "NOC", "EUR/XX/1", "RCC/ 62A1/1", "Summary:"),
        *("RÉSUMÉ :", "Резюме:", "Аннотация：", "ملخص:", "摘要：", "Reasons:", "Motifs :", "Основания:", "الأسباب:"),
        *("理由：", "ſ", "ᲂ", "K", "İ", "¹", "²³", "(", ")", "（", "）", " ", "\u3000", "\t", "a)", "1", "–", "联合国"),
        *("PP ", "WTSA ", "wtdc ", "D ", "R ", "Реш.", "495", "理事会", "其", "WTSA-20", "www.itu.int/x", "HTTPS://a"),
        *("x.DOCX", "P:\\a b\\", "\\\\srv\\", ".pdf", ".Doc", " (450123)", "    ", "____", "_"),
    ]
    out.update(["D 495", "R 800 (C-1977, dernière mod. C-1984)", "Реш. 495"])
    out.update(["PP RESOLUTION 101 (Rev. Guadalajara, 2010)"])
    out.update(["www.itu.int/md/S18-PP-C-0035/en", "P:\\ENG\\SG\\035E.docx (450123)", "____________________"])
    out.update(["word.doc", "http.pdf", "what a day", "whereas the", "C:\\x.rtf", "\\\\srv\\a.PDF  (123)"])
    rng = random.Random(0)
    for _ in range(20000):
        out.add("".join(rng.choice(words) for _ in range(rng.randint(1, 6))))
    return sorted(ln for ln in out if ln)


def test_prechecks_hold_wherever_the_regexes_match():
    for c in _sample_lines():
        c0 = c[0]
        if lx._HEADING_ZH.fullmatch(c):
            assert "第" in c[:13], c
        if lx._HEADING_LATIN.fullmatch(c):
            assert c0.lower() in lx._HEADING_LATIN_FIRST, c
        if _lines._ANNEX.fullmatch(c):
            assert c0.lower() in _lines._ANNEX_FIRST, c
        if _lines._SUMMARY.match(c) or _lines._REASONS.match(c):
            assert ":" in c or "：" in c, c
        if _lines._FN_SUPER.match(c):
            assert c0 in _lines._SUPERSCRIPTS, c
        if _lines._PAREN_LINE.fullmatch(c):
            assert c0 in "(（" and c[-1] in ")）", c
        pm = lx.PROPOSAL_RE.fullmatch(c)
        if pm and (pm.group("sym1") or pm.group("pid") or pm.group("sym2")):
            assert c0 in _lines._PROPOSAL_FIRST or c0.isspace(), c
        if lx._ROMAN.fullmatch(c):
            assert c0 in "ivx", c
        if lx._HEADING_ABBR.fullmatch(c):
            assert c0 in "DRР", c
        if _lines._FOOTER.fullmatch(c):
            assert c0 in _lines._FOOTER_FIRST or c[-1] in _lines._FOOTER_LAST or c[1:2] == ":", c
        assert _lines._maybe_footer(c) == bool(_lines._FOOTER.fullmatch(c)), c
        if _lines._RULE.fullmatch(c):
            assert c0 == "_", c


def test_the_sample_lines_reach_the_new_regexes():
    """The check above means something for the heading abbreviations, footers and rules."""
    lines = _sample_lines()
    for rx in (lx._HEADING_ABBR, _lines._FOOTER, _lines._RULE):
        assert sum(1 for c in lines if rx.fullmatch(c)) >= 3, rx.pattern


@pytest.mark.parametrize(
    "text",
    ["", "\n", "a\nb", "a\r\nb\rc\n", "\n\n  x  \n\ty\n", "x\x0by\u2028z\n", "a\n\r\nb", "末行"],
)
def test_raw_lines_are_the_line_regex_spans(text):
    assert _lines.raw_lines(text) == [m.span() for m in _lines._LINE.finditer(text)]


def test_match_label_with_end_is_match_label_on_the_slice():
    for line in ["a)\tx", "- a) 联合国", "1.2\tx", "–\tx", "(b) x", "a) ", "x a) b"]:
        for pre, post in [("", ""), ("前", "后"), ("1\t", " x")]:
            text = pre + line + post
            want = lx.match_label(line)
            got = lx.match_label(text, len(pre), len(pre) + len(line))
            if want is None:
                assert got is None
            else:
                assert got == lx.Label(want.text, want.key, want.kind, want.start + len(pre), want.body + len(pre))



def test_non_latin_scan_is_the_union_of_the_three_script_classes():
    """detect_lang skips the Han, Cyrillic and Arabic counts when _NON_LATIN finds nothing."""
    singles = (_langdetect._HAN, _langdetect._CYR, _langdetect._ARAB)
    for ch in _chars(0x10000):
        assert bool(_langdetect._NON_LATIN.match(ch)) == any(rx.match(ch) for rx in singles), hex(ord(ch))
