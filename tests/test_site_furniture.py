"""Small things every page request and crawler notices: the icon, the 404 page, robots.txt."""

from __future__ import annotations

from conftest import SiteDir, soup

FAST = ("--no-pdf", "--no-search")


def test_every_page_declares_an_icon_that_is_published(site: SiteDir) -> None:
    assert site.build(*FAST).code == 0
    pages = list(site.output.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        icon = soup(page).select_one('link[rel="icon"]')
        assert icon is not None, page
        if page.name != "404.html":  # the 404 links from the site's base path, as it is served at any depth
            assert (page.parent / icon["href"]).resolve().is_file(), page
    assert icon["type"] == "image/svg+xml"


def test_a_site_can_bring_its_own_icon(site: SiteDir) -> None:
    site.write("icon.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("site:\n", "site:\n  favicon: icon.png\n"))
    assert site.build(*FAST).code == 0
    icon = soup(site.output / "index.html").select_one('link[rel="icon"]')
    assert icon["type"] == "image/png" and (site.output / icon["href"]).read_bytes().startswith(b"\x89PNG")
    site.write("config.yaml", config.replace("site:\n", "site:\n  favicon: missing.png\n"))
    run = site.build(*FAST)
    assert run.code == 1 and "config.yaml:1:" in run.err and "`site.favicon` \"missing.png\"" in run.err


def test_the_404_page_is_not_indexed_and_has_no_canonical(site: SiteDir) -> None:
    assert site.build(*FAST).code == 0
    page = soup(site.output / "404.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('meta[name="Description"]')["content"]
    assert page.select_one('link[rel="canonical"]') is None
    assert soup(site.output / "index.html").select_one('link[rel="canonical"]') is not None


def test_a_site_under_a_sub_path_is_told_where_robots_txt_must_say_sitemap(site: SiteDir) -> None:
    run = site.build(*FAST)  # MINIMAL_CONFIG's base_url is https://www.example.gov.cn/town/
    assert run.code == 0
    assert ('"Sitemap: https://www.example.gov.cn/town/sitemap.xml" to https://www.example.gov.cn/robots.txt'
            in run.out)
    assert "robots.txt" in site.build(*FAST).out  # said again when nothing changed
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("https://www.example.gov.cn/town/", "https://www.example.gov.cn/"))
    assert "robots.txt" not in site.build(*FAST).out
