"""Content never becomes active markup: every payload is shown as text or dropped, in every output file.

A site is built with script payloads in the Markdown body, in an HTML table, in
every front-matter value, in attachment titles and in metric labels; then every
HTML page, feed.xml, sitemap.xml and catalog.json is parsed and searched for
anything a browser would run or load from elsewhere.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from conftest import MINIMAL_CONFIG
from reportsite.commands import main
from reportsite.render.markup import make_markdown, render_markdown

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
SVG = '<svg onload="alert(1)">'
IFRAME = '<iframe src="javascript:alert(1)"></iframe>'
ANCHOR = '<a href="javascript:alert(1)">点此</a>'
PAYLOADS = (SCRIPT, IMG, SVG, IFRAME, ANCHOR, "javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)")

#: Markdown body vectors: (name, source). Each must render with nothing active.
BODY_VECTORS = [
    ("raw-script", SCRIPT),
    ("img-onerror", IMG),
    ("svg-onload", SVG + "</svg>"),
    ("iframe", IFRAME),
    ("html-anchor-javascript", ANCHOR),
    ("object-embed", '<object data="javascript:alert(1)"></object><embed src="data:text/html,x">'),
    ("md-link-javascript", "[点此](javascript:alert(1))"),
    ("md-link-mixed-case", "[点此](JaVaScRiPt:alert(1))"),
    ("md-link-entity", "[点此](&#106;avascript:alert(1))"),
    ("md-link-entity-colon", "[点此](javascript&#58;alert(1))"),
    ("md-link-tab", "[点此](java&#9;script:alert(1))"),
    ("md-link-data", "[点此](data:text/html,<script>alert(1)</script>)"),
    ("md-link-vbscript", "[点此](vbscript:msgbox(1))"),
    ("md-image-javascript", "![图](javascript:alert(1))"),
    ("md-image-data-svg", "![图](data:image/svg+xml,<svg onload=alert(1)>)"),
    ("autolink-javascript", "<javascript:alert(1)>"),
    ("reference-javascript", "[点此][x]\n\n[x]: javascript:alert(1)"),
    ("inline-handler", "文字<b onmouseover=alert(1)>粗</b>文字"),
    ("split-script", "<scr<script>ipt>alert(1)</script>"),
    ("table-handlers", '<table><tr><td onclick="alert(1)" onmouseover=alert(2)>甲<img src=x onerror=alert(3)></td>'
                       '<th scope="col" style="background:url(javascript:alert(4))" rowspan="2 onmouseover=alert(5)">乙'
                       '</th></tr><script>alert(6)</script><tr><td><a href="javascript:alert(7)">丙</a></td>'
                       '<td><svg onload=alert(8)></svg></td></tr></table>'),
    ("table-in-markdown-cell", "| 甲 | 乙 |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(2)) |"),
    ("footnote-script", "正文[^1]\n\n[^1]: <script>alert(1)</script>"),
    ("html-comment-breakout", "<!-- --><script>alert(1)</script> -->"),
    ("heading-script", "## 一、<script>alert(1)</script>"),
]

UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset")
RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


def browser_url(value: str) -> str:
    """A URL as a browser reads it: tabs, newlines and other control characters stripped."""
    return re.sub(r"[\x00-\x20]", "", value)


def active_markup(fragment: BeautifulSoup, own_scripts: bool = True) -> list[str]:
    """Everything in a parsed document a browser would run, with the reason."""
    found = []
    for tag in fragment.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"handler {name} on <{tag.name}>")
            if name.lower() in URL_ATTRIBUTES and any(UNSAFE_SCHEME.match(browser_url(v)) for v in values):
                found.append(f"{name}={value!r} on <{tag.name}>")
        if tag.name in ("iframe", "object", "embed", "frame", "frameset", "base", "applet"):
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if tag.name == "script":
            src = tag.get("src", "")
            # the site's own: relative, or from the site's base path (404.html), never another host
            own = own_scripts and re.match(r"^((\.\./)*|/([\w.-]+/)*)(assets|pagefind)/[\w./-]+\.js$", src)
            if not own or tag.string and tag.string.strip():
                found.append(f"script {str(tag)[:80]!r}")
    return found


def html_soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("source", [v[1] for v in BODY_VECTORS], ids=[v[0] for v in BODY_VECTORS])
@pytest.mark.parametrize("typeset", [False, True], ids=["web", "pdf"])
def test_body_vector_renders_nothing_active(source: str, typeset: bool) -> None:
    html = render_markdown(make_markdown(typeset), source).html
    parsed = html_soup(html)
    assert active_markup(parsed, own_scripts=False) == [], html
    assert not parsed.find(["script", "svg", "img", "style", "math"]), html


def test_dropped_links_keep_their_text() -> None:
    html = render_markdown(make_markdown(), "[点此查看](javascript:alert(1))").html
    assert "点此查看" in html_soup(html).get_text()


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown(make_markdown(), f"前文\n\n{SCRIPT}\n\n{IMG}\n").html
    text = html_soup(html).get_text()
    assert SCRIPT in text and IMG in text


def test_table_keeps_structure_spans_and_text_only() -> None:
    html = render_markdown(make_markdown(), dict(BODY_VECTORS)["table-handlers"]).html
    table = html_soup(html).find("table")
    assert [td.get_text() for td in table.find_all(["td", "th"])] == ["甲", "乙", "丙", ""]
    assert table.find("th").attrs == {"scope": "col"}


# --- the whole site --------------------------------------------------------------------------------------------------

def front_matter(title: str, index_no: str, issued: str, extra: str = "") -> str:
    return f"""---
