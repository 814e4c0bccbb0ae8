"""What is wrong in a report file, said in Chinese by default and in English on request: a date that
does not exist or is written another way, a missing or mistyped key, a file saved as GBK, a 索引号 or a
title used twice, a footnote without its note.

Each runs the real command with --lang and asserts the whole line an editor reads, file and line first."""

from __future__ import annotations

import json

from conftest import GOOD_REPORT, SiteDir, run_main

REPORT = "content/2023/badou-key-work.md"
FAST = ("--no-pdf", "--no-search")


def _line_of(text: str, needle: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), start=1) if needle in row)


def test_a_date_that_does_not_exist_or_is_written_another_way(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("issued: 2024-01-15", "issued: 2024-02-30").replace(
        "published: 2024-01-15", "published: 2024年3月1日 9:30")
    site.write(REPORT, text)
    chinese = site.build(*FAST, "--lang", "zh")
    assert chinese.code == 1
    assert f"{REPORT}:6: 发文日期（issued）“2024-02-30”不是真实的日期；请写成 YYYY-MM-DD，如 2024-01-15\n" in chinese.err
    assert (f"{REPORT}:7: 发布日期（published）“2024年3月1日 9:30”的写法不对；请写成 YYYY-MM-DD"
            "（也可加上时间：YYYY-MM-DD HH:MM），如 2024-03-01 09:30\n") in chinese.err
    english = site.build(*FAST, "--lang", "en")
    assert f'{REPORT}:6: 发文日期 "2024-02-30" is not a real date (use YYYY-MM-DD)\n' in english.err
    assert (f'{REPORT}:7: 发布日期 (`published`) "2024年3月1日 9:30" must be written YYYY-MM-DD '
            "(a time may follow: YYYY-MM-DD HH:MM), e.g. 2024-03-01 09:30\n") in english.err


def test_a_missing_and_a_mistyped_key(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("title: 八陡镇2023年度重点工作情况\n", "").replace("category:", "catgory:")
    site.write(REPORT, text)
    line = _line_of(text, "catgory")
    chinese = site.build(*FAST, "--lang", "zh")
    assert chinese.code == 1
    assert f"{REPORT}:1: 缺少标题（title）；请在文件开头两行 --- 之间加一行 `title: …`\n" in chinese.err
    assert f"{REPORT}:{line}: 不认识的键名 `catgory`；是不是要写 `category`？请照此改正\n" in chinese.err
    english = site.build(*FAST, "--lang", "en")
    assert f"{REPORT}:1: 标题 (`title:`) is required; add a line `title: …` to the front matter\n" in english.err
    assert f"{REPORT}:{line}: unknown key `catgory` (did you mean `category`?)\n" in english.err


def test_a_gbk_file_is_named_with_its_code_in_check_json(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT.encode("gbk"))
    chinese = run_main("check", "--config", str(site.root / "config.yaml"), "--format", "json", "--lang", "zh")
    assert chinese.code == 1
    assert json.loads(chinese.out)["errors"] == [{
        "file": REPORT, "line": 2, "severity": "error", "code": "content.not_utf8",
        "message": "文件不是 UTF-8 编码；看起来是 GBK 编码；请用 `iconv -f GBK -t UTF-8 原文件 > 新文件` 转换，"
                   "或另存为 UTF-8 编码"}]
    english = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "en")
    assert (f"{REPORT}:2: the file is not UTF-8: it looks like GBK; convert it with "
            "`iconv -f GBK -t UTF-8 FILE > NEW` or save it as UTF-8\n") in english.err


def test_a_copy_with_the_same_index_no_and_title(site: SiteDir) -> None:
    copy = "content/2023/copy.md"
    site.write(copy, GOOD_REPORT)
    chinese = site.build(*FAST, "--lang", "zh")
    assert chinese.code == 1
    assert (f"{copy}:4: 索引号（index_no）“1137030400421863XL/2024-5432138”也被 {REPORT}（先添加的）使用；"
            "这篇报告是后添加的：请给它编一个自己的序号，如果它是副本就删除它\n") in chinese.err
    assert (f"{copy}:2: 警告：2023年已有一篇标题为“八陡镇2023年度重点工作情况”的报告（{REPORT}）；"
            "请删除重复的副本，或给每篇报告起不同的标题\n") in chinese.err
    english = site.build(*FAST, "--lang", "en")
    assert (f'{copy}:4: 索引号 "1137030400421863XL/2024-5432138" is also used by {REPORT} (added earlier); '
            "this report was added later: give it its own serial, or delete it if it is a copy\n") in english.err
    assert (f'{copy}:2: warning: 2023年 already has a report titled "八陡镇2023年度重点工作情况" ({REPORT}); '
            "remove the copy, or give each report its own title\n") in english.err


def test_an_invisible_character_and_a_footnote_without_its_note(site: SiteDir) -> None:
    text = GOOD_REPORT.replace("八陡镇2023", "八陡镇\u200b2023") + "\n产值创新高[^1]。\n"
    site.write(REPORT, text)
    line = _line_of(text, "[^1]")
    chinese = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "zh")
    assert chinese.code == 1
    assert (f"{REPORT}:2: 标题（title）中有看不见的字符 U+200B；请删除它（这种字符多是复制粘贴时带进来的）\n"
            in chinese.err)
    assert (f"{REPORT}:{line}: 警告：脚注 [^1] 没有对应的注释，页面上会原样显示这个标记；"
            "请在报告末尾加一行 `[^1]: …`，或删去这个标记\n") in chinese.err
    english = run_main("check", "--config", str(site.root / "config.yaml"), "--lang", "en")
    assert (f"{REPORT}:2: 标题 (`title`) contains the invisible character U+200B; "
            "delete it (it often comes from copy and paste)\n") in english.err
