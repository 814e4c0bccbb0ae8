"""Ctrl+C, SIGTERM and SIGKILL while forked workers run: one line, never a traceback, never a stray worker.

Real builds (`build.py` in its own session, with SIGINT at its default as in a
terminal) are signalled as soon as their forked workers exist: the warm PDF
workers while they start up, and the page workers of `fork_map`. Ctrl+C goes to
the whole process group, as a terminal sends it; SIGTERM and SIGKILL go to the
build alone, as `kill PID` does, so the workers must be stopped by the build
or, when it is killed outright, by the kernel. In-process builds check the
message at the two moments a real signal can't be timed to: while pages are
written, and as output/ is swapped.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, SiteDir, snapshot
from reportsite.output import writer as output


# Signals and kills sent to real builds, and their timing: one at a time, on one worker (pytest-xdist).
pytestmark = [pytest.mark.usefixtures("ctrl_c_as_in_a_terminal"), pytest.mark.xdist_group("signals")]

PARAGRAPH = "全年完成规上工业产值20.69亿元，同比增长8.3%，高于全区平均水平。" * 6
#: Generous limits for a shared, slow machine; they bound waits, they are never the assertion.
PATIENCE = 180
PR_SET_CHILD_SUBREAPER = 36


def report(n: int, sections: int) -> str:
    body = "\n\n".join(f"### （{i}）第{n}篇第{i}节\n\n{PARAGRAPH}" for i in range(1, sections + 1))
    return (GOOD_REPORT.replace("5432138", f"{n:07d}").replace("八陡镇2023年度", f"八陡镇2023年度{n}号")
            + "\n" + body + "\n")


@dataclass(frozen=True)
class Site:
    """A site whose output/ holds an older build: a build that finished would change it."""

    root: Path
    options: tuple[str, ...]
    reference: Path

    @property
    def out(self) -> Path:
        return self.root / "output"

    def staging(self) -> list[Path]:
        return sorted(self.root.glob(".output.staging-*"))

    def reset(self) -> dict[str, str]:
        """Put the old site back in output/; return its snapshot."""
        shutil.rmtree(self.out, ignore_errors=True)
        for leftover in self.staging():
            shutil.rmtree(leftover, ignore_errors=True)
        shutil.copytree(self.reference, self.out)
        return snapshot(self.out)


def start_build(site: Site) -> subprocess.Popen[str]:
    """A build in its own session, with Ctrl+C at its default as in a terminal (a child of a
    non-interactive shell would otherwise inherit SIGINT ignored)."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--config", str(site.root / "config.yaml"), "--clean",
         "--no-search", *site.options],
        cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509 - tests only
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def make_site(root: Path, reports: int, sections: int, options: tuple[str, ...]) -> Site:
    """Build the old content into a reference folder, then change every report."""
    root.mkdir(parents=True)
    (root / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    for version in ("old", "new"):
        for n in range(1, reports + 1):
            path = root / f"content/2023/report-{n}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(report(n, sections) + f"\n{version}\n", encoding="utf-8")
        if version == "old":
            done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(root / "config.yaml"),
                                   "--out", str(root / "reference"), "--no-search", *options],
                                  cwd=root, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stdout + done.stderr
    return Site(root, options, root / "reference")


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A few reports with PDFs: the build forks warm PDF workers."""
    return make_site(tmp_path_factory.mktemp("signals") / "pdf", 4, 12, ())


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Enough reports that the pages render in forked `fork_map` workers."""
    return make_site(tmp_path_factory.mktemp("signals") / "pages", 600, 12, ("--no-pdf",))


def forked_workers(process: subprocess.Popen[str]) -> list[psutil.Process]:
    """The build's forked children: they share its command line (fc-list, Pagefind do not)."""
    try:
        parent = psutil.Process(process.pid)
        command = parent.cmdline()
        return [child for child in parent.children(recursive=True) if child.cmdline() == command]
    except psutil.Error:
        return []


def same_command(process: subprocess.Popen[str]) -> list[psutil.Process]:
    """Every other process running this build's command line (unique: it names a temporary
    folder), wherever it was re-parented: workers forked after the first were seen included."""
    found = []
    for other in psutil.process_iter():
        try:
            if other.pid != process.pid and other.cmdline() == process.args:
                found.append(other)
        except psutil.Error:
            pass
    return found


def alive(workers: list[psutil.Process]) -> list[psutil.Process]:
    """Workers still running; a zombie has finished, only its exit status is left."""
    running = []
    for worker in workers:
        try:
            if worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE:
                running.append(worker)
        except psutil.NoSuchProcess:
            pass
    return running


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    workers: list[psutil.Process]


@contextmanager
def signal_when_workers_run(site: Site, number: int, group: bool) -> Iterator[Outcome]:
    """Start a build, send `number` once its workers exist (to its group or to it alone), and
    yield how it ended; afterwards make sure nothing of it is left running."""
    process = start_build(site)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True)
    reader.start()
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + PATIENCE
        while not workers and process.poll() is None:
            assert time.monotonic() < deadline, f"no worker appeared; output so far: {lines}"
            workers = forked_workers(process)
            time.sleep(0.005)
        assert workers, f"the build ended before any worker appeared: {''.join(lines)}"
        (os.killpg if group else os.kill)(process.pid, number)
        process.wait(timeout=PATIENCE)
        reader.join(timeout=30)  # a worker that outlived the build would hold the pipe open
        workers += [other for other in same_command(process) if other not in workers]
        yield Outcome(process.returncode, "".join(lines), workers)
    finally:
        kill_everything(process, workers)


