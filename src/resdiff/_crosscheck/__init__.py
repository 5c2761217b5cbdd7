"""Language versions agree: check that two language versions of a revision change the same provisions the same way.

:mod:`resdiff` re-exports the public names, loaded on first use:
``crosscheck`` (from :mod:`.check`), ``CrossCheck``, ``Finding``,
``FindingKind``, ``LangProvision``, ``Row`` (from :mod:`.model`). The pieces, one
job each: :mod:`.pairing` (blocks across languages, by structure),
:mod:`.check` (groups and findings), :mod:`.model` (the values),
:mod:`.render` with :mod:`.text`, :mod:`.html`, :mod:`.json_` (outputs,
loaded when asked for), :mod:`.cli` (the ``crosscheck`` subcommand). This
package module imports none of them, so the command line can register the
subcommand without loading the check.
"""

from __future__ import annotations

__all__: list[str] = []
