"""The package's shape is a contract: the pipeline's layers import one way (.importlinter, checked by
import-linter), no module grows past what a reader can hold, and every package says what it holds.

The violation tests break a copy of the package on purpose, so a contract that stopped checking
anything (a renamed layer, a typo in .importlinter) fails here instead of passing quietly.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportsite"
LINT = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package under `root`, which must be the first reportsite Python finds."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    return subprocess.run([str(LINT), "--config", str(root / ".importlinter")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_layer_contract_holds():
    run = lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "reportsite", ignore=shutil.ignore_patterns("__pycache__", "locale"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    return tmp_path


@pytest.mark.parametrize("module, violation, reported", [
    ("core/slugs.py", "from reportsite.pipeline import build", "reportsite.core.slugs -> reportsite.pipeline"),
    ("content/entry.py", "from reportsite.model import Site", "reportsite.content.entry -> reportsite.model"),
    ("output/cache.py", "import reportsite.render.feeds", "reportsite.output.cache -> reportsite.render.feeds"),
    ("render/feeds.py", "import reportsite.content.read", "reportsite.render.feeds -> reportsite.content.read"),
    ("render/html.py", "import reportsite.render.pdf", "reportsite.render.html -> reportsite.render.pdf"),
], ids=["core-imports-pipeline", "content-imports-model", "output-imports-render", "render-rereads-content",
        "html-imports-pdf"])
def test_a_deliberate_violation_fails_the_contract(package_copy: Path, module: str, violation: str, reported: str):
    path = package_copy / "reportsite" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{violation}  # deliberate violation\n", encoding="utf-8")
    run = lint(package_copy)
    assert run.returncode != 0, run.stdout
    assert reported in run.stdout, run.stdout


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "skeleton" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_longer_than_a_reader_can_hold(path: Path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by what it holds"


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_package_says_what_it_holds_and_may_import(package: Path):
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert doc, f"{package.relative_to(ROOT)} has no docstring"
    if package != PACKAGE:
        assert "import" in doc, f"{package.relative_to(ROOT)}'s docstring does not say what it may import"
