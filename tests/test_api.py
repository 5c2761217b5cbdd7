"""The public surface: explicit, sorted, light to import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import resdiff


def test_all_is_sorted_and_complete() -> None:
    """resdiff.__all__ is sorted without repeats, each class and function in it is resdiff's own under its
    own name, and every public class or function the package namespace holds is in it."""
    assert list(resdiff.__all__) == sorted(set(resdiff.__all__))
    for name in resdiff.__all__:
        value = getattr(resdiff, name)  # lazy names load here
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("resdiff._"), name
            assert value.__name__ == name, name
    exposed = {
        name
        for name, value in vars(resdiff).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__.startswith("resdiff")
    }
    assert exposed <= set(resdiff.__all__), sorted(exposed - set(resdiff.__all__))
    star: dict[str, object] = {}
    exec("from resdiff import *", star)
    assert sorted(set(star) - {"__builtins__"}) == sorted(resdiff.__all__)


PUBLIC = """
    AknText Alternative BATCH_TIMEOUT BatchReport BinaryInputError Block ChangeOp ClauseChange Comparison
    Compilation Contribution CrossCheck DecodeError DependencyError DocType Document DocxError DocxSides EditOp
    FORMATS Finding FindingKind Footnote Heading InputError Lang LangProvision Meeting MergeOp Opening OutputError
    PairResult Part PdfText Piece Proposal ProposalId ProposalSymbol Provision ProvisionStatus RenderOptions
    ResdiffError ResdiffWarning RevisionKind Role Row Section SectionKind Segment Span Stance Symbol TextInput Token
    compare compile crosscheck decode_bytes detect_lang document_to_akn document_to_dict file_key pair_files parse
    parse_revision_date paused_gc read_akn read_document read_docx read_docx_text read_pdf read_text render
    run_batch split_text statement_count to_dict tokenize write_output
""".split()


def test_all_is_exactly_the_documented_surface() -> None:
    """resdiff.__all__ is this explicit list: a name added or dropped is a decision, made here too."""
    assert sorted(resdiff.__all__) == sorted(PUBLIC)


def test_errors_have_builtin_co_parents() -> None:
    """Errors can be caught as ResdiffError or as the fitting builtin."""
    assert issubclass(resdiff.InputError, ValueError)
    assert issubclass(resdiff.DecodeError, UnicodeError)
    assert issubclass(resdiff.OutputError, OSError)
    assert issubclass(resdiff.DependencyError, ImportError)
    for name in ["InputError", "DecodeError", "BinaryInputError", "DocxError", "OutputError", "DependencyError"]:
        assert issubclass(getattr(resdiff, name), resdiff.ResdiffError)


def test_import_is_light() -> None:
    """import resdiff loads neither jieba nor lxml nor PDFium nor any renderer."""
    code = (
        "import sys, resdiff; print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in {'jieba', 'lxml', 'rjieba', 'pypdfium2'} or m.startswith('resdiff._render.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_latin_comparison_never_loads_a_chinese_dictionary() -> None:
    """Comparing English texts loads neither jieba nor rjieba."""
    code = (
        "import sys, resdiff; resdiff.compare('resolves\\n1\\tto act;', 'resolves\\n1\\tto act now;');"
        "print('jieba' in sys.modules or 'rjieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "False"


def _all_modules() -> list[str]:
    import pkgutil

    return sorted(m.name for m in pkgutil.walk_packages(resdiff.__path__, "resdiff.") if m.name != "resdiff.__main__")


@pytest.mark.parametrize("name", ["resdiff", *_all_modules()])
def test_doctests_of_every_module(name: str) -> None:
    """The examples in every module's docstrings run as written."""
    import doctest
    import importlib
    import warnings

    module = importlib.import_module(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        failures, _ = doctest.testmod(module, verbose=False, optionflags=doctest.ELLIPSIS)
    assert failures == 0, name


def test_documented_examples_run() -> None:
    """The examples in docs/api.md give the output shown there."""
    import doctest
    import warnings
    from pathlib import Path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        failures, tried = doctest.testfile(
            str(Path(__file__).resolve().parent.parent / "docs" / "api.md"), module_relative=False
        )
    assert tried > 0 and failures == 0


def test_readme_quick_start_example_holds() -> None:
    """The README's example prints what the README says it prints."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text("utf-8")
    old = (root / "corpus/res68-zh/old.txt").read_text("utf-8")
    new = (root / "corpus/res68-zh/new.txt").read_text("utf-8")
    cmp = resdiff.compare(old, new)
    assert f"# {cmp.symbol.value} {cmp.counts()}" in readme
    assert "# " + resdiff.render(cmp, "wdiff").splitlines()[0] in readme
    assert ".venv/bin/resdiff diff corpus/res68-zh/old.txt corpus/res68-zh/new.txt" in readme
