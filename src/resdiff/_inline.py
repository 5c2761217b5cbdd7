"""Token diff inside one pair of clauses, with marks that read like a drafter's.

Computation first, readability after, as diff-match-patch itself is built:

1. both texts are cut into tokens (:mod:`resdiff._segment`) and the token
   keys are diffed by :func:`resdiff._diffengine.diff_keys` (diff-match-patch
   over one character per distinct key), so the unit is a word, a number or a
   punctuation mark, and a full-width/half-width or TAB/space difference does
   not disturb the alignment;
2. a semantic cleanup folds an equality that sits between two replacements
   into them when it is no longer (in characters) than either, so a replaced
   phrase is one hunk, not a crumb trail. diff-match-patch's own
   ``diff_cleanupSemantic`` applies that rule to *encoded* characters, i.e. it
   counts tokens: it then swallows real two-character words between one-token
   edits (``[-以及找出最佳-]{+并找出+}`` where a drafter writes
   ``[-以及-]{+并+}找出[-最佳-]``), and it also folds context next to pure
   insertions, so resdiff applies the rule itself, in characters;
3. equal runs whose original text differs only by width or spacing become
   their own small delete+insert, so the round trip stays exact;
4. within each change region deletions come before insertions (``[-old-]{+new+}``).

The diff runs in one canonical orientation (the smaller text on the left) and
is mirrored when needed, so swapping the versions swaps the marks exactly.

Invariants: concatenating the texts of equal and delete segments rebuilds the
old clause; equal and insert segments rebuild the new one.

Very long clauses are bounded: past :data:`MAX_TOKENS` tokens on either side,
the texts are first diffed sentence by sentence and only the changed sentence
runs are diffed by tokens, recursively; a run still too long after that is
marked as one replacement. This keeps the worst case near-linear and the output
deterministic (no time-outs).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from resdiff._diffengine import diff_keys
from resdiff._model import EditOp, Segment, Span
from resdiff._segment import Token, tokenize

__all__ = ["MAX_TOKENS", "diff_text"]

# Tokens per side above which a clause is first split into sentences (see module doc).
# 4,000 tokens ≈ 12,000 Chinese characters; a real ITU clause has a few hundred.
MAX_TOKENS = 4000


class _Builder:
    """Collects segments, merging neighbours and ordering deletes before inserts."""

    def __init__(self, old_text: str, new_text: str, old_offset: int, new_offset: int) -> None:
        self.old_text, self.new_text = old_text, new_text
        self.old_offset, self.new_offset = old_offset, new_offset
        self.out: list[Segment] = []
        self.pending_del: tuple[int, int] | None = None
        self.pending_ins: tuple[int, int] | None = None

    def delete(self, start: int, end: int) -> None:
        if start == end:
            return
        if self.pending_del and self.pending_del[1] == start:
            start = self.pending_del[0]
        elif self.pending_del:
            self._flush()
        self.pending_del = (start, end)

    def insert(self, start: int, end: int) -> None:
        if start == end:
            return
        if self.pending_ins and self.pending_ins[1] == start:
            start = self.pending_ins[0]
        elif self.pending_ins:
            self._flush()
        self.pending_ins = (start, end)

    def same_text(self, a0: int, a1: int, b0: int, b1: int) -> bool:
        return self.old_text[a0:a1] == self.new_text[b0:b1]

    def equal(self, a0: int, a1: int, b0: int, b1: int) -> None:
        if a0 == a1:
            return
        self._flush()
        last = self.out[-1] if self.out else None
        if (
            last is not None
            and last.op is EditOp.EQUAL
            and last.old
            and last.new
            and last.old.end == a0 + self.old_offset
            and last.new.end == b0 + self.new_offset
        ):
            a0 = last.old.start - self.old_offset
            b0 = last.new.start - self.new_offset
            self.out.pop()
        self.out.append(
            Segment(
                EditOp.EQUAL,
                self.new_text[b0:b1],
                Span(a0 + self.old_offset, a1 + self.old_offset),
                Span(b0 + self.new_offset, b1 + self.new_offset),
            )
        )

    def _flush(self) -> None:
        if self.pending_del:
            s, e = self.pending_del
            self.out.append(
                Segment(EditOp.DELETE, self.old_text[s:e], Span(s + self.old_offset, e + self.old_offset), None)
            )
        if self.pending_ins:
            s, e = self.pending_ins
            self.out.append(
                Segment(EditOp.INSERT, self.new_text[s:e], None, Span(s + self.new_offset, e + self.new_offset))
            )
        self.pending_del = self.pending_ins = None

    def finish(self) -> tuple[Segment, ...]:
        self._flush()
        return tuple(self._absorb_crumbs(self.out))

    def _absorb_crumbs(self, segs: list[Segment]) -> list[Segment]:
        """Fold an equality between two replacements into them when it is no longer than either.

        diff-match-patch's semantic rule, applied again in characters: its first
        pass counted tokens, which lets ``年，`` survive between ``2016``→``2024``
        and ``哈马马特``→``新德里``; a drafter marks the whole marker as one hunk.

        One pass from left to right over a stack of hunks, merging the leftmost
        foldable equality first as a rescan from the start would: a merge only
        widens the replacement on top of the stack, so the one equality that can
        newly fold is the one just below it, and the loop looks there again.
        """
        if len(segs) < 5:  # two replacements and an equality take five segments at least
            return segs
        stack: list[list[Segment]] = []
        folded = False
        for hunk in _hunks(segs):
            stack.append(hunk)
            while len(stack) >= 3 and _foldable(stack[-3], stack[-2], stack[-1]):
                stack[-3:] = [self._merge([*stack[-3], *stack[-2], *stack[-1]])]
                folded = True
        return [seg for hunk in stack for seg in hunk] if folded else segs

    def _merge(self, run: list[Segment]) -> list[Segment]:
        """One delete and one insert covering a run of segments."""
        olds = [s.old for s in run if s.old is not None]
        news = [s.new for s in run if s.new is not None]
        out = []
        if olds:
            a0, a1 = olds[0].start, olds[-1].end
            text = self.old_text[a0 - self.old_offset : a1 - self.old_offset]
            out.append(Segment(EditOp.DELETE, text, Span(a0, a1), None))
        if news:
            b0, b1 = news[0].start, news[-1].end
            text = self.new_text[b0 - self.new_offset : b1 - self.new_offset]
            out.append(Segment(EditOp.INSERT, text, None, Span(b0, b1)))
        return out


def _hunks(segs: list[Segment]) -> list[list[Segment]]:
    """Group segments into hunks: each equal segment alone, each run of the others together."""
    out: list[list[Segment]] = []
    for seg in segs:
        if seg.op is not EditOp.EQUAL and out and out[-1][0].op is not EditOp.EQUAL:
            out[-1].append(seg)
        else:
            out.append([seg])
    return out


def _foldable(before: list[Segment], eq: list[Segment], after: list[Segment]) -> bool:
    """An equality between two replacements, no longer (in characters) than either of them."""
    if eq[0].op is not EditOp.EQUAL or before[0].op is EditOp.EQUAL or after[0].op is EditOp.EQUAL:
        return False
    # only between two replacements: next to a pure insertion or deletion the
    # kept word is real context a drafter leaves unmarked (CTO{+或CxO+}会议)
    if not (_is_replacement(before) and _is_replacement(after)):
        return False
    size = len(eq[0].text)
    return size <= _hunk_size(before) and size <= _hunk_size(after)


def _is_replacement(run: list[Segment]) -> bool:
    return {s.op for s in run} == {EditOp.DELETE, EditOp.INSERT}


def _hunk_size(run: list[Segment]) -> int:
    """Characters of the larger side of a change hunk."""
    deleted = sum(len(s.text) for s in run if s.op is EditOp.DELETE)
    inserted = sum(len(s.text) for s in run if s.op is EditOp.INSERT)
    return max(deleted, inserted)


def _emit_tokens(build: _Builder, a: Sequence[Token], b: Sequence[Token]) -> None:
    """Diff token lists and feed the builder; token spans are relative to the clause texts."""
    if not a and not b:
        return
    if len(a) > MAX_TOKENS or len(b) > MAX_TOKENS:
        _emit_by_sentences(build, a, b)
        return
    for op, i0, i1, j0, j1 in diff_keys([t.key for t in a], [t.key for t in b]):
        if op is EditOp.DELETE:
            build.delete(a[i0].start, a[i1 - 1].end)
        elif op is EditOp.INSERT:
            build.insert(b[j0].start, b[j1 - 1].end)
        else:
            a0, a1, b0, b1 = a[i0].start, a[i1 - 1].end, b[j0].start, b[j1 - 1].end
            if build.same_text(a0, a1, b0, b1):  # the usual case: nothing to split off
                build.equal(a0, a1, b0, b1)
                continue
            # equal keys; split off the tokens whose original text differs (width, spacing)
            k = 0
            n = i1 - i0
            while k < n:
                ta, tb = a[i0 + k], b[j0 + k]
                if ta.text == tb.text:
                    m = k
                    while m < n and a[i0 + m].text == b[j0 + m].text:
                        m += 1
                    build.equal(
                        ta.start, a[i0 + m - 1].end, tb.start, b[j0 + m - 1].end
                    )
                else:
                    m = k
                    while m < n and a[i0 + m].text != b[j0 + m].text:
                        m += 1
                    build.delete(ta.start, a[i0 + m - 1].end)
                    build.insert(tb.start, b[j0 + m - 1].end)
                k = m


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token index ranges of sentences (ending at 。；;!? or a line break)."""
    out: list[tuple[int, int]] = []
    start = 0
    for k, tok in enumerate(tokens):
        if tok.key[-1:] in "。;；!?！？.\n" and tok.key.strip():
            out.append((start, k + 1))
            start = k + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


