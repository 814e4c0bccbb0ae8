"""What exact Chinese search costs: Pagefind over the pages as they are, against reportsite's index,
in which every Han character is a word (reportsite/render/search.py).

Builds an N-report corpus once, HTML only, then indexes that same site both ways, alternating, in this
process tree, and prints the median seconds and the index size of each, with the ratios. The pages
are the same for both; only what Pagefind reads differs.

    .venv/bin/python bench/search_bench.py [--reports 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate  # noqa: E402
from reportsite.commands import main  # noqa: E402
from reportsite.render.search import build_search_index, pagefind_executable  # noqa: E402


def plain_index(site: Path) -> None:
    """Pagefind as a site without reportsite's spacing would run it."""
    subprocess.run([str(pagefind_executable()), "--site", str(site), "--force-language", "zh", "--silent"],
                   check=True, capture_output=True)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed(index: object, site: Path) -> tuple[float, int]:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    started = time.perf_counter()
    index(site)  # type: ignore[operator]
    return time.perf_counter() - started, size(site / "pagefind")


def run(reports: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        root = generate(reports, Path(tmp) / "corpus")
        site = Path(tmp) / "site"
        if main(["build", "--config", str(root), "--out", str(site), "--no-pdf", "--no-search",
                 "--quiet"]) != 0:
            raise SystemExit("the corpus did not build")
        results: dict[str, list[tuple[float, int]]] = {"pagefind as is": [], "reportsite (exact)": []}
        for _ in range(rounds):
            results["pagefind as is"].append(timed(plain_index, site))
            results["reportsite (exact)"].append(timed(build_search_index, site))
    base_time = statistics.median(t for t, _ in results["pagefind as is"])
    base_size = results["pagefind as is"][0][1]
    print(f"{reports} reports, {rounds} rounds, median of each")
    for name, runs in results.items():
        seconds = statistics.median(t for t, _ in runs)
        print(f"  {name:20} {seconds:7.2f} s  ({seconds / base_time:4.2f}×)   index {runs[0][1] / 1e6:6.1f} MB "
              f"({runs[0][1] / base_size:4.2f}×)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.reports, args.rounds)
