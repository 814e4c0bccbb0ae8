"""The 年报 tables on a 390 px phone, in Chromium: every number on one line and inside its cell, no label
broken into a character per line, the row labels kept in view while the numbers scroll, each table's
region reachable and scrollable from the keyboard, and no axe-core violation in any reading state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import MINIMAL_CONFIG, SiteDir
from reportsite.commands import main
from tests.browser.checks import axe_findings, set_state
from tests.browser.conftest import serve
from tests.test_annual_tables import FIXTURES, write

# Built once for the session, as tests of other modules run between this one's on its worker.
pytestmark = pytest.mark.xdist_group("annual-tables-site")
PHONE = {"width": 390, "height": 844}

#: For every cell of the 年报 tables: the widest line of its text against the cell's inner width, how
#: many lines a number takes, and how many of a label's lines hold a single character (header rows kept
#: for screen readers only, in the stacked layout, are not on screen and are left out).
_CELLS = """() => Array.from(document.querySelectorAll('table.annual-table th, table.annual-table td'))
    .filter(cell => !(cell.closest('thead') && cell.closest('thead').getBoundingClientRect().width <= 1))
    .map(cell => {
  const text = cell.textContent.trim();
  const style = getComputedStyle(cell);
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const range = document.createRange();
  const tops = new Map();
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      if (!node.data[i].trim()) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      const top = Math.round(rect.top);
      const line = tops.get(top) || {chars: 0, left: rect.left, right: rect.right};
      line.chars += 1; line.left = Math.min(line.left, rect.left); line.right = Math.max(line.right, rect.right);
      tops.set(top, line);
    }
  }
  const lines = Array.from(tops.values());
  return {text, tag: cell.tagName, lines: lines.length, inner,
          widest: Math.max(0, ...lines.map(l => l.right - l.left)),
          single: lines.filter(l => l.chars === 1).length};
})"""


@pytest.fixture(scope="session")
def tables_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with the published Pingtan 2024 and 2019 tables, one report per form."""
    site = SiteDir(tmp_path_factory.mktemp("annual-tables"), None)  # type: ignore[arg-type]
    site.write("config.yaml", MINIMAL_CONFIG)
    write(site, (FIXTURES / "pingtan-2024.yaml").read_text(encoding="utf-8"))
    write(site, (FIXTURES / "pingtan-2019.yaml").read_text(encoding="utf-8"), year=2019, issued="2020-01-20")
    assert main(["build", "--config", str(site.root / "config.yaml"), "--no-pdf", "--no-search", "--quiet"]) == 0
    server, url = serve(site.output, "/town/")
    yield url
    server.shutdown()


@pytest.mark.parametrize("state", ["medium", "large", "care"])
@pytest.mark.parametrize("year", [2024, 2019])
def test_on_a_phone_numbers_stay_whole_and_no_label_breaks_a_character_a_line(page: Page, tables_url: str,
                                                                               state: str, year: int) -> None:
    set_state(page, state)
    page.set_viewport_size(PHONE)
    page.goto(f"{tables_url}{year}/nianbao/")
    cells = page.evaluate(_CELLS)
    assert len(cells) > 100
    numbers = [c for c in cells if c["tag"] == "TD" and c["text"].replace(".", "").replace("-", "").isdigit()]
    assert numbers and all(c["lines"] == 1 and c["widest"] <= c["inner"] + 0.5 for c in numbers), [
        c for c in numbers if c["lines"] != 1 or c["widest"] > c["inner"] + 0.5][:3]
    labels = [c for c in cells if c["tag"] == "TH" and len(c["text"]) > 1]
    assert all(c["single"] == 0 for c in labels), [c["text"] for c in labels if c["single"]]


