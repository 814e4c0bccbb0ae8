"""WCAG 2.1 AA and 适老化 in a real browser, on every page type of the example site and in every state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.checks import (STATES, axe_findings, keyboard_findings, print_findings, reflow_findings,
                                  set_state)
from tests.browser.conftest import SCREENSHOTS
from tests.test_pdf import pdftotext

PAGE_TYPES = {
    "home": "index.html",
    "year": "2023/index.html",
    "series": "series/nian-du-zhong-dian-gong-zuo-qing-kuang/index.html",
    "publisher": "publishers/badou/index.html",
    "category": "categories/gong-zuo-zong-jie/index.html",
    "catalogue": "catalogue/index.html",
    "search": "search/index.html?q=乡村振兴",
    "sitemap": "sitemap/index.html",
    "report": "2023/badou-key-work/index.html",
    "404": "404.html",
}
REPORT = PAGE_TYPES["report"]


def open_page(page: Page, base_url: str, page_type: str, state: str = "medium") -> Page:
    set_state(page, state)
    page.goto(base_url + PAGE_TYPES[page_type])
    page.wait_for_load_state("load")
    if page_type == "search" and state != "print":
        page.wait_for_selector(".search-results__summary", timeout=15000)  # results change the layout
    return page


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_axe_finds_no_wcag_aa_violation(page: Page, base_url: str, axe_source: str, page_type: str,
                                        state: str) -> None:
    open_page(page, base_url, page_type, state)
    assert axe_findings(page, axe_source) == []


@pytest.mark.parametrize("state", ["medium", "care", "narrow-320"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_keyboard_reaches_every_control_with_visible_focus(page: Page, base_url: str, page_type: str,
                                                           state: str) -> None:
    open_page(page, base_url, page_type, state)
    assert keyboard_findings(page) == []


@pytest.mark.parametrize("width", [320, 640], ids=["320px", "zoom-200%"])
@pytest.mark.parametrize("state", ["medium", "large", "care"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_reflow_without_sideways_scrolling(page: Page, base_url: str, page_type: str, state: str,
                                           width: int) -> None:
    """200% zoom of a 1280 px window is a 640 CSS px viewport."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, base_url, page_type, state)
    assert reflow_findings(page) == []


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_print_media_hides_furniture_and_keeps_content(page: Page, base_url: str, page_type: str) -> None:
    open_page(page, base_url, page_type, "print")
    assert print_findings(page) == []


def body_font_px(page: Page) -> float:
    return float(page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.report__body p')).fontSize)"))


def pressed(page: Page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('[data-pref=fontsize]'))
        .map(b => [b.textContent.trim(), b.getAttribute('aria-pressed')]))""")


def test_font_size_switch_scales_text_and_is_remembered(page: Page, base_url: str) -> None:
    open_page(page, base_url, "report")
    page.get_by_role("button", name="小", exact=True).click()
    small = body_font_px(page)
    assert pressed(page) == {"大": "false", "中": "false", "小": "true"}
    page.get_by_role("button", name="大", exact=True).click()
    large = body_font_px(page)
    assert pressed(page) == {"大": "true", "中": "false", "小": "false"}
    assert large >= 1.25 * small
    page.get_by_role("link", name="首页").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.dataset.fontsize") == "large"
    assert pressed(page)["大"] == "true"
    page.goto(base_url + REPORT)
    assert body_font_px(page) == large


def test_controls_work_from_the_keyboard(page: Page, base_url: str) -> None:
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    open_page(page, base_url, "report")
    for name, key in (("小", "Enter"), ("关怀模式", "Space"), ("打印", "Enter")):
        page.get_by_role("button", name=name, exact=True).focus()
        page.keyboard.press(key)
    assert pressed(page)["小"] == "true"
    assert page.evaluate("() => document.documentElement.dataset.care") == "on"
    assert page.evaluate("() => window.__printed") == 1


def test_without_javascript_controls_are_hidden(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + REPORT)
        assert page.locator("[data-tools]").is_hidden()
        assert page.locator("[data-reader]").is_hidden()
        assert page.get_by_role("link", name=re.compile("下载PDF")).is_visible()
    finally:
        context.close()


def test_chromium_print_of_the_report_contains_the_body(page: Page, base_url: str, tmp_path: Path) -> None:
    open_page(page, base_url, "report")
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    flat = re.sub(r"\s+", "", pdftotext(pdf))
    for snippet in ("八陡镇2023年度重点工作情况", "1137030400421863XL/2024-5432138", "一、工作开展情况",
                    "对后备耕地资源进行摸排并及时整改问题,确保耕地保有量。"):
        assert snippet in flat
    assert "跳到正文" not in flat and "关怀模式" not in flat


def contrast_aaa(page: Page, axe_source: str) -> list[str]:
    return axe_findings(page, axe_source, rules=["color-contrast-enhanced"])


def test_care_mode_is_large_spacious_high_contrast_and_remembered(page: Page, base_url: str, axe_source: str) -> None:
    open_page(page, base_url, "report")
    care = page.get_by_role("button", name="关怀模式")
    care.click()
    assert care.get_attribute("aria-pressed") == "true"
    size = body_font_px(page)
    leading = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.report__body p')).lineHeight)")
    assert size >= 22
    assert leading >= 1.5 * size
    assert contrast_aaa(page, axe_source) == []
    small_targets = page.evaluate("""() => Array.from(document.querySelectorAll(
        'button, .breadcrumbs a, .toc a, .site-footer a, .site-name, .report__pdf'))
        .filter(el => el.getClientRects().length)
        .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
        .filter(([t, r]) => r.width < 44 || r.height < 44).map(([t, r]) => t + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
    assert small_targets == []
    page.goto(base_url + "index.html")
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    assert float(page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")) >= 22


def test_prefers_contrast_more_gives_the_high_contrast_palette(page: Page, base_url: str, axe_source: str) -> None:
    """prefers-contrast: more switches to the pure black palette without the reader touching anything."""
    ink = "() => getComputedStyle(document.querySelector('.report__body p')).color"
    open_page(page, base_url, "report")
    assert page.evaluate(ink) != "rgb(0, 0, 0)"
    page.emulate_media(contrast="more")
    assert page.evaluate(ink) == "rgb(0, 0, 0)"
    assert contrast_aaa(page, axe_source) == []


def test_reduced_motion_turns_off_transitions(page: Page, base_url: str) -> None:
    duration = "() => getComputedStyle(document.querySelector('.tools__button')).transitionDuration"
    open_page(page, base_url, "report")
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(duration) != "0s"
    page.emulate_media(reduced_motion="reduce")
    assert set(page.evaluate(duration).split(", ")) == {"0s"}


def test_screenshots_for_people_to_look_at(page: Page, base_url: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for state in ("medium", "care"):
        shot = SCREENSHOTS / f"report-{state}.png"
        open_page(page.context.new_page(), base_url, "report", state).screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
