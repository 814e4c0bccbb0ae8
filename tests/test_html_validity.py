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
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("java or vnu.jar is missing: run `bash scripts/setup.sh`")
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_page_of_the_example_site_is_valid(example_output: Path) -> None:
    pages = sorted(example_output.rglob("*.html"))
    assert len(pages) >= 4
    assert vnu_errors(pages) == []


def test_the_checker_reports_invalid_markup(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="zh-CN"><title>x</title><dl><dd>no term</dd></dl><p><div></p>')
    assert vnu_errors([broken]) != []
