"""`python build.py import` turns a 政府信息公开工作年度报告's tables 2–4 into `annual_report:` data.

What an editor relies on: the numbers the site then shows are the numbers the office published,
cell for cell, from a saved HTML page and from a crawler's text dump alike; where a text dump
cannot say how its digits divide, the import says which rows it guessed and what else they could
be; and a table that is not the national form stays as the page had it, with a line saying why.

The expected numbers never come from the code under test: `published_rows` reads the source
page's table cells with BeautifulSoup, one list of numbers per <tr>, and `TRANSCRIBED` holds rows
copied by hand from the published pages (all of 表四, and a few rows of the other tables).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Run, front_matter, run_main
from test_importer import CONFIG, PINGTAN, ImportedSite

HERE = Path(__file__).resolve().parent
YEARS = (2019, 2020, 2021, 2022, 2024)
PAGES = [f"xxgk-nianbao-{year}.{kind}" for year in YEARS for kind in ("html", "txt")]
TABLES = ("表二", "表三", "表四")
#: Rows copied by hand from the published pages: year → (table, row path) → the published cells.
TRANSCRIBED: dict[int, dict[tuple[str, str], list[float]]] = {
    2019: {("表二", "规范性文件"): [89, 89, 89], ("表二", "行政处罚"): [2648, 0, 430],
           ("表三", "本年新收"): [23, 0, 0, 0, 0, 0, 23], ("表三", "无法提供.补正后申请内容仍不明确"): [5, 0, 0, 0, 0, 0, 5],
           ("表三", "其他处理"): [0, 0, 0, 0, 0, 0, 0],
           ("表四", "行政复议"): [0, 0, 0, 0, 0], ("表四", "未经复议直接起诉"): [0, 0, 0, 0, 0],
           ("表四", "复议后起诉"): [0, 0, 0, 0, 0]},
    2020: {("表二", "行政处罚"): [2648, -18, 538], ("表二", "行政事业性收费"): [35, -15],
           ("表三", "其他处理"): [4, 0, 0, 0, 0, 0, 4], ("表三", "总计"): [20, 0, 0, 0, 0, 1, 21],
           ("表四", "行政复议"): [0, 0, 0, 0, 0], ("表四", "未经复议直接起诉"): [0, 0, 0, 0, 0],
           ("表四", "复议后起诉"): [0, 0, 0, 0, 0]},
    2021: {("表二", "行政规范性文件"): [69, 3, 665], ("表二", "行政事业性收费"): [24252.311082],
           ("表三", "无法提供.本机关不掌握相关政府信息"): [22, 0, 0, 0, 0, 3, 25], ("表三", "结转下年度"): [1, 0, 0, 0, 0, 0, 1],
           ("表四", "行政复议"): [1, 0, 2, 0, 3], ("表四", "未经复议直接起诉"): [12, 0, 0, 0, 12],
           ("表四", "复议后起诉"): [0, 0, 0, 0, 0]},
    2022: {("表二", "行政规范性文件"): [88, 55, 698], ("表二", "行政许可"): [10690],
           ("表三", "部分公开"): [8, 1, 0, 0, 0, 0, 9], ("表三", "其他处理.其他"): [0, 2, 0, 0, 0, 0, 2],
           ("表四", "行政复议"): [0, 1, 1, 0, 2], ("表四", "未经复议直接起诉"): [1, 0, 0, 0, 1],
           ("表四", "复议后起诉"): [0, 0, 0, 0, 0]},
    2024: {("表二", "行政规范性文件"): [62, 33, 440], ("表二", "行政事业性收费"): [18651.06],
           ("表三", "本年新收"): [217, 1, 0, 0, 0, 0, 218], ("表三", "其他处理.其他"): [1, 1, 0, 0, 0, 0, 2],
           ("表四", "行政复议"): [2, 1, 3, 1, 7], ("表四", "未经复议直接起诉"): [0, 0, 0, 0, 0],
           ("表四", "复议后起诉"): [13, 2, 4, 0, 19]},
}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def published_rows(year: int) -> list[list[list[float]]]:
    """Each published table of a year's HTML page as its rows of numbers: every <tr> with a cell that
    is a number (元 after money allowed), in page order; label and header rows have none."""
    page = BeautifulSoup((PINGTAN / f"xxgk-nianbao-{year}.html").read_text(encoding="utf-8"), "html.parser")
    tables = page.select_one("div.article_content").find_all("table")
    assert len(tables) == 3
    found = []
    for table in tables:
        rows = []
        for tr in table.find_all("tr"):
            cells = ["".join(td.get_text().split()).removesuffix("元") for td in tr.find_all(["td", "th"])]
            numbers = [float(c) for c in cells if _NUMBER.fullmatch(c)]
            if numbers:
                rows.append(numbers)
        found.append(rows)
    return found


def data_rows(meta: dict[str, object], table: str) -> list[tuple[str, list[float]]]:
    """A table's rows as the front matter writes them, in its order: (row path, numbers)."""
    annual = meta["annual_report"]
    assert isinstance(annual, dict)
    rows = []
    for key, value in annual[table].items():
        for path, cells in (value.items() if isinstance(value, dict) else [(None, value)]):
            numbers = cells if isinstance(cells, list) else [cells]
            rows.append((f"{key}.{path}" if path else key, [float(n) for n in numbers]))
    return rows


