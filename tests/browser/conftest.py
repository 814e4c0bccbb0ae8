"""A real browser for the accessibility checks: Debian's Chromium, driven by Playwright.

Never skipped: if Chromium or axe-core is missing the tests fail and say to run
scripts/setup.sh, because a skipped accessibility test is a claim nobody checked.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import ROOT, good_config

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts/screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(folder: Path, base_path: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `folder` at `base_path` on loopback, as a host would under the site's sub-path."""

    class Handler(_QuietHandler):
        def translate_path(self, path: str) -> str:
            local = urlsplit(path).path
            if not local.startswith(base_path):
                return str(folder / "__outside_the_site__")
            return super().translate_path("/" + local[len(base_path):])

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code == 404 and (folder / "404.html").is_file():
                body = (folder / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{base_path}"


@pytest.fixture(scope="session")
def base_url(example_output: Path) -> Iterator[str]:
    config, _ = good_config(ROOT / "config.yaml")
    server, url = serve(example_output, urlsplit(config.base_url).path)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is not installed at /usr/bin/chromium: run `bash scripts/setup.sh`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `bash scripts/setup.sh` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
