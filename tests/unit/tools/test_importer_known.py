"""What content/ already holds: a report is the same one by its 索引号, or by title and date when it
has none; reports the build would refuse still count, files that cannot be read do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportsite.tools.importer.batch import FORCE, SKIP, UPDATE, Imported, decide
from reportsite.tools.importer.known import Identity, KnownReports, Match, identity
from reportsite.tools.importer.options import Converted


def report(folder: Path, name: str, front: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n正文。\n", encoding="utf-8")
    return path


def test_identity_reads_dates_as_yaml_gives_them_and_ignores_spacing() -> None:
    assert identity({"title": "某镇  2023年\n工作总结", "issued": dt.date(2024, 1, 5), "index_no": " X/2024-1 "}) == \
        Identity("X/2024-1", "某镇 2023年 工作总结", "2024-01-05")
    assert identity({"title": "某镇", "issued": "2024-01-05 09:30"}) == Identity("", "某镇", "2024-01-05")


def test_content_is_read_with_reports_the_build_refuses(tmp_path: Path) -> None:
    refused = report(tmp_path, "2023/a.md", "title: 甲\nissued: 2024-01-05\nyear: 二〇二三\nindex_no: X/2024-1\n")
    undated = report(tmp_path, "2023/b.md", "title: 乙\nissued: 2024-01-06\n")
    report(tmp_path, "2023/c.md", "title: [unclosed\n")  # not YAML: nothing to know it by
    (tmp_path / "2023/d.md").write_bytes(b"\xff\xfe\x00")
    known = KnownReports.read(tmp_path)
    assert known.find(Identity("X/2024-1", "另一个标题", "2025-01-01")) == Match(refused, True)
    assert known.find(Identity("", "甲", "2024-01-05")) == Match(refused, False)  # filed by title and date too
    assert known.find(Identity("", "乙", "2024-01-06")) == Match(undated, False)
    assert known.find(Identity("X/2024-2", "乙", "2024-01-06")) is None  # a 索引号 of its own: another report
    assert KnownReports.read(tmp_path / "missing").find(Identity("", "乙", "2024-01-06")) is None


def page(title: str) -> Imported:
    return Imported("p.html", Converted(2024, "x", "", ()), (), Identity("", title, "2024-01-05"))


def test_what_a_run_does_with_a_page_it_holds_already(tmp_path: Path) -> None:
    known = KnownReports()
    existing, earlier = tmp_path / "2023/a.md", tmp_path / "2023/b.md"
    known.add(existing, Identity("", "甲", "2024-01-05"), this_run=False)
    known.add(earlier, Identity("", "乙", "2024-01-05"))
    assert [decide(page("甲"), known, mode).action for mode in (SKIP, UPDATE, FORCE)] == ["skip", "rewrite", "write"]
    assert decide(page("甲"), known, UPDATE).existing == existing
    # what this run wrote a moment ago is never rewritten by another page of the run
    assert [decide(page("乙"), known, mode).action for mode in (SKIP, UPDATE, FORCE)] == ["skip", "skip", "write"]
    assert decide(page("丙"), known, SKIP).action == "write"
    assert decide(Imported("bad.html", None), known, SKIP).action == "fail"
