"""A page's publisher as config.yaml knows it: its key, found by code or name; and the lines that add
a publisher config.yaml does not know yet."""

from __future__ import annotations

from reportsite.config.model import Publisher
from reportsite.tools.importer.options import Converted
from reportsite.tools.importer.publishers import PagePublisher, config_lines, page_code, suggested_key, with_publisher

BADOU = Publisher("badou", "博山区八陡镇", "1137030400421863XL")
DONGSHAN = Publisher("dongshan", "博山区东山街道", "11370304MB2850123K")
TEXT = '---\ntitle: 东山街道2024年工作总结\npublisher: 东山街道办事处\nindex_no: 11370304MB2850123K/2025-00003\n---\n\npublisher: 正文\n'


def test_the_code_comes_from_the_index_number_else_from_a_labelled_code() -> None:
    assert page_code("11370304MB2850123K/2025-00003", "统一社会信用代码：1137030400421863XL") == "11370304MB2850123K"
    assert page_code("", "机构：东山街道\n统一社会信用代码：1137030400421863XL\n") == "1137030400421863XL"
    assert page_code("", "code: 1137030400421863XL") == "1137030400421863XL"
    assert page_code("东山〔2025〕3号", "统一社会信用代码：1137030400421863XL7") == ""  # 19 characters: no code
    assert page_code("", "正文") == ""


def test_the_code_decides_before_the_name_and_only_the_front_matter_line_changes() -> None:
    converted = Converted(2024, "x", TEXT, ())
    changed, found = with_publisher(converted, "博山区八陡镇", "11370304MB2850123K", (BADOU, DONGSHAN))
    assert found == PagePublisher("博山区八陡镇", "11370304MB2850123K", "dongshan")
    assert changed.text == TEXT.replace("publisher: 东山街道办事处", "publisher: dongshan")
    by_name = with_publisher(converted, "博山区八陡镇", "", (BADOU, DONGSHAN))[1]
    assert by_name.key == "badou"
    kept, unknown = with_publisher(converted, "东山街道办事处", "", (BADOU,))
    assert kept == converted and unknown == PagePublisher("东山街道办事处", "", "")


def test_a_key_is_the_pinyin_of_the_name_without_its_region_and_kind() -> None:
    assert [suggested_key(name, ()) for name in ("博山区八陡镇", "东山街道办事处", "山东省淄博市博山区八陡镇人民政府",
                                                 "博山区城东街道办事处", "区公安局", "平潭网")] == [
        "badou", "dongshan", "badou", "chengdong", "qugonganju", "pingtanwang"]
    assert suggested_key("博山区八陡镇", ("badou", "badou-2")) == "badou-3"


def test_the_lines_to_add_give_each_name_once_with_a_code_if_any_page_had_one() -> None:
    pages = [PagePublisher("东山街道办事处", "", ""), PagePublisher("东山街道办事处", "11370304MB2850123K", ""),
             PagePublisher("博山区八陡镇", "", "")]
    assert config_lines(pages, ("badou",)) == [
        "  dongshan:\n    name: 东山街道办事处\n    code: 11370304MB2850123K",
        '  badou-2:\n    name: 博山区八陡镇\n    code: ""']
