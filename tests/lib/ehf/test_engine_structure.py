"""The structure of heldigital.ehf: one engine, one set of classes, no import circle.

* every module imports in a fresh interpreter;
* the import graph between the modules of :mod:`heldigital.ehf`, read from
  their source (imports inside functions included), has no cycle;
* no class name is defined twice across :mod:`heldigital.ehf` (one ``Party``,
  one ``Amount`` ...).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

import heldigital.ehf

PACKAGE = "heldigital.ehf"
ROOT = Path(heldigital.ehf.__file__).parent
MODULES = sorted(
    PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}" for path in ROOT.glob("*.py")
)


def _source(module: str) -> Path:
    return ROOT / ("__init__.py" if module == PACKAGE else f"{module.rsplit('.', 1)[1]}.py")


def _imports(module: str) -> set[str]:
    """The heldigital.ehf modules ``module`` imports, anywhere in its source."""
    tree = ast.parse(_source(module).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(name for name in names if name in MODULES)
    found.discard(module)
    if module != PACKAGE:
        found.discard(PACKAGE)  # importing a submodule runs the package first, not a cycle
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_package_has_its_modules() -> None:
    assert {f"{PACKAGE}.mapping", f"{PACKAGE}.common", f"{PACKAGE}.documents"} <= set(MODULES)
    assert f"{PACKAGE}.postaward_common" not in MODULES  # the second toolkit is gone


def test_the_import_graph_has_no_cycle() -> None:
    graph = {module: _imports(module) for module in MODULES}
    assert _cycle(graph) is None, f"import circle: {' -> '.join(_cycle(graph) or [])}"
    # The engine and the aggregates sit at the bottom: they import no document module.
    assert graph[f"{PACKAGE}.mapping"] <= {f"{PACKAGE}.codelists"}
    assert graph[f"{PACKAGE}.common"] == {f"{PACKAGE}.mapping"}


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_class_name_is_defined_twice() -> None:
    names: Counter[str] = Counter()
    for module in MODULES:
        tree = ast.parse(_source(module).read_text(encoding="utf-8"))
        names.update(node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef))
    assert {name for name, count in names.items() if count > 1} == set()
    assert {"Party", "Amount", "Item", "Invoice", "Order"} <= set(names)


def test_every_module_imports_in_a_fresh_interpreter() -> None:
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in MODULES)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
