"""Reading content/: files → validated Reports, with every problem collected.

Editors save files from Word, WeChat and old CMSs, so this stage expects GBK,
BOMs, CRLF, tabs and typos, and turns each into a message naming the file, the
line and the fix. It never stops at the first problem: one run lists them all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Publisher, SiteConfig
from .errors import Problem, Severity, closest, display_path
from .identifiers import code_checksum_problem, doc_no_problem
from .model import Attachment, Metric, Report
from .yamlread import YamlProblem, parse_mapping

#: Front-matter keys and the labels the disclosure block shows for them.
FIELDS: dict[str, str] = {
    "title": "标题", "publisher": "发布机构", "index_no": "索引号", "doc_no": "文号",
    "issued": "发文日期", "published": "发布日期", "year": "报告年度", "series": "系列",
    "category": "信息分类", "keywords": "关键词", "summary": "内容概述",
    "attachments": "附件", "status": "效力状况", "signer": "署名", "signed": "成文日期",
    "metrics": "关键指标",
}
REQUIRED = ("title", "publisher", "issued")
STATUSES = ("有效", "废止")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$")
_LOOSE_DATE_RE = re.compile(r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?$")
_INVISIBLE_RE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")


@dataclass
class _Fields:
    """Front matter being checked: values, their lines, and what was wrong."""

    name: str
    root: Path
    data: dict[str, Any]
    lines: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    def error(self, key: str | None, message: str, severity: Severity = Severity.ERROR) -> None:
        line = self.lines.get(key) if key else None
        self.problems.append(Problem(self.name, line, message, severity))

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, f"{FIELDS[key]} (`{key}`) must be plain text, not a list or mapping")
            return ""
        text = str(value).strip()
        if bad := _INVISIBLE_RE.search(text):
            self.error(key, f"{FIELDS[key]} (`{key}`) contains the invisible character "
                            f"U+{ord(bad.group()):04X}; delete it (it often comes from copy and paste)")
        return text


def find_report_files(content_dir: Path) -> list[Path]:
    """Every report file, in a stable order: content/<year>/<slug>.md and …/<slug>/index.md."""
    found = [p for p in content_dir.glob("*/*.md")] + list(content_dir.glob("*/*/index.md"))
    return sorted(found)


def _decode(raw: bytes, fields: _Fields) -> str | None:
    """Text from bytes; say which encoding a non-UTF-8 file seems to be in and how to convert it."""
    if not raw.strip():
        fields.error(None, "the file is empty; start from the skeleton that `python build.py new` writes")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        fields.error(None, "the file is saved as UTF-16; save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "it looks like GBK; convert it with `iconv -f GBK -t UTF-8 FILE > NEW` or save it as UTF-8"
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            hint = "save it as UTF-8"
        fields.problems.append(Problem(fields.name, line, f"the file is not UTF-8: {hint}"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_characters(text: str, fields: _Fields) -> bool:
    """NUL and other control bytes break YAML and browsers; report the first one's line."""
    match = re.search(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]", text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        fields.problems.append(Problem(fields.name, line, f"the file contains the control character "
                                       f"U+{ord(match.group()):04X}; delete it or re-save the file as plain UTF-8 text"))
    return match is not None


