"""Incremental builds: a rebuild renders only what changed, and its result is byte-identical to a clean build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, snapshot
from reportsite.commands import main

FAST = ("--no-pdf", "--no-search")


def build(config: Path, out: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["build", "--config", str(config), "--out", str(out), *FAST, *args]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def rendered(summary: str) -> int:
    return int(re.search(r"\((\d+) rendered\)", summary).group(1))  # type: ignore[union-attr]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example site (three publishers, several series and years)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    shutil.copytree(ROOT / "content", site / "content")
    return site


def edit(site: Path) -> None:
    path = site / "content/2023/badou-key-work.md"
    path.write_text(path.read_text(encoding="utf-8").replace("20.69亿元", "20.70亿元"), encoding="utf-8")


def add(site: Path) -> None:
    text = (site / "content/2023/badou-key-work.md").read_text(encoding="utf-8")
    (site / "content/2022").mkdir(exist_ok=True)
    (site / "content/2022/badou-key-work.md").write_text(
        text.replace("2023", "2022").replace("2024-01-15", "2023-01-16").replace("/2024-5432138", "/2023-1"),
        encoding="utf-8")


def delete(site: Path) -> None:
    (site / "content/2024/pingtan-yizhidu-choucha.md").unlink()


def rename(site: Path) -> None:
    (site / "content/2023/badou-key-work.md").rename(site / "content/2023/badou-zhongdian.md")


def template(site: Path) -> None:
    (site / "templates/partials").mkdir(parents=True, exist_ok=True)
    source = (ROOT / "templates/partials/footer.html").read_text(encoding="utf-8")
    (site / "templates/partials/footer.html").write_text(source.replace('<footer class="site-footer">', '<footer class="site-footer" id="footer">'), encoding="utf-8")


def config(site: Path) -> None:
    path = site / "config.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("鲁ICP备00000000号", "鲁ICP备12345678号"),
                    encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit": edit, "add": add, "delete": delete, "rename": rename, "template": template, "config": config}


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_build_is_byte_identical_to_a_clean_build(example: Path, tmp_path: Path, change: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "incremental"
    build(example / "config.yaml", out, capsys=capsys)
    CHANGES[change](example)
    summary = build(example / "config.yaml", out, capsys=capsys)
    clean = tmp_path / "clean"
    build(example / "config.yaml", clean, "--clean", capsys=capsys)
    assert snapshot(out) == snapshot(clean)
    assert rendered(summary) > 0


def test_no_op_rebuild_renders_nothing(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = build(example / "config.yaml", out, capsys=capsys)
    assert rendered(first) > 0
    assert rendered(build(example / "config.yaml", out, capsys=capsys)) == 0


def test_one_edit_renders_that_report_and_the_pages_that_list_it(example: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    build(example / "config.yaml", out, capsys=capsys)
    inodes = {p: p.stat().st_ino for p in out.rglob("*.html")}
    edit(example)
    summary = build(example / "config.yaml", out, capsys=capsys)
    changed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.stat().st_ino != inodes.get(p))
    assert changed == ["2023/badou-key-work/index.html", "2023/index.html", "catalogue/index.html",
                       "categories/gong-zuo-zong-jie/index.html", "index.html", "publishers/badou/index.html",
                       "series/nian-du-zhong-dian-gong-zuo-qing-kuang/index.html"]
    assert rendered(summary) == len(changed)


def test_template_change_re_renders_exactly_the_pages_that_use_it(example: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    build(example / "config.yaml", out, capsys=capsys)
    (example / "templates").mkdir()
    source = (ROOT / "templates/catalogue.html").read_text(encoding="utf-8")
    (example / "templates/catalogue.html").write_text(source.replace("最新在前", "最新的在前"), encoding="utf-8")
    assert rendered(build(example / "config.yaml", out, capsys=capsys)) == 1


def test_clean_option_renders_everything(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = rendered(build(example / "config.yaml", out, capsys=capsys))
    assert rendered(build(example / "config.yaml", out, "--clean", capsys=capsys)) == first


def test_a_file_deleted_from_the_output_is_restored_by_the_next_build(example: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    build(example / "config.yaml", out, capsys=capsys)
    page = out / "2023/badou-key-work/index.html"
    expected = page.read_bytes()
    page.unlink()
    build(example / "config.yaml", out, capsys=capsys)
    assert page.read_bytes() == expected

