"""Pages saved from government CMSs → reportsite content files (Markdown + YAML front matter).

Editors have years of reports only as pages saved from the old site: text dumps
where the metadata, the page chrome and the prose run together, and HTML pages
whose tables were pasted from Word. This module turns one such page into the
text of one content file. It is pure: bytes in, text and warnings out; the
`import` command does the reading and writing.

Two promises shape it. Nothing of the body is lost: every letter and digit of
the source text reaches the page, so where a guess could drop or mangle text
(where does a run-in heading end?) it keeps the text together and warns.
Nothing is taken on faith: the front matter it writes passes the build's own
checks (real dates, a report year that fits the dates, allowed keys).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from bs4 import BeautifulSoup, CData, NavigableString, Tag


from reportsite.content.read import FIELDS, STATUSES, YEARS
from reportsite.core.problems import Problem, Severity
from reportsite.core.i18n import Message, msg
from reportsite.core.slugs import readable_slug
from reportsite.core.yamlread import yaml_scalar

# --------------------------------------------------------------------------- metadata labels

#: Front-matter field → the labels CMSs use for it, best first. Spaces inside a
#: label ("索 引 号") are allowed wherever the label is matched.
FIELD_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("标题", "文件标题", "信息名称", "文件名称", "名称", "题名")),
    ("index_no", ("索引号", "信息索引号", "索引编号")),
    ("doc_no", ("文号", "发文字号", "发文文号", "文件编号", "文件文号")),
    ("issued", ("发文日期", "成文日期", "生成日期", "印发日期", "发文时间", "成文时间")),
    ("published", ("发布日期", "公开日期", "发布时间", "公开时间")),
    ("publisher", ("发布机构", "发布部门", "发布单位", "公开机构", "发文机关", "发文单位")),
    ("category", ("信息分类", "主题分类", "分类")),
    ("column", ("栏目", "所属栏目")),
    ("keywords", ("关键词", "主题词")),
    ("status", ("效力状况", "有效性")),
)
#: Labels that carry nothing we keep but must end the value before them on the same line.
_OTHER_LABELS = ("来源", "信息来源", "时间", "作者", "浏览次数", "点击数", "访问量", "阅读次数", "阅读",
                 "字号", "分享到", "发布人", "责任编辑", "编辑", "原文链接", "本地目录", "当前位置", "有效期",
                 "体裁分类", "组配分类", "服务对象")
#: What CMSs show in an empty field.
_NO_VALUE = frozenset({"无", "暂无", "-", "—", "/", "／", "空"})
_LABEL_FIELD = MappingProxyType({label: key for key, labels in FIELD_LABELS for label in labels})
_LABEL_RANK = MappingProxyType({label: rank for _, labels in FIELD_LABELS for rank, label in enumerate(labels)})


def _label_pattern(label: str) -> str:
    return r"[ \t\u3000]*".join(re.escape(c) for c in label)


_ALL_LABELS = tuple(sorted([*_LABEL_FIELD, *_OTHER_LABELS], key=len, reverse=True))
#: A label starts a line or follows a space or a separator, and is followed by a colon.
_LABEL_RE = re.compile(
    r"(?:^|(?<=[\s|｜•·】\]]))(?P<label>" + "|".join(_label_pattern(l) for l in _ALL_LABELS) + r")[ \t\u3000]*[:：]"
)
_LINE_LABEL_RE = re.compile(r"^[\s•·]*(?:" + "|".join(_label_pattern(l) for l in _ALL_LABELS) + r")[ \t\u3000]*[:：]")
_FIELD_LINE_RE = re.compile(r"^[\s•·]*(?:" + "|".join(_label_pattern(l) for l in sorted(_LABEL_FIELD, key=len,
                                                                                        reverse=True))
                            + r")[ \t\u3000]*[:：]")

# --------------------------------------------------------------------------- page furniture

#: Page chrome: font-size switches, print/close buttons, share links, counters, tab labels.
_FURNITURE_RE = re.compile(
    r"(?:字号|字体)[:：]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*)*"
    r"|【?(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部)】?"
    r"|分享到[:：]?|新浪微博|腾讯微博|微信|微博|QQ空间|朋友圈|扫一扫在手机(?:上)?打开当前页"
    r"|(?:浏览次数|访问量|浏览量|点击数|阅读次数|阅读)[:：]\s*\d*"
    r"|全真版|文字版|文件下载|附件下载|相关链接[:：]?|-->"
)
_BREADCRUMB_LINE_RE = re.compile(r"^\s*(?:当前位置|您的位置|您当前的位置|您现在的位置)[:：]")
_DATE_TEXT = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
#: Chrome that a crawler ran into the start of a one-line body, before the first real sentence.
_LEADING_CHROME = (
    re.compile(r"(?:当前位置|您的位置|您当前的位置|您现在的位置)[:：]?\s*(?:首页)?[^\s>»＞]*(?:\s*[>»＞]+\s*[^\s>»＞]+)*"),
    re.compile(r"字号[:：]?(?:\s*[【\[]?[大中小][】\]]?)*"),
    re.compile(r"【?(?:打印|关闭|收藏)】?|分享到[:：]?|微信|微博|QQ空间|扫一扫在手机(?:上)?打开当前页"),
    re.compile(r"(?:浏览次数|访问量|浏览量|点击数|阅读次数|阅读)[:：]\s*\d+"),
    re.compile(r"全真版|文字版|文件下载|相关链接[:：]?|-->|[•·|｜]"),
)
#: 来源 and 时间 lines are chrome only among other chrome; a body may well start "时间：…　地点：…".
_SOURCE_AND_TIME = (
    re.compile(r"(?:信息)?来源[:：]\s*\S*"),
    re.compile(r"(?:发布)?(?:时间|日期)[:：]\s*" + _DATE_TEXT),
)
#: Chrome after the last sentence: the attachment heading, the source line, print/close buttons.
_TRAILING_CHROME = re.compile(
    r"(?:^|\s+)(?:附件下载|【打印】|【关闭】|【打印】【关闭】|打印|关闭|关闭窗口|扫一扫在手机(?:上)?打开当前页"
    r"|分享到[:：]?|微信|微博|QQ空间|(?:信息)?来源[:：]\s*\S+|(?:浏览次数|访问量|阅读)[:：]\s*\d+)$"
)
_SEPARATOR_RE = re.compile(r"^=+\s*正文\s*=+$")

# --------------------------------------------------------------------------- headings

_CN_DIGITS = "一二三四五六七八九"
_CN = _CN_DIGITS + "十"
#: Official numbering at the start of a heading, by level (as in markup.OFFICIAL_LEVELS).
_MARKER_RE = re.compile(
    rf"(?P<h2>[{_CN}]{{1,3}}、)"
    rf"|(?P<h3>[（(][{_CN}]{{1,3}}[）)])"
    r"|(?P<h5>[（(]\d{1,2}[）)])"
    r"|(?P<h4>(?<![\d.．])\d{1,2}[.．](?![\d.．]))"
)
#: Characters after which a new numbered heading may start in run-together text.
_BOUNDARY = frozenset(" \t\u3000\xa0。！？!?”’」』")
#: Longer than this, a numbered line is prose (the same limit markup.py uses).
MAX_HEADING_CHARS = 40
#: Table text the crawler ran together: a row's counts as one long digit run (not a number with
#: its unit, like 202410月), or several counts separated by spaces.
_TABLE_TEXT_RE = re.compile(r"(?<![\d：:])\d{5,}(?![\d年月日元万亿个件条项人次%-])|(?:\d+\s+){3,}\d")
_SENTENCE_GAP_RE = re.compile(r"(?<=[。！？])\s+|(?<=[。！？][”’」』])\s+")

# --------------------------------------------------------------------------- HTML

_ARTICLE_SELECTORS = ("div.article_content", "#UCAP-CONTENT", "#zoom", "#Zoom", ".zoom", ".TRS_Editor",
                      ".article-content", ".article_con", ".articleCon", "#content", ".content", "article", "main")
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
               "blockquote", "center", "dl", "dt", "dd", "pre", "header", "footer", "figure", "figcaption",
               "address", "hr", "form", "fieldset", "nav", "aside", "caption", "tr", "td", "th"})
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})
_CELL_ATTRS = ("rowspan", "colspan")
_SCOPES = ("col", "row", "colgroup", "rowgroup")
_META_CONTAINERS = ("table", "ul", "ol", "dl", "div", "p", "section")
_META_BLOCK_CHARS = 800
#: Deepest element nesting an HTML page may have. The walks below recurse once per level and
#: Python stops at 1,000 frames; real pages nest about 25 deep, but html.parser nests every
#: unclosed <p> inside the one before, so a long page of unclosed <p>s can come near this.
MAX_NESTING = 800

# --------------------------------------------------------------------------- output

#: Front-matter keys in the order content.FIELDS gives them; metrics are not read from old pages.
KEYS = tuple(key for key in FIELDS if key != "metrics")
_DATE_OUT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$")
_CATEGORY_RULES = (
    (re.compile(r"(?:政府|政务)?信息公开工作年度报告|信息公开年报"), "信息公开年报"),
    (re.compile(r"政府工作报告"), "政府工作报告"),
    (re.compile(r"工作总结|重点工作情况"), "工作总结"),
)


class ImportFailed(Exception):
    """A page that cannot become a report; carries the one problem to show."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class ImportOptions:
    """What the command line adds to what the page says."""

    publisher: str = ""
    year: int | None = None
    title: str = ""


