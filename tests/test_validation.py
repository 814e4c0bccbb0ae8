"""Each bad input gets one clear line naming file, line and fix; exit 1; output/ untouched."""

from __future__ import annotations

import re

import pytest

from conftest import GOOD_REPORT, SiteDir, snapshot

REPORT = "content/2023/badou-key-work.md"


def replace(old: str, new: str) -> str:
    assert old in GOOD_REPORT
    return GOOD_REPORT.replace(old, new)


# (case id, file text, expected message fragment, expected line or None)
CASES = [
    ("yaml-syntax", replace("title: 八陡镇2023年度重点工作情况", "title: 八陡镇: 2023"),
     "YAML syntax error: a value contains ': '", 2),
    ("yaml-tab", replace("series: 年度重点工作情况", "series:\n\t- 年度重点工作情况"),
     "tab characters", 9),
    ("yaml-duplicate-key", replace("category: 工作总结", "category: 工作总结\ncategory: 信息公开年报"),
     "key `category` appears twice (first on line 9)", 10),
    ("yaml-list", "---\n- title\n- issued\n---\n\n正文\n", "front matter must be `key: value` lines", 2),
    ("missing-title", replace("title: 八陡镇2023年度重点工作情况\n", ""), "标题 (`title:`) is required", 1),
    ("missing-issued", replace("issued: 2024-01-15\n", ""), "发文日期 (`issued:`) is required", 1),
    ("unknown-key", replace("category:", "catgory:"), "unknown key `catgory` (did you mean `category`?)", 9),
    ("chinese-key", replace("category:", "信息分类:"), "unknown key `信息分类` (did you mean `category`?)", 9),
    ("impossible-date", replace("issued: 2024-01-15", "issued: 2024-02-30"),
     '发文日期 "2024-02-30" is not a real date (use YYYY-MM-DD)', 6),
    ("empty-list-date", replace("issued: 2024-01-15", "issued: []"), "must be one date written YYYY-MM-DD", 6),
    ("slash-date", replace("issued: 2024-01-15", "issued: 2024/1/15"),
     '"2024/1/15" must be written YYYY-MM-DD, e.g. 2024-01-15', 6),
    ("chinese-date", replace("published: 2024-01-15", "published: 2024年1月16日"),
     "e.g. 2024-01-16", 7),
    ("published-before-issued", replace("published: 2024-01-15", "published: 2024-01-10"),
     "发布日期 2024-01-10 is before 发文日期 2024-01-15", 7),
    ("year-misfit", replace("issued: 2024-01-15\npublished: 2024-01-15", "issued: 2027-01-15\npublished: 2027-01-15"),
     "发文日期 2027-01-15 does not fit 报告年度 2023", 6),
    ("year-folder", replace("category: 工作总结", "category: 工作总结\nyear: 2022"),
     "报告年度 2022 does not match the folder content/2023/", 10),
    ("index-no-pattern", replace("1137030400421863XL/2024-5432138", "2024-5432138"),
     '索引号 "2024-5432138" does not match the site\'s pattern', 4),
    ("unknown-publisher-key", replace("publisher: badou", "publisher: badoo"),
     "publisher `badoo` is not in config.yaml's publishers (did you mean `badou`?)", 3),
    ("bad-status", replace("category: 工作总结", "category: 工作总结\nstatus: 失效"),
     '效力状况 (`status`) "失效" must be 有效 or 废止', 10),
    ("no-front-matter", "八陡镇2023年度重点工作情况\n\n正文\n", "the file must start with a line `---`", 1),
    ("unclosed-front-matter", "---\ntitle: x\n", "the front matter is not closed", 1),
    ("empty-body", GOOD_REPORT.split("\n## ")[0], "the report has no text after the front matter", 11),
    ("zero-width-title", replace("title: 八陡镇", "title: 八陡\u200b镇"), "invisible character U+200B", 2),
    ("list-as-title", replace("title: 八陡镇2023年度重点工作情况", "title: [八陡镇]"), "must be plain text", 2),
]


