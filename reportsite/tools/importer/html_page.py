"""Saved HTML pages: metadata from the page's meta tags and visible metadata block, the body from
its article container, tables included.

CMSs differ in where they put the article, so the known containers are tried
first and the element with the most paragraph text is the fallback, with a note
to check it. Metadata blocks inside the article are taken out of the body.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from bs4 import BeautifulSoup, Tag

from reportsite.core.dates import find_date
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.tools.importer.chrome import Furniture, load_furniture
from reportsite.tools.importer.grid import table_grid
from reportsite.tools.importer.headings import text_blocks
from reportsite.tools.importer.html_tags import BLOCK_TAGS, SKIP_TAGS, is_text
from reportsite.tools.importer.html_title import title_guess
from reportsite.tools.importer.labels import (clean, conflict_notes, is_label_line, label_count, read_labels,
                                              with_label_colon)
from reportsite.tools.importer.page import Block, Page, left_out, review_note
from reportsite.tools.importer.spacing import collapse
from reportsite.tools.importer.tables import is_layout_table, table_html

_ARTICLE_SELECTORS = ("div.article_content", "#UCAP-CONTENT", "#zoom", "#Zoom", ".zoom", ".TRS_Editor",
                      ".article-content", ".article_con", ".articleCon", "#content", ".content", "article", "main")
_META_CONTAINERS = ("table", "ul", "ol", "dl", "div", "p", "section")
_META_BLOCK_CHARS = 800
#: The 政府网站 meta tags (by lower-case name) → the field they carry.
_META_TAG_FIELDS = MappingProxyType({"articletitle": "title", "pubdate": "published", "contentsource": "publisher",
                                     "columnname": "column", "keywords": "keywords"})
#: Deepest element nesting an HTML page may have. The walks below recurse once per level and
#: Python stops at 1,000 frames; real pages nest about 25 deep, but html.parser nests every
#: unclosed <p> inside the one before, so a long page of unclosed <p>s can come near this.
MAX_NESTING = 800

Meta = tuple[tuple[str, str], ...]


def read_html_page(name: str, text: str, furniture: Furniture | None = None) -> Page:
    """A saved HTML page: metadata from its meta tags and visible metadata block, the body from
    the article container (tables included)."""
    furniture = furniture or load_furniture()
    try:
        soup = BeautifulSoup(text, "html.parser", element_classes={Tag: _NestingTag})
    except _TooDeep as deep:
        raise Problems([_too_deep(name, deep.line)]) from None
    try:
        return _read_soup(name, soup, furniture)
    except RecursionError:  # the caller's own stack was deeper than MAX_NESTING allows for
        raise Problems([_too_deep(name, None)]) from None


class _TooDeep(Exception):
    """Stops the parse at the first element past MAX_NESTING; carries its line for the message."""

    def __init__(self, line: int | None) -> None:
        super().__init__(f"nested more than {MAX_NESTING} deep at line {line}")
        self.line = line


class _NestingTag(Tag):
    """A Tag that knows its depth and stops the parse past MAX_NESTING: a page of 200,000 nested
    <div>s then fails in milliseconds, not after seconds of parsing and a RecursionError."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nesting: int = self.parent.nesting + 1 if isinstance(self.parent, _NestingTag) else 1
        if self.nesting > MAX_NESTING:
            raise _TooDeep(self.sourceline)


def _too_deep(name: str, line: int | None) -> Problem:
    """The one fix that always works: a browser's saved text has no nesting left."""
    return Problem(name, line, msg("import.nested_too_deeply",
                                   "the HTML is nested too deeply to import (more than {limit} elements inside "
                                   "one another, often from unclosed <p> or <div> tags); open the page in a browser, "
                                   "save it as text (.txt) and import that instead", limit=MAX_NESTING))


