"""Pages saved from government CMSs → reportsite content files (Markdown + YAML front matter).

Editors have years of reports only as pages saved from the old site: text dumps
where the metadata, the page chrome and the prose run together, and HTML pages
whose tables were pasted from Word. This package turns one such page into the
text of one content file. It is pure: bytes in, text and warnings out (or
Problems when the page cannot become a report); the `import` command does the
reading and writing.

Two promises shape it. Nothing of the body is lost: every letter and digit of
the source text reaches the page, so where a guess could drop or mangle text
(where does a run-in heading end?) it keeps the text together and warns.
Nothing is taken on faith: the front matter it writes passes the build's own
checks (real dates, a report year that fits the dates, allowed keys).
"""

from __future__ import annotations

from typing import cast

from reportsite.core.annualform import CATEGORY as ANNUAL_CATEGORY
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.slugs import readable_slug
from reportsite.tools.importer.chrome import Furniture
from reportsite.tools.importer.body import body_markdown, escape_text
from reportsite.tools.importer.decode import decode, looks_like_html
from reportsite.tools.importer.annual import import_tables
from reportsite.tools.importer.front_matter import front_matter, front_matter_text, normalise_date, title_year
from reportsite.tools.importer.html_page import read_html_page
from reportsite.tools.importer.labels import parse_labels
from reportsite.tools.importer.options import Converted, ImportOptions
from reportsite.tools.importer.page import Block, Page
from reportsite.tools.importer.tables import table_html
from reportsite.tools.importer.text_page import read_text_page
from reportsite.tools.importer.text_tables import with_text_tables


def convert(name: str, raw: bytes, options: ImportOptions, furniture: Furniture | None = None) -> Converted:
    """One saved page → one content file's text, its year folder and slug, and warnings; Problems
    (one problem, naming the file) when the page cannot become a report. `furniture` is the list a
    run of many pages reads once; without it the shipped list is read for this page."""
    text = decode(name, raw)
    html = looks_like_html(name, text)
    page = read_html_page(name, text, furniture) if html else read_text_page(name, text, furniture)
    page = with_text_tables(name, page, text, html)
    front, warnings = front_matter(name, page, options)
    if not page.blocks:
        raise Problems([Problem(name, None, msg("import.no_body", "no body text found after the metadata"))])
    blocks, data = page.blocks, ""
    if front.get("category") == ANNUAL_CATEGORY:
        tables = import_tables(name, page.blocks, cast(int, front["year"]))
        blocks, data, warnings = tables.blocks, tables.data, warnings + tables.warnings
    text = front_matter_text(front, data) + "\n" + body_markdown(blocks)
    slug = readable_slug(str(front["title"]), fallback="report")
    return Converted(cast(int, front["year"]), slug, text, page.warnings + warnings)


__all__ = ["Block", "Converted", "ImportOptions", "Page", "body_markdown", "convert", "decode", "escape_text",
           "front_matter", "front_matter_text", "normalise_date", "parse_labels", "read_html_page",
           "read_text_page", "table_html", "title_year"]
