"""The command line as the maintainer uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SiteDir


def test_default_output_is_beside_the_config_whatever_the_cwd(site: SiteDir, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = site.build()
    assert run.code == 0
    assert (site.root / "output/2023/badou-key-work/index.html").is_file()
    assert f"built 4 pages into {site.output}" in run.out


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
    for args in ([], ["build"]):
        out = tmp_path / ("a" if args else "b")
        done = run_cli(*args, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert (out / "2023/badou-key-work/index.html").is_file()


def test_real_process_error_has_no_traceback(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work.md", "---\ntitle: [\n---\n正文\n")
    done = run_cli("--config", str(site.root / "config.yaml"))
    assert done.returncode == 1
    assert "content/2023/badou-key-work.md:" in done.stderr and "YAML syntax error" in done.stderr
    assert "Traceback" not in done.stderr
