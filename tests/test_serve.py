"""`serve`: a live preview on 127.0.0.1 that rebuilds on change and survives content errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from conftest import GOOD_REPORT, ROOT, SiteDir

REPORT = "content/2023/badou-key-work.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""  # not listening yet


def wait_for(predicate, seconds: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@dataclass
class Preview:
    url: str
    process: subprocess.Popen[str]


@pytest.fixture
def preview(site: SiteDir) -> Iterator[Preview]:
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--config",
                                str(site.root / "config.yaml"), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url + "index.html")[0] == 200)
        yield Preview(url, process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
        print(output)  # shown by pytest when the test fails


def test_serves_on_loopback_and_rebuilds_a_changed_page(site: SiteDir, preview: Preview) -> None:
    page = preview.url + "2023/badou-key-work/index.html"
    assert "20.69亿元" in fetch(page)[1]
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "21.00亿元"))
    wait_for(lambda: "21.00亿元" in fetch(page)[1])
    assert not (site.root / "output").exists()  # the preview never touches the deployable output/


def test_content_error_keeps_the_last_good_site_and_reports_file_and_line(site: SiteDir, preview: Preview) -> None:
    page = preview.url + "2023/badou-key-work/index.html"
    site.write(REPORT, GOOD_REPORT.replace("issued: 2024-01-15", "issued: 2024-02-30"))
    status = preview.url + "__reportsite__/status.json"
    wait_for(lambda: json.loads(fetch(status)[1] or '{"errors": []}')["errors"])
    errors = json.loads(fetch(status)[1])["errors"]
    assert errors[0]["text"] == 'content/2023/badou-key-work.md:6: 发文日期 "2024-02-30" is not a real date (use YYYY-MM-DD)'
    assert fetch(page)[0] == 200 and "20.69亿元" in fetch(page)[1]
    assert preview.process.poll() is None
    site.write(REPORT, GOOD_REPORT)
    wait_for(lambda: json.loads(fetch(status)[1])["errors"] == [])


def test_serves_only_the_site_and_lists_no_directories(site: SiteDir, preview: Preview) -> None:
    assert fetch(preview.url + "2023/")[0] == 200  # a folder with index.html
    assert fetch(preview.url + "assets/")[0] in (403, 404)  # no listing
    for path in ("../config.yaml", "..%2fconfig.yaml", "%2e%2e/%2e%2e/etc/passwd"):
        code, body = fetch(preview.url + path)
        assert code in (403, 404) and "publishers" not in body
    raw = socket.create_connection(("127.0.0.1", int(preview.url.rsplit(":", 1)[1].strip("/"))))
    raw.sendall(b"GET /../../config.yaml HTTP/1.1\r\nHost: x\r\n\r\n")
    answer = raw.recv(200).decode("latin-1")
    raw.close()
    assert answer.split()[1] in ("400", "403", "404")