@dataclass(frozen=True)
class Block:
    """One piece of the body: a heading, a paragraph of text, or a finished HTML table."""

    kind: str  # "heading", "paragraph" or "table"
    text: str
    level: int = 0


@dataclass(frozen=True)
class Page:
    """What was read from one page: its labelled metadata (field → raw value) and its body."""

    meta: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    warnings: tuple[Problem, ...] = ()

    def get(self, key: str) -> str:
        return dict(self.meta).get(key, "")


@dataclass(frozen=True)
class Converted:
    """A content file ready to write to <content>/<year>/<slug>.md."""

    year: int
    slug: str
    text: str
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class _Numbering:
    """The last number seen at each heading level (2–5). Headings count up, so table rows
    numbered 一、二、 inside flattened table text are not taken for the report's own headings."""

    last: tuple[int, int, int, int] = (0, 0, 0, 0)

    def accepts(self, level: int, n: int) -> bool:
        previous = self.last[level - 2]
        return previous < n <= previous + 4

    def after(self, level: int, n: int) -> _Numbering:
        i = level - 2
        return _Numbering(self.last[:i] + (n,) + (0,) * (3 - i))


# =========================================================================== reading bytes

def decode(name: str, raw: bytes) -> str:
    """Text from a saved page: UTF-8 (with or without BOM), else GB18030, which old CMSs used."""
    if not raw.strip():
        raise ImportFailed(Problem(name, None, msg("import.file_empty", "the file is empty")))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _newlines(raw.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return _newlines(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ImportFailed(Problem(name, None, msg("import.not_utf8_or_gb18030",
                                               "cannot read the file: it is neither UTF-8 nor GB18030 (GBK) text; "
                                               "save the page again as UTF-8")))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(name: str, text: str) -> bool:
    """Saved pages keep their .html suffix, but some are saved as .txt with the markup inside."""
    if Path(name).suffix.lower() in (".html", ".htm", ".shtml", ".xhtml"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head


# =========================================================================== metadata lines

def parse_labels(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Field → value from lines like `索引号: X 文号:` (several labels per line are common).

    The first non-empty value wins within a label; across labels for one field the
    better label wins (发布机构 over 发文机关), so a page that shows both keeps the right one.
    """
    found: dict[str, tuple[int, str]] = {}
    for line in lines:
        for label, value in _label_values(line):
            key = _LABEL_FIELD.get(label)
            if key is None or not value:
                continue
            rank = _LABEL_RANK[label]
            if key not in found or rank < found[key][0]:
                found[key] = (rank, value)
    return tuple((key, value) for key, (_, value) in found.items())


def _label_values(line: str) -> Iterator[tuple[str, str]]:
    matches = list(_LABEL_RE.finditer(line))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        label = re.sub(r"[ \t\u3000]", "", match.group("label"))
        value = _clean(line[match.end():end])
        yield label, "" if value in _NO_VALUE else value


def _clean(text: str) -> str:
    """A metadata value: one line, without the separators CMSs put between fields."""
    return _collapse(text).strip(" |｜•·")


def _collapse(text: str) -> str:
    """One line of text: a line break between Chinese characters is only source wrapping (Word's
    HTML breaks lines anywhere), other whitespace runs become one space."""
    text = re.sub(r"(?<=[^\x00-\xff])[ \t]*\n\s*(?=[^\x00-\xff])", "", text)
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _label_count(text: str) -> int:
    """How many distinct report fields a piece of page text labels (to spot a metadata block)."""
    labels = {_LABEL_FIELD.get(re.sub(r"\s", "", m.group("label"))) for m in _LABEL_RE.finditer(text)}
    return len(labels - {None})


def is_label_line(line: str) -> bool:
    return bool(_LINE_LABEL_RE.match(line))


# =========================================================================== furniture

def is_furniture_line(line: str) -> bool:
    """A line made only of page chrome (`• 字号:`, `|`, `【打印】【关闭】`, share links), or a breadcrumb."""
    if not line.strip():
        return False
    if _BREADCRUMB_LINE_RE.match(line) and len(line) <= 100 and "。" not in line:
        return True
    rest = _FURNITURE_RE.sub("", line)
    return not re.sub(r"[\s•·|｜【】\[\]/>»＞:：]", "", rest)


def strip_leading_chrome(text: str, title: str) -> str:
    """Drop the breadcrumb, repeated title, 来源/时间, share links and tab labels a crawler ran
    into the start of a body, stopping at the first thing that is not chrome."""
    compact_title = re.sub(r"\s", "", title)
    rest = text.lstrip()
    while rest:
        if compact_title and _starts_with_title(rest, compact_title):
            rest = _after_title(rest, compact_title).lstrip()
            continue
        patterns = _LEADING_CHROME + (_SOURCE_AND_TIME if rest != text.lstrip() else ())
        match = next((m for p in patterns if (m := p.match(rest)) and _ends_token(rest, m.end())), None)
        if match is None or match.end() == 0:
            break
        rest = rest[match.end():].lstrip()
    return rest


def _ends_token(text: str, end: int) -> bool:
    return end == len(text) or text[end].isspace()


def _starts_with_title(text: str, compact_title: str) -> bool:
    compact = re.sub(r"\s", "", text[: len(compact_title) * 2])
    return compact.startswith(compact_title) and _ends_token(text, len(_after_title_prefix(text, compact_title)))


def _after_title_prefix(text: str, compact_title: str) -> str:
    """The part of `text` that spells the title, whatever spaces it has inside."""
    count, i = 0, 0
    while i < len(text) and count < len(compact_title):
        if not text[i].isspace():
            count += 1
        i += 1
    return text[:i]


def _after_title(text: str, compact_title: str) -> str:
    return text[len(_after_title_prefix(text, compact_title)):]


def strip_trailing_chrome(text: str) -> str:
    """Drop 附件下载, a closing 来源 line and print/close buttons after the last sentence."""
    rest = text.rstrip()
    while (match := _TRAILING_CHROME.search(rest)) is not None:
        rest = rest[: match.start()].rstrip()
    return rest


# =========================================================================== text pages

def read_text_page(name: str, text: str) -> Page:
    """A text dump: metadata lines (or a crawler header and a 正文 separator), then the body."""
    lines = text.split("\n")
    separator = next((i for i, line in enumerate(lines) if _SEPARATOR_RE.match(line.strip())), None)
    if separator is not None:
        meta = parse_labels(lines[:separator])
        body_start = separator + 1
    else:
        meta, body_start = _text_head(lines)
    title = dict(meta).get("title", "")
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= body_start]
    body = _trim_text_body(numbered, title)
    blocks, warnings = text_blocks(name, body)
    return Page(meta, blocks, warnings)


def _text_head(lines: list[str]) -> tuple[tuple[tuple[str, str], ...], int]:
    """Metadata and where the body starts, for dumps without a separator.

    Short lines before the first field label are the site's header (its name, a
    breadcrumb); from that label on, labels, furniture and repeats of the title
    belong to the head, and the body starts at the first line that is none of
    these. A page whose labels come only after prose has no head: nothing is
    dropped on a guess.
    """
    first = next((i for i, line in enumerate(lines[:60]) if _FIELD_LINE_RE.match(line)), None)
    if first is None or any(_is_prose(line) for line in lines[:first]):
        return (), 0
    head: list[str] = []
    i = first
    while i < len(lines):
        line = lines[i].strip()
        title = dict(parse_labels(head)).get("title", "")
        if not line or is_label_line(line) or is_furniture_line(line) or _is_title(line, title):
            head.append(line)
            i += 1
            continue
        break
    return parse_labels(head), i


def _is_prose(line: str) -> bool:
    return len(line.strip()) > 60 or bool(re.search(r"[。！？；]", line))


def _is_title(line: str, title: str) -> bool:
    return bool(title) and re.sub(r"\s", "", line) == re.sub(r"\s", "", title)


def _trim_text_body(lines: list[tuple[int, str]], title: str) -> list[tuple[int, str]]:
    """The body without furniture lines and title repeats at either end, or chrome run into its
    first and last lines."""
    body = [(n, _clean_line(line)) for n, line in lines]
    while body and (not body[0][1] or is_furniture_line(body[0][1]) or _is_title(body[0][1], title)):
        body.pop(0)
    while body and (not body[-1][1] or is_furniture_line(body[-1][1])):
        body.pop()
    if body:
        body[0] = (body[0][0], strip_leading_chrome(body[0][1], title))
        body[-1] = (body[-1][0], strip_trailing_chrome(body[-1][1]))
    return [(n, line) for n, line in body if line]


def _clean_line(line: str) -> str:
    """Collapse runs of spaces (NBSP and 全角 included) and trim: indentation means nothing in
    Markdown but a code block."""
    return re.sub(r"[ \t\xa0\u3000]+", " ", line).strip()


# =========================================================================== body text → blocks

def text_blocks(name: str, lines: Iterable[tuple[int | None, str]]) -> tuple[tuple[Block, ...], tuple[Problem, ...]]:
    """Paragraphs and headings from lines of body text; headings found by official numbering,
    which carries from line to line."""
    blocks: list[Block] = []
    warnings: list[Problem] = []
    state = _Numbering()
    for line_no, line in lines:
        found, state, unsure = _split_headings(line, state)
        blocks.extend(found)
        warnings.extend(_unsure_warning(name, line_no, excerpt) for excerpt in unsure)
    return tuple(blocks), tuple(warnings)


def _unsure_warning(name: str, line: int | None, excerpt: str) -> Problem:
    return Problem(name, line, msg("import.heading_end_unclear",
                                   'could not tell where the numbered heading "{excerpt}…" ends, so it was kept '
                                   "with the text that follows; make it a heading by hand if it is one",
                                   excerpt=excerpt), Severity.WARNING)


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    level: int
    number: int


def _split_headings(text: str, state: _Numbering) -> tuple[list[Block], _Numbering, list[str]]:
    """Cut a line of run-together text into headings and paragraphs.

    A numbered heading only starts at a sentence boundary, with the next number of
    its level, and not inside table text; it ends where the text plainly goes on.
    Where its end cannot be seen, the paragraph still breaks before the number but
    the heading stays part of it, and the caller warns.
    """
    blocks: list[Block] = []
    unsure: list[str] = []
    pos = 0
    marker = _next_marker(text, 0, state)
    while marker is not None:
        state = state.after(marker.level, marker.number)
        following = _next_marker(text, marker.end, state, marker)
        stop = following.start if following else len(text)
        blocks.extend(_paragraphs(text[pos:marker.start]))
        end = _heading_end(text, marker, stop)
        if end is None:
            unsure.append(text[marker.start: marker.start + 16])
            pos = marker.start
        else:
            blocks.append(Block("heading", text[marker.start:end].strip(), marker.level))
            pos = end
        marker = following
    blocks.extend(_paragraphs(text[pos:]))
    return blocks, state, unsure


def _next_marker(text: str, start: int, state: _Numbering, previous: _Marker | None = None) -> _Marker | None:
    for match in _MARKER_RE.finditer(text, start):
        marker = _marker(match)
        if marker and _opens_heading(text, marker, state, previous):
            return marker
    return None


def _marker(match: re.Match[str]) -> _Marker | None:
    level = int(match.lastgroup[1]) if match.lastgroup else 0
    digits = re.sub(r"[^0-9" + _CN + "]", "", match.group())
    number = int(digits) if digits.isdigit() else chinese_number(digits)
    return _Marker(match.start(), match.end(), level, number) if number else None


def _opens_heading(text: str, marker: _Marker, state: _Numbering, previous: _Marker | None) -> bool:
    """Whether a number in running text starts a heading: the right next number, at a boundary,
    and not a row label inside table text."""
    if not state.accepts(marker.level, marker.number):
        return False
    before = text[marker.start - 1] if marker.start else " "
    at_boundary = before in _BOUNDARY or (before in "：:" and marker.level in (2, 3))
    # "…新爆点3.确保群众满意", "…收费24252.31三、收到和处理…": the next item of a list under way
    # may follow a word or a table's last figure directly…
    next_item = marker.number >= 2 and marker.number == state.last[marker.level - 2] + 1
    # …and so may the first item under a heading just opened: "（二）主要做法1.加强组织领导".
    first_child = (marker.number == 1 and previous is not None and marker.level > previous.level
                   and marker.start - previous.start <= MAX_HEADING_CHARS
                   and not re.search(r"[。！？]", text[previous.end:marker.start]))
    after_word = before.isalnum() and before != "第" and (next_item or first_child)
    if not at_boundary and not after_word:
        return False
    return not _TABLE_TEXT_RE.search(text, marker.end, marker.end + 50)


def chinese_number(text: str) -> int:
    """一…九十九 as an int (0 if it is not a number), enough for heading numbers."""
    if not text or any(c not in _CN for c in text):
        return 0
    if "十" not in text:
        return _CN_DIGITS.index(text) + 1 if len(text) == 1 else 0
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return 0
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(units) + 1 if units else 0)


def _heading_end(text: str, marker: _Marker, stop: int) -> int | None:
    """Where a heading that runs into its text ends, or None when that cannot be seen.

    Signs, earliest wins: a space; a full stop or colon (kept in the heading); the
    start of 一是; a year starting the next sentence (…情况2021年，…); for 一、
    headings, the 情况/事项 that closes the standard 年报 headings.
    """
    first = marker.end
    while first < stop and text[first].isspace():
        first += 1
    limit = min(stop, marker.start + MAX_HEADING_CHARS)
    span = text[first:limit]
    ends = []
    if (space := re.search(r"\s", span)) and space.start() > 0:
        ends.append(first + space.start())
    if (stop_mark := re.search(r"[。：:]", span)) and _heading_like(span[: stop_mark.start()]):
        ends.append(first + stop_mark.end())
    for pattern in (r"一是", r"\d{4}年[，,是]"):
        if (found := re.search(pattern, span[2:])) is not None and _heading_like(span[:2 + found.start()]):
            ends.append(first + 2 + found.start())
    if marker.level == 2 and (closing := re.search(r"情况|事项", span)):
        ends.append(first + closing.end())
    ends = [e for e in ends if e > first]
    if ends:
        return min(ends)
    if stop - marker.start <= MAX_HEADING_CHARS and stop > first:
        return stop
    return None


def _heading_like(text: str) -> bool:
    """Heading text before its full stop: one phrase, or two short ones ("坚持探索新路，两岸融合行稳致远");
    a long clause before a comma is a sentence that merely starts with a number."""
    parts = re.split(r"[，,]", text)
    return not re.search(r"[。；;]", text) and (len(parts) == 1 or (len(parts) == 2 and len(parts[0]) <= 12
                                                                     and len(parts[1]) <= 15))


def _paragraphs(text: str) -> list[Block]:
    """Paragraphs from running text: a space after a full stop was a paragraph break on the page."""
    return [Block("paragraph", part.strip()) for part in _SENTENCE_GAP_RE.split(text) if part.strip()]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


# =========================================================================== HTML pages

def read_html_page(name: str, text: str) -> Page:
    """A saved HTML page: metadata from its meta tags and visible metadata block, the body from
    the article container (tables included)."""
    try:
        soup = BeautifulSoup(text, "html.parser", element_classes={Tag: _NestingTag})
    except _TooDeep as deep:
        raise ImportFailed(_too_deep(name, deep.line)) from None
    try:
        return _read_soup(name, soup)
    except RecursionError:  # the caller's own stack was deeper than MAX_NESTING allows for
        raise ImportFailed(_too_deep(name, None)) from None


class _TooDeep(Exception):
    """Stops the parse at the first element past MAX_NESTING; carries its line for the message."""

    def __init__(self, line: int | None) -> None:
        super().__init__(f"nested more than {MAX_NESTING} deep at line {line}")
        self.line = line


class _NestingTag(Tag):
    """A Tag that knows its depth and stops the parse past MAX_NESTING: a page of 200,000 nested
    <div>s then fails in milliseconds, not after seconds of parsing and a RecursionError."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nesting: int = self.parent.nesting + 1 if isinstance(self.parent, _NestingTag) else 1
        if self.nesting > MAX_NESTING:
            raise _TooDeep(self.sourceline)


def _too_deep(name: str, line: int | None) -> Problem:
    """The one fix that always works: a browser's saved text has no nesting left."""
    return Problem(name, line, msg("import.nested_too_deeply",
                                   "the HTML is nested too deeply to import (more than {limit} elements inside "
                                   "one another, often from unclosed <p> or <div> tags); open the page in a browser, "
                                   "save it as text (.txt) and import that instead", limit=MAX_NESTING))


def _read_soup(name: str, soup: BeautifulSoup) -> Page:
    """Metadata and body from a parsed page (apart from read_html_page, so its walks fail as one)."""
    warnings: list[Problem] = []
    article = _find_article(soup)
    if article is None:
        article = _densest_block(soup)
        warnings.append(_warn(name, msg("import.no_article_container", "found no known article container; took the "
                                                                       "text of <{element}> as the body, check it",
                                        element=_describe(article))))
    blocks_in = _metadata_blocks(soup, article)
    meta_lines = [line for block in blocks_in for line in _element_lines(block).split("\n")]
    for block in blocks_in:
        if _inside(block, article):
            block.extract()
    items = _flow_items(article)
    meta = _merge(parse_labels(meta_lines), _meta_tags(soup))
    body, found = _html_blocks(name, items)
    return Page(meta, body, tuple(warnings) + found)


def _find_article(soup: BeautifulSoup) -> Tag | None:
    for selector in _ARTICLE_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    return None


def _densest_block(soup: BeautifulSoup) -> Tag:
    """The element whose own paragraphs hold the most text: where the article is on an unknown CMS."""
    candidates = soup.find_all(["div", "td", "section", "article", "main"])
    best = max(candidates, key=_own_paragraph_chars, default=None)
    if best is not None and _own_paragraph_chars(best) > 0:
        return best
    return soup.body or soup


def _own_paragraph_chars(tag: Tag) -> int:
    return sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))


def _describe(tag: Tag) -> str:
    classes = " ".join(tag.get("class") or [])
    return tag.name + (f' id="{tag["id"]}"' if tag.get("id") else "") + (f' class="{classes}"' if classes else "")


def _inside(tag: Tag, container: Tag) -> bool:
    return any(parent is container for parent in tag.parents)


def _meta_tags(soup: BeautifulSoup) -> tuple[tuple[str, str], ...]:
    """The 政府网站 meta tags (ArticleTitle, PubDate, ContentSource, ColumnName, Keywords)."""
    wanted = {"articletitle": "title", "pubdate": "published", "contentsource": "publisher",
              "columnname": "column", "keywords": "keywords"}
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = wanted.get(str(tag.get("name", "")).lower())
        value = _clean(str(tag.get("content", "")))
        if key and value and key not in found:
            found[key] = value
    if "title" not in found and soup.title and soup.title.string:
        found["page_title"] = re.split(r"\s*[_|｜—–-]{1,2}\s*", _clean(soup.title.string))[0]
    return tuple(found.items())


def _merge(first: tuple[tuple[str, str], ...], second: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Visible labels first (what readers saw), meta tags where the page shows none."""
    merged = dict(second)
    merged.update(dict(first))
    return tuple(merged.items())


def _metadata_blocks(soup: BeautifulSoup, article: Tag) -> list[Tag]:
    """The outermost short elements that label two or more report fields (索引号, 发布机构…)."""
    found: list[Tag] = []

    def visit(tag: Tag) -> None:
        text = tag.get_text(" ")
        holds_article = tag is article or any(p is tag for p in article.parents)
        if (tag.name in _META_CONTAINERS and not holds_article and len(text) < _META_BLOCK_CHARS
                and _label_count(_element_lines(tag)) >= 2):
            found.append(tag)
            return
        for child in tag.find_all(True, recursive=False):
            if child.name not in _SKIP_TAGS:
                visit(child)

    visit(soup)
    return found


def _element_lines(tag: Tag) -> str:
    """Text of a metadata block with one field per line: table cells side by side, a bare label
    cell given its colon, so `<td>索引号</td><td>X</td>` reads as `索引号： X`."""
    parts: list[str] = []
    for node in tag.children:
        if isinstance(node, Tag):
            if node.name in _SKIP_TAGS:
                continue
            if node.name == "tr":
                cells = [_label_cell(c.get_text(" ", strip=True)) for c in node.find_all(["td", "th"])]
                parts.append("\n" + " ".join(cells) + "\n")
            elif node.name in ("td", "th"):
                parts.append(" " + _label_cell(node.get_text(" ", strip=True)) + " ")
            elif node.name == "dt":
                parts.append("\n" + _label_cell(node.get_text(" ", strip=True)) + " ")
            elif node.name == "dd":
                parts.append(node.get_text(" ", strip=True) + "\n")
            elif node.name == "br" or node.name in _BLOCK_TAGS:
                parts.append("\n" + _element_lines(node) + "\n")
            else:
                parts.append(_element_lines(node))
        elif type(node) in (NavigableString, CData):
            parts.append(str(node))
    return "".join(parts)


def _label_cell(text: str) -> str:
    bare = re.sub(r"[\s:：]", "", text)
    return f"{text.rstrip(':： ')}：" if bare in _LABEL_FIELD or bare in _OTHER_LABELS else text


def _flow_items(root: Tag) -> list[tuple[str, str]]:
    """("text", paragraph) and ("table", html) items in reading order.

    Block tags and <br> end a paragraph; a table that only lays out the page (one
    cell, or tables inside it) is read through as flow; every other table is kept.
    """
    items: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _collapse("".join(buffer))
        buffer.clear()
        if text:
            items.append(("text", text))

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name in _SKIP_TAGS:
                    continue
                if child.name == "table" and not _is_layout_table(child):
                    flush()
                    items.append(("table", table_html(child)))
                elif child.name == "br":
                    flush()
                elif child.name in _BLOCK_TAGS or child.name == "table":
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            elif type(child) in (NavigableString, CData):
                buffer.append(str(child))

    walk(root)
    flush()
    return items


def _is_layout_table(table: Tag) -> bool:
    return len(table.find_all(["td", "th"])) <= 1 or table.find("table") is not None


def _html_blocks(name: str, items: list[tuple[str, str]]) -> tuple[tuple[Block, ...], tuple[Problem, ...]]:
    """Blocks from flow items; numbering carries across paragraphs and tables."""
    while items and items[0][0] == "text" and is_furniture_line(items[0][1]):
        items = items[1:]
    while items and items[-1][0] == "text" and is_furniture_line(items[-1][1]):
        items = items[:-1]
    blocks: list[Block] = []
    warnings: list[Problem] = []
    state = _Numbering()
    for kind, text in items:
        if kind == "table":
            blocks.append(Block("table", text))
            continue
        found, state, unsure = _split_headings(text, state)
        blocks.extend(found)
        warnings.extend(_unsure_warning(name, None, excerpt) for excerpt in unsure)
    return tuple(blocks), tuple(warnings)


# =========================================================================== tables

def table_html(table: Tag) -> str:
    """A clean table: structure, spans and text only, one row per line, no blank lines.

    Word's export wraps each cell in styled <p>/<span>/<font>/<o:p>; the site's own
    stylesheet does the styling, so none of that is kept.
    """
    caption = table.find("caption")
    head_rows, body_rows = _table_rows(table)
    lines = ["<table>"]
    if caption is not None and (text := _cell_text(caption)):
        lines.append(f"<caption>{html.escape(text, quote=False)}</caption>")
    if head_rows:
        lines += ["<thead>", *(_row_html(r, header=True, first=i == 0) for i, r in enumerate(head_rows)), "</thead>"]
    lines += ["<tbody>", *(_row_html(r, header=False, first=i == 0 and not head_rows)
                           for i, r in enumerate(body_rows)), "</tbody>", "</table>"]
    return "\n".join(lines)


def _table_rows(table: Tag) -> tuple[list[Tag], list[Tag]]:
    """(header rows, other rows) of this table only, never of a table nested in it; empty
    trailing rows (Word's column-width spacers) dropped."""
    rows = [tr for tr in table.find_all("tr") if _owner_table(tr) is table and tr.find(["td", "th"])]
    while rows and not any(_cell_text(c) for c in rows[-1].find_all(["td", "th"])):
        rows.pop()
    head = [tr for tr in rows if tr.find_parent("thead") is not None]
    if not head:
        head = _label_rows(rows)
    return head, [tr for tr in rows if tr not in head]


def _label_rows(rows: list[Tag]) -> list[Tag]:
    """Leading rows of a statistics table that hold only labels, when numbers follow: Word tables
    mark no header, but these rows are one. A single-cell first row is a title row, so no header."""
    if not rows or len(_own_cells(rows[0])) < 2:
        return []
    head = []
    for row in rows[:3]:
        if any(_is_number(_cell_text(c)) for c in _own_cells(row)):
            break
        head.append(row)
    rest = rows[len(head):]
    return head if rest and any(_is_number(_cell_text(c)) for r in rest for c in _own_cells(r)) else []


def _own_cells(row: Tag) -> list[Tag]:
    return [c for c in row.find_all(["td", "th"]) if c.find_parent("tr") is row]


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+－]?[\d,，.]+%?", text.strip()))


def _owner_table(tag: Tag) -> Tag | None:
    return tag.find_parent("table")


def _row_html(row: Tag, header: bool, first: bool) -> str:
    cells = _own_cells(row)
    return "<tr>" + "".join(_cell_html(c, header, first) for c in cells) + "</tr>"


def _cell_html(cell: Tag, in_head: bool, first_row: bool) -> str:
    text = _cell_text(cell)
    is_header = (in_head or cell.name == "th") and bool(text)  # an empty header cell names nothing
    tag = "th" if is_header else "td"
    attrs = []
    for name in _CELL_ATTRS:
        value = str(cell.get(name, "")).strip()
        if value.isdigit() and int(value) > 1:
            attrs.append(f'{name}="{int(value)}"')
    scope = str(cell.get("scope", "")).strip().lower()
    if is_header and scope not in _SCOPES and (in_head or first_row):
        scope = "col"
    if is_header and scope in _SCOPES:
        attrs.append(f'scope="{scope}"')
    opening = f"<{tag}{''.join(' ' + a for a in attrs)}>"
    return f"{opening}{html.escape(text, quote=False)}</{tag}>"


def _cell_text(cell: Tag) -> str:
    """A cell's visible text; pieces split by <p>/<br> join without a space between Chinese
    characters (Word puts one character per line in narrow cells) and with one otherwise."""
    pieces = [p for p in (_collapse(piece) for piece in _cell_pieces(cell)) if p]
    text = ""
    for piece in pieces:
        joiner = "" if not text or (_is_wide(text[-1]) and _is_wide(piece[0])) else " "
        text += joiner + piece
    return text


def _cell_pieces(node: Tag) -> list[str]:
    pieces = [""]
    for child in node.descendants:
        if isinstance(child, Tag):
            if child.name == "br" or child.name in _BLOCK_TAGS:
                pieces.append("")
        elif type(child) in (NavigableString, CData) and not any(
                isinstance(p, Tag) and p.name in _SKIP_TAGS for p in child.parents):
            pieces[-1] += str(child)
            if child.next_sibling is None and isinstance(child.parent, Tag) and child.parent.name in _BLOCK_TAGS:
                pieces.append("")
    return pieces


# =========================================================================== front matter

def normalise_date(text: str) -> str:
    """YYYY-MM-DD (or YYYY-MM-DD HH:MM) from the ways pages write dates; "" if it is no real date."""
    match = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                      r"(?:\s*(\d{1,2}):(\d{2})(?::\d{2})?)?", text)
    if not match:
        return ""
    year, month, day, hour, minute = match.groups()
    try:
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M" if hour else "%Y-%m-%d")


def title_year(title: str) -> int | None:
    """The report year a title names: 2023年度, （2021）, or a plain 2023年."""
    for pattern in (r"(\d{4})\s*年度", r"[（(]\s*(\d{4})\s*[）)]", r"(\d{4})\s*年"):
        if (match := re.search(pattern, title)) and int(match.group(1)) in YEARS:
            return int(match.group(1))
    return None


def infer_category(title: str) -> str:
    return next((category for pattern, category in _CATEGORY_RULES if pattern.search(title)), "")


def front_matter(name: str, page: Page, options: ImportOptions) -> tuple[dict[str, object], tuple[Problem, ...]]:
    """The front matter for a page, or ImportFailed when a required field is nowhere to be found."""
    warnings: list[Problem] = []
    title = _clean(page.get("title") or options.title or page.get("page_title"))
    if not title:
        raise ImportFailed(Problem(name, None, msg("import.no_title", 'no title found (add a line "标题: …" at the '
                                                                      "top of the page, or pass --title TEXT)")))
    if not page.get("title") and not options.title:
        warnings.append(_warn(name, msg("import.title_from_html_title",
                                        'the page labels no title; took "{title}" from its <title>, check it',
                                        title=title)))
    publisher = page.get("publisher") or options.publisher
    if not publisher:
        raise ImportFailed(Problem(name, None, msg("import.no_publisher", "no publisher found (the page names no "
                                                                          "发布机构; pass --publisher NAME)")))
    issued, published = _dates(name, page, warnings)
    front: dict[str, object] = {"title": title, "publisher": publisher}
    if page.get("index_no"):
        front["index_no"] = page.get("index_no")
    front["doc_no"] = page.get("doc_no")
    front["issued"] = issued
    if published and published != issued:
        front["published"] = published
    front["year"] = _report_year(name, title, issued, options, warnings)
    if category := (page.get("category") or infer_category(title) or page.get("column")):
        front["category"] = category
    if keywords := [k for k in re.split(r"[,，;；、\s]+", page.get("keywords")) if k]:
        front["keywords"] = keywords
    if page.get("status") in STATUSES:
        front["status"] = page.get("status")
    return front, tuple(warnings)


def _warn(name: str, message: Message) -> Problem:
    """A note for the editor to check after the import: the page was read, but by a guess."""
    return Problem(name, None, message, Severity.WARNING)


def _dates(name: str, page: Page, warnings: list[Problem]) -> tuple[str, str]:
    """(issued, published). A page with only a 发布日期 was issued that day as far as we know."""
    issued = normalise_date(page.get("issued"))
    published = normalise_date(page.get("published"))
    bad = [msg("import.date_not_real", '{label} "{value}" is not a real date', label=label, value=page.get(key))
           for key, value, label in (("issued", issued, "发文日期"), ("published", published, "发布日期"))
           if page.get(key) and not value]
    warnings.extend(_warn(name, msg("import.date_ignored", "{problem}; ignored it", problem=text)) for text in bad)
    if not issued and published:
        issued = published[:10]
        warnings.append(_warn(name, msg("import.issued_from_published",
                                        "the page gives no 发文日期; used its 发布日期 {date}", date=issued)))
    if not issued:
        raise ImportFailed(Problem(name, None, _no_date(bad)))
    if published and published[:10] < issued:
        warnings.append(_warn(name, msg("import.published_before_issued",
                                        "发布日期 {published} is before 发文日期 {issued}; left 发布日期 out",
                                        published=published, issued=issued)))
        published = ""
    return issued, published


def _no_date(bad: list[Message]) -> Message:
    """A page without a usable date: what was wrong with the dates it has, if any, and the line to add."""
    if not bad:
        return msg("import.no_date", 'no date found (add a line "发文日期: YYYY-MM-DD" or '
                                     '"发布日期: YYYY-MM-DD" to the page)')
    return msg("import.no_real_date", 'no date found ({problems}: add a line "发文日期: YYYY-MM-DD" or '
                                      '"发布日期: YYYY-MM-DD" to the page)', problems=_listed(bad))


def _listed(parts: list[Message]) -> Message:
    """Several problems as one message, in the order found ("A; B")."""
    if len(parts) == 1:
        return parts[0]
    return msg("import.problems_and", "{first}; {rest}", first=parts[0], rest=_listed(parts[1:]))


def _report_year(name: str, title: str, issued: str, options: ImportOptions, warnings: list[Problem]) -> int:
    """--year, else the year the title names, else the year issued; moved to one that fits the
    date issued (within a year) when it does not, since the build rejects a misfit."""
    issued_year = int(issued[:4])
    named = title_year(title)
    year = options.year or named or issued_year
    if abs(issued_year - year) <= 1:
        return year
    fitting = named if named and abs(issued_year - named) <= 1 else issued_year
    warnings.append(_warn(name, msg("import.year_does_not_fit_issued",
                                    "report year {year} does not fit 发文日期 {issued}; used {fitting} instead",
                                    year=year, issued=issued, fitting=fitting)))
    return fitting


def front_matter_text(front: dict[str, object]) -> str:
    """YAML front matter in the key order editors know; dates unquoted, 文号 always quoted."""
    lines = ["---"]
    for key in KEYS:
        if key not in front:
            continue
        value = front[key]
        if key == "doc_no":
            lines.append(f"{key}: {json.dumps(str(value), ensure_ascii=False)}")
        elif isinstance(value, int) or (isinstance(value, str) and _DATE_OUT_RE.match(value)):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


# =========================================================================== Markdown body

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<|])")
_ENTITY_LIKE = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_text(text: str) -> str:
    """Backslash-escape what Markdown would act on, so the page shows exactly the source text."""
    text = _ENTITY_LIKE.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))
    if re.match(r"[#>+\-=~]", text):
        return "\\" + text
    if match := _LIST_NUMBER.match(text):
        return match.group(1) + "\\" + text[match.end(1):]
    return text


