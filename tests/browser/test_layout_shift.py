"""No layout shift on phones: what script shows is there from the first paint (CLS 0 on every page type),
and what needs script is not shown without it.

On a slow phone network the browser paints a page before all of it has arrived, and scripts that
wait for the whole document (DOMContentLoaded, defer) run after that paint. Served whole from
loopback, a page is parsed before its first paint and no shift could ever be seen; so the pages
come through a relay that sends each page up to its `</main>`, waits until the browser reports its
first contentful paint, and only then sends the rest. A control revealed by script after that
point moves what was already painted, which the browser records as a layout shift.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from .conftest import _QuietHandler
from .test_accessibility import PAGE_TYPES

#: Every layout shift since navigation, once the browser has painted a frame after the last change.
#: With `buffered`, observe() hands the observer every earlier entry at once, so takeRecords() has
#: them all (an empty list is a real 0). Lighthouse leaves out shifts with `hadRecentInput`; this
#: test makes no input, and Chromium flags every shift within 500 ms of the mobile viewport being
#: applied as if it followed input (on a real phone the shift comes later and counts), so all count.
LAYOUT_SHIFT = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: "layout-shift", buffered: true});
  resolve(observer.takeRecords().reduce((sum, entry) => sum + entry.value, 0));
})))"""
PAINTED = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
#: Where a page is cut: everything a reader sees first has arrived, the end of the document has not.
CUT = b"</main>"


@dataclass
class Gate:
    """Holds the end of each page until the test has seen the browser paint the start of it."""

    opened: threading.Event = field(default_factory=threading.Event)

    def hold(self) -> None:
        self.opened.wait(timeout=30)  # never hang a test: an unopened gate fails at wait_for_function


class _Relay(_QuietHandler):
    """Passes every request on to the site's server; HTML comes back in two parts, see the module."""

    upstream: str
    gate: Gate

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        try:
            response = urllib.request.urlopen(self.upstream + self.path)  # noqa: S310 - loopback
        except urllib.error.HTTPError as error:
            response = error
        body = response.read()
        self.send_response(response.status)
        self.send_header("Content-Type", response.headers["Content-Type"])
        self.end_headers()  # HTTP/1.0: the response ends when the connection closes, no length needed
        head, cut, rest = body.rpartition(CUT)
        if not cut or "html" not in response.headers["Content-Type"]:
            self.wfile.write(body)
            return
        self.wfile.write(head)
        self.wfile.flush()
        self.gate.hold()
        self.wfile.write(cut + rest)


@pytest.fixture(scope="module")
def relay(base_url: str) -> Iterator[tuple[str, Gate]]:
    """The example site as a slow network delivers it: see the module's docstring."""
    parts = urlsplit(base_url)
    gate = Gate()
    handler = type("Relay", (_Relay,), {"upstream": f"{parts.scheme}://{parts.netloc}", "gate": gate})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{parts.path}", gate
    server.shutdown()


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_layout_shift_on_a_390_px_phone(browser: Browser, relay: tuple[str, Gate], page_type: str) -> None:
    url, gate = relay
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    try:
        page = context.new_page()
        gate.opened.clear()
        page.goto(url + PAGE_TYPES[page_type], wait_until="commit")
        page.wait_for_function(PAINTED)  # the start of the page is on screen, the end not yet sent
        gate.opened.set()
        page.wait_for_load_state("load")
        if page_type == "search":
            page.wait_for_selector(".search-results__summary")  # results arrive after load
        assert page.locator("[data-tools]").is_visible()  # the controls are shown, not merely absent
        assert page.evaluate(LAYOUT_SHIFT) == 0
    finally:
        context.close()


COLUMNS = ["索引号", "标题", "发布机构", "发文日期", "信息分类"]


def shown_header_labels(page: Page) -> list[str]:
    """The catalogue's column headers as plain text, where they are shown (no script, print)."""
    labels = page.locator("thead .sort-label")
    return [labels.nth(i).inner_text() for i in range(labels.count()) if labels.nth(i).is_visible()]


#: What only works with script: shown from the first paint when site.js has run, never without it.
NEEDS_SCRIPT = "[data-tools], [data-search-form], [data-search-page], [data-reader], [data-sort-hint], .sort-button"


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_without_javascript_no_control_that_needs_it_shows(browser: Browser, base_url: str, page_type: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE_TYPES[page_type])
        controls = page.locator(NEEDS_SCRIPT)
        count = controls.count()
        assert count > 0  # the page has such controls, and they are hidden
        assert [controls.nth(i).is_visible() for i in range(count)] == [False] * count
        if page_type == "catalogue":  # the column headers still read as text
            assert shown_header_labels(page) == COLUMNS
    finally:
        context.close()


def test_printed_catalogue_keeps_its_column_headers(page: Page, base_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(base_url + PAGE_TYPES["catalogue"])
    assert shown_header_labels(page) == COLUMNS
    assert not page.locator("thead .sort-button").first.is_visible()
