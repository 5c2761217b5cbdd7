"""Hypothesis strategies for resdiff tests: hostile Unicode, generated resolutions, revisions.

* :func:`unicode_text` — arbitrary text weighted towards what breaks diff
  tools: astral-plane emoji (surrogate pairs in UTF-16), ZWJ sequences and flags,
  combining marks, Arabic (right to left), CJK, CRLF/CR, no-break and
  ideographic spaces, zero-width characters, markup and diff-mark lookalikes.
* :func:`resolutions` — a realistic ITU resolution (:class:`GenResolution`) in
  Chinese or English: heading with revision marker, title, history, opening,
  2–5 sections with labelled items (``a)``, ``1``, ``–``), a footnote.
  ``.text`` is the document; the structure stays available for edits.
* :func:`revisions` — an edited version of a :class:`GenResolution`: a word
  replaced, an item inserted, deleted or moved (labels renumbered), the heading
  or a section keyword swapped. :func:`revision_pairs` draws both at once.

Example::

    @given(pair=revision_pairs("zh"))
    def test_something(pair):
        old, new = pair
        compare(old.text, new.text)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import strategies as st

__all__ = [
    "GenItem",
    "GenResolution",
    "GenSection",
    "HOSTILE_FRAGMENTS",
    "resolution_texts",
    "resolutions",
    "revision_pairs",
    "revisions",
    "unicode_text",
]

# Pieces of text that have broken diff and markup tools before.
HOSTILE_FRAGMENTS: tuple[str, ...] = (
    "😀", "👩🏽‍💻", "🇨🇳", "🏳️‍🌈", "𠀀", "𪚥", "𝔘𝔫𝔦", "\U0010fffd",  # astral plane, ZWJ, flags
    "e\u0301", "a\u0308\u0323", "\u0915\u094d\u0937\u093f", "\u1100\u1161\u11a8",  # combining, Devanagari, jamo
    "القرار", "الاتحاد الدولي للاتصالات", "\u200f", "\u202e", "\u202c", "שלום",  # RTL
    "第68号决议", "考虑到", "（2024年，新德里）", "；", "，", "。", "ＡＢＣ", "１２",  # CJK, full width
    "\r\n", "\r", "\n", "\t", "\u00a0", "\u3000", "\u2002", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "<", ">", "&", '"', "'", "&amp;", "<script>alert(1)</script>", "]]>", "<![CDATA[", "&#x0;",
    "[-", "-]", "{+", "+}", "**", "~~", "<ins>", "</del>", "\\", "%s", "{0}",
    "\x0b", "\x0c", "\u2028", "\u2029", "\u0085",
)

# Fragments that keep a line a line (no line or paragraph separators), for prose inside items.
_LINE_BREAKS = frozenset({"\r\n", "\r", "\n", "\x0b", "\x0c", "\u2028", "\u2029", "\u0085"})
_INLINE_FRAGMENTS = tuple(f for f in HOSTILE_FRAGMENTS if f not in _LINE_BREAKS)

_CHARS = st.characters(exclude_categories=("Cs",))  # surrogates cannot be encoded; everything else goes


def unicode_text(*, min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Arbitrary text mixing random code points with :data:`HOSTILE_FRAGMENTS`.

    Sizes count pieces (a code point or a fragment), not characters.
    """
    piece = st.one_of(_CHARS, st.sampled_from(HOSTILE_FRAGMENTS), st.text(_CHARS, max_size=8))
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


# ---------------------------------------------------------------- resolutions


@dataclass(frozen=True)
class GenItem:
    body: str
    subitems: tuple[str, ...] = ()  # dash items under this one ("–\t…")


@dataclass(frozen=True)
class GenSection:
    keyword: str  # "considering", "做出决议，责成电信标准化局主任"
    style: str  # label style of its items: "alpha" (a), b)…), "num" (1, 2…), "dash" (–)
    items: tuple[GenItem, ...]