def kill_everything(process: subprocess.Popen[str], workers: list[psutil.Process]) -> None:
    """Whatever a test left running: the build's whole group, and any worker that outlived it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for worker in alive(workers):
        worker.kill()


def workers_left(workers: list[psutil.Process]) -> list[psutil.Process]:
    """Wait, generously, for the workers to go; return the ones that did not."""
    deadline = time.monotonic() + 30
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive(workers)


@pytest.mark.parametrize(("number", "group", "code"), [
    (signal.SIGINT, True, 130),    # Ctrl+C in a terminal: the build and its workers all get it
    (signal.SIGTERM, False, 143),  # `kill PID`: only the build gets it
])
@pytest.mark.parametrize("kind", ["pdf", "pages"])
def test_stopped_build_says_so_and_leaves_nothing(kind: str, number: int, group: bool, code: int,
                                                  request: pytest.FixtureRequest) -> None:
    site: Site = request.getfixturevalue(f"{kind}_site")
    old = site.reset()
    with signal_when_workers_run(site, number, group) as outcome:
        assert outcome.code == code, outcome.output
        assert "Traceback" not in outcome.output and "internal error" not in outcome.output, outcome.output
        assert "build: " in outcome.output and "output/ is unchanged" in outcome.output, outcome.output
        assert snapshot(site.out) == old, "an interrupted build changed output/"
        assert site.staging() == [], "an interrupted build left its staging folder"
        assert workers_left(outcome.workers) == [], "a worker outlived the interrupted build"


@pytest.mark.parametrize("kind", ["pdf", "pages"])
def test_killed_builds_workers_die_with_it(kind: str, request: pytest.FixtureRequest) -> None:
    """SIGKILL to the build alone: it can do nothing, so the kernel must end its workers."""
    site: Site = request.getfixturevalue(f"{kind}_site")
    old = site.reset()
    with signal_when_workers_run(site, signal.SIGKILL, group=False) as outcome:
        assert outcome.code == -signal.SIGKILL, outcome.output
        assert "Traceback" not in outcome.output, outcome.output
        assert snapshot(site.out) == old, "a killed build changed output/"
        assert workers_left(outcome.workers) == [], "a worker outlived the killed build"


def interrupt_self(*args: object, **kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGINT)


@pytest.mark.parametrize("other_thread", [False, True])
def test_ctrl_c_during_the_swap_waits_for_it_and_says_the_new_site_is_in(site: SiteDir, other_thread: bool,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C as output/ is swapped: the swap finishes first, and the message says which site is there.

    With another thread running (a progress bar has one), the kernel hands the signal to that
    thread, since this one holds it back; it must still wait for the swap."""
    if other_thread:
        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
    assert site.build("--no-pdf", "--no-search").code == 0
    site.write("content/2023/badou-key-work.md", GOOD_REPORT.replace("20.69亿元", "21.00亿元"))
    exchange = output._exchange

    def interrupted_exchange(a: Path, b: Path) -> bool:
        interrupt_self()
        return exchange(a, b)

    monkeypatch.setattr(output, "_exchange", interrupted_exchange)
    run = site.build("--no-pdf", "--no-search")
    assert run.code == 130 and "Traceback" not in run.err
    assert "build: interrupted; the new site is already in " in run.err, run.err
    assert "21.00亿元" in (site.output / "2023/badou-key-work/index.html").read_text(encoding="utf-8")
    assert not list(site.root.glob(".output.staging-*[0-9]"))


def test_ctrl_c_while_rendering_removes_the_staging_folder(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    assert site.build("--no-pdf", "--no-search").code == 0
    old = snapshot(site.output)
    monkeypatch.setattr(output.StagedOutput, "write_text", interrupt_self)
    run = site.build("--no-pdf", "--no-search", "--clean")
    assert run.code == 130 and "Traceback" not in run.err
    assert run.err.startswith("build: interrupted; ") and run.err.endswith("/output/ is unchanged\n"), run.err
    assert snapshot(site.output) == old
    assert not list(site.root.glob(".output.staging-*"))


@contextmanager
def adopting_orphans() -> Iterator[None]:
    """Make this process the subreaper of what it starts (Linux), so that a process orphaned by a
    killed build is re-parented here and its exit status can be read: was it killed, or did it
    run on to the end?"""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    try:
        yield
    finally:
        prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def test_pagefind_dies_with_a_killed_build(pages_site: Site) -> None:
    """Pagefind is the build's own child, set to die with it: SIGKILL to the build kills the indexer
    too, rather than leaving it to run on (its exit status says which happened)."""
    pages_site.reset()
    with adopting_orphans():
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--config", str(pages_site.root / "config.yaml"), "--clean",
             "--no-pdf"], cwd=pages_site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        indexers: list[psutil.Process] = []
        try:
            deadline = time.monotonic() + PATIENCE
            while not indexers and process.poll() is None and time.monotonic() < deadline:
                try:
                    indexers = [p for p in psutil.Process(process.pid).children(recursive=True)
                                if "pagefind" in p.name()]
                except psutil.Error:
                    pass
                time.sleep(0.01)
            assert indexers, "the build ended before Pagefind started"
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=PATIENCE)
            _, status = os.waitpid(indexers[0].pid, 0)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                f"Pagefind ran on after the build was killed (wait status {status})"
        finally:
            kill_everything(process, indexers)