def _split_front_matter(text: str, fields: _Fields) -> tuple[str, str, int] | None:
    """(front matter, body, first body line), or None with a problem when there is none."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        fields.problems.append(Problem(fields.name, 1, "the file must start with a line `---`, then the "
                                       "front matter (title: …), then another `---`; see `python build.py new`"))
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    fields.problems.append(Problem(fields.name, 1, "the front matter is not closed: add a line `---` after its last key"))
    return None


def _parse_date(fields: _Fields, key: str, allow_time: bool = False) -> dt.datetime | None:
    raw = fields.data.get(key)
    label = f"{FIELDS[key]} (`{key}`)"
    value = str(raw).strip() if raw is not None else ""
    match = _DATE_RE.match(value)
    if match and (allow_time or match.group(4) is None):
        try:
            return dt.datetime(*(int(g) for g in match.groups() if g is not None))
        except ValueError:
            fields.error(key, f'{FIELDS[key]} "{value}" is not a real date (use YYYY-MM-DD)')
            return None
    loose = _LOOSE_DATE_RE.match(value)
    example = f"{int(loose[1]):04d}-{int(loose[2]):02d}-{int(loose[3]):02d}" if loose else "2024-01-15"
    fields.error(key, f'{label} "{value}" must be written YYYY-MM-DD, e.g. {example}')
    return None


def _check_keys(fields: _Fields) -> None:
    labels = {label: key for key, label in FIELDS.items()}
    for key in fields.data:
        if key in FIELDS:
            continue
        hint = labels.get(key) or closest(key, list(FIELDS))
        suggestion = f" (did you mean `{hint}`?)" if hint else f" (known keys: {', '.join(FIELDS)})"
        fields.error(key, f"unknown key `{key}`{suggestion}")
    for key in REQUIRED:
        if fields.data.get(key) in (None, ""):
            fields.problems.append(Problem(fields.name, fields.lines.get(key, 1), f"{FIELDS[key]} (`{key}:`) "
                                           f"is required; add a line `{key}: …` to the front matter"))


def _publisher(fields: _Fields, config: SiteConfig) -> Publisher:
    """A configured publisher by key or name; otherwise the literal name, unless it looks like a mistyped key."""
    value = fields.text("publisher")
    found = config.publisher(value)
    if found:
        return found
    if re.fullmatch(r"[A-Za-z0-9_-]+", value):
        keys = [p.key for p in config.publishers]
        hint = closest(value, keys)
        fields.error("publisher", f"publisher `{value}` is not in config.yaml's publishers"
                     + (f" (did you mean `{hint}`?)" if hint else f" (known: {', '.join(keys) or 'none'})"))
    return Publisher("", value, "")


def _index_no(fields: _Fields, config: SiteConfig, publisher: Publisher) -> str:
    value = fields.text("index_no")
    if not value:
        return ""
    match = re.fullmatch(config.index_no_pattern, value)
    if not match:
        fields.error("index_no", f'索引号 "{value}" does not match the site\'s pattern; write it as '
                                 "<organisation code>/<year>-<serial>, e.g. 1137030400421863XL/2024-0001 "
                                 "(or set index_no_pattern in config.yaml)")
        return value
    code = match.groupdict().get("code")
    if code and (warning := code_checksum_problem(code)):
        fields.error("index_no", warning, Severity.WARNING)
    if code and publisher.code and code != publisher.code:
        fields.error("index_no", f"索引号 starts with {code}, but {publisher.name}'s code is {publisher.code}; "
                                 "check the 索引号 or the publisher", Severity.WARNING)
    return value


def _year(fields: _Fields, folder_year: int, issued: dt.datetime | None) -> int:
    """The report year defaults to its folder, and must fit the date it was issued."""
    raw = fields.data.get("year", folder_year)
    if not isinstance(raw, int) or not 1949 <= raw <= 2999:
        fields.error("year", f'报告年度 (`year`) "{raw}" must be a four-digit year such as {folder_year}')
        return folder_year
    if raw != folder_year:
        fields.error("year", f"报告年度 {raw} does not match the folder content/{folder_year}/; "
                             f"move the file to content/{raw}/ or set year: {folder_year}")
    if issued and abs(issued.year - raw) > 1:
        fields.error("issued", f"发文日期 {issued:%Y-%m-%d} does not fit 报告年度 {raw} "
                               f"(expected a date in {raw - 1}–{raw + 1}); check the year or the date")
    return raw


def _keywords(fields: _Fields) -> tuple[str, ...]:
    raw = fields.data.get("keywords")
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else re.split(r"[,，、;；\s]+", str(raw))
    if any(isinstance(i, (dict, list)) for i in items):
        fields.error("keywords", "关键词 (`keywords`) must be a list of words, e.g. [乡村振兴, 营商环境]")
        return ()
    return tuple(str(i).strip() for i in items if str(i).strip())


def _attachments(fields: _Fields, folder: Path | None) -> tuple[Attachment, ...]:
    """Attachments must sit inside the report's own folder, so the site never exposes other files."""
    raw = fields.data.get("attachments") or []
    if not raw:
        return ()
    if folder is None:
        fields.error("attachments", "attachments need a report folder: move this file to "
                                    "content/<year>/<slug>/index.md and put the files beside it")
        return ()
    if not isinstance(raw, list):
        fields.error("attachments", "附件 (`attachments`) must be a list of `- file: …` / `title: …` entries")
        return ()
    found = []
    for entry in raw:
        item = _attachment(fields, folder, entry)
        if item:
            found.append(item)
    return tuple(found)


