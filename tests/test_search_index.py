"""The search index's copy of the pages: every Han character a word, punctuation on its word, and the
published pages untouched. What a reader finds is tested in the browser (tests/browser/test_search_recall.py)."""

from __future__ import annotations

import pytest

from conftest import SiteDir, snapshot
from reportsite.render.search import Spacer


@pytest.fixture(scope="module")
def spacer() -> Spacer:
    return Spacer.make()


@pytest.mark.parametrize(("text", "words"), [
    ("平潭综合实验区", ["平", "潭", "综", "合", "实", "验", "区"]),
    ("企事业“双随机”抽查", ["企", "事", "业", "“双", "随", "机”", "抽", "查"]),  # quotes stay on their word
    ("招商引资，力争（一）2023年", ["招", "商", "引", "资，", "力", "争", "（一）", "2023", "年"]),
    ("增长20.69亿元GDP", ["增", "长", "20.69", "亿", "元", "GDP"]),  # numbers and Latin words stay whole
])
def test_han_characters_become_words_and_punctuation_stays_on_its_word(spacer: Spacer, text: str,
                                                                       words: list[str]) -> None:
    assert spacer.text(text).split() == words


def test_only_text_is_spaced_never_markup_scripts_or_comments(spacer: Spacer) -> None:
    page = ('<p class="注意" title="平潭">平潭</p><!-- 平潭 > --><script>if (a < b) { x = "平潭"; }</script>'
            '<style>p::before { content: "注"; }</style>&lt;平&gt;')
    assert spacer.page(page) == ('<p class="注意" title="平潭"> 平  潭 </p><!-- 平潭 > --><script>if (a < b) '
                                 '{ x = "平潭"; }</script><style>p::before { content: "注"; }</style>&lt; 平&gt;')


def test_the_published_pages_are_the_same_with_and_without_the_index(site: SiteDir) -> None:
    assert site.build("--no-pdf", "--no-search").code == 0
    without = snapshot(site.output)
    assert site.build("--no-pdf", "--clean").code == 0
    with_index = snapshot(site.output)
    assert any(path.startswith("pagefind/") for path in with_index)
    assert {path: digest for path, digest in with_index.items() if not path.startswith("pagefind/")} == without
