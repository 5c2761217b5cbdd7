"""Symbol-font characters as Unicode: the bullets Word draws from Symbol, Wingdings and Courier New.

Word writes a bullet drawn from a symbol font as a private-use character
(U+F000 + the font's byte: U+F0B7 is Symbol's bullet) or as the font's byte
itself, and names the font next to it (``w:lvl/w:rPr/w:rFonts``,
``w:sym/@w:font``, ``w:r/w:rPr/w:rFonts``). :data:`SYMBOL_CHARS` is the one
table that turns those into the Unicode characters they show; extend it by
adding a font's byte -> character pairs. Characters it does not list are kept
as written.

>>> symbol_char("\\uf06c", "Wingdings"), symbol_char("\\uf0b7", None), symbol_char("x", "Symbol")
('●', '•', 'x')
"""

from __future__ import annotations

__all__ = ["PUA_FIRST", "PUA_LAST", "SYMBOL_CHARS", "is_symbol_font", "symbol_char"]

PUA_FIRST = 0xF020  # first private-use code Word writes for a symbol-font byte (0x20 + 0xF000)
PUA_LAST = 0xF0FF

#: font name (lower case) -> the font's byte -> the Unicode character it draws.
#: Symbol follows Adobe's Symbol encoding, Wingdings Microsoft's glyphs as Unicode
#: lists them; only characters used as bullets and list marks are listed. The
#: key "" is for private-use characters whose font is not named: the bullets of
#: Word's own list gallery.
SYMBOL_CHARS: dict[str, dict[int, str]] = {
    "symbol": {
        0x20: " ",
        0x2A: "∗",  # asteriskmath
        # Symbol draws 0x2D as a minus sign (U+2212); as a list mark it is a dash, and "-" is the
        # dash the text rules know as a bullet
        0x2D: "-",
        0xA7: "♣",
        0xA8: "♦",
        0xA9: "♥",
        0xAA: "♠",
        0xAE: "→",
        0xB0: "°",
        0xB7: "•",
        0xD7: "⋅",  # dotmath
        0xDE: "⇒",
        0xE0: "◊",
    },
    "wingdings": {
        0x20: " ",
        0x6C: "●",
        0x6E: "■",
        0x6F: "□",
        0x71: "❑",
        0x72: "❒",
        0x75: "◆",
        0x76: "❖",
        0x77: "⬥",
        0x9E: "·",
        0x9F: "•",
        0xA0: "▪",
        0xA1: "○",
        0xA7: "▪",
        0xA8: "◻",
        0xD8: "➢",
        0xE8: "➔",
        0xF0: "⇨",
        0xFB: "✗",
        0xFC: "✓",
        0xFD: "☒",
        0xFE: "☑",
    },
    # Word's default second-level bullet is the letter o in Courier New: it shows a white bullet,
    # and read as "o" it would pass for a list letter
    "courier new": {0x6F: "◦"},
    "": {0xB7: "•", 0xA7: "▪", 0x2D: "-", 0xD8: "➢", 0xFC: "✓", 0x76: "❖"},
}


def is_symbol_font(font: str | None) -> bool:
    """Whether *font* is one of the fonts :data:`SYMBOL_CHARS` maps."""
    key = font.strip().lower() if font else ""
    return key != "" and key in SYMBOL_CHARS


def symbol_char(ch: str, font: str | None) -> str:
    """What the character *ch* shows in *font* (``None``: not named), as Unicode.

    In a font of the table, its private-use code or its byte is looked up there;
    in any other font a private-use code is taken for one of Word's default bullets.
    """
    code = ord(ch)
    pua = PUA_FIRST <= code <= PUA_LAST
    key = font.strip().lower() if font else ""
    table = SYMBOL_CHARS.get(key) if key else None
    if table is not None:
        if pua or code <= 0xFF:
            return table.get(code - 0xF000 if pua else code, ch)
        return ch
    if pua:
        return SYMBOL_CHARS[""].get(code - 0xF000, ch)
    return ch
