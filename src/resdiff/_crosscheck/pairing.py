"""Pair the blocks of two documents in different languages by structure alone, never by meaning.

A document is read as a tree: at the top the heading, title, history,
opening, section headings and other paragraphs; under a section heading its
items; under an item its sub-items. Footnotes stand apart. Two trees are
paired top down, container by container:

1. pairs given in advance (``seed``; :mod:`resdiff._crosscheck.check` passes
   the new-text pairs that follow from the old-text ones) are kept, and those
   in order become anchors;
2. between two anchors, children with the same *slot key* are paired in
   order: the heading with the heading, a section with the section of the same
   canonical kind and the same rank among sections of that kind (so the second
   ``instructs`` section meets the second), an item with the item of the same
   label (``c)`` with ``c)``, Arabic and Cyrillic letters folded to Latin);
3. what is left between two such pairs is paired by position, within its class
   (an item with an item, a section heading with a section heading).

Footnotes are paired by their mark (``¹`` with ``1``). Whatever is still
unpaired has no counterpart; the caller reports it.

Every step keeps the order of both sides, so the work is a sort and a longest
increasing subsequence per container: O(n log n) in the number of blocks.

>>> from resdiff import parse
>>> zh = parse("考虑到\\na)\\t甲；\\nb)\\t乙，\\n做出决议\\n1\\t丙。")
>>> en = parse("considering\\na)\\tone;\\nb)\\ttwo,\\nresolves\\n1\\tthree.")
>>> sorted(pair_blocks(zh, en).items())
[(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from resdiff._lexicon import is_roman, match_label
from resdiff._model import Document, Role
from resdiff._normalize import nfkc

__all__ = ["Tree", "label_key", "label_ordinal", "pair_blocks", "tree"]

ROOT = -1  # the parent of top-level blocks

# Roles paired by their role alone (one each in a resolution).
_FRONT = frozenset({Role.HEADING, Role.TITLE, Role.HISTORY, Role.OPENING})


@dataclass(frozen=True, slots=True)
class Tree:
    """The containment of a document's blocks: ``parent[i]`` (``ROOT`` at the top) and each container's children.

    Footnote blocks are in neither: they are paired by mark, apart from the tree.
    """

    parent: tuple[int, ...]
    children: Mapping[int, tuple[int, ...]]


def tree(doc: Document) -> Tree:
    """The block tree of *doc* (see :class:`Tree`)."""
    n = len(doc.blocks)
    parent = [ROOT] * n
    placed = [False] * n
    footnotes = {f.block for f in doc.footnotes}
    for section in doc.sections:
        placed[section.block] = True
        stack: list[tuple[int, int]] = []  # (level, block) of the open items
        for item in section.items:
            if item in footnotes:
                continue
            level = doc.blocks[item].level
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent[item] = stack[-1][1] if stack else section.block
            placed[item] = True
            stack.append((level, item))
    children: dict[int, list[int]] = {ROOT: []}
    for i in range(n):
        if i in footnotes:
            continue
        p = parent[i] if placed[i] else ROOT
        parent[i] = p
        children.setdefault(p, []).append(i)
    return Tree(tuple(parent), {k: tuple(v) for k, v in children.items()})


@functools.lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The language-neutral key of an item label: ``"c)"`` -> ``"c"``, ``"(2)"`` -> ``"2"``, ``"–"`` -> ``""``.

    >>> label_key("c)"), label_key("с)"), label_key("ب)"), label_key("10"), label_key("–"), label_key("")
    ('c', 'c', 'b', '10', '', '')
    """
    if not label:
        return ""
    found = match_label(label + "\tx")
    return found.key if found is not None else nfkc(label).strip("().").lower()


def label_ordinal(key: str) -> int | None:
    """The 0-based place a label key gives in its list (``a`` 0, ``c`` 2, ``3`` 2, ``iv`` 3), if it gives one.

    >>> label_ordinal("c"), label_ordinal("3"), label_ordinal("iv"), label_ordinal("3-1"), label_ordinal("")
    (2, 2, 3, None, None)
    """
    if key.isdigit():
        return int(key) - 1
    if len(key) == 1 and "a" <= key <= "z":
        return ord(key) - ord("a")
    if len(key) > 1 and is_roman(key):
        value, prev = 0, 0
        for ch in reversed(key):
            digit = {"i": 1, "v": 5, "x": 10}[ch]
            value += -digit if digit < prev else digit
            prev = max(prev, digit)
        return value - 1
    return None


def _slot(doc: Document, i: int, kinds: Mapping[int, str]) -> tuple[str | None, str]:
    """(slot key or None, class) of block *i*."""
    block = doc.blocks[i]
    role = block.role
    if role is Role.SECTION and i in kinds:
        return "section:" + kinds[i], "section"
    if role in _FRONT:
        return role.value, role.value
    if role is Role.ITEM:
        key = label_key(block.label)
        return ("label:" + key if key else None), "item"
    return None, role.value