title: {json.dumps(title, ensure_ascii=False)}
publisher: {json.dumps(SCRIPT + "八陡镇", ensure_ascii=False)}
index_no: 1137030400421863XL/{index_no}
doc_no: {json.dumps(IMG, ensure_ascii=False)}
issued: {issued}
series: {json.dumps(IFRAME, ensure_ascii=False)}
category: {json.dumps("javascript:alert(1)", ensure_ascii=False)}
keywords: {json.dumps([SCRIPT, '"><img src=x onerror=alert(1)>', "JaVaScRiPt:alert(1)"], ensure_ascii=False)}
summary: {json.dumps("</title>" + SCRIPT + SVG, ensure_ascii=False)}
signer: {json.dumps(SCRIPT, ensure_ascii=False)}
metrics:
  - {{key: output, label: {json.dumps(SCRIPT, ensure_ascii=False)}, value: 1.5, unit: {json.dumps(IMG, ensure_ascii=False)}}}
{extra}---
"""


TITLE = "标题" + SCRIPT + IMG


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose every editable value carries a payload, built with search (and its scripts)."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "config.yaml").write_text(MINIMAL_CONFIG.replace(
        "  id_code:", f"  description: {json.dumps(SCRIPT, ensure_ascii=False)}\n  id_code:"), encoding="utf-8")
    body = "\n\n".join(f"## （{i}）{name}\n\n{source}" for i, (name, source) in enumerate(BODY_VECTORS, 1))
    folder = root / "content/2023/folder"
    folder.mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    attachment = f"attachments:\n  - {{file: a.pdf, title: {json.dumps(SCRIPT + ANCHOR, ensure_ascii=False)}}}\n"
    (folder / "index.md").write_text(front_matter(TITLE, "2024-1", "2024-01-15", attachment) + body,
                                     encoding="utf-8")
    older = root / "content/2022/older.md"
    older.parent.mkdir(parents=True)
    older.write_text(front_matter(TITLE + "（上年）", "2023-1", "2023-01-15") + "\n正文。\n", encoding="utf-8")
    assert main(["build", "--config", str(root / "config.yaml"), "--no-pdf", "--quiet"]) == 0
    return root / "output"


def site_files(out: Path, *suffixes: str) -> list[Path]:
    return [p for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in suffixes and "pagefind" not in p.parts]


def test_no_output_file_carries_active_markup(hostile_site: Path) -> None:
    files = site_files(hostile_site, ".html", ".xml")
    assert len(files) > 10
    found = {p.relative_to(hostile_site).as_posix(): active_markup(html_soup(p.read_text(encoding="utf-8")))
             for p in files}
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_no_page_loads_anything_from_elsewhere_or_inline(hostile_site: Path) -> None:
    pages = site_files(hostile_site, ".html")
    assert pages, "the hostile site built no pages"
    for page in pages:
        parsed = html_soup(page.read_text(encoding="utf-8"))
        for tag in parsed.find_all(["script", "img", "link", "source", "video", "audio", "track", "input"]):
            if tag.name == "link" and not RESOURCE_RELS & set(tag.get("rel", [])):
                continue  # canonical and alternate links are addresses, not resources
            url = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"^(https?:)?//", url, re.IGNORECASE), (page, str(tag))
        assert all(s.get("src") and not (s.string or "").strip() for s in parsed.find_all("script")), page
        assert not parsed.find("style") and not parsed.find(attrs={"style": True}), page


def test_every_page_has_a_strict_content_security_policy(hostile_site: Path) -> None:
    pages = site_files(hostile_site, ".html")
    assert pages, "the hostile site built no pages"
    for page in pages:
        meta = html_soup(page.read_text(encoding="utf-8")).find(
            "meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.IGNORECASE)})
        assert meta, page
        directives = {d.split()[0]: d.split()[1:] for d in meta["content"].split(";") if d.strip()}
        script_src = directives.get("script-src", directives.get("default-src"))
        assert script_src and "'unsafe-inline'" not in script_src and "*" not in script_src, (page, meta)
        assert not any(s.startswith(("http:", "https:")) for s in script_src), (page, meta)
        assert directives.get("object-src") == ["'none'"], page


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    page = html_soup((hostile_site / "2023/folder/index.html").read_text(encoding="utf-8"))
    assert page.select_one("h1.report__title").get_text() == TITLE
    disclosure = {dt.get_text(): dd.get_text() for dt, dd in zip(page.select(".disclosure dt"),
                                                                 page.select(".disclosure dd"))}
    assert disclosure["文号"] == IMG and disclosure["发布机构"] == SCRIPT + "八陡镇"
    assert disclosure["信息分类"] == "javascript:alert(1)"
    body = page.select_one(".report__body").get_text()
    for text in (SCRIPT, IMG, IFRAME, ANCHOR, "<b onmouseover=alert(1)>"):
        assert text in body, text
    assert [a.get_text() for a in page.select(".attachments a")] == [SCRIPT + ANCHOR]
    meta = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
    assert meta["Description"] == "</title>" + SCRIPT + SVG
    assert SCRIPT in meta["Keywords"].split(",") and meta["ArticleTitle"] == TITLE
    assert page.title.get_text().startswith(TITLE)


def test_metric_labels_and_units_are_text_on_the_series_page(hostile_site: Path) -> None:
    pages = [p for p in site_files(hostile_site / "series", ".html")]
    assert pages
    text = html_soup(pages[0].read_text(encoding="utf-8")).get_text()
    assert SCRIPT in text and IMG in text


def test_feed_and_sitemap_are_well_formed_with_payloads_as_text(hostile_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert TITLE in titles
    assert all(e.findtext(f"{atom}summary") == "</title>" + SCRIPT + SVG for e in feed.iter(f"{atom}entry"))
    ET.parse(hostile_site / "sitemap.xml")


def test_catalog_keeps_payloads_as_data(hostile_site: Path) -> None:
    catalog = json.loads((hostile_site / "catalog.json").read_text(encoding="utf-8"))
    report = next(r for r in catalog["reports"] if r["title"] == TITLE)
    assert report["doc_no"] == IMG and report["attachments"][0]["title"] == SCRIPT + ANCHOR
    assert report["metrics"][0]["label"] == SCRIPT and report["metrics"][0]["unit"] == IMG


def test_catalog_parsed_as_html_has_no_script(hostile_site: Path) -> None:
    parsed = html_soup((hostile_site / "catalog.json").read_text(encoding="utf-8"))
    assert active_markup(parsed) == [] and not parsed.find("script")


def test_attachment_name_cannot_become_a_script_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file really named `javascript:alert(1)` is refused rather than linked as <a href="javascript:…">."""
    root = tmp_path / "site"
    folder = root / "content/2023/folder"
    folder.mkdir(parents=True)
    (root / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    (folder / "javascript:alert(1)").write_bytes(b"x")
    (folder / "index.md").write_text(front_matter("附件", "2024-1", "2024-01-15",
                                                  'attachments:\n  - {file: "javascript:alert(1)"}\n') + "正文\n",
                                     encoding="utf-8")
    assert main(["build", "--config", str(root / "config.yaml"), "--no-pdf", "--no-search"]) == 1
    assert "rename the file without them" in capsys.readouterr().err
    assert not (root / "output").exists()
