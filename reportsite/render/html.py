"""HTML pages: the report page with its disclosure block, the home and year indexes, and 404.

Everything a template shows is prepared here as plain values (rows, links, meta tags, dates and sizes
as text; see views), so templates only lay them out. Every link is relative to the page, which keeps
output/ working from file:// and under any sub-path. The renderer writes only the pages it is given
(see pages.site_pages): which pages the current output can lend the new site is the output stage's call.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markdown_it import MarkdownIt

from reportsite.config.model import FAVICON_TYPES, SiteConfig
from reportsite.core.digest import file_digest
from reportsite.model import Listing, Report, Site, Year
from reportsite.render.annualviews import annual_figures
from reportsite.render.charts import series_metrics
from reportsite.render.footer import footer_view
from reportsite.render.annualtables import annual_tables_html
from reportsite.render.markup import Heading, RenderedBody, make_markdown, render_markdown
from reportsite.render.pages import Page, catalogue_order, latest
from reportsite.render.ports import StagedFolder
from reportsite.render.results import Written
from reportsite.render.templates import render_template
from reportsite.render.views import (DayTime, ReportItem, attachment_links, column, day_text, human_size,
                                     metric_chart, minute_text, report_item)
from reportsite.runtime.parallel import fork_map

DISCLOSURE_LABELS = ("标题", "索引号", "文号", "发文日期", "发布机构", "发布日期")
LISTING_KINDS = {"series": "系列", "publishers": "发布机构", "categories": "信息分类"}
_DESCRIPTION_CHARS = 120
Links = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True)
class TocEntry:
    id: str
    text: str
    children: tuple["TocEntry", ...] = ()


def relative_root(page_path: str) -> str:
    """The prefix that leads from a page back to the site root, e.g. `../../`."""
    depth = page_path.count("/")
    return "../" * depth


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, for descriptions."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def table_of_contents(headings: tuple[Heading, ...]) -> tuple[TocEntry, ...]:
    """Two levels of contents (一、 and （一）), which is what readers scan for."""
    entries: list[TocEntry] = []
    top = min((h.level for h in headings), default=2)
    for heading in headings:
        if heading.level == top:
            entries.append(TocEntry(heading.id, heading.text))
        elif heading.level == top + 1 and entries:
            parent = entries[-1]
            entries[-1] = TocEntry(parent.id, parent.text, parent.children + (TocEntry(heading.id, heading.text),))
    return tuple(entries)


def unpublished_banner(report: Report) -> str:
    """What a report page built before it is public says at the top, so no one mistakes it for published."""
    if report.unpublished == "draft":
        return "草稿：本报告尚未发布，公众看不到此页。删除 draft: true 后才会发布。"
    if report.unpublished == "scheduled":
        return f"定时发布：本报告将于 {minute_text(report.published)}（北京时间）后发布，公众现在看不到此页。"
    return ""


@dataclass(frozen=True)
class HtmlRenderer:
    """Renders pages into a staged folder. It never changes once made, so a share of the report pages
    renders the same in this process or in a forked worker, and hands back only what it wrote."""

    site: Site
    env: jinja2.Environment
    assets: Mapping[str, str]
    pdf_sizes: Mapping[str, int]
    preview: bool
    markdown: MarkdownIt
    browse: Links
    favicon_type: str

    @classmethod
    def make(cls, site: Site, env: jinja2.Environment, assets: Mapping[str, str], pdf_sizes: Mapping[str, int],
             preview: bool = False) -> "HtmlRenderer":
        favicon_type = FAVICON_TYPES.get(PurePosixPath(assets.get("favicon", "")).suffix, "")
        return cls(site, env, assets, pdf_sizes, preview, make_markdown(), browse_links(site), favicon_type)

    @property
    def config(self) -> SiteConfig:
        return self.site.config

    def render_pages(self, writer: StagedFolder, pages: Sequence[Page]) -> Written:
        """Render the pages given, report pages in forked workers when there are many."""
        reports = [page for page in pages if isinstance(page.subject, Report)]
        written: Written = {}
        for share in fork_map(partial(self.render_each, writer), reports):
            written.update(share)
        written.update(self.render_each(writer, [page for page in pages if not isinstance(page.subject, Report)]))
        return written

    def render_each(self, writer: StagedFolder, pages: Sequence[Page]) -> Written:
        return {page.path: self.render(writer, page) for page in pages}

    def render(self, writer: StagedFolder, page: Page) -> str:
        """Write one page; return the digest of what was written, for the manifest."""
        context = self.context(page)
        root = context.pop("root", relative_root(page.path))
        footer = footer_view(self.config, self.assets, root, self.canonical(page.path.removesuffix("index.html")))
        text = render_template(self.env, self.config, page.template, config=self.config, assets=self.assets,
                               root=root, browse=self.browse, preview=self.preview,
                               favicon_type=self.favicon_type, footer=footer, **context)
        return file_digest(writer.write_bytes(page.path, text.encode("utf-8")))

    def context(self, page: Page) -> dict[str, Any]:
        if isinstance(page.subject, Report):
            return self.report_context(page.subject)
        if isinstance(page.subject, Year):
            return self.year_context(page.subject)
        if isinstance(page.subject, Listing):
            return self.listing_context(page.subject)
        return {"index.html": self.home_context, "catalogue.html": self.catalogue_context,
                "search.html": self.search_context, "sitemap.html": self.sitemap_context,
                "404.html": self.not_found_context}[page.template]()

    def canonical(self, path: str) -> str:
        return self.config.base_url + path

    def site_meta(self, column_name: str, column_type: str) -> list[tuple[str, str]]:
        """The 政府网站 meta tags every page carries (国办发〔2017〕47号)."""
        return [("SiteName", self.config.name), ("SiteDomain", self.config.domain),
                ("SiteIDCode", self.config.id_code), ("ColumnName", column_name),
                ("ColumnType", column_type)]

    def items(self, reports: Sequence[Report]) -> list[ReportItem]:
        return [report_item(report, self.pdf_sizes) for report in reports]

    def report_meta(self, report: Report, body: RenderedBody) -> list[tuple[str, str]]:
        description = report.summary or plain_text(body.html)[:_DESCRIPTION_CHARS]
        return self.site_meta(column(report), self.config.column_type(report.category)) + [
            ("ArticleTitle", report.title),
            ("PubDate", minute_text(report.published)),
            ("ContentSource", report.publisher.name),
            ("Keywords", ",".join(report.keywords)),
            ("Description", description),
            ("Url", self.canonical(report.path)),
        ] + ([("robots", "noindex")] if report.unpublished else [])  # a draft on a staging site stays out of search engines

    def report_context(self, report: Report) -> dict[str, Any]:
        body = render_markdown(self.markdown, report.body.read(), annual_tables_html(report.annual))
        disclosure = zip(DISCLOSURE_LABELS, (
            report.title, report.index_no, report.doc_no, DayTime(report.issued),
            report.publisher.name, DayTime(report.published)))
        extra = [(label, value) for label, value in (("信息分类", report.category), ("效力状况", report.status)) if value]
        return dict(
            report=report, body=body.html, meta=self.report_meta(report, body),
            pdf_size=human_size(self.pdf_sizes[report.path]) if report.path in self.pdf_sizes else None,
            canonical=self.canonical(report.path), page_title=report.title,
            disclosure=list(disclosure) + extra, attachments=attachment_links(report),
            updated=day_text(report.updated) if report.updated else None,
            revisions=[(day_text(revision.date), revision.note) for revision in report.revisions],
            toc=table_of_contents(body.headings) if len(body.headings) >= 3 else (),
            series_path=self.series_path(report), unpublished=unpublished_banner(report),
            breadcrumbs=[("首页", "index.html"), (f"{report.year}年", f"{report.year}/index.html"), (report.title, None)],
        )

    def series_path(self, report: Report) -> str | None:
        return next((s.path for s in self.site.series if s.name == report.series), None)

    def year_context(self, year: Year) -> dict[str, Any]:
        return dict(
            year=year, items=self.items(year.reports),
            meta=self.site_meta(f"{year.year}年", "信息公开目录") + [
                ("Description", f"{self.config.name}{year.year}年度的{len(year.reports)}篇报告。"),
                ("Url", self.canonical(year.path))],
            canonical=self.canonical(year.path), page_title=f"{year.year}年报告",
            breadcrumbs=[("首页", "index.html"), (f"{year.year}年", None)],
        )

    def listing_context(self, listing: Listing) -> dict[str, Any]:
        kind = LISTING_KINDS[listing.kind]
        series = listing.kind == "series"
        metrics = series_metrics(listing) if series else ()
        return dict(
            listing=listing, kind=kind, items=self.items(listing.reports),
            charts=[metric_chart(m, f"metric-{m.key}", f"chart-{m.key}") for m in metrics],
            annual=annual_figures(listing, self.config.base_url, 2) if series else None,
            meta=self.site_meta(listing.name, "信息公开目录") + [
                ("Description", f"{kind}“{listing.name}”的{len(listing.reports)}篇报告，按时间排列。"),
                ("Url", self.canonical(listing.path))],
            canonical=self.canonical(listing.path), page_title=f"{listing.name}（{kind}）",
            breadcrumbs=[("首页", "index.html"), (listing.name, None)],
        )

    def comparison(self) -> tuple[list[int], list[tuple[Listing, list[list[Report]]]]]:
        """年度对比: one row per series, one column per year (oldest first), gaps left empty."""
        years = sorted(y.year for y in self.site.years)
        rows = [(series, [[r for r in reversed(series.reports) if r.year == year] for year in years])
                for series in self.site.series]
        return years, rows

    def home_context(self) -> dict[str, Any]:
        years, rows = self.comparison()
        return dict(
            years=[(year, self.items(year.reports)) for year in self.site.years], comparison_years=years,
            comparison=rows, latest=self.items(latest(self.site)),
            annual_figures=[found for series in self.site.series
                            if (found := annual_figures(series, self.config.base_url, 3, home=True))],
            meta=self.site_meta("首页", "首页") + [("Description", self.config.description or
                                                   f"{self.config.name}各年度报告。"),
                                                  ("Url", self.config.base_url)],
            canonical=self.config.base_url, page_title="首页", breadcrumbs=[],
        )

    def catalogue_context(self) -> dict[str, Any]:
        return dict(
            items=self.items(catalogue_order(self.site)),
            meta=self.site_meta("信息公开目录", "信息公开目录") + [
                ("Description", f"{self.config.name}政府信息公开目录：索引号、标题、发布机构、发文日期和信息分类。"),
                ("Url", self.canonical("catalogue/"))],
            canonical=self.canonical("catalogue/"), page_title="信息公开目录",
            breadcrumbs=[("首页", "index.html"), ("信息公开目录", None)],
        )

    def search_context(self) -> dict[str, Any]:
        """The page is told whether there is anything to search: a site with no report yet has no
        index (see search.build_search_index), and its page must not offer one."""
        return dict(
            has_reports=bool(self.site.reports),
            meta=self.site_meta("站内检索", "首页") + [
                ("Description", f"检索{self.config.name}发布的各年度报告全文。"), ("Url", self.canonical("search/"))],
            canonical=self.canonical("search/"), page_title="站内检索",
            breadcrumbs=[("首页", "index.html"), ("站内检索", None)],
        )

    def sitemap_context(self) -> dict[str, Any]:
        """网站地图 for people: every page a reader can list reports by, as the guideline asks every site to have."""
        return dict(
            groups=(("栏目", (("首页", ""), ("信息公开目录", "catalogue/"), ("站内检索", "search/"))), *self.browse),
            meta=self.site_meta("网站地图", "首页") + [
                ("Description", f"{self.config.name}网站地图：按年度、系列、发布机构和信息分类列出全部栏目。"),
                ("Url", self.canonical("sitemap/"))],
            canonical=self.canonical("sitemap/"), page_title="网站地图",
            breadcrumbs=[("首页", "index.html"), ("网站地图", None)],
        )

    def not_found_context(self) -> dict[str, Any]:
        """A 404 is served at any depth, so its links start from the site's own base path."""
        return dict(
            root=urlsplit(self.config.base_url).path or "/",
            # no canonical: 404.html itself answers 200, and a 404 is not a page to index
            meta=self.site_meta("页面未找到", "首页") + [
                ("Description", f"您访问的页面在{self.config.name}网站上不存在或已移动。"), ("robots", "noindex")],
            canonical=None, page_title="页面未找到", breadcrumbs=[],
        )


def browse_links(site: Site) -> Links:
    """Plain links to every year, series, publisher and category: filtering that needs no script."""
    groups = [("年度", tuple((f"{y.year}年", y.path) for y in site.years))]
    for label, listings in (("系列", site.series), ("发布机构", site.publishers), ("信息分类", site.categories)):
        groups.append((label, tuple((item.name, item.path) for item in listings)))
    return tuple((label, links) for label, links in groups if links)