def body_markdown(blocks: Iterable[Block]) -> str:
    """The body: one line per heading or paragraph and blank lines between, so no paragraph can
    run into a list or a table; tables go in as finished HTML blocks."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append("#" * block.level + " " + _escape_heading(block.text))
        elif block.kind == "table":
            parts.append(block.text)
        else:
            parts.append(escape_text(block.text))
    return "\n\n".join(parts) + "\n"


def _escape_heading(text: str) -> str:
    """Heading text: inline escapes, and every # escaped (a trailing run would close the heading)."""
    return _ENTITY_LIKE.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text)).replace("#", "\\#")


def convert(name: str, raw: bytes, options: ImportOptions) -> Converted:
    """One saved page → one content file's text, its year folder and slug, and warnings."""
    text = decode(name, raw)
    page = read_html_page(name, text) if looks_like_html(name, text) else read_text_page(name, text)
    front, warnings = front_matter(name, page, options)
    if not page.blocks:
        raise ImportFailed(Problem(name, None, msg("import.no_body", "no body text found after the metadata")))
    text = front_matter_text(front) + "\n" + body_markdown(page.blocks)
    return Converted(cast(int, front["year"]), readable_slug(str(front["title"]), fallback="report"), text, page.warnings + warnings)


__all__ = ["Block", "Converted", "ImportFailed", "ImportOptions", "Page", "body_markdown", "convert", "decode",
           "escape_text", "front_matter", "front_matter_text", "normalise_date", "parse_labels",
           "read_html_page", "read_text_page", "table_html", "title_year"]
