"""tools.importer.digit_runs: the readings a flattened row's digits allow, and none they do not."""

from __future__ import annotations

import pytest

from reportsite.core.annualform import AMOUNT, CHANGE, COUNT
from reportsite.tools.importer.digit_runs import TooMany, readings

SEVEN = (COUNT,) * 7


def test_no_cell_has_a_leading_zero() -> None:
    found = readings("21710000218", SEVEN)
    assert ("217", "1", "0", "0", "0", "0", "218") in found
    assert all(cell == "0" or not cell.startswith("0") for reading in found for cell in reading)
    assert all("".join(reading) == "21710000218" for reading in found)


def test_a_space_the_crawler_left_is_a_boundary() -> None:
    assert readings("23 0 00 0 023", SEVEN) == [("23", "0", "0", "0", "0", "0", "23")]
    assert readings("0 1 1 0 2", (COUNT,) * 5) == [("0", "1", "1", "0", "2")]


def test_a_minus_sign_starts_a_change_and_only_a_change() -> None:
    found = readings("2648-18538", (COUNT, CHANGE, COUNT))
    assert found and all(r[0] == "2648" and r[1].startswith("-") for r in found)
    assert readings("35-15", (COUNT, COUNT)) == []


def test_only_money_has_decimals_and_they_stay_whole() -> None:
    found = readings("13575394432.52", (COUNT, AMOUNT))
    assert ("135", "75394432.52") in found
    assert all("." not in r[0] and r[1].endswith(".52") for r in found)


def test_too_few_digits_have_no_reading() -> None:
    assert readings("000", (COUNT,) * 4) == []


def test_keep_prunes_partial_readings() -> None:
    found = readings("21710000218", SEVEN, keep=lambda cells: cells[0] != "217")
    assert found and all(r[0] != "217" for r in found)


def test_a_run_that_could_be_anything_is_refused() -> None:
    with pytest.raises(TooMany):
        readings("1234567891234567891234", (COUNT,) * 8)
