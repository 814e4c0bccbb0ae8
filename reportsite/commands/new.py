"""`python build.py new`: write a skeleton report that already passes the build, and print its path.

Editors start a report by copying last year's and forget to change half the
front matter; a skeleton with every field, a comment on each, the next free
索引号 and the official headings is a better start. The path goes to stdout
alone, so `git add "$(python build.py new --title …)"` works.

The report year comes from the title when it names one (八陡镇2024年度… is on
2024 whenever it is written), and a title already published for that year is
refused: running `new` twice must not leave a second skeleton to publish by
mistake. "Today" is a parameter of every rule that depends on it, so tests
never depend on the day they run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from reportsite.config.model import Publisher, SiteConfig
from reportsite.config.load import read_config
from reportsite.content.characters import invisible_character_problem
from reportsite.content.entry import Entry
from reportsite.content.read import read_content
from reportsite.content.schema import FIELDS, KEY_ORDER, YEARS, issue_fits
from reportsite.core.dates import CHINESE_DIGITS, iso_day
from reportsite.core.i18n import Message, english, msg
from reportsite.core.problems import Problem, Problems, Severity, display_path, has_errors
from reportsite.core.slugs import readable_slug
from reportsite.core.annualform import CATEGORY, FORMS, SERIES, annual_template
from reportsite.core.annualyaml import annual_yaml
from reportsite.core.yamlread import yaml_scalar
from reportsite.commands.common import (Render, config_argument, console, create_report_file, in_language, print_problems,
                     year_argument)


#: A comment for every front-matter key, after its Chinese label; the skeleton writes the keys in
#: content.schema's KEY_ORDER.
HINTS: dict[str, str] = dict((
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
    ("annual_report", "仅限政府信息公开工作年度报告：表二、表三、表四的数字，按国家格式填写"),
    ("draft", "true 则暂不发布，写完改为 false"),
    ("changes", "公开的修订说明，如 [{date: 2024-02-02, note: 更正第三部分数据}]"),
))

#: The body of a 政府信息公开工作年度报告: the national form's six sections; the build puts tables 2–4,
#: drawn from `annual_report:`, after the headings of sections 二 to 四.
ANNUAL_BODY = """\
本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{document}）编制。本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。

## 一、总体情况

……

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在的主要问题及改进情况

……

## 六、其他需要报告的事项

