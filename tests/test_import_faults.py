"""`import` on inputs that are not saved pages, or are pages no one should have to import as HTML.

Each case once ended in a hang or an "internal error"; what an editor must see instead is one
line naming the file and what to do, exit code 1, and never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Run, run_main, without_root_powers
from reportsite.tools.importer import html_page as importer

SAMPLE = ROOT / "tests/fixtures/import/chengxi-fazhi-2023.html"
TOO_DEEP = "the HTML is nested too deeply to import"


def run_import(*argv: str) -> Run:
    return run_main("import", *argv)


def assert_clean_failure(run: Run) -> None:
    assert run.code == 1
    assert "Traceback" not in run.out + run.err and "internal error" not in run.out + run.err


def nested(depth: int) -> str:
    """The sample page with its whole body wrapped in `depth` <div>s."""
    page = SAMPLE.read_text(encoding="utf-8")
    return page.replace("<body>", "<body>" + "<div>" * depth).replace("</body>", "</div>" * depth + "</body>")


def test_deeply_nested_html_fails_fast_naming_the_file(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 200_000 + "正文" + "</div>" * 200_000 + "</body></html>",
                    encoding="utf-8")
    started = time.monotonic()
    run = run_import(str(page), "--to", str(tmp_path / "content"))
    assert time.monotonic() - started < 10  # it took 20 s to reach a RecursionError
    assert_clean_failure(run)
    assert f"{page}:1: {TOO_DEEP}" in run.err and "save it as text (.txt)" in run.err
    assert not (tmp_path / "content").exists()


def test_html_nested_a_few_hundred_deep_still_imports(tmp_path: Path) -> None:
    page = tmp_path / "wrapped.html"
    page.write_text(nested(300), encoding="utf-8")
    run = run_import(str(page), "--to", str(tmp_path / "content"))
    assert run.code == 0, run.err
    assert run.out.strip().endswith(".md")


def test_html_deeper_than_the_walks_can_go_is_the_same_clear_error(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """If a caller's stack leaves less room than MAX_NESTING allows for, the walk's RecursionError
    still becomes the message, not an internal error."""
    def overflow(*args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(importer, "_metadata_blocks", overflow)
    page = tmp_path / "wrapped.html"
    page.write_text(nested(10), encoding="utf-8")
    run = run_import(str(page), "--to", str(tmp_path / "content"))
    assert_clean_failure(run)
    assert f"{page}: {TOO_DEEP}" in run.err


def import_in_a_process(path: Path, to: Path) -> subprocess.CompletedProcess[str]:
    """In a child process with a timeout, since reading a named pipe used to block forever."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "import", str(path), "--to", str(to)],
                          capture_output=True, text=True, timeout=60)


def test_only_regular_files_are_imported(tmp_path: Path) -> None:
    odd = tmp_path / "page.html"
    os.mkfifo(odd)
    done = import_in_a_process(odd, tmp_path / "content")
    assert_clean_failure(Run(done.returncode, done.stdout, done.stderr))
    assert f"{odd}: cannot import a named pipe: give the path of a page saved from the old site" in done.stderr


def test_a_folder_without_pages_is_one_line(tmp_path: Path) -> None:
    """A folder is walked for pages now (tests/test_import_batch.py); one with none says so."""
    folder = tmp_path / "page.html"
    folder.mkdir()
    done = import_in_a_process(folder, tmp_path / "content")
    assert_clean_failure(Run(done.returncode, done.stdout, done.stderr))
    assert done.stderr == (f"{folder}: this folder holds no saved pages (.html, .htm, .shtml or .txt files); "
                           "check that it is the right folder\n")


def test_a_device_is_not_imported(tmp_path: Path) -> None:
    done = import_in_a_process(Path(os.devnull), tmp_path / "content")
    assert_clean_failure(Run(done.returncode, done.stdout, done.stderr))
    assert f"{os.devnull}: cannot import a device" in done.stderr


def test_an_unreadable_file_says_how_to_make_it_readable(tmp_path: Path) -> None:
    page = tmp_path / "locked.html"
    page.write_text(nested(1), encoding="utf-8")
    page.chmod(0)
    done = subprocess.run([*without_root_powers(), sys.executable, str(ROOT / "build.py"), "import", str(page),
                           "--to", str(tmp_path / "content")], capture_output=True, text=True, timeout=60)
    assert_clean_failure(Run(done.returncode, done.stdout, done.stderr))
    assert f"{page}: cannot read the file: permission denied; make it readable (chmod u+r {page})" in done.stderr
