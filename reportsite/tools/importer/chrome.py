"""Page chrome: what a CMS prints around a report that is no part of it.

Font-size switches, print and close buttons, share links, view counters, banners,
breadcrumbs and the site footer come along in every saved page, on lines of their
own or run into the first and last lines of the body by a crawler. Every CMS words
them a little differently, so the list lives in a data file, furniture.yaml, that a
maintainer extends without touching code; this module reads it and applies it.
Furniture is dropped only where it plainly is furniture: at the edges of the body,
never in its middle, and a body that happens to start with 时间：… keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reportsite.core.dates import DATE_TEXT
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems
from reportsite.core.yamlread import YamlProblem, parse_mapping

#: The furniture list that ships with reportsite.
FURNITURE_FILE = Path(__file__).with_name("furniture.yaml")
#: The sections of the file, each a list of entries, and the keys an entry of each may have.
_SECTIONS = MappingProxyType({"pieces": ("text", "regex", "ends_body"), "lines": ("text", "regex", "ends_body"),
                              "leading": ("text", "regex"), "leading_after_other": ("text", "regex"),
                              "trailing": ("text", "regex")})
#: A whole line of furniture is short and holds no sentence: longer, or with a 。, it is text.
_MAX_LINE_CHARS = 160
#: Past this, or with a 。, a line after the footer starts is text, so the footer did not start there.
_MAX_FOOTER_LINE_CHARS = 200


@dataclass(frozen=True)
class Furniture:
    """The furniture list, compiled: what makes a line furniture, where the footer starts, and
    what a crawler runs into the ends of a one-line body."""

    separators: re.Pattern[str]
    pieces: re.Pattern[str]
    ending_pieces: re.Pattern[str] | None
    lines: tuple[tuple[re.Pattern[str], bool], ...]
    leading: tuple[re.Pattern[str], ...]
    leading_after_other: tuple[re.Pattern[str], ...]
    trailing: re.Pattern[str] | None

    def is_line(self, line: str) -> bool:
        """A line made only of furniture (`• 字号:`, `|`, `【打印】【关闭】`), or a breadcrumb or footer line."""
        if not line.strip():
            return False
        if self._whole_line(line) is not None:
            return True
        return not self.separators.sub("", self.pieces.sub("", line))

    def ends_body(self, line: str) -> bool:
        """A line of furniture that starts a page's footer (print buttons, share links, 主办单位…)."""
        whole = self._whole_line(line)
        if whole is not None:
            return whole
        return (self.ending_pieces is not None and self.is_line(line)
                and self.ending_pieces.search(line) is not None)

    def _whole_line(self, line: str) -> bool | None:
        """Whether a whole-line entry matches (True if it starts the footer), or None."""
        if len(line) > _MAX_LINE_CHARS or "。" in line:
            return None
        return next((ends for pattern, ends in self.lines if pattern.search(line)), None)

    def footer_start(self, lines: Sequence[str | None]) -> int | None:
        """Where the page's footer starts among the body's lines (None for a table, which is never
        footer): the first line after the first that starts one, when no text comes after it."""
        for i in range(1, len(lines)):
            line = lines[i]
            if line is not None and self.ends_body(line) and all(
                    tail is not None and len(tail) <= _MAX_FOOTER_LINE_CHARS and "。" not in tail
                    for tail in lines[i:]):
                return i
        return None

    def strip_leading(self, text: str, title: str) -> str:
        """Drop the breadcrumb, repeated title, 来源/时间, share links and tab labels a crawler ran
        into the start of a body, stopping at the first thing that is not furniture."""
        compact_title = re.sub(r"\s", "", title)
        rest = text.lstrip()
        while rest:
            if compact_title and _starts_with_title(rest, compact_title):
                rest = _after_title(rest, compact_title).lstrip()
                continue
            patterns = self.leading + (self.leading_after_other if rest != text.lstrip() else ())
            match = next((m for p in patterns if (m := p.match(rest)) and _ends_token(rest, m.end())), None)
            if match is None or match.end() == 0:
                break
            rest = rest[match.end():].lstrip()
        return rest

    def strip_trailing(self, text: str) -> str:
        """Drop 附件下载, a closing 来源 line and print/close buttons after the last sentence."""
        rest = text.rstrip()
        while self.trailing is not None and (match := self.trailing.search(rest)) is not None:
            rest = rest[: match.start()].rstrip()
        return rest


def _ends_token(text: str, end: int) -> bool:
    return end == len(text) or text[end].isspace()


def _starts_with_title(text: str, compact_title: str) -> bool:
    compact = re.sub(r"\s", "", text[: len(compact_title) * 2])
    return compact.startswith(compact_title) and _ends_token(text, len(_after_title_prefix(text, compact_title)))


