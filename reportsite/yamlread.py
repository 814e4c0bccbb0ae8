"""YAML mappings read with the line of every key, so errors can point at a line.

Dates stay strings here on purpose: PyYAML would turn `2024-02-30` into a
traceback and `2024-1-5` into a plain string, and the content stage wants to
judge both itself and say how to fix them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class YamlMapping:
    """A parsed mapping with the 1-based line of each top-level key."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)


class YamlProblem(Exception):
    """A YAML fault with the 1-based line it was found on."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """Turn PyYAML's parser wording into advice an editor can act on."""
    problem = exc.problem or "syntax error"
    if "mapping values are not allowed" in problem:
        return ("YAML syntax error: a value contains ': ' (put the whole value in "
                "quotes, e.g. title: \"…\")")
    if "could not find expected ':'" in problem:
        return "YAML syntax error: a line is not of the form `key: value` (add the colon or quote the text)"
    return f"YAML syntax error: {problem} (check indentation, colons and quotes)"


def parse_mapping(text: str, first_line: int = 1) -> YamlMapping:
    """Parse `text` as a YAML mapping; lines are reported from `first_line` on."""
    tab = re.search(r"^[ ]*\t", text, re.MULTILINE)
    if tab:
        raise YamlProblem(text.count("\n", 0, tab.start()) + first_line,
                          "YAML does not allow tab characters for indentation (indent with spaces)")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlMapping({}, {})
        if not isinstance(node, yaml.MappingNode):
            raise YamlProblem(node.start_mark.line + first_line,
                              "front matter must be `key: value` lines, not a list or plain text")
        lines = _key_lines(node, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        raise YamlProblem(line, _syntax_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    return YamlMapping({str(k): v for k, v in data.items()}, lines)


def _key_lines(node: yaml.MappingNode, first_line: int) -> dict[str, int]:
    """Record each key's line and reject duplicates, which YAML would silently merge."""
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + first_line
        if key in lines:
            raise YamlProblem(line, f"key `{key}` appears twice (first on line {lines[key]}); keep one")
        lines[key] = line
    return lines
