"""The title of a saved HTML page that neither labels it nor names it in an ArticleTitle meta tag:
the line the page shows twice above its body (a heading over the metadata table and again over
the article), else the line above the body that reads most as a title. The front matter weighs
this guess against the page's <title>, which often holds only the site's name."""

from __future__ import annotations

from collections.abc import Iterable

from bs4 import BeautifulSoup, PageElement, Tag

from reportsite.tools.importer.chrome import Furniture
from reportsite.tools.importer.html_tags import BLOCK_TAGS, SKIP_TAGS, is_text
from reportsite.tools.importer.labels import is_label_line
from reportsite.tools.importer.page import TitleGuess
from reportsite.tools.importer.spacing import collapse, is_wide
from reportsite.tools.importer.titles import guess_title

#: How many lines of the article's start may repeat the title shown above it.
_ARTICLE_LINES = 3


def title_guess(soup: BeautifulSoup, article: Tag, metadata: list[Tag], furniture: Furniture) -> TitleGuess | None:
    """The guessed title among the lines shown before the article and its first lines, leaving out
    the metadata blocks, labels and furniture."""
    before = [s for s in article.find_all_previous(string=True) if _shown(s, metadata)]
    before.reverse()
    inside = [s for s in article.find_all(string=True) if _shown(s, metadata)]
    lines = _lines(before) + _lines(inside)[:_ARTICLE_LINES]
    return guess_title((None, line) for line in lines
                       if not furniture.is_line(line) and not is_label_line(line))


def _shown(node: PageElement, metadata: list[Tag]) -> bool:
    """Text a reader sees outside the metadata blocks."""
    return is_text(node) and not any(isinstance(p, Tag) and (p.name in SKIP_TAGS or any(p is m for m in metadata))
                                     for p in node.parents)


def _lines(strings: Iterable[PageElement]) -> list[str]:
    """Text nodes joined into the lines a browser shows: one per block element."""
    lines: list[str] = []
    current: Tag | None = None
    for node in strings:
        block = next((p for p in node.parents if isinstance(p, Tag) and p.name in BLOCK_TAGS), None)
        text = collapse(str(node))
        if block is not current or not lines:
            lines.append(text)
            current = block
        elif text:
            joiner = "" if lines[-1] and is_wide(lines[-1][-1]) and is_wide(text[0]) else " "
            lines[-1] = (lines[-1] + joiner + text).strip()
    return [line for line in lines if line]
