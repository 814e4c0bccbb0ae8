"""The metadata labels of government CMS pages (标题, 索引号, 发文日期 …) and reading their values.

CMSs print a report's metadata as labelled fields in every layout there is: one
`label：value` to a line or several, `label value` with no colon at all (索引号
MB1670946/2023-00023 生成日期 2023-01-17), pipe-table rows (| 索引号 | … |), table
cells, spaced labels (索 引 号, 标　　题) and bracketed ones (【索引号】). Every reader
of a page finds its metadata with the labels listed here, so a label added here is
known to all of them, and a label of a field we do not keep still ends the value
before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType

from reportsite.core.dates import find_date
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem
from reportsite.tools.importer.page import review_note
from reportsite.tools.importer.spacing import collapse

#: Front-matter field → the labels CMSs use for it, best first. Spaces inside a
#: label ("索 引 号") are allowed wherever the label is matched. `column` and
#: `page_title` (a crawler's copy of the page's <title>) are read to fall back on.
FIELD_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("标题", "文件标题", "信息名称", "文件名称", "名称", "题名")),
    ("index_no", ("索引号", "信息索引号", "索引编号")),
    ("doc_no", ("文号", "发文字号", "发文文号", "文件编号", "文件文号")),
    ("issued", ("发文日期", "成文日期", "生成日期", "印发日期", "发文时间", "成文时间")),
    ("published", ("发布日期", "公开日期", "发布时间", "公开时间")),
    ("publisher", ("发布机构", "发布部门", "发布单位", "公开机构", "发文机关", "发文单位")),
    ("category", ("信息分类", "主题分类", "分类", "组配分类")),
    ("column", ("栏目", "所属栏目", "公开目录")),
    ("keywords", ("关键词", "主题词")),
    ("status", ("效力状况", "有效性")),
    ("summary", ("内容概述", "内容摘要", "摘要")),
    ("page_title", ("网页标题", "页面标题")),
)
#: Labels that carry nothing we keep but must end the value before them on the same line.
_OTHER_LABELS = ("来源", "信息来源", "时间", "作者", "浏览次数", "访问次数", "点击数", "访问量", "阅读次数", "阅读",
                 "字号", "分享到", "发布人", "责任编辑", "编辑", "原文链接", "本地目录", "当前位置", "有效期",
                 "体裁分类", "服务对象", "公开方式", "公开时限", "公开范围", "公开形式", "生效日期", "失效日期",
                 "废止日期", "网址", "来源网址", "原文地址", "抓取时间", "采集时间")
#: What CMSs show in an empty field.
_NO_VALUE = frozenset({"无", "暂无", "-", "—", "/", "／", "空"})
_LABEL_FIELD = MappingProxyType({label: key for key, labels in FIELD_LABELS for label in labels})
_LABEL_RANK = MappingProxyType({label: rank for _, labels in FIELD_LABELS for rank, label in enumerate(labels)})
_DATE_FIELDS = frozenset({"issued", "published"})
_SPACE = r"[ \t\u3000\xa0]"


def _label_pattern(label: str) -> str:
    return f"{_SPACE}*".join(re.escape(c) for c in label)


def _any_label(labels: Iterable[str]) -> str:
    """One alternation of labels, longest first, so 发文日期 is not read as 发文 + 日期."""
    return "|".join(_label_pattern(label) for label in sorted(labels, key=len, reverse=True))


_ALL = _any_label((*_LABEL_FIELD, *_OTHER_LABELS))
_FIELDS = _any_label(_LABEL_FIELD)
#: A label starts a line or follows a space or a separator, and is followed by a colon (or is in 【】).
_LABEL_RE = re.compile(rf"(?:^|(?<=[\s|｜•·】\]]))(?:(?P<label>{_ALL}){_SPACE}*[:：]|[【\[](?P<boxed>{_ALL})[】\]])")
_LINE_LABEL_RE = re.compile(rf"^[\s•·]*(?:(?:{_ALL}){_SPACE}*[:：]|[【\[](?:{_ALL})[】\]])")
_FIELD_LINE_RE = re.compile(rf"^[\s•·]*(?:(?:{_FIELDS}){_SPACE}*[:：]|[【\[](?:{_FIELDS})[】\]])")
#: Without a colon: a label at the start of the line or after a space, followed by a space or the end.
_BARE_RE = re.compile(rf"(?:^|(?<=\s))(?P<label>{_ALL})(?=\s|$)")
_BARE_START_RE = re.compile(rf"^\s*(?:{_ALL})(?=\s|$)")
#: A value that is cells of a table laid out with spaces (数量  金额), not one value.
_CELL_GAP_RE = re.compile(r"\S(?:\t|[ \u3000\xa0]{2,})\S")
_PIPES_RE = re.compile(r"[|｜]")


@dataclass(frozen=True)
class Conflict:
    """One field given twice with different values: the one used, and the other."""

    label: str
    value: str
    other_label: str
    other_value: str


@dataclass(frozen=True)
class Labels:
    """The fields a page's metadata gives (field → value, in the order found) and where it
    contradicts itself."""

    values: tuple[tuple[str, str], ...]
    conflicts: tuple[Conflict, ...] = ()


def parse_labels(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Field → value from lines like `索引号: X 文号:` (several labels per line are common)."""
    return read_labels(lines).values


