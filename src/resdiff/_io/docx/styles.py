"""``word/styles.xml``: what a paragraph style contributes to the text (numbering, and a hint for its role).

Two things come from styles. A paragraph style with ``w:numPr`` (directly or
through ``w:basedOn``) numbers its paragraphs, and a numbering style
(``w:type="numbering"``) names the list a ``w:numStyleLink`` uses. And a
paragraph in one of the ITU templates' styles says what it is: the styles of
:data:`STYLE_HINTS` make the reader write the paragraph so that the text rules
of the parser classify it as its style says (see :class:`Hint`). No other
channel carries the hint, so every span of the parsed document still points
into the text read.
"""

from __future__ import annotations

import re
from enum import Enum

from lxml import etree

from resdiff._io.docx.package import W, decimal

__all__ = ["STYLE_HINTS", "Hint", "Styles", "style_key"]


class Hint(str, Enum):
    """What the reader does with a paragraph whose style says what it is."""

    #: A list item: its label is followed by a TAB, as the ITU templates type it
    #: (``a) text`` is written ``a)<TAB>text``).
    ITEM = "item"
    #: A heading, title or opening line: one line, whatever manual line breaks it has
    #: (a break inside is written as a space).
    ONE_LINE = "one-line"


#: ITU template paragraph styles, by :func:`style_key` of their id or name. These names are
#: seen in public ITU material; the names of the resolution-number, title and section-keyword
#: styles of the resolution templates are not verified, so they are not listed. Add a style
#: here to make the reader honour it.
STYLE_HINTS: dict[str, Hint] = {
    "enumlev1": Hint.ITEM,
    "enumlev2": Hint.ITEM,
    "enumlev3": Hint.ITEM,
    "normalaftertitle": Hint.ONE_LINE,  # the paragraph after the title: the opening line
    "headingb": Hint.ONE_LINE,  # a bold unnumbered heading
    "annextitle": Hint.ONE_LINE,
    "recno": Hint.ONE_LINE,  # "RECOMMENDATION ITU-R …"
    "rectitle": Hint.ONE_LINE,
}

_KEY_DROP = re.compile(r"[\s_\-]+")


def style_key(name: str) -> str:
    """A style id or name as :data:`STYLE_HINTS` is keyed: lower case, no spaces, ``_`` or ``-``.

    >>> style_key("Annex_Title"), style_key("Heading b")
    ('annextitle', 'headingb')
    """
    return _KEY_DROP.sub("", name).lower()


class Styles:
    """Paragraph styles as far as the text depends on them (:class:`~.package.BadValueError` for a bad number)."""

    def __init__(self, root: etree._Element | None) -> None:
        #: paragraph style id -> (numId, ilvl) for styles that number their paragraphs (basedOn followed)
        self.numbering: dict[str, tuple[str, int]] = {}
        #: numbering style id -> the numId of its list (for w:numStyleLink)
        self.list_styles: dict[str, str] = {}
        #: style id -> the hint its id or name gives
        self.hints: dict[str, Hint] = {}
        if root is None:
            return
        direct: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId", "")
            name = st.find(W + "name")
            hint = STYLE_HINTS.get(style_key(sid))
            if hint is None and name is not None:
                hint = STYLE_HINTS.get(style_key(name.get(W + "val", "")))
            if hint is not None:
                self.hints[sid] = hint
            b = st.find(W + "basedOn")
            if b is not None:
                based[sid] = b.get(W + "val", "")
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                num_el = numpr.find(W + "numId")
                ilvl_el = numpr.find(W + "ilvl")
                num_id = None if num_el is None else num_el.get(W + "val")
                direct[sid] = (num_id, None if ilvl_el is None else decimal(ilvl_el.get(W + "val"), 0, "w:ilvl"))
                if st.get(W + "type") == "numbering" and num_id is not None:
                    self.list_styles[sid] = num_id
        # each style's numbering merged with its basedOn chain's, every style resolved once
        resolved: dict[str, tuple[str | None, int | None]] = {}
        for sid in set(direct) | set(based):
            chain: list[str] = []
            on_chain: set[str] = set()
            cur: str | None = sid
            while cur and cur not in resolved and cur not in on_chain:
                chain.append(cur)
                on_chain.add(cur)
                cur = based.get(cur)
            tail = resolved.get(cur, (None, None)) if cur else (None, None)  # a cycle ends the chain
            for link in reversed(chain):
                n, lv = direct.get(link, (None, None))
                tail = (n if n is not None else tail[0], lv if lv is not None else tail[1])
                resolved[link] = tail
        for sid, (num_id, ilvl) in resolved.items():
            if num_id is not None:
                self.numbering[sid] = (num_id, ilvl or 0)

    def hint(self, style_id: str) -> Hint | None:
        """The hint the paragraph style *style_id* gives, if any."""
        return self.hints.get(style_id) if style_id else None
