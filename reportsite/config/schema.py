"""Every key config.yaml may hold, described once, as MkDocs describes its own in config/defaults.py.

The reader (config/read.py) takes from here which keys exist (and so the "did you mean" hints),
what type each is, its default, whether it is required and how it is checked; `init` takes from
here the questions it asks and the checks of the answers. A new key is one entry in KEYS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from reportsite.config import checks
from reportsite.config.checks import Check
from reportsite.config.model import DEFAULT_LEVEL, LEVELS, REPORT_ERRORS, UPDATED_FROM
from reportsite.core.fonts import DEFAULT_STACKS, ROLES, FontStacks
from reportsite.core.i18n import Message, msg
from reportsite.core.identifiers import DEFAULT_INDEX_NO_PATTERN
from reportsite.core.problems import Severity


class Kind(str, Enum):
    """What a value must be written as, and so which type fault the reader looks for."""

    TEXT = "text"  # one piece of text; a list or mapping is refused, surrounding space dropped
    SCALAR = "scalar"  # whatever is written, as text: the key's own check says what is wrong
    FLAG = "flag"  # true or false
    CHOICE = "choice"  # one of the key's choices
    WORDS = "words"  # a list of words, or a single word
    PATTERN = "pattern"  # a regular expression written as quoted text
    TABLE = "table"  # a mapping of text to text
    FONTS = "fonts"  # a font role to a list of font names


class Line(str, Enum):
    """Which line a problem with the key is reported on: editors find what they wrote by it."""

    KEY = "key"  # the key's own line
    SECTION = "section"  # the line of its section (`site:`, or a publisher's key)
    TOP = "top"  # the line of its top-level key (`publishers:`)


@dataclass(frozen=True)
class Question:
    """How `init` asks for a key's value: its option, its prompt and help, and what its own messages
    call it (`label`). A `screened` answer is refused with invisible characters, as report text is;
    an address or a code is checked whole by the key's own check instead."""

    order: int
    dest: str  # init's name for the answer, and the skeleton's @@placeholder@@
    flag: str
    prompt: Message
    help: Message
    label: Message | str
    required: bool
    upper: bool = False  # codes are upper-case: a code typed in lower case is the same code
    screened: bool = True


@dataclass(frozen=True)
class Key:
    """One config key; `path` is dotted, with `*` for a name the editor chooses (a publisher's key)."""

    path: str
    kind: Kind
    default: Any = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    check: Check | None = None
    line: Line = Line.SECTION
    severity: Severity = Severity.ERROR  # of a problem `check` finds
    invalid: Callable[[Any], Message] | None = None  # what a value of the wrong type is told, given it
    question: Question | None = None

    @property
    def section(self) -> str:
        """The dotted section the key is in; "" for a top-level key."""
        return self.path.rpartition(".")[0]

    @property
    def name(self) -> str:
        return self.path.rpartition(".")[2]


