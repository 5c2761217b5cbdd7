"""``compile(base, proposals)``: every proposal compared with BASE, unified on BASE's provisions.

1. BASE is parsed once; each proposal is compared with it by
   :func:`resdiff.compare` (the same alignment and token diff as ``resdiff
   diff``). A proposal's wrapper — its symbol and ID line, summary and Reasons
   — is left out of the compilation. A proposal given with the text it was
   built on (the old side of a Word file with tracked changes) is also
   compared with BASE: the *base check*.
2. Each comparison is read in its own reading order. Every BASE block gets the
   proposal's change to it (NOC, MOD, SUP or MOVE); every added block, and
   every moved one, is *anchored* after the last BASE block the proposal keeps
   in place before it (-1: the document's start).
3. One row per BASE block, in BASE order, with a status from the stances (see
   :class:`~resdiff._compile.model.ProvisionStatus` and
   :mod:`resdiff._compile.merge`); after each BASE block the rows added at that
   anchor: the same text (folded) added by several proposals is one AGREED row,
   different texts are SINGLE rows, ordered by their first proposer and by its
   order.
4. The merged draft walks the anchors the same way. A BASE provision stands at
   its place unless it is moved without conflict (then it stands at its new
   anchor); added rows stand after their anchor.

With one proposal the merged draft is that proposal's text, line for line: its
comparison's reading order is rebuilt exactly (tested as a property).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from resdiff._align import body_key
from resdiff._compare import compare
from resdiff._compile.merge import merge, pieces_from_segments
from resdiff._compile.model import (
    BASE_NAME,
    Alternative,
    Compilation,
    Contribution,
    MergeOp,
    Piece,
    Provision,
    ProvisionStatus,
    Stance,
)
from resdiff._errors import InputError
from resdiff._model import ChangeOp, ClauseChange, Comparison, Document, EditOp, Lang, Role
from resdiff._normalize import fold_text
from resdiff._parse import parse

__all__ = ["NAME_FORBIDDEN", "WRAPPER_ROLES", "ProposalInput", "Sides", "compile"]

# Blocks of a proposal document that are its wrapper, not the resolution's text.
WRAPPER_ROLES = frozenset({Role.PROPOSAL, Role.SUMMARY, Role.REASONS})

# Characters a proposal name may not hold: the merged draft writes names as "[ECP, APT: …]".
NAME_FORBIDDEN = frozenset("[]:,\t\n\r")



class Sides(Protocol):
    """Both sides of a marked proposal, as :func:`resdiff.read_docx` gives them (texts or parsed documents).

    ``new`` is the proposal; ``old`` the text it changes, checked against BASE.
    """

    @property
    def old(self) -> str | Document: ...

    @property
    def new(self) -> str | Document: ...


ProposalInput = str | Document | Sides  # what compile() takes for one proposal


def compile(  # resdiff.compile: shadows the builtin in this module only, which never calls it
    base: Document | str,
    proposals: Mapping[str, ProposalInput],
    *,
    lang: Lang | str | None = None,
) -> Compilation:
    """Compile proposals (name → text, parsed Document, or :func:`read_docx` sides) on BASE.

    Insertion order of *proposals* is the display order; statuses do not depend on it.

    >>> base = "resolves\\n1\\tto act;\\n2\\tto report;"
    >>> c = compile(base, {"ECP": "resolves\\n1\\tto act now;\\n2\\tto report;",
    ...                    "APT": "resolves\\n1\\tto act;\\n2\\tto report yearly;"})
    >>> [p.status.value for p in c.provisions]
    ['UNCHANGED', 'SINGLE', 'SINGLE']
    >>> c.merged.splitlines()[1:]
    ['1\\tto act now;', '2\\tto report yearly;']
    """
    if not isinstance(proposals, Mapping):
        raise InputError(f"proposals: expected a mapping of name to text, got {type(proposals).__name__}")
    if not proposals:
        raise InputError("compile needs at least one proposal")
    for name in proposals:
        _check_name(name)
    base_doc = _document(base, lang, BASE_NAME)
    entries = [_contribution(base_doc, name, value, lang) for name, value in proposals.items()]
    return _unify(base_doc, tuple(entries))


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"proposal name {name!r}: a name must be a non-empty str")
    if name == BASE_NAME:
        raise InputError(f"proposal name {name!r} is reserved for the text in force")
    bad = sorted(set(name) & NAME_FORBIDDEN)
    if bad:
        raise InputError(f"proposal name {name!r} holds {''.join(bad)!r}, which the merged draft uses as marks")


def _document(value: object, lang: Lang | str | None, source: str) -> Document:
    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        return parse(value, lang=lang, source=source)
    raise InputError(f"{source}: expected a str, a parsed Document or a Word file's sides, got {type(value).__name__}")


def _contribution(base: Document, name: str, value: ProposalInput, lang: Lang | str | None) -> Contribution:
    old: Document | None = None
    if isinstance(value, (str, Document)):
        new = _document(value, lang, name)
    elif isinstance(getattr(value, "new", None), (str, Document)) and isinstance(
        getattr(value, "old", None), (str, Document)
    ):
        new = _document(value.new, lang, name)
        old = _document(value.old, lang, f"{name} (old side)")
    else:
        kind = type(value).__name__
        raise InputError(f"{name}: expected a str, a parsed Document or a Word file's sides, got {kind}")
    comparison = compare(base, new)
    if old is None:
        return Contribution(name, comparison)
    check = compare(base, old)
    return Contribution(name, comparison, check, _mismatches(check))


def _mismatches(check: Comparison) -> tuple[ClauseChange, ...]:
    """The base check's changes that are more than width, spacing or Word artefacts (bookmarks)."""
    out = []
    for change in check.changes:
        if change.op is ChangeOp.NOC:
            continue
        if change.old is None and change.new is not None and check.new.blocks[change.new].role in WRAPPER_ROLES:
            continue
        if change.op is ChangeOp.MOD and change.old is not None and change.new is not None:
            a, b = check.old.blocks[change.old], check.new.blocks[change.new]
            if body_key(a.text) == body_key(b.text):
                continue
        out.append(change)
    return tuple(out)


