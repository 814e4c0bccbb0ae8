"""The tables an editor writes into a report, on a 320 and a 390 px phone in Chromium: no number or date
broken across lines, no cell narrower than its longest word, the page never scrolling sideways, each
table in its own focusable region with a name of its own, the first column kept in view where every row
starts in it, and no axe-core violation in any reading state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import GOOD_REPORT, MINIMAL_CONFIG, SiteDir
from reportsite.commands import main
from tests.browser.checks import axe_findings, reflow_findings, set_state
from tests.browser.conftest import serve

# Built once for the session, as tests of other modules run between this one's on its worker.
pytestmark = pytest.mark.xdist_group("body-tables-site")

WIDE_MARKDOWN = """
| 项目名称 | 开工日期 | 完工日期 | 计划投资（万元） | 完成投资（万元） | 完成率 | 备注 |
|---|---|---|---|---|---|---|
| 八陡镇污水处理厂提标改造工程 | 2024-03-10 | 2025-03-10 | 1,234.5 | 1,100 | 89.1% | 2024年1月立项 |
| 镇区道路 | 2024-05-01 | 2024-12-31 | 71 | 71 | 100% | 已验收 |
| 乡村振兴示范片区 | 2024-06-18 | 2025-06-30 | 12,500 | 5,737.25 | 45.9% | 分两期 |
"""
#: Pasted from a CMS page: the first column's cells span rows, so it cannot stay in view as one column.
PASTED_ROWSPANS = """
<table class="MsoNormalTable" style="width:600px">
<tr><th scope="col">类别</th><th scope="col">项目</th><th scope="col">2023年</th><th scope="col">2024年</th>
<th scope="col">增减</th><th scope="col">统计截止日期</th></tr>
<tr><th rowspan="2" scope="rowgroup">主动公开</th><td>政策文件</td><td>1,024</td><td>1,187</td><td>+15.9%</td>
<td>2024-12-31</td></tr>
<tr><td>政策解读</td><td>36</td><td>42</td><td>+16.7%</td><td>2024-12-31</td></tr>
<tr><th rowspan="2" scope="rowgroup">依申请公开</th><td>新收申请</td><td>71</td><td>74</td><td>+4.2%</td>
<td>2025-01-10</td></tr>
<tr><td>办结</td><td>70</td><td>74</td><td>+5.7%</td><td>2025-01-10</td></tr>
</table>
"""
CAPTION = "2024年专项资金使用情况"
CAPTIONED = f"""
<table>
<caption>{CAPTION}</caption>
<tr><th scope="col">资金名称</th><th scope="col">下达日期</th><th scope="col">金额（万元）</th>
<th scope="col">执行率</th><th scope="col">说明</th></tr>
<tr><td>衔接推进乡村振兴补助资金</td><td>2024-02-20</td><td rowspan="2">3,560.00</td><td>98.5%</td>
<td>2024年12月31日前全部拨付</td></tr>
<tr><td>农村人居环境整治资金</td><td>2024-04-15</td><td>100%</td><td>已完成</td></tr>
</table>
"""
REPORT = GOOD_REPORT + WIDE_MARKDOWN + "\n## 二、信息公开\n" + PASTED_ROWSPANS + "\n## 三、资金使用\n" + CAPTIONED
NAMES = ["表1", "表2", CAPTION]
PAGE = "2023/badou-key-work/"

#: Every body-table cell: its text, inner width, and for each number or date (found in the text, never
#: by the page's own markup) and each word (a run of letters, digits and signs) how many lines it takes
#: and how wide it is. Characters are measured one by one with a Range, so a break shows as a second top.
_CELLS = """() => Array.from(document.querySelectorAll('.body-table th, .body-table td')).map(cell => {
  const style = getComputedStyle(cell);
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const chars = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.length; i++) chars.push([node, i]);
  const text = chars.map(([node, i]) => node.data[i]).join('');
  const range = document.createRange();
  const measure = (start, end) => {
    const tops = new Set(); let left = Infinity, right = -Infinity;
    for (let k = start; k < end; k++) {
      const [node, i] = chars[k];
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      tops.add(Math.round(box.top)); left = Math.min(left, box.left); right = Math.max(right, box.right);
    }
    return {text: text.slice(start, end), lines: tops.size, width: right - left};
  };
  const runs = re => Array.from(text.matchAll(re)).filter(m => m[0].length > 1)
    .map(m => measure(m.index, m.index + m[0].length));
  return {text: text.trim(), inner, em: parseFloat(style.fontSize),
          numbers: runs(/\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?|\\d{4}-\\d{2}-\\d{2}|[+-]?\\d[\\d,]*(?:\\.\\d+)?%?/g),
          words: runs(/[A-Za-z0-9.,%+-]+/g)};
})"""


@pytest.fixture(scope="session")
def tables_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with one report holding the three tables."""
    site = SiteDir(tmp_path_factory.mktemp("body-tables"), None)  # type: ignore[arg-type]
    site.write("config.yaml", MINIMAL_CONFIG)
    site.write("content/2023/badou-key-work.md", REPORT)
    assert main(["build", "--config", str(site.root / "config.yaml"), "--no-pdf", "--no-search", "--quiet"]) == 0
    server, url = serve(site.output, "/town/")
    yield url
    server.shutdown()


