"""Word's automatic numbering: ``word/numbering.xml`` levels, and the labels a reader sees.

:class:`Numbering` holds the level definitions per ``numId``: the abstract
definition's levels (or, for an ``w:abstractNum`` that holds only a
``w:numStyleLink``, those of the list style it names), with the ``w:num``'s
overrides applied. :class:`Labeller` keeps the counters of one view and turns
``(numId, ilvl)`` into the label as shown, suffix included.

Bounded work: numbers beyond :data:`MAX_ROMAN` or :data:`MAX_LETTER_VALUE` are
written as decimals, a level text is read up to :data:`MAX_LEVEL_TEXT`
characters and :data:`MAX_LEVEL_REFS` level numbers, and a label is cut at
:data:`MAX_LABEL_CHARS`, so one label costs at most nine number formats and a
few hundred characters whatever the file says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from resdiff._io.docx.package import W, decimal
from resdiff._io.docx.symbols import symbol_char

__all__ = [
    "MAX_LABEL_CHARS",
    "MAX_LETTER_VALUE",
    "MAX_LEVEL_REFS",
    "MAX_LEVEL_TEXT",
    "MAX_ROMAN",
    "Labeller",
    "Level",
    "Numbering",
    "format_number",
    "read_level",
]

MAX_ROMAN = 3999  # largest number written in roman numerals (MMMCMXCIX); larger ones are decimals
MAX_LETTER_VALUE = 26 * 30  # largest number written in letters (30 repeated z); larger ones are decimals
MAX_LEVEL_TEXT = 64  # characters of a w:lvlText template read (Word's longest, all nine levels, is 27)
MAX_LEVEL_REFS = 9  # level numbers (%1 … %9) a template may insert; the template is cut before a tenth
MAX_LABEL_CHARS = 255  # characters a label may have, suffix excluded; a longer one is cut

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_LEVEL_REF = re.compile(r"%([1-9])")  # %1 … %9 in a level text: the number of level 0 … 8


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """*n* written in the ``w:numFmt`` *fmt*.

    Letters and roman numerals have nothing for 0 and below; past
    :data:`MAX_LETTER_VALUE` and :data:`MAX_ROMAN` the number is written as a decimal.

    >>> format_number(4, "lowerRoman"), format_number(28, "upperLetter"), format_number(10**15, "upperRoman")
    ('iv', 'BB', '1000000000000000')
    """
    if fmt in ("lowerLetter", "upperLetter"):
        if n > MAX_LETTER_VALUE:
            return str(n)
        text = _letters(n) if n > 0 else ""
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        if n > MAX_ROMAN:
            return str(n)
        text = _roman(n) if n > 0 else ""
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and every format not listed above


@dataclass(frozen=True, slots=True)
class Level:
    """One ``w:lvl``: where it starts, how it is written, its text template and suffix.

    ``parts`` is the level text split into literal strings and level references
    (``int`` 0–8, written ``%1``–``%9``).
    """

    start: int = 1
    fmt: str = "decimal"
    parts: tuple[str | int, ...] = ()
    suffix: str = "\t"


def read_level(lvl: etree._Element) -> Level:
    """The :class:`Level` a ``w:lvl`` element defines (:class:`~.package.BadValueError` for a bad number)."""

    def val(tag: str) -> str | None:
        el = lvl.find(W + tag)
        return None if el is None else el.get(W + "val")

    fmt = val("numFmt") or "decimal"
    text = (val("lvlText") or "")[:MAX_LEVEL_TEXT]
    if fmt == "bullet":
        fonts = lvl.find(f"{W}rPr/{W}rFonts")
        font = None if fonts is None else (fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "cs"))
        text = "".join(symbol_char(ch, font) for ch in text)
    pieces = _LEVEL_REF.split(text)  # literal, digit, literal, digit, …, literal
    parts: list[str | int] = []
    refs = 0
    for i, piece in enumerate(pieces):
        if i % 2:
            refs += 1
            if refs > MAX_LEVEL_REFS:
                break
            parts.append(int(piece) - 1)
        elif piece:
            parts.append(piece)
    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(val("suff") or "tab", "\t")
    return Level(decimal(val("start"), 1, "w:start"), fmt, tuple(parts), suffix)


_DEFAULT_LEVEL = Level()  # what a reference to an undefined level counts with


class Numbering:
    """``word/numbering.xml``: level definitions per numId.

    *list_styles* maps a numbering style's id to the numId its ``w:numPr`` names
    (from ``word/styles.xml``); an ``w:abstractNum`` with a ``w:numStyleLink``
    takes its levels from there.
    """

    def __init__(self, root: etree._Element | None, list_styles: dict[str, str] | None = None) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        links: dict[str, str] = {}  # abstractNumId -> the list style it links to
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId", "")
            abstract[aid] = {decimal(lvl.get(W + "ilvl"), 0, "w:ilvl"): read_level(lvl) for lvl in an.iter(W + "lvl")}
            link = an.find(W + "numStyleLink")
            if link is not None:
                links[aid] = link.get(W + "val", "")
        nums: dict[str, tuple[str, etree._Element]] = {}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            nums[num.get(W + "numId", "")] = (ref.get(W + "val", "") if ref is not None else "", num)
        styles = list_styles or {}
        for num_id, (aid, num) in nums.items():
            seen = {aid}
            while aid in links:  # a list style: its numbering's abstract definition has the levels
                target = nums.get(styles.get(links[aid], ""))
                if target is None or target[0] in seen:
                    break
                aid = target[0]
                seen.add(aid)
            levels = dict(abstract.get(aid, {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = decimal(override.get(W + "ilvl"), 0, "w:ilvl")
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = read_level(lvl)
                start = override.find(W + "startOverride")
                if start is not None:
                    base = levels.get(ilvl, Level())
                    levels[ilvl] = Level(
                        decimal(start.get(W + "val"), 1, "w:startOverride"), base.fmt, base.parts, base.suffix
                    )
            self.levels[num_id] = levels

    def labeller(self) -> Labeller:
        return Labeller(self)


class Labeller:
    """Counters of one view: numId -> ilvl -> current value."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counters: dict[str, dict[int, int]] = {}

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of level *ilvl* in list *num_id*, suffix included ("" when it has none)."""
        levels = self.numbering.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        out: list[str] = []
        size = 0
        for part in level.parts:
            if isinstance(part, int):
                lv = levels.get(part, _DEFAULT_LEVEL)
                part = format_number(counters.get(part, lv.start), lv.fmt)
            out.append(part)
            size += len(part)
            if size >= MAX_LABEL_CHARS:
                break
        text = "".join(out)[:MAX_LABEL_CHARS]
        return text + level.suffix if text else ""
