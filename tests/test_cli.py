"""The command line as the maintainer uses it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SiteDir


def test_default_output_is_beside_the_config_whatever_the_cwd(site: SiteDir, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = site.build()
    assert run.code == 0
    assert (site.root / "output/2023/badou-key-work/index.html").is_file()
    assert re.search(rf"built \d+ pages \(\d+ rendered\) into {re.escape(str(site.output))}", run.out)


def test_out_option_and_quiet(site: SiteDir, tmp_path: Path) -> None:
    run = site.build("--out", str(tmp_path / "elsewhere"), "--quiet", "--no-pdf")
    assert run.code == 0 and run.out == ""
    assert (tmp_path / "elsewhere/index.html").is_file()


def test_site_without_templates_uses_built_in_theme_and_may_override_one_file(site: SiteDir) -> None:
    assert site.build().code == 0
    assert "跳到正文" in (site.output / "index.html").read_text()
    site.write("templates/404.html", '{% extends "base.html" %}{% block main %}<h1>找不到</h1>{% endblock %}')
    assert site.build().code == 0
    assert "<h1>找不到</h1>" in (site.output / "404.html").read_text()
    assert "跳到正文" in (site.output / "404.html").read_text()


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_build_py_with_and_without_the_verb(tmp_path: Path) -> None:
    """Run where an editor runs it, beside config.yaml; in a copy, so the repository's own cache is
    never written (the cache lives beside the config)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    shutil.copytree(ROOT / "content", site / "content")
    for args in ([], ["build"]):
        out = tmp_path / ("a" if args else "b")
        done = run_cli(*args, "--out", str(out), "--no-pdf", "--no-search", cwd=site)
        assert done.returncode == 0, done.stderr
        assert (out / "2023/badou-key-work/index.html").is_file()
    assert (site / ".reportsite-cache").is_dir()


def test_real_process_error_has_no_traceback(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work.md", "---\ntitle: [\n---\n正文\n")
    done = run_cli("--config", str(site.root / "config.yaml"))
    assert done.returncode == 1
    assert "content/2023/badou-key-work.md:" in done.stderr and "YAML syntax error" in done.stderr
    assert "Traceback" not in done.stderr


def test_folder_report_files_are_copied_beside_its_page(site: SiteDir) -> None:
    site.write("content/2023/folder/index.md", (site.root / "content/2023/badou-key-work.md").read_text()
               .replace("5432138", "7").replace("category: 工作总结",
                                                  "category: 工作总结\nattachments:\n  - {file: 附件1.xlsx, title: 附件1 项目表}")
               + "\n![现场照片](photo.png)\n")
    site.write("content/2023/folder/附件1.xlsx", b"x" * 2048)
    site.write("content/2023/folder/photo.png", b"\x89PNG fake")
    assert site.build().code == 0
    page = site.output / "2023/folder"
    assert (page / "附件1.xlsx").read_bytes() == b"x" * 2048
    assert (page / "photo.png").is_file()
    assert not (page / "index.md").exists()
    html = (page / "index.html").read_text()
    assert '<a href="附件1.xlsx">附件1 项目表</a> <span class="attachments__size">（2 KB）</span>' in html
    assert '<img src="photo.png" alt="现场照片" />' in html


def test_series_neighbours_link_across_years(site: SiteDir) -> None:
    text = (site.root / "content/2023/badou-key-work.md").read_text()
    site.write("content/2022/badou-key-work.md", text.replace("2023", "2022").replace("2024-", "2023-")
               .replace("/2023-5432138", "/2023-1"))
    assert site.build().code == 0
    newer = (site.output / "2023/badou-key-work/index.html").read_text()
    older = (site.output / "2022/badou-key-work/index.html").read_text()
    assert 'rel="prev" href="../../2022/badou-key-work/index.html">上一年度：八陡镇2022年度重点工作情况' in newer
    assert 'rel="next" href="../../2023/badou-key-work/index.html">下一年度：八陡镇2023年度重点工作情况' in older


def test_progress_is_plain_lines_off_a_terminal_and_ends_with_one_summary(site: SiteDir) -> None:
    run = site.build()
    lines = run.out.splitlines()
    assert "… reading content" in lines and "… rendering PDFs (0 reused): 1" in lines
    assert re.fullmatch(r"built \d+ pages \(\d+ rendered\) into .+ \(1 PDFs rendered, 0 reused, 0 warning\(s\), \d+\.\d\d s\)", lines[-1])
    assert "\x1b[" not in run.out  # no terminal control codes in CI logs


def test_progress_bar_on_a_terminal(site: SiteDir) -> None:
    done = subprocess.run(["script", "-qec", f"{sys.executable} {ROOT / 'build.py'} --config "
                           f"{site.root / 'config.yaml'} --no-search", "/dev/null"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "━" in done.stdout and "rendering PDFs" in done.stdout  # rich's bar, redrawn in place
    assert "built " in done.stdout.splitlines()[-1]
