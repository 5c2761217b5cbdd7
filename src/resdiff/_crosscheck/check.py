"""``crosscheck(a, b)``: do two language versions of one revision change the same provisions the same way?

Both comparisons are paired by structure (:mod:`resdiff._crosscheck.pairing`):
first the two old texts; then the two new texts, starting from what the old
pairing implies (a block that became new block *x* in one language and one
that became *y* in the other, when the two old blocks are paired and both
languages keep the clause at least :data:`SEED_SIMILARITY` alike, make *x*
and *y* a pair), so an item added in one language only cannot shift every
later pair. Then each language's changes are linked to the other's through
their paired blocks, and every group of linked changes is judged once:

* one language has nothing there: an ``op-mismatch`` when the other only
  *added* text there (an ADD against nothing), a ``structure-mismatch``
  otherwise (a block of one language's old text has no counterpart);
* a block of either old text has no counterpart: ``structure-mismatch``;
  a block of a new text only: ``op-mismatch`` (SUP against MOD, NOC against SUP);
* every block paired: section headings of different kinds, or labels that
  differ (``e)``→``i)`` against ``e)``→``h)``), are a ``structure-mismatch`` —
  unless each of the two labels is what its own place in its list gives, so
  the difference is the renumbering after an item added, deleted or moved in
  one language only, which is reported itself; then, for one change on each
  side, differing operations are an ``op-mismatch`` (an editorial-only MOD
  counts as no change: punctuation and width are each language's own); then
  a difference in the facts the group's changes add or remove
  (:mod:`resdiff._facts`) is a ``number-mismatch``. Several changes on a side
  (a MOD in one language, a SUP and an ADD of the same clauses in the other)
  are each language's diff linking the same clauses differently, not a
  finding in themselves;
* the heading's group compares the heading facts (type, number, revision
  marker, year, place when both places are known): ``heading-mismatch``.

One finding per group at most, the first that applies in that order, so one
error is reported once and not again through its consequences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from resdiff._crosscheck.model import CrossCheck, Finding, FindingKind, LangProvision, Row, side_names
from resdiff._crosscheck.pairing import ROOT, Tree, label_key, label_ordinal, pair_blocks, tree
from resdiff._errors import InputError
from resdiff._facts import Fact, extract_facts
from resdiff._model import ChangeOp, ClauseChange, Comparison, Document, Heading, Lang, Role
from resdiff._normalize import nfkc

__all__ = ["SEED_SIMILARITY", "crosscheck"]


def crosscheck(a: Comparison, b: Comparison) -> CrossCheck:
    """Check that comparison *b* (one language) changes the same provisions the same way as *a* (another).

    >>> import resdiff
    >>> zh = resdiff.compare("做出决议\\n1\\t于2024年举行；", "做出决议\\n1\\t于2026年举行；")
    >>> en = resdiff.compare("resolves\\n1\\tto meet in 2024;", "resolves\\n1\\tto meet in 2025;")
    >>> [(f.kind.value, f.a.id, f.detail) for f in crosscheck(zh, en).findings]
    [('number-mismatch', 'sec_1__item_1', 'inserted year 2026 in zh, year 2025 in en')]
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Comparison):
            raise InputError(f"crosscheck: {name} must be a Comparison, got {type(value).__name__}")
    return _Check(a, b).run()


@dataclass(frozen=True, slots=True)
class _Side:
    """One language: its comparison, block trees, pairings to the other language and change lookups."""

    cmp: Comparison
    lang: Lang
    name: str  # how messages name it: "zh", or "zh/a" when both sides are Chinese
    old_tree: Tree
    new_tree: Tree
    old_pairs: Mapping[int, int]  # this language's old block -> the other's
    new_pairs: Mapping[int, int]
    change_of_old: Mapping[int, int]  # old block -> index into cmp.changes
    change_of_new: Mapping[int, int]


def _lang(cmp: Comparison) -> Lang:
    return cmp.new.lang if cmp.new.blocks else cmp.old.lang


