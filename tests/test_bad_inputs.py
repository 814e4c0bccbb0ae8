"""A catalogue of bad inputs, beyond tests/test_validation.py: each one gets a clear line, or a clean build.

For every error the promise is the same: exit 1, one line naming the file (and
the line, where there is one) with the fix, no traceback, and the previous
output/ byte for byte as it was. Inputs that are only odd are built, with a
warning where the editor should look.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, Run, SiteDir, snapshot, soup, without_root_powers

REPORT = "content/2023/badou-key-work.md"
FOLDER = "content/2023/folder/index.md"
FAST = ("--no-pdf", "--no-search")
#: Every line of a failed build but the summary starts with the file (and line) it is about.
LOCATED = re.compile(r"^\S+(:\d+)?: \S")
#: Words that tell the editor what to do; every error line must carry one.
FIX = re.compile(r"\b(use|add|remove|save|rename|write|written|move|delete|check|replace|install|convert|quote|"
                 r"indent|keep|give|choose|free|put|fix|copy|create|pass|see|make|zip|start from)\b|"
                 r"e\.g\.|such as|did you mean|known keys", re.IGNORECASE)


def rep(old: str, new: str, text: str = GOOD_REPORT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def add(lines: str, text: str = GOOD_REPORT) -> str:
    """The good report with front-matter lines added after `category:` (line 9), so they start on line 10."""
    return rep("category: 工作总结\n", f"category: 工作总结\n{lines}\n", text)


def folder_report(lines: str) -> str:
    """A folder report (its own 索引号) with front-matter lines from line 10 on."""
    return add(lines, GOOD_REPORT.replace("5432138", "7"))


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging the suite: a guard, not a timing assertion."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def staging_leftovers(site: SiteDir) -> list[str]:
    return sorted(p.name for p in site.root.iterdir() if ".staging-" in p.name)


def assert_error(site: SiteDir, run: Run, where: str, message: str, before: dict[str, str]) -> str:
    """Exit 1, a line `where: …message…` with a fix, no traceback, output/ untouched; returns the line."""
    assert run.code == 1, run.out + run.err
    hits = [line for line in run.err.splitlines() if line.startswith(f"{where}: ") and message in line]
    assert hits, f"no line starting {where!r} with {message!r} in:\n{run.err}"
    assert FIX.search(hits[0].removeprefix(where)), f"no fix in: {hits[0]}"
    *problems, summary = run.err.splitlines()
    assert summary.startswith("build failed: ") and all(LOCATED.match(line) for line in problems), run.err
    assert "Traceback" not in run.out + run.err
    assert "internal error" not in run.err
    assert snapshot(site.output) == before
    assert staging_leftovers(site) == []
    return hits[0]


@pytest.fixture
def built(site: SiteDir) -> tuple[SiteDir, dict[str, str]]:
    """The one-report site, built once, with a snapshot of its output."""
    assert site.build(*FAST).code == 0
    return site, snapshot(site.output)


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    message: str
    where: str  # "path:line" or "path"
    args: tuple[str, ...] = FAST
    setup: Callable[[Path], None] | None = None


def _symlinked_folder(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("not for the public", encoding="utf-8")
    (root / "content/2023/folder").mkdir(parents=True, exist_ok=True)
    (root / "content/2023/folder/link").symlink_to(outside, target_is_directory=True)


def _report_named_like_a_folder(root: Path) -> None:
    (root / "content/2023/x.md").mkdir(parents=True)


def _link(name: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    return make


def _fifo(name: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)
    return make


def _outside_file_linked_into_folder(root: Path) -> None:
    (root.parent / "secret.txt").write_text("not for the public", encoding="utf-8")
    (root / "content/2023/folder").mkdir(parents=True, exist_ok=True)
    (root / "content/2023/folder/notes.txt").symlink_to(root.parent / "secret.txt")


def _empty_content(root: Path) -> None:
    shutil.rmtree(root / "content")
    (root / "content").mkdir()


BILLION_LAUGHS = "\n".join(
    [f"{name}: &{name} [{', '.join([prev] * 9)}]" for name, prev in
     zip("abcdefgh", ["lol", "*a", "*b", "*c", "*d", "*e", "*f", "*g"])])

CASES = [
    # --- YAML syntax -------------------------------------------------------------------------------------------
    Case("yaml-unclosed-double-quote", {REPORT: rep("title: 八陡镇", 'title: "八陡镇')},
         "a quote is never closed", f"{REPORT}:2"),
    Case("yaml-unclosed-single-quote", {REPORT: add("summary: '一句话概述。")}, "a quote is never closed",
         f"{REPORT}:10"),
    Case("yaml-unclosed-bracket", {REPORT: add("keywords: [乡村振兴, 营商环境")}, "is never closed", f"{REPORT}:10"),
    Case("yaml-unclosed-brace", {REPORT: add("metrics:\n  - {key: a, label: b, value: 1")}, "is never closed",
         f"{REPORT}:11"),
    Case("yaml-indented-key", {REPORT: rep("publisher: badou", " publisher: badou")}, "this line is indented",
         f"{REPORT}:3"),
    Case("yaml-misaligned-list", {REPORT: add("keywords:\n  - 乡村振兴\n - 营商环境")}, "check its indentation",
         f"{REPORT}:12"),
    Case("yaml-key-without-colon", {REPORT: rep("category: 工作总结", "category 工作总结")},
         "is not of the form `key: value`", f"{REPORT}:9"),
    Case("yaml-lone-colon", {REPORT: add(":")}, "remove a stray `:`", f"{REPORT}:10"),
    Case("yaml-tab-before-key", {REPORT: rep("publisher: badou", "\tpublisher: badou")}, "tab characters",
         f"{REPORT}:3"),
    Case("yaml-scalar-front-matter", {REPORT: "---\n八陡镇2023年度重点工作情况\n---\n\n正文\n"},
         "front matter must be `key: value` lines", f"{REPORT}:2"),
    Case("yaml-billion-laughs", {REPORT: add(BILLION_LAUGHS + "\nsummary: [*h, *h, *h]")},
         "aliases (`*name`) repeat more than", f"{REPORT}:11"),
    Case("yaml-recursive-alias", {REPORT: rep("issued: 2024-01-15", "issued: &a [*a]")},
         "refers to the value that contains it", f"{REPORT}:6"),
    Case("yaml-int-key", {REPORT: add("1: x")}, "unknown key `1`", f"{REPORT}:10"),
    Case("yaml-null-key", {REPORT: add("null: y")}, "unknown key `null`", f"{REPORT}:10"),
    Case("yaml-list-key", {REPORT: add("[a]: b")}, "a key must be a plain word", f"{REPORT}:10"),
    Case("yaml-quoted-duplicate-key", {REPORT: add('"title": 另一个标题')}, "key `title` appears twice (first on line 2)",
         f"{REPORT}:10"),
    Case("yaml-python-tag", {REPORT: add("summary: !!python/object/apply:os.mkdir ['pwned']")},
         "the YAML tag `!!python/object/apply:os.mkdir` is not allowed", f"{REPORT}:10"),
    Case("yaml-binary-tag", {REPORT: add("summary: !!binary 5YWr6Zmh6ZWH")}, "the YAML tag `!!binary`",
         f"{REPORT}:10"),
    Case("yaml-merge-key", {REPORT: add("<<: {summary: 概述}")}, "merge keys (`<<:`) are not supported",
         f"{REPORT}:10"),
    # --- missing, unknown and mistyped keys ------------------------------------------------------------------------
    Case("title-mapping", {REPORT: rep("title: 八陡镇2023年度重点工作情况", "title: {名称: 八陡镇}")},
         "标题 (`title`) must be plain text", f"{REPORT}:2"),
    Case("title-empty", {REPORT: rep("title: 八陡镇2023年度重点工作情况", 'title: ""')},
         "标题 (`title:`) is required", f"{REPORT}:2"),
    Case("publisher-list", {REPORT: rep("publisher: badou", "publisher: [badou]")},
         "发布机构 (`publisher`) must be plain text", f"{REPORT}:3"),
    Case("keywords-mapping", {REPORT: add("keywords: {乡村振兴: 1}")}, "关键词 (`keywords`) must be a list of words",
         f"{REPORT}:10"),
    Case("attachments-string", {FOLDER: folder_report("attachments: 附件1.pdf")},
         "附件 (`attachments`) must be a list", f"{FOLDER}:10"),
    Case("status-boolean", {REPORT: add("status: yes")}, '效力状况 (`status`) "yes" must be 有效 or 废止',
         f"{REPORT}:10"),
    Case("year-chinese-numerals", {REPORT: add("year: 二〇二三")}, "write it as year: 2023", f"{REPORT}:10"),
    Case("year-out-of-range", {REPORT: add("year: 1800")}, '报告年度 (`year`) "1800" must be a four-digit year',
         f"{REPORT}:10"),
    Case("year-float", {REPORT: add("year: 2023.5")}, '报告年度 (`year`) "2023.5"', f"{REPORT}:10"),
    Case("year-folder-0000", {"content/0000/report.md": GOOD_REPORT.replace("5432138", "8")},
         "move the file into a four-digit year folder", "content/0000/report.md"),
    Case("metrics-not-a-list", {REPORT: add("metrics: 规上工业产值20.69亿元")}, "关键指标 (`metrics`) must be a list",
         f"{REPORT}:10"),
    Case("metrics-value-with-unit", {REPORT: add("metrics:\n  - {key: output, label: 产值, value: 8.29亿元}")},
         '`value` must be a plain number such as 20.69 (put the unit in `unit:`), not "8.29亿元"', f"{REPORT}:11"),
    Case("metrics-missing-label", {REPORT: add("metrics:\n  - {key: output, value: 8.29}")},
         "each metric needs `key:`", f"{REPORT}:11"),
    Case("metrics-missing-key", {REPORT: add("metrics:\n  - {label: 产值, value: 8.29}")},
         "each metric needs `key:`", f"{REPORT}:11"),
    Case("metrics-nan", {REPORT: add("metrics:\n  - {key: output, label: 产值, value: .nan}")},
         "must be a plain number", f"{REPORT}:11"),
    Case("metrics-huge-integer", {REPORT: add("metrics:\n  - {key: output, label: 产值, value: 1" + "0" * 400 + "}")},
         "this number has 401 characters", f"{REPORT}:11"),
    Case("metrics-year-boolean", {REPORT: add("metrics:\n  - {key: output, label: 产值, value: 1, year: true}")},
         "`year` must be a four-digit year", f"{REPORT}:11"),
    Case("metrics-label-list", {REPORT: add("metrics:\n  - {key: output, label: [产值], value: 1}")},
         "must be plain text", f"{REPORT}:11"),
    Case("signer-list", {REPORT: add("signer: [博山区八陡镇人民政府]")}, "署名 (`signer`) must be plain text",
         f"{REPORT}:10"),
    Case("signed-impossible", {REPORT: add("signed: 2024-13-01")}, '成文日期 "2024-13-01" is not a real date',
         f"{REPORT}:10"),
    Case("signed-chinese", {REPORT: add("signed: 2024年1月12日")}, "e.g. 2024-01-12", f"{REPORT}:10"),
    # --- dates -----------------------------------------------------------------------------------------------------
    Case("date-month-13", {REPORT: rep("issued: 2024-01-15", "issued: 2024-13-01")},
         '发文日期 "2024-13-01" is not a real date', f"{REPORT}:6"),
    Case("date-month-00", {REPORT: rep("issued: 2024-01-15", "issued: 2024-00-10")},
         '发文日期 "2024-00-10" is not a real date', f"{REPORT}:6"),
    Case("date-not-a-leap-year", {REPORT: rep("issued: 2024-01-15\npublished: 2024-01-15", "issued: 2023-02-29")},
         '发文日期 "2023-02-29" is not a real date', f"{REPORT}:6"),
    Case("date-slashes", {REPORT: rep("issued: 2024-01-15", "issued: 2024/1/5")}, "e.g. 2024-01-05", f"{REPORT}:6"),
    Case("date-chinese", {REPORT: rep("issued: 2024-01-15", "issued: 2024年1月5日")}, "e.g. 2024-01-05",
         f"{REPORT}:6"),
    Case("date-compact", {REPORT: rep("issued: 2024-01-15", "issued: 20240105")}, "e.g. 2024-01-05", f"{REPORT}:6"),
    Case("date-dots", {REPORT: rep("issued: 2024-01-15", "issued: 2024.1.5")}, "e.g. 2024-01-05", f"{REPORT}:6"),
    Case("date-english", {REPORT: rep("issued: 2024-01-15", "issued: Jan 5 2024")}, "e.g. 2024-01-05",
         f"{REPORT}:6"),
    Case("date-full-width", {REPORT: rep("issued: 2024-01-15", "issued: ２０２４－０１－０５")}, "e.g. 2024-01-05",
         f"{REPORT}:6"),
    Case("date-single-digit-month", {REPORT: rep("issued: 2024-01-15", "issued: 2024-1-5")}, "e.g. 2024-01-05",
         f"{REPORT}:6"),
    Case("date-issued-with-time", {REPORT: rep("issued: 2024-01-15", "issued: 2024-01-15 09:30")},
         "must be written YYYY-MM-DD, e.g. 2024-01-15", f"{REPORT}:6"),
    Case("date-list", {REPORT: rep("issued: 2024-01-15", "issued: [2024-01-15]")}, "must be one date",
         f"{REPORT}:6"),
    Case("published-hour-25", {REPORT: rep("published: 2024-01-15", "published: 2024-01-15 25:00")},
         "has no such time of day", f"{REPORT}:7"),
    Case("published-loose-with-time", {REPORT: rep("published: 2024-01-15", "published: 2024/1/16 9:30")},
         "e.g. 2024-01-16 09:30", f"{REPORT}:7"),
    # --- encodings and characters ------------------------------------------------------------------------------------
    Case("gb18030-rare-character", {REPORT: rep("八陡镇2023", "八陡镇𠀀2023").encode("gb18030")},
         "iconv -f GB18030", f"{REPORT}:2"),
    Case("utf16-be-bom", {REPORT: GOOD_REPORT.encode("utf-16-be").join([b"\xfe\xff", b""])},
         "the file is saved as UTF-16; save it as UTF-8", REPORT),
    Case("utf16-le-no-bom", {REPORT: GOOD_REPORT.encode("utf-16-le")}, "UTF-16 (without a BOM)", REPORT),
    Case("utf16-be-no-bom", {REPORT: GOOD_REPORT.encode("utf-16-be")}, "UTF-16 (without a BOM)", REPORT),
    Case("utf32", {REPORT: GOOD_REPORT.encode("utf-32")}, "the file is saved as UTF-32", REPORT),
    Case("nul-in-front-matter", {REPORT: rep("八陡镇2023", "八陡镇\x002023")}, "control character U+0000",
         f"{REPORT}:2"),
    Case("bell-in-body", {REPORT: rep("全年完成", "全年\x07完成")}, "control character U+0007", f"{REPORT}:14"),
    Case("escape-in-title", {REPORT: rep("八陡镇2023", "八陡镇\x1b[31m2023")}, "control character U+001B",
         f"{REPORT}:2"),
    Case("c1-control-in-title", {REPORT: rep("八陡镇2023", "八陡镇\x9b2023")}, "control character U+009B",
         f"{REPORT}:2"),
    Case("noncharacter-in-front-matter", {REPORT: add("summary: 概述\ufffe")},
         "the character U+FFFE is not allowed in YAML; delete it", f"{REPORT}:10"),
    Case("bom-in-middle-of-title", {REPORT: rep("八陡镇2023", "八陡镇\ufeff2023")}, "invisible character U+FEFF",
         f"{REPORT}:2"),
    Case("rlo-in-title", {REPORT: rep("八陡镇2023", "八陡镇\u202e2023")}, "invisible character U+202E",
         f"{REPORT}:2"),
    Case("zero-width-in-keyword", {REPORT: add("keywords: [乡村\u200b振兴]")}, "invisible character U+200B",
         f"{REPORT}:10"),
    Case("zero-width-in-metric-label", {REPORT: add("metrics:\n  - {key: output, label: \"产\u200b值\", value: 1}")},
         "invisible character U+200B", f"{REPORT}:11"),
    # --- file structure -----------------------------------------------------------------------------------------------
    Case("whitespace-only", {REPORT: " \n\t\n\r\n"}, "the file is empty", REPORT),
    Case("front-matter-only-no-newline", {REPORT: GOOD_REPORT.split("\n## ")[0].rstrip("\n")},
         "the report has no text after the front matter", f"{REPORT}:11"),
    Case("folder-named-like-a-file", {"content/2023/x.md/index.md": GOOD_REPORT.replace("5432138", "9")},
         'the file name "x.md" cannot be a URL', "content/2023/x.md/index.md"),
    Case("duplicate-index-no-across-years",
         {"content/2022/older.md": GOOD_REPORT.replace("2024-01-15", "2023-01-15")},
         f'索引号 "1137030400421863XL/2024-5432138" is also used by {REPORT} (added earlier)',
         "content/2022/older.md:4"),  # added after the site was built: the later one is told to change
    Case("duplicate-index-no-folder-and-file", {"content/2023/other/index.md": GOOD_REPORT},
         f"is also used by {REPORT} (added earlier); this report was added later",
         "content/2023/other/index.md:4"),
    # --- attachments -----------------------------------------------------------------------------------------------------
    Case("attachment-is-a-folder", {FOLDER: folder_report("attachments:\n  - {file: 表格, title: 附件1}"),
                                    "content/2023/folder/表格/a.xlsx": b"x"},
         'attachment "表格" is a folder, not a file', f"{FOLDER}:11"),
    Case("attachment-through-symlinked-folder", {FOLDER: folder_report("attachments:\n  - {file: link/secret.txt}")},
         'attachment "link/secret.txt" is outside the report\'s folder', f"{FOLDER}:11", setup=_symlinked_folder),
    Case("attachment-named-like-a-script-url",
         {FOLDER: folder_report('attachments:\n  - {file: "javascript:alert(1)", title: 附件1}'),
          "content/2023/folder/javascript:alert(1)": b"x"},
         "rename the file without them", f"{FOLDER}:11"),
    Case("attachment-with-hash", {FOLDER: folder_report("attachments:\n  - {file: '附件#1.pdf'}"),
                                  "content/2023/folder/附件#1.pdf": b"x"}, "breaks its link", f"{FOLDER}:11"),
    Case("attachment-unknown-field", {FOLDER: folder_report("attachments:\n  - {file: a.pdf, tilte: 附件1}"),
                                      "content/2023/folder/a.pdf": b"%PDF"}, "unknown attachment field `tilte`",
         f"{FOLDER}:11"),
    Case("attachment-file-is-a-list", {FOLDER: folder_report("attachments:\n  - {file: [a.pdf]}")},
         "must be one file name", f"{FOLDER}:11"),
    Case("attachment-nul-in-name", {FOLDER: folder_report('attachments:\n  - {file: "a\\0.pdf"}')},
         "control or invisible character in its name", f"{FOLDER}:11"),
    Case("attachment-zero-width-title", {FOLDER: folder_report('attachments:\n  - {file: a.pdf, title: "附\u200b件"}'),
                                         "content/2023/folder/a.pdf": b"%PDF"}, "invisible character U+200B",
         f"{FOLDER}:11"),
    # --- files in a report folder: published only when they are safe, named, readable ---------------------------------------
    Case("folder-file-html", {FOLDER: folder_report(""), "content/2023/folder/page.html": "<script>alert(1)</script>"},
         ".html files are not published because they could run code", "content/2023/folder/page.html"),
    Case("folder-file-index-html", {FOLDER: folder_report(""), "content/2023/folder/index.html": "<script>x</script>"},
         ".html files are not published", "content/2023/folder/index.html"),
    Case("folder-file-svg", {FOLDER: folder_report(""), "content/2023/folder/chart.svg": "<svg onload='alert(1)'/>"},
         ".svg files are not published", "content/2023/folder/chart.svg"),
    Case("folder-file-nested-js", {FOLDER: folder_report(""), "content/2023/folder/js/app.js": "alert(1)"},
         ".js files are not published", "content/2023/folder/js/app.js"),
    Case("folder-file-executable", {FOLDER: folder_report(""), "content/2023/folder/setup.exe": b"MZ"},
         ".exe cannot be published from a report folder", "content/2023/folder/setup.exe"),
    Case("folder-file-replaces-the-pdf", {FOLDER: folder_report(""), "content/2023/folder/folder.pdf": b"%PDF-1.4"},
         "folder.pdf is the name of the PDF the build makes", "content/2023/folder/folder.pdf"),
    Case("folder-file-links-outside", {FOLDER: folder_report("")},
         "this link points outside the report's folder", "content/2023/folder/notes.txt",
         setup=_outside_file_linked_into_folder),
    # --- things in content/ that are not report files ----------------------------------------------------------------
    Case("report-dangling-link", {}, "a link to a file that does not exist", "content/2023/gone.md",
         setup=_link("content/2023/gone.md", "nowhere.md")),
    Case("report-link-loop", {}, "this link points back to itself", "content/2023/loop.md",
         setup=_link("content/2023/loop.md", "loop.md")),
    Case("report-folder-named-md", {}, "this is a folder named like a report file", "content/2023/x.md",
         setup=lambda root: (root / "content/2023/x.md/sub").mkdir(parents=True)),
    Case("report-is-a-pipe", {}, "not a regular file (a pipe or device)", "content/2023/pipe.md",
         setup=_fifo("content/2023/pipe.md")),
    Case("index-md-is-a-pipe", {}, "not a regular file (a pipe or device)", "content/2023/piped/index.md",
         setup=_fifo("content/2023/piped/index.md")),
    Case("content-folder-empty", {}, "holds no reports, so the build would replace the site with an empty one",
         "content", setup=_empty_content),
    # --- values that Python or the charts cannot take ---------------------------------------------------------------
    Case("number-of-5000-digits", {REPORT: rep('doc_no: ""', "doc_no: " + "9" * 5000)},
         "this number has 5000 characters", f"{REPORT}:5"),
    Case("metric-with-a-number-key", {REPORT: add("metrics:\n  - {1: x, zz: y, key: a, label: b, value: 1}")},
         "the key `1` must be a word", f"{REPORT}:11"),
    Case("metric-second-of-three-names-its-own-line",
         {REPORT: add("metrics:\n  - {key: a, label: 甲, value: 1}\n  - {key: b, label: 乙, value: 1亿}\n"
                      "  - {key: c, label: 丙, value: 3}")}, "must be a plain number", f"{REPORT}:12"),
    Case("metric-value-tiny", {REPORT: add("metrics:\n  - {key: a, label: 产值, value: 5.0e-324}")},
         "is too small to chart", f"{REPORT}:11"),
    Case("metric-value-huge", {REPORT: add("metrics:\n  - {key: a, label: 产值, value: 1.0e+308}")},
         "is too large to chart", f"{REPORT}:11"),
    Case("alias-of-a-huge-string", {REPORT: add("signer: &k " + "长" * 20_000 + "\nkeywords: [" + ", ".join(["*k"] * 50) + "]")},
         "aliases (`*name`) repeat more than", f"{REPORT}:11"),
    Case("index-no-full-width-digits", {REPORT: rep("/2024-5432138", "/２０２４-5432138")},
         '索引号 "1137030400421863XL/２０２４-5432138" does not match the site\'s pattern; write it as', f"{REPORT}:4"),
    # --- templates ---------------------------------------------------------------------------------------------------------
    Case("template-unclosed-expression",
         {REPORT: GOOD_REPORT, "templates/report.html":
          '{% extends "base.html" %}\n{% block main %}\n<h1>{{ report.title </h1>\n{% endblock %}\n'},
         "template error: unexpected '/'", "templates/report.html:3"),
    Case("template-undefined-variable",
         {"templates/report.html": '{% extends "base.html" %}\n{% block main %}\n{{ report.nope }}\n{% endblock %}\n'},
         "template error: 'reportsite.model.report.Report object' has no attribute 'nope'", "templates/report.html:3"),
    Case("template-written-for-site-not-config",
         {"templates/report.html": '{% extends "base.html" %}\n{% block main %}\n{{ site.name }}\n{% endblock %}\n'},
         "rename `site.` to `config.` in this template", "templates/report.html:3"),
    Case("template-unknown-filter",
         {"templates/report.html": '{% extends "base.html" %}\n{% block main %}\n{{ report.title | shout }}\n'
                                   '{% endblock %}\n'}, "No filter named 'shout'", "templates/report.html:3"),
    Case("template-filter-raises",
         {"templates/report.html": '{% extends "base.html" %}\n{% block main %}\n{{ report.title | wordwrap(0) }}\n'
                                   '{% endblock %}\n'}, "invalid width 0", "templates/report.html:3"),
    Case("template-filter-on-empty-list",
         {"templates/report.html": '{% extends "base.html" %}\n{% block main %}\n{{ [] | random }}\n'
                                   '{% endblock %}\n'}, "No random item", "templates/report.html:3"),
    Case("pdf-template-undefined-variable", {"templates/pdf/report.html": "<html>\n{{ nope }}\n</html>\n"},
         "template error: 'nope' is undefined", "templates/pdf/report.html:2", args=("--no-search",)),
    Case("pdf-character-in-no-font", {REPORT: rep("全年完成", "全年\U00017000完成")},
         "(U+17000) is in no font of the PDF body stack", f"{REPORT}:14", args=("--no-search",)),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_bad_input_is_one_clear_line_and_output_stays(built: tuple[SiteDir, dict[str, str]], case: Case) -> None:
    site, before = built
    if case.setup:
        case.setup(site.root)
    for relpath, text in case.files.items():
        site.write(relpath, text)
    with deadline(120):
        run = site.build(*case.args)
    assert_error(site, run, case.where, case.message, before)


def test_config_that_is_a_pipe_is_refused_without_waiting(built: tuple[SiteDir, dict[str, str]]) -> None:
    site, before = built
    config = site.root / "config.yaml"
    config.unlink()
    os.mkfifo(config)
    with deadline(30):
        run = site.build(*FAST)
    assert_error(site, run, str(config), "not a regular file (a pipe or device)", before)


def test_files_a_computer_leaves_behind_are_never_published(site: SiteDir) -> None:
    """Hidden files (.env, .DS_Store) and Thumbs.db stay out of the site, and do not stop the build."""
    site.write(FOLDER, folder_report(""))
    for name in (".env", ".DS_Store", "Thumbs.db", ".git/config", "附件1.pdf"):
        site.write(f"content/2023/folder/{name}", b"SECRET=1" if name == ".env" else b"%PDF")
    run = site.build(*FAST)
    assert run.code == 0, run.err
    published = sorted(p.name for p in (site.output / "2023/folder").iterdir())
    assert published == ["index.html", "附件1.pdf"]


def build_without_root_powers(site: SiteDir) -> Run:
    """Build in a child process for which file modes count even when the tests run as root
    (setpriv drops the capabilities that let root read anything)."""
    command = [*without_root_powers(), sys.executable, str(ROOT / "build.py"), "build",
               "--config", str(site.root / "config.yaml"), *FAST]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=site.root)
    return Run(done.returncode, done.stdout, done.stderr)


def build_with_locked(site: SiteDir, locked: str) -> tuple[Run, dict[str, str]]:
    """Build once, then again with `locked` (a file or folder) unreadable; the second run and
    a snapshot of the output it must leave alone."""
    assert site.build(*FAST).code == 0
    before = snapshot(site.output)
    (site.root / locked).chmod(0)
    try:
        return build_without_root_powers(site), before
    finally:
        (site.root / locked).chmod(0o755)


@pytest.mark.parametrize("locked, where, message", [
    ("content/2023", "content/2023", "cannot open this folder (Permission denied), so its reports would be left out"),
    (REPORT, REPORT, "cannot read this file (Permission denied)"),
    ("content/2023/folder", FOLDER, "cannot read this file (Permission denied)"),
    ("content/2023/folder/附件1.pdf", "content/2023/folder/附件1.pdf", "cannot read this file (Permission denied)"),
    ("config.yaml", "config.yaml", "cannot read the config file (Permission denied)"),
])
def test_unreadable_inputs_are_named_and_nothing_is_left_out(site: SiteDir, locked: str, where: str,
                                                              message: str) -> None:
    """A locked file or folder stops the build by name; it never silently drops reports from the site."""
    site.write(FOLDER, folder_report("attachments:\n  - {file: 附件1.pdf, title: 附件1}"))
    site.write("content/2023/folder/附件1.pdf", b"%PDF-1.4")
    run, before = build_with_locked(site, locked)
    assert_error(site, run, where, message, before)


@pytest.mark.parametrize("locked", ["templates/report.html", "assets/css"])
def test_an_unreadable_template_or_asset_is_named_not_blamed_on_the_output(site: SiteDir, locked: str) -> None:
    shutil.copytree(ROOT / "templates", site.root / "templates")
    shutil.copytree(ROOT / "assets", site.root / "assets")
    run, before = build_with_locked(site, locked)
    assert_error(site, run, locked, "cannot read this file (Permission denied)", before)
    assert "cannot write the site" not in run.err


def test_python_tag_runs_nothing(built: tuple[SiteDir, dict[str, str]]) -> None:
    site, before = built
    site.write(REPORT, add(f"summary: !!python/object/apply:os.mkdir ['{site.root / 'pwned'}']"))
    assert_error(site, site.build(*FAST), f"{REPORT}:10",
                 "the YAML tag `!!python/object/apply:os.mkdir` is not allowed; remove it", before)
    assert not (site.root / "pwned").exists()


def test_billion_laughs_in_any_field_ends_quickly(built: tuple[SiteDir, dict[str, str]]) -> None:
    """Aliases are refused before any value is turned into text (str() of 9**9 items would never end)."""
    site, before = built
    for key in ("issued", "title", "year", "keywords", "metrics"):
        text = re.sub(rf"^{key}: .*\n", "", GOOD_REPORT, flags=re.MULTILINE)
        text = add(BILLION_LAUGHS + f"\n{key}: [*h, *h, *h, *h, *h, *h, *h, *h, *h]", text)
        site.write(REPORT, text)
        first_alias = text.splitlines().index("b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]") + 1
        with deadline(20):
            run = site.build(*FAST)
        assert_error(site, run, f"{REPORT}:{first_alias}", "aliases (`*name`) repeat more than", before)


def test_a_few_aliases_are_fine(site: SiteDir) -> None:
    site.write(REPORT, add("signer: &who 博山区八陡镇人民政府\nsummary: *who"))
    run = site.build(*FAST)
    assert run.code == 0, run.err
    assert soup(site.output / PAGE).select_one('meta[name="Description"]')["content"] == "博山区八陡镇人民政府"


# --- accepted inputs: they build, and show what the editor wrote ---------------------------------------------------------

PAGE = "2023/badou-key-work/index.html"


def h1(site: SiteDir) -> str:
    return soup(site.output / PAGE).select_one("h1.report__title").get_text()


@pytest.mark.parametrize("written, shown", [("2023.10", "2023.10"), ("yes", "yes"), ("20240115", "20240115"),
                                            ("0x1F", "0x1F")])
def test_title_that_yaml_reads_as_a_number_or_boolean_is_shown_as_written(site: SiteDir, written: str,
                                                                         shown: str) -> None:
    site.write(REPORT, rep("title: 八陡镇2023年度重点工作情况", f"title: {written}"))
    run = site.build(*FAST)
    assert run.code == 0, run.err
    assert h1(site) == shown


def test_quoted_year_is_a_year(site: SiteDir) -> None:
    site.write(REPORT, add('year: "2023"'))
    run = site.build(*FAST)
    assert run.code == 0, run.err
    links = [a["href"] for a in soup(site.output / "2023/index.html").select("a[href]")]
    assert "../2023/badou-key-work/index.html" in links


@pytest.mark.parametrize("name, data", [
    ("bom-only", ("\ufeff" + GOOD_REPORT).encode("utf-8")),
    ("crlf-only", GOOD_REPORT.replace("\n", "\r\n").encode("utf-8")),
    ("lone-cr", GOOD_REPORT.replace("\n", "\r").encode("utf-8")),
])
def test_line_endings_and_bom_are_accepted(site: SiteDir, name: str, data: bytes) -> None:
    site.write(REPORT, data)
    run = site.build(*FAST)
    assert run.code == 0, run.err
    assert h1(site) == "八陡镇2023年度重点工作情况"
    assert "全年完成规上工业产值20.69亿元" in (site.output / PAGE).read_text(encoding="utf-8")


def test_same_slug_in_two_years_is_two_pages(site: SiteDir) -> None:
    site.write("content/2022/badou-key-work.md",
               GOOD_REPORT.replace("5432138", "9").replace("2024-01-15", "2023-01-15").replace("2023年度", "2022年度"))
    assert site.build(*FAST).code == 0
    assert (site.output / "2022/badou-key-work/index.html").is_file() and (site.output / PAGE).is_file()


@pytest.mark.parametrize("name, href", [
    ("附件 1 重点项目表.xlsx", "附件%201%20重点项目表.xlsx"),  # spaces encoded, Chinese kept readable
    ("x%2e%2e%2fy.txt", "x%252e%252e%252fy.txt"),  # a name, not an encoded path: it links to itself
])
def test_attachment_link_reaches_exactly_the_copied_file(site: SiteDir, name: str, href: str) -> None:
    site.write(FOLDER, folder_report(f"attachments:\n  - {{file: '{name}', title: 附件1 重点项目表}}"))
    site.write(f"content/2023/folder/{name}", b"PK\x03\x04")
    run = site.build(*FAST)
    assert run.code == 0, run.err
    page = site.output / "2023/folder/index.html"
    link = soup(page).select_one(".attachments a")["href"]
    assert link == href
    assert (page.parent / unquote(link)).read_bytes() == b"PK\x03\x04"


def test_footnote_mark_without_a_note_is_a_warning_on_its_line(site: SiteDir) -> None:
    text = GOOD_REPORT + "\n全年完成目标[^1]，另有说明[^2]。\n\n[^1]: 数据来自统计局。\n"
    site.write(REPORT, text)
    run = site.build(*FAST)
    assert run.code == 0, run.err
    line = text.splitlines().index("全年完成目标[^1]，另有说明[^2]。") + 1
    assert f"{REPORT}:{line}: warning: footnote [^2] has no note" in run.err
    assert "[^1]" not in run.err


def test_stray_upper_case_md_file_is_a_warning(site: SiteDir) -> None:
    site.write("content/2023/other.MD", GOOD_REPORT.replace("5432138", "9"))
    run = site.build(*FAST)
    assert run.code == 0
    assert "content/2023/other.MD: warning: this file is not read as a report: rename it to other.md" in run.err


def test_folder_without_index_md_is_a_warning(site: SiteDir) -> None:
    site.write("content/2023/folder/report.md", GOOD_REPORT.replace("5432138", "9"))
    run = site.build(*FAST)
    assert run.code == 0
    assert "content/2023/folder: warning: this folder has no index.md" in run.err


def test_index_no_of_another_organisation_is_a_warning(site: SiteDir) -> None:
    site.write(REPORT, rep("1137030400421863XL/", "12370304004218633K/"))
    run = site.build(*FAST)
    assert run.code == 0, run.err
    assert f"{REPORT}:4: warning: 索引号 starts with 12370304004218633K, but 博山区八陡镇's code is" in run.err


def test_multi_line_doc_no_warning_stays_on_one_line(site: SiteDir) -> None:
    site.write(REPORT, rep('doc_no: ""', "doc_no: |\n  博政发\n  2024年3号"))
    run = site.build(*FAST)
    assert run.code == 0
    assert [line for line in run.err.splitlines() if "文号" in line] == [
        f'{REPORT}:5: warning: 文号 "博政发 2024年3号" is not of the form 机关代字〔YYYY〕N号, e.g. 博政发〔2024〕3号']
    assert all(LOCATED.match(line) for line in run.err.splitlines())


def test_doc_no_with_di_is_a_warning(site: SiteDir) -> None:
    site.write(REPORT, rep('doc_no: ""', "doc_no: 博政发〔2024〕第3号"))
    run = site.build(*FAST)
    assert run.code == 0
    assert f'{REPORT}:5: warning: 文号 "博政发〔2024〕第3号" should not contain 第' in run.err


# --- sizes: these must finish (the deadline only guards against a hang) --------------------------------------------------

def test_five_megabyte_body_builds(site: SiteDir) -> None:
    paragraph = "全年完成规上工业产值20.69亿元，同比增长8.3%。" * 20 + "\n\n"
    site.write(REPORT, GOOD_REPORT + paragraph * (5_000_000 // len(paragraph.encode())))
    with deadline(120):
        run = site.build(*FAST)
    assert run.code == 0, run.err
    assert (site.output / PAGE).stat().st_size > 5_000_000


def test_one_megabyte_line_builds(site: SiteDir) -> None:
    site.write(REPORT, GOOD_REPORT + "\n" + "全年完成" * 90_000)
    with deadline(120):
        run = site.build(*FAST)
    assert run.code == 0, run.err
    assert "全年完成" * 90_000 in (site.output / PAGE).read_text(encoding="utf-8")


def test_hundred_thousand_character_title_builds(site: SiteDir) -> None:
    site.write(REPORT, rep("八陡镇2023年度重点工作情况", "八" * 100_000))
    with deadline(120):
        run = site.build(*FAST)
    assert run.code == 0, run.err
    assert h1(site) == "八" * 100_000


@pytest.mark.parametrize("nesting", ["- " * 10_000 + "深\n", ">" * 10_000 + " 深\n", "*" * 20_000 + "深" + "*" * 20_000,
                                     "[" * 10_000 + "深" + "](" * 10_000, "<table><tr><td>" * 5_000 + "深\n"])
def test_deep_nesting_builds(site: SiteDir, nesting: str) -> None:
    site.write(REPORT, GOOD_REPORT + "\n" + nesting)
    with deadline(120):
        run = site.build(*FAST)
    assert run.code == 0, run.err
    assert "深" in (site.output / PAGE).read_text(encoding="utf-8")


# --- the output folder ----------------------------------------------------------------------------------------------------

def test_output_under_a_regular_file(built: tuple[SiteDir, dict[str, str]]) -> None:
    site, before = built
    (site.root / "afile").write_text("x", encoding="utf-8")
    run = site.build(*FAST, "--out", str(site.root / "afile/output"))
    assert run.code == 1
    assert "cannot write the site:" in run.err and "check the folder" in run.err
    assert "Traceback" not in run.out + run.err
    assert snapshot(site.output) == before and staging_leftovers(site) == []


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("owner, name", [("StagedOutput", "write_text"), ("StagedOutput", "write_bytes"),
                                         ("StagedOutput", "copy"), ("StagedOutput", "target"),
                                         ("shutil", "copyfileobj")])
def test_full_disk_leaves_the_previous_site(built: tuple[SiteDir, dict[str, str]],
                                           monkeypatch: pytest.MonkeyPatch, owner: str, name: str) -> None:
    site, before = built
    site.write(FOLDER, folder_report("attachments:\n  - {file: a.pdf}"))
    site.write("content/2023/folder/a.pdf", b"%PDF-1.4")
    from reportsite.output.writer import StagedOutput

    monkeypatch.setattr({"StagedOutput": StagedOutput, "shutil": shutil}[owner], name, disk_full)
    run = site.build(*FAST)
    assert run.code == 1
    assert "cannot write the site: the disk is full; free some space and build again" in run.err
    assert "Traceback" not in run.out + run.err
    assert snapshot(site.output) == before
    assert staging_leftovers(site) == []


def test_full_disk_while_writing_pdfs(built: tuple[SiteDir, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    site, before = built
    from reportsite.output.writer import StagedOutput

    real = StagedOutput.target

    def full_for_pdfs(self: StagedOutput, relpath: str) -> Path:
        if relpath.endswith(".pdf"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, relpath)

    monkeypatch.setattr(StagedOutput, "target", full_for_pdfs)
    run = site.build("--no-search")
    assert run.code == 1
    assert "cannot write the site: the disk is full; free some space and build again" in run.err
    assert "Traceback" not in run.out + run.err
    assert snapshot(site.output) == before and staging_leftovers(site) == []


@pytest.mark.parametrize("out, reason", [(".", "config.yaml"), ("content", "the report 2023/badou-key-work.md"),
                                         ("config.yaml", "it is a file")])
def test_output_that_would_replace_the_sources_is_refused(built: tuple[SiteDir, dict[str, str]], out: str,
                                                          reason: str) -> None:
    site, before = built
    sources = snapshot(site.root / "content") | {"config.yaml": snapshot(site.root)["config.yaml"]}
    run = site.build(*FAST, "--out", str(site.root / out))
    assert run.code == 1
    assert "cannot be the output folder" in run.err and reason in run.err and "choose another folder" in run.err
    assert snapshot(site.root / "content") | {"config.yaml": snapshot(site.root)["config.yaml"]} == sources
    assert snapshot(site.output) == before


def test_output_above_the_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    parent = tmp_path / "parent"
    site = SiteDir(parent / "site", capsys)
    site.write("config.yaml", MINIMAL_CONFIG)
    site.write(REPORT, GOOD_REPORT)
    monkeypatch.chdir(tmp_path)
    run = site.build(*FAST, "--out", str(parent))
    assert (parent / "site" / REPORT).is_file()
    assert run.code == 1, run.err
    assert ("parent: cannot be the output folder: it holds files that reportsite did not write (such as site)"
            in run.err and "choose an empty or new folder with --out" in run.err), run.err
    assert "Traceback" not in run.err and "internal error" not in run.err


# --- templates that fail while they render, not while they parse -------------------------------------------------------

TEMPLATE_FAULTS = [  # (id, template, line, message)
    ("raises-in-expression", '{% extends "base.html" %}\n{% block main %}\n{{ 1 // 0 }}\n{% endblock %}\n', 3,
     "template error: integer division or modulo by zero"),
    ("missing-include", '{% extends "base.html" %}\n{% block main %}\n{% include "nope.html" %}\n{% endblock %}\n', 3,
     "template error: 'nope.html' not found"),
    ("endless-recursion", '{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}\n', 1,
     "template error: maximum recursion depth exceeded"),
    ("not-utf8", "{{ '八陡镇' }}\n".encode("gbk"), None, "the template is not UTF-8; save it as UTF-8"),
]


@pytest.mark.parametrize("source, line, message", [c[1:] for c in TEMPLATE_FAULTS],
                         ids=[c[0] for c in TEMPLATE_FAULTS])
def test_template_fault_names_the_template(built: tuple[SiteDir, dict[str, str]], source: str | bytes,
                                           line: int | None, message: str) -> None:
    site, before = built
    site.write("templates/report.html", source)
    run = site.build(*FAST)
    assert_error(site, run, "templates/report.html" + (f":{line}" if line else ""), message, before)


# --- config.yaml ----------------------------------------------------------------------------------------------------------

CONFIG_CASES = [  # (id, config.yaml's text, bytes, or None for a folder in its place; where; message)
    ("malformed-quote", MINIMAL_CONFIG.replace("name: 测试镇人民政府", 'name: "测试镇人民政府'), "config.yaml:2",
     "a quote is never closed"),
    ("unknown-nested-key", MINIMAL_CONFIG.replace("  domain:", "  domian:"), "config.yaml:3",
     "unknown key `site.domian` (did you mean `domain`?)"),
    ("base-url-javascript", MINIMAL_CONFIG.replace("https://www.example.gov.cn/town/", "javascript:alert(1)//"),
     "config.yaml:1", "must be a full URL such as https://"),
    ("font-role-unknown", MINIMAL_CONFIG + "pdf:\n  fonts:\n    bdy: [Noto Serif CJK SC]\n", "config.yaml:14",
     "unknown font role `pdf.fonts.bdy` (did you mean `body`?)"),
    ("nul-character", MINIMAL_CONFIG.replace("测试镇人民政府", "测试\x00镇人民政府", 1), "config.yaml:2",
     "the character U+0000 is not allowed in YAML; delete it"),
    ("tab-indent", MINIMAL_CONFIG.replace("  name:", "\tname:", 1), "config.yaml:2", "tab characters"),
    ("python-tag", MINIMAL_CONFIG + "categories: !!python/object/apply:os.getcwd []\n", "config.yaml:14",
     "the YAML tag `!!python/object/apply:os.getcwd` is not allowed"),
    ("scalar", "测试镇\n", "config.yaml:1", "must be `key: value` lines"),
    ("gbk", MINIMAL_CONFIG.encode("gbk"), "config.yaml", "config file is not UTF-8 (save it as UTF-8)"),
    ("config-is-a-folder", None, "config.yaml", "the config path is a folder, not a file; pass the config file"),
    ("publishers-list", MINIMAL_CONFIG.split("publishers:")[0] + "publishers: [badou]\n", "config.yaml:10",
     "`publishers` must map a short key"),
    ("index-no-pattern-invalid", MINIMAL_CONFIG + "index_no_pattern: '(['\n", "config.yaml:14",
     "not a valid regular expression"),
    ("index-no-pattern-list", MINIMAL_CONFIG + "index_no_pattern: [a]\n", "config.yaml:14",
     "`index_no_pattern` must be a regular expression written as quoted text"),
    ("font-stack-mapping", MINIMAL_CONFIG + "pdf:\n  fonts:\n    body: {name: x}\n", "config.yaml:14",
     "`pdf.fonts.body` must be a list of font names"),
]


@pytest.mark.parametrize("text, where, message", [c[1:] for c in CONFIG_CASES], ids=[c[0] for c in CONFIG_CASES])
def test_config_fault(built: tuple[SiteDir, dict[str, str]], monkeypatch: pytest.MonkeyPatch,
                      text: str | bytes | None, where: str, message: str) -> None:
    site, before = built
    monkeypatch.chdir(site.root)
    if text is None:
        (site.root / "config.yaml").unlink()
        (site.root / "config.yaml").mkdir()
    else:
        site.write("config.yaml", text)
    assert_error(site, site.build(*FAST), where, message, before)
