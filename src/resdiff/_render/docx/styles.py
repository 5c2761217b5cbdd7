"""The paragraph styles and fonts of the Word output: ``word/styles.xml`` and ``word/fontTable.xml``."""

from __future__ import annotations

from lxml import etree

from resdiff._model import Lang, Role
from resdiff._render._ooxml import W_NS, w

__all__ = ["INDENT_STEP", "MAX_INDENT_LEVELS", "ROLE_STYLE", "font_table", "styles"]

# Layout, in twentieths of a point (twips): 567 twips = 1 cm, ITU's usual
# hanging indent for "a)<TAB>text" items; one more step per nesting level.
INDENT_STEP = 567
MAX_INDENT_LEVELS = 4  # deeper levels share the last indent rather than run off the page

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

ROLE_STYLE = {
    Role.PROPOSAL: "Proposal",
    Role.SUMMARY: "Normal",
    Role.HEADING: "ResNo",
    Role.TITLE: "Restitle",
    Role.HISTORY: "Resref",
    Role.OPENING: "Normalaftertitle",
    Role.SECTION: "Call",
    Role.ITEM: "Item",
    Role.FOOTNOTE: "FootnoteText",
    Role.ANNEX: "AnnexNo",
    Role.PARAGRAPH: "Normal",
    Role.REASONS: "Reasons",
}


def styles(lang: Lang) -> etree._Element:
    """``word/styles.xml``: defaults (fonts, language) and one paragraph style per role."""
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

    def style(sid: str, name: str, *, center: bool = False, bold: bool = False, italic: bool = False,
              caps: bool = False, size: int = 0, keep: bool = False, before: int = -1) -> None:  # fmt: skip
        st = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("styleId"): sid})
        if sid == "Normal":
            st.set(w("default"), "1")
        etree.SubElement(st, w("name"), {w("val"): name})
        if sid != "Normal":
            etree.SubElement(st, w("basedOn"), {w("val"): "Normal"})
            etree.SubElement(st, w("qFormat"))
        sppr = etree.SubElement(st, w("pPr"))
        if keep:
            etree.SubElement(sppr, w("keepNext"))
        if before >= 0:
            etree.SubElement(sppr, w("spacing"), {w("before"): str(before)})
        if center:
            etree.SubElement(sppr, w("jc"), {w("val"): "center"})
        srpr = etree.SubElement(st, w("rPr"))
        if bold:
            etree.SubElement(srpr, w("b"))
            etree.SubElement(srpr, w("bCs"))
        if italic:
            etree.SubElement(srpr, w("i"))
            etree.SubElement(srpr, w("iCs"))
        if caps:
            etree.SubElement(srpr, w("caps"))
        if size:
            etree.SubElement(srpr, w("sz"), {w("val"): str(size)})
            etree.SubElement(srpr, w("szCs"), {w("val"): str(size)})

    style("Normal", "Normal")
    style("Proposal", "Proposal", bold=True, keep=True, before=240)
    # caps: ITU's English "ResNo" style; Chinese has no case and is left alone
    style("ResNo", "Res_No", center=True, bold=True, caps=lang is Lang.EN, keep=True, before=480)
    style("Restitle", "Res_title", center=True, bold=True, keep=True, before=240)
    style("Resref", "Res_ref", center=True, italic=True, keep=True)
    style("Normalaftertitle", "Normal after title", before=280)
    style("Call", "Call", italic=True, keep=True, before=160)
    style("Item", "Item")
    style("FootnoteText", "Footnote text (inline)", size=20)
    style("AnnexNo", "Annex_No", center=True, caps=lang is Lang.EN, keep=True, before=480)
    style("Reasons", "Reasons", before=240)
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
