"""The paragraph styles and fonts of the Word output: ``word/styles.xml`` and ``word/fontTable.xml``.

resdiff writes the ITU templates' own paragraph styles (same ``w:styleId``,
same ``w:name``, which is what Word matches when a template's styles are
copied in), so applying an ITU template to the file formats it as an ITU
document. Paragraphs carry no direct indentation or tab stops for the same
reason: the layout lives in the styles. :data:`ITU_STYLES` is the one table
of those styles; :func:`style_for` picks one for a block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._model import DocType, Lang, Role
from resdiff._ooxml import W_NS, w

if TYPE_CHECKING:
    from resdiff._model import Block, Document

__all__ = ["DEFAULT_TAB", "ITU_STYLES", "ParagraphStyle", "font_table", "style_for", "styles"]

# The default tab stop, in twentieths of a point (twips; 567 = 1 cm).
DEFAULT_TAB = 567

# Fonts: ITU documents use Times New Roman; Chinese ones SimSun (宋体). Neither is
# on a stock Debian, so the font table names a fallback LibreOffice finds there
# (fonts-noto-cjk) and Word ignores when the real font is present.
_LATIN_FONT = "Times New Roman"
_CJK_FONT = "SimSun"
_CJK_FALLBACK = "Noto Serif CJK SC"
_LANG_TAG = {
    Lang.EN: "en-GB",
    Lang.ZH: "zh-CN",
    Lang.FR: "fr-FR",
    Lang.ES: "es-ES",
    Lang.RU: "ru-RU",
    Lang.AR: "ar-SA",
}


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """One paragraph style: its ITU identity and a look close to the ITU template's."""

    style_id: str  # w:styleId, what a paragraph's w:pStyle names
    name: str  # w:name, what Word matches against a template's styles
    seen: str  # where this id/name pair was seen in an ITU-template file; "" = not verified
    based_on: str = "Normal"
    custom: bool = True  # False for Word's built-in styles (Normal, footnote text): no w:customStyle
    center: bool = False
    bold: bool = False
    italic: bool = False
    caps: bool = False  # all capitals (English only: other scripts have no case or keep theirs)
    size: int = 0  # half-points; 0 = Normal's 12 pt
    keep_next: bool = False
    before: int = -1  # space before, twips; -1 = Normal's
    left: int = 0  # left indent, twips
    hanging: int = 0  # hanging indent, twips
    tabs: tuple[int, ...] = ()  # left tab stops, twips


# Both "seen" files are in ../shared/corpora/docx-real/files/: pt-rp051.docx (WRC-12
# proposal MEX/18A3, Resolution 417, in the ITU-R template) and pt-rp042.docx (an ITU-R
# proposal in the same template). Ids, names, indents and tab stops below are copied from
# their styles.xml; sizes and spacing are close to it, not exact. Extend the table here:
# add a row, then name its style_id in style_for or _ROLE_STYLE.
_BOTH = "pt-rp051, pt-rp042"
ITU_STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle("Normal", "Normal", _BOTH, based_on="", custom=False, tabs=(1134, 1871, 2268)),
    ParagraphStyle("Proposal", "Proposal", _BOTH, bold=True, keep_next=True, before=240),
    ParagraphStyle("ResNo", "Res_No", _BOTH, center=True, caps=True, bold=True, keep_next=True, before=480),
    ParagraphStyle("Restitle", "Res_title", _BOTH, center=True, bold=True, keep_next=True, before=240),
    ParagraphStyle("Resref", "Res_ref", "pt-rp042", center=True, italic=True, keep_next=True),
    ParagraphStyle("DecisionNo", "Decision_No", "pt-rp051", center=True, caps=True, keep_next=True, before=480),
    ParagraphStyle("Decisiontitle", "Decision_title", "pt-rp051", center=True, bold=True, keep_next=True, before=240),
    ParagraphStyle("RecNo", "Rec_No", _BOTH, center=True, caps=True, keep_next=True, before=480),
    ParagraphStyle("Rectitle", "Rec_title", _BOTH, center=True, bold=True, keep_next=True, before=240),
    ParagraphStyle("Normalaftertitle", "Normal after title", _BOTH, before=280),
    ParagraphStyle("Call", "Call", _BOTH, italic=True, keep_next=True, before=160, left=1134),
    ParagraphStyle("enumlev1", "enumlev1", _BOTH, before=80, left=1134, hanging=1134),
    ParagraphStyle("enumlev2", "enumlev2", _BOTH, based_on="enumlev1", left=1871, hanging=737),
    ParagraphStyle("enumlev3", "enumlev3", _BOTH, based_on="enumlev2", left=2268, hanging=397),
    ParagraphStyle("FootnoteText", "footnote text", _BOTH, custom=False, size=20, tabs=(255,)),
    ParagraphStyle("AnnexNo", "Annex_No", _BOTH, center=True, caps=True, keep_next=True, before=480),
    # not chosen by any role yet (resdiff's model has no annex title, sub-heading or note);
    # defined so that a drafter editing the file finds them
    ParagraphStyle("Annextitle", "Annex_title", _BOTH, center=True, bold=True, keep_next=True, before=240),
    ParagraphStyle("Headingb", "Heading_b", _BOTH, bold=True, keep_next=True, before=160),
    ParagraphStyle("Note", "Note", _BOTH, before=80, tabs=(284,)),
    ParagraphStyle("Reasons", "Reasons", _BOTH, before=240),
)

