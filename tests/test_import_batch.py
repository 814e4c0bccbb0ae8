"""`import` at migration scale: a whole folder of saved pages at once, run again and again.

What an editor migrating an office's site must be able to rely on: every page of a folder is
read, in a stable order; a file that is no page gets one line saying what to do, and never
stops the others; a page already imported is not imported twice; publishers come out as the
site's keys, or with the config.yaml lines that would make them so; the run ends with a table
(and, on request, the same as CSV for Excel); and a dry run shows all that and writes nothing.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

from conftest import GOOD_REPORT, MINIMAL_CONFIG, Run, SiteDir, front_matter, run_main, snapshot
from test_history import git

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "fixtures/import"
#: The Pingtan corpus (/work/shared/corpus/pingtan), as the repository keeps it.
PINGTAN = HERE / "fixtures/pingtan"
PT_PUBLISHER = "平潭综合实验区党工委管委会"
GBK_PAGE, GB18030_PAGE = "xiaozhuang-2024-gbk.txt", "xiaozhuang-2023-gb18030.html"
GBK_REPORT = "2024/xiao-zhuang-zhen-2024-nian-du-zhong-dian-gong-zuo-qing-kuang.md"
GB18030_REPORT = "2023/xiao-zhuang-zhen-2023-nian-du-gong-zuo-zong-jie.md"
CHENGDONG = "chengdong-2023-zongjie.txt"
CHENGDONG_REPORT = "2023/cheng-dong-jie-dao-2023-nian-gong-zuo-zong-jie-he-2024-nian.md"
DONGSHAN = "dongshan-xxgk-2024-gbk.html"
DONGSHAN_REPORT = "2024/dong-shan-jie-dao-2024-nian-zheng-fu-xin-xi-gong-kai-gong.md"
#: The 索引号 and its organisation code on the 东山 page, copied from it by hand.
DONGSHAN_CODE = "11370304MB2850123K"
#: A page that is only a site's furniture: a list page saved instead of the report.
FURNITURE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>博山区人民政府</title></head>
<body>
<div class="position">您当前的位置：首页 &gt; 政务公开 &gt; 计划总结</div>
<div class="tools">【字体：大 中 小】 【打印】【关闭】</div>
<div class="share">分享到： 微信 微博 QQ空间</div>
<div>扫一扫在手机打开当前页</div>
</body></html>
"""
#: A page saved before its script filled it in.
EMPTY_PAGE = '<!DOCTYPE html><html><head><title></title></head><body><div id="app"></div>' \
             "<script>render()</script></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def run_import(*argv: str) -> Run:
    return run_main("import", *argv)


def table_rows(err: str, result: str) -> int:
    """How many rows of the final table have this result (a row's first line names it)."""
    return sum(f"│ {result} " in line for line in err.splitlines())


def lines_about(err: str, path: Path) -> list[str]:
    """The lines of stderr that are about one file (`path: …`), the table aside."""
    return [line for line in err.splitlines() if line.startswith(f"{path}:")]


# --------------------------------------------------------------------------- a whole saved site

def test_a_saved_site_is_imported_in_one_run_each_report_once(tmp_path: Path) -> None:
    content = tmp_path / "content"
    run = run_import(str(PINGTAN), "--to", str(content), "--publisher", PT_PUBLISHER)
    assert run.code == 0 and "Traceback" not in run.err
    # in the order of the names; a year's .html comes before its .txt, which is the same report
    assert [Path(line).relative_to(content).as_posix() for line in run.out.splitlines()] == [
        "2019/ping-tan-zong-he-shi-yan-qu-2019-nian-du-zheng-fu-xin-xi.md",
        "2020/ping-tan-zong-he-shi-yan-qu-2020-nian-du-zheng-fu-xin-xi.md",
        "2021/ping-tan-zong-he-shi-yan-qu-2021-nian-du-zheng-fu-xin-xi.md",
        "2022/ping-tan-zong-he-shi-yan-qu-2022-nian-du-zheng-fu-xin-xi.md",
        "2024/ping-tan-zong-he-shi-yan-qu-2024-nian-du-zheng-fu-xin-xi.md",
        "2021/zheng-fu-gong-zuo-bao-gao-2021.md", "2022/zheng-fu-gong-zuo-bao-gao-2022.md",
        "2023/zheng-fu-gong-zuo-bao-gao-2023.md", "2025/zheng-fu-gong-zuo-bao-gao-2025.md",
        "2023/qu-gong-an-ju-2023-nian-di-si-ji-du-yi-zhi-du-hua-xue-pin-qi.md",
        "2024/qu-gong-an-ju-2024-nian-di-yi-ji-du-yi-zhi-du-hua-xue-pin-qi.md"]
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")) == sorted(
        Path(line).relative_to(content).as_posix() for line in run.out.splitlines())
    report = content / "2019/ping-tan-zong-he-shi-yan-qu-2019-nian-du-zheng-fu-xin-xi.md"
    assert (f"{PINGTAN}/xxgk-nianbao-2019.txt: warning: already imported in this run as {report} (the same title "
            "and date); skipped it: pass --force to import it as a second copy") in run.err.splitlines()
    assert (f"1 file(s) or folder(s) in the folders are not saved pages and were left alone: {PINGTAN}/README.md"
            in run.err.splitlines())
    assert run.err.splitlines()[-1] == ("16 file(s): 11 imported and 0 updated (11 to review), 5 skipped as already "
                                        "imported, 0 failed")
    assert table_rows(run.err, "skipped: already imported") == 5 and table_rows(run.err, "imported, to review") == 11


