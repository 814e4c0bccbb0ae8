"""Which of two clashing reports was added first: git's add, a file not committed after every one
that is, and the modification time where git cannot tell."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from reportsite.content.added import added_order


def write(path: Path, when: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    os.utime(path, (when, when))
    return path


def commit(root: Path, message: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "编辑",
           "GIT_AUTHOR_EMAIL": "e@example.gov.cn", "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "e@example.gov.cn"}
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def earliest_first(paths: list[Path]) -> list[str]:
    order = added_order(paths)
    return [p.name for p in sorted(paths, key=order.__getitem__)]


def test_outside_git_the_older_file_comes_first(tmp_path: Path) -> None:
    older, newer = write(tmp_path / "z.md", 1_600_000_000), write(tmp_path / "a.md", 1_700_000_000)
    assert earliest_first([newer, older]) == ["z.md", "a.md"]


def test_git_decides_before_the_file_times(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    first = write(tmp_path / "content/2023/z.md", 1_700_000_000)
    commit(tmp_path, "one", "2024-01-15T10:00:00+08:00")
    second = write(tmp_path / "content/2023/m.md", 1_500_000_000)
    commit(tmp_path, "two", "2024-02-15T10:00:00+08:00")
    uncommitted = write(tmp_path / "content/2023/a.md", 1_400_000_000)
    assert earliest_first([uncommitted, second, first]) == ["z.md", "m.md", "a.md"]
