"""A parsed document as Akoma Ntoso 3.0 XML, for legislative tools that read the structure resdiff finds.

One ``statement`` per resolution (a ``documentCollection`` of them when the
document holds several), valid against the OASIS schema
(``tests/test_akn_render.py`` checks it):

=====================  ================================================================
resdiff                Akoma Ntoso
=====================  ================================================================
heading                ``preface/longTitle/p`` (``docType`` + ``docNumber`` in Latin scripts)
title, history         ``preface/container`` named ``title`` / ``history``
opening                ``preamble/formula`` named ``enactingFormula``
preambular section     ``preamble/recitals`` (keyword line in ``intro``), items as ``recital``;
                       nested items as a ``blockList`` inside their recital
operative section      ``mainBody/hcontainer`` named by its kind (``resolves``,
                       ``instructs``…) with the keyword line as ``heading``; items as
                       ``paragraph`` (``num`` + ``content``), nested ones as ``point``
footnote               ``authorialNote`` in the item that cites it (its superscript mark
                       replaced), else at the end of the paragraph before it
annex, other text      ``mainBody/hcontainer`` named ``annex``/``text``/``proposal``/
                       ``reasons``/``summary`` with its paragraphs as ``content/p``
=====================  ================================================================

``eId`` values follow resdiff's own anchors with AKN's element names for the
parts: ``sec_3`` (a section), ``sec_3__rec_a`` (a recital), ``sec_5__para_2``
(a paragraph), ``sec_5__para_6__point_a`` (a point), ``fn_1``; the FRBR
identification names the document by its heading (``res-68``) and its date by
the heading's year (January 1st, the only day known). Pure: same document,
same bytes.

>>> import resdiff
>>> xml = document_to_akn(resdiff.parse("RESOLUTION 2 (Rev. Dubai, 2018)\\nTitle\\nresolves\\n1\\tto act;"))
>>> '<paragraph eId="sec_1__para_1"><num>1</num><content><p>to act;</p></content></paragraph>' in xml
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from resdiff._model import Block, DocType, Document, Role, SectionKind

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["AKN_NS", "document_to_akn"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_LANG3 = {"zh": "zho", "en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara"}
_SHORT = {"resolution": "res", "decision": "dec", "recommendation": "rec", "opinion": "opi"}
_SUPERSCRIPT = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")
_OTHER = {
    Role.ANNEX: "annex",
    Role.PROPOSAL: "proposal",
    Role.REASONS: "reasons",
    Role.SUMMARY: "summary",
    Role.PARAGRAPH: "text",
}
_NAME_SAFE = re.compile(r"[^a-z0-9]+")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def document_to_akn(doc: Document, keys: Sequence[str] | None = None) -> str:
    """The document as an Akoma Ntoso 3.0 XML string (UTF-8 declaration, a final newline).

    *keys*: one per statement, as :func:`resdiff.split_text` names them
    (``resolution-2``, ``decision-5``); they give each statement its type and
    number. Without them the first statement's come from ``doc.heading``, and
    a later one's from its heading's first word when that is an English type
    word (``RESOLUTION 2``), else ``statement-N``.
    """
    from lxml import etree

    # lxml takes None as the key of the default namespace; lxml-stubs types the keys as str only
    root = etree.Element(_q("akomaNtoso"), nsmap={None: AKN_NS})  # type: ignore[dict-item]
    statements = _statements(doc)
    keys = list(keys or ())
    if len(statements) <= 1:
        key = keys[0] if keys else None
        _Statement(doc, statements[0] if statements else (0, len(doc.blocks)), root, key, 1).build()
    else:
        collection = etree.SubElement(root, _q("documentCollection"), name="compilation")
        collection.append(_meta(doc, None, "compilation"))
        front = range(0, statements[0][0])
        if any(doc.blocks[i].text for i in front):
            preface = etree.SubElement(collection, _q("preface"))
            for i in front:
                _p(preface, doc.blocks[i].text)
        body = etree.SubElement(collection, _q("collectionBody"))
        for n, span in enumerate(statements, 1):
            component = etree.SubElement(body, _q("component"), eId=f"cmp_{n}")
            _Statement(doc, span, component, keys[n - 1] if n <= len(keys) else None, n).build()
    return etree.tostring(root, encoding="unicode", pretty_print=False).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n")
    )


def _q(name: str) -> str:
    return "{" + AKN_NS + "}" + name


def _statements(doc: Document) -> list[tuple[int, int]]:
    """[start, end) block ranges of the statements: one per heading outside proposals."""
    heads = [i for i, b in enumerate(doc.blocks) if b.role is Role.HEADING and b.proposal < 0]
    if len(heads) <= 1:
        return [(0, len(doc.blocks))]
    return [(h, heads[k + 1] if k + 1 < len(heads) else len(doc.blocks)) for k, h in enumerate(heads)]


def _p(parent: etree._Element, text: str, eid: str | None = None) -> etree._Element:
    from lxml import etree

    p = etree.SubElement(parent, _q("p"))
    if eid:
        p.set("eId", eid)
    p.text = text
    return p


def _key(block_id: str) -> str:
    """The last key of a resdiff block id: ``sec_3__item_b__item_2`` -> ``2``."""
    return block_id.rsplit("__item_", 1)[-1] if "__item_" in block_id else block_id


def _meta(doc: Document, heading: Block | None, number: str, *, references: bool = True) -> etree._Element:
    """``meta/identification`` (FRBR work, expression, manifestation) and, unless inside a collection
    whose own meta has them, the ``references`` the identification points to."""
    from lxml import etree

    year = None
    if heading is not None and doc.heading is not None and doc.blocks[doc.heading.block] is heading:
        year = doc.heading.meeting.year if doc.heading.meeting is not None else None
    elif heading is not None:
        years = _YEAR.findall(heading.text)  # a later statement's heading: the last year it names
        year = int(years[-1]) if years else None
    date = f"{year:04d}-01-01" if year else "0001-01-01"
    lang = _LANG3.get(doc.lang.value, "und")
    work = f"/akn/un/statement/deliberation/itu/{date}/{number}"
    meta = etree.Element(_q("meta"))
    ident = etree.SubElement(meta, _q("identification"), source="#resdiff")
    parts = (
        ("FRBRWork", work, "#itu"),
        ("FRBRExpression", f"{work}/{lang}@{date}", "#itu"),
        ("FRBRManifestation", f"{work}/{lang}@{date}/.akn", "#resdiff"),
    )
    for tag, uri, author in parts:
        el = etree.SubElement(ident, _q(tag))
        this = uri if tag == "FRBRManifestation" else f"{uri}/!main"
        etree.SubElement(el, _q("FRBRthis"), value=this)
        etree.SubElement(el, _q("FRBRuri"), value=uri)
        etree.SubElement(el, _q("FRBRdate"), date=date, name="year" if year else "unknown")
        etree.SubElement(el, _q("FRBRauthor"), href=author)
        if tag == "FRBRWork":
            etree.SubElement(el, _q("FRBRcountry"), value="un")
            number_el = etree.SubElement(el, _q("FRBRnumber"), value=number)
            if heading is not None:
                number_el.set("showAs", heading.text)
        elif tag == "FRBRExpression":
            etree.SubElement(el, _q("FRBRlanguage"), language=lang)
    if not references:
        return meta
    refs = etree.SubElement(meta, _q("references"), source="#resdiff")
    etree.SubElement(
        refs, _q("TLCOrganization"), eId="itu", href="/ontology/organization/itu",
        showAs="International Telecommunication Union",
    )  # fmt: skip
    etree.SubElement(
        refs, _q("TLCOrganization"), eId="resdiff", href="/ontology/organization/resdiff", showAs="resdiff"
    )
    return meta


class _Statement:
    """One statement's blocks [start, end) written into *parent*."""

    def __init__(
        self, doc: Document, span: tuple[int, int], parent: etree._Element, key: str | None, n: int
    ) -> None:
        self.doc, self.parent, self.key, self.n = doc, parent, key, n
        self.start, self.end = span
        self.elements: dict[str, etree._Element] = {}  # block id -> the element its item became

    def build(self) -> None:
        from lxml import etree

        doc = self.doc
        blocks = range(self.start, self.end)
        heading = next((doc.blocks[i] for i in blocks if doc.blocks[i].role is Role.HEADING), None)
        doc_type, number = self._facts(heading)
        work = f"{_SHORT.get(doc_type, doc_type[:3])}-{number}" if number else f"statement-{self.n}"
        statement = etree.SubElement(self.parent, _q("statement"), name=doc_type)
        statement.append(_meta(doc, heading, work, references=self.parent.tag != _q("component")))
        preface = etree.Element(_q("preface"))
        preamble = etree.Element(_q("preamble"))
        body = etree.Element(_q("mainBody"))
        in_preamble = True  # preambular sections stay recitals until the first operative one
        current: etree._Element | None = None  # the container items go into
        other: etree._Element | None = None  # the content element of an annex/text container
        last_p: etree._Element | None = None  # where a footnote that cites nothing goes
        for i in blocks:
            block = doc.blocks[i]
            role = block.role
            if role is Role.FOOTNOTE:
                self._note(block, (preface, preamble, body), last_p)
                continue
            if role is Role.HEADING:
                last_p = _long_title(preface, block.text, block.id)
            elif role in (Role.TITLE, Role.HISTORY) and not len(body) and not len(preamble):
                container = etree.SubElement(
                    preface, _q("container"), name=role.value, eId="container_" + block.id
                )
                last_p = _p(container, block.text)
            elif role is Role.OPENING and not len(body):
                formula = etree.SubElement(preamble, _q("formula"), name="enactingFormula", eId="formula_" + block.id)
                last_p = _p(formula, block.text)
            elif role is Role.SECTION:
                section = doc.sections[block.section]
                other = None
                if in_preamble and not section.kind.operative:
                    current = etree.SubElement(preamble, _q("recitals"), eId=block.id)
                    intro = etree.SubElement(current, _q("intro"))
                    last_p = _p(intro, block.text)
                else:
                    in_preamble = False
                    current = etree.SubElement(body, _q("hcontainer"), name=_kind_name(section.kind), eId=block.id)
                    etree.SubElement(current, _q("heading")).text = block.text
            elif role is Role.ITEM and current is not None and block.section >= 0:
                last_p = self._item(current, block, i)
            elif not len(body) and not len(preamble) and role is not Role.ANNEX and heading is None:
                last_p = _p(preface, block.text)  # text before any structure
            else:
                if role is Role.ANNEX or other is None:
                    name = _OTHER.get(role, "text")
                    container = etree.SubElement(body, _q("hcontainer"), name=name, eId=f"hcontainer_{block.id}")
                    if role is Role.ANNEX:
                        etree.SubElement(container, _q("heading")).text = block.text
                    other = etree.SubElement(container, _q("content"))
                    current = None
                    in_preamble = False
                    if role is Role.ANNEX:
                        continue
                last_p = _p(other, block.text)
        for el in (preface, preamble):
            if len(el):
                statement.append(el)
        if not len(body):
            container = etree.SubElement(body, _q("hcontainer"), name="text", eId="hcontainer_empty")
            _p(etree.SubElement(container, _q("content")), "")
        statement.append(body)

    def _facts(self, heading: Block | None) -> tuple[str, str]:
        """The statement's type and number (``("resolution", "2")``; number "" when unknown)."""
        if self.key:
            doc_type, _, number = self.key.partition("-")
            return doc_type, _NAME_SAFE.sub("-", number.lower()).strip("-")
        doc = self.doc
        if heading is not None and doc.heading is not None and doc.blocks[doc.heading.block] is heading:
            return doc.heading.doc_type.value, _NAME_SAFE.sub("-", doc.heading.number.lower()).strip("-")
        m = _LATIN_HEAD.fullmatch(heading.text) if heading is not None else None
        if m and m.group("type").lower() in {t.value for t in DocType}:
            return m.group("type").lower(), _NAME_SAFE.sub("-", m.group("rest").split()[0].lower()).strip("-")
        return "resolution", ""

    def _item(self, container: etree._Element, block: Block, index: int) -> etree._Element:
        """An item as a recital, paragraph or point under its parent; returns its ``p``."""
        from lxml import etree

        body = self.doc.text[block.body.start : block.body.end]
        recitals = container.tag == _q("recitals")
        parent = container
        if block.level > 0:
            parent = self._parent_of(container, block, index)
        if recitals and parent is not container:
            # a recital holds blocks only: nested items become a list inside it
            blocklist = parent.find(_q("blockList"))
            if blocklist is None:
                blocklist = etree.SubElement(parent, _q("blockList"), eId=parent.get("eId", "") + "__list_1")
            item = etree.SubElement(blocklist, _q("item"), eId=_child_id(parent, "item", block))
            if block.label:
                etree.SubElement(item, _q("num")).text = block.label
            self.elements[block.id] = item
            return _p(item, body)
        if recitals:
            recital = etree.SubElement(parent, _q("recital"), eId=_child_id(parent, "rec", block))
            if block.label:
                etree.SubElement(recital, _q("num")).text = block.label
            self.elements[block.id] = recital
            return _p(recital, body)
        tag = "paragraph" if parent is container else "point"
        if parent is not container:
            _to_intro(parent)
        el = etree.SubElement(parent, _q(tag), eId=_child_id(parent, "para" if tag == "paragraph" else "point", block))
        if block.label:
            etree.SubElement(el, _q("num")).text = block.label
        self.elements[block.id] = el
        content = etree.SubElement(el, _q("content"))
        return _p(content, body)

    def _parent_of(self, container: etree._Element, block: Block, index: int) -> etree._Element:
        """The element of the nearest earlier item one level up in the same section (the container if none)."""
        doc = self.doc
        for j in range(index - 1, self.start - 1, -1):
            other = doc.blocks[j]
            if other.role is Role.ITEM and other.section == block.section and other.level < block.level:
                return self.elements.get(other.id, container)
        return container

    def _note(self, block: Block, parts: tuple[etree._Element, ...], last_p: etree._Element | None) -> None:
        from lxml import etree

        body = self.doc.text[block.body.start : block.body.end]
        mark = next((f.mark for f in self.doc.footnotes if self.doc.blocks[f.block] is block), block.label)
        digits = mark.translate(str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890"))
        sup = digits.translate(_SUPERSCRIPT)
        note = etree.Element(_q("authorialNote"), marker=digits or mark or "*", placement="bottom", eId=block.id)
        _p(note, body)
        # the citing p: the latest one (in this statement) whose text holds the superscript mark
        target: etree._Element | None = None
        if sup:
            for p in reversed([p for part in parts for p in part.iter(_q("p"))]):
                if p.text and sup in p.text:
                    target = p
                    break
        if target is not None and target.text is not None:
            before, _, after = target.text.partition(sup)
            target.text = before
            note.tail = after
            target.insert(0, note)
            return
        if last_p is None:
            return
        last_p.append(note)


def _child_id(parent: etree._Element, name: str, block: Block) -> str:
    base = parent.get("eId") or ""
    eid = f"{base}__{name}_{_key(block.id)}" if base else f"{name}_{_key(block.id)}"
    return eid


def _to_intro(el: etree._Element) -> None:
    """A paragraph or point about to get points: its ``content`` becomes its ``intro``."""
    content = el.find(_q("content"))
    if content is not None:
        content.tag = _q("intro")


def _kind_name(kind: SectionKind) -> str:
    return _NAME_SAFE.sub("_", kind.value).strip("_")


_LATIN_HEAD = re.compile(r"(?P<type>[^\W\d_][^\d]*?)\s+(?P<rest>\S.*)", re.S)


def _long_title(preface: etree._Element, text: str, block_id: str) -> etree._Element:
    """``<longTitle><p><docType>RESOLUTION</docType> <docNumber>2 (Rev. Dubai, 2018)</docNumber></p>``."""
    from lxml import etree

    long_title = etree.SubElement(preface, _q("longTitle"), eId=f"longTitle_{block_id}")
    p = etree.SubElement(long_title, _q("p"))
    m = _LATIN_HEAD.fullmatch(text)
    if m and m.group("rest")[:1].isdigit():
        etree.SubElement(p, _q("docType")).text = m.group("type")
        number = etree.SubElement(p, _q("docNumber"))
        number.text = m.group("rest")
        number.tail = None
        p[0].tail = " "
    else:
        etree.SubElement(p, _q("docTitle")).text = text
    return p
