"""The one schema of a report's front matter: its keys, their labels, what is required, and the names
a report's folder reserves.

The content stage checks against it, `new` writes its skeleton from it and the importer writes
its front matter from it, so a key added here is known to all three at once.
"""

from __future__ import annotations

import datetime as dt
import re

from reportsite.core.i18n import Message, msg

#: The date keys' labels as the date messages name them: the label alone in English, and with the key in
#: Chinese (发文日期（issued）), so the editor finds the line to fix by either name.
DATE_NAMES: dict[str, Message] = {
    "issued": msg("content.issued_name", "发文日期"),
    "published": msg("content.published_name", "发布日期"),
    "signed": msg("content.signed_name", "成文日期"),
}
#: Front-matter keys and the labels the disclosure block shows for them, in the order editors know:
#: `new` writes its skeleton in this order and the importer its front matter.
FIELDS: dict[str, str] = {
    "title": "标题", "publisher": "发布机构", "index_no": "索引号", "doc_no": "文号",
    "issued": str(DATE_NAMES["issued"]), "published": str(DATE_NAMES["published"]), "year": "报告年度",
    "series": "系列", "category": "信息分类", "keywords": "关键词", "summary": "内容概述",
    "attachments": "附件", "status": "效力状况", "signer": "署名", "signed": str(DATE_NAMES["signed"]),
    "metrics": "关键指标", "annual_report": "年报表格", "draft": "草稿", "changes": "修订记录",
}
#: The key order of a written front matter.
KEY_ORDER: tuple[str, ...] = tuple(FIELDS)
REQUIRED = ("title", "publisher", "issued")
STATUSES = ("有效", "废止")
#: The years a report, a folder or a metric may name: from 1949 on, four digits.
YEARS = range(1949, 3000)
#: A slug becomes a URL path segment, so it is lower-case ASCII words joined by single hyphens.
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(name: str) -> bool:
    """Whether a report's file or folder name can be its URL as it stands."""
    return _SLUG_RE.match(name) is not None


def pdf_name(slug: str) -> str:
    """The PDF the build makes of a report, beside its page: the content stage keeps the name free
    in a report folder, and the model links to it."""
    return f"{slug}.pdf"


def issue_fits(issued: dt.date, year: int) -> bool:
    """Whether a 发文日期 fits a 报告年度: a report on a year is issued within a year of it (a plan
    before it, a summary after it), which `new` also follows so that its skeleton validates."""
    return abs(issued.year - year) <= 1
