"""Deterministic speed-benchmark inputs built from the corpus: big pairs, batches, clause ladders.

Everything here is a pure function of the corpus texts and a seed, so two runs
measure the same bytes. Generated inputs are written under ``benchmarks/data/``
(kept out of git by the ``.gitignore`` there).

Edits imitate a drafter's revision of a resolution: words replaced, struck or
added inside a clause (a "word" is a run of 1–3 Han characters or one Latin
word), clauses inserted or struck, numbers in headings and items renumbered.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"

__all__ = ["CORPUS", "DATA", "concat_pair", "corpus_pair", "edit_text", "item_ladder", "long_resolution", "write_batch"]

_WORD_RE = regex.compile(r"\p{Han}{1,3}|[\p{L}\p{N}]+|\s+|.", regex.DOTALL)
_LABELLED_RE = regex.compile(r"^(?:[a-z]{1,2}\)|\d{1,2}(?:\.\d+)?|–|-)\t")
_ZH_HEADING_RE = regex.compile(r"^第\d+号(决议|决定)")
_EN_HEADING_RE = regex.compile(r"^(RESOLUTION|DECISION) \d+")


def corpus_pair(case: str) -> tuple[str, str]:
    """(old, new) of a corpus case, e.g. ``res68-zh``."""
    d = CORPUS / case
    return (d / "old.txt").read_text("utf-8"), (d / "new.txt").read_text("utf-8")


def corpus_cases(lang: str) -> list[str]:
    """Names of the corpus cases in *lang* ("zh", "en"), sorted."""
    return sorted(p.parent.name for p in CORPUS.glob(f"*-{lang}/old.txt"))


def _words(line: str) -> list[str]:
    return _WORD_RE.findall(line)


def edit_line(line: str, rnd: random.Random, donors: Sequence[str], edits: int) -> str:
    """*line* with *edits* word-level changes (replace, strike, add), label and tab kept."""
    m = _LABELLED_RE.match(line)
    head, body = (line[: m.end()], line[m.end() :]) if m else ("", line)
    words = _words(body)
    if not words:
        return line
    for _ in range(edits):
        donor = _words(rnd.choice(donors)) or ["新"]
        take = rnd.randint(1, 3)
        start = rnd.randrange(len(donor))
        piece = donor[start : start + take]
        pos = rnd.randrange(len(words) + 1)
        kind = rnd.random()
        if kind < 0.45 and words:  # replace
            span = rnd.randint(1, 3)
            words[pos : pos + span] = piece
        elif kind < 0.7 and words:  # strike
            del words[pos : pos + rnd.randint(1, 3)]
        else:  # add
            words[pos:pos] = piece
    return head + "".join(words)


def edit_text(
    text: str, seed: int, *, p_edit: float = 0.5, edits: int = 2, p_del: float = 0.05, p_ins: float = 0.05
) -> str:
    """A revision of *text*: each clause edited with probability *p_edit*, some struck, some added."""
    rnd = random.Random(seed)
    lines = text.split("\n")
    donors = [ln for ln in lines if len(ln) > 10] or lines
    out: list[str] = []
    for i, line in enumerate(lines):
        structural = i < 3 or not (_LABELLED_RE.match(line) or len(line) > 40)
        if not structural and rnd.random() < p_del:
            continue
        if not structural and rnd.random() < p_edit:
            line = edit_line(line, rnd, donors, rnd.randint(1, edits))
        out.append(line)
        if not structural and rnd.random() < p_ins:
            out.append(edit_line(rnd.choice(donors), rnd, donors, 2))
    return "\n".join(out)


def renumber(text: str, number: int) -> str:
    """*text* with the number in its first heading replaced by *number*."""
    text = regex.sub(r"^第\d+号", f"第{number}号", text, count=1)
    return regex.sub(r"^(RESOLUTION|DECISION) \d+", rf"\g<1> {number}", text, count=1)


def concat_pair(lang: str, size: int, seed: int = 1) -> tuple[str, str]:
    """Old and new "Final Acts" of about *size* characters: corpus resolutions one after another,
    renumbered, the new side revised clause by clause (many small edits, some clauses added/struck)."""
    cases = corpus_cases(lang)
    rnd = random.Random(seed)
    olds: list[str] = []
    news: list[str] = []
    n = 0
    total = 0
    while total < size:
        case = cases[n % len(cases)]
        old, new = corpus_pair(case)
        n += 1
        base = renumber(old if rnd.random() < 0.5 else new, 100 + n)
        base = edit_text(base, seed * 100_003 + n, p_edit=1.0, edits=2, p_del=0.0, p_ins=0.0)  # every copy distinct
        olds.append(base)
        news.append(edit_text(base, seed * 200_003 + n, p_edit=0.3, edits=2, p_del=0.02, p_ins=0.02))
        total += len(base) + 1
    return "\n".join(olds), "\n".join(news)


def _corpus_items(lang: str) -> list[str]:
    """Item bodies (labelled clauses) of the corpus texts in *lang*."""
    items: list[str] = []
    for case in corpus_cases(lang):
        for text in corpus_pair(case):
            for line in text.split("\n"):
                m = _LABELLED_RE.match(line)
                if m and len(line) - m.end() > 15:
                    items.append(line[m.end() :])
    return sorted(set(items))


def long_resolution(lang: str, clauses: int, seed: int = 1, *, p_edit: float = 0.3) -> tuple[str, str]:
    """One resolution with *clauses* numbered clauses under a few section headings, and a revision
    with small edits in a share *p_edit* of them, a few clauses struck, added and moved."""
    rnd = random.Random(seed)
    items = _corpus_items(lang)
    if lang == "zh":
        head = ["第900号决议（2022年，布加勒斯特，修订版）", "试验性长决议",
                "国际电信联盟全权代表大会（2022年，布加勒斯特），"]
        sections = ["考虑到", "认识到", "注意到", "做出决议", "责成秘书长"]
    else:
        head = ["RESOLUTION 900 (Rev. Bucharest, 2022)", "A long test resolution",
                "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),"]
        sections = ["considering", "recognizing", "noting", "resolves", "instructs the Secretary-General"]
    per_section = max(1, clauses // len(sections))
    bodies = [_vary(rnd.choice(items), rnd, items) for _ in range(per_section * len(sections))]
    old_lines = list(head)
    k = 0
    for name in sections:
        old_lines.append(name)
        for j in range(per_section):
            old_lines.append(f"{j + 1}\t{bodies[k]}")
            k += 1
    old = "\n".join(old_lines)
    # the revision: edit bodies, strike and add a few, move a few within their section, renumber
    new_lines = list(head)
    k = 0
    for name in sections:
        new_lines.append(name)
        section = []
        for _ in range(per_section):
            body = bodies[k]
            k += 1
            r = rnd.random()
            if r < 0.02:
                continue  # struck
            if rnd.random() < p_edit:
                body = edit_line(body, rnd, items, 1)
            section.append(body)
            if rnd.random() < 0.02:
                section.append(_vary(rnd.choice(items), rnd, items))  # added
        for _ in range(len(section) // 100):  # a few moves
            i, j = rnd.randrange(len(section)), rnd.randrange(len(section))
            section.insert(j, section.pop(i))
        new_lines.extend(f"{j + 1}\t{body}" for j, body in enumerate(section))
    return old, "\n".join(new_lines)


def _vary(body: str, rnd: random.Random, items: Sequence[str]) -> str:
    """A distinct clause made from a corpus clause (so a long document does not repeat itself)."""
    return edit_line(body, rnd, items, 3)


def item_ladder(lang: str, sizes: Sequence[int], seed: int = 7) -> dict[int, tuple[str, str]]:
    """Long-resolution pairs with the given numbers of clauses (for growth and alignment checks)."""
    return {n: long_resolution(lang, n, seed + n) for n in sizes}


def write_batch(directory: Path, lang: str, pairs: int, seed: int = 11) -> tuple[Path, Path]:
    """*pairs* resolution pairs in ``old/`` and ``new/`` under *directory*, named as files
    from two sources would be (``res7.txt`` against ``第7号决议.txt`` / ``Resolution 7.txt``)."""
    old_dir, new_dir = directory / "old", directory / "new"
    old_dir.mkdir(parents=True, exist_ok=True)
    new_dir.mkdir(parents=True, exist_ok=True)
    cases = corpus_cases(lang)
    rnd = random.Random(seed)
    for n in range(1, pairs + 1):
        case = cases[n % len(cases)]
        old, new = corpus_pair(case)
        if rnd.random() < 0.3:  # the real revision, renumbered
            a, b = renumber(old, n), renumber(new, n)
        else:  # a distinct text revised heavily
            a = edit_text(renumber(old, n), seed * 7919 + n, p_edit=1.0, edits=2, p_del=0.0, p_ins=0.0)
            b = edit_text(a, seed * 104_729 + n, p_edit=0.5, edits=3)
        new_name = f"第{n}号决议.txt" if lang == "zh" else f"Resolution {n} (Rev. Doha, 2026).txt"
        (old_dir / f"res{n}.txt").write_text(a + "\n", "utf-8")
        (new_dir / new_name).write_text(b + "\n", "utf-8")
    return old_dir, new_dir
