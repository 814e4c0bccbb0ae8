"""Reading content/: files → validated Reports, with every problem collected.

Editors save files from Word, WeChat and old CMSs, so this stage expects GBK,
BOMs, CRLF, tabs and typos, and turns each into a message naming the file, the
line and the fix. It never stops at the first problem: one run lists them all.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportsite.core.digest import content_key
from reportsite.config.load import Publisher, SiteConfig
from reportsite.core.problems import Problem, Severity, closest, display_path
from reportsite.core.identifiers import code_checksum_problem, doc_no_problem
from reportsite.content.history import Revision
from reportsite.core.i18n import Message, msg
from reportsite.content.entry import Attachment, Body, Entry, Metric
from reportsite.core.text import FRONT_MATTER_MARKER, front_matter_end, utf8_text
from reportsite.core.yamlread import YamlProblem, parse_mapping

#: The date keys' labels as the date messages name them: the label alone in English, and with the key in
#: Chinese (发文日期（issued）), so the editor finds the line to fix by either name.
_DATE_NAMES: dict[str, Message] = {
    "issued": msg("content.issued_name", "发文日期"),
    "published": msg("content.published_name", "发布日期"),
    "signed": msg("content.signed_name", "成文日期"),
}
#: Front-matter keys and the labels the disclosure block shows for them.
FIELDS: dict[str, str] = {
    "title": "标题", "publisher": "发布机构", "index_no": "索引号", "doc_no": "文号",
    "issued": str(_DATE_NAMES["issued"]), "published": str(_DATE_NAMES["published"]), "year": "报告年度",
    "series": "系列", "category": "信息分类", "keywords": "关键词", "summary": "内容概述",
    "attachments": "附件", "status": "效力状况", "signer": "署名", "signed": str(_DATE_NAMES["signed"]),
    "metrics": "关键指标", "draft": "草稿", "changes": "修订记录",
}
REQUIRED = ("title", "publisher", "issued")
#: In content/, says the folder is empty on purpose: a site `python build.py init` started, with no
#: report yet, builds (its home page says how to add one) instead of being refused as a mistake.
NEW_SITE_MARKER = ".gitkeep"
STATUSES = ("有效", "废止")
#: The years a report, a folder or a metric may name: from 1949 on, four digits.
YEARS = range(1949, 3000)
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$")
_TIME_SUFFIX = r"(?:\s*[T ]\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?::\d{2})?)?"
_LOOSE_DATE_RE = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?" + _TIME_SUFFIX + "$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_DATE_RES = (  # Jan 15 2024, January 15, 2024 / 15 Jan 2024
    re.compile(r"^(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", re.IGNORECASE),
    re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})$", re.IGNORECASE),
)
CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_INVISIBLE_RE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e"
                           r"\u2060-\u2064\u2066-\u206f\ufeff]")
#: Control characters no editor means to type; C1 controls (U+0080–U+009F) come from mis-decoded files.
_CONTROL_RE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
#: Characters that change what an attachment link means: a scheme (`javascript:`), a fragment or a query.
_URL_SPECIAL_RE = re.compile(r"[:#?\\]")
_SHOWN_CHARS = 60


@dataclass
class _Fields:
    """Front matter being checked: values, their lines, and what was wrong."""

    name: str
    root: Path
    data: dict[str, Any]
    lines: dict[str, int]
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    item: tuple[str, int] | None = None  # the list item being checked, whose line a message names

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


def _invisible_in_field(text: str, key: str) -> Message | None:
    """invisible_character_problem for a key's own value, named by its label and its key."""
    if char := _invisible(text):
        return msg("content.invisible_character_in_field", "{label} (`{key}`) contains the invisible character "
                                                           "U+{char}; delete it (it often comes from copy and paste)",
                   label=FIELDS[key], key=key, char=char)
    return None


def invisible_character_problem(text: str, label: Message | str) -> Message | None:
    """Refuse zero-width, control and direction-changing characters: they hide or reorder what readers see."""
    if char := _invisible(text):
        return msg("content.invisible_character", "{label} contains the invisible character U+{char}; "
                                                  "delete it (it often comes from copy and paste)",
                   label=label, char=char)
    return None


def _invisible(text: str) -> str | None:
    """The first invisible character in `text` as messages name it (U+200B without the U+), or None."""
    bad = _INVISIBLE_RE.search(text)
    return format(ord(bad.group()), "04X") if bad else None


