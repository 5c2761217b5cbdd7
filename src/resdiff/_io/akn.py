"""Read Akoma Ntoso 3.0 (AKN4UN) XML as text in resdiff's line conventions.

The XML says where every part of a statement is; resdiff's parser reads text.
:func:`read_akn` writes the one so that the parser finds the other, one line
per unit, as resdiff's plain-text input is laid out:

=====================================  ==========================================
XML                                    line
=====================================  ==========================================
``preface/longTitle``                  the heading (``RESOLUTION 2 (REV. DUBAI, 2018)``)
``preface/container`` (title…)         the title, then any other preface line
``preamble/formula``                   the opening (``The Plenipotentiary Conference …,``)
``recitals/intro``, ``hcontainer/      a section keyword line (``considering``,
heading``                              ``resolves``, ``instructs the Secretary-General``)
``recital``, ``paragraph``,            an item: ``num<TAB>text``, nested points on
``point`` (``num`` + ``content``)      their own lines after their parent
``authorialNote``                      its mark stays in the text as a superscript
                                       (``countries¹``); its text is a footnote line
                                       after the item (``¹ These include…``)
``documentCollection``                 its own title, then every statement in
                                       document order, a blank line between them
=====================================  ==========================================

Text inside a unit is joined with single spaces (inline markup such as ``<i>``
and ``<docType>`` is read for its text). Faults of conversions from PDF are
mended where the text shows them plainly (see ``docs/akn.md``): an item whose
label sits inside its ``<p>`` instead of ``<num>`` (``<p>a) relevant …</p>``)
gets it back as its label, and a footnote glued to an item after a rule of
underscores (``…; ____________________ 1 These include …``) becomes a footnote
line. Nothing is moved between units: a keyword glued to the end of an item
stays in that item, as the XML has it.

Safety: the XML is parsed by lxml without network access, without resolving
entities, without the huge-tree option, and a document with a DOCTYPE is
refused. Every failure is an :class:`~resdiff._errors.InputError` naming the
file.

>>> xml = b'''<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">
... <preface><longTitle><p><docType>RESOLUTION</docType> <docNumber>2 (REV. DUBAI, 2018)</docNumber></p>
... </longTitle></preface>
... <mainBody><hcontainer name="resolves"><heading><i>resolves</i></heading>
... <paragraph><num>1</num><content><p>to hold the forum;</p></content></paragraph></hcontainer></mainBody>
... </statement></akomaNtoso>'''
>>> read_akn(xml).text.splitlines()
['RESOLUTION 2 (REV. DUBAI, 2018)', 'resolves', '1\\tto hold the forum;']
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resdiff._errors import InputError
from resdiff._io import read_source_bytes

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["AKN_NS", "MAX_AKN_BYTES", "AknText", "akn_text", "looks_like_akn", "read_akn"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MAX_AKN_BYTES = 200 * 1024 * 1024  # bytes, as for text input
SNIFF_BYTES = 4096  # bytes looked at to tell an Akoma Ntoso .xml from other XML

_A = "{" + AKN_NS + "}"
_DOCUMENTS = frozenset(
    _A + name
    for name in (
        "act", "amendment", "amendmentList", "bill", "debate", "debateReport", "doc", "judgment",
        "officialGazette", "portion", "statement",
    )
)  # fmt: skip
_ITEMS = frozenset(
    _A + name
    for name in (
        "recital", "paragraph", "subparagraph", "point", "item", "indent", "alinea", "article", "section",
        "subsection", "clause", "subclause", "list",
    )
)  # fmt: skip
_SKIP = frozenset(_A + name for name in ("meta", "num", "heading", "subheading", "authorialNote", "componentRef"))
_NOTE = _A + "authorialNote"
_BLOCK_LIST = _A + "blockList"
_RULE = re.compile(r"\s*_{5,}\s*")
# A label the conversion left inside the text: "a)", "(b)", "bbis)", or a number of at most three
# digits ("1", "4.1") followed by a lower-case or non-Latin letter, so that "2030 Agenda" and
# "No. 154" stay text.
_INNER_LABEL = re.compile(
    r"(?P<label>\(?[a-z]{1,4}\)|\d{1,3}(?:\.\d{1,3})*\)?)\s+(?=[a-z\u00c0-\u024f\u0370-\uffff\"“‘(])"
)
_NOTE_MARK = re.compile(r"(?P<mark>\d{1,3})\s+(?=\S)")
_TO_SUPER = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")
_FROM_SUPER = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


@dataclass(frozen=True, slots=True)
class AknText:
    """The text rendering of an Akoma Ntoso file, and what it held."""

    text: str  # one unit a line (see the module docstring), a final newline
    statements: int  # documents rendered (statements, acts, docs…)
    source: str
    mended: tuple[str, ...] = ()  # conversion faults mended, one note each ("label inside <p>: 230", …)


def looks_like_akn(head: bytes) -> bool:
    """Do these first bytes of an .xml file belong to an Akoma Ntoso document?"""
    return AKN_NS.encode() in head[:SNIFF_BYTES] or b"<akomaNtoso" in head[:SNIFF_BYTES]


def _load(source: str | os.PathLike[str] | bytes, name: str) -> etree._Element:
    from lxml import etree

    data = read_source_bytes(source, name, MAX_AKN_BYTES, "an Akoma Ntoso file")
    if b"<!DOCTYPE" in data[:SNIFF_BYTES * 4].upper() or b"<!ENTITY" in data.upper():
        raise InputError(f"{name}: the XML declares a DOCTYPE or entities, which resdiff does not read")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc})") from None
    if root.tag != _A + "akomaNtoso":
        raise InputError(f"{name}: not an Akoma Ntoso 3.0 document (root element {etree.QName(root).localname!r})")
    return root


def read_akn(source: str | os.PathLike[str] | bytes) -> AknText:
    """The text of an Akoma Ntoso file (a path or its bytes), one unit a line (see the module docstring)."""
    name = os.fspath(source) if not isinstance(source, bytes) else "<bytes>"
    return akn_text(_load(source, name), name)


def akn_text(root: etree._Element, source: str = "") -> AknText:
    """The text rendering of a parsed ``akomaNtoso`` element."""
    writer = _Writer()
    body = next((child for child in root if isinstance(child.tag, str) and child.tag != _A + "meta"), None)
    if body is not None:
        if body.tag == _A + "documentCollection":
            writer.collection(body)
        else:
            writer.document(body)
    mended = tuple(f"{what}: {n}" for what, n in sorted(writer.mended.items()) if n)
    return AknText("".join(line + "\n" for line in writer.lines), writer.statements, source, mended)


def _text(el: etree._Element, notes: list[tuple[str, str]] | None = None) -> str:
    """The text of an element, white space collapsed; authorial notes become marks (and are collected)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions
                pass
            elif child.tag == _NOTE:
                mark = (child.get("marker") or "").strip()
                body = _itertext(child)
                if notes is not None:
                    number = mark if mark.isdigit() else str(len(notes) + 1)
                    notes.append((number, body))
                    parts.append(number.translate(_TO_SUPER))
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _itertext(el: etree._Element) -> str:
    return " ".join("".join(str(t) for t in el.itertext()).split())


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag[len(_A) :] if isinstance(tag, str) and tag.startswith(_A) else ""


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.statements = 0
        self.mended: dict[str, int] = dict.fromkeys(
            ("label inside <p>", "footnote glued after a rule", "footnote citation found"), 0
        )
        self.glued: list[int] = []  # line indices of footnotes mended from a glued rule, in this statement

    # -- documents

    def collection(self, el: etree._Element) -> None:
        for child in el:
            if child.tag in (_A + "preface", _A + "coverPage"):
                self.front(child)
        for doc in el.iter(*_DOCUMENTS):
            parent = doc.getparent()
            if parent is not None and _local(parent) == "component":
                if self.lines:
                    self.lines.append("")
                self.document(doc)

    def document(self, el: etree._Element) -> None:
        self.statements += 1
        start = len(self.lines)
        self.glued = []
        for child in el:
            name = _local(child)
            if name in ("meta", "components"):
                continue
            if name in ("preface", "coverPage"):
                self.front(child)
            elif name == "preamble":
                self.block(child)
            elif name == "attachments":
                for doc in child.iter(*_DOCUMENTS):
                    self.document(doc)
            elif name:
                self.block(child)
        if self.glued:
            self.cite(start)

    def cite(self, start: int) -> None:
        """Put each footnote mended from a glued rule after the item that cites it, its mark made superscript.

        The conversion put the footnote where the page ended; the citation is the
        note's number glued to a word (``developing countries1,``) in a line of
        the same statement, the nearest one before the note (else after it). A
        note whose citation is not found stays where it was.
        """
        glued = set(self.glued)
        kept: list[str] = []
        notes: list[tuple[int, str]] = []  # (number of kept lines before the note, the note line)
        for i in range(start, len(self.lines)):
            if i in glued:
                notes.append((len(kept), self.lines[i]))
            else:
                kept.append(self.lines[i])
        after: dict[int, list[str]] = {}
        for anchor, note in notes:
            number = note.split(" ", 1)[0].translate(_FROM_SUPER)
            where = anchor - 1
            if number.isdigit():
                cite = re.compile(rf"(?<=[^\W\d_]){number}(?=[,;:.)\s]|$)")
                order = [*range(anchor - 1, -1, -1), *range(anchor, len(kept))]
                found = next((i for i in order if cite.search(kept[i])), -1)
                if found >= 0:
                    kept[found] = cite.sub(number.translate(_TO_SUPER), kept[found], count=1)
                    where = found
                    self.mended["footnote citation found"] += 1
            after.setdefault(where, []).append(note)
        out = after.get(-1, [])
        for i, line in enumerate(kept):
            out.append(line)
            out.extend(after.get(i, []))
        self.lines[start:] = out

    def front(self, el: etree._Element) -> None:
        """Preface: the long title on one line, then every other paragraph (title, history…) on its own."""
        for child in el.iter(_A + "longTitle", _A + "p"):
            if child.tag == _A + "longTitle" or not _inside(child, _A + "longTitle"):
                self.line(_text(child))

    # -- body

    def block(self, el: etree._Element) -> None:
        """A container: keyword lines for intros and headings, items for numbered units, lines for paragraphs."""
        for child in el:
            name = _local(child)
            if not name or child.tag in _SKIP:
                continue
            if name in ("intro", "wrapUp") and el.tag in (_A + "recitals", _A + "citations"):
                self.line(_text(child))
            elif name in ("recitals", "citations", "hcontainer", "container", "formula", "blockContainer", "tblock"):
                heading = child.find(_A + "heading")
                if heading is not None:
                    self.line(_text(heading))
                self.block(child)
            elif child.tag in _ITEMS:
                self.item(child)
            elif name in ("p", "blockList", "content", "longTitle"):
                self.paragraphs(child)
            else:
                self.block(child)

    def paragraphs(self, el: etree._Element) -> None:
        ps = [el] if el.tag == _A + "p" else list(el.iter(_A + "p")) or [el]
        for p in ps:
            notes: list[tuple[str, str]] = []
            self.line(_text(p, notes))
            self.notes(notes)

    def item(self, el: etree._Element) -> None:
        if el.tag == _A + "list":  # a list of points: its intro is text of the parent, its points items
            for child in el:
                if child.tag in _ITEMS:
                    self.item(child)
                elif child.tag in (_A + "intro", _A + "wrapUp"):
                    self.paragraphs(child)
            return
        num = el.find(_A + "num")
        label = _itertext(num) if num is not None else ""
        notes: list[tuple[str, str]] = []
        own = [
            child
            for child in el
            if child.tag not in _ITEMS and child.tag not in _SKIP and child.tag != _BLOCK_LIST
            and isinstance(child.tag, str)
        ]
        text = " ".join(t for t in (_text(child, notes) for child in own) if t)
        heading = el.find(_A + "heading")
        if heading is not None:
            text = f"{_text(heading)} {text}".strip()
        text, glued = self.unglue(text)
        if not label:
            m = _INNER_LABEL.match(text)
            if m:
                label, text = m.group("label"), text[m.end() :]
                self.mended["label inside <p>"] += 1
        self.line(f"{label}\t{text}" if label else text)
        self.notes(notes)
        for mark, body in glued:
            if body:
                self.glued.append(len(self.lines))
                self.line(f"{mark.translate(_TO_SUPER)} {body}")
        for child in el:
            if child.tag in _ITEMS:
                self.item(child)
            elif child.tag == _BLOCK_LIST:  # a list inside a recital: its items are nested items
                for entry in child:
                    if entry.tag == _A + "item":
                        self.item(entry)

    def unglue(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Split footnotes the conversion glued to an item after a rule of underscores."""
        parts = _RULE.split(text)
        if len(parts) == 1:
            return text, []
        notes: list[tuple[str, str]] = []
        kept = [parts[0]]
        for part in parts[1:]:
            m = _NOTE_MARK.match(part)
            if not m:
                kept.append(part)
                continue
            self.mended["footnote glued after a rule"] += 1
            notes.extend(_sequential_notes(m.group("mark"), part[m.end() :]))
        return " ".join(p for p in kept if p).strip(), notes

    def notes(self, notes: list[tuple[str, str]]) -> None:
        for mark, body in notes:
            if body:
                self.line(f"{mark.translate(_TO_SUPER)} {body}")

    def line(self, text: str) -> None:
        text = text.strip()
        if text and text != "\t":
            self.lines.append(text)


def _sequential_notes(first: str, body: str) -> list[tuple[str, str]]:
    """One glued rule may carry several notes in a row: split at the next number in sequence."""
    out: list[tuple[str, str]] = []
    mark = first
    while True:
        following = str(int(mark) + 1)
        m = re.search(rf"(?<=[.;:)\"”])\s+{following}\s+(?=[A-Z\"“‘(])", body)
        if not m:
            out.append((mark, body.strip()))
            return out
        out.append((mark, body[: m.start()].strip()))
        mark, body = following, body[m.end() :]


def _inside(el: etree._Element, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False