def _attachment(fields: _Fields, folder: Path, entry: Any) -> Attachment | None:
    if not isinstance(entry, dict) or not entry.get("file"):
        fields.error("attachments", "each attachment needs `file:` (and `title:`), e.g. - {file: 附件1.pdf, title: 附件1}")
        return None
    name = str(entry["file"])
    target = (folder / name)
    if Path(name).is_absolute() or ".." in Path(name).parts or not target.resolve().is_relative_to(folder.resolve()):
        fields.error("attachments", f'attachment "{name}" is outside the report\'s folder; '
                                    "copy it into the folder and give its name only")
        return None
    if not target.is_file():
        fields.error("attachments", f'attachment "{name}" does not exist in {display_path(folder, fields.root)}; '
                                    "check the file name or add the file")
        return None
    title = entry.get("title") or Path(name).stem
    if isinstance(title, (dict, list)):
        fields.error("attachments", f'the title of attachment "{name}" must be plain text')
        return None
    return Attachment(name, str(title).strip(), target.stat().st_size)


_METRIC_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_METRIC_EXAMPLE = "- {key: industrial_output, label: 规上工业产值, value: 20.69, unit: 亿元}"


def _number(fields: _Fields, entry: dict[str, Any], name: str) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fields.error("metrics", f'metric "{entry.get("label", "?")}": `{name}` must be a plain number such as '
                                f"20.69 (put the unit in `unit:`), not {value!r}")
        return None
    return float(value)


def _metric(fields: _Fields, entry: Any, year: int) -> Metric | None:
    if not isinstance(entry, dict):
        fields.error("metrics", f"each metric is a mapping, e.g. {_METRIC_EXAMPLE}")
        return None
    unknown = sorted(set(entry) - {"key", "label", "value", "unit", "target", "year"})
    if unknown:
        fields.error("metrics", f"unknown metric field `{unknown[0]}` (use key, label, value, unit, target, year)")
    key, label = str(entry.get("key") or ""), str(entry.get("label") or "").strip()
    if not _METRIC_KEY_RE.match(key) or not label:
        fields.error("metrics", f"each metric needs `key:` (lower-case letters, digits, _) and `label:`, "
                                f"e.g. {_METRIC_EXAMPLE}")
        return None
    value, target = _number(fields, entry, "value"), _number(fields, entry, "target")
    if value is None and target is None:
        fields.error("metrics", f'metric "{label}" needs `value:` or `target:`')
        return None
    metric_year = entry.get("year", year)
    if not isinstance(metric_year, int):
        fields.error("metrics", f'metric "{label}": `year` must be a four-digit year')
        return None
    return Metric(key, label, str(entry.get("unit") or "").strip(), metric_year, value, target)


def _metrics(fields: _Fields, year: int) -> tuple[Metric, ...]:
    """Key figures the series page charts across years; a target may name the year it is for."""
    raw = fields.data.get("metrics") or []
    if not isinstance(raw, list):
        fields.error("metrics", f"关键指标 (`metrics`) must be a list, e.g.\n  metrics:\n    {_METRIC_EXAMPLE}")
        return ()
    found = [m for m in (_metric(fields, entry, year) for entry in raw) if m]
    return tuple(found)


def _location(path: Path, content_dir: Path) -> tuple[int, str, Path | None] | None:
    """(folder year, slug, report folder) from where the file sits, or None if it sits wrong."""
    rel = path.relative_to(content_dir).parts
    folder = path.parent if len(rel) == 3 else None
    slug = rel[1] if folder else Path(rel[1]).stem
    if not re.fullmatch(r"\d{4}", rel[0]):
        return None
    return int(rel[0]), slug, folder


