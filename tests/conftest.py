"""Shared fixtures: the example site built once, and small throw-away sites for error cases.

The suite runs under pytest-xdist (`-n auto --dist loadgroup`, pyproject.toml), one process per CPU.
`example_output` is built once per run and shared by the workers. Tests that must not run beside
each other carry `pytest.mark.xdist_group`, which keeps a group on one worker, one test at a time
(tests/test_suite_grouping.py checks that it still does):

- "signals": real builds sent signals or killed at chosen moments (test_signals, test_parallel,
  test_atomic, test_out_folder, test_started_in_background), whose timing another build beside
  them would skew;
- "preview": `serve` on a port picked free just before it binds (test_serve, test_serve_reload,
  browser/test_preview, test_screenshots, the serve test of test_messages_commands);
- one group per module whose fixture builds sites (browser/test_checks_catch_faults,
  browser/test_search_recall, test_determinism), so that they are built once, not once per worker;
  those fixtures are session-scoped, since other modules' tests run between theirs on a worker.

No test writes into the repository's own `.reportsite-cache/` or `output/`: tests build copies in
temporary folders, and the session fails if either appears (see pytest_sessionfinish).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import shutil
import signal
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import hypothesis
import pytest
from bs4 import BeautifulSoup

from reportsite.commands import main
from reportsite.core.yamlread import parse_mapping

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The suite reads reportsite's messages in English, the catalogue's source language, whatever the
#: machine's locale; the Chinese texts are asserted by the tests that ask for them (tests/test_messages.py).
#: LANGUAGE is gettext's own variable: it changes no locale, so no other program warns about it.
os.environ["LANGUAGE"] = "en"


def pytest_configure(config: pytest.Config) -> None:
    """In CI the property tests draw the same examples every run (derandomize, no example database),
    so a red CI run can be repeated and a green one is not a lucky draw; elsewhere they keep exploring.
    Hypothesis loads a like profile of its own when it sees CI; naming it here keeps the promise if
    that default changes. This runs before any test module is imported, so their @settings inherit it."""
    hypothesis.settings.register_profile("reportsite-ci", hypothesis.settings.get_profile("ci"),
                                         derandomize=True, database=None, print_blob=True, deadline=None)
    if os.environ.get("CI"):
        hypothesis.settings.load_profile("reportsite-ci")
    config.stash[_REPOSITORY_OUTPUT] = {name for name in REPOSITORY_OUTPUT if (ROOT / name).exists()}


#: What a build writes beside the repository's config.yaml; a test must build a copy instead.
REPOSITORY_OUTPUT = (".reportsite-cache", "output", ".output.lock")
_REPOSITORY_OUTPUT = pytest.StashKey[set[str]]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a test built into the repository itself (once, in the xdist controller)."""
    if hasattr(session.config, "workerinput"):
        return
    before = session.config.stash.get(_REPOSITORY_OUTPUT, set())
    written = sorted(name for name in REPOSITORY_OUTPUT if (ROOT / name).exists() and name not in before)
    if written:
        session.config.get_terminal_writer().line(
            f"\na test wrote into the repository: {', '.join(written)} (build a copy in tmp_path instead)", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


MINIMAL_CONFIG = """\
site:
  name: 测试镇人民政府
  domain: www.example.gov.cn
  base_url: https://www.example.gov.cn/town/
  id_code: "3703040001"
footer:
  sponsor: 测试镇人民政府
  icp: 鲁ICP备00000000号
  police: 鲁公网安备00000000000000号
publishers:
  badou:
    name: 博山区八陡镇
    code: 1137030400421863XL
"""

GOOD_REPORT = """\
---
title: 八陡镇2023年度重点工作情况
publisher: badou
index_no: 1137030400421863XL/2024-5432138
doc_no: ""
issued: 2024-01-15
published: 2024-01-15
series: 年度重点工作情况
category: 工作总结
---

## 一、工作开展情况

**一是经济运行稳中有进。**全年完成规上工业产值20.69亿元。
"""


def badge_png() -> bytes:
    """A small real PNG, standing in for the 党政机关网站标识 image a site is issued."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (55, 66), "#c00000").save(out, format="PNG")
    return out.getvalue()


def with_badge(site: "SiteDir") -> "SiteDir":
    """The site with the 党政机关网站标识 (footer.badge), the one footer item the guideline requires that
    MINIMAL_CONFIG cannot hold as text, so `check` warns of nothing but what a test makes."""
    site.write("党政机关标识.png", badge_png())
    config = (site.root / "config.yaml").read_text(encoding="utf-8")
    site.write("config.yaml", config.replace("footer:\n", "footer:\n  badge: 党政机关标识.png\n", 1))
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder with its content hash, to prove a failed build changed nothing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class SiteDir:
    """A small site in a temporary folder that a test can write files into and build."""

    root: Path
    capsys: pytest.CaptureFixture[str]

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def build(self, *args: str) -> Run:
        self.capsys.readouterr()
        code = main(["build", "--config", str(self.root / "config.yaml"), *args])
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)


@pytest.fixture
def ctrl_c_as_in_a_terminal() -> Iterator[None]:
    """SIGINT with Python's own handler, as a terminal starts the suite: one started in the background
    (`pytest … &`, or a non-interactive shell's job) inherits SIGINT ignored, and then a Ctrl+C a test
    sends itself never arrives, and the parent's disposition a test compares with is SIG_IGN. A runner
    may also start it with SIGINT blocked, which holds that Ctrl+C back just the same: it is unblocked."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    mask = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGINT, before)


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> SiteDir:
    """A valid one-report site, not yet built."""
    site = SiteDir(tmp_path / "site", capsys)
    site.write("config.yaml", MINIMAL_CONFIG)
    site.write("content/2023/badou-key-work.md", GOOD_REPORT)
    return site


@pytest.fixture(scope="session")
def example_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built once for all tests that only read it, from a copy of its
    config and content (the theme is the built-in one), so no test writes the repository's own cache.

    Once per run, not per pytest-xdist worker: the workers share the run's temporary folder, and the
    first to take the lock builds while the others wait for it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # each worker's folder sits in the run's
    site, built = shared / "example-site", shared / "example-site.built"
    with (shared / "example-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            shutil.rmtree(site, ignore_errors=True)
            site.mkdir()
            shutil.copy(ROOT / "config.yaml", site / "config.yaml")
            shutil.copytree(ROOT / "content", site / "content")
            assert main(["build", "--config", str(site / "config.yaml"), "--out", str(site / "output"),
                         "--quiet"]) == 0
            built.touch()
    return site / "output"


@pytest.fixture(scope="session")
def minimal_config(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """MINIMAL_CONFIG read as the build reads it, for unit tests that make model objects directly."""
    root = tmp_path_factory.mktemp("minimal-config")
    (root / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    return good_config(root / "config.yaml")[0]


def good_config(path: Path):  # type: ignore[no-untyped-def]
    """read_config for a config the test wrote correctly: its SiteConfig and warnings, or the errors shown."""
    from reportsite.config.load import read_config
    from reportsite.core.problems import has_errors

    config, problems = read_config(path)
    assert config is not None and not has_errors(problems), [str(p) for p in problems]
    return config, problems


def report_entry(config, name: str, title: str, published: str, **fields: object):  # type: ignore[no-untyped-def]
    """A content entry as the content stage hands it on, for `content/<name>` of a MINIMAL_CONFIG site,
    published at `published` (ISO, Beijing time); `fields` set anything else (series, index_no, draft…).
    Its body is never read: unit tests of the model and of renderers that read only metadata."""
    import datetime as dt

    from reportsite.content.entry import Body, Entry

    when = dt.datetime.fromisoformat(published)
    year = int(name.split("/")[0])
    source = Path("/site/content") / name
    values: dict[str, object] = dict(
        source=source, source_name=f"content/{name}", folder=None, slug=Path(name).stem, year=year, title=title,
        publisher=config.publishers[0], index_no=f"1137030400421863XL/{name}", doc_no="",
        issued=when.date(), published=when, series="", category="工作总结", keywords=(), summary="",
        attachments=(), files=(), status="", signer="", signed=None, metrics=(),
        body=Body(source, f"content/{name}", 10, "0" * 64), key_lines=(("title", 2), ("index_no", 4)))
    return Entry(**(values | fields))


def without_root_powers() -> list[str]:
    """A command prefix under which file modes apply even when the tests run as root (as in CI):
    setpriv (util-linux, always on Debian) drops the capabilities that let root read anything."""
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def run_main(*argv: str) -> Run:
    """A command as the CLI runs it, with what it printed; for tests without a SiteDir."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


def front_matter(path: Path) -> dict[str, object]:
    """The parsed front matter of a report file that a command wrote."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return parse_mapping(text.split("---\n")[1]).data
