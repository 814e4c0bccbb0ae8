"""One page of an `import` run, read and converted where a worker process can do it, and what the
run then does with it: write it, rewrite the report it already is, skip it, or report why not.

Conversion is pure and takes most of the time, so it runs in worker processes; everything
that touches content/ is decided and done in the parent, in the order of the files, so two
runs over the same folder write the same files under the same names.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reportsite.config.model import Publisher
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems
from reportsite.tools.importer import convert
from reportsite.tools.importer.chrome import Furniture
from reportsite.tools.importer.decode import decode, looks_like_html
from reportsite.tools.importer.known import Identity, KnownReports, Match, front_of, identity
from reportsite.tools.importer.options import Converted, ImportOptions
from reportsite.tools.importer.publishers import PagePublisher, page_code, with_publisher
from reportsite.tools.importer.reading import read_page

#: What re-importing a report that content/ already holds does: skip it, rewrite it, or copy it.
SKIP, UPDATE, FORCE = "skip", "update", "force"
_HIDDEN_RE = re.compile(r"<(script|style|template|noscript|head)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>")
#: What report text has and a site's menus, buttons and links do not: a sentence, or a long line.
_SENTENCE_RE = re.compile(r"[。！？；]|[^\n]{60}")
#: The failures that mean a page lacks what every report has (a title, a date, a publisher, a body).
_NOTHING_FOUND = ("import.no_title", "import.no_date", "import.no_real_date", "import.no_publisher", "import.no_body")


@dataclass(frozen=True)
class Job:
    """One file for a worker; `publishers` is None when the run has no config.yaml."""

    path: Path
    options: ImportOptions
    publishers: tuple[Publisher, ...] | None = None
    furniture: Furniture | None = None  # read once for the run, not once a page


@dataclass(frozen=True)
class Imported:
    """What a worker made of one file: the content file's text, or the problems that stopped it."""

    name: str
    converted: Converted | None
    problems: tuple[Problem, ...] = ()
    identity: Identity = Identity("", "", "")
    publisher: PagePublisher | None = None


@dataclass(frozen=True)
class Decision:
    """What the run does with a converted page: "write" a new file, "rewrite" `existing` in place,
    "skip" it as a report `existing` already is, or "fail"."""

    action: str
    existing: Path | None = None
    match: Match | None = None


def import_page(job: Job) -> Imported:
    """Read and convert one file; never raises for what is in the file (a worker's exception would
    end the run), only for a bug, and then only with REPORTSITE_DEBUG set."""
    name = str(job.path)
    try:
        raw = read_page(job.path)
        converted = _converted(name, raw, job.options, job.furniture)
    except Problems as failed:
        return Imported(name, None, tuple(failed.problems))
    except Exception as exc:  # noqa: BLE001 - one broken page must not stop the others
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        return Imported(name, None, (Problem(name, None, msg(
            "import.internal_error", "internal error: {kind}: {detail} (this is a bug in reportsite; run again with "
                                     "REPORTSITE_DEBUG=1 for details and report it)",
            kind=type(exc).__name__, detail=str(exc))),))
    front = front_of(converted.text)
    found = identity(front)
    if job.publishers is None:
        return Imported(name, converted, (), found)
    code = page_code(found.index_no, decode(name, raw))
    converted, publisher = with_publisher(converted, str(front.get("publisher", "")), code, job.publishers)
    return Imported(name, converted, (), found, publisher)


def _converted(name: str, raw: bytes, options: ImportOptions, furniture: Furniture | None) -> Converted:
    """convert(), with a page that has no report in it said to be that, not a missing title."""
    try:
        return convert(name, raw, options, furniture)
    except Problems as failed:
        try:
            text = decode(name, raw)
        except Problems:
            raise failed from None
        if any(p.code in _NOTHING_FOUND for p in failed.problems) and (why := _no_report(name, text)):
            raise Problems([Problem(name, None, why)]) from None
        raise


def _no_report(name: str, text: str) -> Message | None:
    """Why a page without a title or a date holds no report at all: it has no text, or not one
    sentence (a page of the site's menus, buttons and links: a list or a home page)."""
    if looks_like_html(name, text):
        text = html.unescape(_TAG_RE.sub("\n", _HIDDEN_RE.sub("", text)))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return msg("import.page_without_text", "the page has no text (it may be filled in by a script that a "
                                               "saved copy does not run); open it in a browser, wait until the "
                                               "report shows and save it again, or save it as text (.txt)")
    if not any(_SENTENCE_RE.search(line) for line in lines):
        return msg("import.page_only_furniture", "the page holds no report, only short lines such as the site's "
                                                 "menus, buttons and links; save the report's own page, not a list "
                                                 "or the home page")
    return None


def decide(page: Imported, known: KnownReports, mode: str) -> Decision:
    """What to do with one page, given the reports content/ holds and those this run has written:
    a page of a run is never rewritten by a later page of the same run (the .html and the .txt
    of one report are one report), so --update applies to what was there before."""
    if page.converted is None:
        return Decision("fail")
    match = known.find(page.identity)
    if match is None or mode == FORCE:
        return Decision("write", match=match)
    if mode == UPDATE and match.path not in known.added:
        return Decision("rewrite", match.path, match)
    return Decision("skip", match.path, match)


def skipped_message(decision: Decision, earlier_in_run: bool, page: Imported) -> Message:
    """Why a page was not imported: the report it already is, and how to import it after all."""
    assert decision.match is not None and decision.existing is not None
    same = (msg("import.same_index_no", "the same 索引号 {index_no}", index_no=page.identity.index_no)
            if decision.match.by_index_no else msg("import.same_title_and_date", "the same title and date"))
    if earlier_in_run:
        return msg("import.duplicate_in_run", "already imported in this run as {existing} ({same}); skipped it: "
                                              "pass --force to import it as a second copy",
                   existing=str(decision.existing), same=same)
    return msg("import.duplicate_existing", "already imported as {existing} ({same}); skipped it: pass --update to "
                                            "rewrite that file from this page, or --force to import a second copy",
               existing=str(decision.existing), same=same)
