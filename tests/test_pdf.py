"""The PDF itself, checked with poppler-utils and pypdf: GB/T 9704 geometry, tags, fonts, outline, cache."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GOOD_REPORT, ROOT, SiteDir, soup
from tests.test_example_site import seed_body

SEED_PDF = "2023/badou-key-work/badou-key-work.pdf"
MM = 72 / 25.4


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def flat(text: str) -> str:
    """Compare text as a reader does: NFKC folds the PDF's full-width punctuation, whitespace is layout."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def seed_pdf(example_output: Path) -> Path:
    return example_output / SEED_PDF


def source_headings() -> list[str]:
    """The seed report's ## to ##### headings as its Markdown spells them: the expected outline must not
    come from the HTML the same build made, or a heading both renderers drop would go unnoticed."""
    text = (ROOT / "content/2023/badou-key-work.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#{2,5} +(.+?)\s*$", text, re.MULTILINE)
    assert len(headings) == 19 and headings[0] == "一、工作开展情况"
    return headings


def test_a4_tagged_embedded_and_described(seed_pdf: Path) -> None:
    info = pdfinfo(seed_pdf)
    assert info["Page size"].startswith("595.276 x 841.89")
    assert info["Tagged"] == "yes"
    assert info["Title"] == "八陡镇2023年度重点工作情况"
    assert info["Author"] == "博山区八陡镇"
    assert info["Subject"] == "工作总结"
    assert "乡村振兴" in info["Keywords"]
    assert info["CreationDate"].startswith("2024-01-15")
    fonts = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), fonts
    assert PdfReader(seed_pdf).trailer["/Root"]["/Lang"] == "zh-CN"


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


def test_outline_matches_the_headings(seed_pdf: Path) -> None:
    reader = PdfReader(seed_pdf)
    expected = ["八陡镇2023年度重点工作情况", *source_headings()]
    assert [flat(t) for t in outline_titles(reader)] == [flat(t) for t in expected]
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["八陡镇2023年度重点工作情况"]


def test_page_numbers_alternate_sides_below_the_text_block(seed_pdf: Path) -> None:
    pages = len(PdfReader(seed_pdf).pages)
    assert pages >= 3
    for number in range(1, pages + 1):
        boxes = pdftotext(seed_pdf, "-f", str(number), "-l", str(number), "-bbox")
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', boxes)
        marks = [(float(x0), (float(y0) + float(y1)) / 2, float(x1), w)
                 for x0, y0, x1, y1, w in words if w in ("—", str(number))]
        assert [w for *_, w in marks] == ["—", str(number), "—"], number
        left, middle, right = marks[0][0], marks[1][1], marks[-1][2]
        assert abs(middle - ((37 + 225 + 7) * MM + 7)) < 2  # a 14 pt line starting 7 mm below the text block
        one_char = 14  # indented one 4号 character from the text block's edge
        if number % 2:
            assert abs(right - ((28 + 156) * MM - one_char)) < 2
        else:
            assert abs(left - (28 * MM + one_char)) < 2


def test_text_is_the_page_text_in_order(seed_pdf: Path) -> None:
    text = re.sub(r"—\s*\d+\s*—", "", pdftotext(seed_pdf))
    body = flat(text)
    assert body.startswith(flat("八陡镇2023年度重点工作情况"))
    assert flat(seed_body()) in body


def body_lines(pdf: Path, page: int) -> list[str]:
    lines = [line.strip() for line in pdftotext(pdf, "-f", str(page), "-l", str(page)).splitlines()]
    return [line for line in lines if line and not re.fullmatch(r"—\s*\d+\s*—", line)]