def _lis(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of *pairs* (given by increasing first element) with increasing second elements."""
    tails: list[int] = []  # tails[k]: second element ending the best run of length k+1
    tail_at: list[int] = []  # index into pairs of that run's end
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    out = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = back[n]
    return out[::-1]


class _Pairer:
    def __init__(self, a: Document, b: Document, seed: Mapping[int, int]) -> None:
        self.a, self.b = a, b
        self.ta, self.tb = tree(a), tree(b)
        self.kinds_a = {s.block: s.kind.value for s in a.sections}
        self.kinds_b = {s.block: s.kind.value for s in b.sections}
        self.out: dict[int, int] = {}
        self.taken: set[int] = set()
        for x, y in seed.items():
            if 0 <= x < len(a.blocks) and 0 <= y < len(b.blocks) and y not in self.taken:
                self.out[x] = y
                self.taken.add(y)

    def _sections(
        self, xs: Sequence[int], ys: Sequence[int], ga: Sequence[int], gb: Sequence[int]
    ) -> list[tuple[int, int]]:
        """Pair sections of one kind when the two sides have different numbers of them: in order, as many
        as possible, preferring sections whose items carry the same labels (structure, not wording).

        A dynamic programme over the two short lists (a resolution has a handful of sections of one kind).
        """
        sig_a = [[label_key(self.a.blocks[c].label) for c in self.ta.children.get(ga[i], ())] for i in xs]
        sig_b = [[label_key(self.b.blocks[c].label) for c in self.tb.children.get(gb[j], ())] for j in ys]
        n, m = len(xs), len(ys)
        # best[i][j]: best score pairing xs[i:] with ys[j:]; a pair scores 2 + similarity, so more pairs win
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                take = 2.0 + _signature_similarity(sig_a[i], sig_b[j]) + best[i + 1][j + 1]
                best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
        out = []
        i = j = 0
        while i < n and j < m:
            take = 2.0 + _signature_similarity(sig_a[i], sig_b[j]) + best[i + 1][j + 1]
            if best[i][j] == take:
                out.append((xs[i], ys[j]))
                i, j = i + 1, j + 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
        return out

    def add(self, x: int, y: int) -> None:
        self.out[x] = y
        self.taken.add(y)

    def run(self) -> dict[int, int]:
        self._footnotes()
        done: set[int] = set()
        queue = [(ROOT, ROOT)]
        while queue:
            for pa, pb in queue:
                self._children(self.ta.children.get(pa, ()), self.tb.children.get(pb, ()))
                done.add(pa)
            # every pair made so far whose children are not yet paired: top down, in block order
            queue = sorted((x, y) for x, y in self.out.items() if x not in done and x in self.ta.children)
        return self.out

    def _footnotes(self) -> None:
        def mark(m: str) -> str:
            return nfkc(m).strip("[]() ")

        seen: dict[str, int] = {}
        keys_b: dict[tuple[str, int], int] = {}
        for f in self.b.footnotes:
            if f.block not in self.taken:
                k = mark(f.mark)
                seen[k] = seen.get(k, 0) + 1
                keys_b[(k, seen[k])] = f.block
        seen = {}
        for f in self.a.footnotes:
            if f.block in self.out:
                continue
            k = mark(f.mark)
            seen[k] = seen.get(k, 0) + 1
            y = keys_b.get((k, seen[k]))
            if y is not None and y not in self.taken:
                self.add(f.block, y)

    def _children(self, ca: Sequence[int], cb: Sequence[int]) -> None:
        pos_b = {y: j for j, y in enumerate(cb)}
        fixed = [(i, pos_b[self.out[x]]) for i, x in enumerate(ca) if x in self.out and self.out[x] in pos_b]
        bounds = [(-1, -1), *_lis(fixed), (len(ca), len(cb))]
        for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
            ga = [x for x in ca[i0 + 1 : i1] if x not in self.out]
            gb = [y for y in cb[j0 + 1 : j1] if y not in self.taken]
            if ga and gb:
                self._gap(ga, gb)

    def _gap(self, ga: Sequence[int], gb: Sequence[int]) -> None:
        slots_a = [_slot(self.a, x, self.kinds_a) for x in ga]
        slots_b = [_slot(self.b, y, self.kinds_b) for y in gb]
        holders_a: dict[str, list[int]] = {}
        holders_b: dict[str, list[int]] = {}
        for i, (key, _) in enumerate(slots_a):
            if key is not None:
                holders_a.setdefault(key, []).append(i)
        for j, (key, _) in enumerate(slots_b):
            if key is not None:
                holders_b.setdefault(key, []).append(j)
        matches: list[tuple[int, int]] = []
        for key, xs in holders_a.items():
            ys = holders_b.get(key, [])
            if len(xs) == len(ys) or not key.startswith("section:"):
                matches.extend(zip(xs, ys))  # same key, same rank among that key's holders
            else:  # one language has a section of this kind more: pair those whose items look alike
                matches.extend(self._sections(xs, ys, ga, gb))
        matches.sort()
        anchors = _lis(matches)
        for i, j in anchors:
            self.add(ga[i], gb[j])
        bounds = [(-1, -1), *anchors, (len(ga), len(gb))]
        for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
            left_b: dict[str, list[int]] = {}
            for j in range(j0 + 1, j1):
                left_b.setdefault(slots_b[j][1], []).append(gb[j])
            used: dict[str, int] = {}
            for i in range(i0 + 1, i1):
                cls = slots_a[i][1]
                pool = left_b.get(cls, [])
                k = used.get(cls, 0)
                if k < len(pool):
                    self.add(ga[i], pool[k])
                    used[cls] = k + 1


def _signature_similarity(x: Sequence[str], y: Sequence[str]) -> float:
    """How alike two lists of child label keys are, 0..1: shared keys, and the same length."""
    if not x and not y:
        return 1.0
    common = sum((Counter(x) & Counter(y)).values())
    return (common + (len(x) == len(y))) / (max(len(x), len(y)) + 1)


def pair_blocks(a: Document, b: Document, seed: Mapping[int, int] | None = None) -> dict[int, int]:
    """Pairs ``{block of a: block of b}`` by structure (see the module docstring); one-to-one.

    *seed* pairs are taken as given (a block already taken is skipped).
    """
    return _Pairer(a, b, seed or {}).run()
