"""`build.py init DIR`: a new office's site that builds and passes `check` at once, and never overwrites."""

from __future__ import annotations

import builtins
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Run, run_main, snapshot, soup, good_config

CODE = "11370302MB2859100W"  # a 统一社会信用代码 whose check digit holds
OPTIONS = ("--name", "淄川区测试镇人民政府", "--publisher", "淄川区测试镇", "--code", CODE,
           "--base-url", "https://www.example.gov.cn/ceshi", "--id-code", "3703020005",
           "--icp", "鲁ICP备12345678号", "--police", "鲁公网安备37030202000123号",
           "--publisher-key", "ceshi", "--reportsite-repo", "https://git.example.org/reportsite.git")
FILES = ("config.yaml", "content/.gitkeep", ".gitignore", ".github/workflows/site.yml", ".pre-commit-config.yaml",
         "build.py")
EMPTY_HOME = "本站还没有发布报告。"
FIRST_REPORT_HINT = "python build.py new --title 报告标题"


class Terminal(io.StringIO):
    """stdin as an editor's terminal: isatty() is what init asks before prompting."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in CI: nothing to prompt on, unless a test gives itself a terminal."""
    monkeypatch.setattr("sys.stdin", io.StringIO())


def init(folder: Path, *args: str) -> Run:
    return run_main("init", str(folder), *args)


def started(tmp_path: Path, *args: str) -> Path:
    folder = tmp_path / "ceshi"
    run = init(folder, *(args or OPTIONS))
    assert run.code == 0, run.err
    return folder


def test_writes_the_site_files_from_the_options(tmp_path: Path) -> None:
    folder = started(tmp_path)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == sorted(FILES)
    config, warnings = good_config(folder / "config.yaml")
    assert warnings == []
    assert (config.name, config.base_url, config.domain, config.id_code) == (
        "淄川区测试镇人民政府", "https://www.example.gov.cn/ceshi/", "www.example.gov.cn", "3703020005")
    assert (config.footer.sponsor, config.footer.icp, config.footer.police) == (
        "淄川区测试镇", "鲁ICP备12345678号", "鲁公网安备37030202000123号")
    assert [(p.key, p.name, p.code) for p in config.publishers] == [("ceshi", "淄川区测试镇", CODE)]
    assert "# 网站标识码" in (folder / "config.yaml").read_text(encoding="utf-8")
    assert (folder / "content/.gitkeep").read_text() == ""
    ignored = (folder / ".gitignore").read_text().splitlines()
    assert {"/output/", "/.output.staging-*", "/.output.lock", "/.reportsite-cache/"} <= set(ignored)


