"""The dependency rule: pure libraries never import Django or platform code.

The standards libraries (``heldigital.xml``, ``heldigital.ledger``,
``heldigital.ehf``, ``heldigital.rules``, ``heldigital.peppol``) and the pure
decision functions (``heldigital.decisions``) sit at the bottom of the layers
described in ``docs/architecture.md``. They may import the standard library,
third-party libraries such as lxml and python-stdnum, and each other - never
Django, django-ninja, ``heldigital.platform``, ``heldigital.apps`` or
``heldigital.cli``.

Two checks, because each misses what the other sees:

* static: every ``import``/``from ... import`` (relative ones resolved) and
  every ``importlib.import_module("...")``/``__import__("...")`` with a
  literal name, in every module's source, including imports under
  ``if TYPE_CHECKING:`` and inside functions;
* dynamic: every module of those packages is imported in a fresh
  interpreter, and afterwards no forbidden module may be in ``sys.modules``
  - this catches indirect imports through third-party or shared modules.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

PURE_PACKAGES = (
    "heldigital.xml",
    "heldigital.ledger",
    "heldigital.ehf",
    "heldigital.rules",
    "heldigital.peppol",
    "heldigital.decisions",
    "heldigital.sealing",
    "heldigital.eforms",
    "heldigital.espd",
    "heldigital.publication",
    "heldigital.iso20022",
    "heldigital.matching",
)
FORBIDDEN = ("django", "ninja", "heldigital.platform", "heldigital.apps", "heldigital.cli")


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.imported}"


def is_forbidden(module: str, forbidden: Iterable[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in forbidden)


def module_name(path: Path, root: Path) -> tuple[str, str]:
    """(the module's dotted name, the package relative imports start from)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def imported_names(tree: ast.AST, package: str) -> Iterable[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # ``from heldigital import platform``
                yield node.lineno, f"{target}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def static_violations(package: str, root: Path, forbidden: Iterable[str]) -> list[Violation]:
    """Forbidden imports written in the source of ``package`` (found under ``root``)."""
    forbidden = tuple(forbidden)
    directory = root.joinpath(*package.split("."))
    found = []
    for path in sorted(directory.rglob("*.py")):
        _, base = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in imported_names(tree, base):
            if is_forbidden(name, forbidden):
                found.append(Violation(str(path.relative_to(root)), line, name))
    return found


PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    root, forbidden, packages = sys.argv[1], tuple(sys.argv[2].split(",")), sys.argv[3:]
    sys.path.insert(0, root)
    def bad():
        return {m for m in sys.modules
                if any(m == f or m.startswith(f + ".") for f in forbidden)}
    report = {"violations": {}, "errors": {}, "imported": []}
    seen = bad()
    queue = list(packages)
    while queue:
        name = queue.pop(0)
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            report["errors"][name] = repr(exc)
            module = None
        report["imported"].append(name)
        now = bad()
        if now - seen:
            report["violations"][name] = sorted(now - seen)
            seen = now
        path = getattr(module, "__path__", None)
        if path:  # a package: its modules and subpackages next, one level at a time
            queue[:0] = [name + "." + info.name for info in pkgutil.iter_modules(path)]
    print(json.dumps(report))
    """
)


def runtime_violations(
    packages: Iterable[str], root: Path, forbidden: Iterable[str]
) -> dict[str, object]:
    """Import every module of ``packages`` in a fresh interpreter; report what got loaded."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(root), ",".join(forbidden), *packages],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=True,
    )
    return json.loads(result.stdout)


def existing_packages() -> list[str]:
    return [name for name in PURE_PACKAGES if SRC.joinpath(*name.split(".")).is_dir()]


# --- the project ---------------------------------------------------------------------------


def test_the_core_libraries_are_checked():
    assert {"heldigital.xml", "heldigital.ledger"} <= set(existing_packages())


@pytest.mark.parametrize("package", existing_packages())
def test_no_forbidden_import_in_the_source(package):
    assert static_violations(package, SRC, FORBIDDEN) == []


