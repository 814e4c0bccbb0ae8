"""`build.py check`: what build checks, plus every link, anchor and label of the built site.

Also the pre-commit hook and the CI workflow that run it, which must parse and call `check`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, Run, SiteDir, good_config, with_badge
from reportsite.commands import main
from reportsite.content.read import read_report
from reportsite.tools.linkcheck import Target, line_of, parse_page, resolve

REPORT = "content/2023/badou-key-work.md"
LINK_LINE = GOOD_REPORT.count("\n") + 2
BASE = "https://www.example.gov.cn/town/"


@pytest.fixture
def checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> SiteDir:
    """The one-report site of conftest, with the site description every home page needs and the
    党政机关网站标识 the footer needs."""
    site = SiteDir(tmp_path / "site", capsys)
    site.write("config.yaml", MINIMAL_CONFIG.replace("  id_code:", "  description: 测试镇历年报告。\n  id_code:"))
    site.write(REPORT, GOOD_REPORT)
    return with_badge(site)


def check(site: SiteDir, *args: str) -> Run:
    site.capsys.readouterr()
    code = main(["check", "--config", str(site.root / "config.yaml"), *args])
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


def with_line(text: str) -> str:
    """GOOD_REPORT with one more paragraph, written on line LINK_LINE."""
    return GOOD_REPORT + "\n" + text + "\n"


def test_clean_example_site_passes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Its only warnings: it has no 党政机关网站标识 (footer.badge: an example site is issued none);
    平潭's 2020 年报 as published does not add up (its （七）总计 is 6 short of its items, kept as
    published); its 2023 and 2025 年报 are not in the example (nor in shared/corpus/pingtan),
    and by 2026-12-01 both deadlines (level: county, 31 March) have passed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796054400")  # 2026-12-01 00:00 Beijing time
    assert main(["check", "--config", str(ROOT / "config.yaml")]) == 0
    captured = capsys.readouterr()
    assert re.search(r"check passed: \d+ pages, 0 error\(s\), 5 warning\(s\)", captured.out), captured
    found = (r"none for \d+, which was due by [\d-]+|the items add up to \d+, but the total written is \d+"
             r"|`footer.badge` is empty")
    assert [(line.split(": warning: ")[0], re.findall(found, line)) for line in captured.err.splitlines()] == [
        ("config.yaml:12", ["`footer.badge` is empty"]),
        ("content/2020/pingtan-xxgk-nianbao.md:48", ["the items add up to 26, but the total written is 20"]),
        ("content/2020/pingtan-xxgk-nianbao.md:48", ["the items add up to 27, but the total written is 21"]),
        ("content/2022/pingtan-xxgk-nianbao.md", ["none for 2023, which was due by 2024-03-31"]),
        ("content/2024/pingtan-xxgk-nianbao.md", ["none for 2025, which was due by 2026-03-31"])]


def test_clean_small_site_passes_and_leaves_output_alone(checked: SiteDir) -> None:
    run = check(checked)
    assert run.code == 0, run.err
    assert not checked.output.exists()


@pytest.mark.parametrize("text, message", [
    ("[见附件](missing.pdf)", 'link "missing.pdf" is broken: there is no 2023/badou-key-work/missing.pdf'),
    ("[上一年](../2022/nothing/index.html)", 'link "../2022/nothing/index.html" is broken: there is no '
                                             "2023/2022/nothing/index.html"),
    ("[上一年](../../2022/nothing/)", 'link "../../2022/nothing/" is broken: there is no 2022/nothing/'),
    ("[目录](#no-such-heading)", 'link "#no-such-heading" is broken: this page has no element with id '
                                 '"no-such-heading"'),
    ("[首页](../../index.html#nowhere)", 'link "../../index.html#nowhere" is broken: index.html has no element '
                                         'with id "nowhere"'),
    ("![图表](chart.png)", 'link "chart.png" is broken: there is no 2023/badou-key-work/chart.png in the built '
                          "site; a report that links its own files must be a folder"),
    ("[附件](附件1.xlsx)", 'link "%E9%99%84%E4%BB%B61.xlsx" is broken'),
    ("[站外](/elsewhere/page.html)", 'link "/elsewhere/page.html" is broken: it starts with / but the site '
                                     "lives under /town/"),
    ("[上](../../../up.html)", 'link "../../../up.html" is broken: it climbs above the site\'s top folder'),
])
def test_broken_link_in_a_report_names_its_file_and_line(checked: SiteDir, text: str, message: str) -> None:
    checked.write(REPORT, with_line(text))
    run = check(checked)
    assert run.code == 1
    assert f"{REPORT}:{LINK_LINE}: {message}" in run.err, run.err
    assert "check failed: 1 error(s)" in run.err
    assert "Traceback" not in run.err


def test_working_links_pass(checked: SiteDir) -> None:
    folder = "content/2023/folder/index.md"
    checked.write(folder, with_line("![图表](chart.png) [附件](附件1.xlsx) [本报告PDF](folder.pdf) "
                                    "[同页](#一-工作开展情况) [另一篇](../badou-key-work/#一-工作开展情况) "
                                    "[年度](../../2023/) [外部](https://www.gov.cn/x) [邮件](mailto:a@b.cn) "
                                    "[同站绝对](https://www.example.gov.cn/town/2023/)")
                  .replace("5432138", "7").replace("category: 工作总结",
                                                   "category: 工作总结\nattachments:\n  - {file: 附件1.xlsx}"))
    checked.write("content/2023/folder/chart.png", b"\x89PNG\r\n\x1a\n")
    checked.write("content/2023/folder/附件1.xlsx", b"PK")
    run = check(checked)
    assert run.code == 0, run.err


def test_broken_link_in_the_theme_names_the_page(checked: SiteDir) -> None:
    checked.write("templates/404.html", '{% extends "base.html" %}{% block main %}'
                                        '<a href="{{ root }}nowhere.html">x</a>{% endblock %}')
    run = check(checked)
    assert run.code == 1
    assert '404.html: link "/town/nowhere.html" is broken: there is no nowhere.html' in run.err


def test_missing_descriptions_name_where_to_write_them(checked: SiteDir) -> None:
    checked.write("config.yaml", MINIMAL_CONFIG)
    checked.write("content/2023/folder/index.md", GOOD_REPORT.replace("5432138", "7").split("## ")[0]
                  + "![](chart.png)\n")
    checked.write("content/2023/folder/chart.png", b"\x89PNG\r\n\x1a\n")
    run = check(checked)
    assert run.code == 1
    assert "content/2023/folder/index.md:2: the page has no description" in run.err and "summary:" in run.err
    assert "index.html" not in run.err  # without site.description the home page describes itself


def test_json_format_is_the_only_thing_on_stdout(checked: SiteDir) -> None:
    checked.write(REPORT, with_line("[目录](#no-such-heading)").replace('doc_no: ""', "doc_no: 博政发[2024]3号"))
    run = check(checked, "--format", "json")
    assert run.code == 1
    result = json.loads(run.out)
    assert set(result) == {"errors", "warnings"}
    assert result["errors"] == [{"file": REPORT, "line": LINK_LINE, "severity": "error", "code": "links.broken",
                                 "message": 'link "#no-such-heading" is broken: this page has no element with id '
                                            '"no-such-heading"; link to a heading\'s id, as the page\'s 目录 does'}]
    assert [w["line"] for w in result["warnings"]] == [5] and "〔 〕" in result["warnings"][0]["message"]
    assert run.err == ""


def test_clean_json(checked: SiteDir) -> None:
    run = check(checked, "--format", "json")
    assert run.code == 0 and json.loads(run.out) == {"errors": [], "warnings": []}


def test_warnings_pass_unless_strict(checked: SiteDir) -> None:
    checked.write(REPORT, GOOD_REPORT.replace('doc_no: ""', "doc_no: 博政发[2024]3号"))
    run = check(checked)
    assert run.code == 0
    assert f"{REPORT}:5: warning: 文号" in run.err
    assert "0 error(s), 1 warning(s)" in run.out
    strict = check(checked, "--strict")
    assert strict.code == 1
    assert "check failed: 0 error(s), 1 warning(s) (--strict: warnings fail)" in strict.err


def test_content_errors_read_as_build_reports_them(checked: SiteDir) -> None:
    checked.write(REPORT, GOOD_REPORT.replace("title: 八陡镇2023年度重点工作情况", "title: 八陡镇: 2023"))
    built = checked.build("--no-pdf")
    run = check(checked)
    assert built.code == run.code == 1
    problem = [line for line in built.err.splitlines() if line.startswith(REPORT)]
    assert problem and [line for line in run.err.splitlines() if line.startswith(REPORT)] == problem
    assert problem[0].startswith(f"{REPORT}:2: YAML syntax error")


def test_duplicate_index_no_is_an_error(checked: SiteDir) -> None:
    checked.write("content/2023/copy.md", GOOD_REPORT)
    run = check(checked)
    assert run.code == 1
    assert ('content/2023/copy.md:4: 索引号 "1137030400421863XL/2024-5432138" is also used by '
            "content/2023/badou-key-work.md (added earlier)") in run.err


def test_missing_config_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(tmp_path / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert "config file not found" in err and "Traceback" not in err


@pytest.mark.parametrize("page, url, expected", [
    ("2023/a/index.html", "b.png", Target("2023/a/b.png", "", False)),
    ("2023/a/index.html", "../../2022/", Target("2022", "", True)),
    ("2023/a/index.html", "#x", Target("2023/a/index.html", "x", False)),
    ("2023/a/index.html", "%E9%99%84.pdf#p", Target("2023/a/附.pdf", "p", False)),
    ("404.html", "/town/index.html", Target("index.html", "", False)),
    ("404.html", "/town/", Target("", "", True)),
    ("index.html", BASE + "2023/", Target("2023", "", True)),
    ("index.html", "https://www.gov.cn/", None),
    ("index.html", "https://www.example.gov.cn/other/", None),
    ("index.html", "mailto:a@b.cn", None),
    ("index.html", "tel:110", None),
])
def test_resolve(page: str, url: str, expected: Target | None) -> None:
    assert resolve(page, url, BASE) == expected


def test_parse_page_reads_title_description_ids_and_links() -> None:
    page = parse_page("p.html", '<html><head><title> 标题 </title><meta name="description" content=" 概述 ">'
                                '<link rel="stylesheet" href="a.css"><script src="s.js"></script></head>'
                                '<body><h2 id="h">x</h2><a name="old"></a><a href="#h">y</a>'
                                '<img src="i.png"><a>no href</a></body></html>')
    assert (page.title, page.description) == ("标题", "概述")
    assert page.ids == frozenset({"h", "old"})
    assert set(page.links) == {"a.css", "s.js", "#h", "i.png"}


def test_line_of_finds_the_link_as_typed(checked: SiteDir) -> None:
    path = checked.write(REPORT, with_line("见[附件](附件1.xlsx)。"))
    config, _ = good_config(checked.root / "config.yaml")
    report, _ = read_report(path, config)
    assert report is not None
    assert line_of(report, "%E9%99%84%E4%BB%B61.xlsx") == LINK_LINE
    assert line_of(report, "nowhere.html") is None


def test_pre_commit_hook_runs_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "reportsite-check")
    assert "build.py check" in hook["entry"]
    assert hook["pass_filenames"] is False and hook["language"] in ("system", "python")
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("content/2023/a.md", "templates/base.html", "assets/css/site.css",
                                         "config.yaml"))
    assert not any(files.search(p) for p in ("README.md", "reportsite/linkcheck.py", "config.yaml.bak"))


def test_workflow_checks_builds_and_deploys_from_main_only() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("scripts/setup.sh" in r for r in runs)
    assert runs.index(next(r for r in runs if "build.py check" in r)) < runs.index(
        next(r for r in runs if r.strip().endswith("build.py")))
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    deploy = next(job for job in workflow["jobs"].values()
                  if any(s.get("uses", "").startswith("actions/deploy-pages") for s in job["steps"]))
    assert deploy["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_new_skeleton_passes_check_but_not_strict_until_written(checked: SiteDir) -> None:
    """A skeleton is valid (the preview shows it), but the pre-commit hook's --strict stops it being
    committed with its …… placeholders."""
    assert main(["new", "--config", str(checked.root / "config.yaml"), "--title", "八陡镇2024年度重点工作情况",
                 "--publisher", "badou", "--date", "2025-02-10"]) == 0
    assert check(checked).code == 0
    run = check(checked, "--strict")
    assert run.code == 1 and "placeholder(s) of the `new` skeleton (……) are still in the text" in run.err
