"""Two tagging fixes WeasyPrint 70 leaves to us, applied to its PDF objects before they are written.

WeasyPrint calls `finish_tags` as its `finisher`, with the `pydyf.PDF` it is about to serialise,
so nothing is parsed back and the file stays byte-identical for the same input.

* Page numbers ("— 3 —") come from `@page` margin boxes. WeasyPrint marks their text as `/Span`
  marked content with an MCID and builds structure elements for it that it never links into the
  structure tree (PDF 1.7 has no artifact element). A reader following the page's content order
  reads the number in the middle of a sentence. Content whose structure element is unreachable
  from `/StructTreeRoot` is re-marked `/Artifact <</Type /Pagination>>`, and its slot in the
  parent tree is emptied.
* Table header cells get `/A <</O /Table>>` without `/Scope`, so assistive technology cannot tell
  a column header from a row header. The scope follows HTML's rule for a `th` without one: a
  header in `thead`, or in a row of header cells only, heads its column; a header in a row that
  holds data cells heads its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf


def finish_tags(document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint's `finisher` hook: mark page numbers as artifacts and give header cells a scope."""
    root = pdf.catalog.get("StructTreeRoot")
    if root is None:  # an untagged PDF has nothing to fix
        return
    root = _resolve(pdf, root)
    tree = list(_descendants(pdf, root))
    _mark_pagination(pdf, _resolve(pdf, root["ParentTree"]), {element.number for element in tree})
    for element in tree:
        if element.get("S") == "/TH":
            element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = _scope(pdf, element)


def _resolve(pdf: pydyf.PDF, value: Any) -> Any:
    """The object an indirect reference (b"12 0 R") names; any other value as it is."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value


def _kids(pdf: pydyf.PDF, element: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
    """The structure elements directly below `element` (not its MCIDs or annotation references)."""
    kids = element.get("K", ())
    for kid in kids if isinstance(kids, (list, tuple)) else (kids,):
        child = _resolve(pdf, kid)
        if isinstance(child, pydyf.Dictionary) and child.get("Type") == "/StructElem":
            yield child


def _descendants(pdf: pydyf.PDF, node: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
    """Every structure element reachable from `node`, in document order."""
    for child in _kids(pdf, node):
        yield child
        yield from _descendants(pdf, child)


def _mark_pagination(pdf: pydyf.PDF, parent_tree: pydyf.Dictionary, in_tree: set[int]) -> None:
    """Re-mark each page's marked content whose structure element is outside the tree as a
    pagination artifact, and empty its parent-tree slot (MCIDs index the slots, so none is removed)."""
    nums = parent_tree["Nums"]
    pages = pdf.pages["Kids"][::3]
    for key, slots in zip(nums[::2], nums[1::2]):
        if not isinstance(slots, pydyf.Array) or key >= len(pages):  # annotations map one element, not pages
            continue
        loose = {mcid for mcid, slot in enumerate(slots) if getattr(_resolve(pdf, slot), "number", None) not in in_tree}
        stream = _resolve(pdf, pdf.objects[pages[key]]["Contents"])
        for mcid in _remark(stream.stream, loose):
            slots[mcid] = "null"


def _remark(operations: list[Any], mcids: set[int]) -> Iterator[int]:
    """Turn `/Tag <</MCID n>> BDC` into `/Artifact <</Type /Pagination>> BDC` for the MCIDs given;
    yield each MCID changed, so that only those lose their parent-tree slot."""
    for index in range(1, len(operations) - 1):
        properties = operations[index]
        if (isinstance(properties, pydyf.Dictionary) and properties.get("MCID") in mcids
                and isinstance(operations[index - 1], str) and operations[index + 1] == b"BDC"):
            operations[index - 1:index + 1] = ["/Artifact", pydyf.Dictionary({"Type": "/Pagination"})]
            yield properties["MCID"]


def _scope(pdf: pydyf.PDF, header: pydyf.Dictionary) -> str:
    """`/Row` for a header cell in a row that holds data cells outside `thead`, else `/Column`."""
    row = _resolve(pdf, header.get("P"))
    if not isinstance(row, pydyf.Dictionary) or row.get("S") != "/TR":
        return "/Column"
    group = _resolve(pdf, row.get("P"))
    in_head = isinstance(group, pydyf.Dictionary) and group.get("S") == "/THead"
    has_data = any(cell.get("S") == "/TD" for cell in _kids(pdf, row))
    return "/Row" if has_data and not in_head else "/Column"
