"""config.yaml read through the schema: defaults, did-you-mean hints, type faults, the credit-code
check and init's questions, each with its line; and the config stage returns problems, never raises."""

from __future__ import annotations

import re
from pathlib import Path

from reportsite.config.load import read_config
from reportsite.config.schema import KEYS, questions
from reportsite.core.i18n import translator
from reportsite.core.problems import Severity

SMALLEST = "site:\n  name: 测试镇人民政府\n  base_url: https://www.example.gov.cn/town\n"
CJK = re.compile(r"[\u4e00-\u9fff]")


def read(tmp_path: Path, text: str) -> tuple[object, list[tuple[int | None, str, Severity]]]:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config, problems = read_config(path)
    return config, [(p.line, str(p.message), p.severity) for p in problems]


def test_the_smallest_valid_config_takes_every_default(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST)
    assert problems == []
    assert (config.name, config.base_url, config.domain) == (
        "测试镇人民政府", "https://www.example.gov.cn/town/", "www.example.gov.cn")
    assert (config.id_code, config.description, config.keywords) == ("", "", ())
    assert (config.footer.sponsor, config.footer.icp, config.footer.police) == ("", "", "")
    assert (config.publishers, config.column_types, config.favicon) == ((), (), None)
    assert (config.revisions.show, config.revisions.updated) == (True, "content")
    assert re.fullmatch(config.index_no_pattern, "1137030400421863XL/2024-1")
    assert not re.fullmatch(config.index_no_pattern, "2024-1")
    assert config.fonts.stacks[1] == ("body", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong",
                                               "Noto Serif CJK SC"))


def test_an_unknown_top_level_key_names_the_key_meant_on_its_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, SMALLEST + "footr:\n  icp: x\n")
    assert problems == [(4, "unknown key `footr` (did you mean `footer`?)", Severity.ERROR)]


def test_an_unknown_key_in_a_section_names_the_key_meant_on_its_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, SMALLEST + "  descripton: 本站\n")
    assert problems == [(4, "unknown key `site.descripton` (did you mean `description`?)", Severity.ERROR)]


def test_an_unknown_key_like_none_known_lists_the_sections_keys(tmp_path: Path) -> None:
    _, problems = read(tmp_path, SMALLEST + "revisions:\n  zzz: 1\n")
    assert problems == [(5, "unknown key `revisions.zzz` (known keys: show, updated)", Severity.ERROR)]


def test_a_wrong_type_names_the_key_and_its_line(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST + "revisions:\n  show: maybe\n")
    assert problems == [(5, "`revisions.show` must be true or false (false hides 修订记录 and 最后更新)",
                         Severity.ERROR)]
    assert config.revisions.show is True  # the default, so the config is still whole


def test_a_list_where_text_goes_is_reported_on_its_sections_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "footer:\n  icp: x\n" + SMALLEST.replace("name: 测试镇人民政府", "name: [a, b]"))
    assert problems == [(3, "`site.name` must be text", Severity.ERROR)]


def test_a_credit_code_with_a_wrong_check_digit_warns_in_the_config(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST + "publishers:\n  badou:\n    name: 八陡镇\n    code: 1137030400421863XA\n")
    assert problems == [(4, "统一社会信用代码 1137030400421863XA fails its check digit (expected L at the end); "
                            "check the code", Severity.WARNING)]
    assert config.publishers[0].code == "1137030400421863XA"


def test_the_schemas_credit_code_check_refuses_a_wrong_check_digit_and_passes_a_right_one(tmp_path: Path) -> None:
    code = next(key for key in KEYS if key.path == "publishers.*.code")
    assert code.check is not None
    assert "(expected W at the end)" in str(code.check("11370302MB2859100Y", tmp_path))
    assert code.check("11370302MB2859100W", tmp_path) is None


def test_a_bad_value_is_replaced_by_the_default_beside_its_error(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST.replace("https://www.example.gov.cn/town", "ftp://x"))
    assert problems == [(1, '`site.base_url` "ftp://x" must be a full URL such as https://www.example.gov.cn/',
                         Severity.ERROR)]
    assert config.base_url == "/"


def test_a_config_that_cannot_be_read_is_no_config_and_one_error_not_an_exception(tmp_path: Path) -> None:
    assert read_config(tmp_path / "missing.yaml")[0] is None
    config, problems = read(tmp_path, SMALLEST + "site:\n  name: x\n")
    assert config is None and [(line, severity) for line, _, severity in problems] == [(4, Severity.ERROR)]


def test_init_asks_in_order_and_every_question_has_a_chinese_label_and_prompt() -> None:
    asked = questions()
    assert [(key.path, question.flag) for key, question in asked] == [
        ("site.name", "--name"), ("publishers.*.name", "--publisher"), ("publishers.*.code", "--code"),
        ("site.base_url", "--base-url"), ("site.id_code", "--id-code"), ("footer.icp", "--icp"),
        ("footer.police", "--police")]
    zh = translator("zh")
    assert [zh(question.label) for _, question in asked] == [
        "站点名称（--name）", "发布机构（--publisher）", "统一社会信用代码", "网站地址", "网站标识码",
        "ICP备案号（--icp）", "公安备案号（--police）"]
    assert all(CJK.search(zh(question.prompt)) and CJK.search(zh(question.help)) for _, question in asked)


def test_init_refuses_what_the_schema_only_warns_about_and_screens_text_answers(tmp_path: Path) -> None:
    from reportsite.commands.init import refusal

    asked = dict((key.path, (key, question)) for key, question in questions())
    assert str(refusal(*asked["publishers.*.code"], "11370302MB2859100Y", tmp_path)).startswith(
        "统一社会信用代码 11370302MB2859100Y fails its check digit")
    assert refusal(*asked["publishers.*.code"], "11370302MB2859100W", tmp_path) is None
    assert "invisible character U+200B" in str(refusal(*asked["site.name"], "测试\u200b镇", tmp_path))
    assert str(refusal(*asked["site.id_code"], "370302", tmp_path)).startswith('`site.id_code` "370302" must be')
