"""The layout holds: imports flow one way (docs/architecture.md), no cycles, no private names across modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "resdiff"

# docs/architecture.md, "What each module may import": a module imports only from its own layer or below.
LAYERS: dict[str, int] = {
    "_errors": 0,
    "_fastinit": 0,
    "_normalize": 0,
    "_doctypes": 0,
    "_gc": 0,
    "_ooxml": 0,
    "_model": 1,
    "_lexicon": 2,
    "_segment": 2,
    "_diffengine": 2,
    "_langdetect": 2,
    "_facts": 2,
    "_lines": 3,
    "_parse": 3,
    "_align": 4,
    "_inline": 4,
    "_compare": 4,
    "_render": 5,
    "_io": 6,
    "_compile": 7,
    "_crosscheck": 7,
    "_split": 7,
    "_split_cli": 7,
    "_batch": 7,
    "_cli": 8,
    "__main__": 8,
    "__init__": 8,
}
# Renderers read the model and nothing else of the pipeline (style.md, habit 1).
RENDER_MAY_IMPORT = {"_errors", "_normalize", "_model", "_fastinit", "_ooxml", "_render"}


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _top(path: Path) -> str:
    """The top-level unit a file belongs to: ``_render`` for ``_render/html.py``."""
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, list[str], bool]]:
    """(imported resdiff module, names, at module level outside TYPE_CHECKING) for every import of *path*."""
    tree = ast.parse(path.read_text("utf-8"))
    lazy: set[int] = set()
    for node in ast.walk(tree):
        is_function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        is_type_only = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        if is_function or is_type_only:
            lazy.update(id(inner) for inner in ast.walk(node) if inner is not node)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "resdiff":
            out.append((node.module, [a.name for a in node.names], id(node) not in lazy))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], id(node) not in lazy) for a in node.names if a.name.split(".")[0] == "resdiff")
    return out


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_flow_down_the_layers(path: Path) -> None:
    """Every module imports only from its own layer or a lower one; renderers only the model."""
    me = _top(path)
    assert me in LAYERS, f"{me}: add it to LAYERS here and to docs/architecture.md"
    for module, names, _ in _imports(path):
        targets = [_unit(module)] if _unit(module) else [n for n in names if n.startswith("_")]
        for target in targets:
            if target is None or target == me:
                continue
            assert target in LAYERS, f"{path.name} imports {module}: not in LAYERS"
            assert LAYERS[target] <= LAYERS[me], f"{path.relative_to(SRC)} imports {module} from a higher layer"
            if me == "_render":
                assert target in RENDER_MAY_IMPORT, f"{path.relative_to(SRC)} (a renderer) imports {module}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_crosses_modules(path: Path) -> None:
    """A name another module needs is public inside its private module: ``from resdiff._x import _y`` never."""
    for module, names, _ in _imports(path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__") and _unit(module) is not None]
        assert not private, f"{path.relative_to(SRC)} imports {private} from {module}"


def test_no_import_cycle_at_module_level() -> None:
    """The module-level imports between resdiff's modules form no cycle."""
    def name_of(path: Path) -> str:
        return "resdiff." + ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")

    known = {name_of(p) for p in _modules()}
    graph: dict[str, set[str]] = {}
    for path in _modules():
        edges = set()
        for module, names, eager in _imports(path):
            if not eager:
                continue
            for target in [module, *(f"{module}.{n}" for n in names)]:
                if target in known and target != name_of(path):
                    edges.add(target)
        graph[name_of(path)] = edges
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == "resdiff":
                continue  # importing the package itself (the CLI's public API) is no cycle inside it
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