def test_the_workflow_fetches_reportsite_then_checks_builds_and_deploys(tmp_path: Path) -> None:
    workflow = yaml.safe_load((started(tmp_path) / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow["env"] == {"REPORTSITE_REPO": "https://git.example.org/reportsite.git", "REPORTSITE_REF": "HEAD"}
    steps = [step.get("run", step.get("uses", "")) for step in workflow["jobs"]["build"]["steps"]]
    assert "git -C .reportsite fetch" in steps[1] and steps[2] == "bash .reportsite/scripts/setup.sh"
    assert steps[3:5] == [".reportsite/.venv/bin/python build.py check", ".reportsite/.venv/bin/python build.py"]
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pre_commit_config_runs_reportsites_own_hook(tmp_path: Path) -> None:
    config = yaml.safe_load((started(tmp_path) / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert config["repos"] == [{"repo": "local", "hooks": shipped}]


def test_a_fresh_site_builds_with_a_home_page_that_says_how_to_add_the_first_report(tmp_path: Path) -> None:
    folder = started(tmp_path)
    build = run_main("build", "--config", str(folder / "config.yaml"))
    assert build.code == 0 and build.err == "", build.err
    home = soup(folder / "output/index.html").select_one("main").get_text()
    assert EMPTY_HOME in home and FIRST_REPORT_HINT in home
    assert not (folder / "output/pagefind").exists()
    check = run_main("check", "--config", str(folder / "config.yaml"))
    # its one warning: init cannot bring the 党政机关网站标识 image, which the site is issued later
    assert check.code == 0 and "check passed: 5 pages, 0 error(s), 1 warning(s)" in check.out, check.err
    assert "config.yaml:" in check.err and "`footer.badge` is empty" in check.err


def test_a_site_whose_only_report_is_a_draft_shows_the_empty_home_page_and_has_no_index(tmp_path: Path) -> None:
    """Zero published reports, reachable today: the home page, feeds and search must cope with none."""
    folder = started(tmp_path)
    report = new_report(folder)
    report.write_text(report.read_text(encoding="utf-8").replace("draft: false", "draft: true", 1), encoding="utf-8")
    build = run_main("build", "--config", str(folder / "config.yaml"), "--no-pdf")
    assert build.code == 0, build.err
    home = soup(folder / "output/index.html")
    assert EMPTY_HOME in home.select_one("main").get_text() and FIRST_REPORT_HINT in home.get_text()
    assert home.select_one("nav.browse") is None  # no empty 按类别浏览 with nothing under it
    assert not (folder / "output/pagefind").exists()  # not an index of the home page and the catalogue
    assert (folder / "output/feed.xml").is_file() and (folder / "output/sitemap.xml").is_file()
    assert run_main("check", "--config", str(folder / "config.yaml")).code == 0


def test_the_search_page_of_a_site_without_reports_says_there_is_nothing_to_search(tmp_path: Path) -> None:
    folder = started(tmp_path)
    report = new_report(folder)
    report.write_text(report.read_text(encoding="utf-8").replace("draft: false", "draft: true", 1), encoding="utf-8")
    assert run_main("build", "--config", str(folder / "config.yaml"), "--no-pdf").code == 0
    page = soup(folder / "output/search/index.html")
    assert "暂时没有可以检索的内容" in page.select_one("main").get_text()
    assert page.select_one("form[data-search-page]") is None  # no search box that could only fail


def new_report(folder: Path) -> Path:
    run = run_main("new", "--config", str(folder / "config.yaml"), "--title", "测试镇2025年度重点工作情况",
                   "--publisher", "ceshi", "--date", "2026-01-12")
    assert run.code == 0, run.err
    return Path(run.out.strip()) if Path(run.out.strip()).is_absolute() else Path.cwd() / run.out.strip()


def test_init_then_new_then_build_and_check_pass_without_the_example_content(tmp_path: Path) -> None:
    folder = started(tmp_path)
    report = new_report(folder)
    assert report.parent == folder / "content/2025"
    text = report.read_text(encoding="utf-8")
    assert f"index_no: {CODE}/2026-1" in text and "publisher: ceshi" in text
    build = run_main("build", "--config", str(folder / "config.yaml"))
    assert build.code == 0, build.err
    page = folder / f"output/2025/{report.stem}/index.html"
    assert "淄川区测试镇" in soup(page).get_text() and (page.parent / f"{report.stem}.pdf").is_file()
    assert EMPTY_HOME not in (folder / "output/index.html").read_text(encoding="utf-8")
    assert list((folder / "output/pagefind").glob("*.pf_meta"))
    published = " ".join(p.read_text(encoding="utf-8") for p in (folder / "output").rglob("*.html"))
    assert "八陡" not in published and "badou" not in published
    # the site's own build.py, as its pre-commit hook and CI run it: from the site's folder
    check = subprocess.run([sys.executable, "build.py", "check"], cwd=folder, capture_output=True, text=True,
                           timeout=300)
    assert check.returncode == 0 and "check passed" in check.stderr + check.stdout, check.stderr


@pytest.mark.parametrize("existing", FILES)
def test_refuses_to_overwrite_any_file_and_writes_nothing(tmp_path: Path, existing: str) -> None:
    folder = tmp_path / "ceshi"
    (folder / existing).parent.mkdir(parents=True, exist_ok=True)
    (folder / existing).write_text("mine\n", encoding="utf-8")
    before = snapshot(folder)
    run = init(folder, *OPTIONS)
    assert run.code == 1 and run.out == ""
    assert (f"{folder / existing}: already exists, and init never overwrites a file; move it away, "
            "or start the site in another folder") in run.err
    assert run.err.rstrip().endswith("init: nothing was written")
    assert snapshot(folder) == before and sorted(folder.rglob("*")) == sorted(
        [folder / existing, *[p for p in (folder / existing).parents if p.is_relative_to(folder) and p != folder]])


def test_a_folder_with_other_files_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "ceshi"
    folder.mkdir()
    (folder / "README.md").write_text("测试镇网站\n", encoding="utf-8")
    (folder / "content").mkdir()
    assert init(folder, *OPTIONS).code == 0
    assert (folder / "README.md").read_text(encoding="utf-8") == "测试镇网站\n"
    assert (folder / "config.yaml").is_file() and (folder / "content/.gitkeep").is_file()


def test_a_file_where_a_folder_goes_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ceshi"
    folder.mkdir()
    (folder / ".github").write_text("", encoding="utf-8")
    run = init(folder, *OPTIONS)
    assert run.code == 1 and f"{folder / '.github'}: is a file where init makes a folder" in run.err
    assert sorted(folder.iterdir()) == [folder / ".github"]


def with_option(flag: str, value: str) -> list[str]:
    options = list(OPTIONS)
    options[options.index(flag) + 1] = value
    return options


def test_a_credit_code_with_a_wrong_check_digit_is_refused_with_the_right_one(tmp_path: Path) -> None:
    folder = tmp_path / "ceshi"
    run = init(folder, *with_option("--code", CODE[:-1] + "Y"))
    assert run.code == 1 and not folder.exists()
    assert (f"init: --code: 统一社会信用代码 {CODE[:-1]}Y fails its check digit (expected W at the end); "
            "check the code") in run.err


@pytest.mark.parametrize("flag, value, message", [
    ("--code", "1137030400421863", "is neither an 18-character 统一社会信用代码 nor a 9-character 组织机构代码"),
    ("--id-code", "370302", '`site.id_code` "370302" must be a 网站标识码: 10 digits, or bm and 8 digits'),
    ("--base-url", "www.example.gov.cn/ceshi", '`site.base_url` "www.example.gov.cn/ceshi" must be a full URL'),
    ("--name", "测试镇\u200b人民政府", "contains the invisible character U+200B"),
    ("--publisher-key", "Ce Shi", "publisher key `Ce Shi` must be lower-case letters, digits and hyphens"),
])
def test_values_the_build_would_refuse_are_refused(tmp_path: Path, flag: str, value: str, message: str) -> None:
    folder = tmp_path / "ceshi"
    run = init(folder, *with_option(flag, value))
    assert run.code == 1 and message in run.err and not folder.exists(), run.err


def test_without_a_terminal_every_missing_value_is_named_at_once(tmp_path: Path) -> None:
    run = init(tmp_path / "ceshi", "--name", "淄川区测试镇人民政府")
    assert run.code == 1 and not (tmp_path / "ceshi").exists()
    assert [line for line in run.err.splitlines() if "missing" in line] == [
        'init: --publisher is missing: pass --publisher "…"', 'init: --code is missing: pass --code "…"',
        'init: --base-url is missing: pass --base-url "…"']


def test_the_optional_values_may_be_left_out(tmp_path: Path) -> None:
    folder = started(tmp_path, "--name", "淄川区测试镇人民政府", "--publisher", "淄川区测试镇", "--code", CODE,
                     "--base-url", "https://ceshi.example.gov.cn/", "--reportsite-repo", "")
    config, warnings = good_config(folder / "config.yaml")
    assert warnings == [] and (config.id_code, config.footer.icp, config.footer.police) == ("", "", "")
    assert [p.key for p in config.publishers] == ["zi-chuan-qu-ce-shi-zhen"]


def test_an_empty_reportsite_address_is_a_warning_on_the_workflows_line(tmp_path: Path) -> None:
    run = init(tmp_path / "ceshi", *with_option("--reportsite-repo", ""))
    assert run.code == 0
    workflow = (tmp_path / "ceshi/.github/workflows/site.yml").read_text(encoding="utf-8").splitlines()
    line = workflow.index("  REPORTSITE_REPO: ''") + 1
    assert f"site.yml:{line}: warning: REPORTSITE_REPO is empty, so CI cannot fetch reportsite" in run.err


def test_a_terminal_is_asked_for_each_value_and_a_wrong_one_again(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["淄川区测试镇人民政府", "淄川区测试镇", CODE[:-1] + "Y", CODE.lower(),
                    "https://www.example.gov.cn/ceshi/", "", "鲁ICP备12345678号", ""])
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or next(answers))
    run = init(tmp_path / "ceshi", "--reportsite-repo", "")
    assert run.code == 0, run.err
    assert [p.split(" (")[0] for p in prompts] == ["站点名称", "发布机构全称", "统一社会信用代码", "统一社会信用代码",
                                                   "网站地址", "网站标识码", "ICP备案号", "公安备案号"]
    assert f"init: 统一社会信用代码 {CODE[:-1]}Y fails its check digit (expected W at the end)" in run.err
    config, _ = good_config(tmp_path / "ceshi/config.yaml")
    assert (config.name, config.publishers[0].code, config.id_code, config.footer.icp, config.footer.police) == (
        "淄川区测试镇人民政府", CODE, "", "鲁ICP备12345678号", "")


def test_end_of_input_at_a_prompt_is_a_missing_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", closed)
    run = init(tmp_path / "ceshi", "--name", "淄川区测试镇人民政府")
    assert run.code == 1 and 'init: --publisher is missing: pass --publisher "…"' in run.err
    assert not (tmp_path / "ceshi").exists()
