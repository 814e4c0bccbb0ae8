"""Which files an import reads from the paths it is given: pages in name order, each once; the files
a browser saved beside a page and a website's other files left alone; a link loop reported."""

from __future__ import annotations

from pathlib import Path

from reportsite.core.problems import Problem
from reportsite.tools.importer.sources import gather


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_gives_its_pages_in_name_order_and_leaves_the_rest_alone(tmp_path: Path) -> None:
    for name in ("b.html", "a.txt", "c.shtml", "sub/d.htm", "page_files/e.html", "page.html", "style.css",
                 ".DS_Store", "scan.PNG", "notes.md"):
        touch(tmp_path / name)
    found = gather([tmp_path])
    assert found.items == tuple(tmp_path / name for name in ("a.txt", "b.html", "c.shtml", "page.html", "scan.PNG",
                                                             "sub/d.htm"))
    assert found.left_alone == tuple(tmp_path / name for name in ("notes.md", "page_files", "style.css"))


def test_a_file_given_is_read_whatever_its_suffix_and_each_file_once(tmp_path: Path) -> None:
    page, other = touch(tmp_path / "p.html"), touch(tmp_path / "export.dat")
    (tmp_path / "again.html").symlink_to("p.html")
    assert gather([other, page, tmp_path, page]).items == (other, page)


def test_a_folder_named_like_a_page_assets_folder_without_its_page_is_walked(tmp_path: Path) -> None:
    inside = touch(tmp_path / "old_files/report.html")
    assert gather([tmp_path]).items == (inside,)


def test_a_link_back_up_is_one_problem_in_its_place(tmp_path: Path) -> None:
    first, last = touch(tmp_path / "a.html"), touch(tmp_path / "z.html")
    (tmp_path / "m").mkdir()
    (tmp_path / "m/up").symlink_to("..")
    items = gather([tmp_path]).items
    assert items[0] == first and items[2] == last
    assert isinstance(items[1], Problem) and items[1].path == str(tmp_path / "m/up")
    assert str(items[1]) == (f"{tmp_path / 'm/up'}: this link leads back to {tmp_path.resolve()}, a folder being "
                             "imported, so it was not followed; remove the link")


def test_the_content_folder_being_written_is_not_walked(tmp_path: Path) -> None:
    page = touch(tmp_path / "saved.html")
    touch(tmp_path / "content/2024/a.txt")  # an attachment of a report, not a saved page
    found = gather([tmp_path], tmp_path / "content")
    assert found.items == (page,) and found.left_alone == ()


def test_a_folder_without_pages_says_so(tmp_path: Path) -> None:
    touch(tmp_path / "style.css")
    [problem] = gather([tmp_path]).items
    assert str(problem) == (f"{tmp_path}: this folder holds no saved pages (.html, .htm, .shtml or .txt files); "
                            "check that it is the right folder")
