"""A front matter being checked, and the checks of its plain keys: dates, flags, 修订记录, 索引号,
报告年度 and 关键词 (attachments and metrics have modules of their own).

Every check records its problem on the key's own line, or the list item's, and carries on,
so one run lists every mistake in a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportsite.config.model import Publisher, SiteConfig
from reportsite.content.characters import invisible, invisible_character_problem, shown
from reportsite.content.history import Revision
from reportsite.content.schema import DATE_NAMES, FIELDS, REQUIRED, YEARS, issue_fits
from reportsite.core.dates import CHINESE_DIGITS, NoSuchDay, NoSuchTime, NotIsoForm, iso_day, parse_iso, suggest_iso
from reportsite.core.i18n import Message, msg
from reportsite.core.identifiers import code_checksum_problem
from reportsite.core.problems import Problem, Severity
from reportsite.core.suggest import did_you_mean


@dataclass
class Fields:
    """Front matter being checked: values, their lines, and what was wrong. Mutable on purpose: the
    checks of one file fill in its problems as they go, and the file's reader returns them."""

    name: str
    root: Path
    data: dict[str, Any]
    lines: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    item: tuple[str, int] | None = None  # the list item being checked, whose line a message names
    nested_lines: dict[str, int] = field(default_factory=dict)  # nested keys' lines by dotted path

    def error(self, key: str | None, message: Message | str, severity: Severity = Severity.ERROR) -> None:
        line = self.lines.get(key) if key else None
        if self.item and self.item[0] == key and self.item[1] < len(self.item_lines.get(key, ())):
            line = self.item_lines[key][self.item[1]]
        self.problems.append(Problem(self.name, line, message, severity))

    def each_item(self, key: str, raw: list[Any]) -> Iterator[Any]:
        """The items of a top-level list; while one is checked, its errors name its own line."""
        for index, entry in enumerate(raw):
            self.item = (key, index)
            yield entry
        self.item = None

    def scalar(self, key: str) -> str | None:
        """A top-level value as the editor typed it (`yes` stays `yes`, `1.50` stays `1.50`); None if not text."""
        value = self.data.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)):
            return self.texts.get(key, str(value))
        return None

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        text = self.scalar(key)
        if text is None:
            self.error(key, msg("content.not_plain_text", "{label} (`{key}`) must be plain text, not a list or "
                                                          "mapping; write it as one line of text",
                                label=FIELDS[key], key=key))
            return ""
        return self.visible(key, text.strip())

    def visible(self, key: str, text: str, label: Message | str | None = None) -> str:
        """The text, with an error if it hides a character; `label` names the text, by default the key's own."""
        problem = invisible_character_problem(text, label) if label is not None else _invisible_in_field(text, key)
        if problem:
            self.error(key, problem)
        return text

    def given(self, key: str) -> bool:
        """A key with any value but an empty one; `[]` or `{}` is given, and wrong, not absent."""
        return self.data.get(key) not in (None, "")


def _invisible_in_field(text: str, key: str) -> Message | None:
    """invisible_character_problem for a key's own value, named by its label and its key."""
    if char := invisible(text):
        return msg("content.invisible_character_in_field", "{label} (`{key}`) contains the invisible character "
                                                           "U+{char}; delete it (it often comes from copy and paste)",
                   label=FIELDS[key], key=key, char=char)
    return None


def check_keys(fields: Fields) -> None:
    """Unknown keys (a Chinese label names its key, a typo its closest key) and missing required ones."""
    for key in fields.data:
        if key not in FIELDS:
            fields.error(key, msg("content.unknown_key", "unknown key `{key}`{hint}", key=shown(key),
                                  hint=_key_hint(key)))
    for key in REQUIRED:
        value = fields.data.get(key)
        if value is None or isinstance(value, (str, list, dict)) and not value:
            fields.problems.append(Problem(fields.name, fields.lines.get(key, 1), msg(
                "content.required", "{label} (`{key}:`) is required; add a line `{key}: …` to the front matter",
                label=FIELDS[key], key=key)))


