"""Pair the blocks (clauses) of two documents: kept, changed, relabelled, added, deleted, moved.

Three passes, each bounded:

1. **Anchors.** Blocks whose normalised body (label left out, width and space
   folded) is the same on both sides and in the same order are paired by a
   longest-common-subsequence over whole blocks (diff-match-patch on one
   character per distinct key). Keys found on one side only are left out of
   that diff first, so its cost depends on reordering, not on the amount of
   changed text, and two unrelated documents cost nothing here. A relabelled
   item (``e)`` → ``i)`` with the same body) is an anchor. Where one side has
   more copies of an identical block in a row, the copies left over are put
   where the other side has a block they can pair with (an edited copy), so
   an edit in place stays in place instead of reading as a move.
2. **Gaps.** Between two anchors, the remaining old and new blocks are paired
   in order by similarity (Dice coefficient over the sets of character
   bigrams; a pair whose set sizes alone put it below :data:`SIM_FLOOR` is
   not counted) with a maximum-weight monotone matching, as
   ``difflib.Differ`` pairs similar lines between matches. Pairs need
   :data:`PAIR_CUTOFF`, or — for a clause expanded around its old words —
   :data:`CONTAIN_CUTOFF` of the shorter one's bigrams found in the longer
   one; structural singletons — two section headings, two titles, two
   headings — pair by position, so a heading swap (``认识到`` → ``考虑到``)
   is a changed heading and its items stay put. Gaps larger than :data:`DP_CELLS` use a greedy pass
   within :data:`WINDOW` blocks instead of the full matching.
3. **Moves.** What is still unpaired is matched across the whole document by
   similarity (:data:`MOVE_CUTOFF`) through an index of shared bigrams, at
   most :data:`MOVE_CANDIDATES` candidates per block. A pair whose section
   heading was paired with a different section also counts as moved.

The result lists the pairs in reading order of the new document, with blocks
that exist only in the old one placed where they stood.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import regex

from resdiff._diffengine import diff_keys
from resdiff._model import Document, EditOp, Role
from resdiff._normalize import fold_text

__all__ = [
    "CONTAIN_CUTOFF",
    "DP_CELLS",
    "MOVE_CANDIDATES",
    "MOVE_CUTOFF",
    "PAIR_CUTOFF",
    "SIM_FLOOR",
    "WINDOW",
    "Pair",
    "align",
    "align_keyed",
    "body_key",
    "similarity",
]

PAIR_CUTOFF = 0.5  # Dice similarity (0..1) two blocks in the same gap need to pair as MOD
CONTAIN_CUTOFF = 0.75  # share of a block found in a longer one that pairs them in a gap (an expanded clause)
CONTAIN_MIN_BIGRAMS = 8  # containment counts only for blocks at least this long
MOVE_CUTOFF = 0.6  # Dice similarity (0..1) an unpaired old and new block need to pair as a MOVE
SIM_FLOOR = 0.4  # Dice similarity (0..1, at most PAIR_CUTOFF) below which a pair's score may be given as 0
MOVE_MIN_CHARS = 8  # shorter blocks only pair as moves when identical (avoids "–" ↔ "–")
MOVE_CANDIDATES = 12  # candidates scored per unpaired block in the move pass
POSTING_LIMIT = 64  # bigrams shared by more blocks than this are too common to find candidates
DP_CELLS = 40_000  # largest gap (old blocks × new blocks) paired by the exact monotone matching
WINDOW = 24  # blocks looked ahead in the greedy pass used for larger gaps

# Blocks pair only within a group: an item never pairs with a section heading.
_GROUP = {
    Role.SUMMARY: "summary",
    Role.PROPOSAL: "proposal",
    Role.HEADING: "heading",
    Role.TITLE: "title",
    Role.HISTORY: "history",
    Role.OPENING: "opening",
    Role.SECTION: "section",
    Role.ITEM: "text",
    Role.PARAGRAPH: "text",
    Role.FOOTNOTE: "text",
    Role.ANNEX: "annex",
    Role.REASONS: "reasons",
}
# Groups whose blocks pair by position even when their words differ.
_POSITIONAL = frozenset({"proposal", "heading", "title", "history", "opening", "section", "annex"})


_ARTEFACT_RE = regex.compile(r"\[bookmark:[^\]]*\]|\[footnoteRef:[^\]]*\]")


@dataclass(frozen=True, slots=True)
class Pair:
    """One aligned block pair; ``old`` or ``new`` is None for a deleted or added block."""

    old: int | None
    new: int | None
    similarity: float = 1.0
    moved: bool = False


def body_key(body: str) -> str:
    """What two blocks' bodies must share to count as the same clause: folded, artefacts out."""
    if "[" in body:
        body = _ARTEFACT_RE.sub("", body)
    # fold_text() made every white-space run one space, so stripping spaces strips them all
    return fold_text(body).strip(" ")


