"""Checks for the identifiers on a disclosure page: 统一社会信用代码, 组织机构代码, 索引号 and 文号.

The rules come from GB 32100-2015, GB 11714 and the 公文 conventions summarised
in the project's reference notes. Early pilot credit codes fail their checksum
but are legal, so a failed check digit is something to warn about, never reject.
"""

from __future__ import annotations

import re

from reportsite.core.i18n import Message, msg

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

CREDIT_CODE_RE = r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-Z]{9}[0-9A-HJ-NPQRTUWXY]"
ORG_CODE_RE = r"[0-9A-Z]{8}[0-9X]"
#: The common 索引号 form: organisation code, slash, year, dash, serial.
DEFAULT_INDEX_NO_PATTERN = rf"(?P<code>{CREDIT_CODE_RE}|{ORG_CODE_RE})/(?P<year>[0-9]{{4}})-(?P<serial>[0-9]+)"

_DOC_NO_RE = re.compile(r"^\S+〔(?P<year>[0-9]{4})〕(?P<n>[1-9][0-9]*)号$")
_WRONG_BRACKETS = re.compile(r"[\[\]【】（）()〈〉<>﹝﹞［］「」]")


def credit_check_char(code17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 are given."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(code17, _CREDIT_WEIGHTS))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_check_char(code8: str) -> str:
    """The 9th character of a 组织机构代码 whose first 8 are given."""
    total = sum(int(c, 36) * w for c, w in zip(code8, _ORG_WEIGHTS))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def code_checksum_problem(code: str) -> Message | None:
    """Why an organisation code's check character is wrong, or None when it is right."""
    if len(code) == 18 and all(c in CREDIT_CHARSET for c in code):
        want = credit_check_char(code[:17])
        if code[17] != want:
            return msg("identifiers.credit_code_check_digit", "统一社会信用代码 {value} fails its check digit "
                                                              "(expected {want} at the end); check the code",
                       value=code, want=want)
        return None
    if not re.fullmatch(f"{CREDIT_CODE_RE}|{ORG_CODE_RE}", code):
        return msg("identifiers.code_malformed", "{value} is neither an 18-character 统一社会信用代码 nor a 9-character "
                                                 "组织机构代码 (upper-case letters and digits only); check the code",
                   value=code)
    if re.fullmatch(ORG_CODE_RE, code):
        want = org_check_char(code[:8])
        if code[8] != want:
            return msg("identifiers.org_code_check_digit", "组织机构代码 {value} fails its check digit "
                                                           "(expected {want} at the end); check the code",
                       value=code, want=want)
    return None


def doc_no_problem(doc_no: str) -> Message | None:
    """Advice when a 文号 is not of the form 机关代字〔YYYY〕N号; the 文号 is shown on one line."""
    if _DOC_NO_RE.match(doc_no):
        return None
    shown = " ".join(doc_no.split())
    if _WRONG_BRACKETS.search(doc_no):
        return msg("identifiers.doc_no_brackets", '文号 "{doc_no}" should put the year in six-corner brackets 〔 〕 '
                                                  "(U+3014/U+3015), e.g. 博政发〔2024〕3号", doc_no=shown)
    if "第" in doc_no:
        return msg("identifiers.doc_no_di", '文号 "{doc_no}" should not contain 第, e.g. 博政发〔2024〕3号', doc_no=shown)
    return msg("identifiers.doc_no_form", '文号 "{doc_no}" is not of the form 机关代字〔YYYY〕N号, e.g. 博政发〔2024〕3号',
               doc_no=shown)
