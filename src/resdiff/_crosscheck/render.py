"""Outputs of a cross-check: one module per format, each a pure function of the :class:`CrossCheck`.

``text`` (:mod:`.text`): one finding per line; ``html`` (:mod:`.html`): the
two languages side by side; ``json`` (:mod:`.json_`): for programs, described
by ``resdiff/schema/crosscheck.schema.json``. Each module is imported when
first asked for.

>>> import resdiff
>>> check = resdiff.crosscheck(resdiff.compare("a b", "a b"), resdiff.compare("c d", "c d"))
>>> render(check, "text")
'no findings: en/a and en/b change the same provisions the same way (1 provisions paired, 0 unpaired)\\n'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from resdiff._errors import InputError

if TYPE_CHECKING:
    from resdiff._crosscheck.model import CrossCheck

__all__ = ["FORMATS", "render"]

# format name -> module under resdiff._crosscheck
FORMATS: dict[str, str] = {"text": "text", "html": "html", "json": "json_"}


def render(check: CrossCheck, fmt: str) -> str:
    """*check* in format *fmt* (a key of :data:`FORMATS`)."""
    try:
        module_name = FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown crosscheck format {fmt!r}; choose one of {', '.join(sorted(FORMATS))}") from None
    module = importlib.import_module(f"resdiff._crosscheck.{module_name}")
    out: str = module.render(check)
    return out
