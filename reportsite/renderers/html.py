"""HTML pages: the report page with its disclosure block, the home and year indexes, and 404.

Everything a template shows is prepared here as plain values (rows, links,
meta tags), so templates only lay them out. Every link is relative to the page,
which keeps output/ working from file:// and under any sub-path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2

from ..markup import Heading, RenderedBody, make_markdown, render_markdown
from ..model import Report, Site, Year, human_size
from ..output import StagedOutput
from .templates import render_template

if TYPE_CHECKING:
    from .pdf import PdfStats

DISCLOSURE_LABELS = ("标题", "索引号", "文号", "发文日期", "发布机构", "发布日期")
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


class HtmlRenderer:
    """Renders every page of the site into a StagedOutput."""

    def __init__(self, site: Site, writer: StagedOutput, env: jinja2.Environment, assets: dict[str, str],
                 pdfs: PdfStats | None = None) -> None:
        self.site = site
        self.config = site.config
        self.writer = writer
        self.env = env
        self.assets = assets
        self.pdf_sizes = dict(pdfs.sizes) if pdfs else {}
        self.markdown = make_markdown()

    def render(self, template: str, page_path: str, **context: Any) -> None:
        root = context.pop("root", relative_root(page_path))
        text = render_template(self.env, self.config, template, site=self.config, assets=self.assets,
                               root=root, pdf_sizes=self.pdf_sizes, **context)
        self.writer.write_text(page_path, text)

    def canonical(self, path: str) -> str:
        return self.config.base_url + path

    def site_meta(self, column_name: str, column_type: str) -> list[tuple[str, str]]:
        """The 政府网站 meta tags every page carries (国办发〔2017〕47号)."""
        return [("SiteName", self.config.name), ("SiteDomain", self.config.domain),
                ("SiteIDCode", self.config.id_code), ("ColumnName", column_name),
                ("ColumnType", column_type)]

    def render_all(self) -> int:
        """Render every page; return how many were written."""
        count = 0
        for report in self.site.reports:
            self.render_report(report)
            count += 1
        for year in self.site.years:
            self.render_year(year)
            count += 1
        self.render_home()
        self.render_not_found()
        return count + 2

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
        ]

    def render_report(self, report: Report) -> None:
        body = render_markdown(self.markdown, report.body)
        disclosure = zip(DISCLOSURE_LABELS, (
            report.title, report.index_no, report.doc_no, f"{report.issued:%Y-%m-%d}",
            report.publisher.name, f"{report.published:%Y-%m-%d}"))
        extra = [(label, value) for label, value in (("信息分类", report.category), ("效力状况", report.status)) if value]
        self.render(
            "report.html", report.path + "index.html",
            report=report, body=body.html, meta=self.report_meta(report, body),
            pdf_size=human_size(self.pdf_sizes[report.path]) if report.path in self.pdf_sizes else None,
            canonical=self.canonical(report.path), page_title=report.title,
            disclosure=list(disclosure) + extra,
            toc=table_of_contents(body.headings) if len(body.headings) >= 3 else (),
            breadcrumbs=[("首页", "index.html"), (f"{report.year}年", f"{report.year}/index.html"), (report.title, None)],
        )

    def render_year(self, year: Year) -> None:
        self.render(
            "year.html", year.path + "index.html", year=year,
            meta=self.site_meta(f"{year.year}年", "信息公开目录") + [("Url", self.canonical(year.path))],
            canonical=self.canonical(year.path), page_title=f"{year.year}年报告",
            breadcrumbs=[("首页", "index.html"), (f"{year.year}年", None)],
        )

    def render_home(self) -> None:
        self.render(
            "index.html", "index.html", years=self.site.years,
            meta=self.site_meta("首页", "首页") + [("Description", self.config.description),
                                                  ("Url", self.config.base_url)],
            canonical=self.config.base_url, page_title="首页", breadcrumbs=[],
        )

    def render_not_found(self) -> None:
        """A 404 is served at any depth, so its links start from the site's own base path."""
        base_path = urlsplit(self.config.base_url).path or "/"
        self.render(
            "404.html", "404.html", root=base_path,
            meta=self.site_meta("页面未找到", "首页"), canonical=self.config.base_url + "404.html",
            page_title="页面未找到", breadcrumbs=[],
        )
