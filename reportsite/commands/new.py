"""`python build.py new`: write a skeleton report that already passes the build, and print its path.

Editors start a report by copying last year's and forget to change half the
front matter; a skeleton with every field, a comment on each, the next free
索引号 and the official headings is a better start. The path goes to stdout
alone, so `git add "$(python build.py new --title …)"` works.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from ..config import Publisher, SiteConfig, load_config
from ..content import FIELDS, invisible_character_problem, read_content
from ..errors import BuildFailed, Problem, Severity, display_path
from ..slugs import readable_slug
from ..yamlread import yaml_scalar
from .common import config_argument, console, create_report_file, print_problems, year_argument


#: A comment for every front-matter key, after its Chinese label, in the order of content.FIELDS.
HINTS = (
    ("title", "报告的完整名称"),
    ("publisher", "config.yaml 中 publishers 的键，或机构全称"),
    ("index_no", "<机构代码>/<年份>-<流水号>，全站不可重复"),
    ("doc_no", "如 博政发〔2024〕3号；没有文号留空"),
    ("issued", "YYYY-MM-DD"),
    ("published", "不早于发文日期；可加时间，如 2024-01-15 09:30"),
    ("year", "报告所写的年度，须与文件夹一致"),
    ("series", "同一报告各年度共用的名称，用于历年对比"),
    ("category", "如 工作总结、信息公开年报、政府工作报告"),
    ("keywords", "如 [乡村振兴, 营商环境]"),
    ("summary", "一句话，用作页面描述；留空则取正文开头"),
    ("attachments", "仅限文件夹形式的报告，如 [{file: 附件1.xlsx, title: 附件1 重点项目表}]"),
    ("status", "有效 或 废止"),
    ("signer", "PDF 末尾的署名"),
    ("signed", "署名下的日期，默认同发文日期"),
    ("metrics", "如 [{key: industrial_output, label: 规上工业产值, value: 20.69, unit: 亿元}]"),
    ("draft", "true 则暂不发布，写完改为 false"),
)

BODY = """\
## 一、工作开展情况

### （一）……

**一是……。**写明做了什么、成效如何，尽量用数字说明。

**二是……。**……

## 二、存在的问题和不足

……

## 三、下一步工作打算

……
"""


class NewFailed(Exception):
    """A value the skeleton cannot be written without; carries the problem to print."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.problem = Problem("new", None, message)


@dataclass(frozen=True)
class Draft:
    """The values a new report starts with; everything else in the skeleton is empty or derived."""

    title: str
    publisher: Publisher
    index_no: str
    date: dt.date
    year: int
    series: str
    category: str


def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--title", default=None, metavar="TEXT", help="标题; asked for when missing on a terminal")
    command.add_argument("--publisher", default=None, metavar="KEY_OR_NAME",
                         help="发布机构: a key of config.yaml's publishers, or a full name; asked for when missing")
    command.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                         help="发文日期, 发布日期 and 成文日期 (default: today)")
    command.add_argument("--year", type=year_argument, default=None, metavar="YYYY",
                         help="报告年度 (default: the year before --date from January to March, when reports "
                              "on last year are written; otherwise the year of --date)")
    command.add_argument("--series", default="", metavar="TEXT", help="系列, e.g. 年度重点工作情况")
    command.add_argument("--category", default="", metavar="TEXT", help="信息分类, e.g. 工作总结")


def _date(text: str) -> dt.date:
    """Only YYYY-MM-DD, the form the front matter takes, so the skeleton never fails on its date."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f'"{text}" is not a real date written YYYY-MM-DD, e.g. 2024-01-15')


def run(args: argparse.Namespace) -> int:
    """Write the skeleton; exit 1 with one clear line when a value is missing or wrong."""
    try:
        config, _ = load_config(args.config)
        path, notes = write_report(config, _draft(config, args))
    except BuildFailed as failed:
        print_problems(failed.problems)
        return 1
    except NewFailed as failed:
        print_problems([failed.problem])
        return 1
    print_problems(notes)
    console(stderr=False).print(display_path(path, Path.cwd()), markup=False)
    return 0


def _draft(config: SiteConfig, args: argparse.Namespace) -> Draft:
    """Gather the values, asking on a terminal for what is required and missing."""
    keys = " / ".join(p.key for p in config.publishers)
    title = _required(args.title, "title", "标题 (title): ")
    if problem := invisible_character_problem(title, "标题 (--title)"):
        raise NewFailed(problem)
    prompt = f"发布机构 (publisher: {keys} or a full name): " if keys else "发布机构 (publisher): "
    publisher = _publisher(config, _required(args.publisher, "publisher", prompt))
    date = args.date or dt.date.today()
    year = args.year or default_year(date)
    if abs(date.year - year) > 1:
        raise NewFailed(f"报告年度 {year} does not fit the date {date:%Y-%m-%d} (a report is issued within a year "
                        "of the year it covers); pass --date or --year")
    reports, _ = read_content(config)
    index_no = next_index_no(config.index_no_pattern, publisher, [r.index_no for r in reports], date.year)
    return Draft(title, publisher, index_no, date, year, args.series.strip(), args.category.strip())


def _required(given: str | None, key: str, prompt: str) -> str:
    """A required value from its option, else from the editor at a terminal; a script gets the option's name."""
    value = (given or "").strip()
    if not value and given is None and sys.stdin.isatty():
        try:
            value = input(prompt).strip()
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            value = ""
    if not value:
        raise NewFailed(f'{FIELDS[key]} is missing: pass --{key} "…"')
    return value


