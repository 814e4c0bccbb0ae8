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

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.runtime.signals import die_with_parent

# The same ranges as HAN_RANGE in assets/js/search.js: CJK ideographs, extensions A to H, compatibility forms.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_MARKUP = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<[^>]*>)", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Spacer:
    """Makes every Han character a word of its own to Pagefind, for the copy of a page it indexes.

    A space goes on each side of a Han character, after wide closing punctuation (，。）” …) and before
    wide opening punctuation (（《“ …); then the spaces between punctuation and the word it belongs to
    are taken out again. Punctuation so stays on its word, which Pagefind strips it from, and a phrase
    never has a gap where a comma was. Made once per index: the table covers every Han code point."""

    table: dict[int, str]
    after_opening: re.Pattern[str]
    before_closing: re.Pattern[str]

    @classmethod
    def make(cls) -> "Spacer":
        bmp = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
        opening = "".join(c for c in bmp if unicodedata.category(c) in ("Ps", "Pi"))
        closing = "".join(c for c in bmp if unicodedata.category(c) in ("Pe", "Pf", "Po", "Pd"))
        table = {code: f" {chr(code)} " for start, end in HAN_RANGES for code in range(start, end + 1)}
        table.update({ord(c): f" {c}" for c in opening if unicodedata.east_asian_width(c) in "WFA"})
        table.update({ord(c): f"{c} " for c in closing if unicodedata.east_asian_width(c) in "WFA"})
        return cls(table, re.compile(f"([{re.escape(opening)}]) +"), re.compile(f" +([{re.escape(closing)}])"))

    def text(self, text: str) -> str:
        return self.before_closing.sub(r"\1", self.after_opening.sub(r"\1", text.translate(self.table)))

    def page(self, page: str) -> str:
        """The page with the text between its tags spaced; tags, comments, scripts and styles as they
        were. The pages are reportsite's own, whose text and attribute values are escaped, so a `>`
        ends a tag; what Pagefind indexes, and which metadata it reads, stays the template's choice."""
        parts = _MARKUP.split(page.replace("\0", ""))  # NUL joins the texts below: one pass per page, not per text
        parts[::2] = self.text("\0".join(parts[::2])).split("\0")
        return "".join(parts)


def write_spaced_copy(site_dir: Path, copy_dir: Path) -> None:
    """The site's pages, spaced, at the same paths, so Pagefind's result URLs are the pages' own.
    Only pages marked `data-pagefind-body` are copied when any is, as Pagefind indexes only those then:
    the catalogue of a thousand reports is not worth spacing."""
    pages = sorted(site_dir.rglob("*.html"))
    spacer = Spacer.make()
    copied = sum(_copy_spaced(spacer, page, site_dir, copy_dir, only_marked=True) for page in pages)
    if not copied:
        for page in pages:
            _copy_spaced(spacer, page, site_dir, copy_dir, only_marked=False)


def _copy_spaced(spacer: Spacer, page: Path, site_dir: Path, copy_dir: Path, only_marked: bool) -> bool:
    text = page.read_text(encoding="utf-8")
    if only_marked and "data-pagefind-body" not in text:
        return False
    target = copy_dir / page.relative_to(site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(spacer.page(text), encoding="utf-8")
    return True


def build_search_index(site_dir: Path) -> None:
    """Write `pagefind/` into the site; a failure is a build error, never a site without search.

    The pipeline calls it only for a site that lists reports: Pagefind refuses to make an empty index,
    and indexing the home page and the catalogue instead would answer searches with pages that are
    not reports."""
    with tempfile.TemporaryDirectory(prefix="reportsite-search-") as scratch:
        write_spaced_copy(site_dir, Path(scratch))
        _run_pagefind(Path(scratch), site_dir / "pagefind")


def _run_pagefind(pages: Path, index_dir: Path) -> None:
    try:
        command = [str(pagefind_executable()), "--site", str(pages), "--output-path", str(index_dir),
                   "--force-language", "zh", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=die_with_parent)
    except (OSError, ImportError, subprocess.TimeoutExpired) as exc:
        raise Problems([Problem("search", None, msg("search.pagefind_missing", "could not run Pagefind ({error}); "
                                                    "reinstall with `bash scripts/setup.sh`", error=str(exc)))]) from None
    if done.returncode != 0 or not (index_dir / "pagefind.js").is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        detail = said[-1] if said else msg("search.pagefind_silent", "no output")
        raise Problems([Problem("search", None, msg("search.pagefind_failed", "Pagefind failed to index the site: "
                                                    "{detail} (check that pagefind[extended] is installed)",
                                                    detail=detail))])


def pagefind_executable() -> Path:
    """Pagefind's own binary, run directly rather than through `python -m pagefind`, so that it is
    our child and dies with the build even when the build is SIGKILLed (see runtime.signals.die_with_parent)."""
    from pagefind_bin_extended import get_executable

    return Path(get_executable())
