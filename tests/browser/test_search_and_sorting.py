"""Search and the sortable catalogue, in the browser."""

from __future__ import annotations

from playwright.sync_api import Page
from pypinyin import lazy_pinyin


def test_chinese_query_finds_the_report_with_year_and_publisher(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    page.get_by_label("检索", exact=True).fill("乡村振兴")
    page.get_by_label("检索", exact=True).press("Enter")
    page.wait_for_selector(".search-results__list li", timeout=15000)
    seed = page.locator(".search-results__list li", has_text="八陡镇2023年度重点工作情况")
    assert seed.locator("a").text_content() == "八陡镇2023年度重点工作情况"
    assert seed.locator(".search-results__meta").text_content() == "2023年 · 博山区八陡镇"
    assert "乡村振兴" in seed.locator(".search-results__excerpt").text_content()
    marks = seed.locator("mark").all_text_contents()
    assert marks and set(marks) == {"乡村振兴"}  # the phrase highlighted whole, however the index cuts it
    seed.locator("a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/2023/badou-key-work/index.html")


def test_query_with_no_match_says_so(page: Page, base_url: str) -> None:
    page.goto(base_url + "search/index.html?q=不存在的词语组合")
    page.wait_for_selector(".search-results__summary", timeout=15000)
    assert page.locator(".search-results__summary").text_content().startswith("没有找到")


def test_search_box_is_hidden_without_javascript(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "index.html")
        assert page.locator("[data-search-form]").is_hidden()
    finally:
        context.close()


def test_catalogue_sorts_by_column_and_announces_it(page: Page, base_url: str) -> None:
    page.goto(base_url + "catalogue/index.html")
    title = page.get_by_role("button", name="标题")
    title.click()
    header = page.locator("th", has=title)
    assert header.get_attribute("aria-sort") == "ascending"
    titles = page.locator("table.catalogue tbody tr td:nth-child(2)").all_text_contents()
    initials = [lazy_pinyin(t[0])[0] for t in titles]  # Chinese collation is by pinyin
    assert len(set(initials)) > 1 and initials == sorted(initials)
    title.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert page.locator("table.catalogue tbody tr td:nth-child(2)").all_text_contents() == titles[::-1]
