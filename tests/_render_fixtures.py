"""Hand-built comparisons for the renderer tests (no parser, no diff engine needed).

:func:`doc` lays out paragraphs one per line and computes every span;
:func:`change` takes runs ``("=", text)``, ``("-", text)``, ``("+", text)`` and
computes their spans from the paired blocks, checking that the runs rebuild
both paragraphs exactly -- so a fixture cannot silently lie about positions.
"""

from __future__ import annotations

import os
from pathlib import Path

from resdiff._model import (
    Block,
    ChangeOp,
    ClauseChange,
    Comparison,
    DocType,
    Document,
    EditOp,
    Heading,
    Lang,
    Proposal,
    ProposalId,
    ProposalSymbol,
    RevisionKind,
    Role,
    Segment,
    Span,
    Symbol,
)

_OPS = {"=": EditOp.EQUAL, "-": EditOp.DELETE, "+": EditOp.INSERT}


def doc(lang: Lang, rows, *, proposal: str = "", heading: int | None = None, title: int | None = None) -> Document:
    """rows: (role, id, label, text, level); label must prefix text (separator follows it)."""
    blocks = []
    pos = 0
    for role, bid, label, text, level in rows:
        if label:
            assert text.startswith(label), (label, text)
            body = len(label)
            while body < len(text) and text[body] in " \t":
                body += 1
        else:
            body = 0
        blocks.append(
            Block(
                id=bid,
                role=role,
                span=Span(pos, pos + len(text)),
                text=text,
                body=Span(pos + body, pos + len(text)),
                label=label,
                level=level,
            )
        )
        pos += len(text) + 1
    text = "\n".join(r[3] for r in rows)
    proposals = ()
    if proposal:
        parts = proposal.split("/")
        proposals = (
            Proposal(
                symbol=ProposalSymbol.MOD,
                id=ProposalId(proposal, tuple(parts[:-2]), parts[-2], None, parts[-1]),
                block=0,
                blocks=(0, len(blocks)),
                reasons=(),
            ),
        )
    head = None
    if heading is not None:
        head = Heading(DocType.RESOLUTION, "68", RevisionKind.REV, None, heading)
    for b in blocks:
        assert text[b.span.start : b.span.end] == b.text
    return Document(text=text, lang=lang, blocks=tuple(blocks), heading=head, title=title, proposals=proposals)


def change(old: Document, new: Document, op: ChangeOp, oi, ni, runs=None, **kw) -> ClauseChange:
    """A ClauseChange whose segment spans are computed from the runs and checked."""
    ob = old.blocks[oi] if oi is not None else None
    nb = new.blocks[ni] if ni is not None else None
    if runs is None:
        if op is ChangeOp.ADD:
            runs = [("+", nb.text)]
        elif op is ChangeOp.SUP:
            runs = [("-", ob.text)]
        else:
            assert ob.text == nb.text
            runs = [("=", nb.text)]
    o = ob.span.start if ob else 0
    n = nb.span.start if nb else 0
    segs = []
    for code, text in runs:
        eop = _OPS[code]
        os_ = ns = None
        if eop is not EditOp.INSERT:
            os_ = Span(o, o + len(text))
            assert old.text[o : o + len(text)] == text, (text, old.text[o : o + len(text)])
            o += len(text)
        if eop is not EditOp.DELETE:
            ns = Span(n, n + len(text))
            assert new.text[n : n + len(text)] == text, (text, new.text[n : n + len(text)])
            n += len(text)
        segs.append(Segment(eop, text, os_, ns))
    if ob:
        assert o == ob.span.end, "runs do not cover the old paragraph"
    if nb:
        assert n == nb.span.end, "runs do not cover the new paragraph"
    return ClauseChange(op=op, old=oi, new=ni, segments=tuple(segs), **kw)


def comparison(old: Document, new: Document, changes, symbol: Symbol = Symbol.MOD, warnings=()) -> Comparison:
    return Comparison(old=old, new=new, changes=tuple(changes), symbol=symbol, warnings=tuple(warnings))