def _emit_by_sentences(build: _Builder, a: Sequence[Token], b: Sequence[Token]) -> None:
    sa, sb = _sentences(a), _sentences(b)
    if len(sa) <= 1 and len(sb) <= 1:
        # one enormous sentence on each side: mark it as one replacement (bounded work)
        if a:
            build.delete(a[0].start, a[-1].end)
        if b:
            build.insert(b[0].start, b[-1].end)
        return
    keys_a = ["".join(t.key for t in a[s:e]) for s, e in sa]
    keys_b = ["".join(t.key for t in b[s:e]) for s, e in sb]
    pending_a: list[Token] = []
    pending_b: list[Token] = []

    def flush() -> None:
        if pending_a or pending_b:
            if len(pending_a) > MAX_TOKENS or len(pending_b) > MAX_TOKENS:
                if pending_a:
                    build.delete(pending_a[0].start, pending_a[-1].end)
                if pending_b:
                    build.insert(pending_b[0].start, pending_b[-1].end)
            else:
                _emit_tokens(build, pending_a, pending_b)
            pending_a.clear()
            pending_b.clear()

    for op, i0, i1, j0, j1 in diff_keys(keys_a, keys_b):
        if op is EditOp.EQUAL:
            flush()
            for (s1, e1), (s2, e2) in zip(sa[i0:i1], sb[j0:j1]):
                _emit_tokens(build, a[s1:e1], b[s2:e2])
        else:
            for s1, e1 in sa[i0:i1]:
                pending_a.extend(a[s1:e1])
            for s2, e2 in sb[j0:j1]:
                pending_b.extend(b[s2:e2])
    flush()


