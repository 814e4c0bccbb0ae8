"""`python build.py import` on pages saved from five more government CMS families.

Each fixture in tests/fixtures/import/ imitates one family's layout (README.md there says which):
colon labels one per line, labels without colons, a Markdown pipe table, an HTML 信息公开 table,
a crawler's own header. What an editor relies on, checked on the built site: the front matter the
page gives, the title where no label names it (and a note saying which line was taken and why),
every letter and digit of the body in order, the page furniture gone, a note for every other line
left out, and the page read in the encoding it was saved in. Expected values are read off the
fixtures by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Run, front_matter, run_main
from test_importer import CONFIG, ImportedSite, missing_text
from reportsite.tools.importer import chrome

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures/import"
CHECK = "it is not known page furniture, so check that it is no part of the report"


@dataclass(frozen=True)
class Case:
    """What one fixture must give: its encoding, front matter, where its body starts and ends as the
    page shows it, furniture that must not reach the body, and notes stderr must hold."""

    encoding: str
    meta: dict[str, object]
    body: tuple[str, str]
    furniture: tuple[str, ...]
    notes: tuple[str, ...]


CASES = {
    "zichuan-shuangyang-2023-zongjie.txt": Case(  # (a) colon labels one per line, title printed twice
        "utf-8",
        {"title": "淄川区双杨镇2023年工作总结和2024年工作打算", "publisher": "淄川区双杨镇人民政府",
         "index_no": "11370302004227648T/2024-00006", "doc_no": "", "issued": "2024-01-10",
         "published": "2024-01-12 09:00", "year": 2023, "category": "工作总结",
         "summary": "双杨镇2023年工作完成情况和2024年工作安排。", "status": "有效"},
        ("　　2023年，双杨镇在区委", "2024年1月10日"),
        ("淄川区人民政府门户网站", "网站支持IPv6", "当前位置", "字体", "打印", "关闭", "访问次数", "公开方式",
         "公开时限", "扫一扫", "邮编", "主办单位", "承办单位", "网站标识码", "ICP备", "公网安备"),
        (':1: warning: left out "淄川区人民政府门户网站" above the body: ' + CHECK,
         ':38: warning: left out "地址：淄川区双杨镇政府驻地 邮编：255100" below the body: ' + CHECK,
         ':4: warning: the page labels no title; took "淄川区双杨镇2023年工作总结和2024年工作打算", which it '
         "prints twice (above the metadata and above the body), check it")),
    "jiangning-tongji-2022-gbk.txt": Case(  # (b) several labels to a line without colons, GBK
        "gbk",
        {"title": "江宁区统计局2022年工作总结和2023年工作要点", "publisher": "江宁区统计局",
         "index_no": "MB1670946/2023-00023", "doc_no": "", "issued": "2023-01-17", "published": "2023-01-17 10:20",
         "year": 2022, "category": "工作总结", "status": "有效"},
        ("　　2022年，区统计局坚持", "2023年1月17日"),
        ("南京市江宁区人民政府", "欢迎您访问", "网站支持IPv6", "当前位置", "发布时间", "点击查看解读", "公开方式",
         "文件下载", "打印本页", "关闭窗口", "相关链接", "中国政府网", "主办单位", "网站标识码", "苏ICP备", "公网安备"),
        (':1: warning: left out "南京市江宁区人民政府" above the body: ' + CHECK,
         ':26: warning: left out "相关链接： 中国政府网 江苏省人民政府" below the body: ' + CHECK,
         ':7: warning: the page labels no title; took "江宁区统计局2022年工作总结和2023年工作要点", the first '
         "line above the body that reads as a title (it names the year 2022 and ends with 要点), check it")),
    "zhangdian-mashang-2023-pipes.txt": Case(  # (c) a pipe table, the title in its 文件名称 row
        "utf-8",
        {"title": "马尚街道2023年工作总结和2024年工作计划", "publisher": "张店区马尚街道办事处",
         "index_no": "11370303004388855P/2024-00015", "doc_no": "", "issued": "2024-01-16", "year": 2023,
         "category": "综合政务", "summary": "马尚街道2023年工作情况及2024年工作思路", "status": "有效"},
        ("2023年，马尚街道紧紧围绕", "办结群众诉求2000件以上。"),
        ("跳转到主要内容", "张店区人民政府", "无障碍", "长者模式", "当前位置", "索引号", "内容概述", "字号",
         "浏览次数", "扫一扫", "打印", "关闭", "主办单位", "网站标识码", "ICP备"),
        (':1: warning: left out "[跳转到主要内容](#main)" above the body: ' + CHECK,
         ':2: warning: left out "张店区人民政府" above the body: ' + CHECK,
         ": warning: 发布日期 2024-01-15 10:30 is before 发文日期 2024-01-16; left 发布日期 out")),
    "linzi-fazhi-2023-gb18030.html": Case(  # (d) an HTML <table> of metadata, the title only in <title>
        "gb18030",
        {"title": "临淄区2023年度法治政府建设情况报告", "publisher": "临淄区人民政府",
         "index_no": "11370305MB28526699/2024-00004", "doc_no": "临政字〔2024〕5号", "issued": "2024-01-18",
         "published": "2024-01-19", "year": 2023, "category": "法治政府建设",
         "summary": "临淄区2023年度法治政府建设工作情况。", "status": "有效"},
        ("2023年，临淄区坚持", "2024年1月18日"),
        ("网站支持IPv6", "无障碍", "当前位置", "索 引 号", "公开方式", "扫一扫", "打印", "关闭",
         "本页面内容由区司法局提供", "网站地图", "主办单位", "网站标识码", "ICP备"),
        (': warning: left out "本页面内容由区司法局提供" below the body: ' + CHECK,
         ': warning: the page labels no title; took "临淄区2023年度法治政府建设情况报告" from its <title>, '
         "check it")),
    "pingyin-zfgzbg-2024-crawl-gb18030.txt": Case(  # (e) a crawler's own header, two different 索引号
        "gb18030",
        {"title": "2024年平阴县政府工作报告", "publisher": "平阴县人民政府办公室",
         "index_no": "11370124004200915X/2024-00002", "doc_no": "", "issued": "2024-01-16",
         "published": "2024-01-16 16:00", "year": 2024, "category": "政府工作报告"},
        ("（2024年1月8日在平阴县", "为建设现代化强县而努力奋斗！"),
        ("采集信息", "采集时间", "网页标题", "欢迎您访问", "当前位置", "字号", "阅读次数", "扫一扫", "打印",
         "网站地图", "主办单位", "网站标识码", "ICP备", "本网站由"),
        (': warning: "索引号: 11370124004200915X/2024-00002" and "索引号: 11370124004200915X/2024-00003" '
         'disagree; used "11370124004200915X/2024-00002", check which is right',
         ':1: warning: left out "【采集信息】" above the body: ' + CHECK,
         ':7: warning: left out "平阴县人民政府" above the body: ' + CHECK,
         ':36: warning: left out "本网站由平阴县人民政府办公室维护" below the body: ' + CHECK,
         ': warning: the page labels no title; took "2024年平阴县政府工作报告" from its <title>, check it')),
}


def run_import(*argv: str) -> Run:
    return run_main("import", *argv)


def page_text(name: str) -> str:
    """The fixture as the page shows it: decoded as saved, an HTML page's article as a browser
    shows its text."""
    text = (FIXTURES / name).read_bytes().decode(CASES[name].encoding)
    if name.endswith(".html"):
        return BeautifulSoup(text, "html.parser").get_text()
    return text


def source_body(name: str) -> str:
    """The body as the page shows it, from its first words to its last (read by hand)."""
    text = page_text(name)
    first, last = CASES[name].body
    start = text.index(first)
    return text[start: text.index(last, start) + len(last)]


def body_text(site: ImportedSite, name: str) -> str:
    return site.body(name).get_text(" ")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> ImportedSite:
    """The five pages imported into one site, built once."""
    root = tmp_path_factory.mktemp("cms")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    runs = {name: run_import(str(FIXTURES / name), "--to", str(root / "content")) for name in CASES}
    build = run_main("build", "--config", str(root / "config.yaml"), "--quiet", "--no-pdf")
    assert build.code == 0, build.err
    return ImportedSite(root, runs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_front_matter_is_what_the_page_says(imported: ImportedSite, name: str) -> None:
    assert front_matter(imported.written(name)) == CASES[name].meta
    title = imported.page(name).select_one("h1.report__title")
    assert title is not None and title.get_text(strip=True) == CASES[name].meta["title"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_letter_and_digit_of_the_body_is_kept_in_order(imported: ImportedSite, name: str) -> None:
    assert missing_text(source_body(name), body_text(imported, name)) is None


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_furniture_is_dropped(imported: ImportedSite, name: str) -> None:
    page, body = page_text(name), source_body(name)
    furniture = CASES[name].furniture
    assert [f for f in furniture if f not in page or f in body] == []  # each is on the page, outside the body
    assert [f for f in furniture if f in body_text(imported, name)] == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_guesses_and_lines_left_out_are_named_on_stderr(imported: ImportedSite, name: str) -> None:
    err = imported.runs[name].err
    assert [note for note in CASES[name].notes if f"{FIXTURES / name}{note}\n" not in err] == []


@pytest.mark.parametrize("name", [n for n, case in sorted(CASES.items()) if case.encoding != "utf-8"])
def test_pages_saved_in_gbk_or_gb18030_are_read_in_their_encoding(imported: ImportedSite, name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert imported.written(name).read_text(encoding="utf-8").count(str(CASES[name].meta["title"])) == 1


def test_a_character_only_gb18030_has_survives(imported: ImportedSite) -> None:
    name = "pingyin-zfgzbg-2024-crawl-gb18030.txt"
    with pytest.raises(UnicodeEncodeError):
        "䶮".encode("gbk")
    assert "县长 王䶮" in body_text(imported, name)


def test_text_tables_keep_every_cell(imported: ImportedSite) -> None:
    body = body_text(imported, "jiangning-tongji-2022-gbk.txt")
    for cell in ("地区生产总值（亿元）", "2807.1", "2920.6", "社会消费品零售总额（亿元）", "1061.9"):
        assert cell in body


# --------------------------------------------------------------------------- title variants

def variant(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """The fixture with pieces of its text replaced, saved as it was (same name, same encoding)."""
    encoding = CASES[name].encoding
    text = (FIXTURES / name).read_bytes().decode(encoding)
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def imported_once(path: Path, to: Path, *options: str) -> tuple[dict[str, object], str]:
    """One page imported on its own: its front matter and what stderr said."""
    run = run_import(str(path), "--to", str(to), *options)
    assert run.code == 0, run.err
    return front_matter(Path(run.out.strip())), run.err


NO_LABEL = "the page labels no title; took"
#: fixture → (what is changed in it, the title taken, the note on stderr: `file:line: warning: …`, or None).
TITLE_VARIANTS = {
    "printed once above the metadata": (
        "zichuan-shuangyang-2023-zongjie.txt",
        (("2024年工作安排。\n淄川区双杨镇2023年工作总结和2024年工作打算\n", "2024年工作安排。\n"),),
        "淄川区双杨镇2023年工作总结和2024年工作打算",
        f':4: warning: {NO_LABEL} "淄川区双杨镇2023年工作总结和2024年工作打算", the first line above the body that '
        "reads as a title (it names the year 2023 and ends with 打算), check it"),
    "labelled": (
        "zichuan-shuangyang-2023-zongjie.txt", (("信息索引号：", "标题：双杨镇2023年工作总结\n信息索引号："),),
        "双杨镇2023年工作总结", None),
    "printed twice, preferred to one that reads as a title": (
        "jiangning-tongji-2022-gbk.txt",
        (("江宁区统计局2022年工作总结和2023年工作要点\n", "江宁区统计局2022年统计工作总结和2023年工作要点\n"),
         ("南京市江宁区人民政府\n", "南京市江宁区人民政府\n江宁区统计局2022年统计工作总结和2023年工作要点\n")),
        "江宁区统计局2022年统计工作总结和2023年工作要点",
        f':2: warning: {NO_LABEL} "江宁区统计局2022年统计工作总结和2023年工作要点", which it prints twice (above the '
        "metadata and above the body), check it"),
    "shown in the page, where <title> names only the site": (
        "linzi-fazhi-2023-gb18030.html",
        (("<title>临淄区2023年度法治政府建设情况报告_临淄区人民政府</title>", "<title>临淄区人民政府</title>"),
         ('<div class="xxgk">', '<h1>临淄区2023年度法治政府建设情况报告</h1>\n<div class="xxgk">')),
        "临淄区2023年度法治政府建设情况报告",
        f': warning: {NO_LABEL} "临淄区2023年度法治政府建设情况报告", the first line above the body that reads as a '
        "title (it names the year 2023 and ends with 报告), check it"),
}


@pytest.mark.parametrize("case", sorted(TITLE_VARIANTS))
def test_title_variants(tmp_path: Path, case: str) -> None:
    name, replacements, title, note = TITLE_VARIANTS[case]
    path = variant(tmp_path, name, *replacements)
    meta, err = imported_once(path, tmp_path / "content")
    assert meta["title"] == title
    assert (f"{path}{note}\n" in err) if note else NO_LABEL not in err


def test_title_option_wins_and_the_pages_own_title_line_is_named(tmp_path: Path) -> None:
    name = "zichuan-shuangyang-2023-zongjie.txt"
    meta, err = imported_once(FIXTURES / name, tmp_path / "content", "--title", "双杨镇2023年度工作总结")
    assert meta["title"] == "双杨镇2023年度工作总结"
    assert NO_LABEL not in err
    assert (f'{FIXTURES / name}:4: warning: left out "淄川区双杨镇2023年工作总结和2024年工作打算" above the '
            "body: " + CHECK) in err


def test_a_crawlers_title_gives_way_to_the_title_option(tmp_path: Path) -> None:
    name = "pingyin-zfgzbg-2024-crawl-gb18030.txt"
    meta, err = imported_once(FIXTURES / name, tmp_path / "content", "--title", "平阴县2024年政府工作报告")
    assert meta["title"] == "平阴县2024年政府工作报告"
    assert NO_LABEL not in err


def test_a_pipe_table_without_its_title_row_stops_with_the_fix(tmp_path: Path) -> None:
    name = "zhangdian-mashang-2023-pipes.txt"
    path = variant(tmp_path, name, ("| 文件名称 | 马尚街道2023年工作总结和2024年工作计划 | | |\n", ""))
    run = run_import(str(path), "--to", str(tmp_path / "content"))
    assert run.code == 1
    assert f'{path}: no title found (add a line "标题: …" at the top of the page, or pass --title TEXT)' in run.err
    meta, _ = imported_once(path, tmp_path / "content", "--title", "马尚街道2023年工作总结")
    assert meta["title"] == "马尚街道2023年工作总结"


# --------------------------------------------------------------------------- the furniture list

def test_a_broken_furniture_list_stops_the_import_naming_its_line(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "furniture.yaml"
    broken.write_text("pieces:\n  - text: 打印\n  - regex: '【(打印'\n", encoding="utf-8")
    monkeypatch.setattr(chrome, "FURNITURE_FILE", broken)
    run = run_import(str(FIXTURES / "zichuan-shuangyang-2023-zongjie.txt"), "--to", str(tmp_path / "content"))
    assert run.code == 1 and "Traceback" not in run.err
    assert f"{broken}:3: the regex 【(打印 is not valid: missing ), unterminated subpattern" in run.err
    assert not (tmp_path / "content").exists()


def test_a_line_added_to_the_furniture_list_is_dropped_without_a_note(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    extended = tmp_path / "furniture.yaml"
    shipped = chrome.FURNITURE_FILE.read_text(encoding="utf-8")
    extended.write_text(shipped.replace("\nlines:\n", "\nlines:\n  # the site's own name\n"
                                                      "  - regex: '^淄川区人民政府门户网站$'\n"), encoding="utf-8")
    monkeypatch.setattr(chrome, "FURNITURE_FILE", extended)
    _, err = imported_once(FIXTURES / "zichuan-shuangyang-2023-zongjie.txt", tmp_path / "content")
    assert "淄川区人民政府门户网站" not in err
    assert "left out \"地址：淄川区双杨镇政府驻地 邮编：255100\" below the body" in err
