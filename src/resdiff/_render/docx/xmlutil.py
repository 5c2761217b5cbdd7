"""Small pieces every part of the Word output uses: clean text, text pieces, the revision date, serialisation."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._ooxml import W_NS, w
from resdiff._render._common import XML_ILLEGAL

if TYPE_CHECKING:
    from resdiff._render import RenderOptions

__all__ = ["TEXT_PIECES", "clean", "document_part", "iso_date", "to_bytes"]

# Inside a paragraph: TAB, and every line or page break a text may carry (VT is Word's
# manual line break, FF its page break); a writer makes them w:tab / w:br. The group
# keeps them in re.split's output.
TEXT_PIECES = re.compile("(\t|\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])")


def clean(text: str) -> str:
    """*text* with characters XML 1.0 cannot carry replaced by U+FFFD.

    >>> clean("a\\x01b\\ufffe")
    'a\\ufffdb\\ufffd'
    """
    return XML_ILLEGAL.sub("\ufffd", text)


def iso_date(options: RenderOptions) -> str:
    """options.date (now when None) in UTC as ISO 8601 to the second; a naive date is taken as UTC."""
    date = options.date or datetime.now(timezone.utc)
    if date.tzinfo is not None:
        date = date.astimezone(timezone.utc)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_bytes(root: etree._Element) -> bytes:
    """A part's bytes: UTF-8 with the XML declaration Word writes (standalone="yes")."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def document_part(body: etree._Element) -> etree._Element:
    """``w:document`` around *body*, which gets the page set-up last: A4, 2 cm margins.

    >>> len(to_bytes(document_part(etree.Element(w("body"))))) > 0
    True
    """
    sect = etree.SubElement(body, w("sectPr"))
    etree.SubElement(sect, w("pgSz"), {w("w"): "11907", w("h"): "16840"})  # A4, in twips
    etree.SubElement(
        sect,
        w("pgMar"),
        {w("top"): "1134", w("right"): "1134", w("bottom"): "1134", w("left"): "1134",
         w("header"): "567", w("footer"): "567", w("gutter"): "0"},
    )  # fmt: skip
    root = etree.Element(w("document"), nsmap={"w": W_NS})
    root.append(body)
    return root
