"""The search index, built by Pagefind's extended binary over a copy of the site in which every
Han character stands as a word of its own.

Pagefind segments Chinese into words when it indexes (jieba, or ICU4X) and again, differently,
in the browser (Intl.Segmenter), and it matches a query only against the starts of words: 平潭
inside the word 赴平潭 was never found, and 易制毒 found nothing when the two segmenters cut it
apart differently. With each character a word, and the search page asking for the query's
characters as an exact phrase (see assets/js/search.js), a report is found exactly when its
text contains the query. The pages themselves are left as they are; only the copy that Pagefind
reads is spaced, and the search page joins the characters again when it shows an excerpt.

Only report bodies are indexed (`data-pagefind-body`), with title, year and publisher as metadata.
"""

from __future__ import annotations

import functools
import html
import re
import subprocess
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from ..cache import Manifest
from ..errors import Problem
from ..output import StagedOutput
from ..parallel import die_with_parent

# The same ranges as HAN in assets/js/search.js: CJK ideographs, extensions A to H, compatibility forms.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"


@functools.cache
def _word_breaks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a space goes: after a Han character or wide closing punctuation (，。）” …)
    unless closing punctuation follows, and before a Han character or wide opening
    punctuation (（《“ …) unless opening punctuation precedes. Punctuation so stays on the word it
    belongs to, which Pagefind strips it from, and a phrase never has a gap where a comma was."""
    bmp = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    opening = "".join(c for c in bmp if unicodedata.category(c) in ("Ps", "Pi"))
    closing = "".join(c for c in bmp if unicodedata.category(c) in ("Pe", "Pf", "Po", "Pd"))
    wide_opening, wide_closing = ([c for c in chars if unicodedata.east_asian_width(c) in "WFA"]
                                  for chars in (opening, closing))
    ends = re.escape("".join(wide_closing))
    starts = re.escape("".join(wide_opening))
    return (re.compile(f"([{HAN}{ends}])(?=[^\\s{re.escape(closing)}])"),
            re.compile(f"(?<=[^\\s{re.escape(opening)}])([{HAN}{starts}])"))


class SearchProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def spaced(text: str) -> str:
    """Text in which every Han character is a word of its own to Pagefind (see _word_breaks)."""
    after, before = _word_breaks()
    return before.sub(r" \1", after.sub(r"\1 ", text))


class _SpacedCopy(HTMLParser):
    """Rewrites a page with its text spaced (see `spaced`) and its markup, attributes included,
    as it was: what Pagefind indexes, and which metadata it reads, stays the template's choice."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.raw = False  # inside <script> or <style>, whose text is not prose and must not be escaped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(self.get_starttag_text() or "")
        self.raw = tag in ("script", "style")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")
        self.raw = False

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.raw else html.escape(spaced(data), quote=False))

    def handle_decl(self, decl: str) -> None:
        self.parts.append(f"<!{decl}>")


def spaced_page(page: str) -> str:
    copy = _SpacedCopy()
    copy.feed(page)
    copy.close()
    return "".join(copy.parts)


def write_spaced_copy(site_dir: Path, copy_dir: Path) -> None:
    """The site's pages, spaced, at the same paths, so Pagefind's result URLs are the pages' own."""
    for page in site_dir.rglob("*.html"):
        target = copy_dir / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spaced_page(page.read_text(encoding="utf-8")), encoding="utf-8")


def build_search_index(site_dir: Path) -> None:
    """Write `pagefind/` into the site; a failure is a build error, never a site without search."""
    with tempfile.TemporaryDirectory(prefix="reportsite-search-") as scratch:
        write_spaced_copy(site_dir, Path(scratch))
        _run_pagefind(Path(scratch), site_dir / "pagefind")


def _run_pagefind(pages: Path, index_dir: Path) -> None:
    try:
        command = [str(pagefind_executable()), "--site", str(pages), "--output-path", str(index_dir),
                   "--force-language", "zh", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=die_with_parent)
    except (OSError, ImportError, subprocess.TimeoutExpired) as exc:
        raise SearchProblem(Problem("search", None, f"could not run Pagefind ({exc}); reinstall with "
                                                    "`bash scripts/setup.sh`")) from None
    if done.returncode != 0 or not (index_dir / "pagefind.js").is_file():
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
