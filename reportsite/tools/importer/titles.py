"""Which line of a page is its title, when no label names it.

Many CMSs print the title without a label: once above the metadata and once above
the body, or only once, or only in the page's <title> after the site's name. A line
the page prints twice is the likeliest title; after that, the first standalone line
that reads as a document title (it ends with 报告, 总结, 情况… or names a year). Both
are guesses, so the guess carries its reason for the note the editor reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportsite.core.dates import find_date
from reportsite.core.i18n import Message, msg
from reportsite.core.numbering import official_level
from reportsite.tools.importer.page import TitleGuess

#: The words a report's title ends with (政府信息公开工作年度报告, 2023年工作总结, 抽查情况 …).
ENDINGS = ("报告", "总结", "情况", "计划", "要点", "年报", "规划", "方案", "安排", "汇报", "公报", "通报",
           "意见", "通知", "说明", "打算", "回顾", "白皮书", "纲要")
_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年|[（(]\s*(?P<paren>(?:19|20)\d{2})\s*[)）]"
                      r"|(?P<han>[一二][〇零一二三四五六七八九]{3})年")
#: What may follow a title's last word: （2021）, a closing quote or bracket.
_TRAILER_RE = re.compile(r"(?:[（(][^（）()]{1,12}[)）]|[”’」』》〉\s])+$")
#: A sentence or a label, not a title; nor a line in brackets or after a dash, which is a subtitle
#: (（2024年1月8日在…会议上）, ——在…上的讲话).
_NOT_TITLE_RE = re.compile(r"[。！？；;：:，,!?]|^[（(].*[)）]$|^[—-]")
_HAN_DATE_RE = re.compile(r"^[〇零一二三四五六七八九十]+年[〇零一二三四五六七八九十]+月[〇零一二三四五六七八九十]+日$")
#: Where a <title> separates the report's title from the site's name.
_STRONG_SEPARATOR_RE = re.compile(r"\s*(?:[_|｜]|——|--|\s[-—–]\s)\s*")
_DASH_RE = re.compile(r"(?<!\d)\s*[-—–]\s*(?!\d)")
_TITLE_CHARS = range(4, 81)


def compact(text: str) -> str:
    """A line as compared with another: spaces inside mean nothing (标　　题, a crawler's wrapping)."""
    return re.sub(r"\s", "", text)


def title_reason(line: str) -> Message | None:
    """Why a standalone line reads as a document title, or None when it does not: it is one
    phrase of 4 to 80 characters, no sentence, no numbered heading and no date, and it names a
    year or ends with a report's word (a bracketed subtitle is none of this)."""
    text = line.strip()
    if len(text) not in _TITLE_CHARS or _NOT_TITLE_RE.search(text) or official_level(text) is not None:
        return None
    if _is_date(text):
        return None
    year = _year(text)
    ending = next((word for word in ENDINGS if _TRAILER_RE.sub("", text).endswith(word)), None)
    if year and ending:
        return msg("import.title_reason_both", "it names the year {year} and ends with {word}", year=year,
                   word=ending)
    if year:
        return msg("import.title_reason_year", "it names the year {year}", year=year)
    if ending and len(text) >= 8:  # a column heading (计划总结, 政府信息公开年报) is shorter than a report's title
        return msg("import.title_reason_ending", "it ends with {word}", word=ending)
    return None


def _score(line: str) -> int:
    """How much a line reads as a title: 2 if it names a year and ends with a report's word."""
    if title_reason(line) is None:
        return 0
    text = _TRAILER_RE.sub("", line.strip())
    return 1 + (bool(_year(line)) and any(text.endswith(word) for word in ENDINGS))


def _year(text: str) -> str:
    match = _YEAR_RE.search(text)
    if match is None:
        return ""
    return match.group("year") or match.group("paren") or match.group("han")


def _is_date(text: str) -> bool:
    """A line that is only a date (the signing date under a report, 2024年1月5日 or 二〇二四年一月五日)."""
    if _HAN_DATE_RE.match(text):
        return True
    return bool(find_date(text)) and len(re.sub(r"[\d\s年月日:：/.\-]", "", text)) <= 2


def guess_title(lines: Iterable[tuple[int | None, str]]) -> TitleGuess | None:
    """The title among a page's lines above its body (furniture and labels already left aside):
    a line printed twice, else the line that reads most as a title, the first of equals."""
    seen: dict[str, tuple[int | None, str]] = {}
    repeated: list[tuple[int | None, str]] = []
    ordered: list[tuple[int | None, str]] = []
    for number, line in lines:
        text = line.strip()
        key = compact(text)
        if len(key) not in _TITLE_CHARS or "。" in key:
            continue
        if key in seen:
            if seen[key] not in repeated:
                repeated.append(seen[key])
            continue
        seen[key] = (number, text)
        ordered.append((number, text))
    if repeated:
        number, text = max(repeated, key=lambda found: (_score(found[1]), -repeated.index(found)))
        return TitleGuess(text, number, None)
    best = max(ordered, key=lambda found: (_score(found[1]), -ordered.index(found)), default=None)
    if best is None or (reason := title_reason(best[1])) is None:
        return None
    return TitleGuess(best[1], best[0], reason)


def page_title_part(text: str) -> str:
    """The report's title in a page's <title>, which adds the site's name before or after it
    (东山街道2024年…年度报告-博山区人民政府): the part that reads most as a title, else the first."""
    parts = [p for p in _STRONG_SEPARATOR_RE.split(text.strip()) if p.strip()]
    if len(parts) <= 1:
        parts = [p for p in _DASH_RE.split(text.strip()) if p.strip()]
    if not parts:
        return ""
    return max(parts, key=lambda part: (_score(part), -parts.index(part))).strip()
