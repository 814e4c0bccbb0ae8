"""Every built page is valid HTML according to the Nu Html Checker (vnu.jar, run with the machine's Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_errors(files: list[Path]) -> list[str]:
    """The checker's errors for `files`, after proving it checked each one: vnu says nothing about a
    file it never read (a missing one included), so silence alone is no verdict."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("java or vnu.jar is missing: run `bash scripts/setup.sh`")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--verbose",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    assert done.stdout.splitlines() == [str(f) for f in files], f"vnu did not check every file:\n{done.stdout}"
    messages = json.loads(done.stderr)["messages"]  # no JSON at all is a failure, not an empty list
    assert done.returncode == (1 if messages else 0), done.stderr
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_of_the_example_site_is_valid(example_output: Path) -> None:
    pages = sorted(example_output.rglob("*.html"))
    assert len(pages) >= 4
    assert vnu_errors(pages) == []


def test_the_checker_reports_invalid_markup(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="zh-CN"><title>x</title><dl><dd>no term</dd></dl><p><div></p>')
    errors = vnu_errors([broken])
    assert errors and all(e.startswith("broken.html:") for e in errors), errors
    assert "broken.html:1: Element “dl” is missing a required child element." in errors, errors


def test_a_file_the_checker_never_read_is_a_failure(tmp_path: Path) -> None:
    """vnu prints an empty verdict for a path that does not exist; that must not count as valid."""
    with pytest.raises(AssertionError, match="vnu did not check every file"):
        vnu_errors([tmp_path / "missing.html"])
