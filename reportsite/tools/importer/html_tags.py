"""How the HTML readers treat elements: which end a line of text, and which hold no text to read."""

from __future__ import annotations

from bs4 import CData, NavigableString, PageElement

#: Elements whose start and end break the text, as a browser puts them on lines of their own.
BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                        "main", "blockquote", "center", "dl", "dt", "dd", "pre", "header", "footer", "figure",
                        "figcaption", "address", "hr", "form", "fieldset", "nav", "aside", "caption", "tr", "td",
                        "th"})
#: Elements whose content a reader never sees.
SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})


def is_text(node: PageElement) -> bool:
    """Visible text, not a comment, a doctype or a processing instruction (which are strings too)."""
    return type(node) in (NavigableString, CData)
