"""Language versions agree: check that two language versions of a revision change the same provisions the same way.

Public names are re-exported by :mod:`resdiff`: :func:`crosscheck`,
:class:`CrossCheck`, :class:`Finding`, :class:`FindingKind`, :class:`Provision`,
:class:`Row`. The pieces, one job each: :mod:`.pairing` (blocks across
languages, by structure), :mod:`.check` (groups and findings), :mod:`.model`
(the values), :mod:`.render` with :mod:`.text`, :mod:`.html`, :mod:`.json_`
(outputs, loaded when asked for), :mod:`.cli` (the ``crosscheck`` subcommand).
"""

from __future__ import annotations

from resdiff._crosscheck.check import crosscheck
from resdiff._crosscheck.model import CrossCheck, Finding, FindingKind, Provision, Row

__all__ = ["CrossCheck", "Finding", "FindingKind", "Provision", "Row", "crosscheck"]
