"""Every third-party module the tests import is pinned in pyproject.toml.

A test dependency that arrives only as another package's dependency (psutil through distributed,
Pillow through WeasyPrint) vanishes the day that package drops it, and the suite then fails on a
clean install for a reason unrelated to reportsite.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_top_modules(folder: Path) -> set[str]:
    """Top-level names imported by the test files, so a lazy import inside a test counts too."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _declared_distributions(runtime_only: bool = False) -> set[str]:
    """Normalised names of the runtime dependencies and (unless `runtime_only`) the test extra.

    An extra counts as its namesake: dask[distributed] is how the project asks for distributed.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + ([] if runtime_only else project["optional-dependencies"]["test"])
    names: set[str] = set()
    for spec in specs:
        match = re.match(r"([A-Za-z0-9_.-]+)(?:\[([^\]]*)\])?", spec)
        assert match, f"pyproject.toml: {spec!r} is not a requirement"
        names.add(_normalise(match[1]))
        names.update(_normalise(extra.strip()) for extra in (match[2] or "").split(",") if extra)
    return names


def _normalise(name: str) -> str:
    """PEP 503 form, so Pillow and pillow, typing_extensions and typing-extensions match."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _undeclared(folder: Path, declared: set[str], expected: set[str]) -> dict[str, list[str]]:
    """The third-party modules imported under `folder` that no declared distribution provides."""
    owners = packages_distributions()
    third_party = {
        module: owners[module]
        for module in _imported_top_modules(folder)
        if module in owners and module not in sys.stdlib_module_names and module != "reportsite"
    }
    assert expected <= third_party.keys()  # the scan sees the imports at all
    return {module: dists for module, dists in third_party.items() if not {_normalise(d) for d in dists} & declared}


def test_every_third_party_import_in_the_tests_is_declared() -> None:
    undeclared = _undeclared(ROOT / "tests", _declared_distributions(), {"psutil", "PIL", "pytest"})
    assert undeclared == {}, "add these to [project.optional-dependencies] test in pyproject.toml"


def test_every_third_party_import_of_reportsite_is_a_runtime_dependency() -> None:
    """An installed site must not rely on a test extra (tornado) or on what WeasyPrint happens to pull
    in (pydyf, fontTools) for modules reportsite imports itself."""
    undeclared = _undeclared(ROOT / "reportsite", _declared_distributions(runtime_only=True), {"jinja2", "yaml"})
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"