def read_labels(lines: Iterable[str]) -> Labels:
    """Field → value from metadata lines, and the fields given twice with different values.

    The first non-empty value wins within a label; across labels for one field the
    better label wins (发布机构 over 发文机关), so a page that shows both keeps the right
    one, and the editor is told when the two disagree. An empty value (`文号` alone)
    gives nothing, but still ends the value before it.
    """
    found: dict[str, tuple[int, str, str]] = {}
    conflicts: list[Conflict] = []
    for line in lines:
        for label, value in label_values(line):
            key = _LABEL_FIELD.get(label)
            if key is None or not value:
                continue
            rank = _LABEL_RANK[label]
            if key not in found:
                found[key] = (rank, label, value)
            elif _differ(key, found[key][2], value):
                conflicts.append(_conflict(found[key], rank, label, value))
                if rank < found[key][0]:
                    found[key] = (rank, label, value)
            elif key in _DATE_FIELDS and len(find_date(value)) > len(find_date(found[key][2])):
                found[key] = (found[key][0], found[key][1], value)  # the same day, with its time
    return Labels(tuple((key, value) for key, (_, _, value) in found.items()), _unique(conflicts))


def conflict_notes(name: str, conflicts: Iterable[Conflict]) -> list[Problem]:
    """A note per field the page gives twice with different values, naming both: the page is
    imported with the first, but only the editor can tell which is right."""
    return [review_note(name, msg("import.conflicting_values", '"{label}: {value}" and "{other_label}: '
                                                               '{other_value}" disagree; used "{value}", check '
                                                               "which is right", label=c.label, value=c.value,
                                  other_label=c.other_label, other_value=c.other_value)) for c in conflicts]


def _conflict(kept: tuple[int, str, str], rank: int, label: str, value: str) -> Conflict:
    """The conflict as the editor reads it: the value used first."""
    if rank < kept[0]:
        return Conflict(label, value, kept[1], kept[2])
    return Conflict(kept[1], kept[2], label, value)


def _unique(conflicts: list[Conflict]) -> tuple[Conflict, ...]:
    return tuple(dict.fromkeys(conflicts))


def _differ(key: str, first: str, second: str) -> bool:
    """Whether two values of a field disagree: dates by the day and time they name (a time
    only one of them gives is no disagreement), text by its characters, spaces aside."""
    if key in _DATE_FIELDS:
        a, b = find_date(first), find_date(second)
        if a and b:
            return a != b and (len(a) == len(b) or a[:10] != b[:10])
    return re.sub(r"\s", "", first) != re.sub(r"\s", "", second)