@pytest.mark.parametrize("text, message, line", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_front_matter_is_reported_with_file_line_and_fix(site: SiteDir, text: str, message: str,
                                                              line: int | None) -> None:
    assert site.build().code == 0
    before = snapshot(site.output)
    site.write(REPORT, text)
    run = site.build()
    assert run.code == 1
    where = f"{REPORT}:{line}: " if line else f"{REPORT}: "
    assert any(l.startswith(where) and message in l for l in run.err.splitlines()), run.err
    assert "Traceback" not in run.err + run.out
    assert "output/ was left unchanged" in run.err
    assert snapshot(site.output) == before


def test_empty_file(site: SiteDir) -> None:
    site.write(REPORT, "")
    run = site.build()
    assert run.code == 1
    assert f"{REPORT}: the file is empty" in run.err


def test_gbk_file_gets_conversion_advice(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.encode("gbk"))
    run = site.build()
    assert run.code == 1
    assert re.search(rf"{REPORT}:\d+: the file is not UTF-8: it looks like GBK; convert it with `iconv -f GBK", run.err)


def test_utf16_file(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.encode("utf-16"))
    assert "saved as UTF-16; save it as UTF-8" in site.build().err


def test_bom_and_crlf_are_accepted(site: SiteDir) -> None:
    site.write(REPORT, ("\ufeff" + GOOD_REPORT).replace("\n", "\r\n").encode("utf-8"))
    assert site.build().code == 0
    assert "八陡镇2023年度重点工作情况" in (site.output / "2023/badou-key-work/index.html").read_text()


def test_nul_byte_names_its_line(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.replace("全年完成", "全年\x00完成"))
    run = site.build()
    assert run.code == 1
    assert f"{REPORT}:14: the file contains the control character U+0000" in run.err


def test_every_problem_in_every_file_is_listed_in_one_run(site: SiteDir) -> None:
    site.write(REPORT, replace("issued: 2024-01-15", "issued: 2024-02-30").replace("category:", "catgory:"))
    site.write("content/2022/other.md", replace("title: 八陡镇2023年度重点工作情况\n", "")
               .replace("5432138", "1").replace("2024-01-15", "2023-01-15"))
    run = site.build()
    assert run.code == 1
    errors = [l for l in run.err.splitlines() if l.startswith("content/")]
    assert [l.split(":")[0] + ":" + l.split(":")[1] for l in errors] == [
        "content/2022/other.md:1", f"{REPORT}:6", f"{REPORT}:9"]
    assert "3 error(s)" in run.err


def test_duplicate_index_no_across_files(site: SiteDir) -> None:
    site.write("content/2023/second.md", GOOD_REPORT.replace("八陡镇2023", "第二份"))
    run = site.build()
    assert run.code == 1
    assert ('content/2023/second.md:4: 索引号 "1137030400421863XL/2024-5432138" is also used by '
            f"{REPORT} (added earlier); this report was added later: give it its own serial, or delete it if it "
            "is a copy") in run.err


def test_duplicate_slug_between_file_and_folder(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work/index.md", GOOD_REPORT.replace("5432138", "5432139"))
    run = site.build()
    assert run.code == 1
    assert (f'content/2023/badou-key-work/index.md: URL "2023/badou-key-work/" is also used by {REPORT} '
            "(added earlier); this report was added later: rename its file") in run.err


def test_slug_that_cannot_be_a_url(site: SiteDir) -> None:
    site.write("content/2023/八陡镇.md", GOOD_REPORT.replace("5432138", "5432139"))
    run = site.build()
    assert run.code == 1
    assert 'content/2023/八陡镇.md: the file name "八陡镇" cannot be a URL' in run.err


def test_report_outside_a_year_folder(site: SiteDir) -> None:
    site.write("content/misc/report.md", GOOD_REPORT)
    run = site.build()
    assert run.code == 1
    assert "content/misc/report.md: reports go in content/<year>/<slug>.md" in run.err


@pytest.mark.parametrize("file, message", [
    ("missing.pdf", 'attachment "missing.pdf" does not exist in content/2023/folder'),
    ("../badou-key-work.md", 'attachment "../badou-key-work.md" is outside the report\'s folder'),
    ("/etc/passwd", 'attachment "/etc/passwd" is outside the report\'s folder'),
    ("escape.pdf", 'attachment "escape.pdf" is outside the report\'s folder'),
])
def test_attachment_problems(site: SiteDir, file: str, message: str) -> None:
    assert site.build().code == 0
    before = snapshot(site.output)
    (site.root / "content/2023/folder").mkdir(parents=True)
    (site.root / "content/2023/folder/escape.pdf").symlink_to(site.root / "config.yaml")
    site.write("content/2023/folder/index.md", GOOD_REPORT.replace("5432138", "7").replace(
        "category: 工作总结", f"category: 工作总结\nattachments:\n  - file: {file}\n    title: 附件"))
    run = site.build()
    assert run.code == 1
    assert f"content/2023/folder/index.md:11: {message}" in run.err
    assert snapshot(site.output) == before


def test_attachments_need_a_folder(site: SiteDir) -> None:
    site.write(REPORT, replace("category: 工作总结", "category: 工作总结\nattachments:\n  - file: a.pdf"))
    assert "attachments need a report folder" in site.build().err


def test_bad_check_digit_is_a_warning_not_an_error(site: SiteDir) -> None:
    site.write(REPORT, replace("1137030400421863XL/", "1137030400421863XA/"))
    run = site.build()
    assert run.code == 0
    assert (f"{REPORT}:4: warning: 统一社会信用代码 1137030400421863XA fails its check digit "
            "(expected L at the end)") in run.err


def test_doc_no_with_wrong_brackets_warns_which_bracket_to_use(site: SiteDir) -> None:
    site.write(REPORT, replace('doc_no: ""', "doc_no: 博政发[2024]3号"))
    run = site.build()
    assert run.code == 0
    assert f'{REPORT}:5: warning: 文号 "博政发[2024]3号" should put the year in six-corner brackets 〔 〕' in run.err


def test_broken_template_names_template_and_line(site: SiteDir) -> None:
    assert site.build().code == 0
    before = snapshot(site.output)
    site.write("templates/year.html", '{% extends "base.html" %}\n{% block main %}\n{{ year.nope }}\n{% endblock %}\n')
    run = site.build()
    assert run.code == 1
    assert "templates/year.html:3: template error:" in run.err
    assert snapshot(site.output) == before


def test_template_syntax_error(site: SiteDir) -> None:
    site.write("templates/404.html", "{% block main %}\n{% if %}\n")
    run = site.build()
    assert run.code == 1
    assert "templates/404.html:2: template error:" in run.err


def test_config_errors(site: SiteDir) -> None:
    site.write("config.yaml", "site:\n  name: x\n  base_url: example.gov.cn\n  id_code: 12\nsitee: 1\n")
    run = site.build()
    assert run.code == 1
    assert "config.yaml:1: `site.base_url` \"example.gov.cn\" must be a full URL" in run.err
    assert "config.yaml:5: unknown key `sitee` (did you mean `site`?)" in run.err
    assert "must be a 网站标识码" in run.err


def test_config_errors_inside_a_publisher_name_the_publisher(site: SiteDir) -> None:
    text = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", text.replace("    code: 1137030400421863XL\n", "    foo: 1\n")
               + "categories:\n  工作总结: [a, b]\n")
    run = site.build()
    assert run.code == 1
    assert ("config.yaml:13: unknown key `publishers.badou.foo` (known keys: name, code, level, annual_deadline)"
            in run.err)  # its own line
    assert "`categories` must map each 信息分类 to one ColumnType" in run.err
    site.write("config.yaml", text.replace("    code: 1137030400421863XL\n", "    1: x\n    zz: y\n"))
    run = site.build()
    assert run.code == 1
    assert "config.yaml:13: the key `1` must be a word" in run.err
    assert "internal error" not in run.err and "Traceback" not in run.err


def test_missing_config(site: SiteDir, tmp_path) -> None:
    from reportsite.commands import main

    code = main(["build", "--config", str(tmp_path / "nope.yaml")])
    assert code == 1
    assert "config file not found" in site.capsys.readouterr().err
