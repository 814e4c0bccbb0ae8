"""config.yaml's mapping → a SiteConfig and its problems, key by key as config/schema.py describes them.

No fault stops the reading: each is collected with its line, and a value that cannot be used is
replaced by the key's default, so the caller gets every problem at once and a whole SiteConfig,
and decides itself whether to go on. Paths in the config are relative to the config file, so a
site can be built from anywhere; a site without its own templates/ or assets/ uses the built-in
theme, as Hugo and MkDocs do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from reportsite.config import checks
from reportsite.config.model import (BADGE_LINK, BUILTIN_ROOT, AnnualReportSettings, Footer, Publisher, Revisions,
                                     SiteConfig, did_you_mean_hint, month_day)
from reportsite.config.schema import Key, Kind, Line, keys_in, top_keys
from reportsite.core.fonts import DEFAULT_STACKS, ROLES, FontStacks
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity
from reportsite.core.suggest import did_you_mean

#: A key that is not written at all, which some kinds tell apart from one written empty.
_MISSING: Any = object()
#: A value as read, and why it could not be used as written.
Read = tuple[Any, list[Message]]


class Reader:
    """Collects config problems instead of stopping at the first."""

    def __init__(self, path: str, lines: dict[str, int], root: Path) -> None:
        self.path = path
        self.lines = lines
        self.root = root
        self.problems: list[Problem] = []

    def error(self, key: str, message: Message | str, severity: Severity = Severity.ERROR) -> None:
        """A problem on the line of `key` (a dotted path), or of the nearest section above it."""
        parts = key.split(".")
        line = next((self.lines[path] for path in (".".join(parts[:n]) for n in range(len(parts), 0, -1))
                     if path in self.lines), None)
        self.problems.append(Problem(self.path, line, message, severity))

    def unknown(self, given: Mapping[Any, Any], allowed: tuple[str, ...], where: str = "") -> None:
        """A problem for each key not in `allowed`, naming the one meant; in a section, else all it knows."""
        known = msg("config.known_keys", " (known keys: {keys})", keys=", ".join(allowed)) if where else ""
        for unknown in sorted(set(given) - set(allowed), key=str):
            name = f"{where}.{unknown}" if where else str(unknown)
            self.error(name, msg("config.unknown_key", "unknown key `{key}`{hint}", key=name,
                                 hint=did_you_mean(str(unknown), allowed, did_you_mean_hint, known)))

    def section(self, data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
        """``data[key]`` as a mapping of the schema's keys; ``where`` is its full dotted name in messages."""
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.error(where, msg("config.section_not_mapping", "`{key}` must be a mapping of `name: value` lines",
                                  key=where))
            return {}
        self.unknown(value, tuple(k.name for k in keys_in(_schema_section(where))), where)
        return value

    def value(self, section: Mapping[str, Any], key: Key, where: str) -> Any:
        """The key's value, or its default after a problem: a text key's shape on its section's line
        (a key not written has no line of its own), any other on the line the schema names."""
        name = f"{where}.{key.name}" if where else key.name
        line = {Line.KEY: name, Line.SECTION: where or name, Line.TOP: name.split(".")[0]}[key.line]
        value, problems = _READERS[key.kind](key, section.get(key.name, _MISSING), name)
        for problem in problems:
            self.error((where or name) if key.kind is Kind.TEXT else line, problem)
        if problems or key.check is None or (found := key.check(value, self.root)) is None:
            return value
        self.error(line, found, key.severity)
        return value if key.severity is Severity.WARNING else key.default


def _schema_section(where: str) -> str:
    """The schema's name of a section: a publisher's own key is `*` there."""
    top, _, rest = where.partition(".")
    return f"{top}.*" if rest else top


def _text(key: Key, raw: Any, name: str) -> Read:
    if raw is _MISSING or raw is None or raw == "":
        return key.default, [msg("config.key_required", "`{key}` is required", key=name)] if key.required else []
    if isinstance(raw, (dict, list)):
        return key.default, [msg("config.key_not_text", "`{key}` must be text", key=name)]
    return str(raw).strip(), []


def _scalar(key: Key, raw: Any, name: str) -> Read:
    return (key.default if raw is _MISSING or raw is None else str(raw)), []


def _flag(key: Key, raw: Any, name: str) -> Read:
    return _refused(key, raw) if raw is not _MISSING and not isinstance(raw, bool) else (_given(key, raw), [])


def _choice(key: Key, raw: Any, name: str) -> Read:
    value = _given(key, raw)
    return (str(value), []) if str(value) in key.choices else _refused(key, str(value))


def _words(key: Key, raw: Any, name: str) -> Read:
    if raw is _MISSING or not raw:
        return key.default, []
    return (tuple(str(word) for word in raw) if isinstance(raw, list) else (str(raw),)), []


def _pattern(key: Key, raw: Any, name: str) -> Read:
    if raw is _MISSING or raw is None or raw == "":
        return key.default, []
    return (raw, []) if isinstance(raw, str) else _refused(key, raw)


def _table(key: Key, raw: Any, name: str) -> Read:
    if raw is _MISSING or not raw:
        return key.default, []
    if not isinstance(raw, dict) or any(isinstance(v, (dict, list)) for v in raw.values()):
        return _refused(key, raw)
    return tuple((str(k), str(v)) for k, v in raw.items()), []


