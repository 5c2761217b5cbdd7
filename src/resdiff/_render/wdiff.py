"""GNU wdiff-style text: the contract other tools read.

The new document in reading order, one paragraph per line; deletions as
``[-…-]``, insertions as ``{+…+}``; a suppressed clause is a whole ``[-…-]``
line where it stood in the old text; a moved clause stands at its new place
with its marks against its old text. Marks never span lines. Text inside the
marks is not escaped (as GNU wdiff does): a clause that itself contains ``[-``
or ``{+`` reads ambiguously.
"""

from __future__ import annotations

from resdiff._model import Comparison, EditOp, Segment
from resdiff._render import RenderOptions

__all__ = ["render", "render_segments"]

_OPEN = {EditOp.EQUAL: "", EditOp.DELETE: "[-", EditOp.INSERT: "{+"}
_CLOSE = {EditOp.EQUAL: "", EditOp.DELETE: "-]", EditOp.INSERT: "+}"}


def render_segments(segments: tuple[Segment, ...]) -> str:
    """One marked line from a clause's segments.

    >>> from resdiff._inline import diff_text
    >>> render_segments(diff_text("e)\\tfoo", "i)\\tfoo"))
    '[-e-]{+i+})\\tfoo'
    """
    return "".join(f"{_OPEN[s.op]}{s.text}{_CLOSE[s.op]}" for s in segments)


def render(comparison: Comparison, options: RenderOptions) -> str:
    return "".join(render_segments(change.segments) + "\n" for change in comparison.changes)
