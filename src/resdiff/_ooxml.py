"""Office Open XML names: the namespaces, relationship types and content types of a .docx.

One home for them, for the Word writer (:mod:`resdiff._render.docx`) and the
reader (:mod:`resdiff._io.docx`). Plain strings, no lxml: importing this costs nothing.

>>> w("p")
'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
"""

from __future__ import annotations

__all__ = [
    "A_NS",
    "CP_NS",
    "CT_NS",
    "CT_CORE",
    "CT_RELS",
    "CT_THEME",
    "CT_WML",
    "DCTERMS_NS",
    "DC_NS",
    "MC_NS",
    "OFFDOC_REL",
    "REL_CORE",
    "REL_NS",
    "STRICT_W_NS",
    "W_NS",
    "XML_NS",
    "XSI_NS",
    "w",
]

# WordprocessingML (ECMA-376 Part 1, §17), Transitional namespace: what Word writes and reads
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# DrawingML main (the theme part's root, a:theme)
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Open Packaging Conventions (ECMA-376 Part 2)
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# relationship types: officeDocument ones are OFFDOC_REL + "/" + kind ("styles", "theme", …)
OFFDOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

# Strict OOXML writes the same vocabulary in other namespaces; the reader maps them back
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
# markup compatibility (mc:AlternateContent, mc:Ignorable)
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# content types: WordprocessingML parts are CT_WML + "." + kind + "+xml" ("document.main", "styles", …)
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"

_W = f"{{{W_NS}}}"


def w(tag: str) -> str:
    """The Clark name (``{namespace}tag``) of a WordprocessingML element or attribute."""
    return _W + tag
