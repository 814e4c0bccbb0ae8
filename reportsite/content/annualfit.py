"""Whether a 年报's tables fit the report they sit in: its category, its year's form, and its body.

Each is a mistake the numbers themselves cannot show: tables copied into a report that is not a
年报, last decade's form used for this year's report, or a body without the section heading a table
is drawn after. All are warnings: the tables still render, at the end of the body if need be.
"""

from __future__ import annotations

import re

from reportsite.content.entry import AnnualTables
from reportsite.content.fields import Fields
from reportsite.core.annualform import CATEGORY, FORMS, annual_template
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Severity

KEY = "annual_report"


def fit_problems(fields: Fields, tables: AnnualTables, year: int, category: str, body: str,
                 body_line: int) -> None:
    """Warn where the tables and the report they are in do not belong together."""
    if category != CATEGORY:
        fields.error(KEY, msg("annual.not_nianbao", "年报表格 (`annual_report`) is for 政府信息公开工作年度报告; set "
                                                    "`category: {category}`, or remove `annual_report`",
                              category=CATEGORY), Severity.WARNING)
    expected = annual_template(year)
    if tables.template != expected:
        fields.error(KEY, msg("annual.template_for_year", "a report on {year} follows the {expected} form ({document}),"
                                                          " not {template}'s; write `template: {expected}` unless "
                                                          "the published report used the other form",
                              year=year, expected=expected, document=FORMS[expected].document,
                              template=tables.template), Severity.WARNING)
    for table in FORMS[tables.template].tables:
        if not re.search(rf"^\s*(?:#+\s*)?{table.section}、", body, re.MULTILINE):
            fields.problems.append(Problem(fields.name, body_line, msg(
                "annual.section_missing", "the body has no heading {section}、{caption}, after which {table} is "
                                          "drawn, so it goes at the end; add the heading `## {section}、{caption}`",
                section=table.section, caption=table.caption, table=table.key), Severity.WARNING))
