"""Search recall on the example site, in Chromium: every report whose text contains a Chinese query is found.

The queries are drawn from the corpus itself (titles, publishers, place names, and seeded random
substrings of the bodies), and what each query should find is read straight from the built pages with
BeautifulSoup, so the expected results never come from the search code under test.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

# The module's sites are built once: the fixture lives for the session, since tests of other modules
# run between this one's on its worker (pytest-xdist), which would tear a module fixture down.
pytestmark = pytest.mark.xdist_group("search-recall")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
PLACE = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:省|市|区|县|镇|乡|村|街道|岛)")
LABELS = ("标题", "索引号", "文号", "发文日期", "发布机构", "发布日期", "信息分类", "效力状况")
FROM_THE_ISSUE = ["平潭", "易制毒", "行政复议", "招商引资"]
SEED = 20240611


@dataclass(frozen=True)
class Report:
    url: str  # site-relative, as the result links give it: 2023/badou-key-work/index.html
    title: str
    publisher: str
    body: str
    text: str  # everything a search should look in: title, publisher and body


def read_reports(site: Path) -> list[Report]:
    """Each report's searchable text as a reader sees it on the page."""
    reports = []
    for path in sorted(site.glob("20[0-9][0-9]/*/index.html")):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article", class_="report")
        title = article.find("h1").get_text()
        publisher = article.find(attrs={"data-pagefind-meta": "publisher"}).get_text()
        body = article.find(class_="report__body").get_text()
        reports.append(Report(path.relative_to(site).as_posix(), title, publisher, body,
                              "\n".join([title, publisher, body])))
    return reports


def draw_queries(reports: list[Report]) -> list[str]:
    """Titles and publishers whole and in pieces, place names, and random 2 to 6 character pieces of bodies."""
    rng = random.Random(SEED)
    queries = list(FROM_THE_ISSUE)
    for report in reports:
        queries.append(report.title)
        queries += [run for run in HAN.findall(report.title) if 2 <= len(run) <= 8]
        queries.append(report.publisher)
        places = sorted(set(PLACE.findall(report.body)))
        queries += rng.sample(places, min(4, len(places)))
        runs = [run for run in HAN.findall(report.body) if len(run) >= 2]
        for _ in range(12):
            run = rng.choice(runs)
            length = rng.randint(2, min(6, len(run)))
            start = rng.randrange(len(run) - length + 1)
            queries.append(run[start:start + length])
    return list(dict.fromkeys(queries))


@dataclass(frozen=True)
class Result:
    url: str
    excerpt: str


def search(page: Page, query: str) -> list[Result]:
    """Type the query into the search page as a reader would and read the listed results."""
    page.get_by_label("检索词").fill(query)
    page.get_by_label("检索词").press("Enter")
    summary = page.locator(".search-results__summary")
    summary.filter(has_text=f"“{query}”").wait_for(timeout=15000)
    items = page.locator(".search-results__list > li")
    return [Result(item.locator("a").get_attribute("href"), item.locator(".search-results__excerpt").text_content())
            for item in items.all()]


@pytest.fixture(scope="session")
def reports(example_output: Path) -> list[Report]:
    return read_reports(example_output)


@pytest.fixture(scope="session")
def answers(browser, base_url: str, reports: list[Report]) -> dict[str, list[Result]]:  # type: ignore[no-untyped-def]
    """Every drawn query's results, searched once on one search page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(base_url + "search/index.html")
        return {query: search(page, query) for query in draw_queries(reports)}
    finally:
        context.close()


def relative(href: str) -> str:
    return href.removeprefix("../")


def test_every_report_containing_the_query_is_found(reports: list[Report], answers: dict[str, list[Result]]) -> None:
    expected_total = found_total = 0
    misses = []
    for query, results in answers.items():
        expected = {r.url for r in reports if query in r.text}
        found = {relative(r.url) for r in results}
        expected_total += len(expected)
        found_total += len(expected & found)
        if expected - found:
            misses.append(f"{query}: {len(expected & found)} of {len(expected)}")
    recall = found_total / expected_total
    print(f"\nsearch recall: {found_total} of {expected_total} expected results ({recall:.1%}) "
          f"over {len(answers)} queries; missed: {misses}")
    assert len(answers) >= 150
    assert misses == []


def test_reports_with_the_exact_phrase_come_first(reports: list[Report], answers: dict[str, list[Result]]) -> None:
    misranked = []
    for query, results in answers.items():
        has_phrase = [query in next(r.text for r in reports if r.url == relative(result.url)) for result in results]
        if has_phrase != sorted(has_phrase, reverse=True):
            misranked.append(query)
    assert misranked == []


def test_excerpts_show_the_phrase_and_not_the_metadata_labels(reports: list[Report],
                                                              answers: dict[str, list[Result]]) -> None:
    bad = []
    for query, results in answers.items():
        for result in results:
            report = next(r for r in reports if r.url == relative(result.url))
            excerpt = result.excerpt.strip()
            if excerpt.startswith(LABELS) or (len(query) <= 8 and query in report.body and query not in excerpt):
                bad.append(f"{query} → {relative(result.url)}: {excerpt[:60]}")
    assert bad == []


def test_a_result_link_opens_its_report_under_the_sites_sub_path(page: Page, base_url: str) -> None:
    """The example site is served under /badou/, as it is published."""
    page.goto(base_url + "search/index.html?q=行政复议")
    page.locator(".search-results__list a").first.wait_for(timeout=15000)
    title = page.locator(".search-results__list a").first.text_content()
    page.locator(".search-results__list a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").text_content() == title
