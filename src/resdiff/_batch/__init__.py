"""Compare every resolution of a conference: two folders in, one output per pair and an index out.

One job per module, imports flowing down this list:

* :mod:`~resdiff._batch.run` — :func:`run_batch`: pair the files, run the pairs,
  write the index; :func:`run_pair` reads, compares, renders and writes one pair;
* :mod:`~resdiff._batch.pairing` — which file goes with which (:func:`file_key`,
  :func:`pair_files`);
* :mod:`~resdiff._batch.pool` — worker processes with a time limit per task;
* :mod:`~resdiff._batch.progress` — the progress bar;
* :mod:`~resdiff._batch.index` — ``index.json`` and ``index.html``;
* :mod:`~resdiff._batch.report` — the values: :class:`PairResult`, :class:`BatchReport`;
* reading one file: :func:`resdiff._io.document.read_document`, the one home of "which reader for which file".

The public names are re-exported by :mod:`resdiff` itself; this package's
own module holds only the one knob the command line shows, so ``import
resdiff`` loads none of the machinery.
"""

__all__ = ["BATCH_TIMEOUT"]

#: Seconds one pair may take (read, compare, render, write) before its worker is killed and the
#: pair recorded as failed; None or 0 on the command line: no limit. Resolutions take well under a
#: second; generated 10 MB pairs about 15 s through the whole command.
BATCH_TIMEOUT = 60.0
