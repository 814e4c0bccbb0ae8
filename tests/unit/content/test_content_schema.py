"""The one front-matter schema: every key has a label and a place in the written order, and the names
a report folder reserves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportsite.commands.new import HINTS
from reportsite.content.attachments import folder_files
from reportsite.content.fields import Fields
from reportsite.content.schema import FIELDS, KEY_ORDER, REQUIRED, STATUSES, YEARS, is_slug, issue_fits, pdf_name


def test_the_written_order_holds_every_key_once_in_the_order_editors_know() -> None:
    assert KEY_ORDER == ("title", "publisher", "index_no", "doc_no", "issued", "published", "year", "series",
                         "category", "keywords", "summary", "attachments", "status", "signer", "signed",
                         "metrics", "annual_report", "draft", "changes")
    assert sorted(KEY_ORDER) == sorted(FIELDS)


def test_every_key_has_a_chinese_label_and_new_has_a_comment_for_each() -> None:
    assert FIELDS["title"] == "标题" and FIELDS["index_no"] == "索引号" and FIELDS["changes"] == "修订记录"
    assert FIELDS["issued"] == "发文日期"  # the English rendering of the date label
    assert set(HINTS) == set(FIELDS)


def test_what_is_required_and_allowed() -> None:
    assert set(REQUIRED) <= set(FIELDS)
    assert REQUIRED == ("title", "publisher", "issued")
    assert STATUSES == ("有效", "废止")
    assert 1949 in YEARS and 1948 not in YEARS and 2999 in YEARS and 3000 not in YEARS


def test_a_slug_is_lower_case_words_joined_by_single_hyphens() -> None:
    assert is_slug("badou-key-work-2024")
    assert not is_slug("Badou") and not is_slug("badou--work") and not is_slug("-badou") and not is_slug("八陡")


def test_the_pdf_of_a_report_is_named_after_its_slug() -> None:
    assert pdf_name("badou-key-work") == "badou-key-work.pdf"


def test_a_report_folder_may_not_hold_a_file_named_like_its_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "2024" / "badou"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\n", encoding="utf-8")
    (folder / "badou.pdf").write_bytes(b"%PDF-1.4")
    (folder / "附件1.pdf").write_bytes(b"%PDF-1.4")
    fields = Fields("content/2024/badou/index.md", tmp_path, {}, {})
    assert folder_files(fields, folder, "badou", folder / "index.md") == ("附件1.pdf",)
    assert [(p.path, p.message.code) for p in fields.problems] == [
        ("content/2024/badou/badou.pdf", "content.pdf_name_taken")]


def test_a_report_is_issued_within_a_year_of_the_year_it_covers() -> None:
    assert issue_fits(dt.date(2023, 1, 1), 2024) and issue_fits(dt.date(2025, 12, 31), 2024)
    assert not issue_fits(dt.date(2022, 12, 31), 2024) and not issue_fits(dt.date(2026, 1, 1), 2024)
