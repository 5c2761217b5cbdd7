"""The token-level three-way merge of several proposals' changes to one BASE provision.

Each proposal's change to a clause is read from the segments of its
comparison with BASE as *hunks*: BASE's characters ``[start, end)`` replaced by
a text (``start == end`` for a pure insertion, an empty text for a pure
deletion). The segments come from a token diff, so hunk edges are token
edges, and a proposal's own hunks are separated by at least one kept token.

Two hunks of different proposals **overlap** when

* both replace BASE text and share at least one BASE character
  (``s1 < e2 and s2 < e1``); two replacements that only touch do not overlap;
* one is an insertion at point ``p`` and the other replaces ``[s, e)`` with
  ``s <= p <= e``: the insertion lies inside the replaced text or on its edge,
  where the text it was written next to is gone;
* both are insertions at the same point.

Overlap is taken transitively: the hunks fall into *clusters*. In each
cluster every proposal that has hunks there gives its *reading* of the
cluster's BASE region (the region with that proposal's hunks applied). When
all the readings are the same once width and spacing are folded, the cluster
applies (identical changes agree); otherwise it is a conflict, and every
proposal's reading is an :class:`~resdiff._compile.model.Alternative` — the
proposals with no hunk in the cluster share BASE's own reading, listed last.
Clusters that apply are merged into BASE's text; the provision is COMPATIBLE
when no cluster conflicts, CONFLICT otherwise.

The work is linear in the number of hunks after sorting them, plus the
pairwise tests between hunks whose BASE ranges touch (a handful per cluster).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from resdiff._compile.model import Alternative, MergeOp, Piece, ProvisionStatus
from resdiff._model import ChangeOp, EditOp, Segment, Span
from resdiff._normalize import fold_text

__all__ = ["Hunk", "hunks", "merge", "overlap", "pieces_from_segments"]



@dataclass(frozen=True, slots=True)
class Hunk:
    """BASE's text ``[start, end)`` (``Document.text`` offsets) replaced by ``text``."""

    start: int
    end: int
    text: str

    @property
    def insertion(self) -> bool:
        return self.start == self.end


def hunks(segments: Sequence[Segment], start: int) -> list[Hunk]:
    """The hunks of one clause's segments; *start* is where the BASE clause begins.

    >>> from resdiff._inline import diff_text
    >>> hunks(diff_text("a b c", "a x c d"), 0)
    [Hunk(start=2, end=3, text='x'), Hunk(start=5, end=5, text=' d')]
    """
    out: list[Hunk] = []
    pos = start
    run_start: int | None = None
    inserted: list[str] = []
    for seg in segments:
        if seg.op is EditOp.EQUAL:
            if run_start is not None:
                out.append(Hunk(run_start, pos, "".join(inserted)))
                run_start, inserted = None, []
            assert seg.old is not None
            pos = seg.old.end
            continue
        if run_start is None:
            run_start = pos
        if seg.op is EditOp.DELETE:
            assert seg.old is not None
            pos = seg.old.end
        else:
            inserted.append(seg.text)
    if run_start is not None:
        out.append(Hunk(run_start, pos, "".join(inserted)))
    return out


def overlap(a: Hunk, b: Hunk) -> bool:
    """Whether two hunks overlap (see the module documentation).

    >>> overlap(Hunk(0, 2, "x"), Hunk(2, 4, "y")), overlap(Hunk(2, 2, "x"), Hunk(0, 2, "y"))
    (False, True)
    """
    if a.insertion and b.insertion:
        return a.start == b.start
    if a.insertion:
        return b.start <= a.start <= b.end
    if b.insertion:
        return a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def pieces_from_segments(segments: Sequence[Segment], start: int, by: tuple[str, ...]) -> tuple[Piece, ...]:
    """A clause's segments as merged-draft pieces, every change credited to *by*."""
    out: list[Piece] = []
    pos = start
    for seg in segments:
        if seg.op is EditOp.EQUAL:
            assert seg.old is not None
            out.append(Piece(MergeOp.EQUAL, seg.text, (), seg.old))
            pos = seg.old.end
        elif seg.op is EditOp.DELETE:
            assert seg.old is not None
            out.append(Piece(MergeOp.DELETE, seg.text, by, seg.old))
            pos = seg.old.end
        elif seg.text:
            out.append(Piece(MergeOp.INSERT, seg.text, by, Span(pos, pos)))
    return tuple(out)


@dataclass(slots=True)
class _Cluster:
    start: int
    end: int
    members: list[tuple[int, Hunk]]  # (proposal index, hunk), in BASE order


