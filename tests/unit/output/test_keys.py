"""Incremental keys: a page or PDF key moves exactly when something it is made from does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from reportsite.config.load import read_config
from reportsite.config.model import Publisher, SiteConfig
from reportsite.content.entry import Body
from reportsite.model import Report, Site, Year
from reportsite.output.keys import page_keys, pdf_key, report_key, site_key, template_keys

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    loaded, problems = read_config(ROOT / "config.yaml")
    assert loaded is not None and problems == []
    return loaded


def make_report(**changes: object) -> Report:
    source = Path("/nowhere/content/2023/work.md")
    report = Report(source=source, source_name="content/2023/work.md", folder=None, slug="work", year=2023,
                    title="2023年工作报告", publisher=Publisher("gov", "某县人民政府", "000000000"),
                    index_no="000000000/2023-00001", doc_no="", issued=dt.date(2023, 3, 1),
                    published=dt.datetime(2023, 3, 2, 9, 0), series="工作报告", category="",
                    keywords=("工作",), summary="", attachments=(), files=(), status="有效", signer="",
                    signed=None, metrics=(), body=Body(source, "content/2023/work.md", 8, "digest"), key_lines=())
    return replace(report, **changes)


@dataclass(frozen=True)
class FakePage:
    path: str
    template: str
    parts: tuple[str, ...]
    reports: tuple[Report, ...]


SOURCES = {"report.html": ("{% extends 'base.html' %}", ("base.html",)), "base.html": ("<html>", ())}


def key_of(report: Report, sources: dict[str, tuple[str, tuple[str, ...]]] = SOURCES,
           sizes: dict[str, int] | None = None, shown: str = "site") -> str:
    page = FakePage(report.path + "index.html", "report.html", (), (report,))
    return page_keys([page], shown, template_keys(sources), sizes or {})[page.path]


def test_a_page_key_stays_when_nothing_changes() -> None:
    assert key_of(make_report()) == key_of(make_report())


def test_a_page_key_moves_with_the_reports_title() -> None:
    assert key_of(make_report(title="2023年政府工作报告")) != key_of(make_report())


def test_a_page_key_moves_with_its_templates_source_and_with_what_it_extends() -> None:
    edited = {**SOURCES, "report.html": ("{% extends 'base.html' %}<p>", ("base.html",))}
    base_edited = {**SOURCES, "base.html": ("<html lang=zh>", ())}
    assert len({key_of(make_report()), key_of(make_report(), edited), key_of(make_report(), base_edited)}) == 3


def test_a_page_key_moves_with_the_pdfs_size() -> None:
    report = make_report()
    assert key_of(report, sizes={report.path: 1000}) != key_of(report, sizes={report.path: 1001})
    assert report_key(report, 1000) == report_key(report, 1000)


def test_the_site_key_moves_with_the_preview_flag_only(config: SiteConfig) -> None:
    site = Site(config, (Year(2023, (make_report(),)),))
    assets = {"css/site.css": "assets/css/site.0123456789.css"}
    assert site_key(config, site, assets, False, "code") == site_key(config, site, assets, False, "code")
    assert site_key(config, site, assets, True, "code") != site_key(config, site, assets, False, "code")
    assert site_key(config, site, assets, False, "other code") != site_key(config, site, assets, False, "code")


def test_a_pdf_key_ignores_what_only_the_web_page_shows() -> None:
    shared = ("pdf template", "css", "font.ttf:0:1234")
    report = make_report()
    assert pdf_key(report, shared) == pdf_key(replace(report, updated=dt.date(2024, 1, 1)), shared)
    assert pdf_key(report, shared) != pdf_key(replace(report, title="另一个标题"), shared)
    assert pdf_key(report, shared) != pdf_key(report, ("pdf template", "css", "font.ttf:0:1235"))