def _read_soup(name: str, soup: BeautifulSoup, furniture: Furniture) -> Page:
    """Metadata and body from a parsed page (apart from read_html_page, so its walks fail as one)."""
    warnings: list[Problem] = []
    article = _find_article(soup)
    if article is None:
        article = _densest_block(soup)
        warnings.append(review_note(name, msg("import.no_article_container",
                                              "found no known article container; took the text of <{element}> "
                                              "as the body, check it", element=_describe(article))))
    blocks_in = _metadata_blocks(soup, article)
    meta_lines = [line for block in blocks_in for line in _element_lines(block).split("\n")]
    labels = read_labels(meta_lines)
    meta = _merge(labels.values, _meta_tags(soup))
    guess = None if "title" in dict(meta) else title_guess(soup, article, blocks_in, furniture)
    for block in blocks_in:
        if _inside(block, article):
            block.extract()
    items, above, below = _without_furniture(name, _flow_items(article), furniture)
    meta = _merge(meta, read_labels(above + _just_above(article)).values)  # 发布时间：… among the buttons
    title = dict(meta).get("title") or (guess.text if guess else "")
    beside = _beside_article(name, article, blocks_in, furniture, title)
    body, found = text_blocks(name, ((None, item) for item in items))
    notes = tuple(warnings) + tuple(conflict_notes(name, labels.conflicts)) + beside + below + found
    return Page(meta, body, notes, guess)


def _beside_article(name: str, article: Tag, blocks_in: list[Tag], furniture: Furniture,
                    title: str) -> tuple[Problem, ...]:
    """A note for each line next to the article container (in the same parent, outside the article
    and the metadata block) that is not furniture, a label or the title: a lead paragraph or a
    signature a CMS printed outside its container would otherwise be lost without a word. The rest
    of the page (header, navigation, footer) is the site's, and is left out silently."""
    if article.parent is None:
        return ()
    notes: list[Problem] = []
    below = False
    for sibling in article.parent.children:
        if sibling is article:
            below = True
            continue
        if not isinstance(sibling, Tag) or sibling.name in SKIP_TAGS or any(
                block is sibling or _inside(block, sibling) for block in blocks_in):
            continue
        for line in (line.strip() for line in _element_lines(sibling).split("\n")):
            shown = re.sub(r"\s", "", line)
            if shown and shown != re.sub(r"\s", "", title) and not furniture.is_line(line) \
                    and not is_label_line(line) and find_date(line) != line:
                notes.append(left_out(name, line, None, below=below))
    return tuple(notes)


def _find_article(soup: BeautifulSoup) -> Tag | None:
    for selector in _ARTICLE_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    return None


def _densest_block(soup: BeautifulSoup) -> Tag:
    """The element whose own paragraphs hold the most text: where the article is on an unknown CMS."""
    candidates = soup.find_all(["div", "td", "section", "article", "main"])
    best = max(candidates, key=_own_paragraph_chars, default=None)
    if best is not None and _own_paragraph_chars(best) > 0:
        return best
    return soup.body or soup


def _own_paragraph_chars(tag: Tag) -> int:
    return sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))


def _describe(tag: Tag) -> str:
    classes = " ".join(tag.get("class") or [])
    return tag.name + (f' id="{tag["id"]}"' if tag.get("id") else "") + (f' class="{classes}"' if classes else "")


def _inside(tag: Tag, container: Tag) -> bool:
    return any(parent is container for parent in tag.parents)


