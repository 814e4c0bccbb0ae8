"""Small things every page request and crawler notices: the icon, the 404 page, robots.txt."""

from __future__ import annotations

import io
import re

from PIL import Image

from conftest import ROOT, SiteDir, soup

FAST = ("--no-pdf", "--no-search")
ICO_MAGIC = b"\0\0\1\0"  # the ICONDIR header: reserved 0, type 1 (icon)


def png(colour: str, size: int = 64) -> bytes:
    """A real PNG of one colour, as an editor's exported icon would be."""
    out = io.BytesIO()
    Image.new("RGBA", (size, size), colour).save(out, format="PNG")
    return out.getvalue()


def with_favicon(site: SiteDir, value: str) -> None:
    """Set site.favicon in the site's config, replacing the one set before."""
    config = re.sub(r"\n  favicon: .*", "", (site.root / "config.yaml").read_text(encoding="utf-8"))
    site.write("config.yaml", config.replace("site:\n", f"site:\n  favicon: {value}\n", 1))


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
    site.write("icon.png", png("#0000ff"))
    with_favicon(site, "icon.png")
    assert site.build(*FAST).code == 0
    icon = soup(site.output / "index.html").select_one('link[rel="icon"]')
    assert icon["type"] == "image/png" and (site.output / icon["href"]).read_bytes().startswith(b"\x89PNG")
    with_favicon(site, "missing.png")
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


def test_browsers_find_favicon_ico_at_the_site_root(site: SiteDir) -> None:
    """A PDF or the feed declares no icon, so the browser asks for /favicon.ico: it is there."""
    assert site.build(*FAST).code == 0
    assert (site.output / "favicon.ico").read_bytes() == (ROOT / "assets/favicon.ico").read_bytes()
    assert (site.output / "favicon.ico").read_bytes().startswith(ICO_MAGIC)


def test_a_png_icon_of_the_site_becomes_its_favicon_ico(site: SiteDir) -> None:
    site.write("icon.png", png("#00ff00"))
    with_favicon(site, "icon.png")
    assert site.build(*FAST).code == 0
    ico = (site.output / "favicon.ico").read_bytes()
    assert ico.startswith(ICO_MAGIC)
    with Image.open(io.BytesIO(ico)) as image:
        assert image.format == "ICO" and image.convert("RGBA").getpixel((8, 8)) == (0, 255, 0, 255)


def test_an_svg_icon_of_the_site_gets_no_favicon_ico_of_the_theme(site: SiteDir) -> None:
    site.write("icon.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')
    with_favicon(site, "icon.svg")
    assert site.build(*FAST).code == 0
    assert soup(site.output / "index.html").select_one('link[rel="icon"]')["type"] == "image/svg+xml"
    assert not (site.output / "favicon.ico").exists()  # the theme's icon would show beside the site's own


def test_a_png_icon_that_cannot_be_read_is_refused_with_its_line(site: SiteDir) -> None:
    site.write("icon.png", png("#00ff00")[:40])  # cut off, as a failed copy leaves it
    with_favicon(site, "icon.png")
    run = site.build(*FAST)
    assert run.code == 1 and "Traceback" not in run.err
    assert 'config.yaml:1: `site.favicon` "icon.png" is not a PNG image that can be read; save it again as PNG' in run.err
