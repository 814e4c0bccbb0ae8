"""`import` of pages whose tables are laid out as text: aligned rows become tables on the built page.

Text dumps and pasted HTML set a table's cells apart with tabs, runs of spaces (ASCII, 全角, NBSP)
or `|`. Rows with as many cells each become a Markdown table, rendered as a <table>; anything
doubtful stays as text and the editor is told on stderr, with the file and line. The expected
cells are read off the fixture pages (tests/fixtures/import/text-tables/) by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import run_main
from test_importer import CONFIG, ImportedSite, missing_text

PAGES = Path(__file__).resolve().parent / "fixtures/import/text-tables"
DUMP = PAGES / "text-dump.txt"
DOUBTFUL = PAGES / "doubtful.txt"
HTML = PAGES / "page.html"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> ImportedSite:
    """The three fixture pages imported into one site, built once."""
    root = tmp_path_factory.mktemp("text-tables")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    runs = {path.name: run_main("import", str(path), "--to", str(root / "content")) for path in (DUMP, DOUBTFUL, HTML)}
    build = run_main("build", "--config", str(root / "config.yaml"), "--quiet", "--no-pdf")
    assert build.code == 0, build.err
    return ImportedSite(root, runs)


def rows(table: Tag) -> list[list[str]]:
    """A rendered table's rows, header row first, as the text of their cells."""
    return [[cell.get_text() for cell in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def test_tab_aligned_rows_become_a_table_with_the_first_row_as_header(imported: ImportedSite) -> None:
    table = imported.body(DUMP.name).find_all("table")[0]
    assert rows(table) == [["指标", "2022年", "2023年", "增长"],
                           ["地区生产总值（亿元）", "12.5", "13.4", "7.2%"],
                           ["一般公共预算收入（万元）", "8600", "9120", "6.0%"]]
    assert [th.get_text() for th in table.select("thead th")] == ["指标", "2022年", "2023年", "增长"]
    assert len(table.select("tbody tr")) == 2


def test_rows_aligned_by_ascii_spaces_become_a_table_keeping_a_bar_inside_a_cell(imported: ImportedSite) -> None:
    table = imported.body(DUMP.name).find_all("table")[1]
    assert rows(table) == [["项目名称", "投资额", "进度"], ["城南污水处理厂", "1.2亿元", "完工"],
                           ["A|B区改造", "3800万元", "在建"]]


def test_rows_aligned_by_full_width_spaces_become_a_table(imported: ImportedSite) -> None:
    table = imported.body(DUMP.name).find_all("table")[2]
    assert rows(table) == [["社区", "人口", "网格数"], ["东关社区", "12000", "18"], ["西关社区", "9500", "14"]]


def test_bar_separated_rows_become_a_table_and_their_ruling_line_goes(imported: ImportedSite) -> None:
    table = imported.body(DUMP.name).find_all("table")[3]
    assert rows(table) == [["类别", "件数", "办结率"], ["来信", "36", "100%"], ["来访", "52", "98%"]]


def test_the_report_file_holds_markdown_tables(imported: ImportedSite) -> None:
    text = imported.written(DUMP.name).read_text(encoding="utf-8")
    assert "\n\n| 指标 | 2022年 | 2023年 | 增长 |\n|---|---|---|---|\n| 地区生产总值（亿元） | 12.5 | 13.4 | 7.2% |\n" in text
    assert "| A\\|B区改造 | 3800万元 | 在建 |" in text
    assert "------" not in text  # the page's own ruling line is replaced by the table's header line


def test_html_text_tables_set_apart_by_nbsp_full_width_spaces_or_in_pre_become_tables(imported: ImportedSite) -> None:
    tables = imported.body(HTML.name).find_all("table")
    assert [rows(t) for t in tables] == [
        [["类别", "条数", "占比"], ["政策文件", "120", "40%"], ["工作动态", "180", "60%"]],
        [["收到申请", "办结", "公开"], ["12", "12", "9"]],
        [["项目", "金额（万元）"], ["办公经费", "3.5"], ["培训费", "1.2"]],
    ]


def test_text_around_the_tables_stays_paragraphs(imported: ImportedSite) -> None:
    paragraphs = [p.get_text() for p in imported.body(DUMP.name).find_all("p")]
    assert "重点项目进展情况：" in paragraphs
    assert "下一步，我们将继续努力，推动各项工作再上新台阶。" in paragraphs


def test_rows_with_different_numbers_of_cells_stay_text_and_the_line_is_named(imported: ImportedSite) -> None:
    err = imported.runs[DOUBTFUL.name].err
    assert f"{DOUBTFUL}:12: warning: “东关 12 3” has 3 cells where “站点 人数” above it has 2" in err
    html = imported.runs[HTML.name].err
    assert f"{HTML}:25: warning: “网站 200 另有转载” has 3 cells where “渠道 数量” above it has 2" in html
    paragraphs = [p.get_text() for p in imported.body(DOUBTFUL.name).find_all("p")]
    assert ["站点 人数", "东关 12 3", "西关 9"] == paragraphs[paragraphs.index("站点 人数"):][:3]


def test_a_single_aligned_line_stays_text_with_a_note(imported: ImportedSite) -> None:
    err = imported.runs[DOUBTFUL.name].err
    assert f"{DOUBTFUL}:9: warning: “联系人：王五 联系电话：0533-123…” has its text set apart by tabs or runs " \
           "of spaces like a table row, but no line next to it does" in err
    assert "联系人：王五 联系电话：0533-1234567" in [p.get_text() for p in imported.body(DOUBTFUL.name).find_all("p")]


def test_a_wrapped_cell_keeps_its_table_as_text_with_a_note(imported: ImportedSite) -> None:
    err = imported.runs[DOUBTFUL.name].err
    assert f"{DOUBTFUL}:17: warning: “提升工程” seems to go on from a cell of the line above" in err
    assert "the 3 lines of the table from “项目名称 投资额 进度” were kept as text" in err


def test_sentences_set_apart_by_spaces_are_not_a_table(imported: ImportedSite) -> None:
    err = imported.runs[DOUBTFUL.name].err
    assert f"{DOUBTFUL}:20: warning: the 2 lines from “一是加强组织领导，压实工作责任。 二是完…” look like a table" in err


def test_a_heading_followed_by_spaces_is_a_heading_not_a_table_row(imported: ImportedSite) -> None:
    body = imported.body(DOUBTFUL.name)
    assert [h.get_text() for h in body.find_all("h2")] == ["一、基本情况", "二、重点项目"]
    err = imported.runs[DOUBTFUL.name].err
    assert f"{DOUBTFUL}:7: warning: “一、基本情况 单位：万元” starts with a heading number" in err
    assert f"{DOUBTFUL}:23: warning: “二、重点项目 单位：个” starts with a heading number" in err
    # the rows after 二、 are a table of their own, without the heading line
    assert [rows(t) for t in body.find_all("table")] == [[["类别", "数量"], ["新建", "8"], ["续建", "5"]]]


def test_tables_found_are_not_reported(imported: ImportedSite) -> None:
    err = imported.runs[DUMP.name].err
    assert [phrase for phrase in ("like a table", "heading number", "wrapped") if phrase in err] == []


def test_notes_are_in_chinese_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    run = run_main("import", str(DOUBTFUL), "--to", str(tmp_path / "content"))
    assert run.code == 0, run.err
    assert f"{DOUBTFUL}:12: 警告：“东关 12 3”有 3 格，而上面的“站点 人数”有 2 格" in run.err


@pytest.mark.parametrize("path", [DUMP, DOUBTFUL, HTML], ids=lambda p: p.name)
def test_every_letter_and_digit_of_the_body_is_kept(imported: ImportedSite, path: Path) -> None:
    if path.suffix == ".html":
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".TRS_Editor")
        assert article is not None
        source = article.get_text()
    else:
        source = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert missing_text(source, imported.body(path.name).get_text()) is None
