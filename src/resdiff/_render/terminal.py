"""Terminal renderer: the wdiff marks with a symbol column, optionally coloured.

Each block is one line: the clause's ITU symbol in a left column
(:data:`SYMBOL_WIDTH` wide, blank for unchanged clauses), then the paragraph
marked as the wdiff format marks it, ``[-deleted-]`` and ``{+inserted+}``.
With ``RenderOptions.color`` the same text gets ANSI colours on top: deletions
red and struck through (SGR 9), insertions green and underlined (SGR 4), the
symbol bold. Colour never replaces the marks, so the view still reads on a
monochrome terminal or when copied.

Input text cannot drive the terminal: escape sequences (CSI, OSC, DCS, …) in
the input are removed and every other control character except TAB and LF is
shown as U+FFFD; a CR-LF pair becomes LF. A line break inside a block
continues under the text column.

>>> from resdiff._render import RenderOptions
>>> from resdiff import compare
>>> cmp = compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> render(cmp, RenderOptions()).replace("\\t", " ").splitlines()[-2:]
['       considering', 'MOD    a) the [-old-]{+new+} text;']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resdiff._model import EditOp
from resdiff._render._common import (
    change_symbol,
    clause_segments,
    counts_line,
    neutralize,
    page_title,
    proposal_id,
)

if TYPE_CHECKING:
    from resdiff._model import Comparison, Segment
    from resdiff._render import RenderOptions

__all__ = ["SYMBOL_WIDTH", "neutralize", "render"]

SYMBOL_WIDTH = 7  # columns for the symbol: the longest, "(MOD)", plus two spaces

# ANSI SGR sequences the renderer writes itself
RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DEL = "\x1b[31m"  # red
DEL_TEXT = "\x1b[31;9m"  # red, struck through
INS = "\x1b[32m"  # green
INS_TEXT = "\x1b[32;4m"  # green, underlined
SYMBOL_COLORS = {
    "ADD": "\x1b[1;32m",
    "SUP": "\x1b[1;31m",
    "MOD": "\x1b[1;33m",
    "(MOD)": "\x1b[1;36m",
    "MOVE": "\x1b[1;35m",
}

def _marked(segments: tuple[Segment, ...], color: bool) -> str:
    """A block's marked text; a line break continues under the text column, colours paused over the pad."""
    pad = " " * SYMBOL_WIDTH
    out = []
    for seg in segments:
        if not seg.text:
            continue
        text = neutralize(seg.text)
        if seg.op is EditOp.EQUAL:
            out.append(text.replace("\n", "\n" + pad))
        elif seg.op is EditOp.DELETE:
            if color:
                text = text.replace("\n", f"{RESET}\n{pad}{DEL_TEXT}")
                out.append(f"{DEL}[-{DEL_TEXT}{text}{RESET}{DEL}-]{RESET}")
            else:
                out.append("[-" + text.replace("\n", "\n" + pad) + "-]")
        else:
            if color:
                text = text.replace("\n", f"{RESET}\n{pad}{INS_TEXT}")
                out.append(f"{INS}{{+{INS_TEXT}{text}{RESET}{INS}+}}{RESET}")
            else:
                out.append("{+" + text.replace("\n", "\n" + pad) + "+}")
    return "".join(out)


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as terminal lines (a str ending in a newline)."""
    color = options.color
    pid = proposal_id(comparison, options)
    symbol = comparison.symbol.value
    head = " ".join(p for p in (symbol, neutralize(pid), neutralize(page_title(comparison, options))) if p)
    if color:
        head = BOLD + head + RESET
    lines = [head, counts_line(comparison)]
    lines += [f"warning: {neutralize(w)}" for w in comparison.warnings]
    lines.append("")
    for change in comparison.changes:
        sym = change_symbol(change)
        column = sym.ljust(SYMBOL_WIDTH)
        if color and sym:
            column = SYMBOL_COLORS[sym] + sym + RESET + " " * (SYMBOL_WIDTH - len(sym))
        lines.append(column + _marked(clause_segments(comparison, change), color))
    return "\n".join(lines) + "\n"
