"""The tables of a report body on a phone: numbers and dates kept whole, each table in a region of its own.

Residents read reports on phones, where a wide table cannot fit. So every table an editor writes
(a Markdown table, or an HTML table rebuilt by core.tables) scrolls sideways inside its own focusable
region, while the page itself never does (WCAG 1.4.10). A screen reader lists those regions by name,
so each has a name of its own: the table's caption, else 表1, 表2 … by its place in the body. Inside a
cell a number or date (2025-03-10, 20.69, 1,234, 45.9%, 2024年1月) is wrapped in `span.nobr`, so it is
never broken across lines, and where every row starts in the first column (always in a Markdown table)
the table is marked `pin-first`, and the stylesheet keeps that column in view while the rest scrolls.

The spans are made here from text tokens, escaped; content never reaches the page as markup.
A 年报's tables 2–4 are not drawn here (render.annualtables, regions `table-wrap annual`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from reportsite.core.tables import Segment

#: Runs a line must never break inside: dates written either way, then numbers with their thousands
#: separators, decimals, sign and percent. A lone digit cannot break, so it is left as it is.
NUMBER_RE = re.compile(
    r"\d+年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d+[年月日]"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|(?:(?<![\d.,])[-+−])?\d+(?:,\d{3})*(?:\.\d+)?[%％‰]?")
#: The region of a table in a report body; `body-table` scopes the stylesheet's rules for these tables.
_REGION = '<div class="table-wrap body-table" role="region" tabindex="0" {name}>\n'
_PINNED_TABLE = '<table class="pin-first">'
#: Where the body's render keeps its count of tables and the names given so far (markdown-it's env).
_COUNT, _NAMES = "body_tables", "body_table_names"


def number_runs(text: str) -> Iterator[tuple[str, bool]]:
    """`text` in pieces, in order, each with whether it is a number or date to keep on one line."""
    start = 0
    for match in NUMBER_RE.finditer(text):
        if len(match[0]) < 2:
            continue
        if match.start() > start:
            yield text[start:match.start()], False
        yield match[0], True
        start = match.end()
    if start < len(text):
        yield text[start:], False


def numbers_whole(text: str) -> str:
    """Text as HTML, escaped, with each number and date in a `span.nobr` (rebuilt tables' cells)."""
    return "".join(f'<span class="nobr">{escape(piece, quote=False)}</span>' if whole else escape(piece, quote=False)
                   for piece, whole in number_runs(text))


def _split_numbers(child: Token) -> list[Token]:
    """A text token as text tokens, each number or date between a `span.nobr` open and close."""
    if child.type != "text":
        return [child]
    tokens: list[Token] = []
    for piece, whole in number_runs(child.content):
        text = Token("text", "", 0, content=piece)
        tokens += [Token("nobr_open", "span", 1, attrs={"class": "nobr"}), text,
                   Token("nobr_close", "span", -1)] if whole else [text]
    return tokens


def _numbers_whole_in_tables(state: StateCore) -> None:
    """The Markdown tables' cells, their text split around numbers (after text_join, so runs are whole)."""
    inside = False
    for token in state.tokens:
        if token.type in ("table_open", "table_close"):
            inside = token.type == "table_open"
        elif inside and token.type == "inline" and token.children:
            token.children = [part for child in token.children for part in _split_numbers(child)]


def _region_open(env: MutableMapping[str, object], caption: str) -> tuple[str, str]:
    """The region's opening tag and its caption's id ("" when the region is named in words).

    Named by the caption when it has one and no earlier table's name is the same; else by its number,
    with the caption in front when a caption repeats, so that no two regions share a name."""
    number = int(env.get(_COUNT, 0)) + 1  # type: ignore[call-overload]
    env[_COUNT] = number
    names = env.setdefault(_NAMES, set())
    assert isinstance(names, set)
    name = caption or f"表{number}"
    if name in names:
        name = f"{name}（第{number}个表格）"
    names.add(name)
    if caption and name == caption:
        ident = f"table-{number}-caption"
        return _REGION.format(name=f'aria-labelledby="{ident}"'), ident
    return _REGION.format(name=f'aria-label="{escape(name)}"'), ""


def rebuilt_table_region(env: MutableMapping[str, object], segment: Segment) -> str:
    """A rebuilt HTML table in its region. The rebuilt markup has only attribute-less `<table>` and
    `<caption>` tags and escaped text, so the first of each is the table's own tag to mark."""
    opening, ident = _region_open(env, segment.caption)
    table = segment.html
    if segment.pin_first and table.startswith("<table>"):
        table = _PINNED_TABLE + table[len("<table>"):]
    if ident:
        table = table.replace("<caption>", f'<caption id="{ident}">', 1)
    return f"{opening}{table}\n</div>\n"


def body_tables(md: MarkdownIt) -> None:
    """Markdown tables in their regions, first column kept in view, numbers whole in every cell."""

    def table_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return _region_open(env, "")[0] + _PINNED_TABLE + "\n"

    def table_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return "</table>\n</div>\n"

    md.core.ruler.push("numbers_whole_in_tables", _numbers_whole_in_tables)
    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)
