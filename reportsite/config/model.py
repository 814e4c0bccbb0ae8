"""The frozen result of reading config.yaml: what every later stage knows about the site.

Kept apart from the reading, so content, the model and the renderers depend on these few
dataclasses only, never on how config.yaml is parsed or checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportsite.core.fonts import FontStacks
from reportsite.core.i18n import Message, msg
from reportsite.core.suggest import did_you_mean

#: The cache's folder, beside the config: PDFs, manifests and the live preview.
CACHE_DIR = ".reportsite-cache"
BUILTIN_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COLUMN_TYPE = "信息公开目录"
#: Icon formats every browser shows; the file is published as an asset with a hashed name.
FAVICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
#: What 最后更新 dates: "content", the later of the last change note and the last commit that changed
#: the text; "notes", the last change note only.
UPDATED_FROM = ("content", "notes")


def did_you_mean_hint(hint: str) -> Message:
    """config's wording of the ' (did you mean `…`?)' part, a part of its own so each language places it."""
    return msg("config.did_you_mean", " (did you mean `{hint}`?)", hint=hint)


@dataclass(frozen=True)
class Publisher:
    key: str
    name: str
    code: str


@dataclass(frozen=True)
class Footer:
    sponsor: str
    icp: str
    police: str


@dataclass(frozen=True)
class Revisions:
    """The 修订记录 section of report pages (config.yaml `revisions:`)."""

    show: bool = True
    updated: str = "content"  # one of UPDATED_FROM


@dataclass(frozen=True)
class SiteConfig:
    """Everything the pipeline needs to know about the site, resolved to absolute paths."""

    root: Path
    name: str
    domain: str
    base_url: str
    id_code: str
    description: str
    keywords: tuple[str, ...]
    footer: Footer
    publishers: tuple[Publisher, ...]
    index_no_pattern: str
    column_types: tuple[tuple[str, str], ...]
    fonts: FontStacks
    template_dirs: tuple[Path, ...]
    assets_dir: Path
    favicon: Path | None = None  # the site's own icon (site.favicon); None: the theme's assets/favicon.svg
    revisions: Revisions = field(default_factory=Revisions)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def source_dirs(self) -> tuple[Path, ...]:
        """Every folder a page is made from, besides the config file: what a rebuild must notice."""
        return (self.content_dir, *self.template_dirs, self.assets_dir, *([self.favicon] if self.favicon else []))

    def publisher(self, key_or_name: str) -> Publisher | None:
        """Look a publisher up by its config key or by its full name."""
        return next((p for p in self.publishers if key_or_name in (p.key, p.name)), None)

    def resolve_publisher(self, value: str) -> tuple[Publisher, Message | None]:
        """A configured publisher, or the name as written; a value that looks like a key (ASCII, no
        spaces) but is not one is a typo, returned with the message that says which key was meant."""
        found = self.publisher(value)
        if found:
            return found, None
        if re.fullmatch(r"[A-Za-z0-9_-]+", value):
            keys = [p.key for p in self.publishers]
            known = (msg("config.publisher_known", " (known: {keys})", keys=", ".join(keys)) if keys
                     else msg("config.publisher_known_none", " (known: none)"))
            return Publisher("", value, ""), msg(
                "config.publisher_unknown", "publisher `{value}` is not in config.yaml's publishers{hint}",
                value=value, hint=did_you_mean(value, keys, did_you_mean_hint, known))
        return Publisher("", value, ""), None

    def column_type(self, category: str) -> str:
        return dict(self.column_types).get(category, DEFAULT_COLUMN_TYPE)
