"""resdiff: what changed between two versions of an ITU resolution, marked as a drafter would.

>>> import resdiff
>>> cmp = resdiff.compare("considering\\na)\\tthe old text;", "considering\\na)\\tthe new text;")
>>> cmp.symbol.value
'MOD'
>>> resdiff.render(cmp, "wdiff")
'considering\\na)\\tthe [-old-]{+new+} text;\\n'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resdiff._batch import BatchReport, PairResult, file_key, pair_files, run_batch
from resdiff._compare import compare
from resdiff._errors import (
    BinaryInputError,
    DecodeError,
    DependencyError,
    DocxError,
    InputError,
    OutputError,
    ResdiffError,
    ResdiffWarning,
)
from resdiff._gc import paused_gc
from resdiff._io.output import write_output
from resdiff._io.text import TextInput, decode_bytes, read_text
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
from resdiff._langdetect import detect_lang
from resdiff._parse import parse
from resdiff._render import FORMATS, RenderOptions, render
from resdiff._segment import Token, tokenize

if TYPE_CHECKING:
    from resdiff._io.docx import DocxSides, read_docx, read_docx_text
    from resdiff._render.json_ import document_to_dict, to_dict

__version__ = "0.1.0"

# Loaded on first use: the Word reader pulls in lxml, and no renderer loads before it is asked for.
_LAZY = {
    "DocxSides": "resdiff._io.docx",
    "read_docx": "resdiff._io.docx",
    "read_docx_text": "resdiff._io.docx",
    "document_to_dict": "resdiff._render.json_",
    "to_dict": "resdiff._render.json_",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'resdiff' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "BatchReport",
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
    "DocxSides",
    "EditOp",
    "FORMATS",
    "Footnote",
    "Heading",
    "InputError",
    "Lang",
    "Meeting",
    "Opening",
    "OutputError",
    "PairResult",
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
    "TextInput",
    "Token",
    "compare",
    "decode_bytes",
    "detect_lang",
    "document_to_dict",
    "file_key",
    "pair_files",
    "parse",
    "paused_gc",
    "read_docx",
    "read_docx_text",
    "read_text",
    "render",
    "run_batch",
    "to_dict",
    "tokenize",
    "write_output",
]
