"""The editor's guide shows the preview and its error overlay from scripts/screenshots.py, which
takes them from the real `serve` in Chromium, so they stay current when the theme changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import ROOT

# `serve` on a port picked free a moment before: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("preview")


def test_the_script_takes_the_guides_screenshots_from_the_real_preview(tmp_path: Path) -> None:
    # run as the maintainer runs it, in a process of its own: the browser tests' Playwright holds an
    # event loop in this one, where Playwright's sync API refuses to start a second
    done = subprocess.run([sys.executable, str(ROOT / "scripts/screenshots.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    taken = [Path(line) for line in done.stdout.splitlines()]
    sizes = {path.name: Image.open(path).size for path in taken}
    assert sizes == {"preview-phone.png": (390, 844), "preview-desktop.png": (1280, 900),
                     "error-overlay.png": (1280, 900)}
    desktop, overlay = (Image.open(tmp_path / name).convert("RGB") for name in ("preview-desktop.png",
                                                                               "error-overlay.png"))
    assert ImageChops.difference(desktop, overlay).getbbox() is not None  # the overlay is there
    guide = (ROOT / "docs/编辑指南.md").read_text(encoding="utf-8")
    for name in ("preview-phone.png", "error-overlay.png"):
        assert f"(images/{name})" in guide and (ROOT / "docs/images" / name).is_file()
