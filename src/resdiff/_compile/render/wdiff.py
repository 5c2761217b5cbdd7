"""The merged draft as GNU wdiff-style text: one provision per line, in the draft's order.

Changes applied from the proposals are marked against BASE, ``[-deleted-]``
and ``{+inserted+}``; a suppressed provision is a whole ``[-…-]`` line where it
stood; a conflict is its bracketed alternatives, ``[ECP: …] [APT: …]``, unmarked.
Dropping the ``[-…-]`` runs and the ``{+``/``+}`` marks gives
``Compilation.merged`` line for line. As in GNU wdiff, text inside the marks
is not escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resdiff._compile.render.common import piece_marks

if TYPE_CHECKING:
    from resdiff._compile.model import Compilation
    from resdiff._render import RenderOptions

__all__ = ["render"]


def render(compilation: Compilation, options: RenderOptions) -> str:
    rows = compilation.provisions
    return "".join(piece_marks(rows[k].merged) + "\n" for k in compilation.draft)