@dataclass(frozen=True)
class GenResolution:
    """A generated resolution; labels are computed from positions, so edits renumber them."""

    lang: str  # "zh" | "en"
    number: str
    revised: bool  # heading says "Rev." / "修订版"
    place: str
    year: int
    title: str
    history: tuple[tuple[str, int], ...]
    assembly: str
    sections: tuple[GenSection, ...]
    footnote: str = ""
    newline: str = "\n"

    @property
    def text(self) -> str:
        return self.newline.join(self.lines()) + self.newline

    def lines(self) -> list[str]:
        zh = self.lang == "zh"
        if zh:
            marker = f"（{self.year}年，{self.place}，修订版）" if self.revised else f"（{self.year}年，{self.place}）"
            out = [f"第{self.number}号决议{marker}", self.title]
            out.append("（" + "；".join(f"{y}年，{p}" for p, y in self.history) + "）")
            out.append(f"{self.assembly}（{self.year}年，{self.place}），")
        else:
            marker = f"(Rev. {self.place}, {self.year})" if self.revised else f"({self.place}, {self.year})"
            out = [f"RESOLUTION {self.number} {marker}", self.title]
            out.append("(" + "; ".join(f"{p}, {y}" for p, y in self.history) + ")")
            out.append(f"The {self.assembly} ({self.place}, {self.year}),")
        for section in self.sections:
            out.append(section.keyword)
            for i, item in enumerate(section.items):
                out.append(f"{label(section.style, i)}\t{item.body}")
                out.extend(f"–\t{sub}" for sub in item.subitems)
        if self.footnote:
            out.append("_" * 18)
            out.append(f"1\t{self.footnote}")
        return out


def label(style: str, index: int) -> str:
    """The label of the item at *index* (0-based) in a section of *style*."""
    if style == "alpha":
        letters = "abcdefghijklmnopqrstuvwxyz"
        return (letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]) + ")"
    if style == "num":
        return str(index + 1)
    return "–"


_EN = {
    "places": ["Johannesburg", "Florianópolis", "Dubai", "Hammamet", "Geneva", "New Delhi", "Busan", "Bucharest"],
    "assemblies": [
        "World Telecommunication Standardization Assembly",
        "Plenipotentiary Conference of the International Telecommunication Union",
    ],
    "titles": [
        "Evolving role of industry in the ITU Telecommunication Standardization Sector",
        "Bridging the standardization gap between developed and developing countries",
        "Telecommunication/information and communication technology accessibility for persons with disabilities",
    ],
    "preamble": [
        *("considering", "recognizing", "noting", "bearing in mind", "recalling", "considering further"),
        *("noting with satisfaction", "aware"),
    ],
    "operative": [
        "resolves", "instructs the Director of the Telecommunication Standardization Bureau",
        "instructs the study groups", "invites Member States", "encourages Sector Members",
        "requests the Secretary-General",
        "further resolves", "resolves to instruct the Telecommunication Standardization Advisory Group",
    ],
    "words": (
        "the ITU-T study groups Member States Sector Members Associates academia developing countries "
        "standardization activities industry participation CTO meetings workshop report results "
        "Resolution 22 (Rev. Geneva, 2022) Resolution 123 emerging technologies telecommunications/ICT "
        "small and medium-sized enterprises TSAG Director Bureau to continue to organize to take into account "
        "relevant in particular including with a view to in accordance with 193 520 2024 2028 ecosystem"
    ).split(),
}

_ZH = {
    "places": ["约翰内斯堡", "弗洛里亚诺波利斯", "迪拜", "哈马马特", "日内瓦", "新德里", "釜山", "布加勒斯特"],
    "assemblies": ["世界电信标准化全会", "国际电信联盟全权代表大会"],
    "titles": [
        "业界在ITU-T国际电联电信标准化部门中不断演进的作用",
        "缩小发达国家与发展中国家之间的标准化工作差距",
        "为残疾人提供无障碍电信/信息通信技术",
    ],
    "preamble": ["考虑到", "认识到", "注意到", "铭记", "忆及", "进一步考虑到", "满意地注意到", "意识到"],
    "operative": [
        *("做出决议", "责成电信标准化局主任", "做出决议，责成TSAG", "责成各研究组", "请各成员国", "鼓励部门成员"),
        *("请秘书长", "进一步做出决议"),
    ],
    "words": list(
        "全权代表大会 关于 世界电信标准化全会 不断演进 的 作用 第122号决议 （2010年，瓜达拉哈拉，修订版） "
        "发展中国家 标准化 工作 差距 目标 部门成员 部门准成员 学术成员 参与 业界 首席技术官 会议 讲习班 "
        "电信标准化顾问组（TSAG） 新的和新兴技术 国际电联 ITU-T 研究组 中小企业 193个 520多个 继续 组织 并 和 以及 "
        "考虑 酌情 特别是 包括 根据 2024年 CTO/CxO 生态系统".split()
    ),
}


