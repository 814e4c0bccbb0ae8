"""The search index, built by Pagefind's extended binary (the only one that segments Chinese).

It runs over the staged site after the pages are written; only report bodies
are indexed (`data-pagefind-body`), with title, year and publisher as metadata.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..cache import Manifest
from ..errors import Problem
from ..output import StagedOutput
from ..parallel import die_with_parent


class SearchProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def build_search_index(site_dir: Path) -> None:
    """Write `pagefind/` into the site; a failure is a build error, never a site without search."""
    try:
        command = [str(pagefind_executable()), "--site", str(site_dir), "--force-language", "zh", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=die_with_parent)
    except (OSError, ImportError, subprocess.TimeoutExpired) as exc:
        raise SearchProblem(Problem("search", None, f"could not run Pagefind ({exc}); reinstall with "
                                                    "`bash scripts/setup.sh`")) from None
    if done.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SearchProblem(Problem("search", None, f"Pagefind failed to index the site: {detail[0]} "
                                                    "(check that pagefind[extended] is installed)"))


def pagefind_executable() -> Path:
    """Pagefind's own binary, run directly rather than through `python -m pagefind`, so that it is
    our child and dies with the build even when the build is SIGKILLed (see parallel.die_with_parent)."""
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


def reuse_or_build_search_index(writer: StagedOutput, manifest: Manifest, unchanged: bool) -> None:
    """When no page changed, the current index is still right: link it instead of re-indexing, but only
    while every one of its files is as the last build wrote it (a hand edit, or a file added or removed
    there, must not survive the rebuild)."""
    old = manifest.out_dir / "pagefind"
    if unchanged and manifest.as_written("pagefind"):
        for path in sorted(old.rglob("*")):
            if path.is_file():
                writer.link(path, "pagefind/" + path.relative_to(old).as_posix())
        return
    build_search_index(writer.staging)
