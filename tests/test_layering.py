"""Imports run down only: app → evaluators → knowledge → rubrics → core (DESIGN.md).

Every import of our own packages is read from the source (also imports inside functions, which
the lazy-loading code uses), so a layering slip fails here before anyone notices a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("core", "rubrics", "knowledge", "evaluators", "app")
"""Bottom first: a package may import its own layer and the layers before it."""
ENGINES = ("evaluators.offline", "evaluators.llm")
"""Sibling engines share helpers through ``evaluators`` itself, never each other's internals."""


def _modules() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (ROOT / layer).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, name: str | None = None) -> set[str]:
    """Absolute names of the modules ``path`` (module ``name``) imports, relative ones resolved."""
    package = (name or _module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
    return found


def _layer(module: str) -> int | None:
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def upward_imports(path: Path, name: str | None = None) -> list[str]:
    """Imports in ``path`` that run up the layering or across the two engines."""
    source = name or _module_name(path)
    imports = imported_modules(path, source)
    wrong = [m for m in imports if (_layer(m) or 0) > _layer(source)]
    for engine in ENGINES:
        if _within(source, engine):
            others = [e for e in ENGINES if e != engine]
            wrong += [m for m in imports if any(_within(m, o) for o in others)]
    return sorted(wrong)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_up_the_layering(path: Path) -> None:
    assert upward_imports(path) == []


def test_core_imports_nothing_of_ours() -> None:
    for path in (ROOT / "core").rglob("*.py"):
        ours = {m for m in imported_modules(path) if _layer(m) is not None}
        assert {m.split(".")[0] for m in ours} <= {"core"}, path


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "knowledge.probe",
            "def f():\n    from evaluators.errors import InputError\n",
            "evaluators.errors",
        ),
        ("rubrics.probe", "from ..knowledge import bank\n", "knowledge"),
        (
            "evaluators.llm.probe",
            "import evaluators.offline.evaluator\n",
            "evaluators.offline.evaluator",
        ),
    ],
)
def test_the_checker_sees_a_slip(tmp_path: Path, name: str, source: str, expected: str) -> None:
    """Upward imports, also hidden in a function or relative, and engine-to-engine ones."""
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    assert upward_imports(probe, name) == [expected]


UI = ("app.ui", "app.pages", "app.streamlit_app", "app.auth")
"""Only the Streamlit front end imports Streamlit; services, CLI and evaluators stay testable.
``app.auth`` reads sign-in settings through ``st.secrets`` so ``coach run`` finds the very
``[auth]`` section Streamlit will use (same files, same precedence)."""
BACK_END = [p for p in _modules() if not any(_within(_module_name(p), ui) for ui in UI)]


@pytest.mark.parametrize("path", BACK_END, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_front_end_imports_streamlit(path: Path) -> None:
    assert not any(_within(m, "streamlit") for m in imported_modules(path))