def _key_hint(key: str) -> Message | str:
    """The key an unknown one stands for: the key of a label written as a key (标题 → title), else a close key."""
    def hint(known: str) -> Message:
        return msg("content.did_you_mean", " (did you mean `{hint}`?)", hint=known)
    by_label = {label: known for known, label in FIELDS.items()}
    if key in by_label:
        return hint(by_label[key])
    return did_you_mean(key, FIELDS, hint, msg("content.known_keys", " (known keys: {keys})", keys=", ".join(FIELDS)))


def date(fields: Fields, key: str, allow_time: bool = False) -> dt.datetime | None:
    """A date key's value as a moment, or None with a problem that shows the form (and, for a loose
    form such as 2024年1月5日, the same date in it)."""
    scalar = fields.scalar(key)
    if scalar is None or isinstance(fields.data.get(key), bool):
        fields.error(key, msg("content.date_not_one", "{label} (`{key}`) must be one date written YYYY-MM-DD, "
                                                      "e.g. 2024-01-15, not a list or mapping",
                              label=FIELDS[key], key=key))
        return None
    value = scalar.strip()
    try:
        return parse_iso(value, allow_time)
    except NoSuchDay:
        fields.error(key, msg("content.date_not_real", '{label} "{value}" is not a real date (use YYYY-MM-DD)',
                              label=DATE_NAMES[key], value=shown(value)))
    except NoSuchTime:
        fields.error(key, msg("content.time_not_real", '{label} "{value}" has no such time of day; write the time '
                                                       "as HH:MM from 00:00 to 23:59, e.g. {day} 09:30",
                              label=DATE_NAMES[key], value=value, day=value[:10]))
    except NotIsoForm:
        example = suggest_iso(value, allow_time) or "2024-01-15"
        times = msg("content.time_may_follow", " (a time may follow: YYYY-MM-DD HH:MM)") if allow_time else ""
        fields.error(key, msg("content.date_format", '{label} (`{key}`) "{value}" must be written YYYY-MM-DD{times}, '
                                                     "e.g. {example}",
                              label=FIELDS[key], key=key, value=shown(value), times=times, example=example))
    return None


def flag(fields: Fields, key: str) -> bool:
    """A yes-or-no key such as `draft`: YAML's true/false, absent meaning false."""
    value = fields.data.get(key, False)
    if not isinstance(value, bool):
        fields.error(key, msg("content.not_true_or_false", '{label} (`{key}`) "{value}" must be true or false; '
                                                           "write `{key}: true` or remove the line",
                              label=FIELDS[key], key=key, value=shown(value)))
        return False
    return value


_CHANGE_EXAMPLE = "- {date: 2024-02-02, note: 更正第三部分数据}"


def changes(fields: Fields) -> tuple[Revision, ...]:
    """The changes the editor publishes in 修订记录, newest first."""
    raw = fields.data.get("changes") or []
    if not isinstance(raw, list):
        fields.error("changes", msg("content.changes_not_list", "修订记录 (`changes`) must be a list of entries, "
                                                                "e.g. {example}", example=_CHANGE_EXAMPLE))
        return ()
    found = []
    for entry in fields.each_item("changes", raw):
        note = entry.get("note") if isinstance(entry, dict) else None
        day = iso_day(entry.get("date")) if isinstance(entry, dict) else None
        if not isinstance(note, str) or not note.strip() or day is None or set(entry) - {"date", "note"}:
            fields.error("changes", msg("content.change_entry", "each change needs a real `date:` (YYYY-MM-DD) and a "
                                                                "`note:`, and nothing else, e.g. {example}",
                                        example=_CHANGE_EXAMPLE))
            continue
        found.append(Revision(day, " ".join(note.split())))
    return tuple(sorted(found, key=lambda r: r.date, reverse=True))


