"""The frozen result of reading config.yaml: what every later stage knows about the site.

Kept apart from the reading, so content, the model and the renderers depend on these few
dataclasses only, never on how config.yaml is parsed or checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportsite.core.fonts import FontStacks
from reportsite.core.i18n import Message, msg
from reportsite.core.suggest import did_you_mean

#: The cache's folder, beside the config: PDFs, manifests and the live preview.
CACHE_DIR = ".reportsite-cache"
BUILTIN_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COLUMN_TYPE = "信息公开目录"
#: Icon formats every browser shows; the file is published as an asset with a hashed name.
FAVICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
#: Images the 党政机关网站标识 may be, each of which Pillow checks can be read.
BADGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
#: What 最后更新 dates: "content", the later of the last change note and the last commit that changed
#: the text; "notes", the last change note only.
UPDATED_FROM = ("content", "notes")
#: What a publisher is (`publishers.<key>.level`): 乡镇, 街道办事处, a 县级以上人民政府部门, or a 县级,
#: 设区的市级 or 省级 people's government itself. It sets the legal deadline of its 年报.
LEVELS = ("township", "subdistrict", "department", "county", "city", "province")
#: Without a level a publisher is held to the earlier deadline, so a missing level never hides a late report.
DEFAULT_LEVEL = "department"
#: 政府信息公开条例 (2019) 第四十九条: 部门 (and, by provincial rules, 乡镇 and 街道) publish the report on
#: year Y by 31 January of Y+1; a 县级以上地方人民政府's own report is due by 31 March of Y+1.
LEVEL_DEADLINES = {"township": (1, 31), "subdistrict": (1, 31), "department": (1, 31),
                   "county": (3, 31), "city": (3, 31), "province": (3, 31)}
#: A deadline as (month, day) in the year after the report year.
MonthDay = tuple[int, int]


def did_you_mean_hint(hint: str) -> Message:
    """config's wording of the ' (did you mean `…`?)' part, a part of its own so each language places it."""
    return msg("config.did_you_mean", " (did you mean `{hint}`?)", hint=hint)


def month_day(text: str) -> MonthDay | None:
    """A deadline written as MM-DD ("03-31", or "3-31"), or None when it is not a day that every year has: a
    deadline of 02-29 would fall on no day three years in four."""
    found = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text.strip())
    if not found:
        return None
    try:
        dt.date(2001, int(found[1]), int(found[2]))  # 2001: not a leap year
    except ValueError:
        return None
    return int(found[1]), int(found[2])


@dataclass(frozen=True)
class Publisher:
    key: str
    name: str
    code: str
    level: str = DEFAULT_LEVEL  # one of LEVELS
    annual_deadline: MonthDay | None = None  # its own 年报 deadline, before the site's and its level's


#: Where 我为政府网站找错 goes by default: the national 政府网站 error-report desk, told the site and page.
REPORT_ERRORS = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={id_code}&url={page_url}"
#: The 党政机关网站标识's verification page, given the id 中央编办 issued with the badge.
BADGE_LINK = "https://bszs.conac.cn/sitename?method=show&id={badge_id}"


@dataclass(frozen=True)
class Footer:
    """The 政府网站 identity items of every page's footer (国办发〔2017〕47号); an empty one is not shown."""

    sponsor: str
    icp: str
    police: str
    organizer: str = ""  # 承办单位
    contact: str = ""  # 联系我们: text, or a link (http(s)://, mailto:)
    badge: Path | None = None  # the 党政机关网站标识 image the site was issued
    badge_link: str = ""  # where the badge leads: its verification page
    report_errors: str = REPORT_ERRORS  # the 我为政府网站找错 address, with {id_code} and {page_url}


@dataclass(frozen=True)
class Revisions:
    """The 修订记录 section of report pages (config.yaml `revisions:`)."""

    show: bool = True
    updated: str = "content"  # one of UPDATED_FROM


@dataclass(frozen=True)
class AnnualReportSettings:
    """The 政府信息公开工作年度报告 section (config.yaml `annual_report:`): `strict` makes a table whose
    sums do not add up an error instead of a warning; `deadline` is the site's own deadline for every
    publisher's 年报, which a publisher's `annual_deadline` overrides in turn (None: by its level)."""

    strict: bool = False
    deadline: MonthDay | None = None

    def deadline_of(self, publisher: Publisher) -> MonthDay:
        """When the publisher's 年报 on year Y is due in Y+1: its own, else the site's, else its level's."""
        return publisher.annual_deadline or self.deadline or LEVEL_DEADLINES[publisher.level]


@dataclass(frozen=True)
class SiteConfig:
    """Everything the pipeline needs to know about the site, resolved to absolute paths."""

    root: Path
    name: str
    domain: str
    base_url: str
    id_code: str
    description: str
    keywords: tuple[str, ...]
    footer: Footer
    publishers: tuple[Publisher, ...]
    index_no_pattern: str
    column_types: tuple[tuple[str, str], ...]
    fonts: FontStacks
    template_dirs: tuple[Path, ...]
    assets_dir: Path
    favicon: Path | None = None  # the site's own icon (site.favicon); None: the theme's assets/favicon.svg
    revisions: Revisions = field(default_factory=Revisions)
    annual_report: AnnualReportSettings = field(default_factory=AnnualReportSettings)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def source_dirs(self) -> tuple[Path, ...]:
        """Every folder a page is made from, besides the config file: what a rebuild must notice."""
        return (self.content_dir, *self.template_dirs, self.assets_dir, *([self.favicon] if self.favicon else []),
                *([self.footer.badge] if self.footer.badge else []))

    def publisher(self, key_or_name: str) -> Publisher | None:
        """Look a publisher up by its config key or by its full name."""
        return next((p for p in self.publishers if key_or_name in (p.key, p.name)), None)

    def resolve_publisher(self, value: str) -> tuple[Publisher, Message | None]:
        """A configured publisher, or the name as written; a value that looks like a key (ASCII, no
        spaces) but is not one is a typo, returned with the message that says which key was meant."""
        found = self.publisher(value)
        if found:
            return found, None
        if re.fullmatch(r"[A-Za-z0-9_-]+", value):
            keys = [p.key for p in self.publishers]
            known = (msg("config.publisher_known", " (known: {keys})", keys=", ".join(keys)) if keys
                     else msg("config.publisher_known_none", " (known: none)"))
            return Publisher("", value, ""), msg(
                "config.publisher_unknown", "publisher `{value}` is not in config.yaml's publishers{hint}",
                value=value, hint=did_you_mean(value, keys, did_you_mean_hint, known))
        return Publisher("", value, ""), None

    def column_type(self, category: str) -> str:
        return dict(self.column_types).get(category, DEFAULT_COLUMN_TYPE)