def readings_named(note: str) -> list[list[float]]:
    """The readings a guess note offers ("as [62, 33, 440] … could also be [6, 233, 440]、…")."""
    return [[float(n) for n in found.split(",")] for found in re.findall(r"\[(-?[\d.]+(?:, -?[\d.]+)*)\]", note)]


def rendered_rows(page: BeautifulSoup) -> list[list[list[float]]]:
    """The tables the built page shows, as rows of the numbers in their cells."""
    body = page.select_one(".report__body")
    assert body is not None
    return [[[float(td.get_text()) for td in tr.find_all("td") if _NUMBER.fullmatch(td.get_text())]
             for tr in table.find_all("tr") if any(_NUMBER.fullmatch(td.get_text()) for td in tr.find_all("td"))]
            for table in body.find_all("table")]


class Imported(ImportedSite):
    def guesses(self, name: str) -> list[str]:
        """The lines where the import says it guessed how a row's digits divide."""
        return [line for line in self.runs[name].err.splitlines() if ": read the digits " in line]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """Every Pingtan 年报, HTML and text, imported into one site and built once."""
    root = tmp_path_factory.mktemp("annual-import")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    # --force: each year's .html and .txt are one report, which a second import would skip
    runs = {name: run_main("import", str(PINGTAN / name), "--to", str(root / "content"), "--publisher", "平潭",
                           "--force") for name in PAGES}
    build = run_main("build", "--config", str(root / "config.yaml"), "--quiet", "--no-pdf", "--no-search")
    assert build.code == 0, build.err
    return Imported(root, runs)


# --------------------------------------------------------------------------- the published numbers

@pytest.mark.parametrize("name", PAGES)
def test_every_annual_report_becomes_data_under_its_years_template(imported: Imported, name: str) -> None:
    year = int(name[13:17])
    meta = front_matter(imported.written(name))
    annual = meta["annual_report"]
    assert isinstance(annual, dict)
    assert str(annual["template"]) == ("2019" if year <= 2020 else "2021")
    assert list(annual) == ["template", *TABLES]
    text = imported.written(name).read_text(encoding="utf-8")
    assert "<table" not in text and "第二十条" not in text.split("\n---\n", 1)[1]
    assert "not as `annual_report:` data" not in imported.runs[name].err  # no table stayed as it was


@pytest.mark.parametrize("year", YEARS)
def test_html_import_renders_every_published_number(imported: Imported, year: int) -> None:
    name = f"xxgk-nianbao-{year}.html"
    published = published_rows(year)
    meta = front_matter(imported.written(name))
    for table, rows in zip(TABLES, published):
        data = [numbers for _, numbers in data_rows(meta, table)]
        assert (sum(data, []) if table == "表四" else data) == (rows[0] if table == "表四" else rows), table
    assert [sum(t, []) for t in rendered_rows(imported.page(name))] == [sum(t, []) for t in published]
    assert imported.guesses(name) == []


