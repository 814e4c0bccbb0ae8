"""A killed build leaves output/ whole: byte for byte the old site or the new one, never a mix, never missing.

Real builds (`build.py` in a subprocess, PDFs and search on) are killed with
SIGKILL, together with their PDF workers and Pagefind, at several moments:
while starting, while PDFs render, while they are placed, and as the new site
is swapped in. The output is then compared with reference builds of the old and
the new content. The next build must clear what a killed one left behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, snapshot

# Signals and kills sent to real builds, and their timing: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("signals")

PARAGRAPH = "全年完成规上工业产值20.69亿元，同比增长8.3%，高于全区平均水平。" * 6


def report(n: int, version: str) -> str:
    """Report n of a content version; every report differs between versions, so every PDF re-renders."""
    body = "\n\n".join(f"### （{i}）{version}版第{n}篇第{i}节\n\n{PARAGRAPH}" for i in range(1, 13))
    return (GOOD_REPORT.replace("5432138", f"{n:07d}").replace("八陡镇2023年度", f"八陡镇2023年度{version}版{n}号")
            + "\n" + body + "\n")


#: The old site has reports 1–4; the new one 2–5, each rewritten: pages and PDFs are added, removed and changed.
VERSIONS = {"old": range(1, 5), "new": range(2, 6)}


@dataclass
class Sites:
    root: Path
    out: Path
    old: dict[str, str]
    new: dict[str, str]
    reference_old: Path

    @property
    def cache(self) -> Path:
        return self.root / ".reportsite-cache"

    def staging(self) -> list[Path]:
        return sorted(self.out.parent.glob(f".{self.out.name}.staging-*"))

    def use(self, version: str) -> None:
        shutil.rmtree(self.root / "content", ignore_errors=True)
        for n in VERSIONS[version]:
            path = self.root / f"content/2023/report-{n}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(report(n, version), encoding="utf-8")


def start_build(root: Path, out: Path) -> subprocess.Popen[str]:
    """A real build in its own process group, so its PDF workers and Pagefind die with it."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--config", str(root / "config.yaml"), "--out", str(out)],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def run_build(root: Path, out: Path) -> None:
    process = start_build(root, out)
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Reference builds of the old and the new content, from cold caches."""
    root = tmp_path_factory.mktemp("atomic") / "site"
    root.mkdir()
    (root / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    reference = {}
    for version in ("old", "new"):
        shutil.rmtree(root / ".reportsite-cache", ignore_errors=True)
        Sites(root, root, {}, {}, root).use(version)
        run_build(root, root / f"reference-{version}")
        reference[version] = snapshot(root / f"reference-{version}")
    assert reference["old"] != reference["new"]
    assert any(name.endswith(".pdf") for name in reference["new"])
    assert any(name.startswith("pagefind/") for name in reference["new"])
    return Sites(root, root / "output", reference["old"], reference["new"], root / "reference-old")


#: When to kill a build: given its output lines so far (and the folders the test looks at).
Moment = Callable[[list[str]], bool]
SWAP = "swapping in the new site"


@dataclass(frozen=True)
class Kill:
    left: str  # "old" or "new": the site found in output/ afterwards
    killed: bool  # False if the build ended before its moment came
    swap_announced: bool  # the build had printed that it was swapping: from then on either site may be left


def stage(name: str) -> Moment:
    """A stage line of the build's plain progress (CI and pipes get one per stage)."""
    return lambda lines: any(name in line for line in lines)


def kill_when(sites: Sites, moment: Moment, cold: bool = True, limit: float = 120) -> Kill:
    """Start a new build over the old output and SIGKILL its process group as soon as `moment` holds,
    checked on every line the build prints and, for folder markers, between lines."""
    shutil.rmtree(sites.out, ignore_errors=True)
    shutil.copytree(sites.reference_old, sites.out)
    if cold:
        shutil.rmtree(sites.cache, ignore_errors=True)
    process = start_build(sites.root, sites.out)
    lines: list[str] = []
    lock = threading.Lock()
    killed = threading.Event()

    def kill_if_due() -> None:
        with lock:
            if not killed.is_set() and process.poll() is None and moment(lines):
                os.killpg(process.pid, signal.SIGKILL)
                killed.set()

    def read() -> None:
        for line in process.stdout or ():
            with lock:
                lines.append(line)
            kill_if_due()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started = time.monotonic()  # a guard against a hang, never the moment itself
    try:
        while process.poll() is None and not killed.is_set():
            assert time.monotonic() - started < limit, f"the moment never came; output so far: {lines}"
            kill_if_due()
            time.sleep(0.005)
    finally:
        with lock:
            if process.poll() is None and not killed.is_set():
                os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        reader.join(timeout=30)
    assert sites.out.is_dir(), "output/ is missing after the kill"
    swap_announced = any(SWAP in line for line in lines)  # all it printed before it died
    found = snapshot(sites.out)
    for name, site in (("old", sites.old), ("new", sites.new)):
        if found == site:
            return Kill(name, killed.is_set(), swap_announced)
    mixed = sorted(set(found.items()) ^ set(sites.old.items()))[:5]
    pytest.fail(f"output/ is neither the old nor the new site; first differences from the old: {mixed}")


def pdf_files(folder: Path) -> list[Path]:
    return list(folder.rglob("*.pdf")) if folder.is_dir() else []


def test_killed_build_leaves_the_old_or_the_new_site(sites: Sites) -> None:
    """Killed at each stage before the swap, the old site is left whole; killed as it swaps, either
    site, never a mix. Each moment is a line the build printed or a file it wrote, not a delay."""
    sites.use("new")
    moments: dict[str, Moment] = {
        "as it starts reading content": stage("reading content"),
        "as PDFs start rendering": stage("rendering PDFs"),
        "once a PDF is rendered": lambda lines: len(pdf_files(sites.cache / "pdf")) >= 1,
        "while PDFs are placed": lambda lines: any(pdf_files(folder) for folder in sites.staging()),
        "as pages render": stage("rendering pages"),
        "as it indexes for search": stage("indexing for search"),
    }
    kills = {name: kill_when(sites, moment) for name, moment in moments.items()}
    assert [name for name, kill in kills.items() if not kill.killed] == [], "these builds ended before their moment"
    assert [name for name, kill in kills.items() if kill.swap_announced] == [], "these kills came after the swap began"
    assert {name: kill.left for name, kill in kills.items()} == dict.fromkeys(moments, "old")
    # The swap takes milliseconds, so this kill may land after it, or the build may even end first:
    # kill_when fails on anything but the whole old or the whole new site.
    kill_when(sites, stage(SWAP), cold=False)


def test_next_build_clears_what_a_killed_build_left(sites: Sites) -> None:
    sites.use("new")
    assert kill_when(sites, lambda lines: any(pdf_files(folder) for folder in sites.staging())).killed
    left = sites.staging()
    assert left, "the killed build left no staging folder, so there is nothing to clear"
    run_build(sites.root, sites.out)
    assert snapshot(sites.out) == sites.new
    assert not any(path.exists() for path in left)
    # the build's own previous tree (`…-old`) is deleted by a detached `rm`; give it time to finish
    waited = time.monotonic()
    while sites.staging() and time.monotonic() - waited < 30:
        time.sleep(0.05)
    assert sites.staging() == []
