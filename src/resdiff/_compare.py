"""``compare(old, new)``: clause operations and the ITU symbol of the whole change.

Blocks are paired by :func:`resdiff._align.align`; each pair is diffed by
:func:`resdiff._inline.diff_text` only when its text differs, so unchanged
clauses cost nothing beyond their alignment (and never load a segmenter).

Clause operations: NOC (same text, same place), MOD (changed words or label),
MOVE (moved to another place or section, with or without edits), ADD, SUP.
A MOD is *editorial* when only labels, punctuation, width or spacing changed.

Document symbol: ADD when the old side is empty, SUP when the new side is
empty, NOC when every clause is NOC, (MOD) when every change is an editorial
MOD, MOD otherwise.
"""

from __future__ import annotations

import warnings

import regex

from resdiff._align import Pair, align_keyed
from resdiff._errors import InputError, ResdiffWarning
from resdiff._inline import diff_text
from resdiff._lines import LineMemo
from resdiff._model import (
    ChangeOp,
    ClauseChange,
    Comparison,
    Document,
    EditOp,
    Lang,
    Segment,
    Symbol,
)
from resdiff._normalize import fold
from resdiff._parse import parse_quietly

__all__ = ["compare", "editorial_key"]


def compare(old: Document | str, new: Document | str, *, lang: Lang | str | None = None) -> Comparison:
    """Compare two versions of a resolution (texts or parsed documents).

    >>> cmp = compare("resolves\\n1\\tto act;", "resolves\\n1\\tto act now;")
    >>> [c.op.value for c in cmp.changes], cmp.symbol.value
    (['NOC', 'MOD'], 'MOD')
    """
    memo: LineMemo = {}  # the lines both versions share are classified once
    old_doc = _as_document(old, lang, "old", memo)
    new_doc = _as_document(new, lang, "new", memo)
    pairs, old_keys, new_keys = align_keyed(old_doc, new_doc)
    changes = tuple(_change(old_doc, new_doc, pair, old_keys, new_keys) for pair in pairs)
    # a document's warnings already name its source ("old", "new" or the file name given to parse)
    notes = old_doc.warnings + new_doc.warnings
    return Comparison(old_doc, new_doc, changes, _symbol(old_doc, new_doc, changes), notes)


_CONTENT_DROP_RE = regex.compile(r"[\p{P}\p{S}\p{Z}\s]")


class _DropTable(dict[int, int | None]):
    """``str.translate`` table deleting what ``_CONTENT_DROP_RE`` matches, filled on first sight.

    A regex substitution pays per match (every space of an English clause);
    translating through a dict of the characters seen so far runs in C.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if _CONTENT_DROP_RE.match(chr(code)) else code
        self[code] = value
        return value


_CONTENT_DROP = _DropTable()


def editorial_key(key: str) -> str:
    """A block's :func:`~resdiff._align.body_key` without punctuation, symbols and spacing.

    Two paired blocks whose editorial keys are equal differ only editorially
    (labels, punctuation, width, spacing): their MOD is marked editorial.

    >>> editorial_key("the text， as amended;") == editorial_key("the text, as amended")
    True
    """
    return key.translate(_CONTENT_DROP)


def _as_document(value: Document | str, lang: Lang | str | None, side: str, memo: LineMemo) -> Document:
    if isinstance(value, Document):
        return value
    if isinstance(value, str):
        doc = parse_quietly(value, lang, side, memo)
        for message in doc.warnings:  # issued here as parse() would: from the caller's frame
            warnings.warn(message, ResdiffWarning, stacklevel=3)
        return doc
    raise InputError(f"{side}: expected a str or a parsed Document, got {type(value).__name__}")


def _change(old: Document, new: Document, pair: Pair, old_keys: list[str], new_keys: list[str]) -> ClauseChange:
    if pair.new is None:
        assert pair.old is not None
        block = old.blocks[pair.old]
        return ClauseChange(ChangeOp.SUP, pair.old, None, (Segment(EditOp.DELETE, block.text, block.span, None),))
    if pair.old is None:
        block = new.blocks[pair.new]
        return ClauseChange(ChangeOp.ADD, None, pair.new, (Segment(EditOp.INSERT, block.text, None, block.span),))
    ob, nb = old.blocks[pair.old], new.blocks[pair.new]
    if ob.text == nb.text:
        segments: tuple[Segment, ...] = (Segment(EditOp.EQUAL, nb.text, ob.span, nb.span),)
        op = ChangeOp.MOVE if pair.moved else ChangeOp.NOC
        return ClauseChange(op, pair.old, pair.new, segments, similarity=1.0)
    segments = diff_text(ob.text, nb.text, ob.span.start, nb.span.start)
    return ClauseChange(
        ChangeOp.MOVE if pair.moved else ChangeOp.MOD,
        pair.old,
        pair.new,
        segments,
        relabelled=fold(ob.label) != fold(nb.label),
        # only labels, punctuation, width or spacing differ
        editorial=editorial_key(old_keys[pair.old]) == editorial_key(new_keys[pair.new]),
        similarity=round(pair.similarity, 4),
    )


def _symbol(old: Document, new: Document, changes: tuple[ClauseChange, ...]) -> Symbol:
    if not old.blocks and new.blocks:
        return Symbol.ADD
    if old.blocks and not new.blocks:
        return Symbol.SUP
    if all(c.op is ChangeOp.NOC for c in changes):
        return Symbol.NOC
    if all(c.op is ChangeOp.NOC or (c.op is ChangeOp.MOD and c.editorial) for c in changes):
        return Symbol.EDITORIAL
    return Symbol.MOD