def _meta_tags(soup: BeautifulSoup) -> Meta:
    """The 政府网站 meta tags (ArticleTitle, PubDate, ContentSource, ColumnName, Keywords)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = _META_TAG_FIELDS.get(str(tag.get("name", "")).lower())
        value = clean(str(tag.get("content", "")))
        if key and value and key not in found:
            found[key] = value
    if "title" not in found and soup.title and soup.title.string:
        found["page_title"] = clean(soup.title.string)
    return tuple(found.items())


def _merge(first: Meta, second: Meta) -> Meta:
    """Visible labels first (what readers saw), meta tags where the page shows none."""
    merged = dict(second)
    merged.update(dict(first))
    return tuple(merged.items())


def _metadata_blocks(soup: BeautifulSoup, article: Tag) -> list[Tag]:
    """The outermost short elements that label two or more report fields (索引号, 发布机构…)."""
    found: list[Tag] = []

    def visit(tag: Tag) -> None:
        text = tag.get_text(" ")
        holds_article = tag is article or any(p is tag for p in article.parents)
        if (tag.name in _META_CONTAINERS and not holds_article and len(text) < _META_BLOCK_CHARS
                and label_count(_element_lines(tag)) >= 2):
            found.append(tag)
            return
        for child in tag.find_all(True, recursive=False):
            if child.name not in SKIP_TAGS:
                visit(child)

    visit(soup)
    return found


def _element_lines(tag: Tag) -> str:
    """Text of a metadata block with one field per line: table cells side by side, a bare label
    cell given its colon, so `<td>索引号</td><td>X</td>` reads as `索引号： X`. (One function, not
    one per kind of element: it recurses once per level of nesting, which MAX_NESTING allows for.)"""
    parts: list[str] = []
    for node in tag.children:
        if isinstance(node, Tag):
            if node.name in SKIP_TAGS:
                continue
            if node.name == "tr":
                cells = [with_label_colon(c.get_text(" ", strip=True)) for c in node.find_all(["td", "th"])]
                parts.append("\n" + " ".join(cells) + "\n")
            elif node.name in ("td", "th"):
                parts.append(" " + with_label_colon(node.get_text(" ", strip=True)) + " ")
            elif node.name == "dt":
                parts.append("\n" + with_label_colon(node.get_text(" ", strip=True)) + " ")
            elif node.name == "dd":
                parts.append(node.get_text(" ", strip=True) + "\n")
            elif node.name == "br" or node.name in BLOCK_TAGS:
                parts.append("\n" + _element_lines(node) + "\n")
            else:
                parts.append(_element_lines(node))
        elif is_text(node):
            parts.append(str(node))
    return "".join(parts)


def _flow_items(root: Tag) -> list[str | Block]:
    """Paragraphs of text and finished table blocks, in reading order.

    Block tags and <br> end a paragraph; a table that only lays out the page (one
    cell, or tables inside it) is read through as flow; every other table is kept.
    """
    items: list[str | Block] = []
    buffer: list[str] = []

    def flush() -> None:
        text = collapse("".join(buffer))
        buffer.clear()
        if text:
            items.append(text)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name in SKIP_TAGS:
                    continue
                if child.name == "table" and not is_layout_table(child):
                    flush()
                    items.append(Block("table", table_html(child), grid=table_grid(child)))
                elif child.name == "br":
                    flush()
                elif child.name in BLOCK_TAGS or child.name == "table":
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)
            elif is_text(child):
                buffer.append(str(child))

    walk(root)
    flush()
    return items


#: How many pieces of text right above the article are read for a 发布时间 the metadata block lacks.
_ABOVE_PIECES = 40


def _just_above(article: Tag) -> list[str]:
    """The text right above the article container, nearest last: where CMSs print 发布时间：… with the
    font-size buttons, outside both the metadata block and the article."""
    shown = (text for text in article.find_all_previous(string=True)
             if is_text(text) and not any(parent.name in SKIP_TAGS for parent in text.parents))
    pieces = [" ".join(str(text).split()) for text, _ in zip(shown, range(_ABOVE_PIECES))]
    return [piece for piece in reversed(pieces) if piece]


def _without_furniture(name: str, items: list[str | Block], furniture: Furniture
                       ) -> tuple[list[str | Block], list[str], tuple[Problem, ...]]:
    """The body without lines of page furniture before its first or after its last real text,
    nor the site's footer when it is inside the article; the furniture lines above the body, whose
    labels may still say when it was published; and a note for each line left out below the body
    that is not known furniture."""
    above: list[str] = []
    while items and isinstance(items[0], str) and furniture.is_line(items[0]):
        above.append(items[0])
        items = items[1:]
    footer = furniture.footer_start([item if isinstance(item, str) else None for item in items])
    tail, items = (items[footer:], items[:footer]) if footer is not None else ([], items)
    while items and isinstance(items[-1], str) and furniture.is_line(items[-1]):
        items = items[:-1]
    notes = tuple(left_out(name, item, None, below=True) for item in tail
                  if isinstance(item, str) and not furniture.is_line(item) and not is_label_line(item))
    return items, above, notes
