"""The one date grammar: the form a front matter takes, and the forms editors and old pages write instead.

A report's dates are published as written, so the front matter takes one unambiguous form,
YYYY-MM-DD (with HH:MM where a time of day is allowed). Editors type 2024年1月5日, 2024/1/5,
二〇二四年一月五日, 20240105 or Jan 5, 2024; the content stage refuses those but suggests the one
form, and the importer converts them. Both read the same grammar from here. It has no messages:
each caller says what is wrong in its own words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: Chinese numerals as digits, for years and dates written 二〇二四.
CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
#: The one form: YYYY-MM-DD, or YYYY-MM-DD HH:MM.
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$")
_YEAR_MONTH, _MONTH_DAY = r"\s*[-/.年]\s*", r"\s*[-/.月]\s*"
_PARTS = rf"(?P<year>\d{{4}}){_YEAR_MONTH}(?P<month>\d{{1,2}}){_MONTH_DAY}(?P<day>\d{{1,2}})\s*日?"
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?"
#: A whole value in a loose form, as an editor types it: the time apart from the date by a space or T.
_LOOSE_RE = re.compile(rf"^{_PARTS}(?:\s*[T ]\s*{_TIME})?$")
#: A loose date within a page's text, as old sites print it ("发布时间：2024-01-05 09:30").
_IN_TEXT_RE = re.compile(rf"{_PARTS}(?:\s*{_TIME})?")
#: A loose date (and time) to embed in a larger pattern; it captures nothing.
DATE_TEXT = rf"\d{{4}}{_YEAR_MONTH}\d{{1,2}}{_MONTH_DAY}\d{{1,2}}(?:\s*日)?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_RES = (  # Jan 15 2024, January 15, 2024 / 15 Jan 2024
    re.compile(r"^(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", re.IGNORECASE),
    re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})$", re.IGNORECASE),
)


class NotIsoForm(ValueError):
    """The text is not written YYYY-MM-DD (or has a time where none is allowed)."""


class NoSuchDay(ValueError):
    """The text has the form, but the calendar has no such day (2024-02-30)."""


class NoSuchTime(ValueError):
    """The text has the form, but the clock has no such time (24:00, 09:60)."""


def parse_iso(text: str, allow_time: bool = False) -> dt.datetime:
    """The moment a text in the one form names; each way it can fail is its own exception, so the
    caller can tell the editor whether the form, the day or the time is wrong."""
    match = ISO_RE.match(text)
    if match is None or (match.group(4) is not None and not allow_time):
        raise NotIsoForm(text)
    day = [int(g) for g in match.groups()[:3]]
    time = [int(g) for g in match.groups()[3:] if g is not None]
    try:
        dt.date(*day)
    except ValueError:
        raise NoSuchDay(text) from None
    if time and not (time[0] < 24 and time[1] < 60):
        raise NoSuchTime(text)
    return dt.datetime(*day, *time)


def iso_day(value: object) -> dt.date | None:
    """A YYYY-MM-DD text (without a time, spaces around it ignored) as a real day; None for anything else."""
    match = ISO_RE.match(value.strip()) if isinstance(value, str) else None
    if match is None or match.group(4) is not None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())  # type: ignore[union-attr]
    except ValueError:
        return None


def suggest_iso(value: str, allow_time: bool = False) -> str | None:
    """The one form of a date written another way, when it reads unambiguously as a real day;
    a time is kept only where one is allowed."""
    text = unicodedata.normalize("NFKC", value).translate(CHINESE_DIGITS).strip()
    time = ""
    if loose := _LOOSE_RE.match(text):
        parts = (loose["year"], loose["month"], loose["day"])
        if allow_time and loose["hour"] is not None:
            time = f" {int(loose['hour']):02d}:{loose['minute']}"
    elif compact := _COMPACT_RE.match(text):
        parts = (compact[1], compact[2], compact[3])
    elif (english := _english(text)) is not None:
        parts = english
    else:
        return None
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return f"{day:%Y-%m-%d}{time}"


def _english(text: str) -> tuple[str, str, str] | None:
    """(year, month, day) of a date with an English month name, or None."""
    found = None
    for pattern in _ENGLISH_RES:
        if (english := pattern.match(text)) and english["month"][:3].lower() in _MONTHS:
            found = (english["year"], str(_MONTHS.index(english["month"][:3].lower()) + 1), english["day"])
    return found


#: A date written in Chinese numerals, as 公文 sign them: 二〇二四年一月十六日.
_CHINESE_DATE_RE = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                              r"\s*([一二三四五六七八九十]{1,3})\s*日")


def _chinese_number(text: str) -> int:
    """一 … 三十一 as a number: 十 is ten, 十六 sixteen, 二十 twenty, 三十一 thirty-one."""
    tens, _, units = text.partition("十")
    if "十" not in text:
        return int(text.translate(CHINESE_DIGITS))
    return int((tens or "一").translate(CHINESE_DIGITS)) * 10 + int((units or "〇").translate(CHINESE_DIGITS))


def _with_arabic_dates(text: str) -> str:
    """Chinese-numeral dates rewritten in digits, so the one date pattern finds them too."""
    return _CHINESE_DATE_RE.sub(lambda m: f"{m[1].translate(CHINESE_DIGITS)}年{_chinese_number(m[2])}月"
                                          f"{_chinese_number(m[3])}日", text)


def find_date(text: str) -> str:
    """The first loose date (and time) in a page's text in the one form; "" if there is none or it
    is no real moment. A time is kept when the page gives one; 二〇二四年一月十六日 is a date too."""
    match = _IN_TEXT_RE.search(_with_arabic_dates(text))
    if not match:
        return ""
    hour, minute = match["hour"], match["minute"]
    try:
        moment = dt.datetime(int(match["year"]), int(match["month"]), int(match["day"]),
                             int(hour or 0), int(minute or 0))
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M" if hour else "%Y-%m-%d")