def chinese() -> Comparison:
    """A small slice of WTSA Resolution 68 in Chinese: MOD, ADD, SUP, (MOD) and NOC clauses."""
    old = doc(
        Lang.ZH,
        [
            (Role.HEADING, "heading", "", "第68号决议（2016年，哈马马特，修订版）", 0),
            (Role.TITLE, "title", "", "业界在ITU-T中不断演进的作用", 0),
            (Role.HISTORY, "history", "", "（2008年，约翰内斯堡；2012年，迪拜；2016年，哈马马特）", 0),
            (Role.OPENING, "opening", "", "世界电信标准化全会（2016年，哈马马特），", 0),
            (Role.SECTION, "sec_1", "", "认识到", 0),
            (Role.ITEM, "sec_1__item_a", "a)", "a)\t全权代表大会关于WTSA不断演进的作用的第122号决议；", 0),
            (
                Role.ITEM,
                "sec_1__item_b",
                "b)",
                "b)\t关于缩小标准化工作差距的第123号决议（2014年，釜山，修订版）的目标；",
                0,
            ),
            (Role.ITEM, "sec_1__item_c", "c)", "c)\t业界的参与已成为一项重要目标；", 0),
            (Role.SECTION, "sec_2", "", "做出决议", 0),
            (Role.ITEM, "sec_2__item_1", "1", "1\t鼓励业界参与ITU-T的工作；", 0),
            (Role.ITEM, "sec_2__item_2", "2", "2\t继续举办CTO会议;", 0),
        ],
        heading=0,
        title=1,
    )
    new = doc(
        Lang.ZH,
        [
            (Role.HEADING, "heading", "", "第68号决议（2024年，新德里，修订版）", 0),
            (Role.TITLE, "title", "", "业界在ITU-T中不断演进的作用", 0),
            (Role.HISTORY, "history", "", "（2008年，约翰内斯堡；2012年，迪拜；2016年，哈马马特；2024年，新德里）", 0),
            (Role.OPENING, "opening", "", "世界电信标准化全会（2024年，新德里），", 0),
            (Role.SECTION, "sec_1", "", "考虑到", 0),
            (Role.ITEM, "sec_1__item_a", "a)", "a)\t全权代表大会关于WTSA不断演进的作用的第122号决议；", 0),
            (
                Role.ITEM,
                "sec_1__item_b",
                "b)",
                "b)\t关于缩小标准化工作差距的第123号决议（2022年，布加勒斯特，修订版）的目标；",
                0,
            ),
            (Role.ITEM, "sec_1__item_c", "c)", "c)\t第22号决议（2022年，日内瓦，修订版）；", 0),
            (Role.SECTION, "sec_2", "", "做出决议", 0),
            (Role.ITEM, "sec_2__item_1", "1", "1\t鼓励业界积极参与ITU-T的工作；", 0),
            (Role.ITEM, "sec_2__item_2", "2", "2\t继续举办CTO会议；", 0),
        ],
        heading=0,
        title=1,
    )
    mod, noc, add, sup = ChangeOp.MOD, ChangeOp.NOC, ChangeOp.ADD, ChangeOp.SUP
    changes = [
        change(
            old,
            new,
            mod,
            0,
            0,
            [("=", "第68号决议（20"), ("-", "16年，哈马马特"), ("+", "24年，新德里"), ("=", "，修订版）")],
            similarity=0.7,
        ),
        change(old, new, noc, 1, 1),
        change(
            old,
            new,
            mod,
            2,
            2,
            [("=", "（2008年，约翰内斯堡；2012年，迪拜；2016年，哈马马特"), ("+", "；2024年，新德里"), ("=", "）")],
            similarity=0.9,
        ),
        change(
            old,
            new,
            mod,
            3,
            3,
            [("=", "世界电信标准化全会（20"), ("-", "16年，哈马马特"), ("+", "24年，新德里"), ("=", "），")],
            similarity=0.8,
        ),
        change(old, new, mod, 4, 4, [("-", "认识到"), ("+", "考虑到")], similarity=0.3),
        change(old, new, noc, 5, 5),
        change(
            old,
            new,
            mod,
            6,
            6,
            [
                ("=", "b)\t关于缩小标准化工作差距的第123号决议（20"),
                ("-", "14年，釜山"),
                ("+", "22年，布加勒斯特"),
                ("=", "，修订版）的目标；"),
            ],
            similarity=0.85,
        ),
        change(old, new, sup, 7, None),
        change(old, new, add, None, 7),
        change(old, new, noc, 8, 8),
        change(old, new, mod, 9, 9, [("=", "1\t鼓励业界"), ("+", "积极"), ("=", "参与ITU-T的工作；")], similarity=0.9),
        change(old, new, mod, 10, 10, [("=", "2\t继续举办CTO会议"), ("-", ";"), ("+", "；")], editorial=True),
    ]
    return comparison(old, new, changes)


