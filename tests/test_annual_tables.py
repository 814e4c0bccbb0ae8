"""年报 tables as data (`annual_report:`): drawn as the national form, every sum checked, bad numbers
refused with their line and the fix.

The forms' wording, spans and scopes below are typed from the national templates (国办公开办函〔2021〕30号
and 〔2019〕60号, as the Pingtan reports in shared/corpus print them), not taken from the code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SiteDir, snapshot, soup

FIXTURES = ROOT / "tests/fixtures/annual"
REPORT = """\
---
title: 博山区八陡镇2024年度政府信息公开工作年度报告
publisher: badou
index_no: 1137030400421863XL/2025-0001
issued: 2025-01-20
category: 信息公开年报
series: 政府信息公开工作年度报告
{tables}---

## 一、总体情况

2024年，八陡镇持续深化政务公开。

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在的主要问题及改进情况

政策解读形式仍需创新。

## 六、其他需要报告的事项

无。
"""
PAGE = "output/2024/nianbao/index.html"


def tables_2024(**changes: str) -> str:
    """The published Pingtan 2024 tables, with some lines replaced (old line → new line)."""
    text = (FIXTURES / "pingtan-2024.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def write(site: SiteDir, tables: str, year: int = 2024, name: str = "nianbao", issued: str = "2025-01-20") -> Path:
    text = REPORT.format(tables=tables).replace("2024年度", f"{year}年度").replace("2025-0001", f"{year + 1}-{year}")
    return site.write(f"content/{year}/{name}.md", text.replace("issued: 2025-01-20", f"issued: {issued}"))


def headers(table) -> list[tuple[str, str, int, int]]:  # type: ignore[no-untyped-def]
    """Every header cell in document order: its text, scope, rowspan and colspan."""
    return [(" ".join(th.get_text().split()), th.get("scope"), int(th.get("rowspan", 1)), int(th.get("colspan", 1)))
            for th in table.find_all("th")]


def numbers(table) -> list[str]:  # type: ignore[no-untyped-def]
    return [td.get_text() for td in table.find_all("td") if "annual-note" not in td.get("class", [])]


def test_table_3_of_2021_has_every_row_span_and_scope_of_the_form(site: SiteDir) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    table = soup(site.root / PAGE).select_one("table.annual-表三")
    assert table.caption.get_text() == "收到和处理政府信息公开申请情况"
    note = table.select_one("td.annual-note")
    assert note.get_text() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (note["rowspan"], note["colspan"]) == ("3", "3")
    reasons = lambda *names: [(f"{i}.{n}", "row", 1, 1) for i, n in enumerate(names, 1)]  # noqa: E731
    assert headers(table) == [
        ("申请人情况", "colgroup", 1, 7), ("自然人", "col", 2, 1), ("法人或其他组织", "colgroup", 1, 5),
        ("总计", "col", 2, 1), ("商业企业", "col", 1, 1), ("科研机构", "col", 1, 1), ("社会公益组织", "col", 1, 1),
        ("法律服务机构", "col", 1, 1), ("其他", "col", 1, 1),
        ("一、本年新收政府信息公开申请数量", "row", 1, 3), ("二、上年结转政府信息公开申请数量", "row", 1, 3),
        ("三、本年度办理结果", "rowgroup", 22, 1), ("（一）予以公开", "row", 1, 2),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "row", 1, 2),
        ("（三）不予公开", "rowgroup", 8, 1),
        *reasons("属于国家秘密")[:1], *reasons("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”",
                                         "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
                                         "属于行政执法案卷", "属于行政查询事项")[1:],
        ("（四）无法提供", "rowgroup", 3, 1),
        *reasons("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
        ("（五）不予处理", "rowgroup", 5, 1),
        *reasons("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                 "要求行政机关确认或重新出具已获取信息"),
        ("（六）其他处理", "rowgroup", 3, 1),
        *reasons("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"),
        ("（七）总计", "row", 1, 2), ("四、结转下年度继续办理", "row", 1, 3),
    ]
    rows = table.select("tbody tr")
    assert len(rows) == 25 and all(len(row.find_all("td")) == 7 for row in rows)
    # the published numbers, row 一 and row （七）, as the Pingtan 2024 report prints them
    assert [td.get_text() for td in rows[0].find_all("td")] == ["217", "1", "0", "0", "0", "0", "218"]
    assert [td.get_text() for td in rows[23].find_all("td")] == ["217", "1", "0", "0", "0", "0", "218"]


def test_tables_2_and_4_of_2021_are_the_forms_blocks_and_line_of_fifteen(site: SiteDir) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    page = soup(site.root / PAGE)
    table2, table4 = page.select_one("table.annual-表二"), page.select_one("table.annual-表四")
    assert table2.caption.get_text() == "主动公开政府信息情况"
    assert headers(table2) == [
        ("第二十条第（一）项", "rowgroup", 1, 4), ("信息内容", "col", 1, 1), ("本年制发件数", "col", 1, 1),
        ("本年废止件数", "col", 1, 1), ("现行有效件数", "col", 1, 1), ("规章", "row", 1, 1), ("行政规范性文件", "row", 1, 1),
        ("第二十条第（五）项", "rowgroup", 1, 4), ("信息内容", "col", 1, 1), ("本年处理决定数量", "col", 1, 3),
        ("行政许可", "row", 1, 1),
        ("第二十条第（六）项", "rowgroup", 1, 4), ("信息内容", "col", 1, 1), ("本年处理决定数量", "col", 1, 3),
        ("行政处罚", "row", 1, 1), ("行政强制", "row", 1, 1),
        ("第二十条第（八）项", "rowgroup", 1, 4), ("信息内容", "col", 1, 1), ("本年收费金额（单位：万元）", "col", 1, 3),
        ("行政事业性收费", "row", 1, 1)]
    assert numbers(table2) == ["0", "0", "0", "62", "33", "440", "4529", "1100", "65", "18651.06"]
    assert table4.caption.get_text() == "政府信息公开行政复议、行政诉讼情况"
    outcomes = [("结果维持", "col", 1, 1), ("结果纠正", "col", 1, 1), ("其他结果", "col", 1, 1),
                ("尚未审结", "col", 1, 1), ("总计", "col", 1, 1)]
    assert headers(table4) == [
        ("行政复议", "colgroup", 1, 5), ("行政诉讼", "colgroup", 1, 10),
        *[(text, scope, 2, 1) for text, scope, _, _ in outcomes],
        ("未经复议直接起诉", "colgroup", 1, 5), ("复议后起诉", "colgroup", 1, 5), *outcomes, *outcomes]
    assert numbers(table4) == "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19".split()


def test_each_table_follows_its_sections_heading_in_a_region_named_by_its_caption(site: SiteDir) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    body = soup(site.root / PAGE).select_one(".report__body")
    regions = body.select('[role="region"]')
    names = [body.find(id=region["aria-labelledby"]).get_text() for region in regions]
    assert names == ["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    assert all(region["tabindex"] == "0" for region in regions)
    for region, heading in zip(regions, ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                         "四、政府信息公开行政复议、行政诉讼情况")):
        assert region.find_previous_sibling(re.compile("^h[1-6]$")).get_text().strip() == heading


def test_the_2019_form_has_its_own_table_2_and_one_row_of_other_handling(site: SiteDir) -> None:
    write(site, (FIXTURES / "pingtan-2019.yaml").read_text(encoding="utf-8"), year=2019, issued="2020-01-20")
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    page = soup(site.root / "output/2019/nianbao/index.html")
    table2, table3 = page.select_one("table.annual-表二"), page.select_one("table.annual-表三")
    labels = [text for text, scope, _, _ in headers(table2)]
    assert labels == ["第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
                      "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可",
                      "其他对外管理服务事项", "第二十条第（六）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量",
                      "行政处罚", "行政强制", "第二十条第（八）项", "信息内容", "上一年项目数量", "本年增/减", "行政事业性收费",
                      "第二十条第（九）项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购"]
    spans = lambda label: [cols for text, _, _, cols in headers(table2) if text == label]  # noqa: E731
    assert spans("本年增/减") == [1, 1, 2] and spans("采购总金额") == [2] and spans("处理决定数量") == [1, 1]
    assert numbers(table2)[-2:] == ["135", "75394432.52"]  # 政府集中采购, as Pingtan published it (in 元)
    rows = headers(table3)
    assert ("三、本年度办理结果", "rowgroup", 20, 1) in rows and ("（六）其他处理", "row", 1, 2) in rows
    assert not any(text.startswith("1.申请人无正当理由") for text, *_ in rows)


def test_totals_left_out_are_computed(site: SiteDir) -> None:
    tables = tables_2024(**{"    总计: [217, 1, 0, 0, 0, 0, 218]\n": ""})
    tables = re.sub(r"(: \[(?:\d+, ){6})\d+\]", r"\1]", tables).replace(", ]", "]")  # every 总计 of 表三
    tables = re.sub(r"(: \[(?:\d+, ){4})\d+\]", r"\1]", tables).replace(", ]", "]")  # and of 表四
    assert "本年新收: [217, 1, 0, 0, 0, 0]" in tables and "复议后起诉: [13, 2, 4, 0]" in tables
    write(site, tables)
    run = site.build("--lang", "zh", "--no-pdf")
    assert run.code == 0 and "表三" not in run.err and "表四" not in run.err
    page = soup(site.root / PAGE)
    rows = page.select("table.annual-表三 tbody tr")
    assert [td.get_text() for td in rows[0].find_all("td")][-1] == "218"
    assert [td.get_text() for td in rows[23].find_all("td")] == ["217", "1", "0", "0", "0", "0", "218"]
    assert numbers(page.select_one("table.annual-表四"))[-1] == "19"


@pytest.mark.parametrize(("change", "line", "message"), [
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": "重复申请: [1, 0, 0, 0, 0, 0, 3]"}, "重复申请",
     "表三 （五）不予处理2.重复申请 总计：各项之和为 1，填写的总计为 3（差 2）"),
    ({"    总计: [217, 1, 0, 0, 0, 0, 218]": "    总计: [209, 1, 0, 0, 0, 0, 210]"}, "    总计",
     "表三 第（七）项总计 自然人：各项之和为 217，填写的总计为 209（差 8）"),
    ({"结转下年度: [0, 0, 0, 0, 0, 0, 0]": "结转下年度: [5, 0, 0, 0, 0, 0, 5]"}, "结转下年度",
     "表三 自然人：第一项加第二项之和为 217，第三项（七）总计加第四项之和为 222（差 5）"),
    ({"行政复议: [2, 1, 3, 1, 7]": "行政复议: [2, 1, 3, 1, 9]"}, "行政复议",
     "表四 行政复议 总计：各项之和为 7，填写的总计为 9（差 2）"),
])
def test_each_sum_that_does_not_add_up_is_a_warning_on_its_line(site: SiteDir, change: dict[str, str], line: str,
                                                                   message: str) -> None:
    path = write(site, tables_2024(**change))
    run = site.build("--lang", "zh", "--no-pdf")
    expected = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                    if text.strip().startswith(line.strip() + ":"))
    assert run.code == 0
    assert f"content/2024/nianbao.md:{expected}: 警告：{message}；请核对这些数字" in run.err
    assert (site.root / PAGE).is_file()  # published as written: the page shows the editor's own numbers


def test_the_26_of_the_issue_is_named_with_its_column(site: SiteDir) -> None:
    """The message the issue gives: 26 items, a written 总计 of 20."""
    small = tables_2024().replace("[217, 1, 0, 0, 0, 0, 218]", "[26, 1, 0, 0, 0, 0, 27]")  # 一 and （七）
    small = small.replace("属于三类内部事务信息: [32, 0, 0, 0, 0, 0, 32]", "属于三类内部事务信息: [0, 0, 0, 0, 0, 0, 0]")
    small = small.replace("本机关不掌握相关政府信息: [75, 0, 0, 0, 0, 0, 75]", "本机关不掌握相关政府信息: [0, 0, 0, 0, 0, 0, 0]")
    small = small.replace("予以公开: [71, 0, 0, 0, 0, 0, 71]", "予以公开: [0, 0, 0, 0, 0, 0, 0]")
    small = small.replace("部分公开: [29, 0, 0, 0, 0, 0, 29]", "部分公开: [16, 0, 0, 0, 0, 0, 16]")
    small = small.replace("    总计: [26, 1, 0, 0, 0, 0, 27]", "    总计: [20, 1, 0, 0, 0, 0, 21]")
    write(site, small)
    run = site.build("--lang", "zh", "--no-pdf")
    assert "表三 第（七）项总计 自然人：各项之和为 26，填写的总计为 20（差 6）" in run.err


def test_strict_makes_a_sum_an_error_and_leaves_the_output_as_it_was(site: SiteDir) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    before = snapshot(site.output)
    write(site, tables_2024(**{"行政复议: [2, 1, 3, 1, 7]": "行政复议: [2, 1, 3, 1, 9]"}))
    run = site.build("--lang", "zh", "--no-pdf", "--strict")
    assert run.code == 1 and "表四 行政复议 总计：各项之和为 7，填写的总计为 9（差 2）" in run.err and "警告" not in run.err
    assert snapshot(site.output) == before
    site.write("config.yaml", (site.root / "config.yaml").read_text(encoding="utf-8") + "annual_report:\n  strict: true\n")
    assert site.build("--lang", "zh", "--no-pdf").code == 1
    assert snapshot(site.output) == before


def test_last_years_carry_over_and_what_was_in_force_are_checked(site: SiteDir) -> None:
    last = tables_2024(**{"结转下年度: [0, 0, 0, 0, 0, 0, 0]": "结转下年度: [3, 0, 0, 0, 0, 0, 3]",
                          "予以公开: [71, 0, 0, 0, 0, 0, 71]": "予以公开: [68, 0, 0, 0, 0, 0, 68]",
                          "    总计: [217, 1, 0, 0, 0, 0, 218]": "    总计: [214, 1, 0, 0, 0, 0, 215]",
                          "行政规范性文件: [62, 33, 440]": "行政规范性文件: [62, 33, 10]"})
    write(site, last, year=2023, issued="2024-01-20")
    path = write(site, tables_2024())
    run = site.build("--lang", "zh", "--no-pdf")
    lines = path.read_text(encoding="utf-8").split("\n")
    carried = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("上年结转:"))
    rules = next(n for n, text in enumerate(lines, 1) if text.strip().startswith("行政规范性文件:"))
    assert (f"content/2024/nianbao.md:{carried}: 警告：表三 二、上年结转 自然人：填写的为 0，但 2023 年度报告"
            "（content/2023/nianbao.md）的“四、结转下年度继续办理”为 3（差 3）；请核对两份报告") in run.err
    assert (f"content/2024/nianbao.md:{rules}: 警告：表二 行政规范性文件：本年废止件数 33 超出了可能的上限——2023 年度报告"
            "（content/2023/nianbao.md）的现行有效件数为 10，本年制发件数为 62，最多只能废止 72 件") not in run.err
    write(site, tables_2024(**{"行政规范性文件: [62, 33, 440]": "行政规范性文件: [2, 33, 440]"}))
    run = site.build("--lang", "zh", "--no-pdf")
    assert (f"content/2024/nianbao.md:{rules}: 警告：表二 行政规范性文件：本年废止件数 33 超出了可能的上限——2023 年度报告"
            "（content/2023/nianbao.md）的现行有效件数为 10，本年制发件数为 2，最多只能废止 12 件") in run.err


@pytest.mark.parametrize(("change", "line", "message"), [
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": '重复申请: [1, "一", 0, 0, 0, 0, 1]'}, "重复申请",
     "表三 （五）不予处理2.重复申请 商业企业：“一”不是数字；请只填阿拉伯数字，例如 3（没有的填 0）"),
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": "重复申请: [1, -1, 0, 0, 0, 0, 0]"}, "重复申请",
     "表三 （五）不予处理2.重复申请 商业企业：-1 不能是负数；请填写件数（没有的填 0）"),
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": "重复申请: [1.5, 0, 0, 0, 0, 0, 1.5]"}, "重复申请",
     "表三 （五）不予处理2.重复申请 自然人：1.5 不是整数；这一栏统计的是件数，请填写整数，例如 2"),
    ({"      重复申请: [1, 0, 0, 0, 0, 0, 1]\n": ""}, "    不予处理",
     "表三缺少“重复申请”一行（2.重复申请）；请在“表三.不予处理:”下补上 `重复申请: [0, 0, 0, 0, 0, 0, 0]`"),
    ({"      重复申请: [1, 0, 0, 0, 0, 0, 1]": "      重复的申请: [1, 0, 0, 0, 0, 0, 1]"}, "重复的申请",
     "“表三.不予处理”下的“重复的申请”不是国家年报格式中的项目；是不是要写“重复申请”？"),
    ({"      信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]": "      信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]\n"
                                             "      信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]"}, "信访举报投诉类申请",
     "“annual_report.表三.不予处理”下的“信访举报投诉类申请”写了两次（第一次在第 36 行）；请只保留一个"),
    ({"      信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]": "      1.信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]\n"
                                             "      信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]"}, "信访举报投诉类申请",
     "表三“表三.不予处理”下的“信访举报投诉类申请”写了两次；请只保留一行"),
    ({"template: 2021": "template: 2020"}, "template", "年报表格的格式版本（template）“2020”不是国家规定的格式"),
    ({"行政许可: 4529": "行政许可: [4529, 1]"}, "行政许可",
     "表二 行政许可：请按 本年处理决定数量 的顺序写成 [0]"),
    ({"      重复申请: [1, 0, 0, 0, 0, 0, 1]\n": "",
      "    结转下年度: [0, 0, 0, 0, 0, 0, 0]": "    结转下年度: [0, 0, 0, 0, 0, 0, 0]\n    重复申请: [1, 0, 0, 0, 0, 0, 1]"},
     "重复申请", "表三“重复申请”写在了“表三”下，按国家格式它属于“表三.不予处理:”；请把这一行移到那里"),
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": "重复申请: [1, ~, 0, 0, 0, 0, 1]"}, "重复申请",
     "表三 （五）不予处理2.重复申请 商业企业：缺少数字；请填上，没有的填 0"),
])
def test_bad_numbers_are_errors_on_their_line_with_the_fix(site: SiteDir, change: dict[str, str], line: str,
                                                             message: str) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-pdf").code == 0
    before = snapshot(site.output)
    path = write(site, tables_2024(**change))
    run = site.build("--lang", "zh", "--no-pdf")
    expected = [n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text.strip().startswith(line.strip() + ":")][-1]
    assert run.code == 1 and "Traceback" not in run.err
    assert f"content/2024/nianbao.md:{expected}: {message}" in run.err, run.err
    assert snapshot(site.output) == before


def test_a_hand_written_table_beside_the_data_renders_and_is_not_checked(site: SiteDir) -> None:
    hand = ("\n<table>\n<tr><td>类别</td><td>件数</td><td>总计</td></tr>\n"
            "<tr><td>主动公开</td><td>5</td><td>99</td></tr>\n</table>\n")
    path = write(site, tables_2024())
    path.write_text(path.read_text(encoding="utf-8").replace("政策解读形式仍需创新。", "政策解读形式仍需创新。\n" + hand),
                    encoding="utf-8")
    run = site.build("--lang", "zh", "--no-pdf")
    assert run.code == 0 and "99" not in run.err
    body = soup(site.root / PAGE).select_one(".report__body")
    assert len(body.select("table")) == 4 and "99" in body.select("table")[3].get_text()


def test_new_writes_a_nianbao_that_checks_and_renders_the_three_tables(site: SiteDir) -> None:
    from conftest import run_main

    run = run_main("new", "--config", str(site.root / "config.yaml"), "--title", "博山区八陡镇2024年度政府信息公开工作年度报告",
                   "--publisher", "badou", "--category", "信息公开年报", "--year", "2024", "--date", "2025-01-20")
    assert run.code == 0, run.err
    written = next((site.root / "content/2024").glob("*.md"))
    text = written.read_text(encoding="utf-8")
    assert "template: 2021" in text and "series: 政府信息公开工作年度报告" in text
    assert "## 三、收到和处理政府信息公开申请情况" in text
    built = site.build("--lang", "zh", "--no-pdf")
    assert built.code == 0 and "表三" not in built.err, built.err
    page = soup(site.root / "output/2024" / written.stem / "index.html")
    assert [t.caption.get_text() for t in page.select("table.annual-table")] == [
        "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]


def test_a_report_on_2020_gets_the_2019_form_from_new(site: SiteDir) -> None:
    from conftest import run_main

    run = run_main("new", "--config", str(site.root / "config.yaml"), "--title", "博山区八陡镇2020年度政府信息公开工作年度报告",
                   "--publisher", "badou", "--category", "信息公开年报", "--year", "2020", "--date", "2021-01-20")
    assert run.code == 0, run.err
    text = next((site.root / "content/2020").glob("*.md")).read_text(encoding="utf-8")
    assert "template: 2019" in text and "政府集中采购" in text and "逾期不补正" not in text


def test_the_pdf_repeats_table_3s_headers_on_its_next_page(site: SiteDir) -> None:
    write(site, tables_2024())
    assert site.build("--lang", "zh", "--no-search").code == 0
    pdf = site.root / "output/2024/nianbao/nianbao.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    with_table3 = [n for n, page in enumerate(pages) if "属于国家秘密" in page or "（七）总计" in page
                   or "信访举报投诉类申请" in page]
    assert len(with_table3) >= 2, "table 3 is expected to run onto a second page"
    assert all("申请人情况" in pages[n] and "自然人" in pages[n] for n in with_table3)
    assert "18651.06" in "".join(pages) and "4529" in "".join(pages)


def test_tables_that_do_not_fit_their_report_are_warned_about(site: SiteDir) -> None:
    """Mistakes the numbers cannot show: a 2024 report on the 2019 form, tables in a report that is not a
    年报, and a body without the heading a table is drawn after (it then goes at the end)."""
    path = write(site, tables_2024())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("category: 信息公开年报", "category: 工作总结")
                    .replace("## 三、收到和处理政府信息公开申请情况\n", ""), encoding="utf-8")
    run = site.build("--lang", "zh", "--no-pdf")
    assert run.code == 0
    line = path.read_text(encoding="utf-8").split("\n").index("annual_report:") + 1
    assert (f"content/2024/nianbao.md:{line}: 警告：年报表格（annual_report）只用于政府信息公开工作年度报告；"
            "请写 `category: 信息公开年报`，或删去 annual_report") in run.err
    assert "正文中没有“三、收到和处理政府信息公开申请情况”这一标题" in run.err
    body = soup(site.root / PAGE).select_one(".report__body")
    assert body.select("table")[-1]["class"] == ["annual-table", "annual-表三", "annual-d3"]  # at the end, not lost
    write(site, (FIXTURES / "pingtan-2019.yaml").read_text(encoding="utf-8"))
    run = site.build("--lang", "zh", "--no-pdf")
    assert "警告：2024 年度的报告应使用 2021 年版格式（国办公开办函〔2021〕30号），而不是 2019 年版" in run.err


@pytest.mark.parametrize(("change", "message"), [
    ({"行政事业性收费: 18651.06": "行政事业性收费: -5.5"},
     "表二 行政事业性收费 本年收费金额（单位：万元）：-5.5 不能是负数；请填写金额（没有的填 0）"),
    ({"重复申请: [1, 0, 0, 0, 0, 0, 1]": "重复申请: [10000000000000, 0, 0, 0, 0, 0, 1]"},
     "表三 （五）不予处理2.重复申请 自然人：10000000000000 大得不合常理；请检查是否多打了数字"),
])
def test_amounts_and_mistyped_numbers_are_refused_in_their_own_words(site: SiteDir, change: dict[str, str],
                                                                     message: str) -> None:
    write(site, tables_2024(**change))
    run = site.build("--lang", "zh", "--no-pdf")
    assert run.code == 1 and message in run.err, run.err


def test_a_row_one_number_short_among_rows_with_totals_is_questioned(site: SiteDir) -> None:
    """[217, 1, 0, 0, 0, 218] is far likelier a 0 left out than a 总计 left out: say which reading was taken."""
    path = write(site, tables_2024(**{"本年新收: [217, 1, 0, 0, 0, 0, 218]": "本年新收: [217, 1, 0, 0, 0, 218]"}))
    run = site.build("--lang", "zh", "--no-pdf")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text.strip().startswith("本年新收:"))
    assert (f"content/2024/nianbao.md:{line}: 警告：表三 一、本年新收政府信息公开申请数量：这一行比其他行少一个数，"
            "已把最后一个数当作“其他”，总计由系统相加") in run.err
    assert "表三 其他：第一项加第二项之和为 218，第三项（七）总计加第四项之和为 0（差 218）" in run.err


def test_a_table_written_as_a_list_is_told_how_its_rows_go(site: SiteDir) -> None:
    tables = tables_2024()
    start, end = tables.index("  表四:"), len(tables)
    path = write(site, tables[:start] + "  表四: [2, 1, 3, 1, 7]\n")
    run = site.build("--lang", "zh", "--no-pdf")
    line = path.read_text(encoding="utf-8").split("\n").index("  表四: [2, 1, 3, 1, 7]") + 1
    assert run.code == 1 and end > start
    assert (f"content/2024/nianbao.md:{line}: “表四:”（政府信息公开行政复议、行政诉讼情况）下面应逐行写出各行，"
            "每行为 `行名: [数字]`，不能写成列表或单个数值") in run.err