def open_report(page: Page, url: str, state: str, width: int) -> None:
    set_state(page, state)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url + PAGE)


def broken(cells: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """Numbers and dates laid over more than one line, and words wider than their cell or broken."""
    return [f"{cell['text']}: {run['text']} ({run['lines']} lines, {run['width']:.0f} of {cell['inner']:.0f} px)"
            for cell in cells for run in cell["numbers"] + cell["words"]
            if run["lines"] > 1 or run["width"] > cell["inner"] + 0.5]


@pytest.mark.parametrize("state", ["medium", "care"])
@pytest.mark.parametrize("width", [320, 390])
def test_no_number_or_word_breaks_and_the_page_never_scrolls_sideways(page: Page, tables_url: str, state: str,
                                                                      width: int) -> None:
    open_report(page, tables_url, state, width)
    cells = page.evaluate(_CELLS)
    numbers = [run["text"] for cell in cells for run in cell["numbers"]]
    assert {"2025-03-10", "1,234.5", "45.9%", "2024年1月", "3,560.00", "+15.9%", "71"} <= set(numbers)
    assert broken(cells) == []
    squeezed = [cell["text"] for cell in cells if cell["inner"] < 4 * cell["em"] - 0.5]
    assert squeezed == []  # a text column holds four characters a line at the least
    assert reflow_findings(page) == []


def test_the_check_catches_numbers_broken_by_a_squeezed_table(browser: Browser, tables_url: str) -> None:
    """The check above can fail: with the body's `overflow-wrap: anywhere` back in the cells, the table
    squeezes into the screen and its dates and numbers break (the page's CSP is bypassed to add the style)."""
    context = browser.new_context(viewport={"width": 320, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(tables_url + PAGE)
    page.add_style_tag(content=".body-table :is(th, td) { overflow-wrap: anywhere !important; min-width: 0 !important; }"
                               " .nobr { white-space: normal !important; }")
    cells = page.evaluate(_CELLS)
    context.close()
    assert any(line.startswith("2025-03-10: 2025-03-10 (") for line in broken(cells)), broken(cells)


@pytest.mark.parametrize("width", [320, 390])
def test_each_region_has_a_name_of_its_own_and_takes_focus(page: Page, tables_url: str, width: int) -> None:
    open_report(page, tables_url, "medium", width)
    regions = page.locator(".report__body [role=region]")
    names = regions.evaluate_all("""rs => rs.map(r => r.hasAttribute('aria-labelledby')
        ? document.getElementById(r.getAttribute('aria-labelledby')).textContent.trim() : r.getAttribute('aria-label'))""")
    assert names == NAMES
    for name in NAMES:
        region = page.get_by_role("region", name=name, exact=True)
        assert region.count() == 1
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # each is wider than the phone
        region.focus()
        assert region.evaluate("r => r === document.activeElement && getComputedStyle(r).outlineStyle !== 'none'")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")


def first_column(page: Page, name: str) -> list[float]:
    """The left edge of each row's first cell, relative to its region's."""
    return page.get_by_role("region", name=name, exact=True).evaluate(
        """r => Array.from(r.querySelectorAll('tr')).map(tr => tr.cells[0].getBoundingClientRect().left
                                                           - r.getBoundingClientRect().left)""")


@pytest.mark.parametrize("state", ["medium", "care"])
@pytest.mark.parametrize("width", [320, 390])
def test_the_first_column_stays_in_view_where_every_row_starts_in_it(page: Page, tables_url: str, state: str,
                                                                     width: int) -> None:
    open_report(page, tables_url, state, width)
    before = {name: first_column(page, name) for name in NAMES}
    page.eval_on_selector_all(".report__body [role=region]", "rs => rs.forEach(r => { r.scrollLeft = r.scrollWidth; })")
    for name in ("表1", CAPTION):
        region = page.get_by_role("region", name=name, exact=True)
        assert region.evaluate("r => r.scrollLeft") > 50
        assert first_column(page, name) == pytest.approx(before[name], abs=1)
        # opaque, and drawn over the cells scrolled beneath it
        on_top = region.evaluate("""r => Array.from(r.querySelectorAll('tbody tr')).every(tr => {
            const cell = tr.cells[0];
            cell.scrollIntoView({block: 'center', inline: 'nearest'});
            const b = cell.getBoundingClientRect();
            const hit = document.elementFromPoint(b.left + 3, b.top + b.height / 2);
            return cell.contains(hit) && !getComputedStyle(cell).backgroundColor.startsWith('rgba(0, 0, 0, 0)');
        })""")
        assert on_top
    # the pasted table's first column spans rows, so it scrolls away with the rest
    assert first_column(page, "表2")[1] < before["表2"][1] - 50


@pytest.mark.parametrize("state", ["medium", "care", "narrow-320", "print"])
def test_axe_finds_no_violation_in_the_tables(page: Page, tables_url: str, axe_source: str, state: str) -> None:
    set_state(page, state)
    page.goto(tables_url + PAGE)
    assert page.locator(".report__body table").count() == 3
    assert axe_findings(page, axe_source) == []