def _read_text(path: Path, fields: _Fields) -> tuple[str, str, int] | None:
    """Front matter, body and the body's first line, or None with problems recorded."""
    text = _decode(path.read_bytes(), fields)
    if text is None or _control_characters(text, fields):
        return None
    return _split_front_matter(text, fields)


def read_report(path: Path, config: SiteConfig) -> tuple[Report | None, list[Problem]]:
    """Read one report file; on any error return None and every problem in it."""
    name = display_path(path, config.root)
    location = _location(path, config.content_dir)
    if location is None:
        return None, [Problem(name, None, "reports go in content/<year>/<slug>.md or content/<year>/<slug>/index.md; "
                                          "move the file into a four-digit year folder")]
    folder_year, slug, folder = location
    fields = _Fields(name, config.root, {}, {})
    if not _SLUG_RE.match(slug):
        fields.error(None, f'the file name "{slug}" cannot be a URL: rename it with lower-case letters, '
                           "digits and hyphens only, e.g. badou-key-work.md")
    parts = _read_text(path, fields)
    if parts is None:
        return None, fields.problems
    front, body, body_line = parts
    try:
        mapping = parse_mapping(front, first_line=2)
    except YamlProblem as exc:
        return None, fields.problems + [Problem(name, exc.line, exc.message)]
    fields.data, fields.lines = mapping.data, mapping.lines
    report = _validate(fields, config, folder_year, slug, folder, body, body_line, path)
    problems = sorted(fields.problems, key=lambda p: p.line or 0)
    return (None if any(p.is_error for p in problems) else report), problems


def _validate(fields: _Fields, config: SiteConfig, folder_year: int, slug: str, folder: Path | None,
              body: str, body_line: int, path: Path) -> Report | None:
    _check_keys(fields)
    issued = _parse_date(fields, "issued") if fields.data.get("issued") else None
    published = _parse_date(fields, "published", allow_time=True) if fields.data.get("published") else issued
    if issued and published and published.date() < issued.date():
        fields.error("published", f"发布日期 {published:%Y-%m-%d} is before 发文日期 {issued:%Y-%m-%d}; "
                                  "a report cannot be published before it is issued")
    publisher = _publisher(fields, config)
    signed = _parse_date(fields, "signed") if fields.data.get("signed") else None
    status = fields.text("status") or "有效"
    if status not in STATUSES:
        fields.error("status", f'效力状况 (`status`) "{status}" must be 有效 or 废止')
    doc_no = fields.text("doc_no")
    if doc_no and (advice := doc_no_problem(doc_no)):
        fields.error("doc_no", advice, Severity.WARNING)
    if not body.strip():
        fields.problems.append(Problem(fields.name, body_line, "the report has no text after the front matter; add the body"))
    year = _year(fields, folder_year, issued)
    values = dict(
        year=year, title=fields.text("title"), publisher=publisher, metrics=_metrics(fields, year),
        index_no=_index_no(fields, config, publisher), doc_no=doc_no,
        series=fields.text("series"), category=fields.text("category"), keywords=_keywords(fields),
        summary=fields.text("summary"), attachments=_attachments(fields, folder), status=status,
        signer=fields.text("signer"), signed=signed.date() if signed else None,
    )
    if issued is None or published is None or any(p.is_error for p in fields.problems):
        return None
    return Report(
        source=path, source_name=fields.name, folder=folder, slug=slug,
        issued=issued.date(), published=published, body=body, body_line=body_line,
        key_lines=tuple(fields.lines.items()), **values,
    )


def read_content(config: SiteConfig) -> tuple[list[Report], list[Problem]]:
    """Every report under content/, and every problem in any of them, in file order."""
    if not config.content_dir.is_dir():
        return [], [Problem(display_path(config.content_dir, config.root), None,
                            "the content folder does not exist; create it and add reports with `python build.py new`")]
    reports: list[Report] = []
    problems: list[Problem] = []
    for path in find_report_files(config.content_dir):
        report, found = read_report(path, config)
        problems.extend(found)
        if report:
            reports.append(report)
    return reports, problems
