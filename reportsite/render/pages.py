"""The pages of a site, before any is rendered: where each goes, its template, and what it shows.

The output stage keys each page by what it shows (see output.keys.page_keys) and decides which the
current output may lend the new site; the HTML renderer renders the rest. Both read the same list, so
what a page is made from is said once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from reportsite.model import Listing, Report, Site, Year

LATEST = 5
NOT_FOUND = "404.html"


@dataclass(frozen=True)
class Page:
    """One page: its path in the site, its template, what it is about, the reports it shows and what
    else it shows that no other page does (`parts`), for its key, and its date for the sitemap."""

    path: str
    template: str
    subject: Report | Year | Listing | None = None
    reports: tuple[Report, ...] = ()
    parts: tuple[str, ...] = ()
    modified: dt.date | None = None


def newest(reports: Iterable[Report]) -> dt.date | None:
    return max((r.published.date() for r in reports), default=None)


def latest(site: Site) -> tuple[Report, ...]:
    """The home page's 最新发布: the newest reports by publication."""
    return tuple(sorted(site.reports, key=lambda r: (r.published, r.path), reverse=True)[:LATEST])


def catalogue_order(site: Site) -> tuple[Report, ...]:
    """信息公开目录: by date of issue, newest first."""
    return tuple(sorted(site.reports, key=lambda r: (r.issued, r.path), reverse=True))


def site_pages(site: Site) -> tuple[Page, ...]:
    """Every page, report pages first (they are the many, rendered in parallel), 404 last. The search
    page shows whether there is anything to search: a site with no report yet has no index."""
    listings = site.series + site.publishers + site.categories
    return (
        *(Page(r.path + "index.html", "report.html", r, (r,), (), r.published.date()) for r in site.reports),
        *(Page(y.path + "index.html", "year.html", y, y.reports, (str(y.year),), newest(y.reports))
          for y in site.years),
        *(Page(item.path + "index.html", "listing.html", item, item.reports, (item.kind, item.name, item.slug),
               newest(item.reports)) for item in listings),
        Page("index.html", "index.html", None, site.reports, (), newest(latest(site))),
        Page("catalogue/index.html", "catalogue.html", None, catalogue_order(site), (),
             newest(catalogue_order(site))),
        Page("search/index.html", "search.html", None, (), (str(bool(site.reports)),)),
        Page("sitemap/index.html", "sitemap.html", None, (), _listed(site)),
        Page(NOT_FOUND, "404.html"),
    )


def _listed(site: Site) -> tuple[str, ...]:
    """What the 网站地图 shows: each year's and listing's name and address, so it renders again when one changes."""
    return (*(y.path for y in site.years), *(f"{item.name}={item.path}"
                                             for item in site.series + site.publishers + site.categories))


def sitemap_entries(pages: Iterable[Page]) -> list[tuple[str, dt.date | None]]:
    """Each page's URL path and date, for the sitemap; the 404 page is no page to index."""
    return [(page.path.removesuffix("index.html"), page.modified) for page in pages if page.path != NOT_FOUND]