def _clusters(per_proposal: Sequence[tuple[int, Sequence[Hunk]]]) -> list[_Cluster]:
    """Connected components of the overlap relation, in BASE order."""
    items = sorted(((h.start, h.end, i, h) for i, hs in per_proposal for h in hs), key=lambda t: (t[0], t[1], t[2]))
    parent = list(range(len(items)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # only hunks whose closed ranges meet can overlap: sweep with the ones still open
    active: list[int] = []
    for k, (s, _, i, h) in enumerate(items):
        active = [m for m in active if items[m][1] >= s]
        for m in active:
            if items[m][2] != i and overlap(items[m][3], h):
                parent[root(k)] = root(m)
        active.append(k)
    groups: dict[int, _Cluster] = {}
    for k, (s, e, i, h) in enumerate(items):
        r = root(k)
        cluster = groups.get(r)
        if cluster is None:
            groups[r] = _Cluster(s, e, [(i, h)])
        else:
            cluster.start = min(cluster.start, s)
            cluster.end = max(cluster.end, e)
            cluster.members.append((i, h))
    return sorted(groups.values(), key=lambda c: (c.start, c.end))


def _reading(text: str, start: int, end: int, own: Sequence[Hunk]) -> str:
    """BASE's ``text[start:end]`` with one proposal's hunks applied."""
    out: list[str] = []
    pos = start
    for h in own:
        out.append(text[pos : h.start])
        out.append(h.text)
        pos = h.end
    out.append(text[pos:end])
    return "".join(out)


def merge(
    base_text: str,
    clause: Span,
    changers: Sequence[tuple[int, Sequence[Segment]]],
    names: Sequence[str],
) -> tuple[ProvisionStatus, tuple[Piece, ...]]:
    """Merge the changers' edits of one BASE clause: COMPATIBLE or CONFLICT, and the merged pieces.

    *changers* are (proposal index, segments of its change) for the proposals
    that change the clause; *names* are all the proposals' names, in order.
    """
    per_proposal = [(i, hunks(segments, clause.start)) for i, segments in changers]
    out: list[Piece] = []
    pos = clause.start
    conflict = False
    for cluster in _clusters(per_proposal):
        if pos < cluster.start:
            out.append(Piece(MergeOp.EQUAL, base_text[pos : cluster.start], (), Span(pos, cluster.start)))
        own: dict[int, list[Hunk]] = {}
        for i, h in cluster.members:
            own.setdefault(i, []).append(h)
        readings = {i: _reading(base_text, cluster.start, cluster.end, hs) for i, hs in sorted(own.items())}
        keys = {i: fold_text(r) for i, r in readings.items()}
        involved = tuple(names[i] for i in sorted(own))
        if len(set(keys.values())) == 1:
            first = min(own)
            out.extend(_applied(base_text, cluster, own[first], involved))
        else:
            conflict = True
            out.append(_conflict(base_text, cluster, readings, keys, names))
        pos = cluster.end
    if pos < clause.end:
        out.append(Piece(MergeOp.EQUAL, base_text[pos : clause.end], (), Span(pos, clause.end)))
    return (ProvisionStatus.CONFLICT if conflict else ProvisionStatus.COMPATIBLE), tuple(out)


def _applied(base_text: str, cluster: _Cluster, own: Sequence[Hunk], by: tuple[str, ...]) -> list[Piece]:
    out: list[Piece] = []
    pos = cluster.start
    for h in own:
        if pos < h.start:
            out.append(Piece(MergeOp.EQUAL, base_text[pos : h.start], (), Span(pos, h.start)))
        if h.start < h.end:
            out.append(Piece(MergeOp.DELETE, base_text[h.start : h.end], by, Span(h.start, h.end)))
        if h.text:
            out.append(Piece(MergeOp.INSERT, h.text, by, Span(h.end, h.end)))
        pos = h.end
    if pos < cluster.end:
        out.append(Piece(MergeOp.EQUAL, base_text[pos : cluster.end], (), Span(pos, cluster.end)))
    return out


def _conflict(
    base_text: str, cluster: _Cluster, readings: dict[int, str], keys: dict[int, str], names: Sequence[str]
) -> Piece:
    region = base_text[cluster.start : cluster.end]
    base_key = fold_text(region)
    groups: dict[str, tuple[list[str], str]] = {}
    keepers: list[str] = []
    for i, name in enumerate(names):
        if i not in readings or keys[i] == base_key:
            keepers.append(name)
            continue
        entry = groups.setdefault(keys[i], ([], readings[i]))
        entry[0].append(name)
    alternatives = [Alternative(tuple(by), ChangeOp.MOD, text) for by, text in groups.values()]
    if keepers:
        alternatives.append(Alternative(tuple(keepers), ChangeOp.NOC, region))
    return Piece(MergeOp.CONFLICT, region, (), Span(cluster.start, cluster.end), tuple(alternatives))