# -- unification -------------------------------------------------------------------------------


def _placements(n_base: int, comparison: Comparison) -> tuple[list[Stance | None], dict[int, list[Stance]]]:
    """A proposal's stance on every BASE block, and what it puts after each anchor (ADD, MOVE), in order."""
    at_base: list[Stance | None] = [None] * n_base
    placed: dict[int, list[Stance]] = {}
    last = -1
    blocks = comparison.new.blocks
    for change in comparison.changes:
        if change.old is None:
            assert change.new is not None
            if blocks[change.new].role in WRAPPER_ROLES:
                continue
            placed.setdefault(last, []).append(Stance(ChangeOp.ADD, change, last))
        elif change.op is ChangeOp.MOVE:
            stance = Stance(ChangeOp.MOVE, change, last)
            at_base[change.old] = stance
            placed.setdefault(last, []).append(stance)
        else:
            at_base[change.old] = Stance(change.op, change)
            last = change.old
    return at_base, placed


def _new_text(change: ClauseChange) -> str:
    return "".join(s.text for s in change.segments if s.op is not EditOp.DELETE)


def _base_row(
    base: Document, b: int, stances: Sequence[Stance], names: Sequence[str]
) -> tuple[ProvisionStatus, tuple[Piece, ...]]:
    block = base.blocks[b]
    changers = [(i, s) for i, s in enumerate(stances) if s.op is not ChangeOp.NOC]
    if not changers:
        return ProvisionStatus.UNCHANGED, (Piece(MergeOp.EQUAL, block.text, (), block.span),)
    by = tuple(names[i] for i, _ in changers)
    ops = {s.op for _, s in changers}
    if ops == {ChangeOp.SUP}:
        status = ProvisionStatus.SINGLE if len(changers) == 1 else ProvisionStatus.AGREED
        return status, (Piece(MergeOp.DELETE, block.text, by, block.span),)
    anchors = {s.after for _, s in changers if s.op is ChangeOp.MOVE}
    if ChangeOp.SUP in ops or (ChangeOp.MOVE in ops and (ops != {ChangeOp.MOVE} or len(anchors) > 1)):
        alternatives = _provision_alternatives(block.text, stances, names)
        return ProvisionStatus.CONFLICT, (Piece(MergeOp.CONFLICT, block.text, (), block.span, alternatives),)
    first = changers[0][1].change
    if len(changers) == 1:
        return ProvisionStatus.SINGLE, pieces_from_segments(first.segments, block.span.start, by)
    if len({fold_text(_new_text(s.change)) for _, s in changers}) == 1:
        return ProvisionStatus.AGREED, pieces_from_segments(first.segments, block.span.start, by)
    return merge(base.text, block.span, [(i, s.change.segments) for i, s in changers], names)


