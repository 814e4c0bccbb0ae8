"""YAML mappings read with the line of every key, so errors can point at a line.

Dates stay strings here on purpose: PyYAML would turn `2024-02-30` into a
traceback and `2024-1-5` into a plain string, and the content stage wants to
judge both itself and say how to fix them.

Front matter comes from editors, not programs, so only plain YAML is read:
text, numbers, lists and mappings. Tags (`!!binary`, `!!python/…`), merge keys
and keys that are not plain words are refused with their line, and aliases may
not repeat more than a few thousand values (a "billion laughs" file would
otherwise take the build down).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from reportsite.core.i18n import Message, msg

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
#: The tags plain YAML resolves to; anything else was written on purpose and is refused.
_PLAIN_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))
_KEY_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null"))
#: How many values aliases (`*name`) may add by repeating anchored ones…
MAX_ALIAS_VALUES = 10_000
#: …and how many characters, so that a few aliases of one huge string cannot blow up a page.
MAX_ALIAS_CHARS = 200_000
#: Longer numbers are refused (Python will not even read one of more than 4,300 digits).
MAX_NUMBER_DIGITS = 100


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class YamlMapping:
    """A parsed mapping with the 1-based line of each top-level key.

    `texts` keeps each top-level scalar as written, so `title: yes` or
    `title: 1.50` can be shown as the editor typed it rather than as True or 1.5.
    """

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: For a top-level list (metrics, attachments), the line of each item, so a message can
    #: point at the item at fault rather than at the key above the list.
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: The line of every key of nested mappings too, by its dotted path (`publishers.badou.name`), so
    #: a message about a nested key points at that key rather than at the section above it.
    nested_lines: dict[str, int] = field(default_factory=dict)


class YamlProblem(Exception):
    """A YAML fault with the 1-based line it was found on; `message` is what the editor reads (see i18n)."""

    def __init__(self, line: int | None, message: Message | str) -> None:
        super().__init__(str(message))
        self.line = line
        self.message = message


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> Message:
    """Turn PyYAML's parser wording into advice an editor can act on."""
    problem = exc.problem or "syntax error"
    mark = exc.problem_mark
    lines = text.split("\n")
    indented = mark is not None and mark.line < len(lines) and lines[mark.line][:1] == " "
    if "mapping values are not allowed" in problem and indented:
        return msg("yaml.indented_without_parent",
                   "YAML syntax error: this line is indented, but the line above has no list or mapping to hold it "
                   "(remove the leading spaces, or put the whole value above in quotes)")
    if "mapping values are not allowed" in problem:
        return msg("yaml.colon_in_value", "YAML syntax error: a value contains ': ' (put the whole value in "
                                          "quotes, e.g. title: \"…\")")
    if "could not find expected ':'" in problem:
        return msg("yaml.colon_missing",
                   "YAML syntax error: a line is not of the form `key: value` (add the colon or quote the text)")
    if "did not find expected key" in problem:
        return msg("yaml.not_key_value",
                   "YAML syntax error: a line is not of the form `key: value`, or is indented differently from the "
                   "keys around it (check its indentation, and remove a stray `:` or `-`)")
    if "expected '-' indicator" in problem:
        return msg("yaml.list_misaligned",
                   "YAML syntax error: the entries of a list must line up (check the indentation of the `-` lines)")
    if "flow sequence" in (exc.context or "") or "flow mapping" in (exc.context or ""):
        return msg("yaml.bracket_not_closed", "YAML syntax error: a `[` or `{{` is never closed (add the closing `]` "
                                              "or `}}`, or quote the value if the bracket is part of the text)")
    return msg("yaml.syntax_error", "YAML syntax error: {problem} (check indentation, colons and quotes)",
               problem=problem)


_QUOTED_VALUE_RE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#"'][^:#]*:\s+)?(["'])""")
_UNCLOSED_QUOTE = msg("yaml.quote_not_closed",
                      "YAML syntax error: a quote is never closed (add the closing quote at the end of the value)")


