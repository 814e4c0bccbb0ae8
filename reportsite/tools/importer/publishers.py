"""The publisher of an imported page as the site knows it: a key of config.yaml's `publishers`.

Pages name their publisher in full (东山街道办事处), and the same office in several ways
over the years; config.yaml files it under a key (`dongshan`), with its 统一社会信用代码.
A page whose name or code matches a configured publisher gets that key, so its report is
listed on the publisher's page with the rest. The code is the surer sign: names change,
codes do not, and every 索引号 starts with one. A publisher config.yaml does not know is
kept as the page names it, and the run ends with the lines that would add it.

This runs after `convert()`, on the text it made: the front matter's `publisher:` line is
the one line rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable

from reportsite.config.model import Publisher
from reportsite.core.identifiers import CREDIT_CODE_RE, ORG_CODE_RE
from reportsite.core.slugs import readable_slug
from reportsite.core.yamlread import yaml_scalar
from reportsite.tools.importer.options import Converted

_CODE = rf"(?:{CREDIT_CODE_RE}|{ORG_CODE_RE})"
_INDEX_NO_CODE_RE = re.compile(rf"^\s*({_CODE})\s*/")
#: A code labelled on the page itself: `统一社会信用代码：…`, `机构代码：…`, or a `code:` line.
_LABELLED_CODE_RE = re.compile(rf"(?:统一社会信用代码|组织机构代码|机构代码|\bcode)[ \t\u3000]*[:：][ \t\u3000]*({_CODE})"
                               rf"(?![0-9A-Z])")
_PUBLISHER_LINE_RE = re.compile(r"^publisher: .*$", re.MULTILINE)
#: Parts of an office's name that say what kind of office it is, not which: the key is the rest.
_REGION_PREFIX_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}?[省市区县](?=[\u4e00-\u9fff]{2})")
_KIND_SUFFIX_RE = re.compile(r"(?:街道办事处|人民政府|管理委员会|管委会|委员会|办事处|街道|镇|乡)$")


@dataclass(frozen=True)
class PagePublisher:
    """Who a page says published it, and the config key that became of it ("" when none did)."""

    name: str
    code: str
    key: str


def page_code(index_no: str, page_text: str) -> str:
    """The organisation code a page gives: its 索引号's prefix, else a labelled code on the page."""
    if found := _INDEX_NO_CODE_RE.match(index_no):
        return found.group(1)
    found = _LABELLED_CODE_RE.search(page_text)
    return found.group(1) if found else ""


def configured(publishers: Iterable[Publisher], name: str, code: str) -> Publisher | None:
    """The configured publisher a page's name or code names: by code first (a name may be written
    several ways, a code only one), then by the name, or the key when --publisher gave one."""
    publishers = tuple(publishers)
    by_code = next((p for p in publishers if code and p.code == code), None)
    return by_code or next((p for p in publishers if name in (p.name, p.key)), None)


def with_publisher(converted: Converted, name: str, code: str,
                   publishers: Iterable[Publisher]) -> tuple[Converted, PagePublisher]:
    """The converted page with its publisher given as the config key when config.yaml knows it."""
    found = configured(publishers, name, code)
    if found is None:
        return converted, PagePublisher(name, code, "")
    text = _PUBLISHER_LINE_RE.sub(lambda _: f"publisher: {found.key}", converted.text, count=1)
    return Converted(converted.year, converted.slug, text, converted.warnings), PagePublisher(name, code, found.key)


def suggested_key(name: str, taken: Iterable[str]) -> str:
    """A key for a new publisher as editors write them (博山区八陡镇 → badou): the pinyin of the name
    without its region and its kind of office, joined; -2, -3… when the key is taken."""
    core = name
    while (shorter := _REGION_PREFIX_RE.sub("", core)) != core:
        core = shorter
    while (shorter := _KIND_SUFFIX_RE.sub("", core)) != core and len(shorter) >= 2:
        core = shorter
    base = readable_slug(core, fallback="publisher").replace("-", "")[:30] or "publisher"
    taken = set(taken)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def config_lines(unknown: Iterable[PagePublisher], taken: Iterable[str]) -> list[str]:
    """The lines to add under `publishers:` in config.yaml for each publisher it does not know yet:
    one entry (of three lines) per name, with the first code any of its pages gave."""
    codes: dict[str, str] = {}
    for publisher in unknown:
        if not codes.get(publisher.name):
            codes[publisher.name] = publisher.code
    keys = set(taken)
    entries = []
    for name, code in codes.items():
        key = suggested_key(name, keys)
        keys.add(key)
        entries.append(f"  {key}:\n    name: {yaml_scalar(name)}\n    code: {code or chr(34) * 2}")
    return entries