……
"""

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


#: A year the title names: four digits, Arabic, full-width or Chinese (二〇二四), followed by 年.
_YEAR_DIGIT = "[0-9〇零一二三四五六七八九]"
_TITLE_YEAR_RE = re.compile(rf"(?<!{_YEAR_DIGIT})({_YEAR_DIGIT}{{4}})\s*年")


def _refused(message: Message | str, where: str = "new", line: int | None = None) -> Problems:
    """A value the skeleton cannot be written without, as the one problem to print: on the file it
    is about when there is one (an existing report), else on `new`."""
    return Problems([Problem(where, line, message)])


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
    command.add_argument("--title", default=None, metavar="TEXT",
                         help=msg("new.help_title", "标题; asked for when missing on a terminal"))
    command.add_argument("--publisher", default=None, metavar="KEY_OR_NAME", help=msg(
        "new.help_publisher", "发布机构: a key of config.yaml's publishers, or a full name; asked for when missing"))
    command.add_argument("--date", type=in_language(command, date_argument), default=None, metavar="YYYY-MM-DD",
                         help=msg("new.help_date", "发文日期, 发布日期 and 成文日期 (default: today, when it is "
                                                   "within a year of 报告年度; otherwise asked for on a terminal)"))
    command.add_argument("--year", type=in_language(command, year_argument), default=None, metavar="YYYY", help=msg(
        "new.help_year", "报告年度 (default: the year the title names, as in 2024年度; else the year before "
                         "--date from January to March, when reports on last year are written; otherwise "
                         "the year of --date)"))
    command.add_argument("--force", action="store_true", help=msg(
        "new.help_force", "write the report even when one with the same title exists for that year "
                          "(as <slug>-2.md)"))
    command.add_argument("--series", default="", metavar="TEXT", help=msg("new.help_series", "系列, e.g. 年度重点工作情况"))
    command.add_argument("--category", default="", metavar="TEXT", help=msg("new.help_category", "信息分类, e.g. 工作总结"))


def real_date(text: str) -> dt.date | None:
    """Only YYYY-MM-DD, the form the front matter takes, so the skeleton never fails on its date."""
    return iso_day(text) if text == text.strip() else None


def _not_a_date(text: str) -> Message:
    return msg("new.date_not_real", '"{value}" is not a real date written YYYY-MM-DD, e.g. 2024-01-15', value=text)


def date_argument(text: str, render: Render = english) -> dt.date:
    """argparse type for --date (as `in_language(command, date_argument)`, so it refuses in the editor's language)."""
    if (date := real_date(text)) is None:
        raise argparse.ArgumentTypeError(render(_not_a_date(text)))
    return date


def run(args: argparse.Namespace, today: dt.date | None = None) -> int:
    """Write the skeleton; exit 1 with one clear line when a value is missing or wrong.

    `today` defaults to the clock; tests pass it, since the year and date rules depend on it."""
    render: Render = args.tr
    config, problems = read_config(args.config)
    if config is None or has_errors(problems):
        print_problems(problems, render)
        return 1
    try:
        path, notes = write_report(config, _draft(config, args, today or dt.date.today(), render))
    except Problems as failed:
        print_problems(failed.problems, render)
        return 1
    print_problems(notes, render)
    console(stderr=False).print(display_path(path, Path.cwd()), markup=False)
    return 0


def _draft(config: SiteConfig, args: argparse.Namespace, today: dt.date, render: Render) -> Draft:
    """Gather the values, asking on a terminal (in the editor's language) for what is required and missing.

    A duplicate title is refused before the publisher or the date is asked for, so the editor
    answers nothing only to be refused."""
    title = _required(args.title, "title", msg("new.ask_title", "标题 (title): "), render)
    if problem := invisible_character_problem(title, msg("new.title_option", "标题 (--title)")):
        raise _refused(problem)
    year = report_year(title, args.year, args.date, today)
    reports, _ = read_content(config)
    if not args.force:
        _refuse_duplicate(reports, title, year)
    keys = " / ".join(p.key for p in config.publishers)
    prompt = (msg("new.ask_publisher_keys", "发布机构 (publisher: {keys} or a full name): ", keys=keys) if keys
              else msg("new.ask_publisher", "发布机构 (publisher): "))
    publisher = _publisher(config, _required(args.publisher, "publisher", prompt, render))
    date = issued_date(year, args.date, today, render)
    index_no = next_index_no(config.index_no_pattern, publisher, [r.index_no for r in reports], date.year)
    category = args.category.strip()
    series = args.series.strip() or (SERIES if category == CATEGORY else "")
    return Draft(title, publisher, index_no, date, year, series, category)


def _ask(given: str | None, prompt: Message, render: Render) -> str:
    """A value from its option, else from the editor at a terminal; empty for a script, or at Ctrl+D."""
    value = (given or "").strip()
    if not value and given is None and sys.stdin.isatty():
        try:
            value = input(render(prompt)).strip()
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            value = ""
    return value


def _required(given: str | None, key: str, prompt: Message, render: Render) -> str:
    """A required value from its option or the terminal; a script is told the option's name."""
    value = _ask(given, prompt, render)
    if not value:
        raise _refused(msg("new.value_missing", '{label} is missing: pass --{key} "…"', label=FIELDS[key], key=key))
    return value


def title_years(title: str) -> tuple[int, ...]:
    """The years a title names (2024年, ２０２４年度, 二〇二四年), first first, each once.

    Only digits followed by 年 count, so a 文号 such as 〔2024〕3号 in a title is not a year."""
    text = unicodedata.normalize("NFKC", title)
    years = (int(m.group(1).translate(CHINESE_DIGITS)) for m in _TITLE_YEAR_RE.finditer(text))
    return tuple(dict.fromkeys(y for y in years if y in YEARS))


def report_year(title: str, given: int | None, date: dt.date | None, today: dt.date) -> int:
    """--year, else the first year the title names, else a guess from the date.

    A title naming its year is right whenever the report is written; --year that disagrees
    with it is refused, since a report filed under the wrong year is published on the wrong page."""
    named = title_years(title)
    if given is not None and named and given not in named:
        raise _refused(msg("new.year_disagrees_with_title",
                            '--year {given} disagrees with the title "{title}", which names {names}; '
                            "pass --year {named} (or leave --year out), or correct the title",
                            given=given, title=title, names=_years_listed(named), named=named[0]))
    if given is not None:
        return given
    return named[0] if named else default_year(date or today)


def _years_listed(years: tuple[int, ...]) -> Message | int:
    """The years a title names, as a message lists them (2024, or 2023 and 2024)."""
    if len(years) == 1:
        return years[0]
    return msg("new.years_and", "{first} and {rest}", first=years[0], rest=_years_listed(years[1:]))


def issued_date(year: int, given: dt.date | None, today: dt.date, render: Render) -> dt.date:
    """--date, else today when it fits the year, else the editor's answer at a terminal.

    A script (stdin not a terminal) is told which --date to pass; nothing is guessed, because
    a made-up 发文日期 would be published as the real one."""
    date = given or (today if issue_fits(today, year) else _asked_date(year, today, render))
    if not issue_fits(date, year):
        raise _refused(msg("new.year_does_not_fit_date",
                            "报告年度 {year} does not fit the date {date} (a report is issued within a year "
                            "of the year it covers, {first}–{last}); pass a --date in those years, or check "
                            "the year (--year, or the year the title names)",
                            year=year, date=date.isoformat(), first=year - 1, last=year + 1))
    return date


def _asked_date(year: int, today: dt.date, render: Render) -> dt.date:
    """The editor's 发文日期 at a terminal; a script, or an empty answer, is told the exact option to pass."""
    answer = _ask(None, msg("new.ask_issued", "发文日期 (issued, YYYY-MM-DD, {first}–{last}): ",
                            first=year - 1, last=year + 1), render)
    if not answer:
        raise _refused(msg("new.today_does_not_fit_year",
                            "today, {today}, does not fit 报告年度 {year} (a report is issued within a year "
                            "of the year it covers, {first}–{last}); pass the date it was issued as "
                            "--date YYYY-MM-DD, e.g. --date {next}-01-15",
                            today=today.isoformat(), year=year, first=year - 1, last=year + 1, next=year + 1))
    if (date := real_date(answer)) is None:
        raise _refused(msg("new.answer_not_a_date", "{problem}; pass --date YYYY-MM-DD", problem=_not_a_date(answer)))
    return date


def _title_key(title: str) -> str:
    """Titles compared as a reader sees them: spaces, full-width forms and case do not make a new title."""
    return "".join(unicodedata.normalize("NFKC", title).casefold().split())


def _refuse_duplicate(reports: list[Entry], title: str, year: int) -> None:
    """Running `new` twice must not leave two skeletons of one report; the first is named, to edit instead."""
    wanted = _title_key(title)
    for report in reports:
        if report.year == year and _title_key(report.title) == wanted:
            raise _refused(msg("new.title_exists", 'a report titled "{title}" already exists for 报告年度 {year}; '
                                                    "edit this file, or pass --force to write another one beside it",
                                title=report.title, year=year),
                            display_path(report.source, Path.cwd()), dict(report.key_lines).get("title"))


def _publisher(config: SiteConfig, value: str) -> Publisher:
    """A configured publisher by key or name; a name not in the config is used as written, a key must exist."""
    publisher, typo = config.resolve_publisher(value)
    if typo:
        raise _refused(typo)
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
        "changes": "[]",
    }
    keys = [key for key in KEY_ORDER if key != "annual_report"]
    lines = [f"{key}: {values[key]}" for key in keys]
    column = max(cell_len(line) for line in lines) + 2
    commented = [f"{line}{' ' * (column - cell_len(line))}# {FIELDS[key]}，{HINTS[key]}"
                 for line, key in zip(lines, keys)]
    if draft.category != CATEGORY:
        return "---\n" + "\n".join(commented) + "\n---\n\n" + BODY
    template = annual_template(draft.year)
    tables = f"# {FIELDS['annual_report']}，{HINTS['annual_report']}\n" + annual_yaml(template)
    body = ANNUAL_BODY.format(document=FORMS[template].document, year=draft.year)
    return "---\n" + "\n".join(commented) + "\n" + tables + "---\n\n" + body


def write_report(config: SiteConfig, draft: Draft) -> tuple[Path, list[Problem]]:
    """Write the skeleton under a free name; an existing report is never overwritten."""
    target = create_report_file(config.content_dir, draft.year, readable_slug(draft.title, fallback="report"),
                                skeleton(draft))
    return target, _notes(config, draft, target)


def _notes(config: SiteConfig, draft: Draft, target: Path) -> list[Problem]:
    """Say why 索引号 was left empty, on its line, so the editor knows to fill it in."""
    if draft.index_no:
        return []
    why = (msg("new.publisher_has_no_code", "{publisher} has no `code:` in config.yaml's publishers",
               publisher=draft.publisher.name) if not draft.publisher.code
           else msg("new.pattern_not_code_year_serial", "the site's index_no_pattern is not <code>/<year>-<serial>"))
    line = 2 + KEY_ORDER.index("index_no")
    note = msg("new.index_no_left_empty", "索引号 (index_no) was left empty because {why}; fill it in before publishing",
               why=why)
    return [Problem(display_path(target, Path.cwd()), line, note, Severity.WARNING)]
