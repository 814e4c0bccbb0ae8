"""PDF benchmark: milliseconds per page, and the worker pool's speed-up over one worker.

    .venv/bin/python bench/pdf_bench.py [--reports 50] [--rounds 3]

Generates a deterministic corpus, then renders every PDF with no cache, once
with a single worker and once with one warm worker per core, alternating the
two and taking medians so a noisy neighbour hurts both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from bench.corpus import generate  # noqa: E402
from reportsite.output.cache import BuildCache  # noqa: E402
from reportsite.config.load import read_config  # noqa: E402
from reportsite.content.read import read_content  # noqa: E402
from reportsite.model import build_site  # noqa: E402
from reportsite.output.writer import StagedOutput  # noqa: E402
from reportsite.output.keys import pdf_key  # noqa: E402
from reportsite.render.pdf import PdfRenderer, pdf_path  # noqa: E402
from reportsite.render.templates import make_environment  # noqa: E402


def render_once(site, env, workdir: Path, workers: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds to render every PDF from scratch, and the pages rendered."""
    cache = BuildCache(Path(tempfile.mkdtemp(dir=workdir)))
    with StagedOutput(workdir / f"out-{workers}") as writer:
        started = time.perf_counter()
        renderer = PdfRenderer(site, env, cache, workers=workers)
        keys = {pdf_path(r): pdf_key(r, (*renderer.shared, cache.code)) for r in site.reports}
        stats, _ = renderer.render_all(writer, keys, {})
        seconds = time.perf_counter() - started
        pages = sum(len(PdfReader(p).pages) for p in writer.staging.rglob("*.pdf"))
    assert stats.rendered == len(site.reports)
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        config, _ = read_config(generate(args.reports, workdir / "site"))
        reports, _ = read_content(config)
        site, _ = build_site(config, reports)
        env = make_environment(config)
        times: dict[int, list[float]] = {1: [], cores: []}
        pages = 0
        for _ in range(args.rounds):
            for workers in (1, cores):
                seconds, pages = render_once(site, env, workdir, workers)
                times[workers].append(seconds)
    single, pool = statistics.median(times[1]), statistics.median(times[cores])
    print(f"{args.reports} reports, {pages} pages, {cores} cores, median of {args.rounds} alternating rounds")
    print(f"one worker:          {single:6.2f} s  {1000 * single / pages:6.1f} ms/page")
    print(f"{cores} warm workers:     {pool:6.2f} s  {1000 * pool / pages:6.1f} ms/page amortised")
    print(f"pool speed-up:       {single / pool:6.2f}x  (target ≥ 1.7x on 2 cores, ≤ 20 ms/page)")


if __name__ == "__main__":
    main()
