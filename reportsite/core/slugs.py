"""Readable ASCII slugs for Chinese names: 年度重点工作情况 → nian-du-zhong-dian-gong-zuo-qing-kuang.

URLs with raw Chinese are percent-encoded into unreadable strings when shared,
so series, publisher and category pages, and new reports, get pinyin slugs.
"""

from __future__ import annotations

import re
import unicodedata


MAX_SLUG = 60


def readable_slug(text: str, fallback: str = "page") -> str:
    """Lower-case pinyin and ASCII words joined by hyphens, cut at a word boundary."""
    from pypinyin import lazy_pinyin  # half a second to load its dictionaries: only when a slug is made

    words = [w.lower() for part in lazy_pinyin(text)
             for w in re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKC", part))]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    return slug or fallback


def unique_slugs(names: list[str]) -> dict[str, str]:
    """A distinct slug per distinct name, in the given order: a later clash gets -2, -3…"""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for name in dict.fromkeys(names):
        base = readable_slug(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        result[name] = slug
    return result