def _words(lang: str, *, exotic: bool, min_size: int = 3, max_size: int = 14) -> st.SearchStrategy[str]:
    vocab = (_ZH if lang == "zh" else _EN)["words"]
    word = st.sampled_from(vocab)
    if exotic:
        word = st.one_of(word, word, word, st.sampled_from(_INLINE_FRAGMENTS))
    sep = "" if lang == "zh" else " "
    return st.lists(word, min_size=min_size, max_size=max_size).map(sep.join)


@st.composite
def _section(draw, lang: str, operative: bool, exotic: bool) -> GenSection:
    table = _ZH if lang == "zh" else _EN
    keyword = draw(st.sampled_from(table["operative" if operative else "preamble"]))
    style = draw(st.sampled_from(["num", "num", "alpha"] if operative else ["alpha", "alpha", "num"]))
    n = draw(st.integers(1, 6))
    items = []
    end_mid, end_last = ("；", "。") if lang == "zh" else (";", ",")
    for i in range(n):
        body = draw(_words(lang, exotic=exotic)) + (end_last if i == n - 1 else end_mid)
        subs: tuple[str, ...] = ()
        if draw(st.integers(0, 5)) == 0:
            subs = tuple(draw(st.lists(_words(lang, exotic=exotic, max_size=6), min_size=1, max_size=3)))
        items.append(GenItem(body, subs))
    return GenSection(keyword, style, tuple(items))


@st.composite
def resolutions(draw, lang: str = "zh", *, exotic: bool = False, newline: str | None = "\n") -> GenResolution:
    """A realistic resolution in *lang*; *exotic* mixes hostile fragments into the prose.

    *newline* is the line ending; ``None`` draws one of LF, CRLF and CR.
    """
    table = _ZH if lang == "zh" else _EN
    years = sorted(draw(st.lists(st.integers(1990, 2028), min_size=1, max_size=5, unique=True)))
    places = [draw(st.sampled_from(table["places"])) for _ in years]
    history = tuple(zip(places, years))
    n_sections = draw(st.integers(2, 5))
    n_preamble = draw(st.integers(1, n_sections - 1))
    sections = tuple(
        draw(_section(lang, operative=i >= n_preamble, exotic=exotic)) for i in range(n_sections)
    )
    footnote = draw(st.one_of(st.just(""), _words(lang, exotic=exotic, max_size=8)))
    return GenResolution(
        lang=lang,
        number=str(draw(st.integers(1, 250))),
        revised=len(history) > 1,
        place=places[-1],
        year=years[-1],
        title=draw(st.sampled_from(table["titles"])),
        history=history,
        assembly=draw(st.sampled_from(table["assemblies"])),
        sections=sections,
        footnote=footnote,
        newline=draw(st.sampled_from(["\n", "\r\n", "\r"])) if newline is None else newline,
    )


def resolution_texts(lang: str = "zh", **kwargs) -> st.SearchStrategy[str]:
    """The text of :func:`resolutions`."""
    return resolutions(lang, **kwargs).map(lambda doc: doc.text)


# ---------------------------------------------------------------- revisions


def _with_items(doc: GenResolution, s: int, items: list[GenItem]) -> GenResolution:
    sections = list(doc.sections)
    sections[s] = replace(sections[s], items=tuple(items))
    return replace(doc, sections=tuple(sections))