def _provision_alternatives(base_text: str, stances: Sequence[Stance], names: Sequence[str]) -> tuple[Alternative, ...]:
    """Whole-provision readings, for a conflict with a suppression or a move in it."""
    groups: dict[tuple[ChangeOp, str], tuple[list[str], str]] = {}
    keepers: list[str] = []
    for name, stance in zip(names, stances):
        if stance.op is ChangeOp.NOC:
            keepers.append(name)
            continue
        text = "" if stance.op is ChangeOp.SUP else _new_text(stance.change)
        groups.setdefault((stance.op, fold_text(text)), ([], text))[0].append(name)
    out = [Alternative(tuple(by), op, text) for (op, _), (by, text) in groups.items()]
    if keepers:
        out.append(Alternative(tuple(keepers), ChangeOp.NOC, base_text))
    return tuple(out)


def _unify(base: Document, entries: tuple[Contribution, ...]) -> Compilation:
    names = [e.name for e in entries]
    n = len(base.blocks)
    placements = [_placements(n, e.comparison) for e in entries]

    rows: list[Provision] = []
    row_of_base: list[int] = [0] * n
    moved_free: set[int] = set()  # BASE blocks moved without conflict: they stand at their new anchor
    # per anchor, what follows it in the draft: ("row", row index) or ("move", BASE block)
    after_anchor: dict[int, list[tuple[str, int]]] = {}

    for anchor in range(-1, n):
        if anchor >= 0:
            stances = [p[0][anchor] for p in placements]
            assert all(s is not None for s in stances), "every BASE block has a change in every comparison"
            kept = [s for s in stances if s is not None]
            status, pieces = _base_row(base, anchor, kept, names)
            row_of_base[anchor] = len(rows)
            if status is not ProvisionStatus.CONFLICT and any(s.op is ChangeOp.MOVE for s in kept):
                moved_free.add(anchor)
            rows.append(Provision(anchor, anchor - 1, status, tuple(stances), pieces))
        follow = after_anchor.setdefault(anchor, [])
        for key, members in _groups(placements, anchor).items():
            if key[0] == "move":
                follow.append(("move", key[2]))
                continue
            by = tuple(names[i] for i in sorted(members))
            status = ProvisionStatus.SINGLE if len(members) == 1 else ProvisionStatus.AGREED
            change = members[min(members)].change
            text = _new_text(change)
            stances_row = tuple(members.get(i) for i in range(len(entries)))
            follow.append(("row", len(rows)))
            rows.append(Provision(None, anchor, status, stances_row, (Piece(MergeOp.INSERT, text, by, None),)))

    draft: list[int] = []
    for anchor in range(-1, n):
        if anchor >= 0 and anchor not in moved_free:
            draft.append(row_of_base[anchor])
        for kind, value in after_anchor[anchor]:
            if kind == "row":
                draft.append(value)
            elif value in moved_free:
                draft.append(row_of_base[value])
    merged = "".join(line + "\n" for line in (rows[k].new_text() for k in draft) if line)
    notes = base.warnings + tuple(w for e in entries for w in e.document.warnings)
    return Compilation(base, entries, tuple(rows), tuple(draft), merged, notes)


def _groups(
    placements: Sequence[tuple[list[Stance | None], dict[int, list[Stance]]]], anchor: int
) -> dict[tuple[str, str, int], dict[int, Stance]]:
    """What the proposals put after *anchor*, grouped: one added text (folded, nth copy) or one moved block.

    Keys come in order of their first proposer, then of that proposer's order.
    """
    groups: dict[tuple[str, str, int], dict[int, Stance]] = {}
    for i, (_, placed) in enumerate(placements):
        seen: dict[str, int] = {}
        for stance in placed.get(anchor, ()):
            if stance.op is ChangeOp.MOVE:
                assert stance.change.old is not None
                key = ("move", "", stance.change.old)
            else:
                text = fold_text(_new_text(stance.change))
                key = ("add", text, seen.get(text, 0))
                seen[text] = key[2] + 1
            groups.setdefault(key, {})[i] = stance
    return groups
