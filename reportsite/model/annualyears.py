"""The sums of a 年报 that only the year before can check: what it carried over, and what was in force.

A report's 二、上年结转 must be what the same publisher's report for the year before carried over
(四、结转下年度继续办理), column by column; and no more 行政规范性文件 can be repealed in a year than were
in force at its start plus those issued in it. Like the sums within one report (content.annualsums),
a mismatch is a warning, or an error under `annual_report.strict`, and the numbers stay as published.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportsite.core.annualform import APPLICANTS
from reportsite.core.annualform import figure_text as number_text
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity
from reportsite.model.report import Report

#: 表二's row of 行政规范性文件 and its columns 本年制发件数, 本年废止件数, 现行有效件数 (2021's form only:
#: 2019's counts what was made and published, not what was repealed).
_RULES_ROW = "行政规范性文件"


def cross_year_problems(reports: Sequence[Report], strict: bool) -> list[Problem]:
    """Every mismatch between a 年报 and the same publisher's 年报 for the year before."""
    severity = Severity.ERROR if strict else Severity.WARNING
    by_year = {(r.publisher.name, r.year): r for r in sorted(reports, key=lambda r: r.source_name, reverse=True)
               if r.annual}
    found: list[Problem] = []
    for (publisher, year), report in sorted(by_year.items()):
        before = by_year.get((publisher, year - 1))
        if before:
            found += [Problem(report.source_name, line, message, severity)
                      for line, message in (*_carried(report, before), *_repealed(report, before))]
    return found


def _carried(report: Report, before: Report) -> Iterator[tuple[int | None, Message]]:
    """表三 二、上年结转, each column, against last year's 四、结转下年度继续办理."""
    assert report.annual and before.annual
    line = report.annual.line_of("表三", "上年结转")
    pairs = zip(APPLICANTS, report.annual.values("表三", "上年结转"), before.annual.values("表三", "结转下年度"))
    for column, carried, promised in pairs:
        if carried != promised:
            yield line, msg("annual.carry_mismatch", "表三 二、上年结转 {column}: {carried} is written, but {file} "
                                                     "(the {year} 年报) carried {promised} over "
                                                     "(四、结转下年度继续办理; off by {diff}); check both reports",
                            column=column.label, carried=number_text(carried), promised=number_text(promised),
                            file=before.source_name, year=before.year, diff=number_text(abs(carried - promised)))


def _repealed(report: Report, before: Report) -> Iterator[tuple[int | None, Message]]:
    """表二: no more 行政规范性文件 repealed than last year's 现行有效件数 plus this year's 本年制发件数."""
    assert report.annual and before.annual
    if report.annual.template != "2021" or before.annual.template != "2021":
        return
    issued, repealed = (report.annual.cell("表二", _RULES_ROW, column) for column in ("本年制发件数", "本年废止件数"))
    in_force = before.annual.cell("表二", _RULES_ROW, "现行有效件数")
    if repealed > in_force + issued:
        yield report.annual.line_of("表二", _RULES_ROW), msg(
            "annual.repealed_too_many", "表二 行政规范性文件: {repealed} 本年废止件数 is more than could be repealed: "
                                        "{file} (the {year} 年报) had {in_force} 现行有效件数 and {issued} were issued "
                                        "this year, so at most {most}; check these numbers",
            repealed=number_text(repealed), file=before.source_name, year=before.year,
            in_force=number_text(in_force), issued=number_text(issued), most=number_text(in_force + issued))
