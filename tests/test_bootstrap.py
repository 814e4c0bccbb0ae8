"""build.py however it is started: a Python without the project's packages (the system `python3`)
hands over to .venv/bin/python, and without a working .venv says in one Chinese line what to run.

"A Python without the packages" is a bare virtual environment (`venv --without-pip`: the base
interpreter, no site-packages), or this one with -S; either is what an editor's `python3` is here.
"""

from __future__ import annotations

import ast
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT

HAN = re.compile(r"[\u4e00-\u9fff]")


def run(python: list[str], build_py: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """build.py as a shell starts it; without REPORTSITE_DEBUG, which would ask for tracebacks."""
    env = {k: v for k, v in os.environ.items() if k != "REPORTSITE_DEBUG"}
    return subprocess.run([*python, str(build_py), *args], cwd=cwd or build_py.parent, env=env,
                          capture_output=True, text=True, timeout=60)


def bare_venv(folder: Path) -> Path:
    """A virtual environment with nothing installed: its python cannot import jinja2."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=60)
    return folder / "bin" / "python"


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    python = bare_venv(tmp_path_factory.mktemp("bare") / "venv")
    assert subprocess.run([python, "-c", "import jinja2"], capture_output=True).returncode != 0
    return python


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """build.py and the package in a folder of their own, with no .venv beside them."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    shutil.copy(ROOT / "build.py", folder / "build.py")
    shutil.copytree(ROOT / "reportsite", folder / "reportsite", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def old_python() -> str | None:
    """Some Python older than 3.11 on this machine, or None."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(6, 11)]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.[6-9].*/bin/python3")))
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.10.*/bin/python3")))
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info < (3, 11))"],
                               capture_output=True, text=True, timeout=30)
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return candidate
    return None


def assert_one_chinese_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert HAN.search(lines[0]) and "bash scripts/setup.sh" in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


needs_venv = pytest.mark.skipif(not (ROOT / ".venv/bin/python").exists(), reason="no .venv in this checkout")


@needs_venv
@pytest.mark.parametrize("kind", ["bare venv", "-S"])
@pytest.mark.parametrize("args", [["--help"], ["serve", "--help"]])
def test_help_hands_over_to_the_venv(kind: str, args: list[str], bare_python: Path) -> None:
    """`serve --help` loads livereload and tornado; the plain help checks the default verb's packages."""
    python = [str(bare_python)] if kind == "bare venv" else [sys.executable, "-S"]
    done = run(python, ROOT / "build.py", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python build.py") and done.stderr == ""


@needs_venv
def test_build_hands_over_keeping_folder_and_exit_status(bare_python: Path, tmp_path: Path) -> None:
    """No --config: the venv's build finds ./config.yaml, so it runs where it was started."""
    site = tmp_path / "site"
    (site / "content/2023").mkdir(parents=True)
    (site / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    (site / "content/2023/badou-key-work.md").write_text(GOOD_REPORT, encoding="utf-8")
    done = run([str(bare_python)], ROOT / "build.py", "--no-pdf", "--no-search", cwd=site)
    assert done.returncode == 0, done.stderr
    assert (site / "output/2023/badou-key-work/index.html").is_file()
    (site / "content/2023/badou-key-work.md").write_text("---\ntitle: [\n---\n正文\n", encoding="utf-8")
    done = run([str(bare_python)], ROOT / "build.py", "--no-pdf", "--no-search", cwd=site)
    assert done.returncode == 1 and "badou-key-work.md" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [[], ["serve"], ["--help"]])
def test_without_a_venv_one_line_says_to_run_setup(args: list[str], bare_python: Path, copy: Path) -> None:
    line = assert_one_chinese_line(run([str(bare_python)], copy / "build.py", *args), str(copy), "创建 .venv")
    assert str(bare_python) in line


def test_a_venv_without_the_packages_is_reported_not_reentered(copy: Path) -> None:
    """setup.sh keeps a .venv whose install stamp is current, so the fix starts with deleting it."""
    venv_python = bare_venv(copy / ".venv")
    for python in ([sys.executable, "-S"], [str(venv_python)]):
        assert_one_chinese_line(run(python, copy / "build.py"), "删除 " + str(copy / ".venv"), str(venv_python))
    venv_python.unlink()
    assert_one_chinese_line(run([sys.executable, "-S"], copy / "build.py"), "不存在或不能运行", "删除")


def test_too_old_python_one_line_or_hands_over(copy: Path) -> None:
    python = old_python()
    if python is None:  # no old interpreter here: this one, told that it is too old, takes the same path
        pretend = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('b', sys.argv[1]); "
                   "b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b); "
                   "b.NEEDED = tuple(sys.version_info[:2]); b.NEEDED = (b.NEEDED[0], b.NEEDED[1] + 1); "
                   "sys.argv = sys.argv[1:]; sys.exit(b.main())")
        done = subprocess.run([sys.executable, "-S", "-c", pretend, str(copy / "build.py")], capture_output=True,
                              text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert_one_chinese_line(done, "或更新版本")
        return
    assert_one_chinese_line(run([python], copy / "build.py"), "Python 3.11")
    if (ROOT / ".venv/bin/python").exists():
        done = run([python], ROOT / "build.py", "--help")
        assert done.returncode == 0 and done.stdout.startswith("usage: python build.py"), done.stderr


def test_build_py_parses_as_python_3_6() -> None:
    """So a too-old Python gets the line above, not a SyntaxError."""
    ast.parse((ROOT / "build.py").read_text(encoding="utf-8"), feature_version=(3, 6))


def test_a_missing_module_of_reportsite_is_a_bug_not_a_package_to_install(copy: Path) -> None:
    with (copy / "reportsite/commands/build.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom ..no_such_module import anything\n")
    done = run([sys.executable], copy / "build.py")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("internal error: ") and "this is a bug in reportsite" in done.stderr
    assert "setup.sh" not in done.stderr