def label_values(line: str) -> Iterator[tuple[str, str]]:
    """(label, value) of each label on one line, whichever layout the line has."""
    cells = _pipe_cells(line)
    if cells is not None:
        yield from _cell_values(cells)
    elif _LABEL_RE.search(line):
        yield from _colon_values(line)
    elif _BARE_START_RE.match(line):
        yield from _bare_values(line)


def _colon_values(line: str) -> Iterator[tuple[str, str]]:
    matches = list(_LABEL_RE.finditer(line))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        yield _compact(match.group("label") or match.group("boxed")), _value(line[match.end():end])


def _bare_values(line: str) -> Iterator[tuple[str, str]]:
    """`索引号 X 生成日期 Y`: labels without colons, each value running to the next label. A
    line of one label whose value is table cells laid out with spaces (名称  数量  金额) is a
    table's header row, not metadata."""
    matches = list(_BARE_RE.finditer(line))
    if len(matches) == 1 and _CELL_GAP_RE.search(line[matches[0].end():].strip()):
        return
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        yield _compact(match.group("label")), _value(line[match.end():end])


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe-table row that holds a label cell (`| 索引号 | X |`), else None."""
    if not _PIPES_RE.search(line):
        return None
    cells = [cell.strip() for cell in _PIPES_RE.split(line.strip().strip("|｜"))]
    return cells if any(_bare_label(cell) for cell in cells) else None


def _cell_values(cells: list[str]) -> Iterator[tuple[str, str]]:
    """Label cells each followed by their value cells (none for an empty field)."""
    label: str | None = None
    values: list[str] = []
    for cell in cells:
        bare = _bare_label(cell)
        if bare is not None:
            if label is not None:
                yield label, _value(" ".join(values))
            label, values = bare, []
        elif label is not None and cell:
            values.append(cell)
    if label is not None:
        yield label, _value(" ".join(values))


def _bare_label(cell: str) -> str | None:
    """The label a cell holds on its own (`索 引 号`, `发布机构：`, `【文号】`), or None."""
    bare = re.sub(r"[\s:：【】\[\]\u3000\xa0]", "", cell)
    return bare if bare in _LABEL_FIELD or bare in _OTHER_LABELS else None


def _compact(label: str) -> str:
    return re.sub(rf"{_SPACE}|\s", "", label)


def _value(text: str) -> str:
    value = clean(text)
    return "" if value in _NO_VALUE else value


def clean(text: str) -> str:
    """A metadata value: one line, without the separators CMSs put between fields."""
    return collapse(text).strip(" |｜•·")


def label_count(text: str) -> int:
    """How many distinct report fields a piece of page text labels (to spot a metadata block)."""
    keys = {_LABEL_FIELD.get(label) for line in text.split("\n") for label, _ in label_values(line)}
    return len(keys - {None})


def is_label_line(line: str) -> bool:
    """A line that starts with a label, whether of a field we keep or of one we skip (来源, 作者),
    in any layout: `索引号：X`, `索引号 X 生成日期 Y`, `| 索引号 | X |`."""
    if _LINE_LABEL_RE.match(line):
        return True
    return any(True for _ in label_values(line)) and (_pipe_cells(line) is not None or not _LABEL_RE.search(line))


def is_field_line(line: str) -> bool:
    """A line that starts with the label of a field we keep: where a text page's metadata begins."""
    if _FIELD_LINE_RE.match(line):
        return True
    if _pipe_cells(line) is None and _LABEL_RE.search(line):
        return False
    return any(label in _LABEL_FIELD for label, _ in label_values(line))


def with_label_colon(text: str) -> str:
    """A table cell's text, given the colon a bare label cell (`<td>索引号</td>`) leaves out."""
    return f"{text.rstrip(':： ')}：" if _bare_label(text) is not None else text
