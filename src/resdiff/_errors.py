"""Errors and warnings raised by resdiff.

Every error resdiff raises on purpose derives from :class:`ResdiffError` and
also from the builtin that fits, so callers may catch either::

    ResdiffError
    ├── InputError (ValueError)          bad input: what and where, in one sentence
    │   ├── DecodeError (UnicodeError)   bytes that do not decode under the encoding
    │   ├── BinaryInputError             a PDF, ZIP, image… passed where text belongs
    │   └── DocxError                    a .docx that is not one, or is hostile
    ├── OutputError (OSError)            an output that cannot be written
    └── DependencyError (ImportError)    a needed backend that is missing (no Chinese segmenter)

There is no parse error: :func:`resdiff.parse` never raises on a ``str``; what
it cannot structure becomes paragraphs, with a warning.

Warnings (a fallback to paragraph mode, a guessed encoding, an unknown section
keyword) are :class:`ResdiffWarning` instances: they go through :mod:`warnings`
and are also recorded on the parsed document, so JSON output shows them.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

__all__ = [
    "BinaryInputError",
    "DecodeError",
    "DependencyError",
    "DocxError",
    "InputError",
    "OutputError",
    "ResdiffError",
    "ResdiffWarning",
    "warning_texts",
]


class ResdiffError(Exception):
    """Root of every error resdiff raises on purpose."""


class InputError(ResdiffError, ValueError):
    """The input cannot be used; the message names the input and the problem."""


class DecodeError(InputError, UnicodeError):
    """The bytes do not decode under the chosen or detected encoding."""


class BinaryInputError(InputError):
    """Binary data (PDF, ZIP, image, …) was given where text was expected."""


class DocxError(InputError):
    """A .docx file that is not a Word document, is corrupt, or carries a hostile payload."""


class OutputError(ResdiffError, OSError):
    """An output that cannot be written; nothing partial is left behind."""


class DependencyError(ResdiffError, ImportError):
    """An optional component is not installed."""


class ResdiffWarning(UserWarning):
    """Something resdiff handled but a user should know about."""


def warning_texts(caught: Sequence[warnings.WarningMessage]) -> tuple[str, ...]:
    """The messages of recorded warnings, each once, in the order first seen."""
    return tuple(dict.fromkeys(str(w.message) for w in caught))
