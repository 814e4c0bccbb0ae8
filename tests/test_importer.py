"""`python build.py import`: pages saved from government CMSs become report files that build.

The promise checked here above all: nothing of the body is lost. Every letter and
digit of the source body must appear, in order, in the built page's
`.report__body`. Expected metadata is hard-coded from reading each source by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Run, front_matter, run_main
from reportsite.content.schema import FIELDS
from reportsite.tools.importer import escape_text
from reportsite.render.markup import make_markdown, render_markdown

HERE = Path(__file__).resolve().parent
#: The Pingtan pages and the seed, kept in the repository, so a clone without ../shared passes.
PINGTAN = HERE / "fixtures/pingtan"
# The Pingtan tests are parametrised over this folder's files: without it they would collect as
# skipped, silently, so its absence is an error.
assert PINGTAN.is_dir(), f"the Pingtan corpus is missing from {PINGTAN}"
SEED = HERE / "fixtures/badou-2023-key-work.txt"
SAMPLES = HERE / "fixtures/import"
SEPARATOR = "==================== 正文 ====================\n"
#: Given with --publisher to every corpus page; used where a page names no 发布机构.
PT_PUBLISHER = "平潭综合实验区党工委管委会"

CONFIG = """\
site:
  name: 测试
  base_url: https://www.example.gov.cn/