@pytest.mark.parametrize(("state", "width"), [("medium", 390), ("care", 768)])
def test_the_row_labels_stay_in_view_while_the_numbers_scroll(page: Page, tables_url: str, state: str,
                                                               width: int) -> None:
    set_state(page, state)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{tables_url}2024/nianbao/")
    region = page.locator('[role="region"]:has(table.annual-表三)')
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the form is wider than a phone
    labels = ("一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "（七）总计")
    before = [region.locator("th", has_text=label).first.bounding_box() for label in labels]
    first_number = region.locator("tbody td").first.bounding_box()
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    assert region.evaluate("r => r.scrollLeft") > 100
    after = [region.locator("th", has_text=label).first.bounding_box() for label in labels]
    assert [box["x"] for box in after] == pytest.approx([box["x"] for box in before], abs=1)  # type: ignore[index]
    assert region.locator("tbody td").first.bounding_box()["x"] < first_number["x"] - 100  # type: ignore[index]
    total = region.locator("tbody tr").first.locator("td").last.bounding_box()
    first = region.locator("th", has_text="一、本年新收").bounding_box()
    assert total and first and total["x"] >= first["x"] + first["width"] - 1  # 总计 beside its label, not under it


@pytest.mark.parametrize("state", ["care", "large"])
def test_where_no_number_fits_beside_the_labels_the_rows_are_stacked(page: Page, tables_url: str, state: str) -> None:
    """关怀模式 or 大字 on a phone: table 3's labels alone are as wide as the screen, so each row is its label
    over its numbers, each number beside its column's name, and nothing needs scrolling sideways."""
    set_state(page, state)
    page.set_viewport_size(PHONE)
    page.goto(f"{tables_url}2024/nianbao/")
    region = page.locator('[role="region"]:has(table.annual-表三)')
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    first = region.locator("tbody tr").first
    label = first.locator("th").bounding_box()
    cells = [first.locator("td").nth(i) for i in range(7)]
    shown = [cell.evaluate("c => getComputedStyle(c, '::before').content") for cell in cells]
    assert shown == ['"自然人"', '"商业企业"', '"科研机构"', '"社会公益组织"', '"法律服务机构"', '"其他"', '"总计"']
    boxes = [cell.bounding_box() for cell in cells]
    assert label and all(box and box["y"] >= label["y"] + label["height"] - 1 for box in boxes)  # under its label
    assert [cell.inner_text() for cell in cells] == ["217", "1", "0", "0", "0", "0", "218"]
    assert page.locator("table.annual-表三").evaluate("t => t.querySelector('thead th').scope") == "colgroup"


def test_each_region_is_reached_and_scrolled_with_the_keyboard(page: Page, tables_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{tables_url}2024/nianbao/")
    names = page.eval_on_selector_all('[role="region"]:has(table.annual-table)',
                                      "rs => rs.map(r => document.getElementById(r.getAttribute('aria-labelledby'))"
                                      ".textContent)")
    assert names == ["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    region = page.locator('[role="region"]:has(table.annual-表四)')
    region.focus()
    assert page.evaluate("() => document.activeElement.matches('[role=region]')")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")


@pytest.mark.parametrize("state", ["medium", "care", "narrow-320", "print"])
@pytest.mark.parametrize("year", [2024, 2019])
def test_axe_finds_no_violation_in_the_tables(page: Page, tables_url: str, axe_source: str, state: str,
                                              year: int) -> None:
    set_state(page, state)
    page.goto(f"{tables_url}{year}/nianbao/")
    assert page.locator("table.annual-table").count() == 3
    assert axe_findings(page, axe_source) == []


def test_the_cell_check_catches_a_table_squeezed_into_the_screen(browser: Browser, tables_url: str) -> None:
    """The check above is not vacuous: a form table squeezed to the phone's width, as a plain table would
    be, leaves labels a character per line (the page's CSP is bypassed to add the squeezing style)."""
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{tables_url}2024/nianbao/")
    page.add_style_tag(content=".annual-table { table-layout: auto !important; width: 100% !important; "
                               "min-width: 0 !important; } .annual-table col { width: auto !important; } "
                               ".annual-table th, .annual-table td { overflow-wrap: anywhere !important; "
                               "white-space: normal !important; }")
    cells = page.evaluate(_CELLS)
    context.close()
    assert any(c["single"] for c in cells if c["tag"] == "TH" and len(c["text"]) > 1)