def test_no_forbidden_module_is_loaded_when_importing_every_module():
    packages = existing_packages()
    report = runtime_violations(packages, SRC, FORBIDDEN)
    assert report["errors"] == {}
    assert report["violations"] == {}
    assert "heldigital.ledger.verification" in report["imported"]
    assert "heldigital.xml" in report["imported"]
    assert len(report["imported"]) >= len(packages)


# --- the checks themselves fail on violating code ---------------------------------------


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


@pytest.fixture
def fake_project(tmp_path: Path) -> Path:
    write(tmp_path, "fakehd/__init__.py", "")
    write(tmp_path, "fakehd/platform/__init__.py", "")
    write(tmp_path, "fakehd/platform/settings.py", "DEBUG = False\n")
    write(tmp_path, "fakehd/clean/__init__.py", "import json\nfrom . import util\n")
    write(tmp_path, "fakehd/clean/util.py", "from fakehd.clean import __name__ as n\n")
    write(tmp_path, "fakehd/direct/__init__.py", "")
    write(tmp_path, "fakehd/direct/models.py", "from django.db import models\n")
    write(tmp_path, "fakehd/relative/__init__.py", "")
    write(
        tmp_path,
        "fakehd/relative/sub/deep.py",
        """
        def later():
            from ...platform import settings
            return settings
        """,
    )
    write(tmp_path, "fakehd/relative/sub/__init__.py", "")
    write(
        tmp_path,
        "fakehd/dynamic/__init__.py",
        "import importlib\nninja = importlib.import_module('ninja')\n",
    )
    write(tmp_path, "fakehd/typing_only/__init__.py", "from fakehd import platform\n")
    write(tmp_path, "shared_helper.py", "import django.conf\n")
    write(tmp_path, "fakehd/sneaky/__init__.py", "import shared_helper\n")
    return tmp_path


FAKE_FORBIDDEN = ("django", "ninja", "fakehd.platform")


def test_static_check_finds_direct_relative_dynamic_and_from_imports(fake_project):
    check = lambda package: [  # noqa: E731
        v.imported for v in static_violations(package, fake_project, FAKE_FORBIDDEN)
    ]
    assert check("fakehd.clean") == []
    assert check("fakehd.direct") == ["django.db", "django.db.models"]
    assert check("fakehd.relative") == ["fakehd.platform", "fakehd.platform.settings"]
    assert check("fakehd.dynamic") == ["ninja"]
    assert check("fakehd.typing_only") == ["fakehd.platform"]
    assert check("fakehd.sneaky") == []  # indirect: only the runtime check sees it
    violation = static_violations("fakehd.direct", fake_project, FAKE_FORBIDDEN)[0]
    assert str(violation) == "fakehd/direct/models.py:1 imports django.db"


def test_runtime_check_finds_indirect_imports(fake_project):
    clean = runtime_violations(["fakehd.clean"], fake_project, FAKE_FORBIDDEN)
    assert clean["violations"] == {} and clean["errors"] == {}
    sneaky = runtime_violations(["fakehd.sneaky"], fake_project, FAKE_FORBIDDEN)
    assert "django" in sneaky["violations"]["fakehd.sneaky"]
    assert "django.conf" in sneaky["violations"]["fakehd.sneaky"]
    both = runtime_violations(
        ["fakehd.clean", "fakehd.relative", "fakehd.dynamic"], fake_project, FAKE_FORBIDDEN
    )
    # deep.later() is never called: importing the module loads nothing forbidden.
    assert list(both["violations"]) == ["fakehd.dynamic"]
    assert "django" in both["violations"]["fakehd.dynamic"]
    assert "fakehd.dynamic" in both["errors"]  # ninja cannot even load without settings
    assert "fakehd.relative.sub.deep" in both["imported"]


def test_the_probe_really_runs_in_a_fresh_interpreter():
    # Django is loaded in this (pytest-django) process; the probe must not
    # inherit that, or every runtime check would be meaningless.
    assert importlib.util.find_spec("django") is not None
    report = runtime_violations(["json"], SRC, ("django",))
    assert report["violations"] == {}
    report = runtime_violations(["django.conf"], SRC, ("django",))
    assert "django.conf" in report["violations"]
