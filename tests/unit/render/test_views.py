"""What templates are handed: sizes as readers expect them, links that reach exactly the named file."""

from __future__ import annotations

import datetime as dt

import pytest

from reportsite.render.views import day_text, file_href, human_size, minute_text


@pytest.mark.parametrize("size, shown", [(812, "812 B"), (1023, "1023 B"), (35 * 1024, "35 KB"),
                                         (int(1.2 * 1024 * 1024), "1.2 MB")])
def test_sizes_read_as_bytes_kilobytes_or_megabytes(size: int, shown: str) -> None:
    assert human_size(size) == shown


@pytest.mark.parametrize("name, href", [
    ("附件1 预算表.xlsx", "附件1%20预算表.xlsx"),
    ("100%.pdf", "100%25.pdf"),
    ('a"b\'c.pdf', "a%22b%27c.pdf"),
    ("%2e%2e%2fsecret.pdf", "%252e%252e%252fsecret.pdf"),
    ("统计公报.pdf", "统计公报.pdf"),
])
def test_an_attachment_link_quotes_ascii_that_would_change_the_url_and_keeps_chinese(name: str, href: str) -> None:
    assert file_href(name) == href


def test_dates_are_written_as_pages_show_them() -> None:
    assert day_text(dt.date(2024, 1, 5)) == "2024-01-05"
    assert minute_text(dt.datetime(2024, 1, 5, 9, 3)) == "2024-01-05 09:03"
