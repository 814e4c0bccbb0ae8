"""The PDF's tags as a screen reader follows them: page numbers are pagination artifacts outside the
structure tree, and every table header cell says whether it heads a column or a row."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from conftest import GOOD_REPORT, ROOT
from reportsite.commands import main

ROW_HEADERS = GOOD_REPORT + """
<table>
<thead><tr><th>类别</th><th>本年制发件数</th></tr></thead>
<tbody>
<tr><th>规章</th><td>0</td></tr>
<tr><th>行政规范性文件</th><td>62</td></tr>
</tbody>
</table>

| 指标 | 数值 |
|---|---|
| 规上工业产值 | 20.69亿元 |

""" + "".join(f"第{i}项工作按计划推进，群众满意度持续提升。\n\n" for i in range(1, 80))

BADOU_PDF = "2023/badou-key-work/badou-key-work.pdf"
PINGTAN_PDF = "2024/pingtan-xxgk-nianbao/pingtan-xxgk-nianbao.pdf"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A long report with row and column headers, and the Pingtan annual report with spanning headers."""
    site = tmp_path_factory.mktemp("tags")
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    (site / "content/2023").mkdir(parents=True)
    (site / "content/2023/badou-key-work.md").write_text(ROW_HEADERS, encoding="utf-8")
    (site / "content/2024").mkdir()
    shutil.copy(ROOT / "content/2024/pingtan-xxgk-nianbao.md", site / "content/2024")
    out = site / "output"
    assert main(["build", "--config", str(site / "config.yaml"), "--out", str(out), "--quiet", "--no-search"]) == 0
    return out


@dataclass
class Tagged:
    """A PDF's structure tree and the text of its marked content, read the way assistive technology does."""

    reader: PdfReader
    elements: list[DictionaryObject] = field(default_factory=list)  # reachable from /StructTreeRoot
    in_tree: set[int] = field(default_factory=set)  # their object numbers

    def __post_init__(self) -> None:
        self._walk(self.reader.trailer["/Root"]["/StructTreeRoot"])

    def _walk(self, node: DictionaryObject) -> None:
        for kid in kids(node):
            if isinstance(kid, IndirectObject) and kid.get_object().get("/Type") == "/StructElem":
                self.in_tree.add(kid.idnum)
                self.elements.append(kid.get_object())
                self._walk(kid.get_object())

    def owner(self, page: int, mcid: int) -> IndirectObject | None:
        """The structure element the parent tree gives for a page's MCID."""
        nums = self.reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
        slots = dict(zip(nums[::2], nums[1::2]))[self.reader.pages[page]["/StructParents"]]
        slot = slots[mcid] if mcid < len(slots) else None
        return slot if isinstance(slot, IndirectObject) else None

    def text(self, element: DictionaryObject) -> str:
        """The text of an element's marked content, on the page it names."""
        page = [p.indirect_reference.idnum for p in self.reader.pages].index(element.raw_get("/Pg").idnum)
        shown = {mcid: text for stack, text in marked_text(self.reader, page) for _, mcid in stack if mcid is not None}
        return "".join(shown.get(mcid, "") for mcid in mcids(element))


def kids(node: DictionaryObject) -> list:  # type: ignore[type-arg]
    k = node.get("/K")
    return list(k) if isinstance(k, ArrayObject) else [] if k is None else [k]


def mcids(element: DictionaryObject) -> list[int]:
    """The MCIDs of an element and of the elements below it."""
    found = []
    for kid in kids(element):
        if isinstance(kid, int):
            found.append(kid)
        elif isinstance(kid, IndirectObject) and kid.get_object().get("/Type") == "/StructElem":
            found.extend(mcids(kid.get_object()))
    return found


def marked_text(reader: PdfReader, page: int) -> list[tuple[list[tuple[str, int | None]], str]]:
    """Each piece of text on a page with the marked-content sequences around it, outermost first:
    (tag plus /Type for artifacts, MCID or None)."""
    stack: list[tuple[str, int | None]] = []
    shown: list[tuple[list[tuple[str, int | None]], str]] = []

    def operator(op: bytes, args: list, cm: object, tm: object) -> None:  # type: ignore[type-arg]
        if op in (b"BDC", b"BMC"):
            properties = args[1] if op == b"BDC" and isinstance(args[1], DictionaryObject) else {}
            stack.append((f"{args[0]}{properties.get('/Type', '')}", properties.get("/MCID")))
        elif op == b"EMC":
            stack.pop()

    def text(content: str, *_: object) -> None:
        if content.strip():
            shown.append((list(stack), content))

    reader.pages[page].extract_text(visitor_operand_before=operator, visitor_text=text)
    return shown


@pytest.mark.parametrize("pdf", [BADOU_PDF, PINGTAN_PDF])
def test_page_numbers_are_pagination_artifacts_outside_the_structure_tree(output: Path, pdf: str) -> None:
    tagged = Tagged(PdfReader(output / pdf))
    pages = len(tagged.reader.pages)
    assert pages >= 3
    for page in range(pages):
        shown = marked_text(tagged.reader, page)
        numbers = [stack for stack, text in shown if text.strip() == f"— {page + 1} —"]
        assert numbers, (page, shown[-3:])
        for stack in numbers:
            assert ("/Artifact/Pagination", None) in stack, stack
            assert all(mcid is None for _, mcid in stack), stack
        used = {mcid for stack, _ in shown for _, mcid in stack if mcid is not None}
        assert used, page  # the body is still tagged
        for mcid in used:  # every tagged piece of text belongs to an element a reader reaches
            owner = tagged.owner(page, mcid)
            assert owner is not None and owner.idnum in tagged.in_tree, (page, mcid)


def test_every_header_cell_says_what_it_heads(output: Path) -> None:
    tagged = Tagged(PdfReader(output / BADOU_PDF))
    scopes = {tagged.text(th): th["/A"] for th in tagged.elements if th["/S"] == "/TH"}
    assert all(a["/O"] == "/Table" for a in scopes.values())
    assert {text: a["/Scope"] for text, a in scopes.items()} == {
        "类别": "/Column", "本年制发件数": "/Column", "规章": "/Row", "行政规范性文件": "/Row",
        "指标": "/Column", "数值": "/Column"}


def test_spanning_headers_of_the_annual_report_head_columns(output: Path) -> None:
    # its tables are drawn from its annual_report: data, with each row's label a row header
    tagged = Tagged(PdfReader(output / PINGTAN_PDF))
    headers = {tagged.text(th): th["/A"] for th in tagged.elements if th["/S"] == "/TH"}
    assert len(headers) >= 27
    assert all(a["/O"] == "/Table" for a in headers.values())
    assert headers["本年制发件数"]["/Scope"] == headers["自然人"]["/Scope"] == "/Column"
    assert headers["行政规范性文件"]["/Scope"] == headers["一、本年新收政府信息公开申请数量"]["/Scope"] == "/Row"
    assert {"/ColSpan", "/RowSpan"} <= {key for a in headers.values() for key in a}  # spans survive beside the scope
