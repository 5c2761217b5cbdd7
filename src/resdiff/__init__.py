"""resdiff: what changed between two versions of an ITU resolution, marked as a drafter would.

>>> import resdiff
>>> cmp = resdiff.compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> cmp.symbol.value
'MOD'
>>> resdiff.render(cmp, "wdiff")
'considering\\na)\\tthe [-old-]{+new+} text;\\n'
"""

from __future__ import annotations

from resdiff._compare import compare
from resdiff._errors import (
    BinaryInputError,
    DecodeError,
    DependencyError,
    DocxError,
    InputError,
    OutputError,
    ParseError,
    ResdiffError,
    ResdiffWarning,
)
from resdiff._model import (
    Block,
    ChangeOp,
    ClauseChange,
    Comparison,
    DocType,
    Document,
    EditOp,
    Footnote,
    Heading,
    Lang,
    Meeting,
    Opening,
    Proposal,
    ProposalId,
    ProposalSymbol,
    RevisionKind,
    Role,
    Section,
    SectionKind,
    Segment,
    Span,
    Symbol,
)
from resdiff._parse import parse
from resdiff._render import RenderOptions, render

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "Block",
    "ChangeOp",
    "ClauseChange",
    "Comparison",
    "DecodeError",
    "DependencyError",
    "DocType",
    "Document",
    "DocxError",
    "EditOp",
    "Footnote",
    "Heading",
    "InputError",
    "Lang",
    "Meeting",
    "Opening",
    "OutputError",
    "ParseError",
    "Proposal",
    "ProposalId",
    "ProposalSymbol",
    "RenderOptions",
    "ResdiffError",
    "ResdiffWarning",
    "RevisionKind",
    "Role",
    "Section",
    "SectionKind",
    "Segment",
    "Span",
    "Symbol",
    "compare",
    "parse",
    "render",
]
