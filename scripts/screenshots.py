"""The screenshots of docs/编辑指南.md, made from the real preview so that they stay current.

Copies the example site to a temporary folder, starts `build.py serve --lang zh` on it, and takes,
in Debian's Chromium, the preview of the 2023 report on a phone (390 px) and on a desktop, then
breaks its 发文日期 and takes the error overlay the preview shows. Run after changing the
templates, the styles or the preview's messages:

    .venv/bin/python scripts/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "content/2023/badou-key-work.md"
PAGE = "2023/badou-key-work/index.html"
CHROMIUM = "/usr/bin/chromium"
SHOTS = {"preview-phone.png": (390, 844), "preview-desktop.png": (1280, 900), "error-overlay.png": (1280, 900)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_served(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=5):
                return
        time.sleep(0.3)
    raise SystemExit(f"the preview did not answer at {url}")


@contextlib.contextmanager
def preview(site: Path) -> Iterator[str]:
    """`serve` on the copied site, as an editor starts it, stopped at the end."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--lang", "zh", "--config",
                               str(site / "config.yaml"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_served(url + "index.html")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def copy_site(tmp: Path) -> Path:
    site = tmp / "site"
    site.mkdir()
    for name in ("config.yaml", "content", "templates", "assets"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, site / name)
    return site


def take(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportsite-shots-") as tmp:
        site = copy_site(Path(tmp))
        with preview(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name in ("preview-phone.png", "preview-desktop.png"):
                width, height = SHOTS[name]
                page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN",
                                        device_scale_factor=1)
                page.goto(url + PAGE)
                page.screenshot(path=str(out / name))
                page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.goto(url + PAGE)
            page.wait_for_function("() => window.LiveReload !== undefined || document.readyState === 'complete'")
            report = site / REPORT
            report.write_text(report.read_text(encoding="utf-8").replace("issued: 2024-01-15", "issued: 2024-02-30"),
                              encoding="utf-8")
            page.locator("#reportsite-errors").wait_for(timeout=60000)
            page.screenshot(path=str(out / "error-overlay.png"))
            browser.close()
    return [out / name for name in SHOTS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs/images")
    for path in take(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
