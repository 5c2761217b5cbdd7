"""``word/styles.xml``: what a paragraph style contributes to the text (its numbering)."""

from __future__ import annotations

from lxml import etree

from resdiff._io.docx.numbering import int_or
from resdiff._io.docx.package import W

__all__ = ["Styles"]


class Styles:
    """Paragraph styles as far as the text depends on them."""

    def __init__(self, root: etree._Element | None) -> None:
        #: paragraph style id -> (numId, ilvl) for styles that number their paragraphs (basedOn followed)
        self.numbering: dict[str, tuple[str, int]] = {} if root is None else _style_numbering(root)


def _style_numbering(root: etree._Element) -> dict[str, tuple[str, int]]:
    direct: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId", "")
        b = st.find(W + "basedOn")
        if b is not None:
            based[sid] = b.get(W + "val", "")
        numpr = st.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            num_el = numpr.find(W + "numId")
            ilvl_el = numpr.find(W + "ilvl")
            direct[sid] = (
                None if num_el is None else num_el.get(W + "val"),
                None if ilvl_el is None else int_or(ilvl_el.get(W + "val"), 0),
            )
    out: dict[str, tuple[str, int]] = {}
    for sid in set(direct) | set(based):
        num_id: str | None = None
        ilvl: int | None = None
        seen = set()
        cur: str | None = sid
        while cur and cur not in seen:
            seen.add(cur)
            n, lv = direct.get(cur, (None, None))
            num_id = num_id if num_id is not None else n
            ilvl = ilvl if ilvl is not None else lv
            cur = based.get(cur)
        if num_id is not None:
            out[sid] = (num_id, ilvl or 0)
    return out
