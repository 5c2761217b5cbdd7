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

from resdiff._batch import BATCH_TIMEOUT
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
from resdiff._io.document import read_document
from resdiff._io.output import write_output
from resdiff._io.text import TextInput, decode_bytes, read_text
from resdiff._langdetect import detect_lang
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
from resdiff._render import FORMATS, RenderOptions, parse_revision_date, render
from resdiff._segment import Token, tokenize
from resdiff._split import Part, split_text, statement_count

if TYPE_CHECKING:
    from resdiff._batch.pairing import file_key, pair_files
    from resdiff._batch.report import BatchReport, PairResult
    from resdiff._batch.run import run_batch
    from resdiff._compile.build import compile
    from resdiff._compile.model import (
        Alternative,
        Compilation,
        Contribution,
        MergeOp,
        Piece,
        Provision,
        ProvisionStatus,
        Stance,
    )
    from resdiff._crosscheck.check import crosscheck
    from resdiff._crosscheck.model import CrossCheck, Finding, FindingKind, LangProvision, Row
    from resdiff._io.akn import AknText, read_akn
    from resdiff._io.docx import DocxSides, read_docx, read_docx_text
    from resdiff._io.pdf import PdfText, read_pdf
    from resdiff._render.akn import document_to_akn
    from resdiff._render.json_ import document_to_dict, to_dict

__version__ = "0.1.0"

# Loaded on first use: the Word and Akoma Ntoso readers pull in lxml, the PDF reader PDFium, no renderer
# loads before it is asked for, the language cross-check (its facts extractor compiles a dozen patterns)
# and compile cost nothing until they are used, and the batch machinery (pairing, pool, index) stays out
# of a single diff.
_LAZY = {
    "compile": "resdiff._compile.build",
    "Alternative": "resdiff._compile.model",
    "Compilation": "resdiff._compile.model",
    "Contribution": "resdiff._compile.model",
    "MergeOp": "resdiff._compile.model",
    "Piece": "resdiff._compile.model",
    "Provision": "resdiff._compile.model",
    "ProvisionStatus": "resdiff._compile.model",
    "Stance": "resdiff._compile.model",
    "BatchReport": "resdiff._batch.report",
    "PairResult": "resdiff._batch.report",
    "file_key": "resdiff._batch.pairing",
    "pair_files": "resdiff._batch.pairing",
    "run_batch": "resdiff._batch.run",
    "CrossCheck": "resdiff._crosscheck.model",
    "Finding": "resdiff._crosscheck.model",
    "FindingKind": "resdiff._crosscheck.model",
    "LangProvision": "resdiff._crosscheck.model",
    "Row": "resdiff._crosscheck.model",
    "crosscheck": "resdiff._crosscheck.check",
    "AknText": "resdiff._io.akn",
    "read_akn": "resdiff._io.akn",
    "PdfText": "resdiff._io.pdf",
    "read_pdf": "resdiff._io.pdf",
    "document_to_akn": "resdiff._render.akn",
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
    "AknText",
    "Alternative",
    "BATCH_TIMEOUT",
    "BatchReport",
    "BinaryInputError",
    "Block",
    "ChangeOp",
    "ClauseChange",
    "Comparison",
    "Compilation",
    "Contribution",
    "CrossCheck",
    "DecodeError",
    "DependencyError",
    "DocType",
    "Document",
    "DocxError",
    "DocxSides",
    "EditOp",
    "FORMATS",
    "Finding",
    "FindingKind",
    "Footnote",
    "Heading",
    "InputError",
    "Lang",
    "LangProvision",
    "Meeting",
    "MergeOp",
    "Opening",
    "OutputError",
    "PairResult",
    "Part",
    "PdfText",
    "Piece",
    "Proposal",
    "ProposalId",
    "ProposalSymbol",
    "Provision",
    "ProvisionStatus",
    "RenderOptions",
    "ResdiffError",
    "ResdiffWarning",
    "RevisionKind",
    "Role",
    "Row",
    "Section",
    "SectionKind",
    "Segment",
    "Span",
    "Stance",
    "Symbol",
    "TextInput",
    "Token",
    "compare",
    "compile",
    "crosscheck",
    "decode_bytes",
    "detect_lang",
    "document_to_akn",
    "document_to_dict",
    "file_key",
    "pair_files",
    "parse",
    "parse_revision_date",
    "paused_gc",
    "read_akn",
    "read_document",
    "read_docx",
    "read_docx_text",
    "read_pdf",
    "read_text",
    "render",
    "run_batch",
    "split_text",
    "statement_count",
    "to_dict",
    "tokenize",
    "write_output",
]