@st.composite
def _edit(draw, doc: GenResolution) -> GenResolution:
    kind = draw(st.sampled_from(["word", "word", "insert", "delete", "move", "heading", "keyword"]))
    s = draw(st.integers(0, len(doc.sections) - 1))
    items = list(doc.sections[s].items)
    if kind == "word":
        i = draw(st.integers(0, len(items) - 1))
        sep = "" if doc.lang == "zh" else " "
        body = items[i].body
        words = body.split(sep) if sep else [body[k : k + 2] for k in range(0, len(body), 2)]
        k = draw(st.integers(0, len(words) - 1))
        words[k] = draw(_words(doc.lang, exotic=False, min_size=1, max_size=2))
        items[i] = replace(items[i], body=sep.join(words))
        return _with_items(doc, s, items)
    if kind == "insert":
        i = draw(st.integers(0, len(items)))
        body = draw(_words(doc.lang, exotic=False)) + ("；" if doc.lang == "zh" else ";")
        items.insert(i, GenItem(body))
        return _with_items(doc, s, items)
    if kind == "delete" and len(items) > 1:
        del items[draw(st.integers(0, len(items) - 1))]
        return _with_items(doc, s, items)
    if kind == "move" and len(items) > 1:
        item = items.pop(draw(st.integers(0, len(items) - 1)))
        items.insert(draw(st.integers(0, len(items))), item)
        return _with_items(doc, s, items)
    if kind == "heading":
        table = _ZH if doc.lang == "zh" else _EN
        place = draw(st.sampled_from(table["places"]))
        year = doc.year + draw(st.integers(1, 8))
        return replace(doc, revised=True, place=place, year=year, history=(*doc.history, (place, year)))
    if kind == "keyword":
        table = _ZH if doc.lang == "zh" else _EN
        section = doc.sections[s]
        pool = table["operative"] if section.style == "num" and s > 0 else table["preamble"]
        sections = list(doc.sections)
        sections[s] = replace(section, keyword=draw(st.sampled_from(pool)))
        return replace(doc, sections=tuple(sections))
    return doc  # a delete or move in a one-item section: leave it


@st.composite
def revisions(draw, doc: GenResolution, *, max_edits: int = 3) -> GenResolution:
    """*doc* after 1..*max_edits* edits (may, rarely, equal *doc* when edits cancel out)."""
    for _ in range(draw(st.integers(1, max_edits))):
        doc = draw(_edit(doc))
    return doc


@st.composite
def revision_pairs(draw, lang: str = "zh", **kwargs) -> tuple[GenResolution, GenResolution]:
    """``(old, new)``: a generated resolution and a revision of it."""
    old = draw(resolutions(lang, **kwargs))
    return old, draw(revisions(old))


# ---------------------------------------------------------------- sized documents


def sized_resolution_pair(
    size: int, lang: str = "zh", *, seed: int = 68, edit_every: int = 20
) -> tuple[str, str]:
    """``(old, new)`` texts of about *size* characters each, for size and time bounds.

    A resolution heading, then sections of 40 items each until *size* is
    reached; every *edit_every*-th item is changed in *new* (a word replaced,
    an item inserted or deleted, in turn). Deterministic for a given *seed*.
    """
    import random

    rnd = random.Random(seed)
    table = _ZH if lang == "zh" else _EN
    sep, mid, last = ("", "；", "。") if lang == "zh" else (" ", ";", ",")
    head = GenResolution(
        lang, "68", True, table["places"][5], 2024, table["titles"][0],
        ((table["places"][0], 2008), (table["places"][5], 2024)), table["assemblies"][0], (),
    ).lines()
    old, new = list(head), list(head)
    chars = sum(len(line) + 1 for line in head)
    n = 0
    while chars < size:
        keyword = rnd.choice(table["preamble"] + table["operative"])
        old.append(keyword)
        new.append(keyword)
        chars += len(keyword) + 1
        for i in range(40):
            words = [rnd.choice(table["words"]) for _ in range(rnd.randint(8, 30))]
            line = f"{label('alpha', i)}\t{sep.join(words)}{last if i == 39 else mid}"
            old.append(line)
            chars += len(line) + 1
            n += 1
            if n % edit_every:
                new.append(line)
                continue
            kind = (n // edit_every) % 3
            if kind == 0:
                words[rnd.randrange(len(words))] = rnd.choice(table["words"])
                new.append(f"{label('alpha', i)}\t{sep.join(words)}{last if i == 39 else mid}")
            elif kind == 1:
                new.append(line)
                new.append(f"{label('alpha', i)}\t{sep.join(rnd.choice(table['words']) for _ in range(12))}{mid}")
            # kind == 2: the item is deleted from new
    return "\n".join(old) + "\n", "\n".join(new) + "\n"
