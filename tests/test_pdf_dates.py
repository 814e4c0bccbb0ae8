"""PDF dates say the instant the report was published: Beijing time with its offset, not a `Z`."""

from __future__ import annotations

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
