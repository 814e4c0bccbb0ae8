"""tools.importer.text_tables: rows laid out as text in a page's body → table blocks, or notes."""

from __future__ import annotations

from reportsite.core.i18n import english
from reportsite.tools.importer.body import body_markdown
from reportsite.tools.importer.grid import Grid
from reportsite.tools.importer.page import Block
from reportsite.tools.importer.spacing import clean_line
from reportsite.tools.importer.text_lines import page_pieces
from reportsite.tools.importer.text_rows import read_row
from reportsite.tools.importer.text_tables import TEXT_TABLE, TextTables, text_tables


def from_dump(text: str) -> TextTables:
    """The stage on a text dump whose every line the reader made one paragraph, as it does."""
    blocks = [Block("paragraph", clean_line(line)) for line in text.split("\n") if line.strip()]
    return text_tables("page.txt", blocks, page_pieces(text, html=False))


def cells(grid: Grid | None) -> list[list[str]]:
    assert grid is not None
    return [[cell.text for cell in grid.covering(r)] for r in range(grid.height)]


def notes(found: TextTables) -> list[str]:
    return [f"{w.line}: {english(w.message)}" for w in found.warnings]


def test_cells_are_set_apart_by_tabs_runs_of_spaces_or_bars() -> None:
    assert read_row("地区生产总值\t12.5\t13.4").cells == ("地区生产总值", "12.5", "13.4")
    assert read_row("城南污水处理厂  1.2亿元     完工").cells == ("城南污水处理厂", "1.2亿元", "完工")
    assert read_row("　　东关社区　　12000　　18").cells == ("东关社区", "12000", "18")  # the indent is no cell
    assert read_row("政策文件\xa0\xa0120\xa0 40%").cells == ("政策文件", "120", "40%")
    assert read_row("| 来信 | 36 | 100% |").cells == ("来信", "36", "100%")
    assert read_row("来信 | 36").cells == ("来信", "36")
    assert read_row("A|B区改造    3800万元").cells == ("A|B区改造", "3800万元")  # a bar inside a cell


def test_a_single_space_sets_no_cells_apart() -> None:
    assert read_row("2023年 城南街道 全年") is None
    assert read_row("　　2023年，城南街道各项工作取得新成效。") is None


def test_aligned_rows_become_one_table_block_with_every_cell() -> None:
    found = from_dump("主要指标如下：\n指标\t2022年\t2023年\n收入（万元）\t8600\t9120\n支出（万元）\t7000\t7300\n下一步，继续努力。")
    assert [b.kind for b in found.blocks] == ["paragraph", TEXT_TABLE, "paragraph"]
    assert cells(found.blocks[1].grid) == [["指标", "2022年", "2023年"], ["收入（万元）", "8600", "9120"],
                                           ["支出（万元）", "7000", "7300"]]
    assert found.warnings == ()


def test_the_table_is_written_as_a_markdown_table_with_bars_escaped() -> None:
    found = from_dump("型号    数量\nA|B    3\nC*D    4")
    assert body_markdown(found.blocks) == "| 型号 | 数量 |\n|---|---|\n| A\\|B | 3 |\n| C\\*D | 4 |\n"


def test_a_row_the_heading_finder_cut_in_two_is_still_read_as_one_row() -> None:
    blocks = [Block("paragraph", "序号 名称"), Block("heading", "1.", 4), Block("paragraph", "城东"),
              Block("heading", "2.", 4), Block("paragraph", "城西")]
    found = text_tables("page.txt", blocks, page_pieces("序号    名称\n1.    城东\n2.    城西", html=False))
    assert [b.kind for b in found.blocks] == [TEXT_TABLE]
    assert cells(found.blocks[0].grid) == [["序号", "名称"], ["1.", "城东"], ["2.", "城西"]]


def test_a_blank_line_ends_a_table() -> None:
    found = from_dump("甲  1\n乙  2\n\n丙  3\n丁  4")
    assert [cells(b.grid) for b in found.blocks] == [[["甲", "1"], ["乙", "2"]], [["丙", "3"], ["丁", "4"]]]


def test_rows_with_different_numbers_of_cells_stay_as_they_were_with_a_note_on_the_line() -> None:
    text = "站点  人数\n东关  12  3\n西关  9"
    found = from_dump(text)
    assert [b.text for b in found.blocks] == ["站点 人数", "东关 12 3", "西关 9"]
    assert notes(found) == ["2: “东关 12 3” has 3 cells where “站点 人数” above it has 2, so these 3 lines that "
                            "look like a table were kept as text; make it a table by hand if it is one"]