def test_a_second_run_over_the_same_folder_imports_nothing_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert run_import(str(PINGTAN), "--to", str(content), "--publisher", PT_PUBLISHER).code == 0
    before = snapshot(content)
    again = run_import(str(PINGTAN), "--to", str(content), "--publisher", PT_PUBLISHER)
    assert again.code == 0 and again.out == ""
    assert snapshot(content) == before
    report = content / "2022/zheng-fu-gong-zuo-bao-gao-2022.md"
    assert (f"{PINGTAN}/zfgzbg-2022.txt: warning: already imported as {report} (the same title and date); skipped "
            "it: pass --update to rewrite that file from this page, or --force to import a second copy"
            in again.err.splitlines())
    assert again.err.splitlines()[-1] == ("16 file(s): 0 imported and 0 updated (0 to review), 16 skipped as already "
                                          "imported, 0 failed")


# --------------------------------------------------------------------------- bad input among good

def saved_folder(tmp_path: Path) -> Path:
    """A folder as an office sends it: two good pages (GBK and GB18030) and every kind of bad file."""
    folder = tmp_path / "saved"
    (folder / "子目录").mkdir(parents=True)
    for name in (GBK_PAGE, GB18030_PAGE):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "xiaozhuang-2023-gb18030_files").mkdir()  # what a browser saves beside the page
    (folder / "xiaozhuang-2023-gb18030_files/logo.png").write_bytes(PNG)
    (folder / "style.css").write_text("body { margin: 0 }", encoding="utf-8")
    (folder / "旧系统导出.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 40)
    (folder / "扫描件.png").write_bytes(PNG)
    (folder / "空白页.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (folder / "栏目页.html").write_text(FURNITURE_PAGE, encoding="utf-8")
    with (folder / "大附件.html").open("wb") as big:
        big.truncate(21 * 1024 * 1024)  # sparse: 21 MB without writing them
    (folder / "子目录/回到上级").symlink_to("..")
    (folder / "自己.html").symlink_to("自己.html")
    return folder


def test_bad_files_in_a_folder_are_one_line_each_and_the_good_ones_are_written(tmp_path: Path) -> None:
    folder, content = saved_folder(tmp_path), tmp_path / "content"
    run = run_import(str(folder), "--to", str(content), "--publisher", "小庄镇人民政府")
    assert run.code == 1 and "Traceback" not in run.err + run.out
    assert run.out.splitlines() == [str(content / GB18030_REPORT), str(content / GBK_REPORT)]
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()) == [
        GB18030_REPORT, GBK_REPORT]
    expected = {
        "旧系统导出.txt": "this is a binary file, not a saved page; give the .html or .txt file the browser saved",
        "扫描件.png": "this is a PNG image, not a saved page; a scanned report must be typed or copied into a .txt "
                   "file before it can be imported",
        "空白页.html": "the page has no text (it may be filled in by a script that a saved copy does not run); open it "
                    "in a browser, wait until the report shows and save it again, or save it as text (.txt)",
        "栏目页.html": "the page holds no report, only short lines such as the site's menus, buttons and links; save "
                    "the report's own page, not a list or the home page",
        "大附件.html": "the file is 21.0 MB, more than the 20 MB a saved page can be; it is not a page (a video or an "
                    "archive?): import the report's own .html or .txt",
        "子目录/回到上级": f"this link leads back to {folder.resolve()}, a folder being imported, so it was not "
                       "followed; remove the link",
        "自己.html": "cannot read the file: it is a link that leads back to itself; give the page itself, or remove "
                   "the link",
    }
    for name, message in expected.items():
        assert lines_about(run.err, folder / name) == [f"{folder / name}: {message}"]
    assert table_rows(run.err, "failed") == 7
    assert (f"2 file(s) or folder(s) in the folders are not saved pages and were left alone: {folder}/style.css, "
            f"{folder}/xiaozhuang-2023-gb18030_files") in run.err.splitlines()
    assert run.err.splitlines()[-1] == ("9 file(s): 2 imported and 0 updated (0 to review), 0 skipped as already "
                                        "imported, 7 failed")


def test_gbk_and_gb18030_pages_keep_every_character(tmp_path: Path) -> None:
    content = tmp_path / "content"
    run = run_import(str(SAMPLES / GBK_PAGE), str(SAMPLES / GB18030_PAGE), "--to", str(content))
    assert run.code == 0, run.err
    gbk = (content / GBK_REPORT).read_text(encoding="utf-8")
    assert "新建农村供水管网12公里，解决2600余人饮水难题。" in gbk
    gb18030 = (content / GB18030_REPORT).read_text(encoding="utf-8")
    assert "镇党委书记刘䶮带领班子走访㐀家庄等12个村" in gb18030  # 䶮 and 㐀 are not in GBK; 㐀 takes 4 bytes
    assert front_matter(content / GB18030_REPORT)["title"] == "小庄镇2023年度工作总结"


def test_one_page_that_breaks_the_importer_does_not_stop_the_others(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reportsite.tools.importer import batch

    def convert(name: str, raw: bytes, options: object, furniture: object = None) -> object:
        if name.endswith(GBK_PAGE):
            raise ValueError("a bug")
        return real(name, raw, options, furniture)

    real = batch.convert
    monkeypatch.setattr(batch, "convert", convert)
    content = tmp_path / "content"
    run = run_import(str(SAMPLES / GBK_PAGE), str(SAMPLES / GB18030_PAGE), "--to", str(content))
    assert run.code == 1 and "Traceback" not in run.err
    assert run.out.splitlines() == [str(content / GB18030_REPORT)]
    assert (f"{SAMPLES / GBK_PAGE}: internal error: ValueError: a bug (this is a bug in reportsite; run again with "
            "REPORTSITE_DEBUG=1 for details and report it)") in run.err.splitlines()


# --------------------------------------------------------------------------- re-import

def test_a_page_imported_before_is_skipped_naming_the_existing_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = run_import(str(SAMPLES / CHENGDONG), "--to", str(content))
    assert first.out.splitlines() == [str(content / CHENGDONG_REPORT)]
    (content / CHENGDONG_REPORT).write_text((content / CHENGDONG_REPORT).read_text(encoding="utf-8")
                                            .replace("year: 2023", "year: 二〇二三"), encoding="utf-8")
    before = snapshot(content)  # the build refuses that year; it is the same report all the same
    again = run_import(str(SAMPLES / CHENGDONG), "--to", str(content))
    assert again.code == 0 and again.out == ""
    assert again.err == (f"{SAMPLES / CHENGDONG}: warning: already imported as {content / CHENGDONG_REPORT} (the same "
                         "索引号 11370304MB28501234/2024-00012); skipped it: pass --update to rewrite that file from "
                         "this page, or --force to import a second copy\n")
    assert snapshot(content) == before


def test_update_rewrites_the_existing_file_in_place(tmp_path: Path) -> None:
    content = tmp_path / "content"
    run_import(str(SAMPLES / GBK_PAGE), "--to", str(content))
    report = content / GBK_REPORT
    imported = report.read_text(encoding="utf-8")
    moved = content / "2024/xiaozhuang-key-work.md"  # an editor renamed it and changed its text
    report.rename(moved)
    moved.write_text(imported.replace("持续推进", "编辑改过"), encoding="utf-8")
    updated = run_import(str(SAMPLES / GBK_PAGE), "--to", str(content), "--update")
    assert updated.code == 0 and updated.out.splitlines() == [str(moved)]
    assert moved.read_text(encoding="utf-8") == imported
    assert sorted(p.name for p in (content / "2024").iterdir()) == ["xiaozhuang-key-work.md"]


def test_force_imports_a_second_copy(tmp_path: Path) -> None:
    content = tmp_path / "content"
    run_import(str(SAMPLES / GBK_PAGE), "--to", str(content))
    forced = run_import(str(SAMPLES / GBK_PAGE), "--to", str(content), "--force")
    copy = content / GBK_REPORT.replace(".md", "-2.md")
    assert forced.code == 0 and forced.out.splitlines() == [str(copy)]
    assert copy.read_text(encoding="utf-8") == (content / GBK_REPORT).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- dry run and the CSV

def test_a_dry_run_writes_nothing_but_shows_and_reports_what_it_would_do(tmp_path: Path) -> None:
    content, report = tmp_path / "content", tmp_path / "导入结果.csv"
    run_import(str(SAMPLES / GBK_PAGE), "--to", str(content))
    before = snapshot(content)
    dry = run_import(str(SAMPLES / GBK_PAGE), str(SAMPLES / GB18030_PAGE), "--to", str(content), "--dry-run",
                     "--report", str(report))
    assert dry.code == 0 and dry.out == ""
    assert snapshot(content) == before
    assert dry.err.splitlines()[-1] == ("dry run, nothing written: of 2 file(s), 1 would be imported and 0 updated "
                                        "(0 to review), 1 skipped as already imported, 0 failed")
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert rows[1:] == [
        [str(SAMPLES / GBK_PAGE), "skipped: already imported", "", str(content / GBK_REPORT),
         f"already imported as {content / GBK_REPORT} (the same title and date); skipped it: pass --update to "
         "rewrite that file from this page, or --force to import a second copy"],
        [str(SAMPLES / GB18030_PAGE), "imported", str(content / GB18030_REPORT), "", ""]]


def test_the_csv_report_opens_in_excel_in_chinese(tmp_path: Path) -> None:
    content, report = tmp_path / "content", tmp_path / "report.csv"
    empty = tmp_path / "空白页.html"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    run = run_import("--lang", "zh", str(SAMPLES / GBK_PAGE), str(empty), "--to", str(content), "--report", str(report))
    assert run.code == 1
    raw = report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark by which Excel knows UTF-8
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == [
        ["文件", "结果", "写入的文件", "已有的报告", "原因或需核对的地方"],
        [str(SAMPLES / GBK_PAGE), "已导入", str(content / GBK_REPORT), "", ""],
        [str(empty), "失败", "", "", "网页里没有文字（内容可能是由脚本填入的，而保存下来的副本不会运行脚本）；请在浏览器中打开该网页，"
                                   "等报告显示出来后重新保存，或另存为文本（.txt）"]]
    assert run.err.splitlines()[-1] == "2 个文件：1 个已导入，0 个已改写（其中 0 个需核对），0 个以前已导入、已跳过，1 个失败"


# --------------------------------------------------------------------------- publishers

def site_with_publishers(tmp_path: Path, publishers: str) -> Path:
    """A site whose config.yaml knows these publishers (YAML lines under `publishers:`)."""
    root = tmp_path / "site"
    root.mkdir()
    config = MINIMAL_CONFIG.replace("publishers:\n", "publishers:\n" + publishers)
    (root / "config.yaml").write_text(config, encoding="utf-8")
    return root


def test_a_publisher_config_knows_becomes_its_key_by_name_or_by_code(tmp_path: Path) -> None:
    root = site_with_publishers(tmp_path, "  xiaozhuang:\n    name: 小庄镇人民政府\n    code: \"\"\n"
                                          f"  dongshan:\n    name: 博山区东山街道\n    code: {DONGSHAN_CODE}\n")
    content = root / "content"  # config.yaml beside it is found without --config
    run = run_import(str(SAMPLES / GBK_PAGE), str(SAMPLES / DONGSHAN), "--to", str(content))
    assert run.code == 0, run.err
    assert front_matter(content / GBK_REPORT)["publisher"] == "xiaozhuang"  # by the name the page gives
    assert front_matter(content / DONGSHAN_REPORT)["publisher"] == "dongshan"  # by its 索引号's code
    assert "publisher(s) are not in" not in run.err


def test_an_unknown_publisher_is_kept_and_listed_with_the_lines_to_add(tmp_path: Path) -> None:
    root = site_with_publishers(tmp_path, "")
    content = root / "content"
    run = run_import(str(SAMPLES / DONGSHAN), str(SAMPLES / CHENGDONG), "--to", str(content))
    assert run.code == 0, run.err
    assert front_matter(content / DONGSHAN_REPORT)["publisher"] == "东山街道办事处"
    lines = run.err.splitlines()
    start = lines.index(f"2 publisher(s) are not in {root / 'config.yaml'}, so the reports name them as their pages "
                        "do; to file them under a key, add these lines under `publishers:` there and import again "
                        "with --update:")
    assert lines[start + 1: start + 7] == [
        "  dongshan:", "    name: 东山街道办事处", f"    code: {DONGSHAN_CODE}",
        "  chengdong:", "    name: 博山区城东街道办事处", "    code: 11370304MB28501234"]


def test_after_adding_the_lines_an_update_files_the_reports_under_the_key(tmp_path: Path) -> None:
    root = site_with_publishers(tmp_path, "")
    content = root / "content"
    first = run_import(str(SAMPLES / DONGSHAN), "--to", str(content))
    added = "\n".join(first.err.splitlines()[-3:]) + "\n"
    assert added == f"  dongshan:\n    name: 东山街道办事处\n    code: {DONGSHAN_CODE}\n"
    config = root / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("publishers:\n", "publishers:\n" + added),
                      encoding="utf-8")
    again = run_import(str(SAMPLES / DONGSHAN), "--to", str(content), "--update")
    assert again.out.splitlines() == [str(content / DONGSHAN_REPORT)]
    assert front_matter(content / DONGSHAN_REPORT)["publisher"] == "dongshan"
    built = run_main("build", "--config", str(config), "--quiet", "--no-pdf", "--no-search")
    assert built.code == 0, built.err


def test_config_is_taken_from_the_option_when_given(tmp_path: Path) -> None:
    root = site_with_publishers(tmp_path, "  xiaozhuang:\n    name: 小庄镇人民政府\n    code: \"\"\n")
    content = tmp_path / "elsewhere/content"  # no config.yaml beside it
    run = run_import(str(SAMPLES / GBK_PAGE), "--to", str(content), "--config", str(root / "config.yaml"))
    assert run.code == 0, run.err
    assert front_matter(content / GBK_REPORT)["publisher"] == "xiaozhuang"
    plain = run_import(str(SAMPLES / GBK_PAGE), "--to", str(tmp_path / "plain/content"))
    assert front_matter(tmp_path / "plain/content" / GBK_REPORT)["publisher"] == "小庄镇人民政府"
    assert plain.err == ""  # no config: names as the page gives them, and no list


def test_a_config_that_cannot_be_read_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    missing = tmp_path / "site/config.yaml"
    run = run_import(str(SAMPLES / GBK_PAGE), "--to", str(tmp_path / "content"), "--config", str(missing))
    assert run.code == 1 and run.out == "" and not (tmp_path / "content").exists()
    assert run.err == f"{missing}: config file not found (pass --config PATH or create config.yaml)\n"


# --------------------------------------------------------------------------- the build's duplicate error

COPY = "content/2023/a-copy.md"
REPORT = "content/2023/badou-key-work.md"
USED_EARLIER = ('索引号 "1137030400421863XL/2024-5432138" is also used by {first} (added earlier); this report was added '
                "later: give it its own serial, or delete it if it is a copy")


def test_a_copy_added_after_the_last_commit_is_the_one_named_by_the_build(site: SiteDir) -> None:
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "发布")
    site.write(COPY, GOOD_REPORT.replace("八陡镇2023年度重点工作情况", "八陡镇2023年度重点工作情况（副本）"))
    os.utime(site.root / COPY, (1_600_000_000, 1_600_000_000))  # older on disk than the original: git decides
    run = site.build("--no-pdf", "--no-search")
    assert run.code == 1
    assert f"{COPY}:4: {USED_EARLIER.format(first=REPORT)}" in run.err.splitlines()
    assert not any(line.startswith(f"{REPORT}:4") for line in run.err.splitlines())


def test_of_two_commits_the_later_one_added_the_copy(site: SiteDir) -> None:
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "发布")
    site.write(COPY, GOOD_REPORT.replace("八陡镇2023年度重点工作情况", "八陡镇2023年度重点工作情况（副本）"))
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "副本", date="2024-02-01T10:00:00+08:00")
    run = site.build("--no-pdf", "--no-search")
    assert f"{COPY}:4: {USED_EARLIER.format(first=REPORT)}" in run.err.splitlines()


def test_outside_git_the_newer_file_is_the_one_named(site: SiteDir) -> None:
    site.write(COPY, GOOD_REPORT.replace("八陡镇2023年度重点工作情况", "八陡镇2023年度重点工作情况（副本）"))
    os.utime(site.root / REPORT, (1_700_000_000, 1_700_000_000))
    os.utime(site.root / COPY, (1_600_000_000, 1_600_000_000))  # the one named a-copy is the original here
    run = site.build("--no-pdf", "--no-search")
    assert f"{REPORT}:4: {USED_EARLIER.format(first=COPY)}" in run.err.splitlines()
    assert not any(line.startswith(f"{COPY}:4") for line in run.err.splitlines())
