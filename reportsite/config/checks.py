"""The checks of single config values that their type alone does not cover, named in the schema.

Each takes the value as read and the config's folder (a path in the config is relative to it) and
says why the value cannot be used, or None. `init` runs the same checks on what an editor types,
so a new site accepts exactly what the build accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reportsite.config.model import BADGE_TYPES, FAVICON_TYPES, month_day
from reportsite.core.i18n import Message, language_of, msg
from reportsite.core.identifiers import code_checksum_problem
from reportsite.core.slugs import readable_slug

#: Why a value cannot be used, given the value and the folder of config.yaml.
Check = Callable[[Any, Path], Message | None]
#: What a key that becomes part of a URL may be: it names a folder of the built site.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_CODE = re.compile(r"\d{10}|bm\d{8}")


def full_url(value: str, root: Path) -> Message | None:
    """Canonical links, the feed and the sitemap are built from base_url: it must be absolute."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return msg("config.base_url_not_url",
               '`site.base_url` "{value}" must be a full URL such as https://www.example.gov.cn/', value=value)


def known_language(value: str | None, root: Path) -> Message | None:
    if value is None or language_of(value) is not None:
        return None
    return msg("config.language_unknown", '`site.language` "{value}" must be zh-CN (Chinese, the default) or en '
                                          "(English): the language reportsite's messages are printed in",
               value=value)


def site_id_code(value: str, root: Path) -> Message | None:
    """The 网站标识码 the 政府网站 rules give every site; empty until the site has one."""
    if not value or _ID_CODE.fullmatch(value):
        return None
    return msg("config.id_code_invalid", '`site.id_code` "{value}" must be a 网站标识码: 10 digits, or bm and 8 digits '
                                         "(quote it)", value=value)


def credit_code(value: str, root: Path) -> Message | None:
    """A failed check digit: the schema makes it a warning, as early pilot codes fail it legally."""
    return code_checksum_problem(value) if value else None


def regular_expression(value: str, root: Path) -> Message | None:
    try:
        re.compile(value)
    except re.error as exc:
        return msg("config.index_no_pattern_invalid", "`index_no_pattern` is not a valid regular expression "
                                                      "({error}); check the brackets, and quote the pattern in "
                                                      "single quotes", error=str(exc))
    return None


def deadline(key: str) -> Check:
    """The check of a 年报 deadline key (`key` as its message names it): a month and day that every
    year has, since the deadline falls in the year after each report year."""
    def check(value: str | None, root: Path) -> Message | None:
        if value is None or value == "" or month_day(value):
            return None
        return msg("config.deadline_invalid", '`{key}` "{value}" is not a deadline: write the month and day in the '
                                              'year after the report year as "MM-DD" in quotes, e.g. "03-31" for '
                                              "31 March (a day every year has, so not 02-29)", key=key, value=value)
    return check


def favicon(value: str, root: Path) -> Message | None:
    """The site's own icon must exist and be a format browsers show."""
    if not value:
        return None
    path = (root / value).resolve()
    if path.suffix.lower() not in FAVICON_TYPES or not path.is_file():
        return msg("config.favicon_missing", '`site.favicon` "{value}" must be an existing .svg, .png '
                                             "or .ico file, given relative to config.yaml, e.g. "
                                             "`favicon: assets/icon.png`", value=value)
    if path.suffix.lower() == ".png" and not _readable_image(path):
        return msg("config.favicon_not_png",
                   '`site.favicon` "{value}" is not a PNG image that can be read; save it again as PNG', value=value)
    return None


def badge(value: str, root: Path) -> Message | None:
    """The 党政机关网站标识 is published as issued, so it must be an image file a browser shows and
    Pillow can read: a wrong path or a saved web page would put a broken image in every footer."""
    if not value:
        return None
    path = (root / value).resolve()
    if not path.is_file():
        return msg("config.badge_missing", '`footer.badge` "{value}" is not a file: give the 党政机关网站标识 image '
                                           "relative to config.yaml, e.g. `badge: 党政机关标识.png`", value=value)
    if path.suffix.lower() not in BADGE_TYPES or not _readable_image(path):
        return msg("config.badge_not_image", '`footer.badge` "{value}" is not a PNG, JPEG, GIF or WebP image that can '
                                             "be read; use the image file 中央编办 issued with the badge", value=value)
    return None


def _readable_image(path: Path) -> bool:
    """Whether Pillow can read the image, as the build converts a PNG icon into /favicon.ico."""
    from PIL import Image  # here, not at the top: only a site with a PNG icon pays for the import

    try:
        with Image.open(path) as image:
            image.load()  # decodes it whole: a truncated file fails here, not in the build
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def publisher_key(key: object) -> Message | None:
    """A publisher's key becomes the address of its page, so it must be a slug."""
    if isinstance(key, str) and SLUG.fullmatch(key):
        return None
    return msg("config.publisher_key_not_slug", "publisher key `{key}` must be lower-case letters, digits and "
                                                "hyphens, such as `{slug}`: it becomes the address of the "
                                                "publisher's page; rename it",
               key=key, slug=readable_slug(str(key), "badou"))
