"""Breaking a page on purpose makes the checks fail: the accessibility tests have teeth."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import ROOT
from reportsite.commands import main
from tests.browser.checks import axe_findings, keyboard_findings, print_findings, reflow_findings
from tests.browser.conftest import serve

# The module's sites are built once: the fixture lives for the session, since tests of other modules
# run between this one's on its worker (pytest-xdist), which would tear a module fixture down.
pytestmark = pytest.mark.xdist_group("broken-sites")

BASE = (ROOT / "templates/base.html").read_text(encoding="utf-8")
CSS = (ROOT / "assets/css/site.css").read_text(encoding="utf-8")

FAULTS = {
    "no-skip-link": ({"base.html": BASE.replace('<a class="skip-link" href="#main">跳到正文</a>', "")}, ""),
    "no-lang": ({"base.html": BASE.replace('<html lang="zh-CN">', "<html>")}, ""),
    "low-contrast": ({}, ".report__body p { color: #b0b0b0; }"),
    "no-focus-style": ({}, ":focus-visible, .site-header :focus-visible { outline: none !important; box-shadow: none !important; }"),
    "fixed-width": ({}, ".disclosure { width: 900px; }"),
    "nav-printed": ({}, "@media print { .breadcrumbs { display: block !important; } }"),
}


@pytest.fixture(scope="session")
def broken_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One copy of the example site per fault, each built and served."""
    urls, servers = {}, []
    for name, (templates, css) in FAULTS.items():
        root = tmp_path_factory.mktemp(name)
        shutil.copy(ROOT / "config.yaml", root / "config.yaml")
        shutil.copytree(ROOT / "content", root / "content")
        shutil.copytree(ROOT / "assets", root / "assets")
        (root / "assets/css/site.css").write_text(CSS + "\n" + css, encoding="utf-8")
        for template, text in templates.items():
            (root / "templates").mkdir(exist_ok=True)
            (root / "templates" / template).write_text(text, encoding="utf-8")
        assert main(["build", "--config", str(root / "config.yaml"), "--quiet"]) == 0
        server, url = serve(root / "output", "/badou/")
        servers.append(server)
        urls[name] = url + "2023/badou-key-work/index.html"
    yield urls
    for server in servers:
        server.shutdown()


def test_removing_the_skip_link_fails_the_keyboard_check(page: Page, broken_sites: dict[str, str]) -> None:
    page.goto(broken_sites["no-skip-link"])
    assert any("not the skip link" in f for f in keyboard_findings(page))


def test_removing_focus_styles_fails_the_keyboard_check(page: Page, broken_sites: dict[str, str]) -> None:
    page.goto(broken_sites["no-focus-style"])
    assert any("focus is not visible" in f for f in keyboard_findings(page))


def test_missing_lang_and_low_contrast_fail_axe(page: Page, broken_sites: dict[str, str], axe_source: str) -> None:
    page.goto(broken_sites["no-lang"])
    assert any(f.startswith("html-has-lang") for f in axe_findings(page, axe_source))
    page.goto(broken_sites["low-contrast"])
    assert any(f.startswith("color-contrast") for f in axe_findings(page, axe_source))


def test_fixed_width_fails_reflow(page: Page, broken_sites: dict[str, str]) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(broken_sites["fixed-width"])
    assert reflow_findings(page) != []


def test_printed_navigation_fails_the_print_check(page: Page, broken_sites: dict[str, str]) -> None:
    page.emulate_media(media="print")
    page.goto(broken_sites["nav-printed"])
    assert any("printed but should not be: nav" in f for f in print_findings(page))
