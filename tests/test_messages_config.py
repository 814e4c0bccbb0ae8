"""config.yaml, YAML syntax and identifier messages as the editor reads them: in Chinese by default
(`--lang zh`), in English with `--lang en`, each one line `file:line: 问题；怎样改`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, Run, SiteDir, run_main

FAST = ("--no-pdf", "--no-search")
REPORT = "content/2023/badou-key-work.md"
#: A config with an unknown key (line 3), a base_url that is no URL (under `site`, line 1) and a
#: revisions.show that is not true or false (line 15).
BAD_CONFIG = (MINIMAL_CONFIG.replace("  domain: www.example.gov.cn\n", "  nmae: x\n")
              .replace("https://www.example.gov.cn/town/", "ftp://x") + "revisions:\n  show: maybe\n")


@pytest.fixture
def in_site(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> SiteDir:
    """The site, built from inside its folder, so messages name config.yaml as the editor sees it."""
    monkeypatch.chdir(site.root)
    return site


def error_lines(run: Run) -> list[str]:
    return run.err.splitlines()


def test_config_errors_are_chinese_with_how_to_fix_them(in_site: SiteDir) -> None:
    in_site.write("config.yaml", BAD_CONFIG)
    run = in_site.build("--lang", "zh", *FAST)
    assert run.code == 1
    assert error_lines(run) == [
        "config.yaml:3: 不认识的配置项 `site.nmae`（是不是要写 `name`？）；请改正拼写，或删去这一行",
        "config.yaml:1: 网站地址（site.base_url）“ftp://x”不是完整的网址；请写成以 https:// 开头的完整网址，"
        "如 https://www.example.gov.cn/",
        "config.yaml:15: 是否显示修订记录（revisions.show）只能写 true 或 false；写 false 则不显示修订记录和最后更新",
        "生成失败：3 个错误；output/ 保持原样，未作改动",
    ]


def test_config_errors_stay_english_under_lang_en(in_site: SiteDir) -> None:
    in_site.write("config.yaml", BAD_CONFIG)
    run = in_site.build("--lang", "en", *FAST)
    assert error_lines(run)[:3] == [
        "config.yaml:3: unknown key `site.nmae` (did you mean `name`?)",
        'config.yaml:1: `site.base_url` "ftp://x" must be a full URL such as https://www.example.gov.cn/',
        "config.yaml:15: `revisions.show` must be true or false (false hides 修订记录 and 最后更新)",
    ]


def test_yaml_syntax_is_explained_in_chinese(in_site: SiteDir) -> None:
    in_site.write("config.yaml", MINIMAL_CONFIG + "site:\n  name: 又一个\n")
    run = in_site.build("--lang", "zh", *FAST)
    assert error_lines(run)[0] == "config.yaml:14: 键名 `site` 出现了两次（第一次在第 1 行）；请只保留一个"
    in_site.write("config.yaml", MINIMAL_CONFIG)
    in_site.write(REPORT, GOOD_REPORT.replace("title: 八陡镇2023年度重点工作情况", 'title: "八陡镇2023年度重点工作情况'))
    run = in_site.build("--lang", "zh", *FAST)
    assert f"{REPORT}:2: YAML 格式有误：引号没有配对；请在值的末尾补上后引号" in error_lines(run)


def test_identifier_advice_is_chinese(in_site: SiteDir) -> None:
    """A failed check digit and a 文号 in the wrong brackets only warn: the build goes on."""
    in_site.write("config.yaml", MINIMAL_CONFIG.replace("code: 1137030400421863XL", "code: 1137030400421863XA"))
    in_site.write(REPORT, GOOD_REPORT.replace('doc_no: ""', "doc_no: 博政发[2024]3号").replace("63XL/", "63XA/"))
    run = in_site.build("--lang", "zh", *FAST)
    assert run.code == 0
    lines = error_lines(run)
    checksum = "警告：统一社会信用代码 1137030400421863XA 的校验位不对（末位应为 L）；请核对代码"
    assert f"config.yaml:10: {checksum}" in lines and f"{REPORT}:4: {checksum}" in lines
    assert (f"{REPORT}:5: 警告：文号“博政发[2024]3号”的年份应当用六角括号〔〕（U+3014/U+3015）括起来；"
            "请改成如 博政发〔2024〕3号") in lines


def test_a_mistyped_publisher_key_names_the_one_meant(in_site: SiteDir) -> None:
    in_site.write(REPORT, GOOD_REPORT.replace("publisher: badou", "publisher: badoo"))
    run = in_site.build("--lang", "zh", *FAST)
    assert (f"{REPORT}:3: 发布机构（publisher）“badoo”不是 config.yaml 中 publishers 下的键"
            "（是不是要写 `badou`？）；请改成已配置的键，或写出发布机构的全称") in error_lines(run)
    run = in_site.build("--lang", "en", *FAST)
    assert (f"{REPORT}:3: publisher `badoo` is not in config.yaml's publishers (did you mean `badou`?)"
            in error_lines(run))


def test_a_missing_config_is_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_main("build", "--lang", "zh", "--config", "missing.yaml")
    assert run.code == 1
    assert run.err.splitlines()[0] == "missing.yaml: 找不到配置文件；请用 --config 指定配置文件的路径，或新建 config.yaml"
