"""config.yaml → a frozen SiteConfig, with every fault reported by line.

Paths in the config are relative to the config file, so a site can be built from
anywhere. A site without its own templates/ or assets/ uses the built-in theme,
as Hugo and MkDocs do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reportsite.core.problems import Problems, Problem, Severity, closest, display_path
from reportsite.core.fonts import DEFAULT_STACKS, ROLES, FontStacks
from reportsite.core.identifiers import DEFAULT_INDEX_NO_PATTERN, code_checksum_problem
from reportsite.core.i18n import Message, language_of, msg
from reportsite.core.slugs import readable_slug
from reportsite.core.yamlread import YamlProblem, parse_mapping

#: The cache's folder, beside the config: PDFs, manifests and the live preview.
CACHE_DIR = ".reportsite-cache"
BUILTIN_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COLUMN_TYPE = "信息公开目录"

#: What a key that becomes part of a URL may be: it names a folder of the built site.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP_KEYS = ("site", "footer", "publishers", "index_no_pattern", "categories", "pdf", "revisions")
_REVISIONS_KEYS = ("show", "updated")
#: What 最后更新 dates: "content", the later of the last change note and the last commit that changed
#: the text; "notes", the last change note only.
UPDATED_FROM = ("content", "notes")
_SITE_KEYS = ("name", "domain", "base_url", "id_code", "description", "keywords", "favicon", "language")
#: Icon formats every browser shows; the file is published as an asset with a hashed name.
FAVICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
_FOOTER_KEYS = ("sponsor", "icp", "police")
_PUBLISHER_KEYS = ("name", "code")


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
                value=value, hint=_did_you_mean(closest(value, keys), known))
        return Publisher("", value, ""), None

    def column_type(self, category: str) -> str:
        return dict(self.column_types).get(category, DEFAULT_COLUMN_TYPE)


def _did_you_mean(hint: str | None, otherwise: Message | str = "") -> Message | str:
    """The ' (did you mean `…`?)' part of a message when a known name is close to the one written,
    else `otherwise` (the known names, or nothing): a part of its own, so each language places it."""
    return msg("config.did_you_mean", " (did you mean `{hint}`?)", hint=hint) if hint else otherwise


class _Reader:
    """Collects config problems instead of stopping at the first."""

    def __init__(self, path: str, lines: dict[str, int]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def error(self, key: str, message: Message | str) -> None:
        """A problem on the line of `key` (a dotted path), or of the nearest section above it."""
        parts = key.split(".")
        line = next((self.lines[path] for path in (".".join(parts[:n]) for n in range(len(parts), 0, -1))
                     if path in self.lines), None)
        self.problems.append(Problem(self.path, line, message))

    def section(self, data: dict[str, Any], key: str, allowed: tuple[str, ...], where: str = "") -> dict[str, Any]:
        """``data[key]`` as a mapping of known keys; ``where`` is its full dotted name in messages."""
        where = where or key
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.error(where, msg("config.section_not_mapping", "`{key}` must be a mapping of `name: value` lines",
                                  key=where))
            return {}
        for unknown in sorted(set(value) - set(allowed), key=str):
            name = f"{where}.{unknown}"
            known = msg("config.known_keys", " (known keys: {keys})", keys=", ".join(allowed))
            self.error(name, msg("config.unknown_key", "unknown key `{key}`{hint}", key=name,
                                 hint=_did_you_mean(closest(str(unknown), list(allowed)), known)))
        return value

    def text(self, section: dict[str, Any], key: str, where: str, required: bool = False) -> str:
        value, name = section.get(key), f"{where}.{key}"
        if value is None or value == "":
            if required:
                self.error(where, msg("config.key_required", "`{key}` is required", key=name))
            return ""
        if isinstance(value, (dict, list)):
            self.error(where, msg("config.key_not_text", "`{key}` must be text", key=name))
            return ""
        return str(value).strip()


def _publishers(reader: _Reader, data: dict[str, Any]) -> tuple[Publisher, ...]:
    raw = data.get("publishers") or {}
    if not isinstance(raw, dict):
        reader.error("publishers", msg("config.publishers_not_mapping",
                                       "`publishers` must map a short key to {{name, code}}: write `publishers:` and "
                                       "below it lines like `  badou: {{name: 博山区八陡镇, code: 1137030400421863XL}}`"))
        return ()
    found = []
    for key, entry in raw.items():
        where = f"publishers.{key}"
        if not isinstance(key, str) or not _SLUG.fullmatch(key):
            reader.error(where, msg("config.publisher_key_not_slug",
                                    "publisher key `{key}` must be lower-case letters, digits and hyphens, such as "
                                    "`{slug}`: it becomes the address of the publisher's page; rename it",
                                    key=key, slug=readable_slug(str(key), "badou")))
            continue
        entry = reader.section(raw, key, _PUBLISHER_KEYS, where) if isinstance(entry, dict) else None
        if entry is None:
            reader.error("publishers", msg("config.publisher_not_mapping",
                                           "publisher `{key}` must have `name:` and `code:` lines", key=key))
            continue
        code = reader.text(entry, "code", where)
        if code and (warning := code_checksum_problem(code)):
            reader.problems.append(Problem(reader.path, reader.lines.get("publishers"), warning, Severity.WARNING))
        found.append(Publisher(str(key), reader.text(entry, "name", where, True), code))
    return tuple(found)


def _check_site(reader: _Reader, site: dict[str, Any]) -> None:
    base_url = str(site.get("base_url") or "")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        reader.error("site", msg("config.base_url_not_url",
                                 '`site.base_url` "{value}" must be a full URL such as https://www.example.gov.cn/',
                                 value=base_url))
    language = site.get("language")
    if language is not None and language_of(str(language)) is None:
        reader.error("site.language", msg("config.language_unknown",
                                          '`site.language` "{value}" must be zh-CN (Chinese, the default) or en '
                                          "(English): the language reportsite's messages are printed in",
                                          value=language))
    id_code = str(site.get("id_code") or "")
    if id_code and not re.fullmatch(r"\d{10}|bm\d{8}", id_code):
        reader.error("site", msg("config.id_code_invalid",
                                 '`site.id_code` "{value}" must be a 网站标识码: 10 digits, or bm and 8 digits (quote it)',
                                 value=id_code))


def _fonts(reader: _Reader, data: dict[str, Any]) -> FontStacks:
    """Font stacks from `pdf.fonts`, each role defaulting to the built-in stack."""
    pdf = reader.section(data, "pdf", ("fonts",))
    given = pdf.get("fonts") or {}
    if not isinstance(given, dict):
        reader.error("pdf", msg("config.fonts_not_mapping", "`pdf.fonts` must map a role (title, body, hei, kai, "
                                                            "fangsong, numerals) to a list of fonts"))
        given = {}
    for unknown in sorted(set(given) - set(ROLES)):
        reader.error("pdf", msg("config.font_role_unknown", "unknown font role `pdf.fonts.{role}`{hint}",
                                role=unknown, hint=_did_you_mean(closest(str(unknown), list(ROLES)))))
    stacks = []
    for role in ROLES:
        value = given.get(role, DEFAULT_STACKS[role])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or any(isinstance(v, (dict, list)) for v in value):
            reader.error("pdf", msg("config.font_stack_not_list", "`pdf.fonts.{role}` must be a list of font names, "
                                                                  "e.g. [仿宋_GB2312, Noto Serif CJK SC]", role=role))
            value = DEFAULT_STACKS[role]
        stacks.append((role, tuple(str(v) for v in value)))
    return FontStacks(tuple(stacks))


def _revisions(reader: _Reader, data: dict[str, Any]) -> Revisions:
    section = reader.section(data, "revisions", _REVISIONS_KEYS)
    show = section.get("show", True)
    if not isinstance(show, bool):
        reader.error("revisions.show", msg("config.revisions_show_not_bool",
                                           "`revisions.show` must be true or false (false hides 修订记录 and 最后更新)"))
        show = True
    updated = str(section.get("updated", "content"))
    if updated not in UPDATED_FROM:
        reader.error("revisions.updated", msg(
            "config.revisions_updated_unknown", '`revisions.updated` "{value}" must be content (the last change note '
                                                "or the last commit that changed the text) or notes (the last change note)",
            value=updated))
        updated = "content"
    return Revisions(show, updated)


def _index_no_pattern(reader: _Reader, value: Any) -> str:
    """The site's 索引号 pattern: a regular expression, given as quoted text."""
    if value is None or value == "":
        return DEFAULT_INDEX_NO_PATTERN
    if not isinstance(value, str):
        reader.error("index_no_pattern", msg("config.index_no_pattern_not_text",
                                             "`index_no_pattern` must be a regular expression written as quoted text, "
                                             "e.g. index_no_pattern: '\\d{{9}}-\\d{{4}}-\\d+'"))
        return DEFAULT_INDEX_NO_PATTERN
    try:
        re.compile(value)
    except re.error as exc:
        reader.error("index_no_pattern", msg(
            "config.index_no_pattern_invalid", "`index_no_pattern` is not a valid regular expression ({error}); check "
                                               "the brackets, and quote the pattern in single quotes", error=str(exc)))
    return value


