"""Compile many proposals on one resolution: who proposes what, agreement, conflict, a merged draft.

The package is split by job, imports flowing one way:

``model``
    the values (:class:`~resdiff._compile.model.Compilation` and its parts);
``merge``
    the token-level three-way merge of one provision's changes;
``build``
    :func:`~resdiff._compile.build.compile`: compare every proposal with BASE
    and unify the comparisons on BASE's provisions;
``cli``
    the ``resdiff compile`` subcommand.

This ``__init__`` imports nothing, so renderers can read the model without
loading the algorithm. The semantics are written down in ``docs/compile.md``.
"""
