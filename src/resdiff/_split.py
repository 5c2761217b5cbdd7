"""Split a compilation (Final Acts, a Council compilation) into its statements.

A compilation holds many resolutions, decisions, recommendations or opinions,
each opening with its heading (``RESOLUTION 2 (REV. DUBAI, 2018)``,
``第68号决议（2024年，新德里）``). The parser finds the headings; each part runs
from its heading line to the next heading line and is named by the key batch
pairs files with (``resolution-2``, ``decision-5``). What precedes the first
heading (a cover, a table of contents, a letter) is the part :data:`FRONT`
when it holds any text. Headings of proposals (after a proposal line) do not
start a part: a proposal document is one document, not a compilation.

>>> parts = split_text("FINAL ACTS\\nRESOLUTION 1 (Dubai, 2018)\\nresolves\\n1\\tto act;\\n"
...                    "DECISION 5 (Rev. Dubai, 2018)\\ndecides\\n1\\tthat;\\n")
>>> [(p.key, p.heading) for p in parts]
[('front', ''), ('resolution-1', 'RESOLUTION 1 (Dubai, 2018)'), ('decision-5', 'DECISION 5 (Rev. Dubai, 2018)')]
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from resdiff._model import Document, Lang, Role, Span

__all__ = ["FRONT", "Part", "heading_blocks", "split_text", "statement_count"]

FRONT = "front"  # key of the text before the first heading


@dataclass(frozen=True, slots=True)
class Part:
    """One statement of a compilation (or the front matter): its key, heading and text."""

    key: str  # "resolution-2", "decision-5", "front"; "-2", "-3"… added when a key repeats
    heading: str  # the heading line as written; "" for the front matter
    span: Span  # where the part stands in the compilation's text, from the start of its heading line
    text: str  # the compilation's text over that span

    @property
    def front(self) -> bool:
        """True for the text before the first heading (key :data:`FRONT`)."""
        return self.key == FRONT


def heading_blocks(doc: Document) -> list[int]:
    """Indices of the blocks that open a statement: headings outside proposals."""
    return [i for i, b in enumerate(doc.blocks) if b.role is Role.HEADING and b.proposal < 0]


def statement_count(doc: Document) -> int:
    """How many statements (resolutions, decisions, …) the document holds side by side; 2 or more: a compilation.

    A heading right after an annex line (``ANNEX A`` then ``RESOLUTION 2 …``) is a
    statement annexed to a letter or report, not one of a compilation's: it is
    not counted (:func:`split_text` still cuts there).
    """
    blocks = doc.blocks
    return sum(1 for i in heading_blocks(doc) if i == 0 or blocks[i - 1].role is not Role.ANNEX)


def _key(heading_text: str) -> str | None:
    """The batch key a heading line gives (``resolution-2``), or None."""
    from resdiff._parse import parse

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        heading = parse(heading_text).heading
    if heading is None or not heading.number:
        return None
    number = heading.number.strip()
    number = str(int(number)) if number.isdigit() else number
    return f"{heading.doc_type.value}-{number}"


def split_text(text: str, *, lang: Lang | str | None = None, doc: Document | None = None) -> tuple[Part, ...]:
    """The parts of a compilation, in reading order (see the module docstring).

    *doc*: the text already parsed, to save parsing it again. A text with no
    heading is one part, :data:`FRONT`.
    """
    if doc is None:
        from resdiff._parse import parse

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = parse(text, lang=lang)
    starts: list[tuple[int, str]] = []
    for index in heading_blocks(doc):
        block = doc.blocks[index]
        line_start = max(text.rfind("\n", 0, block.span.start), text.rfind("\r", 0, block.span.start)) + 1
        starts.append((line_start, block.text))
    parts: list[Part] = []
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        parts.append(Part(FRONT, "", Span(0, first), text[:first]))
    seen: dict[str, int] = {}
    for n, (start, heading) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        key = _key(heading) or f"part-{n + 1}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        parts.append(Part(key, heading, Span(start, end), text[start:end]))
    return tuple(parts)