def _publisher(config: SiteConfig, value: str) -> Publisher:
    """A configured publisher by key or name; a name not in the config is used as written, a key must exist."""
    publisher, typo = config.resolve_publisher(value)
    if typo:
        raise NewFailed(typo)
    return publisher


def default_year(date: dt.date) -> int:
    """Reports on a year are written in its first quarter of the next; later in the year, on the current one."""
    return date.year - 1 if date.month <= 3 else date.year


def next_index_no(pattern: str, publisher: Publisher, used: list[str], year: int) -> str:
    """<code>/<year>-<serial> after the publisher's highest serial that year, keeping its zero padding.

    Empty when the publisher has no code or the site's pattern has another form, since a made-up
    索引号 is worse than none: the editor fills it in.
    """
    if not publisher.code:
        return ""
    serials = []
    for value in used:
        match = re.fullmatch(pattern, value)
        groups = match.groupdict() if match else {}
        if groups.get("code") == publisher.code and groups.get("year") == str(year) and groups.get("serial"):
            serials.append(groups["serial"])
    width = max((len(s) for s in serials if len(s) > 1 and s.startswith("0")), default=0)
    serial = str(max((int(s) for s in serials), default=0) + 1).zfill(width)
    candidate = f"{publisher.code}/{year}-{serial}"
    return candidate if re.fullmatch(pattern, candidate) else ""


def skeleton(draft: Draft) -> str:
    """The report file: every front-matter key with a comment, then the official headings to fill in."""
    date = f"{draft.date:%Y-%m-%d}"
    values: dict[str, str] = {
        "title": yaml_scalar(draft.title), "publisher": yaml_scalar(draft.publisher.key or draft.publisher.name),
        "index_no": yaml_scalar(draft.index_no), "doc_no": '""', "issued": date, "published": date,
        "year": str(draft.year), "series": yaml_scalar(draft.series), "category": yaml_scalar(draft.category),
        "keywords": "[]", "summary": '""', "attachments": "[]", "status": "有效",
        "signer": yaml_scalar(draft.publisher.name), "signed": date, "metrics": "[]", "draft": "false",
    }
    lines = [f"{key}: {values[key]}" for key, _ in HINTS]
    column = max(cell_len(line) for line in lines) + 2
    commented = [f"{line}{' ' * (column - cell_len(line))}# {FIELDS[key]}，{hint}"
                 for line, (key, hint) in zip(lines, HINTS)]
    return "---\n" + "\n".join(commented) + "\n---\n\n" + BODY


def write_report(config: SiteConfig, draft: Draft) -> tuple[Path, list[Problem]]:
    """Write the skeleton under a free name; an existing report is never overwritten."""
    target = create_report_file(config.content_dir, draft.year, readable_slug(draft.title, fallback="report"),
                                skeleton(draft))
    return target, _notes(config, draft, target)


def _notes(config: SiteConfig, draft: Draft, target: Path) -> list[Problem]:
    """Say why 索引号 was left empty, on its line, so the editor knows to fill it in."""
    if draft.index_no:
        return []
    why = (f"{draft.publisher.name} has no `code:` in config.yaml's publishers" if not draft.publisher.code
           else "the site's index_no_pattern is not <code>/<year>-<serial>")
    line = 2 + [key for key, _ in HINTS].index("index_no")
    return [Problem(display_path(target, Path.cwd()), line, f"索引号 (index_no) was left empty because {why}; "
                                                         "fill it in before publishing", Severity.WARNING)]