def _unclosed_quote_line(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """The 0-based line of a value whose opening quote is never closed, if that is what went wrong.

    A quote left open swallows the lines after it up to the next quote, so YAML
    stumbles only later, often with an unrelated complaint; the culprit is the
    first line up to the error that opens a quoted value and has an odd number of that quote.
    """
    mark = exc.problem_mark or exc.context_mark
    last = mark.line if mark else len(text)
    for number, line in enumerate(text.split("\n")[: last + 1]):
        opened = _QUOTED_VALUE_RE.match(line)
        if opened and line.replace("\\" + opened[1], "").count(opened[1]) % 2:
            return number
    return None


def _syntax_line(exc: yaml.MarkedYAMLError, first_line: int) -> int | None:
    """The line to fix: where an unclosed bracket or a key without its colon starts, else where parsing stopped."""
    opened = exc.context_mark if re.search(r"flow (sequence|mapping)|simple key", exc.context or "") else None
    mark = opened or exc.problem_mark or exc.context_mark
    return mark.line + first_line if mark else None


def _reader_problem(exc: yaml.reader.ReaderError, text: str, first_line: int) -> YamlProblem:
    """Characters YAML refuses (C1 controls, U+FFFE …), named by code point and line."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character or 0)
    found = text.find(char)  # PyYAML's position counts bytes with the C reader, so look the character up
    line = text.count("\n", 0, found) + first_line if found >= 0 else None
    codepoint = f"U+{ord(char):04X}"
    return YamlProblem(line, msg("yaml.character_not_allowed", "the character {codepoint} is not allowed in YAML; "
                                                               "delete it (it often comes from copy and paste)",
                                 codepoint=codepoint))


def parse_mapping(text: str, first_line: int = 1,
                  what: Message | str = msg("yaml.the_file", "the file")) -> YamlMapping:
    """Parse `text` as a YAML mapping; lines are reported from `first_line` on, and `what` names the text."""
    tab = re.search(r"^[ ]*\t", text, re.MULTILINE)
    if tab:
        raise YamlProblem(text.count("\n", 0, tab.start()) + first_line, msg(
            "yaml.tab_indent", "YAML does not allow tab characters for indentation (indent with spaces)"))
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here already
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(exc, text, first_line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlMapping({}, {})
        if not isinstance(node, yaml.MappingNode):
            raise YamlProblem(node.start_mark.line + first_line, msg(
                "yaml.not_a_mapping", "{what} must be `key: value` lines, not a list or plain text; "
                                      "write one `key: value` per line, e.g. title: …", what=what))
        _check_nodes(node, first_line)
        lines = _key_lines(node, first_line)
        values = [loader.construct_object(value) for _, value in node.value]
        _finish_construction(loader)
    except yaml.MarkedYAMLError as exc:
        quote = _unclosed_quote_line(exc, text)
        if quote is not None:
            raise YamlProblem(quote + first_line, _UNCLOSED_QUOTE) from None
        raise YamlProblem(_syntax_line(exc, first_line), _syntax_message(exc, text)) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(exc, text, first_line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, msg("yaml.error", "YAML error: {detail} (check the file's syntax)",
                                    detail=" ".join(str(exc).split()))) from None
    finally:
        loader.dispose()
    keys = list(lines)
    texts = {k: str(v.value) for k, (_, v) in zip(keys, node.value) if isinstance(v, yaml.ScalarNode)}
    items = {k: tuple(item.start_mark.line + first_line for item in v.value)
             for k, (_, v) in zip(keys, node.value) if isinstance(v, yaml.SequenceNode)}
    return YamlMapping(dict(zip(keys, values)), lines, texts, items, _nested_key_lines(node, first_line))


def _nested_key_lines(root: yaml.MappingNode, first_line: int) -> dict[str, int]:
    """Every mapping key's line by dotted path, walked without recursion and each node once (aliases
    were bounded by _check_nodes); the first of a repeated path wins."""
    found: dict[str, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.MappingNode, str]] = [(root, "")]
    while stack:
        node, prefix = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for key_node, value in node.value:
            path, line = prefix + str(key_node.value), key_node.start_mark.line + first_line
            if path in found and prefix:  # YAML would keep the last silently; top-level keys are checked apart
                raise YamlProblem(line, msg("yaml.nested_key_twice", "`{key}` appears twice under `{parent}` (first "
                                                                      "on line {first}); keep one",
                                            key=key_node.value, parent=prefix.rstrip("."), first=found[path]))
            found.setdefault(path, line)
            if isinstance(value, yaml.MappingNode):
                stack.append((value, path + "."))
    return found


def _finish_construction(loader: Any) -> None:
    """Fill in lists and mappings the way construct_document does: in a loop, not by recursion."""
    while loader.state_generators:
        generators, loader.state_generators = loader.state_generators, []
        for generator in generators:
            for _ in generator:
                pass


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_nodes(root: yaml.MappingNode, first_line: int) -> None:
    """Refuse tags, odd keys, huge numbers and alias bombs before anything is built from the nodes.

    Walks the node graph without recursion (nesting may be thousands deep) and counts how many
    values, and characters, the aliases add; a node seen twice is an alias.
    """
    sizes: dict[int, tuple[int, int]] = {}  # node → (values, characters) once expanded
    visiting: set[int] = set()
    alias_lines: list[int] = []
    written_chars = 0
    stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 0)]
    while stack:
        node, done, parent_line = stack.pop()
        if done:
            visiting.discard(id(node))
            sizes[id(node)] = _expanded_size(node, [sizes[id(c)] for c in _children(node)])
            continue
        if id(node) in sizes:  # an alias: the node is the anchored one, so name the line that repeats it
            alias_lines.append(parent_line)
            continue
        line = node.start_mark.line + first_line
        if id(node) in visiting:
            raise YamlProblem(line, msg("yaml.alias_loop", "an alias (`*name`) refers to the value that contains it; "
                                                           "write the value out instead"))
        _check_tag(node, line)
        _check_keys_and_numbers(node, line, first_line, nested=node is not root)
        written_chars += len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        visiting.add(id(node))
        stack.append((node, True, parent_line))
        stack.extend((child, False, line) for child in reversed(_children(node)))
    values, chars = sizes[id(root)]
    if values - len(sizes) > MAX_ALIAS_VALUES or chars - written_chars > MAX_ALIAS_CHARS:
        raise YamlProblem(min(alias_lines, default=root.start_mark.line + first_line), msg(
            "yaml.aliases_too_big", "aliases (`*name`) repeat more than {values} values or {chars} characters; "
                                    "write the values out instead of repeating anchors",
            values=MAX_ALIAS_VALUES, chars=MAX_ALIAS_CHARS))


def _expanded_size(node: yaml.Node, children: list[tuple[int, int]]) -> tuple[int, int]:
    own_chars = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
    return 1 + sum(v for v, _ in children), own_chars + sum(c for _, c in children)


def _check_keys_and_numbers(node: yaml.Node, line: int, first_line: int, nested: bool) -> None:
    """Keys inside values must be words (mixed kinds of key cannot even be sorted), and numbers
    must be of a readable length (Python refuses to read one of more than 4,300 digits). Top-level
    keys are checked by name later, which gives a better message ("unknown key")."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "int" and len(node.value) > MAX_NUMBER_DIGITS:
        raise YamlProblem(line, msg("yaml.number_too_long", 'this number has {count} characters; if it is text, '
                                                            'put it in quotes ("…")', count=len(node.value)))
    if isinstance(node, yaml.MappingNode) and nested:
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != _TAG + "str":
                shown = (str(key.value)[:40] if isinstance(key, yaml.ScalarNode)
                         else msg("yaml.key_not_scalar", "a list or mapping"))
                raise YamlProblem(key.start_mark.line + first_line, msg(
                    "yaml.nested_key_not_word", "the key `{key}` must be a word such as `title`; "
                                                "write `key: value` with a word before the colon", key=shown))


