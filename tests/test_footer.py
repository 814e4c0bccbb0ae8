"""The 政府网站 footer (国办发〔2017〕47号): each identity item from config.yaml, linked where it
should be, absent when not configured; the 网站地图; and what `check` and the config say when one is wrong."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL_CONFIG, SiteDir, badge_png, run_main, soup, with_badge
from tests.test_html_validity import vnu_errors

FAST = ("--no-pdf", "--no-search")
PAGE = "2023/badou-key-work/index.html"
FULL_FOOTER = """\
  organizer: 测试镇党政办公室
  contact: 电话：0533-1234567
  badge_id: "bszs 0001"
"""


def footer(site: SiteDir, page: str = PAGE):
    return soup(site.output / page).select_one("footer.site-footer")


def items(site: SiteDir, page: str = PAGE) -> list[tuple[str, str]]:
    found = footer(site, page).select(".site-footer__ids > div")
    return [(div.dt.get_text(strip=True), div.dd.get_text(" ", strip=True)) for div in found]


def links(site: SiteDir, page: str = PAGE) -> list[tuple[str, str]]:
    return [(a.get_text(" ", strip=True), a["href"]) for a in footer(site, page).select("a")]


def configured(site: SiteDir, extra: str = FULL_FOOTER) -> SiteDir:
    with_badge(site)
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("footer:\n", "footer:\n" + extra, 1))
    return site


def test_every_item_is_shown_with_its_link_when_configured(site: SiteDir) -> None:
    assert configured(site).build(*FAST).code == 0
    assert items(site) == [("主办单位", "测试镇人民政府"), ("承办单位", "测试镇党政办公室"), ("网站标识码", "3703040001"),
                           ("ICP备案", "鲁ICP备00000000号"), ("公安备案", "鲁公网安备00000000000000号"),
                           ("联系我们", "电话：0533-1234567")]
    badge = footer(site).select_one(".site-footer__badge img")
    assert badge["alt"] == "党政机关网站标识：核实本网站开办单位"
    assert (site.output / PAGE).parent.joinpath(badge["src"]).read_bytes() == badge_png()
    police_icon = footer(site).select_one('a[href^="http://www.beian.gov.cn"] img')
    assert police_icon["alt"] == "" and (site.output / PAGE).parent.joinpath(police_icon["src"]).read_text(
        encoding="utf-8").startswith("<svg")
    assert links(site) == [
        ("", "https://bszs.conac.cn/sitename?method=show&id=bszs%200001"),
        ("鲁ICP备00000000号", "https://beian.miit.gov.cn/"),
        ("鲁公网安备00000000000000号", "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=00000000000000"),
        ("网站地图", "../../sitemap/index.html"),
        ("我为政府网站找错", "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3703040001"
                             "&url=https%3A%2F%2Fwww.example.gov.cn%2Ftown%2F2023%2Fbadou-key-work%2F")]


def test_a_contact_address_is_a_link_and_the_badge_link_and_error_desk_can_be_the_sites_own(site: SiteDir) -> None:
    configured(site, "  contact: https://www.example.gov.cn/town/lianxi/\n"
                     "  badge_link: https://bszs.conac.cn/sitename?method=show&id=ABC\n"
                     "  report_errors: https://jiucuo.example.gov.cn/?code={id_code}&page={page_url}\n")
    assert site.build(*FAST).code == 0
    assert links(site, "index.html") == [
        ("", "https://bszs.conac.cn/sitename?method=show&id=ABC"),
        ("鲁ICP备00000000号", "https://beian.miit.gov.cn/"),
        ("鲁公网安备00000000000000号", "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=00000000000000"),
        ("网站地图", "sitemap/index.html"),
        ("联系我们", "https://www.example.gov.cn/town/lianxi/"),
        ("我为政府网站找错", "https://jiucuo.example.gov.cn/?code=3703040001&page=https%3A%2F%2Fwww.example.gov.cn%2Ftown%2F")]
    assert "联系我们" not in [label for label, _ in items(site, "index.html")]


def test_a_badge_without_its_id_is_shown_unlinked(site: SiteDir) -> None:
    assert with_badge(site).build(*FAST).code == 0
    badge = footer(site).select_one(".site-footer__badge img")
    assert badge["alt"] == "党政机关网站标识" and badge.find_parent("a") is None


def test_items_not_configured_are_not_shown(site: SiteDir) -> None:
    config = MINIMAL_CONFIG.replace('  id_code: "3703040001"\n', "")
    site.write("config.yaml", config.split("footer:")[0] + "publishers:" + config.split("publishers:")[1])
    assert site.build(*FAST).code == 0
    assert items(site) == []
    assert footer(site).select_one(".site-footer__badge") is None
    assert links(site) == [("网站地图", "../../sitemap/index.html")]  # no 网站标识码: no 我为政府网站找错
    assert footer(site).select_one("dl") is None


def test_the_full_and_the_empty_footer_are_valid_html(site: SiteDir, tmp_path: Path) -> None:
    assert configured(site).build(*FAST).code == 0
    full = tmp_path / "full.html"
    full.write_bytes((site.output / PAGE).read_bytes())
    site.write("config.yaml", MINIMAL_CONFIG.split("footer:")[0].replace('  id_code: "3703040001"\n', "")
               + "publishers:" + MINIMAL_CONFIG.split("publishers:")[1])
    assert site.build(*FAST).code == 0
    assert vnu_errors([full, site.output / PAGE, site.output / "sitemap/index.html"]) == []


def test_the_sitemap_lists_every_year_series_publisher_and_category(example_output: Path) -> None:
    page = soup(example_output / "sitemap/index.html")
    groups = [(section.h2.get_text(strip=True), [(a.get_text(strip=True), a["href"]) for a in section.select("a")])
              for section in page.select("main section")]
    assert [(label, [name for name, _ in found]) for label, found in groups] == [
        ("栏目", ["首页", "信息公开目录", "站内检索"]),
        ("年度", ["2025年", "2024年", "2023年", "2022年", "2021年", "2020年", "2019年"]),
        ("系列", ["年度重点工作情况", "政府信息公开工作年度报告", "政府工作报告", "易制毒化学品企事业“双随机”抽查"]),
        ("发布机构", ["博山区八陡镇", "平潭综合实验区公安局", "平潭综合实验区管委会"]),
        ("信息分类", ["信息公开年报", "工作总结", "工作进展情况", "政府工作报告"])]
    for _, found in groups:
        for _, href in found:
            assert (example_output / "sitemap" / href).resolve().is_file(), href
    assert page.select_one("h1").get_text() == "网站地图"
    home_footer = soup(example_output / "index.html").select_one("footer")
    assert home_footer.find("a", string="网站地图")["href"] == "sitemap/index.html"


def test_a_missing_badge_is_a_config_error_naming_the_key(site: SiteDir) -> None:
    site.write("config.yaml", MINIMAL_CONFIG.replace("footer:\n", "footer:\n  badge: 标识.png\n"))
    run = site.build(*FAST)
    assert run.code == 1 and "Traceback" not in run.err
    assert ('config.yaml:6: `footer.badge` "标识.png" is not a file: give the 党政机关网站标识 image relative to '
            "config.yaml, e.g. `badge: 党政机关标识.png`") in run.err


def test_a_badge_that_is_no_image_is_a_config_error_naming_the_key(site: SiteDir) -> None:
    site.write("标识.png", "<html>saved web page</html>")
    site.write("标识.svg", badge_png())
    for name in ("标识.png", "标识.svg"):
        site.write("config.yaml", MINIMAL_CONFIG.replace("footer:\n", f"footer:\n  badge: {name}\n"))
        run = site.build(*FAST)
        assert run.code == 1 and "Traceback" not in run.err
        assert (f'config.yaml:6: `footer.badge` "{name}" is not a PNG, JPEG, GIF or WebP image that can be read; '
                "use the image file 中央编办 issued with the badge") in run.err


def test_check_warns_of_each_required_item_left_empty_on_its_sections_line(site: SiteDir) -> None:
    config = MINIMAL_CONFIG.replace('  id_code: "3703040001"\n', "").replace("  sponsor: 测试镇人民政府\n", "")
    site.write("config.yaml", config.replace("  icp: 鲁ICP备00000000号\n", ""))
    run = run_main("check", "--config", str(site.root / "config.yaml"), "--format", "json")
    assert run.code == 0
    found = [(w["file"], w["line"], w["code"], w["message"]) for w in json.loads(run.out)["warnings"]
             if w["code"].startswith("footer.")]
    config_file = str(site.root / "config.yaml")
    assert [(line, code) for _, line, code, _ in found] == [
        (1, "footer.required_missing"), (5, "footer.required_missing"), (5, "footer.required_missing"),
        (5, "footer.badge_missing")]
    assert {file for file, *_ in found} == {config_file}
    assert [message for *_, message in found] == [
        "`site.id_code` is empty: 政府网站 must show their 网站标识码 in the footer (国办发〔2017〕47号); "
        'add `id_code: "3703040001"`',
        "`footer.icp` is empty: 政府网站 must show their ICP备案号 in the footer (国办发〔2017〕47号); "
        "add `icp: 鲁ICP备12345678号`",
        "`footer.sponsor` is empty: 政府网站 must show their 主办单位 in the footer (国办发〔2017〕47号); "
        "add `sponsor: 博山区八陡镇人民政府`",
        "`footer.badge` is empty: 政府网站 must show the 党政机关网站标识 in the footer (国办发〔2017〕47号); save "
        "the image issued with it beside config.yaml and add `badge: 党政机关标识.png`, and `badge_id: …` with the "
        "id of its bszs.conac.cn page for its link"]


def test_a_site_with_every_required_item_gets_no_footer_warning(site: SiteDir) -> None:
    with_badge(site)
    run = run_main("check", "--config", str(site.root / "config.yaml"), "--format", "json")
    assert [w for w in json.loads(run.out)["warnings"] if w["code"].startswith("footer.")] == []