def _after_title_prefix(text: str, compact_title: str) -> str:
    """The part of `text` that spells the title, whatever spaces it has inside."""
    count, i = 0, 0
    while i < len(text) and count < len(compact_title):
        if not text[i].isspace():
            count += 1
        i += 1
    return text[:i]


def _after_title(text: str, compact_title: str) -> str:
    return text[len(_after_title_prefix(text, compact_title)):]


def load_furniture(path: Path | None = None) -> Furniture:
    """The furniture list in `path` (by default the one that ships, FURNITURE_FILE), or Problems
    naming the file and line when it cannot be used: a broken list must stop the import, not
    silently let furniture into reports."""
    path = path or FURNITURE_FILE
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _broken(name, None, msg("import.furniture_unreadable", "cannot read the furniture list: {reason}",
                                      reason=reason)) from None
    try:
        parsed = parse_mapping(text, what=msg("import.furniture_what", "the furniture list"))
    except YamlProblem as problem:
        raise _broken(name, problem.line, msg("import.furniture_not_yaml", "the furniture list is not valid "
                                                                           "YAML: {problem}",
                                              problem=problem.message)) from None
    for key in parsed.data:
        if key != "separators" and key not in _SECTIONS:
            raise _broken(name, parsed.lines.get(key), msg(
                "import.furniture_unknown_section", "unknown section `{key}:`; the sections are {sections}",
                key=key, sections=", ".join(("separators", *_SECTIONS))))
    sections = {section: _section(name, parsed.data, parsed.item_lines, parsed.lines, section)
                for section in _SECTIONS}
    separators = _compile(name, parsed.lines.get("separators"), str(parsed.data.get("separators", r"\s")))
    pieces = sections["pieces"]
    return Furniture(separators, _either(p for p, _ in pieces) or re.compile(r"(?!)"),
                     _either(p for p, ends in pieces if ends), sections["lines"],
                     tuple(p for p, _ in sections["leading"]), tuple(p for p, _ in sections["leading_after_other"]),
                     _trailing(p for p, _ in sections["trailing"]))


def _broken(name: str, line: int | None, message: Message) -> Problems:
    return Problems([Problem(name, line, message)])


def _section(name: str, data: dict[str, Any], item_lines: dict[str, tuple[int, ...]], key_lines: dict[str, int],
             section: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """One section's entries as (pattern, starts the footer), each checked with its line."""
    entries = data.get(section, [])
    if not isinstance(entries, list):
        raise _broken(name, key_lines.get(section), msg(
            "import.furniture_not_list", "`{section}:` must be a list of entries, each `- text: …` or "
                                         "`- regex: '…'`", section=section))
    lines = item_lines.get(section, ())
    return tuple(_entry(name, lines[i] if i < len(lines) else key_lines.get(section), section, entry)
                 for i, entry in enumerate(entries))


def _entry(name: str, line: int | None, section: str, entry: object) -> tuple[re.Pattern[str], bool]:
    allowed = _SECTIONS[section]
    if (not isinstance(entry, dict) or set(entry) - set(allowed) or ("text" in entry) == ("regex" in entry)
            or not isinstance(entry.get("text", entry.get("regex")), str) or entry.get("ends_body", False)
            not in (True, False)):
        raise _broken(name, line, msg("import.furniture_bad_entry", "an entry of `{section}:` is `text: …` or "
                                                                    "`regex: '…'` (one of them){ends}",
                                      section=section, ends=msg("import.furniture_ends_hint",
                                                                ", with `ends_body: true` if it starts the footer")
                                      if "ends_body" in allowed else ""))
    pattern = re.escape(entry["text"]) if "text" in entry else entry["regex"].replace("{date}", DATE_TEXT)
    return _compile(name, line, pattern), bool(entry.get("ends_body", False))


def _compile(name: str, line: int | None, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise _broken(name, line, msg("import.furniture_bad_regex", "the regex {pattern} is not valid: {reason}; "
                                                                    "write a Python regular expression in single "
                                                                    "quotes", pattern=pattern, reason=str(exc))) from None


def _either(patterns: Any) -> re.Pattern[str] | None:
    """One pattern matching any of `patterns`, or None when there are none."""
    sources = [p.pattern for p in patterns]
    return re.compile("|".join(f"(?:{s})" for s in sources)) if sources else None


def _trailing(patterns: Any) -> re.Pattern[str] | None:
    """The run-in trailing furniture: any entry at the very end, alone or after a space."""
    either = _either(patterns)
    return re.compile(rf"(?:^|\s+)(?:{either.pattern})$") if either is not None else None