# character bigrams as integers, or the characters themselves for keys too short for bigrams
Grams = frozenset[int] | frozenset[str]


def _bigrams(key: str) -> Grams:
    """The set of character bigrams of a key, spaces left out (characters for short keys).

    A bigram is the 64-bit integer of its two characters in UTF-32: the encoded
    key read as 8-byte words from offset 0 and from offset 4 gives every pair
    without building a two-character string for each (2.2 times faster, and
    the sets compare the same, since the coding is one-to-one, lone
    surrogates included).
    """
    compact = key.replace(" ", "")
    if len(compact) < 4:  # too short for bigrams to say anything: compare characters
        return frozenset(compact)
    # "surrogatepass": a lone surrogate (any Python str may hold one) is coded as its code point
    data = memoryview(compact.encode("utf-32-le", "surrogatepass"))
    n = len(data)
    evens = data[: n - n % 8].cast("Q")  # (c0 c1) (c2 c3) …
    odds = data[4 : n - (n - 4) % 8].cast("Q")  # (c1 c2) (c3 c4) …
    return frozenset(evens).union(odds)


def _dice(a: Grams, b: Grams) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the sets of character bigrams of two texts (folded), 0..1.

    >>> round(similarity("the new text", "the old text"), 2)
    0.56
    """
    return _dice(_bigrams(fold_text(a)), _bigrams(fold_text(b)))


class _Side:
    """Per-document facts the passes need, computed once."""

    def __init__(self, doc: Document, keys: dict[str, str]) -> None:
        self.doc = doc
        text = doc.text
        bodies = [text[b.body.start : b.body.end] for b in doc.blocks]
        # most clauses are the same in both versions: each distinct body is folded once
        for body in bodies:
            if body not in keys:
                keys[body] = body_key(body)
        self.keys = [keys[body] for body in bodies]
        self.groups = [_GROUP.get(b.role, "text") for b in doc.blocks]
        self._grams: list[Grams | None] = [None] * len(doc.blocks)

    def grams(self, i: int) -> Grams:
        g = self._grams[i]
        if g is None:
            g = self._grams[i] = _bigrams(self.keys[i])
        return g


def _sim(a: _Side, i: int, b: _Side, j: int) -> float:
    """Similarity of two blocks: 1.0 for equal keys, else :func:`_bounded_dice` of their bigrams."""
    if a.keys[i] == b.keys[j]:
        return 1.0
    return _bounded_dice(a.grams(i), b.grams(j))


def _bounded_dice(ga: Grams, gb: Grams) -> float:
    """:func:`_dice`, or 0.0 without counting the shared bigrams when it is certainly below :data:`SIM_FLOOR`.

    The shared bigrams are at most the smaller set, so Dice ≤ 2·min(|A|, |B|)/(|A| + |B|)
    on the sizes of the two *sets* (not of the texts: ``"the " * 40`` has four bigrams).
    """
    na, nb = len(ga), len(gb)
    if 2.0 * min(na, nb) < SIM_FLOOR * (na + nb):
        return 0.0
    return _dice(ga, gb)


def _containment(a: _Side, i: int, b: _Side, j: int) -> float:
    """Share of the shorter block's bigrams found in the longer one (0..1)."""
    ga, gb = a.grams(i), b.grams(j)
    small = min(len(ga), len(gb))
    if small < CONTAIN_MIN_BIGRAMS:
        return 0.0
    return len(ga & gb) / small