publishers: {}
index_no_pattern: '.+'
"""

NIANBAO = "平潭综合实验区{}年度政府信息公开工作年度报告"
#: file → (标题, 发文日期 = date of the 发布时间, report year, 发布机构 or the --publisher fallback), read by hand.
CORPUS = {
    "xxgk-nianbao-2019.txt": (NIANBAO.format(2019), "2020-01-20", 2019, PT_PUBLISHER),
    "xxgk-nianbao-2019.html": (NIANBAO.format(2019), "2020-01-20", 2019, PT_PUBLISHER),
    "xxgk-nianbao-2020.txt": (NIANBAO.format(2020), "2021-03-05", 2020, PT_PUBLISHER),
    "xxgk-nianbao-2020.html": (NIANBAO.format(2020), "2021-03-05", 2020, PT_PUBLISHER),
    "xxgk-nianbao-2021.txt": (NIANBAO.format(2021), "2022-02-08", 2021, PT_PUBLISHER),
    "xxgk-nianbao-2021.html": (NIANBAO.format(2021), "2022-02-08", 2021, PT_PUBLISHER),
    "xxgk-nianbao-2022.txt": (NIANBAO.format(2022), "2023-02-20", 2022, PT_PUBLISHER),
    "xxgk-nianbao-2022.html": (NIANBAO.format(2022), "2023-02-20", 2022, PT_PUBLISHER),
    "xxgk-nianbao-2024.txt": (NIANBAO.format(2024), "2025-03-10", 2024, "平潭综合实验区管委会办公室"),
    "xxgk-nianbao-2024.html": (NIANBAO.format(2024), "2025-03-10", 2024, "平潭综合实验区管委会办公室"),
    "zfgzbg-2021.txt": ("政府工作报告（2021）", "2021-01-29", 2021, "平潭综合实验区管委会办公室"),
    "zfgzbg-2022.txt": ("政府工作报告（2022）", "2022-01-03", 2022, "平潭综合实验区管委会办公室"),
    "zfgzbg-2023.txt": ("政府工作报告（2023）", "2023-01-11", 2023, "平潭网"),
    "zfgzbg-2025.txt": ("政府工作报告（2025）", "2025-01-20", 2025, "平潭综合实验区党工委管委会办公室"),
    "zongjie-gonganju-2023.txt": ("区公安局2023年第四季度易制毒化学品企事业“双随机”抽查情况", "2023-12-19", 2023, "区公安局"),
    "zongjie-gonganju-2024.txt": ("区公安局2024年第一季度易制毒化学品企事业抽查工作情况", "2024-03-29", 2024, "公安局"),
}
#: Page chrome the crawler ran into the one-line .txt bodies (README: "Crawl artifacts in .txt"),
#: copied by hand from each file: (before the body, after it).
TXT_CHROME = {
    "xxgk-nianbao-2021.txt": (
        "当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区2021年度政府信息公开工作年度报告 "
        "来源：平潭县人民政府 时间：2022-02-08 16:34 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： -->",
        "附件下载"),
    "zfgzbg-2021.txt": ("当前位置： 首页政务公开政府工作报告 政府工作报告（2021） 时间：2021-01-29 15:09 微信 微博 QQ空间",
                        "来源：平潭综合实验区管委会办公室 附件下载"),
    "zfgzbg-2022.txt": ("当前位置： 首页政务公开政府工作报告 政府工作报告（2022） 时间：2022-01-03 10:43 微信 微博 QQ空间",
                        "来源：平潭综合实验区管委会办公室 附件下载"),
    "zfgzbg-2023.txt": ("当前位置： 首页政务公开政府工作报告 政府工作报告（2023） 时间：2023-01-11 10:52 微信 微博 QQ空间",
                        "来源：平潭网 附件下载"),
}
#: The synthetic other-CMS pages: file → front matter expected from their label variants.
SAMPLE_META = {
    "chengdong-2023-zongjie.txt": {  # 信息索引号/主题分类/发文字号, 成文日期/公开日期/发布部门, several per line
        "title": "城东街道2023年工作总结和2024年工作计划", "publisher": "博山区城东街道办事处",
        "index_no": "11370304MB28501234/2024-00012", "doc_no": "", "issued": "2023-12-28",
        "published": "2024-01-05", "year": 2023, "category": "工作总结"},
    "chengxi-fazhi-2023.html": {  # label/value cells of a <table>: 索 引 号, 发文机关, 成文日期, 标　　题, 发文字号
        "title": "城西镇人民政府关于2023年度法治政府建设情况的报告", "publisher": "城西镇人民政府",
        "index_no": "000014349/2024-00007", "doc_no": "城政发〔2024〕3号", "issued": "2024-01-20",
        "published": "2024-01-22", "year": 2023, "category": "法治政府建设"},
    "dongshan-xxgk-2024-gbk.html": {  # GB18030 page, <ul><li>label：value</li>: 名称, 文件编号 无, 生成日期, 发布时间, 发布部门
        "title": "东山街道2024年政府信息公开工作年度报告", "publisher": "东山街道办事处",
        "index_no": "11370304MB2850123K/2025-00003", "doc_no": "", "issued": "2025-01-16",
        "published": "2025-01-17 09:30", "year": 2024, "category": "信息公开年报",
        "series": "政府信息公开工作年度报告"},
}


def run_import(*argv: str) -> Run:
    return run_main("import", *argv)


def missing_text(source: str, built: str) -> str | None:
    """None if every letter and digit of `source` appears in `built` in order; else where it breaks."""
    want = [c for c in source if c.isalnum()]
    have = iter(c for c in built if c.isalnum())
    for i, char in enumerate(want):
        if not any(h == char for h in have):
            return "".join(want[max(0, i - 15): i]) + "⟪" + "".join(want[i: i + 15])
    return None


def pingtan_files() -> list[str]:
    return sorted(p.name for p in PINGTAN.iterdir() if p.name != "README.md") if PINGTAN.is_dir() else []


def source_body(path: Path, tables: bool = True) -> str:
    """The body text of a source page as read by hand: what the built page must keep. Without
    `tables`, the statistics tables are left out (a 年报's become data, which the build draws)."""
    if path.suffix == ".html":
        raw = path.read_bytes()
        page = BeautifulSoup(raw.decode("gb18030" if "gbk" in path.name else "utf-8"), "html.parser")
        article = page.select_one("div.article_content, #UCAP-CONTENT, .TRS_Editor")
        for table in [] if tables else article.find_all("table"):
            table.decompose()
        return article.get_text()
    if not tables:  # a dump runs the tables into the text between sections 二 and 五
        text, heading = source_body(path), "二、主动公开政府信息情况"
        return text[: text.index(heading) + len(heading)] + text[text.index("五、存在的主要问题"):]
    text = path.read_text(encoding="utf-8")
    if path == SEED:
        return text[text.index("一、工作开展情况"):]
    if path.parent == SAMPLES:
        return text[text.index("　　2023年，城东街道"): text.index("分享到")]
    body = text.split(SEPARATOR, 1)[1]
    before, after = TXT_CHROME.get(path.name, ("", ""))
    assert body.startswith(before) and body.rstrip().endswith(after), path.name
    return body[len(before): len(body.rstrip()) - len(after)]


@dataclass
class ImportedSite:
    root: Path
    runs: dict[str, Run]

    def written(self, name: str) -> Path:
        run = self.runs[name]
        assert run.code == 0 and "Traceback" not in run.err, run.err
        return Path(run.out.strip())

    def page(self, name: str) -> BeautifulSoup:
        md = self.written(name)
        html = self.root / "output" / md.parent.name / md.stem / "index.html"
        return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")

    def body(self, name: str) -> BeautifulSoup:
        found = self.page(name).select_one(".report__body")
        assert found is not None
        return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> ImportedSite:
    """Every input imported into one site, built once."""
    root = tmp_path_factory.mktemp("imported")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    content = str(root / "content")
    runs = {SEED.name: run_import(str(SEED), "--to", content)}
    for name in pingtan_files():  # --force: a year's .html and .txt are one report, which a re-import skips
        runs[name] = run_import(str(PINGTAN / name), "--to", content, "--publisher", PT_PUBLISHER, "--force")
    for path in sorted(SAMPLES.iterdir()):
        runs[path.name] = run_import(str(path), "--to", content)
    build = run_main("build", "--config", str(root / "config.yaml"), "--quiet", "--no-pdf")
    assert build.code == 0, build.err
    return ImportedSite(root, runs)


# --------------------------------------------------------------------------- the seed page

def test_seed_metadata(imported: ImportedSite) -> None:
    path = imported.written(SEED.name)
    assert path.parent.name == "2023"
    assert path.name == "ba-dou-zhen-2023-nian-du-zhong-dian-gong-zuo-qing-kuang.md"
    meta = front_matter(path)
    assert meta["title"] == "八陡镇2023年度重点工作情况"
    assert meta["index_no"] == "1137030400421863XL/2024-5432138"
    assert meta["doc_no"] == ""
    assert meta["issued"] == "2024-01-15"
    assert meta["publisher"] == "博山区八陡镇"
    assert meta["year"] == 2023
    assert "published" not in meta  # the same day as issued


def test_seed_body_is_kept_with_its_headings(imported: ImportedSite) -> None:
    body = imported.body(SEED.name)
    assert missing_text(source_body(SEED), body.get_text()) is None
    h2 = [h.get_text() for h in body.find_all("h2")]
    assert h2 == ["一、工作开展情况", "二、存在的问题和不足", "三、下一步工作打算"]
    h3 = [h.get_text() for h in body.find_all("h3")]
    assert h3[:4] == ["(一)项目为纲持续优化产业结构", "(二)提制增效聚力打造宜居城镇",
                      "(三)聚焦重点显著增进民生福祉", "(四)强基固本党的建设全面加强"]


def test_seed_unsure_headings_are_warned_about_with_file_and_excerpt(imported: ImportedSite) -> None:
    err = imported.runs[SEED.name].err
    assert f"{SEED}:37: warning: could not tell where the numbered heading \"1.双招双引不停歇" in err


# --------------------------------------------------------------------------- the Pingtan corpus

@pytest.mark.parametrize("name", pingtan_files())
def test_pingtan_page_imports_with_its_metadata(imported: ImportedSite, name: str) -> None:
    assert name in CORPUS, f"add the hand-read metadata of {name} to CORPUS"
    title, issued, year, publisher = CORPUS[name]
    path = imported.written(name)
    meta = front_matter(path)
    assert (meta["title"], meta["issued"], meta["year"], meta["publisher"]) == (title, issued, year, publisher)
    assert path.parent.name == str(year)
    assert set(meta) <= set(FIELDS)
    assert imported.page(name).select_one("h1.report__title").get_text(strip=True) == title


@pytest.mark.parametrize("name", pingtan_files())
def test_pingtan_page_loses_no_body_text(imported: ImportedSite, name: str) -> None:
    # a 年报's tables become `annual_report:` data (tests/test_import_annual.py checks their numbers)
    source = source_body(PINGTAN / name, tables=not name.startswith("xxgk-nianbao"))
    assert missing_text(source, imported.body(name).get_text()) is None


@pytest.mark.parametrize("name", [n for n in pingtan_files() if n.startswith("xxgk-nianbao")])
def test_annual_reports_keep_their_six_parts_and_no_table_rows_become_headings(imported: ImportedSite,
                                                                               name: str) -> None:
    body = imported.body(name)
    numbers = [h.get_text()[:2] for h in body.find_all("h2")]
    assert numbers == ["一、", "二、", "三、", "四、", "五、", "六、"]
    headings = " ".join(h.get_text() for h in body.find_all(["h2", "h3", "h4", "h5"]))
    for row_label in ("本年新收", "予以公开", "属于国家秘密", "其他处理", "结转下年度"):
        assert row_label not in headings


@pytest.mark.parametrize("name", [n for n in pingtan_files() if n.endswith(".html")])
def test_pingtan_html_tables_keep_their_spans(imported: ImportedSite, name: str) -> None:
    tables = imported.body(name).find_all("table")
    assert len(tables) >= 3
    spans = [c for t in tables for c in t.find_all(["td", "th"])
             if int(c.get("rowspan", 1)) > 1 or int(c.get("colspan", 1)) > 1]
    assert spans


@pytest.mark.parametrize("name", ["chengxi-fazhi-2023.html", "dongshan-xxgk-2024-gbk.html"])
def test_table_blocks_are_clean_html(imported: ImportedSite, name: str) -> None:
    # tables that do not become 年报 data: a 法治政府 report's, and a 年报's that is not the national form
    text = imported.written(name).read_text(encoding="utf-8")
    blocks = re.findall(r"(?ms)^<table>$.*?^</table>$", text)
    assert len(blocks) == 1
    for block in blocks:
        assert "\n\n" not in block
        assert f"\n\n{block}\n\n" in text or text.endswith(f"\n\n{block}\n")
        assert set(re.findall(r"</?([a-z0-9:]+)", block)) <= {"table", "caption", "thead", "tbody", "tr", "th", "td"}
        assert set(re.findall(r" ([a-z:-]+)=", block)) <= {"rowspan", "colspan", "scope"}


def test_published_time_and_inferred_categories(imported: ImportedSite) -> None:
    nianbao = front_matter(imported.written("xxgk-nianbao-2019.html"))
    assert nianbao["published"] == "2020-01-20 15:22"
    assert nianbao["category"] == "信息公开年报"
    assert nianbao["series"] == "政府信息公开工作年度报告"  # its series page compares the years' figures
    assert front_matter(imported.written("zfgzbg-2022.txt"))["category"] == "政府工作报告"
    assert "series" not in front_matter(imported.written("zfgzbg-2022.txt"))


# --------------------------------------------------------------------------- other CMSs

@pytest.mark.parametrize("name", sorted(SAMPLE_META))
def test_other_cms_label_variants(imported: ImportedSite, name: str) -> None:
    meta = front_matter(imported.written(name))
    assert meta == SAMPLE_META[name]


@pytest.mark.parametrize("name", sorted(SAMPLE_META))
def test_other_cms_pages_lose_no_body_text(imported: ImportedSite, name: str) -> None:
    assert missing_text(source_body(SAMPLES / name), imported.body(name).get_text()) is None


def test_other_cms_html_table_is_rebuilt(imported: ImportedSite) -> None:
    table = imported.body("chengxi-fazhi-2023.html").find("table")
    assert [th.get_text() for th in table.find_all("th")] == ["类别", "件数", "办结率"]  # one character per <p>
    cells = [td.get_text() for td in table.find_all("td")]
    assert "行政诉讼（含应诉）" in cells and "合计 & 说明" in cells and "3 < 5" in cells


# --------------------------------------------------------------------------- furniture

@pytest.mark.parametrize("name, furniture", [
    (SEED.name, ["字号", "打印"]),
    ("xxgk-nianbao-2021.txt", ["当前位置", "微信 微博", "QQ空间", "全真版", "相关链接", "-->", "附件下载"]),
    ("zfgzbg-2021.txt", ["当前位置", "QQ空间", "附件下载", "时间：2021-01-29"]),
    ("chengdong-2023-zongjie.txt", ["您当前的位置", "字体", "浏览次数", "分享到", "QQ空间", "扫一扫", "打印", "关闭"]),
    ("chengxi-fazhi-2023.html", ["当前位置", "字号", "阅读", "分享到", "打印本页", "关闭窗口"]),
    ("dongshan-xxgk-2024-gbk.html", ["您现在的位置", "打印", "扫一扫"]),
])
def test_page_furniture_is_dropped(imported: ImportedSite, name: str, furniture: list[str]) -> None:
    text = imported.body(name).get_text(" ")
    assert [f for f in furniture if f in text] == []


def test_repeated_title_is_not_in_the_body(imported: ImportedSite) -> None:
    assert "八陡镇2023年度重点工作情况" not in imported.body(SEED.name).get_text()
    assert "政府工作报告（2021）" not in imported.body("zfgzbg-2021.txt").get_text()


# --------------------------------------------------------------------------- the command

def test_no_title_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "untitled.txt"
    page.write_text("发布日期：2024-01-15\n发布机构：八陡镇\n\n一、工作开展情况\n\n正文。\n", encoding="utf-8")
    run = run_import(str(page), "--to", str(tmp_path / "content"))
    assert run.code == 1
    assert f"{page}: no title found (add a line \"标题: …\"" in run.err
    assert "Traceback" not in run.err + run.out
    assert run.out == "" and not (tmp_path / "content").exists()


@pytest.mark.parametrize("raw, message", [
    (b"\x80\x81\xfd\xfc\xff" * 3, "neither UTF-8 nor GB18030"),
    (b"  \n", "the file is empty"),
])
def test_unreadable_files_are_clear_errors(tmp_path: Path, raw: bytes, message: str) -> None:
    page = tmp_path / "bad.txt"
    page.write_bytes(raw)
    run = run_import(str(page), str(tmp_path / "missing.txt"), "--to", str(tmp_path / "content"))
    assert run.code == 1
    assert f"{page}: " in run.err and message in run.err
    assert f"{tmp_path / 'missing.txt'}: cannot read the file" in run.err
    assert "Traceback" not in run.err


def test_never_overwrites_and_prints_each_path(tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = run_import(str(SEED), str(SAMPLES / "chengdong-2023-zongjie.txt"), "--to", str(content))
    assert first.code == 0
    paths = [Path(line) for line in first.out.splitlines()]
    assert [p.name for p in paths] == ["ba-dou-zhen-2023-nian-du-zhong-dian-gong-zuo-qing-kuang.md",
                                       "cheng-dong-jie-dao-2023-nian-gong-zuo-zong-jie-he-2024-nian.md"]
    assert all(p.is_file() for p in paths)
    before = paths[0].read_text(encoding="utf-8")
    second = run_import(str(SEED), "--to", str(content), "--force")  # without it, the page is skipped
    assert second.code == 0
    assert second.out.splitlines() == [str(content / "2023/ba-dou-zhen-2023-nian-du-zhong-dian-gong-zuo-qing-kuang-2.md")]
    assert paths[0].read_text(encoding="utf-8") == before
    assert Path(second.out.strip()).read_text(encoding="utf-8") == before


def test_publisher_option_is_the_fallback_and_year_option_overrides(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("标题：某镇2023年度工作总结\n发文日期：2024-01-10\n\n一、总体情况\n\n正文。\n", encoding="utf-8")
    content = tmp_path / "content"
    missing = run_import(str(page), "--to", str(content))
    assert missing.code == 1 and "no publisher found" in missing.err and "--publisher" in missing.err
    given = run_import(str(page), "--to", str(content), "--publisher", "某镇人民政府", "--year", "2024")
    meta = front_matter(Path(given.out.strip()))
    assert (meta["publisher"], meta["year"]) == ("某镇人民政府", 2024)
    assert Path(given.out.strip()).parent.name == "2024"
    misfit = run_import(str(page), "--to", str(content), "--publisher", "某镇人民政府", "--year", "2019", "--force")
    assert "report year 2019 does not fit 发文日期 2024-01-10; used 2023" in misfit.err
    assert front_matter(Path(misfit.out.strip()))["year"] == 2023


# --------------------------------------------------------------------------- escaping

@pytest.mark.parametrize("text", [
    "1. 不是列表", "2024) 也不是", "# 不是标题", "- 不是列表", "+ 加号", "> 不是引用", "* 星号", "= 等号",
    "**不加粗**", "a_b_c 与 _斜体_", "`不是代码`", "[不是链接](http://example.com)", "[^1] 不是脚注",
    "<b>不是标签</b> <!-- 也不是注释 -->", "&amp; 与 &#20013; 不是实体", "| a | b |", "~~~", "反斜杠\\",
])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = render_markdown(make_markdown(), escape_text(text) + "\n").html
    assert BeautifulSoup(html, "html.parser").get_text().strip() == text
