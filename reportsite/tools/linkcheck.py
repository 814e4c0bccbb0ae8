"""Checks on a built site: links and anchors resolve, attachments exist, pages are titled and described.

Content validation sees one file at a time; only the built site shows whether a
link written in one report leads to a page, file or heading that really exists.
Every problem names the file an editor would fix: the report's Markdown (with
the line the link is written on) for report pages, the page itself for theme
pages. Nothing here prints; the `check` command decides what to do with them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from reportsite.core.problems import Problem
from reportsite.core.suggest import did_you_mean
from reportsite.core.i18n import Message, msg
from reportsite.model import Report, Site

#: The attributes that make a browser fetch or navigate: (tag, attribute).
LINK_ATTRIBUTES = (("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                   ("source", "src"), ("iframe", "src"), ("audio", "src"), ("video", "src"))
HOME_PAGE = "index.html"


@dataclass(frozen=True)
class Page:
    """What the checks need from one built HTML page."""

    path: str
    title: str
    description: str | None
    ids: frozenset[str]
    links: tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where the editor fixes a page: its report's Markdown, or the page itself for theme pages."""

    name: str
    report: Report | None = None


@dataclass(frozen=True)
class Target:
    """An internal link resolved to a site path ('' is the site root) and its #fragment."""

    path: str
    fragment: str
    folder: bool


@dataclass(frozen=True)
class BuiltSite:
    """A built site as the checks see it, with the model it was built from."""

    site: Site
    pages: tuple[Page, ...]
    files: frozenset[str]
    config_name: str


@dataclass(frozen=True)
class Lookup:
    """What every page's links are resolved against, computed once per site."""

    base_url: str
    files: frozenset[str]
    pages: dict[str, Page]
    pdfs: frozenset[str]
    origins: dict[str, Origin]


def parse_page(path: str, text: str) -> Page:
    """Read a page once with a forgiving parser, as a browser would, keeping only what is checked."""
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else ""
    description = next((str(meta.get("content") or "").strip() for meta in soup.find_all("meta")
                        if isinstance(meta, Tag) and str(meta.get("name") or "").lower() == "description"), None)
    ids = frozenset(str(tag["id"]) for tag in soup.find_all(id=True) if isinstance(tag, Tag))
    names = frozenset(str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True}) if isinstance(tag, Tag))
    links = tuple(str(tag[attribute]) for name, attribute in LINK_ATTRIBUTES
                  for tag in soup.find_all(name) if isinstance(tag, Tag) and tag.get(attribute) is not None)
    return Page(path, title, description, ids | names, links)


def resolve(page_path: str, url: str, base_url: str) -> Target | Message | None:
    """Where a link leads inside the site; None for links that leave it, a reason when it cannot work."""
    parts = urlsplit(url.strip())
    base = urlsplit(base_url)
    if parts.scheme not in ("", "http", "https"):
        return None
    path = unquote(parts.path)
    if parts.netloc:
        if parts.netloc.lower() != base.netloc.lower() or not path.startswith(base.path):
            return None
        return _target(path[len(base.path):], parts.fragment)
    if path.startswith("/"):
        if not path.startswith(base.path):
            return msg("links.absolute_path", "it starts with / but the site lives under {base}; write the link "
                       "relative to the page", base=base.path)
        return _target(path[len(base.path):], parts.fragment)
    if not path:
        return Target(page_path, unquote(parts.fragment), False)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    if joined == ".." or joined.startswith("../"):
        return msg("links.above_site", "it climbs above the site's top folder; remove a ../")
    return _target(joined if joined != "." else "", parts.fragment, path.endswith("/"))


def _target(path: str, fragment: str, folder: bool = False) -> Target:
    """Normalise a site path; a trailing slash (or the root) means the folder's index.html."""
    clean = posixpath.normpath(path) if path else ""
    return Target("" if clean == "." else clean, unquote(fragment), folder or not path or path.endswith("/"))


def locate(target: Target, files: frozenset[str]) -> str | None:
    """The built file a target is served from: the file itself, or a folder's index.html."""
    index = posixpath.join(target.path, "index.html") if target.path else "index.html"
    candidates = (index,) if target.folder else (target.path, index)
    return next((c for c in candidates if c in files), None)


def origins(site: Site, config_name: str) -> dict[str, Origin]:
    """Output page → the file an editor changes to fix it, for the pages whose text comes from content.

    A report's description comes from its summary or body, the home page's from config.yaml; the
    theme's other pages make their own, and only the 404 page may have none.
    """
    found = {r.path + "index.html": Origin(r.source_name, r) for r in site.reports}
    found[HOME_PAGE] = Origin(config_name)
    return found


def make_lookup(built: BuiltSite) -> Lookup:
    """PDF paths are known from the model: `check` builds without PDFs, the real build writes them."""
    return Lookup(built.site.config.base_url, built.files, {p.path: p for p in built.pages},
                  frozenset(r.path + r.pdf_name for r in built.site.reports),
                  origins(built.site, built.config_name))


def line_of(report: Report, url: str) -> int | None:
    """The body line where a link is written; the HTML holds it percent-encoded, the Markdown as typed."""
    lines = report.body.read().split("\n")
    needles = tuple(dict.fromkeys((url, unquote(url))))
    as_link = tuple(f"{opening}{n}" for n in needles for opening in ("(", "<", ": ", '"'))
    for wanted in (as_link, needles):
        for number, line in enumerate(lines):
            if any(w in line for w in wanted):
                return report.body.line + number
    return None


