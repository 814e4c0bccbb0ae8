"""Small things a newcomer saw on the example site, in Chromium: the 目录 numbered twice, dates broken
across lines (2025-03- / 10) in the lists, the 信息公开目录, the disclosure block and the series tables,
and the disclosure block's last line drawn half-width."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import GOOD_REPORT, MINIMAL_CONFIG, SiteDir
from reportsite.commands import main
from tests.browser.checks import set_state
from tests.browser.conftest import serve
from tests.browser.test_accessibility import PAGE_TYPES, REPORT

# The site without a category is built once for the session, as other modules' tests run between these.
pytestmark = pytest.mark.xdist_group("page-details-site")

#: Each date on the page, and each cell of a key figure's table (a year, a number), with how many lines
#: its text is laid over (a second line box is a break inside it).
_DATE_LINES = """() => Array.from(document.querySelectorAll(
    'time, .metric__table td, .metric__table tbody th, .catalogue td:nth-child(4)')).map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
  return [el.textContent.trim(), tops.size];
})"""
DATED_PAGES = ["report", "catalogue", "home", "series"]


@pytest.mark.parametrize("state", ["medium", "care"])
@pytest.mark.parametrize("page_type", DATED_PAGES)
def test_dates_and_figures_never_break_across_lines(page: Page, base_url: str, page_type: str, state: str) -> None:
    set_state(page, state)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(base_url + PAGE_TYPES[page_type])
    found = page.evaluate(_DATE_LINES)
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) for text, _ in found)
    assert [(text, lines) for text, lines in found if lines != 1] == []


def test_the_contents_list_shows_the_official_numbering_only(page: Page, base_url: str) -> None:
    """No list marker ("1. 一、工作开展情况") in what Chromium renders and reads out, and still a list."""
    page.goto(base_url + REPORT)
    items = page.locator(".toc li")
    assert items.count() >= 3
    assert items.first.inner_text().startswith("一、")
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [node.get("role", {}).get("value") for node in tree if not node.get("ignored")]
    assert "ListMarker" not in roles
    assert roles.count("listitem") >= items.count() and "list" in roles
    assert page.locator(".toc").get_by_role("listitem").count() == items.count()


#: The disclosure block's bottom: the rows on its last line, their widths against the block's, the line
#: each draws under it, and the block's own bottom border (which, under the rows' lines, would double them).
_LAST_LINE = """() => {
  const block = document.querySelector('.disclosure');
  const rows = Array.from(block.querySelectorAll('.disclosure__row'));
  const bottom = Math.max(...rows.map(r => r.getBoundingClientRect().bottom));
  const last = rows.filter(r => Math.abs(r.getBoundingClientRect().bottom - bottom) < 1);
  return {rows: rows.length, width: block.clientWidth, covered: last.reduce((w, r) => w + r.getBoundingClientRect().width, 0),
          lines: last.map(r => getComputedStyle(r).borderBottomWidth), own: getComputedStyle(block).borderBottomWidth};
}"""


@pytest.fixture(scope="session")
def uncategorised_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A report without 信息分类, whose disclosure block has seven rows (the example's have eight)."""
    site = SiteDir(tmp_path_factory.mktemp("page-details"), None)  # type: ignore[arg-type]
    site.write("config.yaml", MINIMAL_CONFIG)
    site.write("content/2023/badou-key-work.md", GOOD_REPORT.replace("category: 工作总结\n", ""))
    assert main(["build", "--config", str(site.root / "config.yaml"), "--no-pdf", "--no-search", "--quiet"]) == 0
    server, url = serve(site.output, "/town/")
    yield url
    server.shutdown()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("rows", [8, 7])
def test_the_disclosure_blocks_last_line_runs_its_full_width(page: Page, request: pytest.FixtureRequest,
                                                             rows: int, width: int) -> None:
    """Eight rows leave the last alone beside an empty cell on a wide screen; seven fill both columns."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(request.getfixturevalue("base_url") + REPORT if rows == 8 else
              request.getfixturevalue("uncategorised_url") + "2023/badou-key-work/")
    bottom = page.evaluate(_LAST_LINE)
    assert bottom["rows"] == rows
    assert bottom["covered"] == pytest.approx(bottom["width"], abs=1), bottom
    assert set(bottom["lines"]) == {"1px"} and bottom["own"] == "0px", bottom