def _shown(value: object) -> str:
    """A value as a message quotes it: on one line and short, so a 1 MB value cannot flood the terminal."""
    text = " ".join(str(value).split())
    text = text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"
    return _INVISIBLE_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def find_report_files(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every report file, in a stable order: content/<year>/<slug>.md and …/<slug>/index.md.

    Anything that should hold a report but cannot be read (a locked folder, a broken or
    looping link, a folder or pipe named like a report) is an error, never a silent skip:
    skipping would publish a site with reports quietly missing.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for year in _listing(content_dir, content_dir, problems):
        if not year.is_dir():
            continue
        for entry in _listing(year, content_dir, problems):
            if entry.is_dir() and (os.path.lexists(entry / "index.md") or not _readable_dir(entry)):
                _add_report_file(entry / "index.md", content_dir, found, problems)
            elif entry.name.endswith(".md"):
                _add_report_file(entry, content_dir, found, problems)
            elif stray := _stray(entry):
                problems.append(Problem(display_path(entry, content_dir.parent), None, stray, Severity.WARNING))
    return sorted(found), problems


def _stray(path: Path) -> Message | None:
    """Why a file that looks like a report is never read, because of its name; a build would skip it."""
    if path.suffix.lower() in (".md", ".markdown") and path.is_file():
        return msg("content.stray_file", "this file is not read as a report: rename it to {name} (lower-case .md)",
                   name=path.stem + ".md")
    if path.is_dir() and any(p.suffix.lower() in (".md", ".markdown") for p in path.iterdir()):
        return msg("content.stray_folder", "this folder has no index.md, so it is not published: "
                                           "rename its report file to index.md")
    return None


def _listing(folder: Path, content_dir: Path, problems: list[Problem]) -> list[Path]:
    """A folder's entries, or none with a problem when the folder cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        problems.append(Problem(display_path(folder, content_dir.parent), None,
                                msg("content.folder_unreadable", "cannot open this folder ({reason}), so its reports "
                                    "would be left out; make it readable (chmod -R a+rX) and build again",
                                    reason=exc.strerror)))
        return []


def _readable_dir(folder: Path) -> bool:
    try:
        next(iter(folder.iterdir()), None)
        return True
    except OSError:
        return False


def _add_report_file(path: Path, content_dir: Path, found: list[Path], problems: list[Problem]) -> None:
    """Keep ``path`` if it is a readable regular file; otherwise say what it is and what to do.

    The type is checked before the file is opened, since opening a pipe would wait forever.
    """
    name = display_path(path, content_dir.parent)
    if problem := _not_a_report_file(path):
        problems.append(Problem(name, None, problem))
    else:
        found.append(path)


def _not_a_report_file(path: Path) -> Message | None:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return msg("content.report_file_is_folder", "this is a folder named like a report file; a report folder "
                                                        "is content/<year>/<slug>/ with an index.md inside: rename it")
        if not stat.S_ISREG(mode):
            return msg("content.report_not_regular_file", "this is not a regular file (a pipe or device); "
                                                          "replace it with the report's Markdown file")
        with path.open("rb"):
            return None
    except FileNotFoundError:
        return msg("content.broken_link", "this is a link to a file that does not exist; "
                                          "replace it with the report file or delete it")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return msg("content.link_loop", "this link points back to itself; replace it with the report file")
        return msg("content.report_file_unreadable", "cannot read this file ({reason}); make it and its folder "
                                                     "readable (chmod -R a+rX content) and build again",
                   reason=exc.strerror)


def _decode(raw: bytes, fields: _Fields) -> str | None:
    """Text from bytes; say which encoding a non-UTF-8 file seems to be in and how to convert it."""
    if not raw.strip():
        fields.error(None, msg("content.file_empty",
                               "the file is empty; start from the skeleton that `python build.py new` writes"))
        return None
    if wide := _wide_encoding(raw):
        fields.error(None, msg("content.wide_encoding",
                               "the file is saved as {encoding}; save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)",
                               encoding=wide))
        return None
    try:
        return utf8_text(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        fields.problems.append(Problem(fields.name, line, msg("content.not_utf8", "the file is not UTF-8: {hint}",
                                                              hint=_legacy_hint(raw))))
        return None


def _wide_encoding(raw: bytes) -> Message | str | None:
    """UTF-16 or UTF-32, by BOM or, without one, by the NUL bytes every ASCII character brings."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 8 and max(even, odd) > len(sample) // 8 and min(even, odd) < max(even, odd) // 4:
        return msg("content.utf16_without_bom", "UTF-16 (without a BOM)")
    return None


def _legacy_hint(raw: bytes) -> Message:
    """GBK files convert with GBK; files with rarer characters need GB18030, which iconv -f GBK would refuse."""
    for codec, name in (("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return msg("content.looks_like_encoding", "it looks like {encoding}; convert it with "
                                                  "`iconv -f {encoding} -t UTF-8 FILE > NEW` or save it as UTF-8",
                   encoding=name)
    return msg("content.save_as_utf8", "save it as UTF-8")


def _control_characters(text: str, fields: _Fields) -> bool:
    """NUL and other control bytes break YAML and browsers; report the first one's line."""
    match = _CONTROL_RE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        fields.problems.append(Problem(fields.name, line, msg(
            "content.control_character", "the file contains the control character U+{char}; "
                                         "delete it or re-save the file as plain UTF-8 text",
            char=format(ord(match.group()), "04X"))))
    return match is not None


def _split_front_matter(text: str, fields: _Fields) -> tuple[str, str, int] | None:
    """(front matter, body, first body line), or None with a problem when there is none."""
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_MARKER:
        fields.problems.append(Problem(fields.name, 1, msg(
            "content.no_front_matter", "the file must start with a line `---`, then the front matter (title: …), "
                                       "then another `---`; see `python build.py new`")))
        return None
    if (end := front_matter_end(text)) is not None:
        return "\n".join(lines[1:end]), "\n".join(lines[end + 1:]), end + 2
    fields.problems.append(Problem(fields.name, 1, msg(
        "content.front_matter_not_closed", "the front matter is not closed: add a line `---` after its last key")))
    return None


def _parse_date(fields: _Fields, key: str, allow_time: bool = False) -> dt.datetime | None:
    scalar = fields.scalar(key)
    if scalar is None or isinstance(fields.data.get(key), bool):
        fields.error(key, msg("content.date_not_one", "{label} (`{key}`) must be one date written YYYY-MM-DD, "
                                                      "e.g. 2024-01-15, not a list or mapping",
                              label=FIELDS[key], key=key))
        return None
    value = scalar.strip()
    match = _DATE_RE.match(value)
    if match and (allow_time or match.group(4) is None):
        day, time = [int(g) for g in match.groups()[:3]], [int(g) for g in match.groups()[3:] if g is not None]
        try:
            dt.date(*day)
        except ValueError:
            fields.error(key, msg("content.date_not_real", '{label} "{value}" is not a real date (use YYYY-MM-DD)',
                                  label=_DATE_NAMES[key], value=_shown(value)))
            return None
        if time and not (time[0] < 24 and time[1] < 60):
            fields.error(key, msg("content.time_not_real", '{label} "{value}" has no such time of day; write the time '
                                                           "as HH:MM from 00:00 to 23:59, e.g. {day} 09:30",
                                  label=_DATE_NAMES[key], value=value, day=value[:10]))
            return None
        return dt.datetime(*day, *time)
    example = _suggest_date(value, allow_time) or "2024-01-15"
    times = msg("content.time_may_follow", " (a time may follow: YYYY-MM-DD HH:MM)") if allow_time else ""
    fields.error(key, msg("content.date_format", '{label} (`{key}`) "{value}" must be written YYYY-MM-DD{times}, '
                                                 "e.g. {example}",
                          label=FIELDS[key], key=key, value=_shown(value), times=times, example=example))
    return None


def _suggest_date(value: str, allow_time: bool) -> str | None:
    """The YYYY-MM-DD form of a date written another way, when it can be read unambiguously."""
    text = unicodedata.normalize("NFKC", value).translate(CHINESE_DIGITS).strip()
    parts: tuple[str, str, str] | None = None
    time = ""
    if loose := _LOOSE_DATE_RE.match(text):
        parts = (loose[1], loose[2], loose[3])
        if allow_time and loose["hour"] is not None:
            time = f" {int(loose['hour']):02d}:{loose['minute']}"
    elif compact := _COMPACT_DATE_RE.match(text):
        parts = (compact[1], compact[2], compact[3])
    else:
        for pattern in _ENGLISH_DATE_RES:
            if (english := pattern.match(text)) and english["month"][:3].lower() in _MONTHS:
                parts = (english["year"], str(_MONTHS.index(english["month"][:3].lower()) + 1), english["day"])
    if parts is None:
        return None
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return f"{day:%Y-%m-%d}{time}"


def _check_keys(fields: _Fields) -> None:
    labels = {label: key for key, label in FIELDS.items()}
    for key in fields.data:
        if key in FIELDS:
            continue
        hint = labels.get(key) or closest(key, list(FIELDS))
        suggestion = (msg("content.did_you_mean", " (did you mean `{hint}`?)", hint=hint) if hint
                      else msg("content.known_keys", " (known keys: {keys})", keys=", ".join(FIELDS)))
        fields.error(key, msg("content.unknown_key", "unknown key `{key}`{hint}", key=_shown(key), hint=suggestion))
    for key in REQUIRED:
        value = fields.data.get(key)
        if value is None or isinstance(value, (str, list, dict)) and not value:
            fields.problems.append(Problem(fields.name, fields.lines.get(key, 1), msg(
                "content.required", "{label} (`{key}:`) is required; add a line `{key}: …` to the front matter",
                label=FIELDS[key], key=key)))


def _flag(fields: _Fields, key: str) -> bool:
    """A yes-or-no key such as `draft`: YAML's true/false, absent meaning false."""
    value = fields.data.get(key, False)
    if not isinstance(value, bool):
        fields.error(key, msg("content.not_true_or_false", '{label} (`{key}`) "{value}" must be true or false; '
                                                           "write `{key}: true` or remove the line",
                              label=FIELDS[key], key=key, value=_shown(value)))
        return False
    return value


_CHANGE_EXAMPLE = "- {date: 2024-02-02, note: 更正第三部分数据}"


def _changes(fields: _Fields) -> tuple[Revision, ...]:
    """The changes the editor publishes in 修订记录, newest first."""
    raw = fields.data.get("changes") or []
    if not isinstance(raw, list):
        fields.error("changes", msg("content.changes_not_list", "修订记录 (`changes`) must be a list of entries, "
                                                                "e.g. {example}", example=_CHANGE_EXAMPLE))
        return ()
    found = []
    for entry in fields.each_item("changes", raw):
        note = entry.get("note") if isinstance(entry, dict) else None
        day = _iso_day(entry.get("date")) if isinstance(entry, dict) else None
        if not isinstance(note, str) or not note.strip() or day is None or set(entry) - {"date", "note"}:
            fields.error("changes", msg("content.change_entry", "each change needs a real `date:` (YYYY-MM-DD) and a "
                                                                "`note:`, and nothing else, e.g. {example}",
                                        example=_CHANGE_EXAMPLE))
            continue
        found.append(Revision(day, " ".join(note.split())))
    return tuple(sorted(found, key=lambda r: r.date, reverse=True))


def _iso_day(value: object) -> dt.date | None:
    """A YYYY-MM-DD text (the form _DATE_RE reads, without a time) as a real date; None for anything else."""
    match = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    if match is None or match.group(4) is not None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _given(fields: _Fields, key: str) -> bool:
    """A key with any value but an empty one; `[]` or `{}` is given, and wrong, not absent."""
    return fields.data.get(key) not in (None, "")


def _publisher(fields: _Fields, config: SiteConfig) -> Publisher:
    """A configured publisher by key or name; otherwise the literal name, unless it looks like a mistyped key."""
    publisher, typo = config.resolve_publisher(fields.text("publisher"))
    if typo:
        fields.error("publisher", typo)
    return publisher


def _index_no(fields: _Fields, config: SiteConfig, publisher: Publisher) -> str:
    value = fields.text("index_no")
    if not value:
        return ""
    match = re.fullmatch(config.index_no_pattern, value)
    if not match:
        fields.error("index_no", msg("content.index_no_pattern", '索引号 "{value}" does not match the site\'s pattern; '
                                     "write it as <organisation code>/<year>-<serial>, "
                                     "e.g. 1137030400421863XL/2024-0001 (or set index_no_pattern in config.yaml)",
                                     value=_shown(value)))
        return value
    code = match.groupdict().get("code")
    if code and (warning := code_checksum_problem(code)):
        fields.error("index_no", warning, Severity.WARNING)
    if code and publisher.code and code != publisher.code:
        fields.error("index_no", msg("content.index_no_other_code", "索引号 starts with {found}, but {publisher}'s code "
                                     "is {expected}; check the 索引号 or the publisher",
                                     found=code, publisher=publisher.name, expected=publisher.code), Severity.WARNING)
    return value


def _year(fields: _Fields, folder_year: int, issued: dt.datetime | None) -> int:
    """The report year defaults to its folder, and must fit the date it was issued.

    A quoted year ("2023") is still a year; one in Chinese numerals (二〇二三) is
    refused with the Arabic form, which is what every other page shows.
    """
    raw = fields.data.get("year", folder_year)
    if isinstance(raw, str) and re.fullmatch(r"\s*\d{4}\s*", raw):
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in YEARS:
        shown = fields.scalar("year")
        arabic = shown.translate(CHINESE_DIGITS).strip() if shown else ""
        example = arabic if re.fullmatch(r"\d{4}", arabic) and arabic != shown else str(folder_year)
        fields.error("year", msg("content.year_not_a_year", '报告年度 (`year`) "{value}" must be a four-digit year '
                                                            "such as {folder_year}; write it as year: {example}",
                                 value=_shown(shown) if shown is not None else "…", folder_year=folder_year,
                                 example=example))
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


def issue_fits(issued: dt.date, year: int) -> bool:
    """Whether a 发文日期 fits a 报告年度: a report on a year is issued within a year of it (a plan
    before it, a summary after it), which `new` also follows so that its skeleton validates."""
    return abs(issued.year - year) <= 1


def _keywords(fields: _Fields) -> tuple[str, ...]:
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


_ATTACHMENT_EXAMPLE = "- {file: 附件1.pdf, title: 附件1}"
# What a report folder may publish: documents, spreadsheets, slides, archives and raster images.
# HTML, SVG, XML and scripts are left out on purpose: served from the site's own address they
# could run script, which no content may do.
PUBLISHABLE_SUFFIXES = frozenset(
    ".pdf .ofd .doc .docx .wps .rtf .odt .txt .csv .xls .xlsx .et .ods .ppt .pptx .dps .odp "
    ".zip .rar .7z .png .jpg .jpeg .gif .webp".split())
# Files an editor's computer leaves behind, never published and never worth a message.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})


def _attachments(fields: _Fields, folder: Path | None) -> tuple[Attachment, ...]:
    """Attachments must sit inside the report's own folder, so the site never exposes other files."""
    raw = fields.data.get("attachments") or []
    if not raw:
        return ()
    if folder is None:
        fields.error("attachments", msg("content.attachments_need_folder", "attachments need a report folder: move "
                                        "this file to content/<year>/<slug>/index.md and put the files beside it"))
        return ()
    if not isinstance(raw, list):
        fields.error("attachments", msg("content.attachments_not_list", "附件 (`attachments`) must be a list of "
                                        "`- file: …` / `title: …` entries, e.g. {example}",
                                        example=_ATTACHMENT_EXAMPLE))
        return ()
    found = []
    for entry in fields.each_item("attachments", raw):
        item = _attachment(fields, folder, entry)
        if item:
            found.append(item)
    return tuple(found)


def _attachment(fields: _Fields, folder: Path, entry: Any) -> Attachment | None:
    if not isinstance(entry, dict) or not entry.get("file"):
        fields.error("attachments", msg("content.attachment_entry", "each attachment needs `file:` (and `title:`), "
                                        "e.g. {example}", example=_ATTACHMENT_EXAMPLE))
        return None
    unknown = sorted(str(k) for k in set(entry) - {"file", "title"})
    if unknown:
        fields.error("attachments", msg("content.attachment_unknown_field", "unknown attachment field `{field}` "
                                        "(use file and title, e.g. {example})",
                                        field=_shown(unknown[0]), example=_ATTACHMENT_EXAMPLE))
    if isinstance(entry["file"], (dict, list, bool)):
        fields.error("attachments", msg("content.attachment_file_not_one", "`file:` of an attachment must be one "
                                        "file name, e.g. {example}", example=_ATTACHMENT_EXAMPLE))
        return None
    name = str(entry["file"]).strip()
    if problem := _attachment_name_problem(name, folder, fields.root):
        fields.error("attachments", problem)
        return None
    title = entry.get("title") or Path(name).stem
    if isinstance(title, (dict, list, bool)):
        fields.error("attachments", msg("content.attachment_title_not_text",
                                        'the title of attachment "{name}" must be plain text', name=_shown(name)))
        return None
    title = fields.visible("attachments", str(title).strip(),
                           msg("content.attachment_title", 'the title of attachment "{name}"', name=_shown(name)))
    return Attachment(name, title, (folder / name).stat().st_size)


def _folder_files(fields: _Fields, folder: Path | None, slug: str, source: Path) -> tuple[str, ...]:
    """The files of a report folder that are published beside its page, as relative names.

    Every file is checked here, before anything is written: one that could run script, that
    would replace a generated file, that links out of the folder or that cannot be read stops
    the build with its name, instead of being copied (or dropped) without a word.
    """
    if folder is None:
        return ()
    names = []
    for path in _folder_walk(folder):
        name = path.relative_to(folder).as_posix()
        if path == source or any(part.startswith(".") for part in Path(name).parts) \
                or path.name.lower() in _JUNK_NAMES:
            continue
        if problem := _folder_file_problem(path, name, folder, slug):
            fields.problems.append(Problem(display_path(path, fields.root), None, problem))
        else:
            names.append(name)
    return tuple(names)


def _folder_walk(folder: Path) -> list[Path]:
    """Every file below a report folder, sorted; a folder that cannot be listed counts as a file
    so that its problem is reported."""
    found: list[Path] = []
    for parent, dirs, files in os.walk(folder, onerror=lambda e: found.append(Path(e.filename))):
        found += [Path(parent, name) for name in files]
        found += [Path(parent, d) for d in dirs if Path(parent, d).is_symlink()]
    return sorted(found)


def _folder_file_problem(path: Path, name: str, folder: Path, slug: str) -> Message | None:
    """Why a file in a report folder cannot be published, or None."""
    try:
        if not path.resolve().is_relative_to(folder.resolve()):
            return msg("content.link_outside_folder", "this link points outside the report's folder; "
                                                      "copy the file itself into the folder")
        if not path.is_file():
            return msg("content.folder_entry_not_file", "this is not a regular file (a folder link, pipe or broken "
                                                        "link); replace it with the file")
        with path.open("rb"):
            pass
    except (OSError, RuntimeError) as exc:
        return msg("content.folder_file_unreadable", "cannot read this file ({reason}); make it readable (chmod a+r)",
                   reason=str(getattr(exc, "strerror", None) or exc))
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".js", ".mjs"):
        return msg("content.file_could_run_code", "{suffix} files are not published because they could run code on "
                                                  "the site; convert it to PDF (or PNG for an image), or move it out "
                                                  "of the report's folder", suffix=suffix)
    if suffix not in PUBLISHABLE_SUFFIXES:
        kind = (msg("content.suffix_files", "{suffix}", suffix=suffix) if suffix
                else msg("content.no_extension", "files without an extension"))
        return msg("content.file_type_not_published", "{kind} cannot be published from a report folder; only "
                   "documents (PDF, OFD, Word, WPS, Excel, slides, TXT, CSV), archives (ZIP, RAR, 7z) and "
                   "images (PNG, JPEG, GIF, WebP) are; convert it or move it out of the folder", kind=kind)
    if name == f"{slug}.pdf":
        return msg("content.pdf_name_taken", "{name} is the name of the PDF the build makes from this report; "
                                             "rename this file", name=name)
    return None


def _attachment_name_problem(name: str, folder: Path, root: Path) -> Message | None:
    """Why `name` cannot be published as an attachment link, or None when it can.

    The name becomes a relative link on the page, so a `:` would make it a
    scheme (`javascript:…`) and `#` or `?` would cut it short.
    """
    shown = _shown(name)
    if _CONTROL_RE.search(name) or _INVISIBLE_RE.search(name):
        return msg("content.attachment_control_character", 'attachment "{name}" has a control or invisible character '
                                                           "in its name; rename the file", name=shown)
    target = folder / name
    try:
        inside = target.resolve().is_relative_to(folder.resolve())
        if Path(name).is_absolute() or ".." in Path(name).parts or not inside:
            return msg("content.attachment_outside", 'attachment "{name}" is outside the report\'s folder; '
                                                     "copy it into the folder and give its name only", name=shown)
        if _URL_SPECIAL_RE.search(name):
            return msg("content.attachment_special_characters", 'attachment "{name}" has `:`, `#`, `?` or `\\` in its '
                                                                "name, which breaks its link; rename the file without "
                                                                "them", name=shown)
        if target.is_dir():
            return msg("content.attachment_is_folder", 'attachment "{name}" is a folder, not a file; list each file in '
                                                       "it as its own attachment (or zip the folder)", name=shown)
        if not target.is_file():
            return msg("content.attachment_missing", 'attachment "{name}" does not exist in {folder}; '
                                                     "check the file name or add the file",
                       name=shown, folder=display_path(folder, root))
    except OSError as exc:
        return msg("content.attachment_unreadable", 'attachment "{name}" cannot be read ({reason}); '
                                                    "check the file name", name=shown, reason=exc.strerror)
    return None


_METRIC_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_METRIC_EXAMPLE = "- {key: industrial_output, label: 规上工业产值, value: 20.69, unit: 亿元}"


def _number(fields: _Fields, entry: dict[str, Any], name: str) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    try:
        number = float(value) if not isinstance(value, bool) and isinstance(value, (int, float)) else None
    except OverflowError:
        number = None
    label = _shown(entry.get("label", "?"))
    if number is None or not math.isfinite(number):
        fields.error("metrics", msg("content.metric_not_number", 'metric "{label}": `{name}` must be a plain number '
                                    'such as 20.69 (put the unit in `unit:`), not "{value}"',
                                    label=label, name=name, value=_shown(value)))
        return None
    if abs(number) > 1e15 or 0 < abs(number) < 1e-6:
        fields.error("metrics", msg("content.metric_too_large", 'metric "{label}": `{name}` {value} is too large to '
                                    "chart or compare; give it in another unit (e.g. 亿元 instead of 元) and set "
                                    "`unit:` to match", label=label, name=name, value=_shown(value))
                     if abs(number) > 1 else
                     msg("content.metric_too_small", 'metric "{label}": `{name}` {value} is too small to '
                         "chart or compare; give it in another unit (e.g. 亿元 instead of 元) and set "
                         "`unit:` to match", label=label, name=name, value=_shown(value)))
        return None
    return number


def _metric(fields: _Fields, entry: Any, year: int) -> Metric | None:
    if not isinstance(entry, dict):
        fields.error("metrics", msg("content.metric_not_mapping", "each metric is a mapping, e.g. {example}",
                                    example=_METRIC_EXAMPLE))
        return None
    unknown = sorted(set(entry) - {"key", "label", "value", "unit", "target", "year"})
    if unknown:
        fields.error("metrics", msg("content.metric_unknown_field", "unknown metric field `{field}` "
                                    "(use key, label, value, unit, target, year)", field=unknown[0]))
    if any(isinstance(entry.get(name), (dict, list, bool)) for name in ("key", "label", "unit")):
        fields.error("metrics", msg("content.metric_not_text", "a metric's `key`, `label` and `unit` must be plain "
                                    "text, e.g. {example}", example=_METRIC_EXAMPLE))
        return None
    key, label = str(entry.get("key") or ""), str(entry.get("label") or "").strip()
    if not _METRIC_KEY_RE.match(key) or not label:
        fields.error("metrics", msg("content.metric_key_and_label", "each metric needs `key:` (lower-case letters, "
                                    "digits, _) and `label:`, e.g. {example}", example=_METRIC_EXAMPLE))
        return None
    value, target = _number(fields, entry, "value"), _number(fields, entry, "target")
    if value is None and target is None and entry.get("value") is None and entry.get("target") is None:
        fields.error("metrics", msg("content.metric_no_value", 'metric "{label}" needs `value:` or `target:`; '
                                    "add one of them", label=_shown(label)))
        return None
    metric_year = entry.get("year", year)
    if isinstance(metric_year, bool) or not isinstance(metric_year, int) or metric_year not in YEARS:
        fields.error("metrics", msg("content.metric_year", 'metric "{label}": `year` must be a four-digit year '
                                    "such as {year}", label=_shown(label), year=year))
        return None
    unit = str(entry.get("unit") or "").strip()
    for text in (label, unit):
        fields.visible("metrics", text, msg("content.metric_label", 'metric "{label}"', label=_shown(label)))
    return Metric(key, label, unit, metric_year, value, target)


def _metrics(fields: _Fields, year: int) -> tuple[Metric, ...]:
    """Key figures the series page charts across years; a target may name the year it is for."""
    raw = fields.data.get("metrics") or []
    if not isinstance(raw, list):
        fields.error("metrics", msg("content.metrics_not_list", "关键指标 (`metrics`) must be a list with one "
                                    "`- {{…}}` line per figure, e.g. {example}", example=_METRIC_EXAMPLE))
        return ()
    found = [m for m in (_metric(fields, entry, year) for entry in fields.each_item("metrics", raw)) if m]
    return tuple(found)


def _location(path: Path, content_dir: Path) -> tuple[int, str, Path | None] | None:
    """(folder year, slug, report folder) from where the file sits, or None if it sits wrong."""
    rel = path.relative_to(content_dir).parts
    folder = path.parent if len(rel) == 3 else None
    slug = rel[1] if folder else Path(rel[1]).stem
    if not re.fullmatch(r"\d{4}", rel[0]) or int(rel[0]) not in YEARS:
        return None
    return int(rel[0]), slug, folder


def _read_text(path: Path, fields: _Fields) -> tuple[str, str, int] | None:
    """Front matter, body and the body's first line, or None with problems recorded."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        fields.error(None, msg("content.file_unreadable", "cannot read this file ({reason}); make it readable "
                                                          "(chmod a+r) and build again", reason=exc.strerror))
        return None
    text = _decode(raw, fields)
    if text is None or _control_characters(text, fields):
        return None
    return _split_front_matter(text, fields)


def read_report(path: Path, config: SiteConfig) -> tuple[Entry | None, list[Problem]]:
    """Read one report file; on any error return None and every problem in it."""
    name = display_path(path, config.root)
    location = _location(path, config.content_dir)
    if location is None:
        return None, [Problem(name, None, msg("content.misplaced", "reports go in content/<year>/<slug>.md or "
                                              "content/<year>/<slug>/index.md; move the file into a four-digit "
                                              "year folder"))]
    folder_year, slug, folder = location
    fields = _Fields(name, config.root, {}, {})
    if not _SLUG_RE.match(slug):
        fields.error(None, msg("content.name_not_url", 'the file name "{name}" cannot be a URL: rename it with '
                                                       "lower-case letters, digits and hyphens only, "
                                                       "e.g. badou-key-work.md", name=slug))
    parts = _read_text(path, fields)
    if parts is None:
        return None, fields.problems
    front, body, body_line = parts
    try:
        mapping = parse_mapping(front, first_line=2, what=msg("content.front_matter", "front matter"))
    except YamlProblem as exc:
        return None, fields.problems + [Problem(name, exc.line, exc.message)]
    fields.data, fields.lines, fields.texts = mapping.data, mapping.lines, mapping.texts
    fields.item_lines = mapping.item_lines
    report = _validate(fields, config, folder_year, slug, folder, body, body_line, path)
    problems = sorted(fields.problems, key=lambda p: p.line or 0)
    return (None if any(p.is_error for p in problems) else report), problems


_FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def _undefined_footnotes(name: str, body: str, body_line: int) -> list[Problem]:
    """A footnote mark with no `[^n]: …` note is printed as the bare text `[^n]`; say where."""
    defined = set(_FOOTNOTE_DEF_RE.findall(body))
    return [Problem(name, body_line + body.count("\n", 0, m.start()),
                    msg("content.footnote_without_note", "footnote [^{mark}] has no note, so it shows as plain text; "
                        "add a line `[^{mark}]: …` at the end of the report, or remove the mark", mark=m.group(1)),
                    Severity.WARNING)
            for m in _FOOTNOTE_REF_RE.finditer(body) if m.group(1) not in defined]


#: What `new`'s skeleton leaves for the editor to replace (commands/new.py, BODY): a paragraph, heading
#: or run-in lead that is only "……" after its number, and the skeleton's hints.
_PLACEHOLDER_RE = re.compile(r"^[#*\s]*(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十\d]+）|\d+[.．、])?\s*…{2,}[。.]?\**\s*")
SKELETON_HINTS = ("写明做了什么、成效如何，尽量用数字说明", "在此填写")


def _unfinished(fields: _Fields, body: str, body_line: int) -> list[Problem]:
    """A report still holding the skeleton's placeholders, or a summary that only repeats the title:
    warnings, so `check --strict` (the pre-commit hook) stops an unfinished report."""
    problems = []
    lines = [n for n, line in enumerate(body.split("\n"), start=body_line)
             if _PLACEHOLDER_RE.match(line) or any(hint in line for hint in SKELETON_HINTS)]
    if lines:
        problems.append(Problem(fields.name, lines[0], msg(
            "content.placeholders_left", "{count} placeholder(s) of the `new` skeleton (……) are still in the text, "
                                         "the first on this line; write the report's own text in their place",
            count=len(lines)), Severity.WARNING))
    summary, title = (_bare(fields.text(key)) for key in ("summary", "title"))
    if summary and summary in title:
        problems.append(Problem(fields.name, fields.lines.get("summary"), msg(
            "content.summary_repeats_title", "内容概述 (`summary`) only repeats the title; say in one sentence what "
                                             "the report is about, or remove the line (the page then uses the "
                                             "opening of the text)"), Severity.WARNING))
    return problems


def _bare(text: str) -> str:
    """Text without white space and punctuation, to compare what two fields say."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def _validate(fields: _Fields, config: SiteConfig, folder_year: int, slug: str, folder: Path | None,
              body: str, body_line: int, path: Path) -> Entry | None:
    _check_keys(fields)
    issued = _parse_date(fields, "issued") if _given(fields, "issued") else None
    published = _parse_date(fields, "published", allow_time=True) if _given(fields, "published") else issued
    if issued and published and published.date() < issued.date():
        fields.error("published", msg("content.published_before_issued", "发布日期 {published} is before 发文日期 "
                                      "{issued}; a report cannot be published before it is issued; check both dates",
                                      published=published.date().isoformat(), issued=issued.date().isoformat()))
    publisher = _publisher(fields, config)
    signed = _parse_date(fields, "signed") if _given(fields, "signed") else None
    status = fields.text("status") or "有效"
    if status not in STATUSES:
        fields.error("status", msg("content.status_unknown", '效力状况 (`status`) "{value}" must be 有效 or 废止; '
                                                             "write one of them", value=_shown(status)))
    doc_no = fields.text("doc_no")
    if doc_no and (advice := doc_no_problem(doc_no)):
        fields.error("doc_no", advice, Severity.WARNING)
    if not body.strip():
        fields.problems.append(Problem(fields.name, body_line, msg(
            "content.no_body", "the report has no text after the front matter; add the body")))
    fields.problems += _undefined_footnotes(fields.name, body, body_line)
    fields.problems += _unfinished(fields, body, body_line)
    year = _year(fields, folder_year, issued)
    values = dict(
        draft=_flag(fields, "draft"), changes=_changes(fields),
        year=year, title=fields.text("title"), publisher=publisher, metrics=_metrics(fields, year),
        index_no=_index_no(fields, config, publisher), doc_no=doc_no,
        series=fields.text("series"), category=fields.text("category"), keywords=_keywords(fields),
        summary=fields.text("summary"), attachments=_attachments(fields, folder), status=status,
        files=_folder_files(fields, folder, slug, path),
        signer=fields.text("signer"), signed=signed.date() if signed else None,
    )
    if issued is None or published is None or any(p.is_error for p in fields.problems):
        return None
    return Entry(
        source=path, source_name=fields.name, folder=folder, slug=slug,
        issued=issued.date(), published=published, body=Body(path, fields.name, body_line, content_key(body)),
        key_lines=tuple(fields.lines.items()), **values,
    )


def read_content(config: SiteConfig) -> tuple[list[Entry], list[Problem]]:
    """Every report under content/, and every problem in any of them, in file order."""
    if not config.content_dir.is_dir():
        return [], [Problem(display_path(config.content_dir, config.root), None, msg(
            "content.no_content_folder",
            "the content folder does not exist; create it and add reports with `python build.py new`"))]
    paths, problems = find_report_files(config.content_dir)
    reports: list[Entry] = []
    for path in paths:
        report, found = read_report(path, config)
        problems.extend(found)
        if report:
            reports.append(report)
    if not paths and not problems and not (config.content_dir / NEW_SITE_MARKER).is_file():
        problems.append(Problem(display_path(config.content_dir, config.root), None, msg(
            "content.no_reports", "holds no reports, so the build would replace the site with an empty one; "
                                  "add a report with `python build.py new` (or check you are in the right folder)")))
    return reports, problems
