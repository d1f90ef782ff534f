"""Layer 3, the Django apps: how they depend on each other and on the layers above.

The rules (docs/architecture.md, "Dependency rules"), checked on the source
(AST) of every module under ``src/heldigital/apps``:

* **Entry points stay on top.** An app's entry-point modules (``api``,
  ``views``, ``web``, ``urls``, ``web_urls``, ``espd_web``, ``admin``,
  ``templatetags``, ``management``) belong to layer 4. No other module of an
  app imports ``heldigital.platform``, ``heldigital.cli`` or any app's
  entry-point modules.
* **Apps call each other only through public names.** A module of one app
  never imports a name starting with ``_`` from another app, nor uses such
  an attribute of another app's module (``evaluation._set_status``).
* **One procurement lifecycle.** Only
  :mod:`heldigital.apps.tendering.lifecycle` writes a procurement's status:
  no other module assigns ``<x>.status = ProcurementStatus.<...>`` or calls
  ``.update(status=...)`` on ``Procurement`` or with a ``ProcurementStatus``.
  Likewise a tender row's status is set only in
  :mod:`heldigital.apps.submissions.lifecycle` (``set_row_status``).

Each check also runs on small fake sources with a deliberate violation, so
it is known to fail when it should.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[2] / "src" / "heldigital" / "apps"
ENTRY_POINTS = frozenset(
    {"api", "views", "web", "urls", "web_urls", "espd_web", "admin", "templatetags", "management"}
)
UPPER = ("heldigital.platform", "heldigital.cli")
LIFECYCLE = "tendering/lifecycle.py"
TENDER_LIFECYCLE = "submissions/lifecycle.py"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _app_of(relative: Path) -> str | None:
    return relative.parts[0] if len(relative.parts) > 1 else None


def _is_entry_point(relative: Path) -> bool:
    return any(part.removesuffix(".py") in ENTRY_POINTS for part in relative.parts[1:])


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _mentions_procurement_status(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "ProcurementStatus" for n in ast.walk(node))


def _on_procurement_manager(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "Procurement" for n in ast.walk(node))


def check(relative: Path, source: str) -> list[Finding]:
    """The findings in one module of the apps (``relative`` to the apps package)."""
    tree = ast.parse(source)
    app = _app_of(relative)
    entry = _is_entry_point(relative)
    found: list[Finding] = []
    here = str(relative)

    def add(node: ast.AST, what: str) -> None:
        found.append(Finding(here, getattr(node, "lineno", 0), what))

    other_app_modules: dict[str, str] = {}  # local name -> module of another app
    for node in ast.walk(tree):
        imported: list[tuple[str, str, str]] = []  # (module, name, local name)
        if isinstance(node, ast.Import):
            imported = [(a.name, "", a.asname or a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported = [(node.module, a.name, a.asname or a.name) for a in node.names]
        for module, name, local in imported:
            full = f"{module}.{name}" if name else module
            if not entry and any(_under(full, upper) for upper in UPPER):
                add(node, f"imports {full} (layer 4) outside an entry point")
            parts = full.split(".")
            if parts[:2] != ["heldigital", "apps"] or len(parts) < 3:
                continue
            target_app = parts[2]
            if target_app == app or target_app.endswith("py"):
                continue
            if not entry and any(p in ENTRY_POINTS for p in parts[3:]):
                add(node, f"imports the entry point {full}")
            if name.startswith("_") and not name.startswith("__"):
                add(node, f"imports the private name {full}")
            if name:
                other_app_modules[local] = full
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in other_app_modules
        ):
            add(node, f"uses the private {other_app_modules[node.value.id]}.{node.attr}")
    if here != LIFECYCLE:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                writes_status = any(
                    isinstance(t, ast.Attribute) and t.attr == "status" for t in targets
                )
                if (
                    writes_status
                    and node.value is not None
                    and _mentions_procurement_status(node.value)
                ):
                    add(node, "sets a procurement's status outside tendering/lifecycle.py")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
            ):
                status = [k for k in node.keywords if k.arg == "status"]
                if status and (
                    _mentions_procurement_status(status[0].value)
                    or _on_procurement_manager(node.func.value)
                ):
                    add(node, "updates a procurement's status outside tendering/lifecycle.py")
    if here != TENDER_LIFECYCLE:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if (
                    any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets)
                    and node.value is not None
                    and _mentions(node.value, "TenderStatus")
                ):
                    add(node, "sets a tender's status outside submissions/lifecycle.py")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and any(
                    k.arg == "status" and _mentions(k.value, "TenderStatus") for k in node.keywords
                )
            ):
                add(node, "updates a tender's status outside submissions/lifecycle.py")
    return found


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def findings(root: Path) -> list[Finding]:
    result: list[Finding] = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "migrations" in relative.parts:
            continue
        result += check(relative, path.read_text(encoding="utf-8"))
    return result


def test_the_apps_keep_the_layer_rules():
    assert (APPS / LIFECYCLE).is_file()
    problems = findings(APPS)
    assert not problems, "\n".join(map(str, problems))


FAKE = {
    "evaluation/services.py": """
        from heldigital.apps.tendering import services as tendering
        from heldigital.apps.tendering.models import Procurement, ProcurementStatus
        from heldigital.apps.tendering.services import _require_buyer
        from heldigital.apps.tendering.api import router
        from heldigital.platform.web import views
        import heldigital.cli

        def award(procurement):
            tendering._validate(procurement)
            procurement.status = ProcurementStatus.AWARDED
            Procurement.objects.filter(pk=procurement.pk).update(status="awarded")
            procurement.lots.update(status=ProcurementStatus.CANCELLED)
            tender.status = TenderStatus.WITHDRAWN
            Tender.objects.filter(pk=1).update(status=TenderStatus.DISCARDED)
    """,
    "evaluation/api.py": """
        from heldigital.platform.problems import problem_response
        from heldigital.apps.tendering.api import router
    """,
    "contracts/services.py": """
        from heldigital.apps.tendering import lifecycle
        from heldigital.apps.tendering.models import ProcurementStatus

        def conclude(procurement, contract):
            contract.status = "signed"
            contract.lines.update(status="final")
            lifecycle.transition(procurement, ProcurementStatus.CONCLUDED, principal=None)
    """,
    "tendering/lifecycle.py": """
        from heldigital.apps.tendering.models import Procurement, ProcurementStatus

        def transition(procurement, to):
            Procurement.objects.filter(pk=procurement.pk).update(status=to)
            procurement.status = ProcurementStatus(to)
    """,
}


def test_the_checks_find_each_kind_of_violation(tmp_path):
    for relative, text in FAKE.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    found = {(f.path, f.line, f.what.split(" ")[0]) for f in findings(tmp_path)}
    services = "evaluation/services.py"
    assert found == {
        (services, 4, "imports"),  # the private _require_buyer
        (services, 5, "imports"),  # an entry point of another app
        (services, 6, "imports"),  # heldigital.platform outside an entry point
        (services, 7, "imports"),  # heldigital.cli
        (services, 10, "uses"),  # tendering._validate
        (services, 11, "sets"),
        (services, 12, "updates"),
        (services, 13, "updates"),
        (services, 14, "sets"),  # a tender's status
        (services, 15, "updates"),
    }, sorted(found)
    # entry points may use the layer above and other entry points; contracts and the
    # lifecycle module itself are clean.


@pytest.mark.parametrize(
    ("relative", "entry"),
    [
        ("tendering/api.py", True),
        ("submissions/templatetags/x.py", True),
        ("protocol/management/commands/ledger.py", True),
        ("tendering/services.py", False),
        ("evaluation/services/award.py", False),
    ],
)
def test_entry_points(relative, entry):
    assert _is_entry_point(Path(relative)) is entry
