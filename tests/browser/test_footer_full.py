"""The 政府网站 footer with every item configured (the example site has no 党政机关网站标识 to show), in
a real browser: WCAG 2.1 AA by axe-core in every state, reflow at 320 px, and 44 px targets in 关怀模式."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import GOOD_REPORT, MINIMAL_CONFIG, SiteDir, with_badge
from reportsite.commands import main
from tests.browser.checks import STATES, axe_findings, reflow_findings, set_state
from tests.browser.conftest import serve

# Built once for the session, as tests of other modules run between this one's on its worker.
pytestmark = pytest.mark.xdist_group("full-footer-site")
PAGE = "2023/badou-key-work/index.html"
EXTRA = ("  organizer: 测试镇党政办公室\n  contact: https://www.example.gov.cn/town/lianxi/\n"
         '  badge_id: "0001"\n')


@pytest.fixture(scope="session")
def footer_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = SiteDir(tmp_path_factory.mktemp("full-footer"), None)  # type: ignore[arg-type]
    site.write("config.yaml", MINIMAL_CONFIG.replace("footer:\n", "footer:\n" + EXTRA, 1)
               .replace("  id_code:", "  description: 测试镇历年报告。\n  id_code:"))
    site.write("content/2023/badou-key-work.md", GOOD_REPORT)
    with_badge(site)
    assert main(["build", "--config", str(site.root / "config.yaml"), "--no-pdf", "--no-search", "--quiet"]) == 0
    server, url = serve(site.output, "/town/")
    yield url
    server.shutdown()


@pytest.mark.parametrize("state", list(STATES))
def test_axe_finds_no_violation_in_the_full_footer(page: Page, footer_url: str, axe_source: str, state: str) -> None:
    set_state(page, state)
    page.goto(footer_url + PAGE)
    assert page.locator(".site-footer__badge img").count() == 1
    assert axe_findings(page, axe_source) == []


@pytest.mark.parametrize("state", ["medium", "care"])
def test_the_full_footer_reflows_at_320_px(page: Page, footer_url: str, state: str) -> None:
    page.set_viewport_size({"width": 320, "height": 900})
    set_state(page, state)
    page.goto(footer_url + PAGE)
    assert reflow_findings(page) == []


def test_every_footer_link_is_a_44_px_target_in_care_mode(page: Page, footer_url: str) -> None:
    set_state(page, "care")
    page.goto(footer_url + PAGE)
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.site-footer a'))
        .map(el => [el.textContent.trim() || el.querySelector('img').alt, el.getBoundingClientRect()])
        .map(([t, r]) => [t, r.width >= 44 && r.height >= 44])""")
    assert sizes == [["党政机关网站标识：核实本网站开办单位", True], ["鲁ICP备00000000号", True],
                     ["鲁公网安备00000000000000号", True], ["网站地图", True], ["联系我们", True],
                     ["我为政府网站找错", True]]
