"""The editor's guide shows the preview and its error overlay from scripts/screenshots.py, which
takes them from the real `serve` in Chromium, so they stay current when the theme changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image, ImageChops

from conftest import ROOT


def test_the_script_takes_the_guides_screenshots_from_the_real_preview(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts/screenshots.py")
    assert spec and spec.loader
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    taken = screenshots.take(tmp_path)
    sizes = {path.name: Image.open(path).size for path in taken}
    assert sizes == {"preview-phone.png": (390, 844), "preview-desktop.png": (1280, 900),
                     "error-overlay.png": (1280, 900)}
    desktop, overlay = (Image.open(tmp_path / name).convert("RGB") for name in ("preview-desktop.png",
                                                                               "error-overlay.png"))
    assert ImageChops.difference(desktop, overlay).getbbox() is not None  # the overlay is there
    guide = (ROOT / "docs/编辑指南.md").read_text(encoding="utf-8")
    for name in ("preview-phone.png", "error-overlay.png"):
        assert f"(images/{name})" in guide and (ROOT / "docs/images" / name).is_file()