def publisher(fields: Fields, config: SiteConfig) -> Publisher:
    """A configured publisher by key or name; otherwise the literal name, unless it looks like a mistyped key."""
    found, typo = config.resolve_publisher(fields.text("publisher"))
    if typo:
        fields.error("publisher", typo)
    return found


def index_no(fields: Fields, config: SiteConfig, publisher: Publisher) -> str:
    """The 索引号 in the site's pattern, warned about when its organisation code is not the publisher's."""
    value = fields.text("index_no")
    if not value:
        return ""
    match = re.fullmatch(config.index_no_pattern, value)
    if not match:
        fields.error("index_no", msg("content.index_no_pattern", '索引号 "{value}" does not match the site\'s pattern; '
                                     "write it as <organisation code>/<year>-<serial>, "
                                     "e.g. 1137030400421863XL/2024-0001 (or set index_no_pattern in config.yaml)",
                                     value=shown(value)))
        return value
    code = match.groupdict().get("code")
    if code and (warning := code_checksum_problem(code)):
        fields.error("index_no", warning, Severity.WARNING)
    if code and publisher.code and code != publisher.code:
        fields.error("index_no", msg("content.index_no_other_code", "索引号 starts with {found}, but {publisher}'s code "
                                     "is {expected}; check the 索引号 or the publisher",
                                     found=code, publisher=publisher.name, expected=publisher.code), Severity.WARNING)
    return value


def year(fields: Fields, folder_year: int, issued: dt.datetime | None) -> int:
    """The report year defaults to its folder, and must fit the date it was issued.

    A quoted year ("2023") is still a year; one in Chinese numerals (二〇二三) is
    refused with the Arabic form, which is what every other page shows.
    """
    raw = fields.data.get("year", folder_year)
    if isinstance(raw, str) and re.fullmatch(r"\s*\d{4}\s*", raw):
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in YEARS:
        _not_a_year(fields, folder_year)
        return folder_year
    if raw != folder_year:
        fields.error("year", msg("content.year_not_folder", "报告年度 {year} does not match the folder "
                                                            "content/{folder_year}/; move the file to content/{year}/ "
                                                            "or set year: {folder_year}",
                                 year=raw, folder_year=folder_year))
    if issued and not issue_fits(issued.date(), raw):
        fields.error("issued", msg("content.issued_not_in_year", "发文日期 {issued} does not fit 报告年度 {year} "
                                                                 "(expected a date in {first}–{last}); "
                                                                 "check the year or the date",
                                   issued=issued.date().isoformat(), year=raw, first=raw - 1, last=raw + 1))
    return raw


def _not_a_year(fields: Fields, folder_year: int) -> None:
    """Refuse a 报告年度 that is no four-digit year, suggesting its Arabic form when it is one in Chinese numerals."""
    typed = fields.scalar("year")
    arabic = typed.translate(CHINESE_DIGITS).strip() if typed else ""
    example = arabic if re.fullmatch(r"\d{4}", arabic) and arabic != typed else str(folder_year)
    fields.error("year", msg("content.year_not_a_year", '报告年度 (`year`) "{value}" must be a four-digit year '
                                                        "such as {folder_year}; write it as year: {example}",
                             value=shown(typed) if typed is not None else "…", folder_year=folder_year,
                             example=example))


def keywords(fields: Fields) -> tuple[str, ...]:
    """关键词 as a YAML list, or as one text split at commas, 、 and spaces."""
    raw = fields.data.get("keywords")
    if raw is None:
        return ()
    text = fields.scalar("keywords")
    items = raw if isinstance(raw, list) else re.split(r"[,，、;；\s]+", text) if text is not None else [raw]
    if any(not isinstance(i, (str, int, float)) or isinstance(i, bool) for i in items):
        fields.error("keywords", msg("content.keywords_not_list",
                                     "关键词 (`keywords`) must be a list of words, e.g. [乡村振兴, 营商环境]"))
        return ()
    words = tuple(str(i).strip() for i in items if str(i).strip())
    for word in words:
        fields.visible("keywords", word)
    return words