def diff_text(old: str, new: str, old_offset: int = 0, new_offset: int = 0) -> tuple[Segment, ...]:
    """Segments that turn *old* into *new*; spans are shifted by the offsets.

    >>> [(s.op.value, s.text) for s in diff_text("the old text", "the new text")]
    [('equal', 'the '), ('delete', 'old'), ('insert', 'new'), ('equal', ' text')]
    """
    if old == new:
        if not old:
            return ()
        old_span, new_span = Span(old_offset, old_offset + len(old)), Span(new_offset, new_offset + len(new))
        return (Segment(EditOp.EQUAL, new, old_span, new_span),)
    if new < old:
        # diff in one canonical orientation, so swapping the versions mirrors the marks
        return _mirror(diff_text(new, old, new_offset, old_offset))
    build = _Builder(old, new, old_offset, new_offset)
    head, tail = _common_ends(old, new)
    # the shared ends are equal text; only the middle is cut into tokens and diffed
    build.equal(0, head, 0, head)
    mid_a = tokenize(old[head : len(old) - tail], head)
    mid_b = tokenize(new[head : len(new) - tail], head)
    _emit_tokens(build, mid_a, mid_b)
    build.equal(len(old) - tail, len(old), len(new) - tail, len(new))
    return build.finish()


# Characters after which tokenisation restarts: white space and punctuation that never joins
# two parts of a token ("-", "/", ".", "'" do join: ITU-T, CTO/CxO, 1.5).
_SAFE = regex.compile(r"[\s\p{P}--[-/.'’_]]", regex.VERSION1)
_SAFE_BACK = regex.compile(_SAFE.pattern, regex.VERSION1 | regex.REVERSE)
_CLUSTER_TAIL = regex.compile(r"[\p{M}\u200d\ufe00-\ufe0f\U0001F3FB-\U0001F3FF]")


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of a shared prefix and suffix that end and start at token boundaries.

    A boundary is safe when the character before it is white space or non-joining
    punctuation and the one after it does not extend a grapheme cluster: then the
    tokens of the middle are the tokens the whole text would have there.
    """
    n = min(len(a), len(b))
    head = _shared_prefix(a, b, n)
    # back off to a boundary, jumping from one safe character to the one before
    while head > 0 and not _boundary(a, head):
        m = _SAFE_BACK.search(a, 0, head - 1)
        head = m.end() if m else 0
    tail = _shared_suffix(a, b, n - head)
    la, lb = len(a), len(b)
    while tail > 0 and not (_boundary(a, la - tail) and _boundary(b, lb - tail)):
        m = _SAFE.search(a, la - tail, la)  # inside the shared suffix, so it is b's character too
        tail = la - m.end() if m else 0
    return head, tail


def _shared_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix, at most *limit*: binary search over slice comparisons (C speed)."""
    if a[:limit] == b[:limit]:
        return limit
    lo, hi = 0, limit  # a[:lo] == b[:lo] and a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _shared_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most *limit* (see :func:`_shared_prefix`)."""
    la, lb = len(a), len(b)
    if a[la - limit :] == b[lb - limit :]:
        return limit
    lo, hi = 0, limit  # the last lo characters agree, the last hi do not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def _boundary(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return True
    return bool(_SAFE.match(text[pos - 1])) and not _CLUSTER_TAIL.match(text[pos])


_FLIP = {EditOp.EQUAL: EditOp.EQUAL, EditOp.DELETE: EditOp.INSERT, EditOp.INSERT: EditOp.DELETE}


def _mirror(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The same diff seen from the other side; deletions stay before insertions."""
    out: list[Segment] = []
    run: list[Segment] = []
    for seg in segments:
        flipped = Segment(_FLIP[seg.op], seg.text, seg.new, seg.old)
        if flipped.op is EditOp.EQUAL:
            out.extend(sorted(run, key=lambda x: x.op is EditOp.INSERT))
            run.clear()
            out.append(flipped)
        else:
            run.append(flipped)
    out.extend(sorted(run, key=lambda x: x.op is EditOp.INSERT))
    return tuple(out)