def _favicon(reader: _Reader, root: Path, value: str) -> Path | None:
    """The site's own icon, which must exist and be a format browsers show."""
    if not value:
        return None
    path = (root / value).resolve()
    if path.suffix.lower() not in FAVICON_TYPES or not path.is_file():
        reader.error("site", msg("config.favicon_missing", '`site.favicon` "{value}" must be an existing .svg, .png '
                                 "or .ico file, given relative to config.yaml, e.g. `favicon: assets/icon.png`",
                                 value=value))
        return None
    if path.suffix.lower() == ".png" and not _readable_image(path):
        reader.error("site", msg("config.favicon_not_png",
                                 '`site.favicon` "{value}" is not a PNG image that can be read; save it again as PNG',
                                 value=value))
        return None
    return path


def _readable_image(path: Path) -> bool:
    """Whether Pillow can read the image, as the build converts a PNG icon into /favicon.ico."""
    from PIL import Image  # here, not at the top: only a site with a PNG icon pays for the import

    try:
        with Image.open(path) as image:
            image.load()  # decodes it whole: a truncated file fails here, not in the build
    except (OSError, SyntaxError, ValueError):
        return False
    return True


def _theme_dirs(root: Path) -> tuple[tuple[Path, ...], Path]:
    """The site's own templates first, then the built-in ones, so a site may override one file."""
    dirs = [d for d in (root / "templates", BUILTIN_ROOT / "templates") if d.is_dir()]
    assets = root / "assets" if (root / "assets").is_dir() else BUILTIN_ROOT / "assets"
    return tuple(dict.fromkeys(dirs)), assets