def source_paragraphs() -> list[str]:
    """The seed report's paragraphs as a reader reads them: flat, without Markdown's marks."""
    text = (ROOT / "content/2023/badou-key-work.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return [flat(re.sub(r"[*#]", "", block)) for block in body.split("\n\n") if block.strip()]


def kept_a_line_from_standing_alone(following: list[str], paragraphs: list[str]) -> bool:
    """Whether a page one line short gave its last line to the next page so that no paragraph has one
    line alone: the next page opens with a paragraph's last two lines (widows: 2) or with the first line
    of a paragraph that would otherwise have begun alone at this page's foot (orphans: 2)."""
    first, two = flat(following[0]), flat("".join(following[:2]))
    return any(p.endswith(two) and p != two or p.startswith(first) and p != first for p in paragraphs)


def test_full_body_pages_hold_22_lines_of_28_characters(seed_pdf: Path) -> None:
    headings = {flat(h) for h in source_headings()}
    paragraphs = source_paragraphs()
    pages = [body_lines(seed_pdf, p) for p in range(1, len(PdfReader(seed_pdf).pages) + 1)]
    # A page is full unless it is the first or last, or gave its last line to a heading kept with its text;
    # it is one line short where its last line went over so that a paragraph leaves no line alone.
    full = [(lines, following) for lines, following in zip(pages[1:-1], pages[2:])
            if flat(following[0]) not in headings]
    assert len(full) >= 3 and all(len(lines) == 22 or len(lines) == 21 and kept_a_line_from_standing_alone(
        following, paragraphs) for lines, following in full), [len(lines) for lines, _ in full]
    assert sum(len(lines) == 22 for lines, _ in full) >= 2
    full = [lines for lines, _ in full]
    wide = [line for lines in full for line in lines
            if all(unicodedata.east_asian_width(c) in "WF" for c in line)]
    assert max(len(line) for line in wide) == 28
    assert sum(len(line) == 28 for line in wide) >= 10


def test_no_page_ends_with_a_heading(seed_pdf: Path) -> None:
    headings = {flat(h) for h in source_headings()}
    for number in range(1, len(PdfReader(seed_pdf).pages) + 1):
        assert flat(body_lines(seed_pdf, number)[-1]) not in headings


def test_page_links_the_pdf_with_its_size_and_indexes_list_it(example_output: Path, seed_pdf: Path) -> None:
    page = soup(example_output / "2023/badou-key-work/index.html")
    link = page.find("a", href="badou-key-work.pdf")
    kb = round(seed_pdf.stat().st_size / 1024)
    assert link.get_text(strip=True) == f"下载PDF：八陡镇2023年度重点工作情况（{kb} KB）"
    assert soup(example_output / "index.html").find("a", href=f"{SEED_PDF}")
    assert soup(example_output / "2023/index.html").find("a", href=f"../{SEED_PDF}")


RICH = GOOD_REPORT.replace("category: 工作总结", "category: 工作总结\nsigner: 博山区八陡镇人民政府\nsigned: 2024-01-15") + """
详见[淄博市人民政府网站](https://www.zibo.gov.cn/)。

| 项目 | 数量 |
|---|---|
""" + "".join(f"| 第{i}项重点工作 | {i} |\n" for i in range(1, 90))


@pytest.fixture
def rich_site(site: SiteDir) -> SiteDir:
    site.write("content/2023/badou-key-work.md", RICH)
    return site


def test_tables_repeat_headers_links_work_and_signature_closes(rich_site: SiteDir) -> None:
    assert rich_site.build().code == 0
    pdf = rich_site.output / SEED_PDF
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    for number in range(2, len(reader.pages) + 1):
        assert "项目" in body_lines(pdf, number)[0], number  # the table's header row starts each page
    uris = [a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", [])]
    assert "https://www.zibo.gov.cn/" in uris
    last = body_lines(pdf, len(reader.pages))
    assert last[-2:] == ["博山区八陡镇人民政府", "2024年1月15日"]


def test_same_input_gives_byte_identical_pdf(site: SiteDir) -> None:
    assert site.build().code == 0
    first = (site.output / SEED_PDF).read_bytes()
    shutil.rmtree(site.root / ".reportsite-cache")
    assert site.build().code == 0
    assert (site.output / SEED_PDF).read_bytes() == first


def test_cache_reuses_unchanged_pdfs_and_renders_edited_ones(site: SiteDir) -> None:
    assert "1 PDFs rendered, 0 reused" in site.build().out
    assert "0 PDFs rendered, 1 reused" in site.build().out
    site.write("content/2023/badou-key-work.md", GOOD_REPORT.replace("20.69亿元", "20.70亿元"))
    assert "1 PDFs rendered, 0 reused" in site.build().out
    assert "20.70" in pdftotext(site.output / SEED_PDF)


def test_no_pdf_option_skips_pdfs_and_their_links(site: SiteDir) -> None:
    run = site.build("--no-pdf")
    assert run.code == 0 and "PDFs" not in run.out
    assert not list(site.output.rglob("*.pdf"))
    assert "下载PDF" not in (site.output / "2023/badou-key-work/index.html").read_text()


def test_a_character_no_font_has_fails_with_its_name_and_line(site: SiteDir) -> None:
    assert site.build().code == 0
    site.write("content/2023/badou-key-work.md", GOOD_REPORT + "\n村民\U0002A6A5某某反映情况。\n")
    run = site.build()
    assert run.code == 1
    assert ('content/2023/badou-key-work.md:16: the character "\U0002A6A5" (U+2A6A5) is in no font of the PDF '
            "body stack; install a font that has it") in run.err


def test_no_cjk_font_names_the_debian_package(site: SiteDir) -> None:
    site.write("config.yaml", (site.root / "config.yaml").read_text() + "pdf:\n  fonts:\n    body: [No Such Font]\n")
    run = site.build()
    assert run.code == 1
    assert "no font of the PDF body stack (No Such Font) is installed; install Debian's fonts-noto-cjk" in run.err


def test_images_from_outside_the_report_folder_never_reach_the_pdf(site: SiteDir, tmp_path: Path) -> None:
    """`![](/abs/secret.png)` or `../../` in a body must not publish a file of the build machine."""
    from PIL import Image

    secret = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(secret)
    folder = site.root / "content/2023/folder"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 40), "blue").save(folder / "photo.png")
    body = f"\n![在文件夹里](photo.png)\n\n![绝对路径]({secret})\n\n![上溯](../../../../{secret.name})\n"
    site.write("content/2023/folder/index.md", GOOD_REPORT.replace("5432138", "7") + body)
    run = site.build("--no-search")
    assert run.code == 0, run.err
    images = [image for page in PdfReader(site.output / "2023/folder/folder.pdf").pages for image in page.images]
    assert [image.image.getpixel((0, 0)) for image in images] == [(0, 0, 255)]


def test_only_file_urls_inside_the_folder_may_be_fetched(tmp_path: Path) -> None:
    from reportsite.render.pdf import inside_folder

    root = tmp_path / "folder"
    (root / "sub").mkdir(parents=True)
    (root / "sub/a.png").write_bytes(b"")
    (root / "out.png").symlink_to(tmp_path / "elsewhere.png")
    assert inside_folder((root / "sub/a.png").as_uri(), str(root))
    for url in ((root / "../x.png").as_uri(), (root / "out.png").as_uri(), "file:///etc/passwd",
                "https://example.com/a.png", "file://otherhost" + str(root / "sub/a.png")):
        assert not inside_folder(url, str(root)), url
    assert not inside_folder((root / "sub/a.png").as_uri(), None)