_ROLE_STYLE = {
    Role.PROPOSAL: "Proposal",
    Role.SUMMARY: "Normal",
    Role.HISTORY: "Resref",
    Role.OPENING: "Normalaftertitle",
    Role.SECTION: "Call",
    Role.FOOTNOTE: "FootnoteText",
    Role.ANNEX: "AnnexNo",
    Role.PARAGRAPH: "Normal",
    Role.REASONS: "Reasons",
}
# the number and title lines, by the kind of text the heading names (an opinion has no style of its own)
_NUMBER_STYLE = {DocType.RESOLUTION: "ResNo", DocType.DECISION: "DecisionNo", DocType.RECOMMENDATION: "RecNo"}
_TITLE_STYLE = {DocType.RESOLUTION: "Restitle", DocType.DECISION: "Decisiontitle", DocType.RECOMMENDATION: "Rectitle"}
_ENUM_LEVELS = 3  # enumlev1..enumlev3; deeper items share enumlev3


def style_for(block: Block, doc: Document) -> str:
    """The style id of *block* in *doc*: its role's ITU style (items: Normal at the top level, then enumlevN).

    >>> from resdiff import parse
    >>> doc = parse("RESOLUTION 1 (Rev. Dubai, 2025)\\nTitle\\nresolves\\n1\\tto act:\\na)\\tnow;")
    >>> [style_for(b, doc) for b in doc.blocks]
    ['ResNo', 'Restitle', 'Call', 'Normal', 'enumlev1']
    """
    kind = doc.heading.doc_type if doc.heading is not None else DocType.RESOLUTION
    if block.role is Role.HEADING:
        return _NUMBER_STYLE.get(kind, "ResNo")
    if block.role is Role.TITLE:
        return _TITLE_STYLE.get(kind, "Restitle")
    if block.role is Role.ITEM:
        return f"enumlev{min(block.level, _ENUM_LEVELS)}" if block.level > 0 else "Normal"
    return _ROLE_STYLE.get(block.role, "Normal")


def _style(root: etree._Element, style: ParagraphStyle, lang: Lang) -> None:
    st = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("styleId"): style.style_id})
    if style.style_id == "Normal":
        st.set(w("default"), "1")
    if style.custom:
        st.set(w("customStyle"), "1")
    etree.SubElement(st, w("name"), {w("val"): style.name})
    if style.based_on:
        etree.SubElement(st, w("basedOn"), {w("val"): style.based_on})
    etree.SubElement(st, w("qFormat"))
    ppr = etree.SubElement(st, w("pPr"))
    if style.keep_next:
        etree.SubElement(ppr, w("keepNext"))
    if style.tabs:
        tabs = etree.SubElement(ppr, w("tabs"))
        for pos in style.tabs:
            etree.SubElement(tabs, w("tab"), {w("val"): "left", w("pos"): str(pos)})
    if style.before >= 0:
        etree.SubElement(ppr, w("spacing"), {w("before"): str(style.before)})
    if style.left or style.hanging:
        ind = {w("left"): str(style.left)}
        if style.hanging:
            ind[w("hanging")] = str(style.hanging)
        etree.SubElement(ppr, w("ind"), ind)
    if style.center:
        etree.SubElement(ppr, w("jc"), {w("val"): "center"})
    rpr = etree.SubElement(st, w("rPr"))
    if style.bold:
        etree.SubElement(rpr, w("b"))
        etree.SubElement(rpr, w("bCs"))
    if style.italic:
        etree.SubElement(rpr, w("i"))
        etree.SubElement(rpr, w("iCs"))
    if style.caps and lang is Lang.EN:
        etree.SubElement(rpr, w("caps"))
    if style.size:
        etree.SubElement(rpr, w("sz"), {w("val"): str(style.size)})
        etree.SubElement(rpr, w("szCs"), {w("val"): str(style.size)})


def styles(lang: Lang) -> etree._Element:
    """``word/styles.xml``: defaults (fonts, language) and every style of :data:`ITU_STYLES`."""
    root = etree.Element(w("styles"), nsmap={"w": W_NS})
    defaults = etree.SubElement(root, w("docDefaults"))
    rpr = etree.SubElement(etree.SubElement(defaults, w("rPrDefault")), w("rPr"))
    fonts = {
        w("ascii"): _LATIN_FONT,
        w("hAnsi"): _LATIN_FONT,
        w("eastAsia"): _CJK_FONT,
        w("cs"): _LATIN_FONT,
    }
    if lang is Lang.ZH:
        # full-width punctuation and quotes take the East Asian font
        fonts[w("hint")] = "eastAsia"
    etree.SubElement(rpr, w("rFonts"), fonts)
    etree.SubElement(rpr, w("sz"), {w("val"): "24"})  # 12 pt
    etree.SubElement(rpr, w("szCs"), {w("val"): "24"})
    etree.SubElement(
        rpr, w("lang"), {w("val"): _LANG_TAG.get(lang, "en-GB"), w("eastAsia"): "zh-CN", w("bidi"): "ar-SA"}
    )
    ppr = etree.SubElement(etree.SubElement(defaults, w("pPrDefault")), w("pPr"))
    etree.SubElement(ppr, w("spacing"), {w("before"): "120", w("after"): "0"})
    for style in ITU_STYLES:
        _style(root, style, lang)
    return root


def font_table() -> etree._Element:
    """``word/fontTable.xml``: the two fonts the styles name, SimSun with its Debian alternative."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    font = etree.SubElement(root, w("font"), {w("name"): _LATIN_FONT})
    etree.SubElement(font, w("family"), {w("val"): "roman"})
    font = etree.SubElement(root, w("font"), {w("name"): _CJK_FONT})
    etree.SubElement(font, w("altName"), {w("val"): _CJK_FALLBACK})
    etree.SubElement(font, w("charset"), {w("val"): "86"})  # GB2312
    etree.SubElement(font, w("family"), {w("val"): "auto"})
    return root
