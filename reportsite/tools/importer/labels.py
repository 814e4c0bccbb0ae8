"""The metadata labels of government CMS pages (标题, 索引号, 发文日期 …) and reading their values.

CMSs print a report's metadata as labelled fields, several to a line and with
spaces inside the labels ("索 引 号"), in a table or in the running text. Every
reader of a page finds its metadata with the labels listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from types import MappingProxyType

from reportsite.tools.importer.spacing import collapse

#: Front-matter field → the labels CMSs use for it, best first. Spaces inside a
#: label ("索 引 号") are allowed wherever the label is matched.
FIELD_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("标题", "文件标题", "信息名称", "文件名称", "名称", "题名")),
    ("index_no", ("索引号", "信息索引号", "索引编号")),
    ("doc_no", ("文号", "发文字号", "发文文号", "文件编号", "文件文号")),
    ("issued", ("发文日期", "成文日期", "生成日期", "印发日期", "发文时间", "成文时间")),
    ("published", ("发布日期", "公开日期", "发布时间", "公开时间")),
    ("publisher", ("发布机构", "发布部门", "发布单位", "公开机构", "发文机关", "发文单位")),
    ("category", ("信息分类", "主题分类", "分类")),
    ("column", ("栏目", "所属栏目")),
    ("keywords", ("关键词", "主题词")),
    ("status", ("效力状况", "有效性")),
)
#: Labels that carry nothing we keep but must end the value before them on the same line.
_OTHER_LABELS = ("来源", "信息来源", "时间", "作者", "浏览次数", "点击数", "访问量", "阅读次数", "阅读",
                 "字号", "分享到", "发布人", "责任编辑", "编辑", "原文链接", "本地目录", "当前位置", "有效期",
                 "体裁分类", "组配分类", "服务对象")
#: What CMSs show in an empty field.
_NO_VALUE = frozenset({"无", "暂无", "-", "—", "/", "／", "空"})
_LABEL_FIELD = MappingProxyType({label: key for key, labels in FIELD_LABELS for label in labels})
_LABEL_RANK = MappingProxyType({label: rank for _, labels in FIELD_LABELS for rank, label in enumerate(labels)})


def _label_pattern(label: str) -> str:
    return r"[ \t\u3000]*".join(re.escape(c) for c in label)


def _any_label(labels: Iterable[str]) -> str:
    """One alternation of labels, longest first, so 发文日期 is not read as 发文 + 日期."""
    return "|".join(_label_pattern(label) for label in sorted(labels, key=len, reverse=True))


_ALL_LABELS = (*_LABEL_FIELD, *_OTHER_LABELS)
#: A label starts a line or follows a space or a separator, and is followed by a colon.
_LABEL_RE = re.compile(r"(?:^|(?<=[\s|｜•·】\]]))(?P<label>" + _any_label(_ALL_LABELS) + r")[ \t\u3000]*[:：]")
_LINE_LABEL_RE = re.compile(r"^[\s•·]*(?:" + _any_label(_ALL_LABELS) + r")[ \t\u3000]*[:：]")
_FIELD_LINE_RE = re.compile(r"^[\s•·]*(?:" + _any_label(_LABEL_FIELD) + r")[ \t\u3000]*[:：]")


def parse_labels(lines: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Field → value from lines like `索引号: X 文号:` (several labels per line are common).

    The first non-empty value wins within a label; across labels for one field the
    better label wins (发布机构 over 发文机关), so a page that shows both keeps the right one.
    """
    found: dict[str, tuple[int, str]] = {}
    for line in lines:
        for label, value in _label_values(line):
            key = _LABEL_FIELD.get(label)
            if key is None or not value:
                continue
            rank = _LABEL_RANK[label]
            if key not in found or rank < found[key][0]:
                found[key] = (rank, value)
    return tuple((key, value) for key, (_, value) in found.items())


def _label_values(line: str) -> Iterator[tuple[str, str]]:
    matches = list(_LABEL_RE.finditer(line))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        label = re.sub(r"[ \t\u3000]", "", match.group("label"))
        value = clean(line[match.end():end])
        yield label, "" if value in _NO_VALUE else value


def clean(text: str) -> str:
    """A metadata value: one line, without the separators CMSs put between fields."""
    return collapse(text).strip(" |｜•·")


def label_count(text: str) -> int:
    """How many distinct report fields a piece of page text labels (to spot a metadata block)."""
    labels = {_LABEL_FIELD.get(re.sub(r"\s", "", m.group("label"))) for m in _LABEL_RE.finditer(text)}
    return len(labels - {None})


def is_label_line(line: str) -> bool:
    """A line that starts with a label, whether of a field we keep or of one we skip (来源, 作者)."""
    return bool(_LINE_LABEL_RE.match(line))


def is_field_line(line: str) -> bool:
    """A line that starts with the label of a field we keep: where a text page's metadata begins."""
    return bool(_FIELD_LINE_RE.match(line))


def with_label_colon(text: str) -> str:
    """A table cell's text, given the colon a bare label cell (`<td>索引号</td>`) leaves out."""
    bare = re.sub(r"[\s:：]", "", text)
    return f"{text.rstrip(':： ')}：" if bare in _LABEL_FIELD or bare in _OTHER_LABELS else text