@pytest.mark.parametrize("year", YEARS)
def test_text_import_renders_the_published_numbers_or_names_the_row_as_a_guess(imported: Imported, year: int) -> None:
    name = f"xxgk-nianbao-{year}.txt"
    meta = front_matter(imported.written(name))
    guesses = imported.guesses(name)
    for table, rows in zip(TABLES, published_rows(year)):
        data = data_rows(meta, table)
        if table == "表四":
            assert sum((numbers for _, numbers in data), []) == rows[0]
            continue
        assert len(data) == len(rows), table
        for (path, numbers), published in zip(data, rows):
            if numbers != published:  # only a row the import said it guessed, with the published reading
                row = path.rsplit(".", 1)[-1]
                assert [g for g in guesses if f"“{row}”" in g and published in readings_named(g)], (path, numbers)
    shown = [sum(t, []) for t in rendered_rows(imported.page(name))]
    assert shown == [sum((n for _, n in data_rows(meta, table)), []) for table in TABLES]


@pytest.mark.parametrize("name", PAGES)
def test_transcribed_rows_are_as_published(imported: Imported, name: str) -> None:
    meta = front_matter(imported.written(name))
    found = {(table, path): numbers for table in TABLES for path, numbers in data_rows(meta, table)}
    for key, published in TRANSCRIBED[int(name[13:17])].items():
        assert found[key] == published, key


@pytest.mark.parametrize("name", PAGES)
def test_each_table_is_drawn_after_its_sections_heading(imported: Imported, name: str) -> None:
    body = imported.page(name).select_one(".report__body")
    assert body is not None
    order = [el.name if el.name == "table" else el.get_text()[:2] for el in body.find_all(["h2", "table"])]
    assert order == ["一、", "二、", "table", "三、", "table", "四、", "table", "五、", "六、"]


# --------------------------------------------------------------------------- what the editor is told

def test_a_2020_dump_names_its_guessed_rows_with_the_published_reading_among_the_others(imported: Imported) -> None:
    guesses = imported.guesses("xxgk-nianbao-2020.txt")
    licences = next(g for g in guesses if "“其他对外管理服务事项”" in g)
    assert "“107105”" in licences and "[10, 7, 105]" in licences and "check it against the original page" in licences
    purchases = next(g for g in guesses if "“政府集中采购”" in g)
    assert "[395, 73802895.90]" in purchases
    assert not [g for g in guesses if "表三" in g or "表四" in g]  # their sums decide every split


def test_a_2024_dump_guesses_only_the_row_without_sums_and_says_so(imported: Imported) -> None:
    guesses = imported.guesses("xxgk-nianbao-2024.txt")
    assert len(guesses) == 1
    assert "表二 “行政规范性文件”: read the digits “6233440” as [62, 33, 440]" in guesses[0]
    assert "[6, 233, 440]" in guesses[0] and "no sums to check this row by" in guesses[0]


def test_a_dump_that_does_not_add_up_is_kept_as_published_and_reported(imported: Imported) -> None:
    err = imported.runs["xxgk-nianbao-2020.txt"].err
    line = next(line for line in err.splitlines() if "does not add up as published" in line)
    assert "自然人: the items add up to 26, but the total written is 20" in line
    meta = front_matter(imported.written("xxgk-nianbao-2020.txt"))
    assert dict(data_rows(meta, "表三"))["总计"] == [20, 0, 0, 0, 0, 1, 21]  # not "corrected" to 26


def test_money_published_with_its_unit_keeps_the_number_and_says_the_unit_is_dropped(imported: Imported) -> None:
    for name in ("xxgk-nianbao-2019.html", "xxgk-nianbao-2019.txt"):
        assert "政府集中采购 采购总金额 was published as “75394432.52元”" in imported.runs[name].err
        assert dict(data_rows(front_matter(imported.written(name)), "表二"))["政府集中采购"] == [135, 75394432.52]


