"""The package around the document: content types, relationships, settings, core properties, zip."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from resdiff._ooxml import (
    A_NS,
    CP_NS,
    CT_CORE,
    CT_NS,
    CT_RELS,
    CT_THEME,
    CT_WML,
    DC_NS,
    DCTERMS_NS,
    OFFDOC_REL,
    REL_CORE,
    REL_NS,
    W_NS,
    XSI_NS,
    w,
)
from resdiff._render.docx.styles import DEFAULT_TAB, font_table, styles
from resdiff._render.docx.xmlutil import clean, iso_date, to_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resdiff._model import Lang
    from resdiff._render import RenderOptions

__all__ = ["THEME", "ZIP_EPOCH", "package"]

# Every zip entry gets this timestamp (the earliest zip allows) so bytes do not
# depend on the clock.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# word/theme/theme1.xml: the smallest theme ECMA-376's DrawingML schema accepts (twelve colours,
# a font scheme, three of each fill, line, effect and background style). Word writes one in every
# file and strict checkers expect it; the colours are Word's default "Office" ones, the fonts the
# styles' own. Nothing in the body refers to it.
_SCHEME_COLOURS = (
    ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
    ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
    ("dk2", '<a:srgbClr val="44546A"/>'),
    ("lt2", '<a:srgbClr val="E7E6E6"/>'),
    ("accent1", '<a:srgbClr val="4472C4"/>'),
    ("accent2", '<a:srgbClr val="ED7D31"/>'),
    ("accent3", '<a:srgbClr val="A5A5A5"/>'),
    ("accent4", '<a:srgbClr val="FFC000"/>'),
    ("accent5", '<a:srgbClr val="5B9BD5"/>'),
    ("accent6", '<a:srgbClr val="70AD47"/>'),
    ("hlink", '<a:srgbClr val="0563C1"/>'),
    ("folHlink", '<a:srgbClr val="954F72"/>'),
)
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = f'<a:ln w="6350">{_FILL}</a:ln>'
_EFFECT = "<a:effectStyle><a:effectLst/></a:effectStyle>"
_FONTS = '<a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/>'
THEME = (
    f'<a:theme xmlns:a="{A_NS}" name="resdiff">'
    "<a:themeElements>"
    '<a:clrScheme name="Office">' + "".join(f"<a:{tag}>{colour}</a:{tag}>" for tag, colour in _SCHEME_COLOURS)
    + "</a:clrScheme>"
    f'<a:fontScheme name="resdiff"><a:majorFont>{_FONTS}</a:majorFont><a:minorFont>{_FONTS}</a:minorFont>'
    "</a:fontScheme>"
    '<a:fmtScheme name="Office">'
    f"<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>"
    f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
    f"<a:effectStyleLst>{_EFFECT * 3}</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst>"
    "</a:fmtScheme>"
    "</a:themeElements>"
    "<a:objectDefaults/><a:extraClrSchemeLst/>"
    "</a:theme>"
)


def _settings() -> etree._Element:
    # No w:trackRevisions: the revisions in the body are kept and shown without
    # it; the flag would only make Word record the reader's *next* edits (such
    # as filling in the Reasons) as further changes to the resolution.
    root = etree.Element(w("settings"), nsmap={"w": W_NS})
    etree.SubElement(root, w("defaultTabStop"), {w("val"): str(DEFAULT_TAB)})
    etree.SubElement(root, w("characterSpacingControl"), {w("val"): "doNotCompress"})
    compat = etree.SubElement(root, w("compat"))
    etree.SubElement(
        compat,
        w("compatSetting"),
        {w("name"): "compatibilityMode", w("uri"): "http://schemas.microsoft.com/office/word", w("val"): "15"},
    )
    return root


def _core(options: RenderOptions, title: str, subject: str) -> etree._Element:
    nsmap = {"cp": CP_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CP_NS}}}coreProperties", nsmap=nsmap)
    etree.SubElement(root, f"{{{DC_NS}}}title").text = clean(title)
    if subject:
        etree.SubElement(root, f"{{{DC_NS}}}subject").text = clean(subject)
    etree.SubElement(root, f"{{{DC_NS}}}creator").text = clean(options.author)
    date = iso_date(options)
    for tag in ("created", "modified"):
        el = etree.SubElement(root, f"{{{DCTERMS_NS}}}{tag}", {f"{{{XSI_NS}}}type": "dcterms:W3CDTF"})
        el.text = date
    return root


def _default_ns_root(tag: str, ns: str) -> etree._Element:
    """A root element in *ns* as the default namespace (no prefix), as OPC parts are written."""
    return etree.fromstring(f'<{tag} xmlns="{ns}"/>')


def _content_types() -> etree._Element:
    root = _default_ns_root("Types", CT_NS)
    etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="rels", ContentType=CT_RELS)
    etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    for part, ctype in (
        ("/word/document.xml", f"{CT_WML}.document.main+xml"),
        ("/word/styles.xml", f"{CT_WML}.styles+xml"),
        ("/word/settings.xml", f"{CT_WML}.settings+xml"),
        ("/word/fontTable.xml", f"{CT_WML}.fontTable+xml"),
        ("/word/theme/theme1.xml", CT_THEME),
        ("/docProps/core.xml", CT_CORE),
    ):
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=part, ContentType=ctype)
    return root


def _rels(targets: Iterable[tuple[str, str]]) -> etree._Element:
    root = _default_ns_root("Relationships", REL_NS)
    for n, (rtype, target) in enumerate(targets, 1):
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=rtype, Target=target)
    return root


def package(document: etree._Element, options: RenderOptions, *, lang: Lang, title: str, subject: str = "") -> bytes:
    """The .docx bytes: *document* (``word/document.xml``) with every part Word needs around it.

    *lang* sets the styles' default language and fonts; *title* and *subject*
    (none when "") are the core properties' ``dc:title`` and ``dc:subject``.
    Both Word writers use it: the comparison's and the compilation's.
    """
    package_rels = [(f"{OFFDOC_REL}/officeDocument", "word/document.xml"), (REL_CORE, "docProps/core.xml")]
    parts = [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _rels(package_rels)),
        ("docProps/core.xml", _core(options, title, subject)),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            _rels(
                [
                    (f"{OFFDOC_REL}/styles", "styles.xml"),
                    (f"{OFFDOC_REL}/settings", "settings.xml"),
                    (f"{OFFDOC_REL}/fontTable", "fontTable.xml"),
                    (f"{OFFDOC_REL}/theme", "theme/theme1.xml"),
                ]
            ),
        ),
        ("word/styles.xml", styles(lang)),
        ("word/settings.xml", _settings()),
        ("word/fontTable.xml", font_table()),
        ("word/theme/theme1.xml", etree.fromstring(THEME)),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, root in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, to_bytes(root))
    return out.getvalue()
