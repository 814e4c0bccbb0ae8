"""The national forms of the 政府信息公开工作年度报告: their tables, rows, columns and wording.

Two templates are in use: 国办公开办函〔2021〕30号 (reports for 2021 on) and 国办公开办函〔2019〕60号
(reports for 2019 and 2020). The content stage reads an editor's numbers against a form, the
renderers draw the form's tables from it, and the importer recognises a published table by it, so
the wording lives here once, in the order the form prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

COUNT, CHANGE, AMOUNT = "count", "change", "amount"
#: The 信息分类 of a 年报 (what its deadline and `new`'s skeleton go by), and the series `new` puts it in.
CATEGORY = "信息公开年报"
SERIES = "政府信息公开工作年度报告"
TEMPLATES = ("2021", "2019")
DEFAULT_TEMPLATE = "2021"


@dataclass(frozen=True)
class Column:
    """A column of numbers; `kind` says what a cell may hold (a count of cases, a change that may
    be negative, or an amount of money), and a total column may be left out and computed."""

    key: str
    label: str
    kind: str = COUNT
    total: bool = False


@dataclass(frozen=True)
class Row:
    """A row of numbers as the editor writes it: `key` under the mapping `group` (empty at the top of
    the table), shown as the form's `label`."""

    key: str
    label: str
    group: str = ""
    total: bool = False
    title: str = ""  # what messages call the row, when not its label

    @property
    def name(self) -> str:
        return self.title or self.label

    @property
    def path(self) -> str:
        """The row's place in the YAML, as messages name it (不予公开.属于国家秘密)."""
        return f"{self.group}.{self.key}" if self.group else self.key


@dataclass(frozen=True)
class Part:
    """A block of rows that share columns: one of table 2's 第二十条 blocks, or all of table 3 or 4."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """One of the form's tables, rendered after the heading of its section (二、, 三、 or 四、)."""

    key: str
    section: str
    caption: str
    parts: tuple[Part, ...]

    @property
    def rows(self) -> tuple[tuple[Part, Row], ...]:
        return tuple((part, row) for part in self.parts for row in part.rows)


@dataclass(frozen=True)
class Group:
    """A heading row of table 3 that holds reasons (（三）不予公开 and its eight reasons)."""

    key: str
    label: str


@dataclass(frozen=True)
class Form:
    template: str
    document: str
    tables: tuple[Table, ...]
    groups: tuple[Group, ...]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _part(heading: str, columns: tuple[Column, ...], *rows: str) -> Part:
    return Part(heading, columns, tuple(Row(name, name) for name in rows))


_DECIDED = (Column("本年处理决定数量", "本年处理决定数量"),)
_TABLE2_2021 = Table("表二", "二", "主动公开政府信息情况", (
    _part("第二十条第（一）项", (Column("本年制发件数", "本年制发件数"), Column("本年废止件数", "本年废止件数"),
                             Column("现行有效件数", "现行有效件数")), "规章", "行政规范性文件"),
    _part("第二十条第（五）项", _DECIDED, "行政许可"),
    _part("第二十条第（六）项", _DECIDED, "行政处罚", "行政强制"),
    _part("第二十条第（八）项", (Column("本年收费金额", "本年收费金额（单位：万元）", AMOUNT),), "行政事业性收费"),
))
_PROJECTS = (Column("上一年项目数量", "上一年项目数量"), Column("本年增/减", "本年增/减", CHANGE),
             Column("处理决定数量", "处理决定数量"))
_TABLE2_2019 = Table("表二", "二", "主动公开政府信息情况", (
    _part("第二十条第（一）项", (Column("本年新制作数量", "本年新制作数量"), Column("本年新公开数量", "本年新公开数量"),
                             Column("对外公开总数量", "对外公开总数量")), "规章", "规范性文件"),
    _part("第二十条第（五）项", _PROJECTS, "行政许可", "其他对外管理服务事项"),
    _part("第二十条第（六）项", _PROJECTS, "行政处罚", "行政强制"),
    _part("第二十条第（八）项", _PROJECTS[:2], "行政事业性收费"),
    _part("第二十条第（九）项", (Column("采购项目数量", "采购项目数量"), Column("采购总金额", "采购总金额", AMOUNT)),
          "政府集中采购"),
))

