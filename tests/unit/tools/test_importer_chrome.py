"""tools.importer.chrome: the furniture list (furniture.yaml) read, checked and applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.core.i18n import english
from reportsite.core.problems import Problems
from reportsite.tools.importer.chrome import FURNITURE_FILE, Furniture, load_furniture


@pytest.fixture(scope="module")
def furniture() -> Furniture:
    return load_furniture()


@pytest.mark.parametrize("line", [
    "扫一扫在手机打开当前页", "【打印】【关闭】", "【打印本页】　【关闭窗口】", "点击查看解读", "【图文解读】",
    "发布时间：2024-01-16 10:30 [ ]", "发布日期：2024年01月16日 【 】", "访问次数：368", "阅读次数：[12]次",
    "浏览次数：1024", "网站支持IPv6", "欢迎您访问某某区人民政府网站！", "您好，欢迎您访问某县人民政府网站！",
    "文件下载", "附件下载：", "【字体：大 中 小】 【打印】", "分享到： 微信 微博 QQ空间", "网站地图 | 联系我们",
    "当前位置：首页 > 政务公开 > 计划总结", "首页 > 政务公开 > 法定主动公开内容 > 工作总结", "主办单位：某区人民政府办公室 网站标识码：3703020001",
    "鲁ICP备05003021号　鲁公网安备 37030202000101号", "版权所有：某区人民政府", "-----------",
    "| --- | --- |", "上一篇：某镇2022年工作总结",
])
def test_furniture_lines(furniture: Furniture, line: str) -> None:
    assert furniture.is_line(line)


@pytest.mark.parametrize("line", [
    "热烈欢迎各位代表光临指导。", "主办单位：区文旅局。本次活动共吸引群众3000余人次。", "时间：2024年1月5日 地点：镇会议室",
    "双杨镇人民政府", "2024年1月10日", "首页及各栏目已完成适老化改造。", "附件：1.某镇2023年主要指标完成情况表", "",
])
def test_text_is_not_furniture(furniture: Furniture, line: str) -> None:
    assert not furniture.is_line(line)


def test_the_footer_starts_at_the_first_line_that_starts_one_with_no_sentence_after(furniture: Furniture) -> None:
    lines = ["正文。", "某镇人民政府", "扫一扫在手机打开当前页", "地址：某镇政府驻地", "网站标识码：3703020001"]
    assert furniture.footer_start(lines) == 2
    assert furniture.footer_start(["扫一扫在手机打开当前页", "正文"]) is None  # not before any body
    assert furniture.footer_start(["正文。", "【打印】", "后面还有正文。"]) is None
    assert furniture.footer_start(["正文。", "【打印】", None]) is None  # a table is body


def test_run_in_furniture_at_either_end_of_a_one_line_body(furniture: Furniture) -> None:
    text = "当前位置： 首页政务公开 某镇2023年工作总结 来源：某镇 时间：2024-01-05 10:00 微信 微博 正文第一句。"
    assert furniture.strip_leading(text, "某镇2023年工作总结") == "正文第一句。"
    assert furniture.strip_leading("时间：2024年1月5日 地点：会议室", "") == "时间：2024年1月5日 地点：会议室"
    assert furniture.strip_trailing("正文最后一句。 来源：某镇 附件下载") == "正文最后一句。"


def test_the_shipped_list_has_a_comment_above_every_entry() -> None:
    lines = FURNITURE_FILE.read_text(encoding="utf-8").split("\n")
    uncommented = [line for i, line in enumerate(lines) if line.lstrip().startswith("- ")
                   and not lines[i - 1].lstrip().startswith("#")]
    assert uncommented == []


def broken(tmp_path: Path, text: str) -> str:
    path = tmp_path / "furniture.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Problems) as failure:
        load_furniture(path)
    [problem] = failure.value.problems
    return str(problem).replace(str(path), "FILE")


@pytest.mark.parametrize("text, message", [
    ("pieces:\n  - regex: '[打印'\n", "FILE:2: the regex [打印 is not valid: unterminated character set at "
                                      "position 0; write a Python regular expression in single quotes"),
    ("pieces:\n  - text: 打印\n    regex: 打印\n", "FILE:2: an entry of `pieces:` is `text: …` or `regex: '…'` "
                                                "(one of them), with `ends_body: true` if it starts the footer"),
    ("leading:\n  - text: 打印\n    ends_body: true\n", "FILE:2: an entry of `leading:` is `text: …` or "
                                                      "`regex: '…'` (one of them)"),
    ("pieces: 打印\n", "FILE:1: `pieces:` must be a list of entries, each `- text: …` or `- regex: '…'`"),
    ("piece:\n  - text: 打印\n", "FILE:1: unknown section `piece:`; the sections are separators, pieces, lines, "
                                 "leading, leading_after_other, trailing"),
    ("pieces:\n  - text: 打印\n   - text: 关闭\n", "FILE:3: the furniture list is not valid YAML: "),
])
def test_a_broken_list_is_one_problem_naming_its_line(tmp_path: Path, text: str, message: str) -> None:
    assert broken(tmp_path, text).startswith(message)


def test_a_missing_list_says_so(tmp_path: Path) -> None:
    with pytest.raises(Problems) as failure:
        load_furniture(tmp_path / "none.yaml")
    assert english(failure.value.problems[0].message) == "cannot read the furniture list: No such file or directory"


def test_an_entry_added_to_the_list_is_furniture(tmp_path: Path) -> None:
    path = tmp_path / "furniture.yaml"
    path.write_text("pieces:\n  # the site's own slogan\n  - text: 好品山东\n    ends_body: true\n", encoding="utf-8")
    extended = load_furniture(path)
    assert extended.is_line("好品山东") and extended.ends_body("好品山东")
    assert not extended.is_line("【打印】")  # the list is the whole of what is known
