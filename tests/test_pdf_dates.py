"""PDF dates say the instant the report was published: Beijing time with its offset, not a `Z`."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from conftest import GOOD_REPORT, SiteDir


def test_mod_date_and_xmp_carry_the_beijing_offset(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work.md", GOOD_REPORT.replace("published: 2024-01-15", "published: 2024-01-16 09:30"))
    assert site.build("--no-search").code == 0
    reader = PdfReader(site.output / "2023/badou-key-work/badou-key-work.pdf")
    assert reader.metadata["/ModDate"] == "D:20240116093000+08'00"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.xmp_modify_date.isoformat() == "2024-01-16T01:30:00"  # pypdf gives the instant in UTC


def test_creation_date_is_the_issued_day_in_beijing_and_info_agrees_with_xmp(site: SiteDir) -> None:
    site.write("content/2023/badou-key-work.md", GOOD_REPORT.replace("published: 2024-01-15", "published: 2024-01-16 09:30"))
    assert site.build("--no-search").code == 0
    reader = PdfReader(site.output / "2023/badou-key-work/badou-key-work.pdf")
    assert reader.metadata["/CreationDate"] == "D:20240115000000+08'00"  # 发文日期 2024-01-15, midnight in Beijing
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.xmp_create_date.isoformat() == "2024-01-14T16:00:00"  # the same instant in UTC
    utc = dt.timezone.utc
    assert reader.metadata.creation_date.astimezone(utc).replace(tzinfo=None) == xmp.xmp_create_date
    assert reader.metadata.modification_date.astimezone(utc).replace(tzinfo=None) == xmp.xmp_modify_date
    assert reader.metadata.creation_date < reader.metadata.modification_date