def _check_tag(node: yaml.Node, line: int) -> None:
    if node.tag == _TAG + "merge":
        raise YamlProblem(line, msg("yaml.merge_key",
                                    "merge keys (`<<:`) are not supported in front matter; write the keys out"))
    if node.tag not in _PLAIN_TAGS:
        shown = "!!" + node.tag.removeprefix(_TAG) if node.tag.startswith(_TAG) else node.tag
        raise YamlProblem(line, msg("yaml.tag_not_allowed", "the YAML tag `{tag}` is not allowed; remove it and "
                                                            "write the value as plain text, a number or a list",
                                    tag=shown))


def _key_lines(node: yaml.MappingNode, first_line: int) -> dict[str, int]:
    """Record each key's line and reject duplicates, which YAML would silently merge."""
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        line = key_node.start_mark.line + first_line
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
            raise YamlProblem(line, msg("yaml.key_not_word", "a key must be a plain word such as `title`, not a list "
                                                             "or mapping; write `key: value`"))
        key = str(key_node.value)
        if not key.strip():
            raise YamlProblem(line, msg("yaml.key_missing", "a line has a value but no key; write it as `key: value`"))
        if key in lines:
            raise YamlProblem(line, msg("yaml.key_twice", "key `{key}` appears twice (first on line {first}); keep one",
                                        key=key, first=lines[key]))
        lines[key] = line
    return lines


def yaml_scalar(value: object) -> str:
    """One value as YAML on one line: plain where that is safe, quoted where it is not."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1 << 20)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()