def load_config(path: Path) -> tuple[SiteConfig, list[Problem]]:
    """Read and check config.yaml; return it with its warnings, or raise Problems."""
    root = path.resolve().parent
    shown = display_path(path, Path.cwd())
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            raise Problems([Problem(shown, None, msg(
                "config.path_not_regular", "the config path is not a regular file (a pipe or device); "
                                           "pass the config file with --config PATH/config.yaml"))])
        text = path.read_text(encoding="utf-8")
        mapping = parse_mapping(text)
    except FileNotFoundError:
        raise Problems([Problem(shown, None, msg(
            "config.not_found", "config file not found (pass --config PATH or create config.yaml)"))]) from None
    except UnicodeDecodeError:
        raise Problems([Problem(shown, None, msg(
            "config.not_utf8", "config file is not UTF-8 (save it as UTF-8)"))]) from None
    except IsADirectoryError:
        raise Problems([Problem(shown, None, msg(
            "config.path_is_folder", "the config path is a folder, not a file; pass the config file "
                                     "with --config PATH/config.yaml"))]) from None
    except YamlProblem as exc:
        raise Problems([Problem(shown, exc.line, exc.message)]) from None
    except OSError as exc:
        raise Problems([Problem(shown, None, msg(
            "config.unreadable", "cannot read the config file ({reason}); make it readable (chmod a+r) and build again",
            reason=exc.strerror))]) from None
    return _build_config(root, shown, mapping.data, mapping.nested_lines)


def _build_config(
    root: Path, shown: str, data: dict[str, Any], lines: dict[str, int]
) -> tuple[SiteConfig, list[Problem]]:
    reader = _Reader(shown, lines)
    for unknown in sorted(set(data) - set(_TOP_KEYS)):
        reader.error(unknown, msg("config.unknown_key", "unknown key `{key}`{hint}", key=unknown,
                                  hint=_did_you_mean(closest(unknown, list(_TOP_KEYS)))))
    site = reader.section(data, "site", _SITE_KEYS)
    footer = reader.section(data, "footer", _FOOTER_KEYS)
    _check_site(reader, site)
    pattern = _index_no_pattern(reader, data.get("index_no_pattern"))
    categories = data.get("categories") or {}
    if not isinstance(categories, dict) or any(isinstance(v, (dict, list)) for v in categories.values()):
        reader.error("categories", msg("config.categories_not_mapping", "`categories` must map each 信息分类 to one "
                                                                        "ColumnType, e.g. `  工作总结: 工作总结` "
                                                                        "on its own line"))
        categories = {}
    keywords = site.get("keywords") or []
    templates, assets = _theme_dirs(root)
    config = SiteConfig(
        root=root,
        name=reader.text(site, "name", "site", True),
        domain=reader.text(site, "domain", "site") or urlsplit(str(site.get("base_url", ""))).netloc,
        base_url=str(site.get("base_url") or "").rstrip("/") + "/",
        id_code=reader.text(site, "id_code", "site"),
        description=reader.text(site, "description", "site"),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (str(keywords),),
        footer=Footer(*(reader.text(footer, k, "footer") for k in _FOOTER_KEYS)),
        publishers=_publishers(reader, data),
        index_no_pattern=pattern,
        column_types=tuple((str(k), str(v)) for k, v in categories.items()),
        fonts=_fonts(reader, data),
        template_dirs=templates,
        assets_dir=assets,
        favicon=_favicon(reader, root, reader.text(site, "favicon", "site")),
        revisions=_revisions(reader, data),
    )
    if any(p.is_error for p in reader.problems):
        raise Problems(reader.problems)
    return config, reader.problems
