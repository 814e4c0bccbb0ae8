"""Property tests: whatever an editor saves, the build answers with exit 0 or 1 and plain located lines.

Hypothesis generates front matter (valid and invalid keys and values, CJK,
full-width punctuation, mixed scripts, any Unicode text), Markdown bodies (CJK
paragraphs, official headings, tables, HTML fragments, stray emphasis markers,
deep nesting) and random bytes as whole files. The build must never raise or
print a traceback; a failed build names each problem as `content/…:N: …`; a
successful one publishes the page without any script but the site's own.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import GOOD_REPORT, MINIMAL_CONFIG
from reportsite.commands import main
from reportsite.content.schema import FIELDS
from reportsite.render.markup import make_markdown, render_markdown

REPORT = "content/2023/fuzz.md"
PAGE = "output/2023/fuzz/index.html"
PROBLEM_LINE = re.compile(r"^content/\S+(:\d+)?: .+|^config\.yaml")
SUMMARY = re.compile(r"^build failed: \d+ error\(s\); output/ was left unchanged$")
OWN_SCRIPT = re.compile(r'^<script src="(\.\./)*(assets|pagefind)/[\w./-]+\.js"( defer)?></script>$')
TAG = re.compile(r"<[A-Za-z][^<>]*>")

# --- text ----------------------------------------------------------------------------------------------------------

cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
full_width = st.sampled_from(list("，。；：？！（）【】《》“”‘’、…—·　％＋－０１２３ＡＢ"))
half_width = st.sampled_from(list(",.;:?!()[]<>\"'&*_`#|-=+~\\/@$%^{}"))
printable = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf")), max_size=6)
wild = st.text(max_size=20)  # any Unicode but surrogates: control and format characters too
mixed = st.lists(st.one_of(cjk, cjk, full_width, half_width, printable,
                           st.sampled_from(["八陡镇", "2023", "20.69亿元", "Boshan", "Ⅳ", "𠀀", "é", "ß", "ﬁ"])),
                 max_size=12).map("".join)

# --- front matter ----------------------------------------------------------------------------------------------------

dates = st.one_of(st.dates().map(str), st.sampled_from(["2024-01-15", "2024-02-30", "2024/1/15", "2024年1月15日",
                                                        "20240115", "Jan 15 2024", "2024-01-15 25:00", ""]),
                  mixed)
scalars = st.one_of(mixed, wild, st.integers(), st.floats(), st.booleans(), st.none(), dates)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
keys = st.one_of(st.sampled_from(list(FIELDS)), st.sampled_from(["catgory", "信息分类", "Title", "<<", "1"]),
                 st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=10))
VALID = {"title": "八陡镇2023年度重点工作情况", "publisher": "badou", "index_no": "1137030400421863XL/2024-5432138",
         "issued": "2024-01-15", "published": "2024-01-15"}


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A YAML mapping mostly valid, with generated keys and values mixed in; sometimes raw broken lines."""
    data: dict[object, object] = {k: v for k, v in VALID.items() if draw(st.integers(0, 9)) or k != "title"}
    for key, value in draw(st.lists(st.tuples(keys, values), max_size=draw(st.sampled_from([0, 1, 3])))):
        data[key] = value
    if draw(st.booleans()):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        text = "".join(f"{k}: {v}\n" for k, v in data.items())
    if draw(st.integers(0, 4)) == 0:
        lines = text.splitlines()
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(mixed, st.sampled_from(["  - x", "\t- y", ":", "- ", "[", "'", '"', "&a [*a]",
                                                                 "!!python/object:os.system", "? [a]"]))))
        text = "\n".join(lines) + "\n"
    return text


# --- bodies ------------------------------------------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
heading = st.one_of(st.builds(lambda n, t: f"{n}、{t}", st.sampled_from(NUMERALS), mixed),
                    st.builds(lambda n, t: f"（{n}）{t}", st.sampled_from(NUMERALS), mixed),
                    st.builds(lambda n, t: f"{n}.{t}", st.integers(1, 12), mixed),
                    st.builds(lambda n, t: f"（{n}）{t}", st.integers(1, 12), mixed),
                    st.builds(lambda h, t: f"{'#' * h} {t}", st.integers(1, 7), mixed))
markdown_table = st.builds(lambda cells: "| " + " | ".join(cells[:3] or ["甲"]) + " |\n|---|---|\n| "
                           + " | ".join(cells[3:] or ["乙"]) + " |", st.lists(mixed, max_size=6))
html_fragment = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=x>",
    '<a href="javascript:alert(1)">x</a>', "<table><tr><th rowspan=2 onclick=x>甲</th><td colspan=99999>乙</td></tr>",
    "<table><tr><td><table><tr><td>嵌套</td></tr></table></td></tr></table>", "</table>", "<tr><td>", "<!--",
    "<div>", "<style>body{}</style>", "<b>", "&#106;avascript:", "[链接](javascript:alert(1))", "![图](data:x)",
    "<javascript:alert(1)>", "[^1]\n\n[^1]: 注", "```\n<script>\n```"])