def _lookups(cmp: Comparison) -> tuple[dict[int, int], dict[int, int]]:
    old: dict[int, int] = {}
    new: dict[int, int] = {}
    for i, change in enumerate(cmp.changes):
        if change.old is not None:
            old[change.old] = i
        if change.new is not None:
            new[change.new] = i
    return old, new


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.up = list(range(n))

    def find(self, x: int) -> int:
        while self.up[x] != x:
            self.up[x] = self.up[self.up[x]]
            x = self.up[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.up[max(rx, ry)] = min(rx, ry)


# Similarity (0..1, as ClauseChange.similarity) both languages' changes of a clause need before the
# new-text pair is taken from the old-text pair. Below it, whether a rewritten clause is "the same
# clause" is each language's diff judgement (an English rewrite keeps its function words and pairs
# where the Chinese one does not), so labels and positions decide instead. Renumbering alone keeps
# similarity 1.0, which is what the seed is for: an item added in one language only must not shift
# every later pair.
SEED_SIMILARITY = 0.8


class _Check:
    def __init__(self, a: Comparison, b: Comparison) -> None:
        old_ab = pair_blocks(a.old, b.old)
        b_new_of_old = {
            c.old: (c.new, c.similarity) for c in b.changes if c.old is not None and c.new is not None
        }
        seed = {}
        for c in a.changes:
            if c.old is not None and c.new is not None and c.old in old_ab and c.similarity >= SEED_SIMILARITY:
                target, sim = b_new_of_old.get(old_ab[c.old], (None, 0.0))
                if target is not None and sim >= SEED_SIMILARITY:
                    seed[c.new] = target
        new_ab = pair_blocks(a.new, b.new, seed)
        a_old, a_new = _lookups(a)
        b_old, b_new = _lookups(b)
        name_a, name_b = side_names(_lang(a), _lang(b))
        self.sa = _Side(a, _lang(a), name_a, tree(a.old), tree(a.new), old_ab, new_ab, a_old, a_new)
        inverse_old = {y: x for x, y in old_ab.items()}
        inverse_new = {y: x for x, y in new_ab.items()}
        self.sb = _Side(b, _lang(b), name_b, tree(b.old), tree(b.new), inverse_old, inverse_new, b_old, b_new)
        self._sibling_index: dict[tuple[int, bool, int], dict[int, int]] = {}
        self._heading_done = False  # the heading facts are compared once, in the first group that holds a heading

    # -- grouping -----------------------------------------------------------------------------

    def run(self) -> CrossCheck:
        na = len(self.sa.cmp.changes)
        uf = _UnionFind(na + len(self.sb.cmp.changes))
        for i, c in enumerate(self.sa.cmp.changes):
            if c.old is not None and c.old in self.sa.old_pairs:
                j = self.sb.change_of_old.get(self.sa.old_pairs[c.old])
                if j is not None:
                    uf.union(i, na + j)
            if c.new is not None and c.new in self.sa.new_pairs:
                j = self.sb.change_of_new.get(self.sa.new_pairs[c.new])
                if j is not None:
                    uf.union(i, na + j)
        # a block without a counterpart whose container has none either is part of that container's story
        for side, offset in ((self.sa, 0), (self.sb, na)):
            for t, paired, change_of in (
                (side.old_tree, side.old_pairs, side.change_of_old),
                (side.new_tree, side.new_pairs, side.change_of_new),
            ):
                for x, p in enumerate(t.parent):
                    if p != ROOT and x not in paired and p not in paired and x in change_of and p in change_of:
                        uf.union(offset + change_of[x], offset + change_of[p])
        groups: dict[int, tuple[list[int], list[int]]] = {}
        for n in range(uf.up.__len__()):
            ga, gb = groups.setdefault(uf.find(n), ([], []))
            (ga if n < na else gb).append(n if n < na else n - na)
        ordered = self._reading_order(list(groups.values()))
        rows: list[Row] = []
        findings: list[Finding] = []
        pairs = 0
        unpaired: list[LangProvision] = []
        for ga, gb in ordered:
            finding = self._judge(ga, gb)
            index = None
            if finding is not None:
                index = len(findings)
                findings.append(finding)
            rows.append(Row(tuple(ga), tuple(gb), index))
            lone_a = [i for i in ga if self._lone(self.sa, i)]
            lone_b = [j for j in gb if self._lone(self.sb, j)]
            if len(ga) == 1 and len(gb) == 1 and not lone_a and not lone_b:
                pairs += 1
            unpaired.extend(self._provision(self.sa, i) for i in lone_a)
            unpaired.extend(self._provision(self.sb, j) for j in lone_b)
        return CrossCheck(self.sa.cmp, self.sb.cmp, tuple(rows), tuple(findings), pairs, tuple(unpaired))

    def _reading_order(self, groups: list[tuple[list[int], list[int]]]) -> list[tuple[list[int], list[int]]]:
        """Groups in the first language's reading order; a group of the second language only goes after
        the group that holds the second language's change just before it."""
        for ga, gb in groups:
            ga.sort()
            gb.sort()
        anchor_of_b = [-1] * len(self.sb.cmp.changes)  # b change -> first a change of its group, -1 if none
        for ga, gb in groups:
            for j in gb:
                anchor_of_b[j] = ga[0] if ga else -1
        last_anchor = []  # for each b change: the anchor of the nearest b change before it that has one
        current = -1
        for j in range(len(anchor_of_b)):
            last_anchor.append(current)
            if anchor_of_b[j] >= 0:
                current = anchor_of_b[j]
        keyed = []
        for ga, gb in groups:
            if ga:
                keyed.append(((ga[0], 0, 0), ga, gb))
            else:
                keyed.append(((last_anchor[gb[0]], 1, gb[0]), ga, gb))
        keyed.sort(key=lambda t: t[0])
        return [(ga, gb) for _, ga, gb in keyed]

    # -- judging ------------------------------------------------------------------------------

    def _lone(self, side: _Side, i: int) -> bool:
        """Whether change *i* of *side* has a block without a counterpart in the other language."""
        c = side.cmp.changes[i]
        lone_old = c.old is not None and c.old not in side.old_pairs
        return lone_old or (c.new is not None and c.new not in side.new_pairs)

    def _judge(self, ga: Sequence[int], gb: Sequence[int]) -> Finding | None:
        sa, sb = self.sa, self.sb
        changes_a = [sa.cmp.changes[i] for i in ga]
        changes_b = [sb.cmp.changes[j] for j in gb]
        heading = any(self._is_heading(sa, c) for c in changes_a) or any(self._is_heading(sb, c) for c in changes_b)
        if heading and not self._heading_done:
            self._heading_done = True
            detail = self._heading_detail()
            if detail:
                return self._finding(FindingKind.HEADING_MISMATCH, ga, gb, detail)
        if not ga or not gb:
            side, group, other = (sa, ga, sb) if ga else (sb, gb, sa)
            ops = [side.cmp.changes[i].op for i in group]
            what = self._what(side, group)
            if all(op is ChangeOp.ADD for op in ops):
                return self._finding(
                    FindingKind.OP_MISMATCH,
                    ga,
                    gb,
                    f"ADD in {side.name}, nothing in {other.name}: {what} is not added there",
                )
            return self._finding(
                FindingKind.STRUCTURE_MISMATCH,
                ga,
                gb,
                f"{what} is in the {side.name} text only",
            )
        old_lone = [(s, i) for s, g in ((sa, ga), (sb, gb)) for i in g if self._lone_old(s, i)]
        if old_lone:
            side, i = old_lone[0]
            other = sb if side is sa else sa
            return self._finding(
                FindingKind.STRUCTURE_MISMATCH,
                ga,
                gb,
                f"{self._name(side.cmp.old, side.cmp.changes[i].old or 0)} of the {side.name} old text "
                f"has no counterpart in the {other.name} old text",
            )
        if any(self._lone(sa, i) for i in ga) or any(self._lone(sb, j) for j in gb):
            return self._finding(
                FindingKind.OP_MISMATCH, ga, gb, f"{self._ops(sa, ga)} in {sa.name}, "
                f"{self._ops(sb, gb)} in {sb.name}"
            )
        structure = self._structure(changes_a)
        if structure:
            return self._finding(FindingKind.STRUCTURE_MISMATCH, ga, gb, structure)
        eff_a = [_effective(c) for c in changes_a]
        eff_b = [_effective(c) for c in changes_b]
        if len(ga) == 1 and len(gb) == 1 and eff_a != eff_b:
            # (several changes on a side: each language's diff linked the same old and new clauses
            # differently, a MOD here against a SUP and an ADD there; the facts below still count)
            return self._finding(
                FindingKind.OP_MISMATCH,
                ga,
                gb,
                f"{_symbol(changes_a[0])} in {sa.name}, {_symbol(changes_b[0])} in {sb.name}"
                + _op_hint(eff_a[0], eff_b[0], sa.name, sb.name),
            )
        if heading or all(e == "NOC" for e in eff_a + eff_b):
            return None
        numbers = self._numbers(changes_a, changes_b)
        if numbers:
            return self._finding(FindingKind.NUMBER_MISMATCH, ga, gb, numbers)
        return None

    def _is_heading(self, side: _Side, c: ClauseChange) -> bool:
        return (c.old is not None and side.cmp.old.blocks[c.old].role is Role.HEADING) or (
            c.new is not None and side.cmp.new.blocks[c.new].role is Role.HEADING
        )

    def _lone_old(self, side: _Side, i: int) -> bool:
        c = side.cmp.changes[i]
        return c.old is not None and c.old not in side.old_pairs

    def _structure(self, changes_a: Sequence[ClauseChange]) -> str:
        """What differs in the structure of a group whose blocks are all paired: section kinds, then
        labels ("" when nothing)."""
        sa, sb = self.sa, self.sb
        la, lb = sa.name, sb.name
        block_pairs = []
        for c in changes_a:
            if c.old is not None:
                block_pairs.append((True, c.old, sa.old_pairs[c.old]))
            if c.new is not None:
                block_pairs.append((False, c.new, sa.new_pairs[c.new]))
        for old, xa, xb in block_pairs:
            doc_a = sa.cmp.old if old else sa.cmp.new
            doc_b = sb.cmp.old if old else sb.cmp.new
            kind_a, kind_b = _section_kind(doc_a, xa), _section_kind(doc_b, xb)
            if kind_a != kind_b:
                return (
                    f"the {'old' if old else 'new'} section heading is "
                    f"'{kind_a or doc_a.blocks[xa].role.value}' in {la}, "
                    f"'{kind_b or doc_b.blocks[xb].role.value}' in {lb}"
                )
        for old, xa, xb in block_pairs:
            doc_a = sa.cmp.old if old else sa.cmp.new
            doc_b = sb.cmp.old if old else sb.cmp.new
            ka, kb = label_key(doc_a.blocks[xa].label), label_key(doc_b.blocks[xb].label)
            if ka == kb:
                continue
            oa, ob = label_ordinal(ka), label_ordinal(kb)
            if oa is not None and ob is not None and oa - self._index(sa, old, xa) == ob - self._index(sb, old, xb):
                continue  # each label is what its own place in its list gives: the renumbering follows from
                # an item added, deleted or moved in one language only, which is reported itself
            ca = sa.cmp.changes[(sa.change_of_old if old else sa.change_of_new)[xa]]
            cb = sb.cmp.changes[(sb.change_of_old if old else sb.change_of_new)[xb]]
            return f"labels differ: {_relabel(sa, ca)} in {la}, {_relabel(sb, cb)} in {lb}"
        return ""

    def _index(self, side: _Side, old: bool, x: int) -> int:
        """The place of block *x* among its siblings (0-based)."""
        t = side.old_tree if old else side.new_tree
        key = (id(side), old, t.parent[x])
        index = self._sibling_index.get(key)
        if index is None:
            index = {y: k for k, y in enumerate(t.children.get(t.parent[x], ()))}
            self._sibling_index[key] = index
        return index.get(x, 0)

    def _numbers(self, changes_a: Sequence[ClauseChange], changes_b: Sequence[ClauseChange]) -> str:
        """How the facts a group's changes remove and add differ between the languages ("" when they agree)."""
        la, lb = self.sa.name, self.sb.name
        removed_a, added_a = _fact_change(self.sa.cmp, changes_a)
        removed_b, added_b = _fact_change(self.sb.cmp, changes_b)
        parts = []
        for verb, xa, xb in (("deleted", removed_a, removed_b), ("inserted", added_a, added_b)):
            if xa == xb:
                continue
            only_a, only_b = _facts_text(xa - xb), _facts_text(xb - xa)
            parts.append(f"{verb} {only_a or 'nothing more'} in {la}, {only_b or 'nothing more'} in {lb}")
        return "; ".join(parts)

    def _heading_detail(self) -> str:
        la, lb = self.sa.name, self.sb.name
        parts = []
        for version, ha, hb in (
            ("old", self.sa.cmp.old.heading, self.sb.cmp.old.heading),
            ("new", self.sa.cmp.new.heading, self.sb.cmp.new.heading),
        ):
            if ha is None and hb is None:
                continue
            if ha is None or hb is None:
                missing = la if ha is None else lb
                parts.append(f"the {version} text has no heading in {missing}")
                continue
            diffs = [f"{name} {x} in {la}, {y} in {lb}" for name, x, y in _heading_facts(ha, hb)]
            if diffs:
                parts.append(f"{version} heading: " + ", ".join(diffs))
        return "; ".join(parts)

    # -- describing -------------------------------------------------------------------------

    def _finding(self, kind: FindingKind, ga: Sequence[int], gb: Sequence[int], detail: str) -> Finding:
        return Finding(kind, self._principal(self.sa, ga), self._principal(self.sb, gb), detail)

    def _principal(self, side: _Side, group: Sequence[int]) -> LangProvision:
        """The change a finding names for one side: the first that is not NOC, else the first; or nothing."""
        if not group:
            return LangProvision(side.lang, "", "", None, "")
        for i in group:
            if side.cmp.changes[i].op is not ChangeOp.NOC:
                return self._provision(side, i)
        return self._provision(side, group[0])

    def _provision(self, side: _Side, i: int) -> LangProvision:
        c = side.cmp.changes[i]
        doc, index = (side.cmp.new, c.new) if c.new is not None else (side.cmp.old, c.old)
        assert index is not None
        block = doc.blocks[index]
        return LangProvision(side.lang, block.id, block.label, c.op, block.text, i, c.editorial)

    def _what(self, side: _Side, group: Sequence[int]) -> str:
        """'item c)', 'section "noting" with 3 items' … for the blocks of a one-sided group."""
        first = side.cmp.changes[group[0]]
        doc, index = (side.cmp.new, first.new) if first.new is not None else (side.cmp.old, first.old)
        assert index is not None
        name = self._name(doc, index)
        rest = len(group) - 1
        return name + (f" with {rest} more paragraph{'s' if rest > 1 else ''}" if rest else "")

    def _name(self, doc: Document, index: int) -> str:
        block = doc.blocks[index]
        block_id = block.id
        if block.role is Role.SECTION:
            kind = _section_kind(doc, index)
            return f"section '{kind}' ({block_id})"
        if block.role is Role.ITEM:
            return f"item {block.label or '(unlabelled)'} ({block_id})"
        return f"{block.role.value} ({block_id})"

    def _ops(self, side: _Side, group: Sequence[int]) -> str:
        if not group:
            return "nothing"
        return " + ".join(_symbol(side.cmp.changes[i]) for i in group)


def _effective(c: ClauseChange) -> str:
    """The op for comparing across languages: an editorial-only MOD is as good as NOC."""
    if c.op is ChangeOp.MOD and c.editorial:
        return "NOC"
    return c.op.value


def _symbol(c: ClauseChange) -> str:
    return "(MOD)" if c.op is ChangeOp.MOD and c.editorial else c.op.value


def _op_hint(eff_a: str, eff_b: str, la: str, lb: str) -> str:
    if eff_b == "NOC":
        return f": the change is not in {lb}"
    if eff_a == "NOC":
        return f": the change is not in {la}"
    return ""


def _section_kind(doc: Document, index: int) -> str:
    if doc.blocks[index].role is not Role.SECTION:
        return ""
    for section in doc.sections:
        if section.block == index:
            return section.kind.value
    return ""


def _relabel(side: _Side, c: ClauseChange) -> str:
    old = side.cmp.old.blocks[c.old].label if c.old is not None else ""
    new = side.cmp.new.blocks[c.new].label if c.new is not None else ""
    return f"{old or '-'}→{new or '-'}"


def _body(doc: Document, index: int | None) -> str:
    if index is None:
        return ""
    block = doc.blocks[index]
    return doc.text[block.body.start : block.body.end]


def _fact_change(cmp: Comparison, changes: Sequence[ClauseChange]) -> tuple[Counter[Fact], Counter[Fact]]:
    """The facts *changes* remove and add: what their old texts have more of, what their new texts have more of."""
    old: Counter[Fact] = Counter()
    new: Counter[Fact] = Counter()
    for c in changes:
        old.update(extract_facts(_body(cmp.old, c.old)))
        new.update(extract_facts(_body(cmp.new, c.new)))
    return old - new, new - old


def _facts_text(facts: Counter[Fact]) -> str:
    return ", ".join(str(f) if n == 1 else f"{f} ×{n}" for f, n in sorted(facts.items(), key=_fact_order))


def _fact_order(item: tuple[Fact, int]) -> tuple[str, str]:
    return item[0].kind.value, item[0].value


def _heading_facts(a: Heading, b: Heading) -> Iterable[tuple[str, str, str]]:
    """(name, value in a, value in b) for each heading fact that differs; an unknown place matches any."""
    ma, mb = a.meeting, b.meeting
    pairs = [
        ("type", a.doc_type.value, b.doc_type.value),
        ("number", nfkc(a.number), nfkc(b.number)),
        ("revision", a.revision.value, b.revision.value),
        ("year", str(ma.year) if ma and ma.year else "-", str(mb.year) if mb and mb.year else "-"),
    ]
    place_a, place_b = (ma.place_key if ma else ""), (mb.place_key if mb else "")
    if place_a and place_b:
        pairs.append(("place", place_a, place_b))
    return [(name, x, y) for name, x, y in pairs if x != y]