def _import(tmp_path: Path, name: str, text: str) -> tuple[Run, str]:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    run = run_main("import", str(page), "--to", str(tmp_path / "content"), "--publisher", "平潭")
    assert run.code == 0, run.err
    return run, Path(run.out.strip()).read_text(encoding="utf-8")


@pytest.mark.parametrize("change, reason", [
    ((">行政强制</p>", ">行政检查</p>"), "表二 (主动公开政府信息情况): row 11 reads “行政检查” where the 2021 form "
                                         "has “行政强制”"),
    ((">科研</p>", ">科学</p>"), "表三 (收到和处理政府信息公开申请情况): column 3 is headed “科学机构” where the 2021 "
                                 "form has “科研机构”"),
])
def test_a_table_that_is_not_the_form_stays_html_with_one_line_saying_why(tmp_path: Path, change: tuple[str, str],
                                                                         reason: str) -> None:
    source = (PINGTAN / "xxgk-nianbao-2024.html").read_text(encoding="utf-8")
    assert source.count(change[0]) == 1
    run, text = _import(tmp_path, "nianbao.html", source.replace(*change))
    assert "annual_report" not in text
    assert len(re.findall(r"(?m)^<table>$", text)) == 3
    lines = [line for line in run.err.splitlines() if "not as `annual_report:` data" in line]
    assert len(lines) == 1 and reason in lines[0], run.err


def test_a_table_of_the_other_form_keeps_all_tables_and_names_each_tables_form(tmp_path: Path) -> None:
    table2019 = re.search(r"(?s)<table.*?</table>", (PINGTAN / "xxgk-nianbao-2019.html").read_text(encoding="utf-8"))
    source = (PINGTAN / "xxgk-nianbao-2024.html").read_text(encoding="utf-8")
    table2024 = re.search(r"(?s)<table.*?</table>", source)
    assert table2019 and table2024
    run, text = _import(tmp_path, "mixed.html", source.replace(table2024.group(), table2019.group()))
    assert "annual_report" not in text and len(re.findall(r"(?m)^<table>$", text)) == 3
    assert "the tables follow different national forms (表二 2019、表三 2021)" in run.err


def test_a_dump_whose_row_has_no_figures_stays_text_with_the_reason(tmp_path: Path) -> None:
    source = (PINGTAN / "xxgk-nianbao-2024.txt").read_text(encoding="utf-8")
    assert source.count("行政许可4529") == 1
    run, text = _import(tmp_path, "nianbao.txt", source.replace("行政许可4529", "行政许可"))
    assert "annual_report" not in text
    assert "行政规范性文件6233440第二十条第（五）项信息内容本年处理决定数量行政许可第二十条" in text
    assert "表二 (主动公开政府信息情况): no figures follow the row “行政许可”" in run.err


def test_a_2019_page_yields_template_2019_even_when_filed_under_a_later_year(tmp_path: Path) -> None:
    source = (PINGTAN / "xxgk-nianbao-2019.html").read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(source, encoding="utf-8")
    run = run_main("import", str(page), "--to", str(tmp_path / "content"), "--publisher", "平潭", "--year", "2021")
    assert run.code == 0, run.err
    assert str(front_matter(Path(run.out.strip()))["annual_report"]["template"]) == "2019"  # type: ignore[index]


# --------------------------------------------------------------------------- the example site

@pytest.mark.parametrize("year", YEARS)
def test_the_example_sites_reports_hold_the_imported_numbers_and_their_own_metrics(imported: Imported,
                                                                                   year: int) -> None:
    example = front_matter(HERE.parent / f"content/{year}/pingtan-xxgk-nianbao.md")
    assert example["annual_report"] == front_matter(imported.written(f"xxgk-nianbao-{year}.html"))["annual_report"]
    assert example["metrics"] and example["publisher"] == "pingtan"
