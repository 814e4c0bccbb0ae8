"""HTML pages: the report page with its disclosure block, the home and year indexes, and 404.

Everything a template shows is prepared here as plain values (rows, links,
meta tags), so templates only lay them out. Every link is relative to the page,
which keeps output/ working from file:// and under any sub-path.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from dataclasses import fields
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import jinja2
from jinja2 import meta

from reportsite.core.digest import content_key
from reportsite.output.cache import Manifest
from reportsite.config.load import FAVICON_TYPES
from reportsite.render.markup import Heading, RenderedBody, make_markdown, render_markdown
from reportsite.content.entry import human_size
from reportsite.model import Listing, Report, Site, Year
from reportsite.output.writer import StagedOutput
from reportsite.runtime.parallel import fork_map
from reportsite.render.charts import bar_chart, number, series_metrics
from reportsite.render.templates import render_template

if TYPE_CHECKING:
    from reportsite.render.pdf import PdfStats

DISCLOSURE_LABELS = ("标题", "索引号", "文号", "发文日期", "发布机构", "发布日期")
LISTING_KINDS = {"series": "系列", "publishers": "发布机构", "categories": "信息分类"}
LATEST = 5
_DESCRIPTION_CHARS = 120


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
        return f"定时发布：本报告将于 {report.published:%Y-%m-%d %H:%M}（北京时间）后发布，公众现在看不到此页。"
    return ""


class HtmlRenderer:
    """Renders every page of the site into a StagedOutput."""

    def __init__(self, site: Site, writer: StagedOutput, env: jinja2.Environment, assets: dict[str, str],
                 pdfs: PdfStats | None = None, preview: bool = False, manifest: Manifest | None = None) -> None:
        self.site = site
        self.config = site.config
        self.writer = writer
        self.env = env
        self.assets = assets
        self.pdf_sizes = dict(pdfs.sizes) if pdfs else {}
        self.favicon_type = FAVICON_TYPES.get(PurePosixPath(assets.get("favicon", "")).suffix, "")
        self.markdown = make_markdown()
        self.pages: list[tuple[str, dt.date | None]] = []
        self.preview = preview
        self.manifest = manifest
        self.rendered = 0
        self._template_keys: dict[str, str] = {}
        self._report_keys: dict[str, str] = {}
        # What pages show of the config; templates and assets are keyed by their contents instead.
        self.browse = self.browse_links()
        settings = [getattr(self.config, f.name) for f in fields(self.config)
                    if f.name not in ("fonts", "template_dirs", "assets_dir", "root")]
        self.global_key = content_key(repr(settings), json.dumps(assets, sort_keys=True), str(preview),
                                      repr(self.browse), manifest.code if manifest else "")

    # -- incremental: a page is rendered only when its key changes ------------------------------

    def template_key(self, name: str) -> str:
        """A template's source with everything it extends or includes, so an edit to one partial
        re-renders exactly the pages whose templates use it."""
        if name not in self._template_keys:
            try:
                source = self.env.loader.get_source(self.env, name)[0] if self.env.loader else ""
                used = sorted(n for n in meta.find_referenced_templates(self.env.parse(source)) if n)
            except (jinja2.TemplateError, UnicodeDecodeError):
                source, used = "", []  # rendering it will report the fault with its file and line
            self._template_keys[name] = content_key(source, *(self.template_key(n) for n in used if n != name))
        return self._template_keys[name]

    def report_key(self, report: Report) -> str:
        """Everything about a report that any page may show, including its PDF's size."""
        if report.path not in self._report_keys:
            self._report_keys[report.path] = content_key(repr(report), str(self.pdf_sizes.get(report.path)))
        return self._report_keys[report.path]

    def page_key(self, template: str, *parts: str) -> str:
        return content_key(self.global_key, self.template_key(template), *parts)

    def reused(self, page_path: str, key: str, modified: dt.date | None = None) -> bool:
        """Link the current output's page into the new site when its inputs did not change."""
        old = self.manifest.reusable(page_path, key) if self.manifest else None
        if old is None:
            return False
        self.writer.link(old, page_path)
        self._listed(page_path, modified)
        return True

    def _listed(self, page_path: str, modified: dt.date | None) -> None:
        if page_path != "404.html":
            self.pages.append((page_path.removesuffix("index.html"), modified))

    def render(self, template: str, page_path: str, key: str, modified: dt.date | None = None,
               **context: Any) -> None:
        root = context.pop("root", relative_root(page_path))
        text = render_template(self.env, self.config, template, site=self.config, assets=self.assets,
                               root=root, pdf_sizes=self.pdf_sizes, browse=self.browse, preview=self.preview,
                               favicon_type=self.favicon_type, **context)
        data = text.encode("utf-8")
        self.writer.write_bytes(page_path, data)
        self.rendered += 1
        if self.manifest:
            self.manifest.record(page_path, key, data)
        self._listed(page_path, modified)

    def browse_links(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Plain links to every year, series, publisher and category: filtering that needs no script."""
        groups = [("年度", [(f"{y.year}年", y.path) for y in self.site.years])]
        for label, listings in (("系列", self.site.series), ("发布机构", self.site.publishers),
                                ("信息分类", self.site.categories)):
            groups.append((label, [(item.name, item.path) for item in listings]))
        return [(label, links) for label, links in groups if links]

    def canonical(self, path: str) -> str:
        return self.config.base_url + path

    def site_meta(self, column_name: str, column_type: str) -> list[tuple[str, str]]:
        """The 政府网站 meta tags every page carries (国办发〔2017〕47号)."""
        return [("SiteName", self.config.name), ("SiteDomain", self.config.domain),
                ("SiteIDCode", self.config.id_code), ("ColumnName", column_name),
                ("ColumnType", column_type)]

    def render_all(self) -> list[tuple[str, dt.date | None]]:
        """Render every page; return each page's URL path and date, for the sitemap."""
        pending = [r for r in self.site.reports
                   if not self.reused(r.path + "index.html", self.page_key("report.html", self.report_key(r)),
                                      r.published.date())]
        for pages, records, rendered in fork_map(self.render_reports, pending):
            self.pages += pages
            self.rendered += rendered
            if self.manifest:
                self.manifest.current.update(records)
        for year in self.site.years:
            self.render_year(year)
        for listing in self.site.series + self.site.publishers + self.site.categories:
            self.render_listing(listing)
        self.render_home()
        self.render_catalogue()
        self.render_search()
        self.render_not_found()
        return self.pages

    def report_meta(self, report: Report, body: RenderedBody) -> list[tuple[str, str]]:
        description = report.summary or plain_text(body.html)[:_DESCRIPTION_CHARS]
        column = report.category or report.series or "工作报告"
        return self.site_meta(column, self.config.column_type(report.category)) + [
            ("ArticleTitle", report.title),
            ("PubDate", f"{report.published:%Y-%m-%d %H:%M}"),
            ("ContentSource", report.publisher.name),
            ("Keywords", ",".join(report.keywords)),
            ("Description", description),
            ("Url", self.canonical(report.path)),
        ] + ([("robots", "noindex")] if report.unpublished else [])  # a draft on a staging site stays out of search engines

    def render_reports(self, reports: Sequence[Report]) -> tuple[list[tuple[str, dt.date | None]],
                                                                  dict[str, list[object]], int]:
        """Render a share of the report pages and hand back what they add, leaving this renderer as
        it was: the share may run here or in a forked worker, and the caller merges either the same way."""
        start, rendered = len(self.pages), self.rendered
        for report in reports:
            self.render_report(report)
        pages = self.pages[start:]
        del self.pages[start:]
        done, self.rendered = self.rendered - rendered, rendered
        records = {}
        if self.manifest:
            records = {path + "index.html": self.manifest.current.pop(path + "index.html") for path, _ in pages}
        return pages, records, done

    def render_report(self, report: Report) -> None:
        key = self.page_key("report.html", self.report_key(report))
        body = render_markdown(self.markdown, report.body.read())
        disclosure = zip(DISCLOSURE_LABELS, (
            report.title, report.index_no, report.doc_no, f"{report.issued:%Y-%m-%d}",
            report.publisher.name, f"{report.published:%Y-%m-%d}"))
        extra = [(label, value) for label, value in (("信息分类", report.category), ("效力状况", report.status)) if value]
        self.render(
            "report.html", report.path + "index.html", key,
            report=report, body=body.html, meta=self.report_meta(report, body),
            pdf_size=human_size(self.pdf_sizes[report.path]) if report.path in self.pdf_sizes else None,
            canonical=self.canonical(report.path), page_title=report.title,
            disclosure=list(disclosure) + extra,
            toc=table_of_contents(body.headings) if len(body.headings) >= 3 else (),
            series_path=self.series_path(report), modified=report.published.date(),
            unpublished=unpublished_banner(report),
            breadcrumbs=[("首页", "index.html"), (f"{report.year}年", f"{report.year}/index.html"), (report.title, None)],
        )

    def listing_key(self, template: str, reports: Sequence[Report], *parts: str) -> str:
        return self.page_key(template, *parts, *(self.report_key(r) for r in reports))

    def render_year(self, year: Year) -> None:
        key = self.listing_key("year.html", year.reports, str(year.year))
        if self.reused(year.path + "index.html", key, self.newest(year.reports)):
            return
        self.render(
            "year.html", year.path + "index.html", key, year=year,
            meta=self.site_meta(f"{year.year}年", "信息公开目录") + [
                ("Description", f"{self.config.name}{year.year}年度的{len(year.reports)}篇报告。"),
                ("Url", self.canonical(year.path))],
            canonical=self.canonical(year.path), page_title=f"{year.year}年报告", modified=self.newest(year.reports),
            breadcrumbs=[("首页", "index.html"), (f"{year.year}年", None)],
        )

    def series_path(self, report: Report) -> str | None:
        return next((s.path for s in self.site.series if s.name == report.series), None)

    @staticmethod
    def newest(reports: tuple[Report, ...]) -> dt.date | None:
        return max((r.published.date() for r in reports), default=None)

    def render_listing(self, listing: Listing) -> None:
        key = self.listing_key("listing.html", listing.reports, listing.kind, listing.name, listing.slug)
        if self.reused(listing.path + "index.html", key, self.newest(listing.reports)):
            return
        kind = LISTING_KINDS[listing.kind]
        metrics = series_metrics(listing) if listing.kind == "series" else ()
        charts = [(m, bar_chart(m, f"chart-{m.key}")) for m in metrics]
        self.render(
            "listing.html", listing.path + "index.html", key, listing=listing, kind=kind, charts=charts,
            number=number, meta=self.site_meta(listing.name, "信息公开目录") + [
                ("Description", f"{kind}“{listing.name}”的{len(listing.reports)}篇报告，按时间排列。"),
                ("Url", self.canonical(listing.path))],
            canonical=self.canonical(listing.path), page_title=f"{listing.name}（{kind}）",
            breadcrumbs=[("首页", "index.html"), (listing.name, None)], modified=self.newest(listing.reports),
        )

    def comparison(self) -> tuple[list[int], list[tuple[Listing, list[list[Report]]]]]:
        """年度对比: one row per series, one column per year (oldest first), gaps left empty."""
        years = sorted(y.year for y in self.site.years)
        rows = [(series, [[r for r in reversed(series.reports) if r.year == year] for year in years])
                for series in self.site.series]
        return years, rows

    def render_catalogue(self) -> None:
        reports = sorted(self.site.reports, key=lambda r: (r.issued, r.path), reverse=True)
        key = self.listing_key("catalogue.html", reports)
        if self.reused("catalogue/index.html", key, self.newest(tuple(reports))):
            return
        self.render(
            "catalogue.html", "catalogue/index.html", key, reports=reports,
            meta=self.site_meta("信息公开目录", "信息公开目录") + [
                ("Description", f"{self.config.name}政府信息公开目录：索引号、标题、发布机构、发文日期和信息分类。"),
                ("Url", self.canonical("catalogue/"))],
            canonical=self.canonical("catalogue/"), page_title="信息公开目录",
            breadcrumbs=[("首页", "index.html"), ("信息公开目录", None)], modified=self.newest(tuple(reports)),
        )

    def render_search(self) -> None:
        """The template is told whether there is anything to search: a site with no report yet has no
        index (see search.build_search_index), and its page must not offer one."""
        has_reports = bool(self.site.reports)
        key = self.page_key("search.html", str(has_reports))
        if self.reused("search/index.html", key):
            return
        self.render(
            "search.html", "search/index.html", key, has_reports=has_reports,
            meta=self.site_meta("站内检索", "首页") + [
                ("Description", f"检索{self.config.name}发布的各年度报告全文。"), ("Url", self.canonical("search/"))],
            canonical=self.canonical("search/"), page_title="站内检索",
            breadcrumbs=[("首页", "index.html"), ("站内检索", None)],
        )

    def render_home(self) -> None:
        latest = sorted(self.site.reports, key=lambda r: (r.published, r.path), reverse=True)[:LATEST]
        key = self.listing_key("index.html", self.site.reports)
        if self.reused("index.html", key, self.newest(tuple(latest))):
            return
        years, rows = self.comparison()
        self.render(
            "index.html", "index.html", key, years=self.site.years, comparison_years=years, comparison=rows,
            latest=latest, modified=self.newest(tuple(latest)),
            meta=self.site_meta("首页", "首页") + [("Description", self.config.description or
                                                   f"{self.config.name}各年度报告。"),
                                                  ("Url", self.config.base_url)],
            canonical=self.config.base_url, page_title="首页", breadcrumbs=[],
        )

    def render_not_found(self) -> None:
        """A 404 is served at any depth, so its links start from the site's own base path."""
        base_path = urlsplit(self.config.base_url).path or "/"
        key = self.page_key("404.html")
        if self.reused("404.html", key):
            return
        self.render(
            "404.html", "404.html", key, root=base_path,
            # no canonical: 404.html itself answers 200, and a 404 is not a page to index
            meta=self.site_meta("页面未找到", "首页") + [
                ("Description", f"您访问的页面在{self.config.name}网站上不存在或已移动。"), ("robots", "noindex")],
            canonical=None, page_title="页面未找到", breadcrumbs=[],
        )