APPLICANTS = (
    Column("自然人", "自然人"), Column("商业企业", "商业企业"), Column("科研机构", "科研机构"),
    Column("社会公益组织", "社会公益组织"), Column("法律服务机构", "法律服务机构"), Column("其他", "其他"),
    Column("总计", "总计", total=True),
)
_GROUPS = (Group("不予公开", "（三）不予公开"), Group("无法提供", "（四）无法提供"),
           Group("不予处理", "（五）不予处理"), Group("其他处理", "（六）其他处理"))
_GROUP_LABELS = {group.key: group.label for group in _GROUPS}
_REASONS = {
    "不予公开": ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
             "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"),
    "无法提供": ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    "不予处理": ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
             "要求行政机关确认或重新出具已获取信息"),
}
#: 2021's three reasons under （六）其他处理: the key an editor writes, and the form's wording.
_OTHER_2021 = (("逾期不补正", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
               ("逾期未缴费", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
               ("其他", "其他"))


def _reasons(group: str, reasons: tuple[tuple[str, str], ...]) -> tuple[Row, ...]:
    return tuple(Row(key, f"{number}.{label}", group, title=f"{_GROUP_LABELS[group]}{number}.{key}")
                 for number, (key, label) in enumerate(reasons, 1))


def _table3(other_reasons: bool) -> Table:
    rows = [Row("本年新收", "一、本年新收政府信息公开申请数量"), Row("上年结转", "二、上年结转政府信息公开申请数量"),
            Row("予以公开", "（一）予以公开"), Row("部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", title="（二）部分公开")]
    for group in ("不予公开", "无法提供", "不予处理"):
        rows += _reasons(group, tuple((reason, reason) for reason in _REASONS[group]))
    rows += _reasons("其他处理", _OTHER_2021) if other_reasons else [Row("其他处理", "（六）其他处理")]
    rows += [Row("总计", "（七）总计", total=True, title="第（七）项总计"), Row("结转下年度", "四、结转下年度继续办理")]
    return Table("表三", "三", "收到和处理政府信息公开申请情况", (Part("", APPLICANTS, tuple(rows)),))


OUTCOMES = (Column("结果维持", "结果维持"), Column("结果纠正", "结果纠正"), Column("其他结果", "其他结果"),
            Column("尚未审结", "尚未审结"), Column("总计", "总计", total=True))
_TABLE4 = Table("表四", "四", "政府信息公开行政复议、行政诉讼情况", (Part("", OUTCOMES, (
    Row("行政复议", "行政复议"), Row("未经复议直接起诉", "未经复议直接起诉"), Row("复议后起诉", "复议后起诉"))),))

#: The form's header wording that heads no row of numbers: 表二's label column, 表三's top-left note,
#: its column groups and the row group of the handled applications, and 表四's column groups.
CONTENT_HEADING = "信息内容"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADING, ORGANISATIONS_HEADING = "申请人情况", "法人或其他组织"
HANDLED_HEADING = "三、本年度办理结果"
REVIEW_HEADING, LAWSUIT_HEADING = "行政复议", "行政诉讼"
LAWSUIT_KINDS = ("未经复议直接起诉", "复议后起诉")

FORMS: dict[str, Form] = {
    "2021": Form("2021", "国办公开办函〔2021〕30号", (_TABLE2_2021, _table3(True), _TABLE4), _GROUPS),
    "2019": Form("2019", "国办公开办函〔2019〕60号", (_TABLE2_2019, _table3(False), _TABLE4), _GROUPS),
}
#: The rows of table 3 whose sum is （七）总计: everything between 二 and （七）.
HANDLED_FIRST, HANDLED_LAST = "予以公开", "总计"


def annual_template(year: int) -> str:
    """The template a report on `year` follows: 2019's form for 2019 and 2020, 2021's after."""
    return "2019" if year <= 2020 else DEFAULT_TEMPLATE


def figure_text(value: float) -> str:
    """A number as the report printed it: 26, never 26.0; an amount with every decimal it was
    given (24252.311082), because published figures are shown as published, never rounded."""
    text = repr(float(value))
    return text.removesuffix(".0") if "e" not in text else f"{value:.10f}".rstrip("0").rstrip(".")
