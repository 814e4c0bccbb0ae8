"""build, check and serve speak Chinese by default and English with --lang en: their summaries, the
help of their options, check's JSON (with each problem's code) and serve's overlay and refusal."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_REPORT, MINIMAL_CONFIG, ROOT, SiteDir, run_main
from reportsite.commands import check as check_command
from reportsite.commands import main
from reportsite.commands.common import internal_error_message
from tests.test_serve import REPORT, fetch, free_port, wait_for

DRAFT = "content/2023/badou-draft.md"
BAD_DATE = GOOD_REPORT.replace("issued: 2024-01-15", "issued: 2024-02-30")
DATE_EN = '发文日期 "2024-02-30" is not a real date (use YYYY-MM-DD)'


@pytest.fixture
def described(site: SiteDir) -> SiteDir:
    """conftest's site with the description a home page needs, so check finds nothing else to warn of."""
    config = site.root / "config.yaml"
    config.write_text(MINIMAL_CONFIG.replace("  id_code:", "  description: 测试镇历年报告。\n  id_code:"), encoding="utf-8")
    return site


def test_the_build_summary_and_the_draft_note(described: SiteDir) -> None:
    described.write(DRAFT, GOOD_REPORT.replace("5432138", "5432139").replace("八陡镇2023年度", "八陡镇2023年度（草稿）")
                    .replace("category: 工作总结", "category: 工作总结\ndraft: true"))
    zh = described.build("--no-pdf", "--lang", "zh")
    assert zh.code == 0, zh.err
    assert ("提示：1 篇草稿报告未发布（content/2023/badou-draft.md）；要发布，请删去其中的 `draft: true`；"
            "只想看看效果，可用 --drafts 生成，把草稿也包含进去") in zh.out.splitlines()
    out = re.escape(str(described.output))
    assert re.fullmatch(rf"已生成 \d+ 个页面（其中重新渲染 \d+ 个），输出到 {out}（警告 0 条，用时 \d+\.\d\d 秒）",
                        zh.out.splitlines()[-1]), zh.out
    en = described.build("--no-pdf", "--lang", "en")
    assert re.fullmatch(rf"built \d+ pages \(\d+ rendered\) into {out} \(0 warning\(s\), \d+\.\d\d s\)",
                        en.out.splitlines()[-1]), en.out


def test_build_help_describes_its_options_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    def shown(*argv: str) -> list[str]:
        capsys.readouterr()
        with pytest.raises(SystemExit):
            main(["build", "--help", *argv])
        return [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]

    zh = shown("--lang", "zh")
    assert "--no-pdf 不生成 PDF" in zh
    assert "--config CONFIG 网站的配置文件（默认：当前文件夹里的 config.yaml）" in zh
    assert "--future 发布日期（published）还没到的报告也一并发布" in zh
    assert "--no-pdf skip rendering PDFs" in shown("--lang", "en")


def test_check_fails_in_chinese_and_its_json_keeps_the_code(described: SiteDir) -> None:
    described.write(REPORT, BAD_DATE)
    config = str(described.root / "config.yaml")
    text = run_main("check", "--config", config, "--lang", "zh")
    assert text.code == 1
    assert text.err.splitlines()[-1] == "检查未通过：1 个错误，0 个警告"
    zh = json.loads(run_main("check", "--config", config, "--format", "json", "--lang", "zh").out)
    [entry] = zh["errors"]
    assert {k: v for k, v in entry.items() if k != "message"} == {"file": REPORT, "line": 6, "severity": "error",
                                                                    "code": "content.date_not_real"}
    assert entry["message"].startswith("发文日期") and "2024-02-30" in entry["message"]
    assert f"{REPORT}:6: {entry['message']}" in text.err  # the same words as the text format
    en = json.loads(run_main("check", "--config", config, "--format", "json", "--lang", "en").out)
    assert en["errors"] == [{"file": REPORT, "line": 6, "severity": "error", "code": "content.date_not_real",
                             "message": DATE_EN}]


def test_checks_internal_error_is_one_chinese_line_and_a_json_entry(described: SiteDir,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(config_path: Path, strict: bool = False) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(check_command, "check_site", broken)
    config = str(described.root / "config.yaml")
    text = run_main("check", "--config", config, "--lang", "zh")
    assert text.err.splitlines() == [
        "reportsite: 内部错误：RuntimeError：boom（这是 reportsite 程序本身的缺陷；请加上 REPORTSITE_DEBUG=1 "
        "重新运行以查看详情，并把它报告给维护人员）", "检查未通过：1 个错误，0 个警告"]
    [entry] = json.loads(run_main("check", "--config", config, "--format", "json", "--lang", "en").out)["errors"]
    assert entry["code"] == "command.internal_error"
    assert entry["message"] == str(internal_error_message(RuntimeError("boom")))
    assert entry["message"].startswith("internal error: RuntimeError: boom (this is a bug in reportsite;")


@pytest.mark.xdist_group("preview")  # `serve` on a port picked free a moment before (tests/test_serve.py)
def test_serve_speaks_chinese_in_its_lines_its_overlay_and_its_refusal(site: SiteDir) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--config",
                                str(site.root / "config.yaml"), "--port", str(port), "--lang", "zh"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        wait_for(lambda: fetch(url + "index.html")[0] == 200)
        site.write(REPORT, BAD_DATE)
        status = url + "__reportsite__/status.json"
        wait_for(lambda: json.loads(fetch(status)[1] or '{"errors": []}')["errors"])
        shown = json.loads(fetch(status)[1])
        assert shown["title"] == ("内容有错误，页面仍显示上一次成功生成的版本；请按下面列出的文件和行号改正并保存，"
                                  "页面会自动刷新")
        [error] = shown["errors"]
        assert error["code"] == "content.date_not_real" and error["text"] == f"{REPORT}:6: {error['message']}"
        assert error["message"].startswith("发文日期") and "2024-02-30" in error["message"]
        refusal = refused(port)
        assert refusal.startswith("403：本预览只能通过 ") and "请在启动 serve 时把 --host 设为该名称" in refusal
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    lines = output.splitlines()
    assert f"正在预览：{url}（按 Ctrl+C 停止）" in lines, output
    assert "生成失败：1 个错误；预览仍显示上一次成功生成的版本" in lines, output
    assert any(re.fullmatch(r"已重新生成 \d+ 个页面，用时 \d+\.\d\d 秒", line) for line in lines), output
    assert not any("GET /" in line for line in lines), output  # no request log: one line per rebuild


def refused(port: int) -> str:
    """What the preview answers a page that reaches it under another name (DNS rebinding)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/index.html", headers={"Host": f"attacker.example:{port}"})
    body = connection.getresponse().read().decode("utf-8")
    connection.close()
    return body
