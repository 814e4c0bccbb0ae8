"""config.yaml's 年报 deadline keys read through the schema: a publisher's `level` and `annual_deadline`,
the site's `annual_report.deadline`, their defaults, and what a wrong one is told, on its line."""

from __future__ import annotations

from pathlib import Path

from reportsite.core.problems import Severity
from test_config_schema import read

SMALLEST = "site:\n  name: 测试镇人民政府\n  base_url: https://www.example.gov.cn/town\npublishers:\n  badou:\n" \
           "    name: 八陡镇\n"  # the publisher's own keys follow on line 7


def test_without_the_keys_a_publisher_is_a_department_and_no_deadline_is_set(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST)
    assert problems == []
    assert (config.publishers[0].level, config.publishers[0].annual_deadline) == ("department", None)
    assert (config.annual_report.strict, config.annual_report.deadline) == (False, None)
    assert config.annual_report.deadline_of(config.publishers[0]) == (1, 31)


def test_the_keys_are_read_as_month_and_day(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST + '    level: county\n    annual_deadline: "3-15"\n'
                                                 'annual_report:\n  deadline: "01-31"\n')
    assert problems == []
    assert (config.publishers[0].level, config.publishers[0].annual_deadline) == ("county", (3, 15))
    assert config.annual_report.deadline == (1, 31)
    assert config.annual_report.deadline_of(config.publishers[0]) == (3, 15)


def test_a_full_date_is_not_a_deadline_and_the_default_is_kept(tmp_path: Path) -> None:
    config, problems = read(tmp_path, SMALLEST + "annual_report:\n  deadline: 2025-03-31\n")
    assert problems == [(8, '`annual_report.deadline` "2025-03-31" is not a deadline: write the month and day in the '
                            'year after the report year as "MM-DD" in quotes, e.g. "03-31" for 31 March (a day every '
                            "year has, so not 02-29)", Severity.ERROR)]
    assert config.annual_report.deadline is None


def test_a_mistyped_key_names_the_one_meant(tmp_path: Path) -> None:
    _, problems = read(tmp_path, SMALLEST + '    levle: county\nannual_report:\n  deadlne: "01-31"\n')
    assert problems == [(7, "unknown key `publishers.badou.levle` (did you mean `level`?)", Severity.ERROR),
                        (9, "unknown key `annual_report.deadlne` (did you mean `deadline`?)", Severity.ERROR)]