def _anchors(a: _Side, b: _Side) -> list[tuple[int, int]]:
    """Index pairs of equal keys (same group) in common order: an LCS over blocks."""
    ka = [f"{g}\x00{k}" for g, k in zip(a.groups, a.keys)]
    kb = [f"{g}\x00{k}" for g, k in zip(b.groups, b.keys)]
    shared = set(ka) & set(kb)
    ia = [i for i, k in enumerate(ka) if k in shared]
    ib = [j for j, k in enumerate(kb) if k in shared]
    if not ia or not ib:
        return []
    ca, cb = [ka[i] for i in ia], [kb[j] for j in ib]
    pairs: list[tuple[int, int]] = []
    for op, x0, x1, y0, y1 in diff_keys(ca, cb):
        if op is EditOp.EQUAL:
            pairs.extend(zip(range(x0, x1), range(y0, y1)))
    return _copies_in_place(a, b, pairs, (ca, cb), (ia, ib))


def _copies_in_place(
    a: _Side,
    b: _Side,
    pairs: list[tuple[int, int]],
    keys: tuple[list[str], list[str]],
    blocks: tuple[list[int], list[int]],
) -> list[tuple[int, int]]:
    """Block index pairs of the anchors, with repeated identical blocks paired in place.

    *pairs* index the shared-key sequences ``keys`` (``keys[0][x]`` is the key
    of old block ``blocks[0][x]``). Where one side holds more copies of a key
    than the other in a row (ten identical clauses, one of them edited on the
    new side), any choice of which copies pair is an equally long common
    subsequence, and the diff picks one without looking at the blocks left out
    of it: the copy left over may sit far from the edited clause, which then
    reads as moved. :func:`_leftover_copies_in_gaps` chooses instead.
    """
    (ca, cb), (ia, ib) = keys, blocks
    # only a key found twice on one side can have copies left over (counted in C)
    repeated = {key for key, n in chain(Counter(ca).items(), Counter(cb).items()) if n > 1}
    if not repeated:
        return [(ia[x], ib[y]) for x, y in pairs]
    out: list[tuple[int, int]] = []
    n_pairs, n_a, n_b = len(pairs), len(ca), len(cb)
    k = 0
    while k < n_pairs:
        x, y = pairs[k]
        key = ca[x]
        if key not in repeated:
            out.append((ia[x], ib[y]))
            k += 1
            continue
        end = k + 1  # pairs[k:end]: consecutive pairs of this key with only copies of it between them
        while end < n_pairs:
            nx, ny = pairs[end]
            px, py = pairs[end - 1]
            if ca[nx] != key or any(ca[t] != key for t in range(px + 1, nx)):
                break
            if any(cb[t] != key for t in range(py + 1, ny)):
                break
            end += 1
        px, py = pairs[k - 1] if k else (-1, -1)
        nx, ny = pairs[end] if end < n_pairs else (n_a, n_b)
        xs, ys = x, y
        while xs - 1 > px and ca[xs - 1] == key:
            xs -= 1
        while ys - 1 > py and cb[ys - 1] == key:
            ys -= 1
        xe, ye = pairs[end - 1][0] + 1, pairs[end - 1][1] + 1
        while xe < nx and ca[xe] == key:
            xe += 1
        while ye < ny and cb[ye] == key:
            ye += 1
        found = [(ia[i], ib[j]) for i, j in pairs[k:end]]
        if xe - xs != ye - ys and end - k == min(xe - xs, ye - ys):
            before = (ia[px], ib[py]) if k else (-1, -1)
            after = (ia[nx], ib[ny]) if end < n_pairs else (len(a.keys), len(b.keys))
            found = _leftover_copies_in_gaps(a, b, (ia[xs:xe], ib[ys:ye]), (before, after), found)
        out.extend(found)
        k = end
    return out


