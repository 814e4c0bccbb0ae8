"""serve in a real browser: the page reloads itself after an edit, and errors show as an overlay."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from conftest import GOOD_REPORT, SiteDir
from tests.test_serve import Preview, preview  # noqa: F401 - the fixture

# `serve` on a port picked free a moment before: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("preview")

REPORT = "content/2023/badou-key-work.md"


def test_browser_reloads_after_an_edit_and_shows_errors_until_fixed(page: Page, site: SiteDir,
                                                                     preview: Preview) -> None:  # noqa: F811
    with page.expect_websocket() as socket:
        page.goto(preview.url + "2023/badou-key-work/index.html")
    # livereload.js answers the server's hello with info: from then on the server reloads this page
    socket.value.wait_for_event("framesent", predicate=lambda frame: '"info"' in str(frame), timeout=10000)
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "21.00亿元"))
    # While the page reloads, document.body is briefly null: the predicate waits through it.
    page.wait_for_function("() => document.body?.textContent.includes('21.00亿元')", timeout=30000)
    site.write(REPORT, GOOD_REPORT.replace("issued: 2024-01-15", "issued: 2024-02-30"))
    overlay = page.locator("#reportsite-errors")
    overlay.wait_for(timeout=30000)
    assert overlay.get_attribute("role") == "alertdialog"
    assert 'content/2023/badou-key-work.md:6: 发文日期 "2024-02-30" is not a real date' in overlay.text_content()
    assert "21.00亿元" in page.locator(".report__body").text_content()  # the last good page stays
    site.write(REPORT, GOOD_REPORT)
    page.wait_for_function("() => !document.getElementById('reportsite-errors') && "
                           "document.body?.textContent.includes('20.69亿元')", timeout=30000)
