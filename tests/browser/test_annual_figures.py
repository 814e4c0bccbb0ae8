"""The 年报 figures' tables and charts in a real browser: WCAG 2.1 AA by axe-core and reflow at 320 px, on
the series page and the home page of a site with two publishers' 政府信息公开工作年度报告 (see
tests/test_annual_figures.py), in the states a reader may choose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import SiteDir
from reportsite.commands import main
from tests.browser.checks import axe_findings, reflow_findings, set_state
from tests.browser.conftest import serve
from tests.test_annual_figures import SERIES, write_pingtan

# Built once for the session, as tests of other modules run between this one's on its worker.
pytestmark = pytest.mark.xdist_group("annual-figures-site")
PAGES = {"series": SERIES + "index.html", "home": "index.html"}


@pytest.fixture(scope="session")
def figures_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = SiteDir(tmp_path_factory.mktemp("annual-figures"), None)  # type: ignore[arg-type]
    write_pingtan(site)
    assert main(["build", "--config", str(site.root / "config.yaml"), "--no-pdf", "--no-search", "--quiet"]) == 0
    server, url = serve(site.output, "/zwgk/")
    yield url
    server.shutdown()


@pytest.mark.parametrize("state", ["medium", "care", "narrow-320", "print"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation_in_the_figures(page: Page, figures_url: str, axe_source: str, name: str,
                                               state: str) -> None:
    set_state(page, state)
    page.goto(figures_url + PAGES[name])
    assert page.locator("section.annual-figures svg.chart").count() >= 1
    assert axe_findings(page, axe_source) == []


@pytest.mark.parametrize("state", ["medium", "care"])
def test_the_wide_table_scrolls_in_its_region_at_320px(page: Page, figures_url: str, state: str) -> None:
    set_state(page, state)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(figures_url + PAGES["series"])
    assert reflow_findings(page) == []