def _leftover_copies_in_gaps(
    a: _Side,
    b: _Side,
    copies: tuple[list[int], list[int]],
    bounds: tuple[tuple[int, int], tuple[int, int]],
    found: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Pair the copies of one key (old block indices, new block indices) in order, placing the copies
    left over on the longer side in the gaps where the other side has a block they can pair with.

    A gap is the stretch between two consecutive pairs (or *bounds*, the
    anchors around the copies); a left-over copy placed there counts when
    that stretch of the other side holds a block it could pair with in the
    gap pass, one per such block. The pairing that places the most wins;
    *found* (the diff's choice) stays unless another places strictly more.
    A dynamic programme over (copies paired, copies skipped), at most
    :data:`DP_CELLS` steps, else *found*.
    """
    olds, news = copies
    flip = len(olds) < len(news)  # True: new copies are left over and look for old partners
    long, short = (news, olds) if flip else (olds, news)
    extra = len(long) - len(short)
    if len(short) * (extra + 1) ** 2 > DP_CELLS:
        return found
    (before_old, before_new), (after_old, after_new) = bounds
    edges = [before_old, *short, after_old] if flip else [before_new, *short, after_new]
    copy = long[0]

    def partner(x: int) -> bool:
        weight = _weight(a, x, b, copy) if flip else _weight(a, copy, b, x)
        return weight[0] > 0.0

    # room[t]: blocks of the shorter side in the gap before its copy t (the last: after its last copy)
    room = [sum(1 for x in range(edges[t] + 1, edges[t + 1]) if partner(x)) for t in range(len(short) + 1)]

    def placed(skips: list[int]) -> int:
        """Left-over copies beside a partner, for short copy t paired with long copy t + skips[t]."""
        total, prev = 0, 0
        for t, s in enumerate([*skips, extra]):
            total += min(s - prev, room[t])
            prev = s
        return total

    # best[s]: most copies placed so far with short copy t paired with long copy t + s; back[t][s]: s before
    best = [min(s, room[0]) for s in range(extra + 1)]
    back: list[list[int]] = [list(range(extra + 1))]
    for t in range(1, len(short)):
        row: list[int] = []
        choice: list[int] = []
        for s in range(extra + 1):
            top, arg = -1, 0
            for prev in range(s + 1):
                value = best[prev] + min(s - prev, room[t])
                if value > top:
                    top, arg = value, prev
            row.append(top)
            choice.append(arg)
        best = row
        back.append(choice)
    last = max(range(extra + 1), key=lambda s: best[s] + min(extra - s, room[-1]))
    index = {block: n for n, block in enumerate(long)}
    skips_found = [index[i if not flip else j] - t for t, (i, j) in enumerate(found)]
    if best[last] + min(extra - last, room[-1]) <= placed(skips_found):
        return found
    skips = [0] * len(short)
    s = last
    for t in range(len(short) - 1, -1, -1):
        skips[t] = s
        s = back[t][s]
    paired = [(long[t + s], short[t]) for t, s in enumerate(skips)]
    return [(j, i) for i, j in paired] if flip else paired


_NOT_ALLOWED = (0.0, 0.0)


def _weight(a: _Side, i: int, b: _Side, j: int) -> tuple[float, float]:
    """(score, similarity) of pairing old block i with new block j inside a gap; score 0 = not allowed."""
    group = a.groups[i]
    if group != b.groups[j]:
        return _NOT_ALLOWED
    s = _sim(a, i, b, j)
    if s >= PAIR_CUTOFF:
        return s + (0.05 if a.doc.blocks[i].label and a.doc.blocks[i].label == b.doc.blocks[j].label else 0.0), s
    if _containment(a, i, b, j) >= CONTAIN_CUTOFF:
        return PAIR_CUTOFF, s  # a clause rewritten around its old words: still the same clause
    if group in _POSITIONAL:
        # pair by position, but any real match wins; among positional pairs the more similar
        # wins, so the similarity is the exact one, not the pre-filter's 0 (headings are few)
        s = s or _dice(a.grams(i), b.grams(j))
        return 0.01 + s * 0.01, s
    return 0.0, s


def _match_gap(a: _Side, olds: Sequence[int], b: _Side, news: Sequence[int]) -> list[tuple[int, int, float]]:
    """Monotone pairs between the blocks of one gap."""
    if not olds or not news:
        return []
    if len(olds) == 1 and len(news) == 1:  # the usual gap: one clause changed in place
        w, s = _weight(a, olds[0], b, news[0])
        found = [(olds[0], news[0], s)] if w > 0.0 else []
    elif len(olds) * len(news) <= DP_CELLS:
        found = _match_dp(a, olds, b, news)
    else:
        found = _match_greedy(a, olds, b, news)
    # a pair kept by containment or by position may carry the pre-filter's 0: give its real similarity
    return [(i, j, s or _dice(a.grams(i), b.grams(j))) for i, j, s in found]


def _match_dp(a: _Side, olds: Sequence[int], b: _Side, news: Sequence[int]) -> list[tuple[int, int, float]]:
    m, n = len(olds), len(news)
    scored = [[_weight(a, olds[x], b, news[y]) for y in range(n)] for x in range(m)]
    weights = [[w for w, _ in row] for row in scored]
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for x in range(1, m + 1):
        row, prev, wrow = score[x], score[x - 1], weights[x - 1]
        for y in range(1, n + 1):
            best = prev[y] if prev[y] >= row[y - 1] else row[y - 1]
            w = wrow[y - 1]
            if w > 0.0 and prev[y - 1] + w > best:
                best = prev[y - 1] + w
            row[y] = best
    out: list[tuple[int, int, float]] = []
    x, y = m, n
    while x > 0 and y > 0:
        w = weights[x - 1][y - 1]
        if w > 0.0 and score[x][y] == score[x - 1][y - 1] + w:
            out.append((olds[x - 1], news[y - 1], scored[x - 1][y - 1][1]))
            x -= 1
            y -= 1
        elif score[x][y] == score[x - 1][y]:
            x -= 1
        else:
            y -= 1
    out.reverse()
    return out


def _match_greedy(a: _Side, olds: Sequence[int], b: _Side, news: Sequence[int]) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    start = 0
    for i in olds:
        best, best_s, best_y = 0.0, 0.0, -1
        for y in range(start, min(start + WINDOW, len(news))):
            w, s = _weight(a, i, b, news[y])
            if w > best:
                best, best_s, best_y = w, s, y
        if best_y >= 0 and best >= PAIR_CUTOFF:
            out.append((i, news[best_y], best_s))
            start = best_y + 1
    return out


def _moves(a: _Side, olds: list[int], b: _Side, news: list[int]) -> list[tuple[int, int, float]]:
    """Pair leftover blocks anywhere in the documents when they are similar enough."""
    if not olds or not news:
        return []
    postings: defaultdict[int | str, list[int]] = defaultdict(list)
    for i in olds:
        for g in a.grams(i):
            postings[g].append(i)
    scored: list[tuple[float, int, int]] = []
    for j in news:
        lists = [p for p in map(postings.get, b.grams(j)) if p and len(p) <= POSTING_LIMIT]
        hits: Counter[int] = Counter(chain.from_iterable(lists))  # counted in C
        for i, _ in hits.most_common(MOVE_CANDIDATES):
            if a.groups[i] != b.groups[j]:
                continue
            s = _sim(a, i, b, j)
            short = min(len(a.keys[i]), len(b.keys[j])) < MOVE_MIN_CHARS
            if s >= MOVE_CUTOFF and (not short or a.keys[i] == b.keys[j]):
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[2], t[1]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, s))
    return out


def align(old: Document, new: Document) -> list[Pair]:
    """Pair the blocks of *old* and *new*; see the module documentation.

    The passes run in one canonical orientation (the side whose keys sort
    first goes left), so ``align(b, a)`` pairs exactly what ``align(a, b)``
    pairs: swapping the versions mirrors ADD and SUP instead of re-deciding
    ties.

    >>> from resdiff import parse
    >>> [(p.old, p.new) for p in align(parse("a\\nb\\nc"), parse("a\\nc\\nd"))]
    [(0, 0), (1, None), (2, 1), (None, 2)]
    """
    return align_keyed(old, new)[0]


def align_keyed(old: Document, new: Document) -> tuple[list[Pair], list[str], list[str]]:
    """:func:`align`, with the :func:`body_key` of every block of each side (for the editorial test in
    :mod:`resdiff._compare`)."""
    keys: dict[str, str] = {}
    a, b = _Side(old, keys), _Side(new, keys)
    flip = (b.groups, b.keys) < (a.groups, a.keys)
    kept, moves = _pairs(b, a) if flip else _pairs(a, b)
    if flip:
        kept = [(i, j, s) for j, i, s in kept]
        moves = [(i, j, s) for j, i, s in moves]
    paired = {j: (i, s) for i, j, s in kept}  # new index -> (old index, similarity)
    moved = {j: (i, s) for i, j, s in moves}

    # a pair whose sections were paired with other sections has moved between sections
    forward: dict[int, int] = {}
    backward: dict[int, int] = {}
    for j, (i, _) in paired.items():
        if old.blocks[i].role is Role.SECTION and new.blocks[j].role is Role.SECTION:
            forward[old.blocks[i].section] = new.blocks[j].section
            backward[new.blocks[j].section] = old.blocks[i].section
    for j, (i, _) in list(paired.items()):
        if old.blocks[i].role is Role.SECTION:
            continue
        so, sn = old.blocks[i].section, new.blocks[j].section
        if (so in forward or sn in backward) and (forward.get(so) != sn or backward.get(sn) != so):
            moved[j] = paired.pop(j)

    return _reading_order(len(old.blocks), len(new.blocks), paired, moved), a.keys, b.keys


Triple = tuple[int, int, float]


def _pairs(a: _Side, b: _Side) -> tuple[list[Triple], list[Triple]]:
    """The three passes: (pairs kept in order, pairs found as moves), as (a index, b index, similarity)."""
    kept: list[Triple] = []
    prev_i = prev_j = -1
    n_a, n_b = len(a.keys), len(b.keys)
    for i, j in [*_anchors(a, b), (n_a, n_b)]:
        kept.extend(_match_gap(a, range(prev_i + 1, i), b, range(prev_j + 1, j)))
        if i < n_a:
            kept.append((i, j, 1.0))
        prev_i, prev_j = i, j
    used_a = {i for i, _, _ in kept}
    used_b = {j for _, j, _ in kept}
    left_a = [i for i in range(n_a) if i not in used_a]
    left_b = [j for j in range(n_b) if j not in used_b]
    return kept, _moves(a, left_a, b, left_b)


def _reading_order(
    n_old: int, n_new: int, paired: dict[int, tuple[int, float]], moved: dict[int, tuple[int, float]]
) -> list[Pair]:
    """New blocks in order; an old-only block goes before the first new block paired after it."""
    out: list[Pair] = []
    taken = {i for i, _ in paired.values()} | {i for i, _ in moved.values()}
    next_old = 0

    def flush_deleted(upto: int) -> None:
        nonlocal next_old
        while next_old < upto:
            if next_old not in taken:
                out.append(Pair(next_old, None, 1.0))
            next_old += 1

    for j in range(n_new):
        if j in paired:
            i, s = paired[j]
            flush_deleted(i)
            next_old = max(next_old, i + 1)
            out.append(Pair(i, j, s))
        elif j in moved:
            i, s = moved[j]
            out.append(Pair(i, j, s, moved=True))
        else:
            out.append(Pair(None, j, 1.0))
    flush_deleted(n_old)
    return out
