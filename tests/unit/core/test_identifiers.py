"""The identifiers of a disclosure page: the 统一社会信用代码 check character of GB 32100-2015, the
组织机构代码 of GB 11714 inside it, and the 文号 form 机关代字〔YYYY〕N号.

The check characters below were worked out by hand from the weights in the project's reference notes
(3^(i-1) mod 31 over the 31-character set; 3,7,9,10,5,8,4,2 mod 11), not by the code under test:

11100000000013127D: values 1,1,1,0,0,0,0,0,0,0,0,0,1,3,1,2,7 by weights 1,3,9,…,10,30,28 give
1+3+9+8+72+10+60+196 = 359; 359 mod 31 = 18; 31-18 = 13, which is D.
1137030400421863XL: the sum is 1654; 1654 mod 31 = 11; 31-11 = 20, which is L.
000013127: 1·5+3·8+1·4+2·2 = 37; 37 mod 11 = 4; 11-4 = 7.
"""

from __future__ import annotations

import re

import pytest

from reportsite.core.i18n import english
from reportsite.core.identifiers import (DEFAULT_INDEX_NO_PATTERN, code_checksum_problem, credit_check_char,
                                         doc_no_problem, org_check_char)


@pytest.mark.parametrize(("first17", "check"), [("11100000000013127", "D"), ("1137030400421863X", "L")])
def test_the_credit_code_check_character_is_the_one_worked_out_by_hand(first17: str, check: str) -> None:
    assert credit_check_char(first17) == check


@pytest.mark.parametrize("code", ["11100000000013127D", "1137030400421863XL"])
def test_a_valid_credit_code_has_no_problem(code: str) -> None:
    assert code_checksum_problem(code) is None


def test_a_wrong_credit_check_character_says_which_one_was_expected() -> None:
    problem = code_checksum_problem("11100000000013127E")
    assert problem is not None and problem.code == "identifiers.credit_code_check_digit"
    assert english(problem) == ("统一社会信用代码 11100000000013127E fails its check digit (expected D at the end); "
                                "check the code")


@pytest.mark.parametrize(("first8", "check"), [
    ("00001312", "7"),  # 37 mod 11 = 4 → 7
    ("00001434", "9"),  # gov.cn's 000014349: 5+32+12+8 = 57, 57 mod 11 = 2 → 9
    ("00000006", "X"),  # 6·2 = 12, 12 mod 11 = 1 → 10, written X
    ("00000000", "0"),  # 0 mod 11 = 0 → 11, written 0
])
def test_the_organisation_code_check_character(first8: str, check: str) -> None:
    assert org_check_char(first8) == check


@pytest.mark.parametrize("code", ["000013127", "000014349", "00000006X", "000000000"])
def test_a_valid_organisation_code_has_no_problem(code: str) -> None:
    assert code_checksum_problem(code) is None


def test_a_wrong_organisation_check_character_says_which_one_was_expected() -> None:
    problem = code_checksum_problem("000014340")
    assert problem is not None and problem.code == "identifiers.org_code_check_digit"
    assert "(expected 9 at the end)" in english(problem)


@pytest.mark.parametrize("code", [
    "1137030400421863xl",   # lower case
    "1137030400421863XO",   # O is not in the character set (nor I, S, V, Z)
    "113703040042186",      # too short for either code
    "11370304-0042186XL",   # punctuation
])
def test_what_is_neither_code_is_called_malformed(code: str) -> None:
    problem = code_checksum_problem(code)
    assert problem is not None and problem.code == "identifiers.code_malformed"


@pytest.mark.parametrize("index_no", ["1137030400421863XL/2024-5432138", "000014349/2017-00110"])
def test_the_default_index_number_pattern_takes_both_code_forms(index_no: str) -> None:
    found = re.fullmatch(DEFAULT_INDEX_NO_PATTERN, index_no)
    assert found is not None
    assert (found["code"], found["year"], found["serial"]) == tuple(re.split(r"[/-]", index_no))


@pytest.mark.parametrize("doc_no", ["平政〔2024〕1号", "博政发〔2024〕3号", "平实管办〔2019〕112号"])
def test_a_document_number_of_the_official_form_is_accepted(doc_no: str) -> None:
    assert doc_no_problem(doc_no) is None


@pytest.mark.parametrize(("doc_no", "code"), [
    ("平政[2024]1号", "identifiers.doc_no_brackets"),
    ("平政（2024）1号", "identifiers.doc_no_brackets"),
    ("平政(2024)1号", "identifiers.doc_no_brackets"),
    ("平政【2024】1号", "identifiers.doc_no_brackets"),
    ("平政〔2024〕第1号", "identifiers.doc_no_di"),
    ("平政〔24〕1号", "identifiers.doc_no_form"),      # the year in full
    ("平政〔2024〕01号", "identifiers.doc_no_form"),   # no zero padding
    ("平政〔2024〕1", "identifiers.doc_no_form"),      # 号 closes it
    ("〔2024〕1号", "identifiers.doc_no_form"),        # no 机关代字
])
def test_common_mistakes_in_a_document_number_are_flagged(doc_no: str, code: str) -> None:
    problem = doc_no_problem(doc_no)
    assert problem is not None and problem.code == code


def test_the_advice_shows_the_document_number_on_one_line() -> None:
    problem = doc_no_problem("平政\n〔2024〕 第1号")
    assert problem is not None
    assert english(problem) == '文号 "平政 〔2024〕 第1号" should not contain 第, e.g. 博政发〔2024〕3号'