emphasis = st.builds(lambda a, t, b: f"{a}{t}{b}", st.sampled_from(["**", "*", "__", "_", "***", "~~", "`", ""]),
                     mixed, st.sampled_from(["**", "*", "__", "_", "***", "~~", "`", "。**", ""]))
nested = st.builds(lambda marker, depth, t: marker * depth + t, st.sampled_from(["- ", "> ", "1. ", "  ", "* "]),
                   st.integers(0, 40), mixed)
blocks = st.lists(st.one_of(mixed, wild, heading, markdown_table, html_fragment, emphasis, nested,
                            st.builds(lambda a, b: a + b, emphasis, mixed)), max_size=12)
bodies = st.tuples(st.one_of(cjk, heading), blocks).map(lambda parts: "\n\n".join([parts[0], *parts[1]]))


# --- the build -----------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_site() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        (root / "content/2023").mkdir(parents=True)
        (root / "config.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
        yield root


def build_with(root: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    (root / REPORT).write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with monkeypatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.chdir(root)
        code = main(["build", "--config", "config.yaml", "--no-pdf", "--no-search", "--quiet"])
    return code, out.getvalue(), err.getvalue()


def check_build(root: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    page = root / PAGE
    page.unlink(missing_ok=True)
    code, out, err = build_with(root, data, monkeypatch)
    assert code in (0, 1)
    assert "Traceback" not in out + err and "internal error" not in err, err
    if code == 1:
        lines = err.splitlines()
        assert lines and SUMMARY.match(lines[-1]), err
        assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), err
    else:
        assert all(PROBLEM_LINE.match(line) and ": warning: " in line for line in err.splitlines()), err
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>(?:</script>)?", html, re.IGNORECASE)
        assert all(OWN_SCRIPT.match(s) for s in scripts), scripts


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FUZZ
@given(front=front_matter(), body=bodies)
@example(front="title: yes\npublisher: badou\nissued: 2024-01-15\n", body="一、标题")
@example(front="title: x\npublisher: badou\nissued: &a [*a]\n", body="正文")
@example(front="title: x\npublisher: badou\nissued: 2024-01-15\ndoc_no: |\n  多行\n  文号\n", body="正文")
@example(front="title: x\npublisher: badou\nissued: 2024-01-15\nmetrics: [{key: a, label: b, value: .nan}]\n",
         body="正文")
def test_generated_reports_build_or_fail_cleanly(fuzz_site: Path, monkeypatch: pytest.MonkeyPatch, front: str,
                                                 body: str) -> None:
    check_build(fuzz_site, f"---\n{front}---\n\n{body}\n".encode("utf-8"), monkeypatch)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                      st.builds(lambda a, b: GOOD_REPORT.encode("utf-8")[:a] + b, st.integers(0, 400),
                                st.binary(max_size=20))))
@example(data=GOOD_REPORT.encode("gb18030"))
@example(data=GOOD_REPORT.encode("utf-16-le"))
@example(data=b"---\n\x85: x\n---\n")
def test_random_bytes_build_or_fail_cleanly(fuzz_site: Path, monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    check_build(fuzz_site, data, monkeypatch)


# --- Markdown alone: fast, so many more examples ---------------------------------------------------------------------------

WEB, PRINT = make_markdown(), make_markdown(typeset=True)
UNSAFE_URL = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)


@settings(max_examples=1000, deadline=None)
@given(source=st.one_of(bodies, st.text(max_size=300)))
@example(source="- " * 10_000 + "深")
@example(source="<table><tr><td>" * 3_000)
def test_markdown_never_fails_and_never_emits_active_markup(source: str) -> None:
    for md in (WEB, PRINT):
        html = render_markdown(md, source).html
        tags = TAG.findall(html)
        assert not any(re.match(r"<(script|iframe|object|embed|svg|img|style)\b", t, re.IGNORECASE) for t in tags)
        assert not any(re.search(r"\son\w+\s*=", t, re.IGNORECASE) for t in tags), tags
        for tag in BeautifulSoup(html, "html.parser").find_all(href=True):
            assert not UNSAFE_URL.match(re.sub(r"[\x00-\x20]", "", tag["href"])), tag


@settings(max_examples=300, deadline=None)
@given(depth=st.integers(21, 400), marker=st.sampled_from(["- ", "> ", "1. ", "* "]), text=cjk)
def test_text_nested_past_the_limit_is_kept(depth: int, marker: str, text: str) -> None:
    """Regression: markdown-it dropped everything after its nesting limit without a word."""
    html = render_markdown(WEB, marker * depth + text + "\n\n后文").html
    visible = BeautifulSoup(html, "html.parser").get_text()
    assert text in visible and "后文" in visible