KEYS: tuple[Key, ...] = (
    Key("site.name", Kind.TEXT, required=True, question=Question(
        1, "site_name", "--name", msg("init.ask_name", "站点名称 (site name, e.g. 博山区八陡镇人民政府): "),
        msg("init.help_name", "站点名称 (site.name), shown at the top of every page"),
        msg("init.name_option", "站点名称 (--name)"), required=True)),
    Key("site.domain", Kind.TEXT),  # empty: the host of base_url
    Key("site.base_url", Kind.SCALAR, check=checks.full_url, question=Question(
        4, "base_url", "--base-url",
        msg("init.ask_base_url", "网站地址 (base_url, e.g. https://www.example.gov.cn/town/): "),
        msg("init.help_base_url", "the address readers use (site.base_url); site.domain is its host"),
        "网站地址", required=True, screened=False)),
    Key("site.id_code", Kind.TEXT, check=checks.site_id_code, question=Question(
        5, "id_code", "--id-code", msg("init.ask_id_code", "网站标识码 (site ID code, 10 digits or bm and 8 digits; "
                                                           "Enter: none yet): "),
        msg("init.help_id_code", "网站标识码 (site.id_code): 10 digits, or bm and 8 digits"),
        "网站标识码", required=False, screened=False)),
    Key("site.description", Kind.TEXT),
    Key("site.keywords", Kind.WORDS, default=()),
    Key("site.favicon", Kind.TEXT, check=checks.favicon),  # empty: the theme's assets/favicon.svg
    Key("site.language", Kind.SCALAR, default=None, check=checks.known_language, line=Line.KEY),
    Key("footer.sponsor", Kind.TEXT),
    Key("footer.icp", Kind.TEXT, question=Question(
        6, "icp", "--icp", msg("init.ask_icp", "ICP备案号 (ICP filing number, e.g. 鲁ICP备12345678号; Enter: none yet): "),
        msg("init.help_icp", "ICP备案号 (footer.icp)"), msg("init.icp_option", "ICP备案号 (--icp)"), required=False)),
    Key("footer.police", Kind.TEXT, question=Question(
        7, "police", "--police", msg("init.ask_police", "公安备案号 (公安 filing number, e.g. 鲁公网安备37030402000123号; "
                                                         "Enter: none yet): "),
        msg("init.help_police", "公安机关备案号 (footer.police)"), msg("init.police_option", "公安备案号 (--police)"),
        required=False)),
    Key("footer.organizer", Kind.TEXT),
    Key("footer.contact", Kind.TEXT),
    Key("footer.badge", Kind.TEXT, check=checks.badge),
    Key("footer.badge_id", Kind.TEXT),  # the id of the badge's verification page, which gives its link
    Key("footer.badge_link", Kind.TEXT),  # the badge's link when it is not the bszs.conac.cn pattern
    Key("footer.report_errors", Kind.TEXT, default=REPORT_ERRORS),
    Key("publishers.*.name", Kind.TEXT, required=True, question=Question(
        2, "publisher_name", "--publisher",
        msg("init.ask_publisher", "发布机构全称 (main publisher's full name, e.g. 博山区八陡镇): "),
        msg("init.help_publisher", "the main publisher's full name (publishers, footer.sponsor)"),
        msg("init.publisher_option", "发布机构 (--publisher)"), required=True)),
    Key("publishers.*.code", Kind.TEXT, check=checks.credit_code, line=Line.TOP, severity=Severity.WARNING,
        question=Question(
            3, "code", "--code", msg("init.ask_code", "统一社会信用代码 (the publisher's 18-character credit code): "),
            msg("init.help_code", "its 统一社会信用代码, checked by its check digit; every 索引号 starts with it"),
            "统一社会信用代码", required=True, upper=True)),
    Key("publishers.*.level", Kind.CHOICE, default=DEFAULT_LEVEL, choices=LEVELS, line=Line.KEY,
        invalid=lambda value: msg(
            "config.publisher_level_unknown", '`level` "{value}" must be one of: township (乡镇), subdistrict (街道办事处), '
                                              "department (县级以上人民政府部门; the default), county (县级人民政府), "
                                              "city (设区的市级人民政府), province (省级人民政府); county and above "
                                              "publish their 年报 by 31 March, the others by 31 January", value=value)),
    Key("publishers.*.annual_deadline", Kind.SCALAR, check=checks.deadline("annual_deadline"), line=Line.KEY),
    Key("index_no_pattern", Kind.PATTERN, default=DEFAULT_INDEX_NO_PATTERN, check=checks.regular_expression,
        line=Line.KEY, invalid=lambda _: msg(
            "config.index_no_pattern_not_text", "`index_no_pattern` must be a regular expression written as quoted "
                                                "text, e.g. index_no_pattern: '\\d{{9}}-\\d{{4}}-\\d+'")),
    Key("categories", Kind.TABLE, default=(), line=Line.KEY, invalid=lambda _: msg(
        "config.categories_not_mapping", "`categories` must map each 信息分类 to one ColumnType, e.g. "
                                         "`  工作总结: 工作总结` on its own line")),
    Key("pdf.fonts", Kind.FONTS, default=FontStacks(tuple((role, DEFAULT_STACKS[role]) for role in ROLES)),
        invalid=lambda _: msg("config.fonts_not_mapping", "`pdf.fonts` must map a role (title, body, hei, kai, "
                                                          "fangsong, numerals) to a list of fonts")),
    Key("revisions.show", Kind.FLAG, default=True, line=Line.KEY, invalid=lambda _: msg(
        "config.revisions_show_not_bool", "`revisions.show` must be true or false (false hides 修订记录 and 最后更新)")),
    Key("revisions.updated", Kind.CHOICE, default="content", choices=UPDATED_FROM, line=Line.KEY,
        invalid=lambda value: msg(
            "config.revisions_updated_unknown", '`revisions.updated` "{value}" must be content (the last change '
                                                "note or the last commit that changed the text) or notes (the last "
                                                "change note)", value=value)),
    Key("annual_report.strict", Kind.FLAG, default=False, line=Line.KEY, invalid=lambda _: msg(
        "config.annual_strict_not_bool", "`annual_report.strict` must be true or false (true makes a 年报 table "
                                         "whose sums do not add up an error)")),
    Key("annual_report.deadline", Kind.SCALAR, check=checks.deadline("annual_report.deadline"), line=Line.KEY),
)


def top_keys() -> tuple[str, ...]:
    """The keys config.yaml may hold at its top, in the order the schema lists them."""
    return tuple(dict.fromkeys(key.path.split(".")[0] for key in KEYS))


def keys_in(section: str) -> tuple[Key, ...]:
    """The keys of one section (`site`, `publishers.*`), or the top-level keys that are no section."""
    return tuple(key for key in KEYS if key.section == section)


def questions() -> tuple[tuple[Key, Question], ...]:
    """What `init` asks, in the order it asks it."""
    asked = [(key, key.question) for key in KEYS if key.question]
    return tuple(sorted(asked, key=lambda pair: pair[1].order))
