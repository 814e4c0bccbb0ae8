"""Machine-readable output: Atom feed, sitemap, robots.txt, catalog.json and the 年报 figures as CSV (open data).

All of it is built from the model's content dates, never the clock, so two
builds of the same content are byte-identical. The one date content cannot
give, the feed's own `updated`, honours SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from reportsite.core.clock import CST, source_date
from reportsite.core.i18n import Message, msg
from reportsite.model import Report, Site
from reportsite.render.annualfigures import CSV_NAME, annual_series, catalog_figures, figures_csv
from reportsite.render.ports import StagedFolder
from reportsite.render.views import minute_text

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50


def _stamp(moment: dt.datetime) -> str:
    """RFC 3339 in China Standard Time, the zone the reports' dates are written in."""
    return moment.replace(tzinfo=CST).isoformat()


def feed_updated(site: Site) -> dt.datetime:
    if fixed := source_date():
        return fixed
    return max((r.published for r in site.reports), default=dt.datetime(2000, 1, 1))


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def atom_feed(site: Site) -> str:
    """The newest reports, for feed readers and other government portals."""
    config = site.config
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = config.base_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = config.name
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(feed_updated(site))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": config.base_url + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": config.base_url})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = config.footer.sponsor or config.name
    newest = sorted(site.reports, key=lambda r: (r.published, r.path), reverse=True)[:FEED_SIZE]
    for report in newest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = config.base_url + report.path
        ET.SubElement(entry, f"{{{ATOM}}}title").text = report.title
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": config.base_url + report.path})
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(report.published)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(report.published)
        ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = report.publisher.name
        if report.category:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": report.category})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = report.summary or report.title
    return _xml(feed)


def sitemap(site: Site, pages: list[tuple[str, dt.date | None]]) -> str:
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path, modified in sorted(pages):
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = site.config.base_url + path
        if modified:
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = modified.isoformat()
    return _xml(urlset)


def robots_note(base_url: str) -> Message | None:
    """Crawlers read robots.txt only at the host's root, so a site under a sub-path must have its
    Sitemap line added there by whoever runs the host; the build says so every time."""
    parts = urlsplit(base_url)
    if parts.path in ("", "/"):
        return None
    root, sitemap = f"{parts.scheme}://{parts.netloc}/robots.txt", f"{base_url}sitemap.xml"
    return msg("output.robots_at_host_root", "the site lives under {path}, where crawlers do not look for "
               'robots.txt: add the line "Sitemap: {sitemap}" to {robots} (see docs/publishing.md)',
               path=parts.path, sitemap=sitemap, robots=root)


def robots(site: Site) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n"


def catalog_entry(site: Site, report: Report, has_pdf: bool) -> dict[str, object]:
    base = site.config.base_url
    return {
        "title": report.title, "index_no": report.index_no, "doc_no": report.doc_no,
        "publisher": report.publisher.name, "publisher_code": report.publisher.code,
        "issued": report.issued.isoformat(), "published": minute_text(report.published),
        "year": report.year, "series": report.series, "category": report.category,
        "keywords": list(report.keywords), "summary": report.summary, "status": report.status,
        "url": base + report.path, "pdf": base + report.path + report.pdf_name if has_pdf else None,
        "attachments": [{"title": a.title, "url": base + report.path + a.file, "size": a.size}
                        for a in report.attachments],
        "metrics": [{"key": m.key, "label": m.label, "unit": m.unit, "year": m.year,
                     "value": m.value, "target": m.target} for m in report.metrics],
        "annual_report": catalog_figures(report.annual),
    }


def catalog_json(site: Site, pdf_paths: set[str]) -> str:
    """Every report's metadata with its page and PDF URLs, for other systems to consume."""
    reports = [catalog_entry(site, r, r.path in pdf_paths) for r in sorted(site.reports, key=lambda r: r.path)]
    text = json.dumps({"site": site.config.name, "base_url": site.config.base_url, "reports": reports},
                      ensure_ascii=False, indent=2, sort_keys=True)
    # Same data, but nothing a browser could sniff as markup if the file is opened or pasted as HTML.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"


def write_feeds(site: Site, writer: StagedFolder, pages: list[tuple[str, dt.date | None]],
                pdf_paths: set[str]) -> None:
    writer.write_text("feed.xml", atom_feed(site))
    writer.write_text("sitemap.xml", sitemap(site, pages))
    writer.write_text("robots.txt", robots(site))
    writer.write_text("catalog.json", catalog_json(site, pdf_paths))
    for series in annual_series(site):
        writer.write_bytes(series.path + CSV_NAME, figures_csv(series, site.config.base_url))