def test_a_lone_aligned_line_stays_text_with_a_note() -> None:
    found = from_dump("全镇情况如下。\n联系人：王五    电话：1234567\n特此报告。")
    assert [b.kind for b in found.blocks] == ["paragraph"] * 3
    assert notes(found)[0].startswith("2: “联系人：王五 电话：1234567” has its text set apart by tabs or runs of spaces")


def test_a_heading_followed_by_spaces_is_no_table_row() -> None:
    found = from_dump("一、基本情况    单位：万元\n类别    数量\n新建    8\n续建    5")
    assert [b.kind for b in found.blocks] == ["paragraph", TEXT_TABLE]
    assert cells(found.blocks[1].grid) == [["类别", "数量"], ["新建", "8"], ["续建", "5"]]
    assert notes(found)[0].startswith("1: “一、基本情况 单位：万元” starts with a heading number")


def test_numbered_rows_are_rows_when_other_rows_are_numbered_too() -> None:
    found = from_dump("一、收入    100\n二、支出    80")
    assert cells(found.blocks[0].grid) == [["一、收入", "100"], ["二、支出", "80"]]


def test_a_wrapped_cell_keeps_the_whole_table_as_text() -> None:
    for text, line in (("项目名称        投资额\n城北污水处理厂  1.2亿元\n提升工程\n北关小学        3800万元", 3),
                       ("项目名称        投资额\n城北污水处理厂  1.2亿元\n                提升改造", 3)):
        found = from_dump(text)
        assert TEXT_TABLE not in [b.kind for b in found.blocks]
        assert notes(found)[0].startswith(f"{line}: “") and "seems to go on from a cell of the line above" in notes(found)[0]


def test_a_paragraph_after_a_table_is_no_wrapped_cell() -> None:
    found = from_dump("类别    数量\n新建    8\n　　全年新建项目8个，续建项目5个。")
    assert [b.kind for b in found.blocks] == [TEXT_TABLE, "paragraph"]


def test_sentences_set_apart_by_spaces_are_no_table() -> None:
    found = from_dump("一是加强组织领导。    二是完善工作机制。\n三是强化督促检查。    四是抓好问题整改。")
    assert TEXT_TABLE not in [b.kind for b in found.blocks]
    assert "reads as a sentence" in notes(found)[0]


def test_a_pre_table_in_html_keeps_the_text_around_it() -> None:
    page = "<html><body><pre>\n经费支出如下\n项目    金额\n办公    3.5\n培训    1.2\n</pre></body></html>"
    blocks = [Block("paragraph", "经费支出如下 项目 金额 办公 3.5 培训 1.2")]
    found = text_tables("page.html", blocks, page_pieces(page, html=True))
    assert [b.kind for b in found.blocks] == ["paragraph", TEXT_TABLE]
    assert found.blocks[0].text == "经费支出如下"
    assert cells(found.blocks[1].grid) == [["项目", "金额"], ["办公", "3.5"], ["培训", "1.2"]]


def test_ascii_spaces_in_html_are_one_space_as_a_browser_shows_them() -> None:
    page = "<html><body><p>类别    数量</p><p>新建    8</p></body></html>"
    blocks = [Block("paragraph", "类别 数量"), Block("paragraph", "新建 8")]
    found = text_tables("page.html", blocks, page_pieces(page, html=True))
    assert found.blocks == tuple(blocks) and found.warnings == ()


def test_blocks_that_match_no_line_are_kept_as_they_are() -> None:
    blocks = [Block("paragraph", "来源：某网站 类别 数量"), Block("table", "<table></table>")]
    found = text_tables("page.txt", blocks, page_pieces("类别    数量\n新建    8", html=False))
    assert found.blocks == tuple(blocks)


def test_a_table_drawn_in_a_box_keeps_its_rows_and_drops_its_ruling() -> None:
    found = from_dump("+------+------+\n| 类别 | 数量 |\n+------+------+\n| 新建 | 8    |\n+------+------+\n此后正文。")
    assert [b.kind for b in found.blocks] == [TEXT_TABLE, "paragraph"]
    assert cells(found.blocks[0].grid) == [["类别", "数量"], ["新建", "8"]]
