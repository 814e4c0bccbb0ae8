"""The keys of incremental builds: what each output file is made from, as one digest.

A page or PDF whose key is the one the manifest recorded, and whose file is still as written, is
reused instead of rendered (see cache.Manifest). The keys are pure functions of the site model, the
templates' sources, the assets' hashed names, the PDFs' sizes, the preview flag and reportsite's own
code, so that they can be computed before anything renders, and tested without rendering.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from typing import Protocol

from reportsite.config.model import SiteConfig
from reportsite.core.digest import content_key, file_digest
from reportsite.model import Report, Site

#: Config settings no page shows: templates and assets are keyed by their contents, fonts by the PDFs.
_UNSHOWN = ("fonts", "template_dirs", "assets_dir", "root")


class KeyedPage(Protocol):
    """A page as its key sees it: its template, what else it shows (`parts`), and the reports it shows."""

    @property
    def path(self) -> str: ...

    @property
    def template(self) -> str: ...

    @property
    def parts(self) -> tuple[str, ...]: ...

    @property
    def reports(self) -> tuple[Report, ...]: ...


def site_key(config: SiteConfig, site: Site, assets: Mapping[str, str], preview: bool, code: str) -> str:
    """What every page shows alike: the config's settings, the assets' hashed names, the links to every
    year, series, publisher and category, the preview flag, and the code that renders them."""
    settings = [getattr(config, f.name) for f in fields(config) if f.name not in _UNSHOWN]
    links = [(y.year, y.path) for y in site.years] + \
        [(l.kind, l.name, l.path) for l in site.series + site.publishers + site.categories]
    return content_key(repr(settings), json.dumps(dict(assets), sort_keys=True), str(preview), repr(links), code)


def template_keys(sources: Mapping[str, tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Each template's source with everything it extends or includes (`sources` maps a name to its
    source and the names it uses), so an edit to one partial re-renders exactly the pages using it."""
    keys: dict[str, str] = {}

    def key(name: str, within: frozenset[str]) -> str:
        if name not in keys:
            source, used = sources.get(name, ("", ()))
            keys[name] = content_key(source, *(key(n, within | {name}) for n in used if n not in within | {name}))
        return keys[name]

    for name in sources:
        key(name, frozenset())
    return keys


def report_key(report: Report, pdf_size: int | None) -> str:
    """Everything about a report that any page may show, its PDF's size included."""
    return content_key(repr(report), str(pdf_size))


def page_keys(pages: Iterable[KeyedPage], site: str, templates: Mapping[str, str],
              pdf_sizes: Mapping[str, int]) -> dict[str, str]:
    """Every page's key by its path: the site-wide key, its template's, and what it shows."""
    reports: dict[str, str] = {}

    def of(report: Report) -> str:
        if report.path not in reports:
            reports[report.path] = report_key(report, pdf_sizes.get(report.path))
        return reports[report.path]

    return {page.path: content_key(site, templates[page.template], *page.parts, *(of(r) for r in page.reports))
            for page in pages}


def pdf_key(report: Report, shared: Sequence[str]) -> str:
    """Everything a report's PDF is made from, known before rendering anything: the report (less what
    only the web page shows), the files beside it, and what every PDF shares (`shared`: the PDF
    templates and CSS, the font files, the code)."""
    printed = replace(report, revisions=(), updated=None, changes=(), previous=None, next=None)
    folder = report.folder
    digests = [f"{name}:{file_digest(folder / name)}" for name in report.files] if folder else []
    return content_key(repr(printed), *shared, *digests)