def _where(page: Page, lookup: Lookup, url: str) -> tuple[str, int | None]:
    """A report page's link is fixed in its Markdown, on the line it is written; a theme page's in the theme."""
    origin = lookup.origins.get(page.path)
    if origin is None or origin.report is None:
        return page.path, None
    return origin.name, line_of(origin.report, url)


def _missing_file_fix(page: Page, target: Target, lookup: Lookup) -> Message:
    """A single-file report has no folder to hold files, which is the usual cause of a missing image."""
    origin = lookup.origins.get(page.path)
    report = origin.report if origin else None
    if report and report.folder is None and target.path.startswith(report.path):
        folder = f"content/{report.year}/{report.slug}/index.md"
        return msg("links.report_not_a_folder", "a report that links its own files must be a folder: move it to "
                   "{folder} and put the file beside it", folder=folder)
    return msg("links.check_spelling", "check the spelling and the path (a relative link starts from the page's "
               "own folder)")


def link_problems(page: Page, lookup: Lookup) -> list[Problem]:
    """Every link on one page that leads to no file, or to no element with its #anchor."""
    problems = []
    for url in dict.fromkeys(page.links):
        message = _link_message(page, url, lookup)
        if message:
            problems.append(Problem(*_where(page, lookup, url), msg("links.broken", 'link "{url}" is broken: {reason}',
                                                                    url=url, reason=message)))
    return problems


def _link_message(page: Page, url: str, lookup: Lookup) -> Message | None:
    """Why one link does not work, or None when it does (or leaves the site, which is not fetched)."""
    target = resolve(page.path, url, lookup.base_url)
    if target is None or isinstance(target, Message):
        return target
    found = locate(target, lookup.files)
    if found is None:
        if target.path in lookup.pdfs:
            return None
        shown = target.path + ("/" if target.folder and target.path else "")
        return msg("links.no_such_file", "there is no {target} in the built site; {fix}",
                   target=shown or msg("links.top_page", "top page"), fix=_missing_file_fix(page, target, lookup))
    if not target.fragment or found not in lookup.pages:
        return None
    return _anchor_message(page, lookup.pages[found], target.fragment)


def _anchor_message(page: Page, found: Page, fragment: str) -> Message | None:
    """A #fragment must name an element on the page it leads to, or the browser silently stays at the top."""
    if fragment in found.ids or fragment == "top":
        return None
    where = msg("links.this_page", "this page") if found.path == page.path else found.path
    advice = did_you_mean(fragment, sorted(found.ids), lambda hint: msg(
        "links.did_you_mean", 'did you mean "#{hint}"?', hint=hint),
        msg("links.link_a_heading", "link to a heading's id, as the page's 目录 does"))
    return msg("links.no_such_anchor", '{page} has no element with id "{fragment}"; {advice}', page=where,
               fragment=fragment, advice=advice)


def page_problems(page: Page, lookup: Lookup) -> list[Problem]:
    """A page without a title or description is unlabelled in tabs, bookmarks and search results."""
    problems = []
    origin = lookup.origins.get(page.path)
    if not page.title:
        problems.append(_title_problem(page, origin))
    if not page.description and page.path != "404.html":
        problems.append(_description_problem(page, origin) if origin else Problem(page.path, None, msg(
            "links.theme_page_undescribed", "the page has no description (<meta name=\"Description\">): the "
            "theme's template for it must pass one in `meta`")))
    return problems


def _title_problem(page: Page, origin: Origin | None) -> Problem:
    """A report's title comes from its front matter; any other page's from the theme's templates."""
    if origin and origin.report:
        return Problem(origin.name, origin.report.line_of("title"), msg(
            "links.report_untitled", "the page has an empty <title>: give the report a `title:`"))
    return Problem(page.path, None, msg("links.theme_page_untitled", "the page has an empty <title>: check the "
                                        "theme's templates (base.html sets it from page_title)"))


def _description_problem(page: Page, origin: Origin) -> Problem:
    """Name the one place the description comes from: the report's summary or the site's description."""
    if origin.report:
        report = origin.report
        return Problem(origin.name, report.line_of("summary") or report.line_of("title"), msg(
            "links.report_undescribed", "the page has no description (<meta name=\"Description\">): add "
            "`summary: 一句话概述。` to the front matter"))
    return Problem(origin.name, None, msg("links.home_undescribed", "the home page ({page}) has no description: set "
                                          "`site.description` in config.yaml", page=page.path))


def attachment_problems(built: BuiltSite) -> list[Problem]:
    """Content checked the attachments exist in content/; this checks they reached the built site."""
    return [Problem(r.source_name, r.line_of("attachments"), msg(
                "links.attachment_missing", 'attachment "{file}" is missing from the built site ({path}); check that '
                "the file sits in the report's folder", file=a.file, path=r.path + a.file))
            for r in built.site.reports for a in r.attachments if r.path + a.file not in built.files]


def check_built_site(built: BuiltSite) -> list[Problem]:
    """Every problem in a built site, once each, in file and line order."""
    lookup = make_lookup(built)
    found: list[Problem] = attachment_problems(built)
    for page in built.pages:
        found += page_problems(page, lookup)
        found += link_problems(page, lookup)
    return sorted(dict.fromkeys(found), key=lambda p: (p.path, p.line or 0))


def summarise(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings), for the command's last line."""
    listed = list(problems)
    errors = sum(p.is_error for p in listed)
    return errors, len(listed) - errors
