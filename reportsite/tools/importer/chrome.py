"""Page chrome: what a CMS prints around a report that is no part of it.

Font-size switches, print and close buttons, share links, view counters and
breadcrumbs come along in every saved page, on lines of their own or run into
the first and last lines of the body by a crawler. They are dropped only where
they plainly are chrome: a body that happens to start with 时间：… keeps it.
"""

from __future__ import annotations

import re

from reportsite.core.dates import DATE_TEXT

#: Page chrome: font-size switches, print/close buttons, share links, counters, tab labels.
_FURNITURE_RE = re.compile(
    r"(?:字号|字体)[:：]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*)*"
    r"|【?(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部)】?"
    r"|分享到[:：]?|新浪微博|腾讯微博|微信|微博|QQ空间|朋友圈|扫一扫在手机(?:上)?打开当前页"
    r"|(?:浏览次数|访问量|浏览量|点击数|阅读次数|阅读)[:：]\s*\d*"
    r"|全真版|文字版|文件下载|附件下载|相关链接[:：]?|-->"
)
_BREADCRUMB_LINE_RE = re.compile(r"^\s*(?:当前位置|您的位置|您当前的位置|您现在的位置)[:：]")
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
    re.compile(r"(?:发布)?(?:时间|日期)[:：]\s*" + DATE_TEXT),
)
#: Chrome after the last sentence: the attachment heading, the source line, print/close buttons.
_TRAILING_CHROME = re.compile(
    r"(?:^|\s+)(?:附件下载|【打印】|【关闭】|【打印】【关闭】|打印|关闭|关闭窗口|扫一扫在手机(?:上)?打开当前页"
    r"|分享到[:：]?|微信|微博|QQ空间|(?:信息)?来源[:：]\s*\S+|(?:浏览次数|访问量|阅读)[:：]\s*\d+)$"
)


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
