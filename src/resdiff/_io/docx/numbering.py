"""Word's automatic numbering: ``word/numbering.xml`` levels, and the labels a reader sees.

:class:`Numbering` holds the level definitions per ``numId`` (abstract levels
with the ``w:num``'s overrides applied); :class:`Labeller` keeps the counters
of one view and turns ``(numId, ilvl)`` into the label as shown, suffix
included.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from resdiff._io.docx.package import W

__all__ = ["BULLET_PUA", "Labeller", "Level", "Numbering", "format_number", "int_or", "read_level"]

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
BULLET_PUA = {"\uf0b7": "•", "\uf0a7": "▪", "\uf02d": "-", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖"}


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """*n* written in the ``w:numFmt`` *fmt*: ``format_number(4, "lowerRoman") == "iv"``."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and every format not listed above


@dataclass
class Level:
    """One ``w:lvl``: where it starts, how it is written, its text template and suffix."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"


class Numbering:
    """``word/numbering.xml``: level definitions per numId."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        for an in root.iter(W + "abstractNum"):
            abstract[an.get(W + "abstractNumId", "")] = {
                int(lvl.get(W + "ilvl", "0")): read_level(lvl) for lvl in an.iter(W + "lvl")
            }
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val", "") if ref is not None else "", {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = read_level(lvl)
                start = override.find(W + "startOverride")
                if start is not None:
                    base = levels.get(ilvl, Level())
                    levels[ilvl] = Level(int_or(start.get(W + "val"), 1), base.fmt, base.text, base.suffix)
            self.levels[num.get(W + "numId", "")] = levels

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
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = levels.get(k, Level())
                value = counters.get(k, lv.start)
                text = text.replace(token, format_number(value, lv.fmt))
        if level.fmt == "bullet":
            text = "".join(BULLET_PUA.get(ch, ch) for ch in text)
        return text + level.suffix if text else ""


def int_or(value: str | None, default: int) -> int:
    """*value* as an integer, *default* when it is absent or not one."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_level(lvl: etree._Element) -> Level:
    """The :class:`Level` a ``w:lvl`` element defines."""

    def val(tag: str) -> str | None:
        el = lvl.find(W + tag)
        return None if el is None else el.get(W + "val")

    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(val("suff") or "tab", "\t")
    return Level(int_or(val("start"), 1), val("numFmt") or "decimal", val("lvlText") or "", suffix)
