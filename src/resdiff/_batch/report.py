"""What a batch produced: one :class:`PairResult` per pair, gathered in a :class:`BatchReport`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BatchReport", "PairResult"]


@dataclass(frozen=True, slots=True)
class PairResult:
    """One compared pair: where its output went, its symbol and counts, or why it failed."""

    name: str  # the pairing key, also the output file's stem ("resolution-68")
    old_path: str
    new_path: str
    output_path: str | None  # None when the pair failed
    symbol: str | None  # "NOC", "(MOD)", "MOD", "ADD", "SUP"; None when the pair failed
    counts: dict[str, int] | None  # clauses per operation (ADD, MOD, SUP, NOC, MOVE)
    error: str | None = None  # one line, naming the pair
    warnings: tuple[str, ...] = ()  # what the reader and parser warned about


@dataclass(frozen=True, slots=True)
class BatchReport:
    """Every pair (sorted by name) and the files that found no partner."""

    pairs: tuple[PairResult, ...]
    unmatched_old: tuple[str, ...] = ()
    unmatched_new: tuple[str, ...] = ()
    index_json: str | None = None
    index_html: str | None = None

    @property
    def failed(self) -> int:
        """How many pairs failed (an unreadable file, a time limit, an unwritable output…)."""
        return sum(1 for p in self.pairs if p.error)

    @property
    def exit_code(self) -> int:
        """As ``diff(1)``: 2 if any pair failed, 1 if any pair differs, 0 if all are NOC."""
        if self.failed:
            return 2
        return 1 if any(p.symbol != "NOC" for p in self.pairs) else 0