def english() -> Comparison:
    """A small English resolution: relabel, a move, a nested item and text that needs escaping."""
    old = doc(
        Lang.EN,
        [
            (Role.PROPOSAL, "proposal_1", "", "MOD\tXYZ/12A3/4", 0),
            (Role.HEADING, "heading", "", "RESOLUTION 99 (Rev. Geneva, 2022)", 0),
            (Role.TITLE, "title", "", 'Testing <markup> & "quotes"', 0),
            (Role.SECTION, "sec_1", "", "considering", 0),
            (Role.ITEM, "sec_1__item_a", "a)", "a)\tthat R&D costs < benefits;", 0),
            (Role.ITEM, "sec_1__item_b", "b)", "b)\tthat <script>alert(1)</script> is text;", 0),
            (Role.ITEM, "sec_1__item_c", "c)", "c)\tthat moved text stays;", 0),
            (Role.SECTION, "sec_2", "", "resolves", 0),
            (Role.ITEM, "sec_2__item_1", "1", "1\tto act;", 0),
            (Role.ITEM, "sec_2__item_1__item_a", "a)", "a)\tquickly;", 1),
        ],
        proposal="XYZ/12A3/4",
        heading=1,
        title=2,
    )
    new = doc(
        Lang.EN,
        [
            (Role.PROPOSAL, "proposal_1", "", "MOD\tXYZ/12A3/4", 0),
            (Role.HEADING, "heading", "", "RESOLUTION 99 (Rev. Dubai, 2025)", 0),
            (Role.TITLE, "title", "", 'Testing <markup> & "quotes"', 0),
            (Role.SECTION, "sec_1", "", "considering", 0),
            (Role.ITEM, "sec_1__item_a", "a)", "a)\tthat moved text stays;", 0),
            (Role.ITEM, "sec_1__item_b", "b)", "b)\tthat R&D costs < 'benefits';", 0),
            (Role.ITEM, "sec_1__item_c", "c)", "c)\tthat <script>alert(1)</script> is text;", 0),
            (Role.SECTION, "sec_2", "", "resolves", 0),
            (Role.ITEM, "sec_2__item_1", "1", "1\tto act;", 0),
            (Role.ITEM, "sec_2__item_1__item_a", "a)", "a)\tquickly and *well*;", 1),
        ],
        proposal="XYZ/12A3/4",
        heading=1,
        title=2,
    )
    mod, noc, move = ChangeOp.MOD, ChangeOp.NOC, ChangeOp.MOVE
    changes = [
        change(old, new, noc, 0, 0),
        change(
            old,
            new,
            mod,
            1,
            1,
            [("=", "RESOLUTION 99 (Rev. "), ("-", "Geneva, 2022"), ("+", "Dubai, 2025"), ("=", ")")],
            similarity=0.6,
        ),
        change(old, new, noc, 2, 2),
        change(old, new, noc, 3, 3),
        change(old, new, move, 6, 4, [("-", "c"), ("+", "a"), ("=", ")\tthat moved text stays;")], relabelled=True),
        change(
            old,
            new,
            mod,
            4,
            5,
            [
                ("-", "a"),
                ("+", "b"),
                ("=", ")\tthat R&D costs < "),
                ("+", "'"),
                ("=", "benefits"),
                ("+", "'"),
                ("=", ";"),
            ],
            relabelled=True,
            editorial=True,
        ),
        change(
            old,
            new,
            mod,
            5,
            6,
            [("-", "b"), ("+", "c"), ("=", ")\tthat <script>alert(1)</script> is text;")],
            relabelled=True,
            editorial=True,
        ),
        change(old, new, noc, 7, 7),
        change(old, new, noc, 8, 8),
        change(old, new, mod, 9, 9, [("=", "a)\tquickly"), ("+", " and *well*"), ("=", ";")], similarity=0.7),
    ]
    return comparison(old, new, changes, warnings=["line 3: <odd> & unusual"])


def corpus_pairs():
    """(name, old text, new text) for every corpus/<case>/ with old.txt and new.txt, sorted by name."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "corpus"
    out = []
    for case in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        if (case / "old.txt").is_file() and (case / "new.txt").is_file():
            out.append(
                (
                    case.name,
                    (case / "old.txt").read_text(encoding="utf-8"),
                    (case / "new.txt").read_text(encoding="utf-8"),
                )
            )
    return out


CORPUS = corpus_pairs()


GOLDEN_DIR = Path(__file__).parent / "golden"


def check_golden(kind: str, name: str, text: str) -> None:
    """Compare *text* with tests/golden/<kind>/<name>; RESDIFF_REGOLD=1 rewrites the file instead."""
    path = GOLDEN_DIR / kind / name
    if os.environ.get("RESDIFF_REGOLD") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing golden file {path}; run with RESDIFF_REGOLD=1 to create it"
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs; RESDIFF_REGOLD=1 re-baselines"