def _fonts(key: Key, raw: Any, name: str) -> Read:
    """Font stacks by role, each role not given, or given wrong, keeping the built-in stack."""
    given = {} if raw is _MISSING or not raw else raw
    if not isinstance(given, dict):
        return _refused(key, raw)
    problems = [msg("config.font_role_unknown", "unknown font role `pdf.fonts.{role}`{hint}", role=unknown,
                    hint=did_you_mean(str(unknown), ROLES, did_you_mean_hint))
                for unknown in sorted(set(given) - set(ROLES))]
    stacks = []
    for role in ROLES:
        value = given.get(role, DEFAULT_STACKS[role])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, (list, tuple)) or any(isinstance(v, (dict, list)) for v in value):
            problems.append(msg("config.font_stack_not_list", "`pdf.fonts.{role}` must be a list of font names, "
                                                              "e.g. [仿宋_GB2312, Noto Serif CJK SC]", role=role))
            value = DEFAULT_STACKS[role]
        stacks.append((role, tuple(str(v) for v in value)))
    return FontStacks(tuple(stacks)), problems


def _given(key: Key, raw: Any) -> Any:
    return key.default if raw is _MISSING else raw


def _refused(key: Key, value: Any) -> Read:
    """The default, with the key's own words on what it must be."""
    assert key.invalid is not None, f"{key.path}: a key whose value can be refused says why"
    return key.default, [key.invalid(value)]


_READERS: dict[Kind, Callable[[Key, Any, str], Read]] = {
    Kind.TEXT: _text, Kind.SCALAR: _scalar, Kind.FLAG: _flag, Kind.CHOICE: _choice, Kind.WORDS: _words,
    Kind.PATTERN: _pattern, Kind.TABLE: _table, Kind.FONTS: _fonts,
}


def _publishers(reader: Reader, data: Mapping[str, Any]) -> tuple[Publisher, ...]:
    raw = data.get("publishers") or {}
    if not isinstance(raw, dict):
        reader.error("publishers", msg("config.publishers_not_mapping",
                                       "`publishers` must map a short key to {{name, code}}: write `publishers:` and "
                                       "below it lines like `  badou: {{name: 博山区八陡镇, code: 1137030400421863XL}}`"))
        return ()
    found = []
    for key, entry in raw.items():
        where = f"publishers.{key}"
        if problem := checks.publisher_key(key):
            reader.error(where, problem)
        elif not isinstance(entry, dict):
            reader.error("publishers", msg("config.publisher_not_mapping",
                                           "publisher `{key}` must have `name:` and `code:` lines", key=key))
        else:
            values = _section_values(reader, raw, key, where)
            found.append(Publisher(key, values["name"], values["code"], values["level"],
                                   month_day(values["annual_deadline"])))
    return tuple(found)


def _section_values(reader: Reader, data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    section = reader.section(data, key, where)
    return {k.name: reader.value(section, k, where) for k in keys_in(_schema_section(where))}


def _values(reader: Reader, data: Mapping[str, Any]) -> dict[str, Any]:
    """Every key's value by its dotted path, each section in the schema's order."""
    reader.unknown(data, top_keys())
    values: dict[str, Any] = {}
    scalars = {key.path: key for key in keys_in("")}
    for top in top_keys():
        if top in scalars:
            values[top] = reader.value(data, scalars[top], "")
        elif keys_in(top):
            values.update({f"{top}.{name}": value for name, value in _section_values(reader, data, top, top).items()})
        else:  # a section of entries the editor names, of which publishers is the one
            values[top] = _publishers(reader, data)
    return values


def _footer(root: Path, values: Mapping[str, Any]) -> Footer:
    """The footer's items; the badge links to its verification page when the site gives the badge's id."""
    badge_id = values["footer.badge_id"]
    return Footer(values["footer.sponsor"], values["footer.icp"], values["footer.police"],
                  organizer=values["footer.organizer"], contact=values["footer.contact"],
                  badge=(root / values["footer.badge"]).resolve() if values["footer.badge"] else None,
                  badge_link=values["footer.badge_link"] or (BADGE_LINK.format(badge_id=quote(badge_id))
                                                             if badge_id else ""),
                  report_errors=values["footer.report_errors"])


def _theme_dirs(root: Path) -> tuple[tuple[Path, ...], Path]:
    """The site's own templates first, then the built-in ones, so a site may override one file."""
    dirs = [d for d in (root / "templates", BUILTIN_ROOT / "templates") if d.is_dir()]
    assets = root / "assets" if (root / "assets").is_dir() else BUILTIN_ROOT / "assets"
    return tuple(dict.fromkeys(dirs)), assets


def site_config(root: Path, shown: str, data: Mapping[str, Any],
                lines: dict[str, int]) -> tuple[SiteConfig, list[Problem]]:
    """The SiteConfig of a config.yaml mapping, and every problem in it; never raises for bad input."""
    reader = Reader(shown, lines, root)
    values = _values(reader, data)
    templates, assets = _theme_dirs(root)
    base_url = values["site.base_url"]
    config = SiteConfig(
        root=root,
        name=values["site.name"],
        domain=values["site.domain"] or urlsplit(base_url).netloc,
        base_url=base_url.rstrip("/") + "/",
        id_code=values["site.id_code"],
        description=values["site.description"],
        keywords=values["site.keywords"],
        footer=_footer(root, values),
        publishers=values["publishers"],
        index_no_pattern=values["index_no_pattern"],
        column_types=values["categories"],
        fonts=values["pdf.fonts"],
        template_dirs=templates,
        assets_dir=assets,
        favicon=(root / values["site.favicon"]).resolve() if values["site.favicon"] else None,
        revisions=Revisions(values["revisions.show"], values["revisions.updated"]),
        annual_report=AnnualReportSettings(values["annual_report.strict"], month_day(values["annual_report.deadline"])),
    )
    return config, reader.problems
