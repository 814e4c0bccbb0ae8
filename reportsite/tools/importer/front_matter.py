"""The front matter of an imported report, from what its page says and what the command adds.

Nothing is taken on faith: the front matter written here passes the build's own
checks (real dates, a report year that fits the dates, allowed keys), and where
the page gave something the build would refuse, the value is left out or moved
and the editor is told.
"""

from __future__ import annotations

import json
import re

from reportsite.content.schema import FIELDS, STATUSES, YEARS
from reportsite.core.annualform import CATEGORY, SERIES
from reportsite.core.dates import ISO_RE, find_date
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.yamlread import yaml_scalar
from reportsite.tools.importer.labels import clean
from reportsite.tools.importer.options import ImportOptions
from reportsite.tools.importer.page import Page, left_out, listed, review_note
from reportsite.tools.importer.titles import compact, page_title_part, title_reason

#: Front-matter keys in the order content.FIELDS gives them; metrics are not read from old pages.
KEYS = tuple(key for key in FIELDS if key != "metrics")
_CATEGORY_RULES = (
    (re.compile(r"(?:政府|政务)?信息公开工作年度报告|信息公开年报"), CATEGORY),
    (re.compile(r"政府工作报告"), "政府工作报告"),
    (re.compile(r"工作总结|重点工作情况"), "工作总结"),
)


def normalise_date(text: str) -> str:
    """YYYY-MM-DD (or YYYY-MM-DD HH:MM) from the ways pages write dates; "" if it is no real date."""
    return find_date(text)


def title_year(title: str) -> int | None:
    """The report year a title names: 2023年度, （2021）, or a plain 2023年."""
    for pattern in (r"(\d{4})\s*年度", r"[（(]\s*(\d{4})\s*[）)]", r"(\d{4})\s*年"):
        if (match := re.search(pattern, title)) and int(match.group(1)) in YEARS:
            return int(match.group(1))
    return None


def infer_category(title: str) -> str:
    """The category a report's title names (信息公开年报 …), or ""."""
    return next((category for pattern, category in _CATEGORY_RULES if pattern.search(title)), "")


def front_matter(name: str, page: Page, options: ImportOptions) -> tuple[dict[str, object], tuple[Problem, ...]]:
    """The front matter for a page, or Problems when a required field is nowhere to be found."""
    warnings: list[Problem] = []
    title = _title(name, page, options, warnings)
    publisher = page.get("publisher") or options.publisher
    if not publisher:
        raise _failed(name, msg("import.no_publisher", "no publisher found (the page names no "
                                                       "发布机构; pass --publisher NAME)"))
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
    if category == CATEGORY:  # a 年报's series page compares the years, as `new` files it
        front["series"] = SERIES
    if keywords := [k for k in re.split(r"[,，;；、\s]+", page.get("keywords")) if k]:
        front["keywords"] = keywords
    if page.get("status") in STATUSES:
        front["status"] = page.get("status")
    if page.get("summary"):
        front["summary"] = page.get("summary")
    return front, tuple(warnings)


def _failed(name: str, message: Message) -> Problems:
    """A page that cannot become a report: the one problem to show."""
    return Problems([Problem(name, None, message)])


def _title(name: str, page: Page, options: ImportOptions, warnings: list[Problem]) -> str:
    """--title, else the labelled title, else the page's <title>, else the line the page seems to
    use as its title; a note says which was taken and why, unless the editor or a label named it."""
    guess = page.title_guess
    from_page = page_title_part(clean(page.get("page_title")))
    if from_page and guess is not None and title_reason(from_page) is None:
        from_page = ""  # a <title> that holds only the site's name, where the page shows a title
    if options.title or page.get("title"):
        title = clean(options.title or page.get("title"))
    elif from_page:
        title = from_page
        warnings.append(review_note(name, msg("import.title_from_html_title",
                                              'the page labels no title; took "{title}" from its <title>, check it',
                                              title=title)))
    elif guess is not None:
        title = guess.text
        warnings.append(review_note(name, _guessed(guess.text, guess.reason), guess.line))
    else:
        raise _failed(name, msg("import.no_title", 'no title found (add a line "标题: …" at the '
                                                   "top of the page, or pass --title TEXT)"))
    if guess is not None and guess.dropped and compact(guess.text) != compact(title):
        warnings.append(left_out(name, guess.text, guess.line, below=False))
    return title


def _guessed(title: str, reason: Message | None) -> Message:
    """Why a line was taken for the title: printed twice, or read as a title (with what it names)."""
    if reason is None:
        return msg("import.title_printed_twice", 'the page labels no title; took "{title}", which it prints twice '
                                                 "(above the metadata and above the body), check it", title=title)
    return msg("import.title_looks_like_one", 'the page labels no title; took "{title}", the first line above '
                                              "the body that reads as a title ({reason}), check it",
               title=title, reason=reason)


def _dates(name: str, page: Page, warnings: list[Problem]) -> tuple[str, str]:
    """(issued, published). A page with only a 发布日期 was issued that day as far as we know."""
    issued = normalise_date(page.get("issued"))[:10]  # a 发文日期 is a day; only 发布日期 takes a time
    published = normalise_date(page.get("published"))
    bad = [msg("import.date_not_real", '{label} "{value}" is not a real date', label=label, value=page.get(key))
           for key, value, label in (("issued", issued, "发文日期"), ("published", published, "发布日期"))
           if page.get(key) and not value]
    warnings.extend(review_note(name, msg("import.date_ignored", "{problem}; ignored it", problem=text))
                    for text in bad)
    if not issued and published:
        issued = published[:10]
        warnings.append(review_note(name, msg("import.issued_from_published",
                                              "the page gives no 发文日期; used its 发布日期 {date}", date=issued)))
    if not issued:
        raise _failed(name, _no_date(bad))
    if published and published[:10] < issued:
        warnings.append(review_note(name, msg("import.published_before_issued",
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
                                      '"发布日期: YYYY-MM-DD" to the page)', problems=listed(bad))


def _report_year(name: str, title: str, issued: str, options: ImportOptions, warnings: list[Problem]) -> int:
    """--year, else the year the title names, else the year issued; moved to one that fits the
    date issued (within a year) when it does not, since the build rejects a misfit."""
    issued_year = int(issued[:4])
    named = title_year(title)
    year = options.year or named or issued_year
    if abs(issued_year - year) <= 1:
        return year
    fitting = named if named and abs(issued_year - named) <= 1 else issued_year
    warnings.append(review_note(name, msg("import.year_does_not_fit_issued",
                                          "report year {year} does not fit 发文日期 {issued}; used {fitting} instead",
                                          year=year, issued=issued, fitting=fitting)))
    return fitting


def front_matter_text(front: dict[str, object], tail: str = "") -> str:
    """YAML front matter in the key order editors know; dates unquoted, 文号 always quoted; `tail`
    (a block of YAML already written, such as `annual_report:`) goes last."""
    lines = ["---"]
    for key in KEYS:
        if key not in front:
            continue
        value = front[key]
        if key == "doc_no":
            lines.append(f"{key}: {json.dumps(str(value), ensure_ascii=False)}")
        elif isinstance(value, int) or (isinstance(value, str) and ISO_RE.match(value)):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    return "\n".join(lines) + "\n" + tail + "---\n"
