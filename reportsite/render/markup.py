"""Markdown → HTML for report bodies, with the conventions of Chinese official documents.

Reports number their headings 一、/（一）/1./（1） rather than with `#`, and put
bold run-in leads like `**一是经济运行稳中有进。**` straight against the text
that follows. CommonMark handles neither, so this module adds: heading levels
taken from the official numbering, emphasis that closes after CJK punctuation,
raw HTML shown as text (tables rebuilt
from an allowlist, for their spans), and no script-bearing URLs. How tables are laid out for phones
is render.bodytables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from collections.abc import Mapping
from types import MethodType

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import emphasis as emphasis_rule
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from reportsite.core.numbering import heading_level, official_level
from reportsite.core.tables import is_table_block, rebuild_table
from reportsite.render.bodytables import body_tables, numbers_whole, rebuilt_table_region

_UNSAFE_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
#: A 年报 section heading's numeral: 二、主动公开政府信息情况 → 二.
_SECTION_RE = re.compile(r"^\s*([一二三四五六])、")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    headings: tuple[Heading, ...]


def slugify(text: str) -> str:
    """Stable, readable ids: keep letters, digits and CJK, drop punctuation."""
    kept = [c if c.isalnum() else "-" for c in unicodedata.normalize("NFKC", text).strip().lower()]
    return re.sub(r"-{2,}", "-", "".join(kept)).strip("-") or "section"


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _cjk_scan_delims(self: StateInline, start: int, can_split_word: bool) -> Scanned:
    """CommonMark's flanking rules, with wide (CJK) characters counted as punctuation.

    Without this, `**一是……。**全年` never closes, because the closing run sits
    between punctuation and a letter. Treating ideographs like punctuation lets
    Chinese text, which has no spaces, open and close emphasis anywhere.
    """
    pos, maximum, marker = start, self.posMax, self.src[start]
    last = self.src[start - 1] if start > 0 else " "
    while pos < maximum and self.src[pos] == marker:
        pos += 1
    nxt = self.src[pos] if pos < maximum else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last) or _is_cjk(last)
    next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt) or _is_cjk(nxt)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return Scanned(can_open, can_close, pos - start)


def _cjk_emphasis(state: StateInline, silent: bool) -> bool:
    state.scanDelims = MethodType(_cjk_scan_delims, state)  # type: ignore[method-assign]
    return emphasis_rule.tokenize(state, silent)


def _official_headings(state: StateCore) -> None:
    """Give headings the level their numbering implies; never a second h1."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            level = official_level(tokens[i + 1].content.strip()) or max(int(token.tag[1]), 2)
            token.tag = tokens[i + 2].tag = f"h{level}"
        elif token.type == "paragraph_open" and token.level == 0 and not token.hidden:
            # a short numbered paragraph is a heading its editor did not mark with #
            level = heading_level(tokens[i + 1].content.strip())
            if level:
                for t, kind in ((token, "open"), (tokens[i + 2], "close")):
                    t.type, t.tag, t.markup = f"heading_{kind}", f"h{level}", "#" * level


def _keep_text_past_max_nesting(md: MarkdownIt) -> None:
    """Lists or quotes nested deeper than markdown-it allows keep their text, as a flat paragraph.

    markdown-it stops parsing at its nesting limit and drops the rest of the
    document without a word; a report must never lose text that way.
    """
    tokenize = md.block.tokenize

    def tokenize_or_flatten(self: ParserBlock, state: StateBlock, start: int, end: int) -> None:
        if state.level < state.md.options.maxNesting:
            tokenize(state, start, end)
            return
        text = state.getLines(start, end, state.blkIndent, False).strip()
        if text:
            state.push("paragraph_open", "p", 1).map = [start, end]
            inline = state.push("inline", "", 0)
            inline.content, inline.map, inline.children = text, [start, end], []
            state.push("paragraph_close", "p", -1)
        state.line = end

    md.block.tokenize = MethodType(tokenize_or_flatten, md.block)  # type: ignore[method-assign]


def _escape_raw_html(md: MarkdownIt) -> None:
    """Raw HTML is shown as text; only `<table>` blocks are rebuilt from an allowlist (see tables.py)."""

    def html_block(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        source = tokens[idx].content
        if is_table_block(source):
            return "".join(rebuilt_table_region(env, part) if part.kind == "table" else f"<p>{part.html}</p>\n"
                           for part in rebuild_table(source, numbers_whole))
        return f"<p>{escapeHtml(source.strip())}</p>\n"

    def html_inline(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        return escapeHtml(tokens[idx].content)

    md.add_render_rule("html_block", html_block)
    md.add_render_rule("html_inline", html_inline)
    md.add_render_rule("trusted_html", lambda self, tokens, idx, options, env: tokens[idx].content)


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Drop every scheme that can run code, data: images included."""
        return not _UNSAFE_SCHEMES.match(url)


_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_CJK_PUNCT_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[,;:?!()]|[,;:?!()](?=[\u3000-\u9fff\uff00-\uffef])")


def typeset_punctuation(text: str) -> str:
    """Half-width punctuation touching Chinese text, set full-width as print typesetting does."""
    return _CJK_PUNCT_RE.sub(lambda m: m.group().translate(_HALF_TO_FULL), text)


def _typeset(state: StateCore) -> None:
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset_punctuation(child.content)


def make_markdown(typeset: bool = False) -> MarkdownIt:
    """The one Markdown configuration every renderer uses.

    `typeset` is for print: the PDF sets scraped half-width punctuation full-width
    so every character sits on the 公文 grid; the web page keeps the text as written.
    """
    md = _SafeMarkdown("commonmark", {"html": True, "typographer": False})
    md.enable("table")
    md.inline.ruler.at("emphasis", _cjk_emphasis)
    md.use(footnote_plugin)
    md.core.ruler.push("official_headings", _official_headings)
    if typeset:
        md.core.ruler.push("typeset_punctuation", _typeset)
    md.use(anchors_plugin, min_level=2, max_level=6, slug_func=slugify)
    _keep_text_past_max_nesting(md)
    body_tables(md)
    _escape_raw_html(md)
    return md


def _place_tables(tokens: list[Token], tables: Mapping[str, str]) -> list[Token]:
    """Each of a 年报's tables right after the heading of its section (二、…), as the form has it;
    one whose heading the body lacks goes at the end, in order, so no number is left out."""
    placed: list[Token] = []
    left = dict(tables)
    for index, token in enumerate(tokens):
        placed.append(token)
        if token.type == "heading_close":
            section = _SECTION_RE.match(tokens[index - 1].content)
            if section and section[1] in left:
                placed.append(_trusted(left.pop(section[1])))
    return placed + [_trusted(html) for html in left.values()]


def _trusted(html: str) -> Token:
    """Markup made by a renderer from validated data (never from content), passed through as it is."""
    token = Token("trusted_html", "", 0)
    token.content = html
    return token


def render_markdown(md: MarkdownIt, source: str, tables: Mapping[str, str] | None = None) -> RenderedBody:
    """Render a body and list its headings for the contents list and PDF outline; `tables` are a
    年报's tables by the section they follow (see render.annualtables)."""
    env: dict[str, object] = {}
    tokens = _place_tables(md.parse(source, env), tables or {})
    headings = tuple(
        Heading(int(tok.tag[1]), str(tok.attrGet("id")), tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    )
    return RenderedBody(md.renderer.render(tokens, md.options, env), headings)
