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

# `serve` on a port picked free a moment before: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("preview")

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
    output: str | None = None

    def stop(self) -> str:
        """Stop the server and return everything it printed (once; later calls return the same)."""
        if self.output is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.output, _ = self.process.communicate(timeout=10)
        return self.output


@pytest.fixture
def preview(site: SiteDir) -> Iterator[Preview]:
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--config",
                                str(site.root / "config.yaml"), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    running = Preview(f"http://127.0.0.1:{port}/", process)
    try:
        wait_for(lambda: fetch(running.url + "index.html")[0] == 200)
        yield running
    finally:
        print(running.stop())  # shown by pytest when the test fails


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
    raw.sendall(b"GET /../../config.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    answer = raw.recv(200).decode("latin-1")
    raw.close()
    assert answer.split()[1] in ("400", "403", "404")


def test_a_nul_byte_in_the_path_is_refused_without_a_traceback(preview: Preview) -> None:
    for path in ("%00", "2023/%00/index.html", "index.html%00"):
        assert fetch(preview.url + path)[0] in (400, 404)
    assert fetch(preview.url + "index.html")[0] == 200  # and the server goes on
    output = preview.stop()
    assert "Traceback" not in output and "embedded null byte" not in output and " 500 " not in output


def serve_on_taken_port(site: SiteDir, script: str) -> tuple[int, str, int]:
    """Run `serve` (through `script`, which gets argv) while another program listens on its port."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        argv = ["serve", "--config", str(site.root / "config.yaml"), "--port", str(port)]
        done = subprocess.run([sys.executable, "-c", script, *argv], cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
    return done.returncode, done.stdout + done.stderr, port


MAIN = "import sys; from reportsite.commands import main; sys.exit(main(sys.argv[1:]))"


def test_a_port_in_use_is_a_clear_error(site: SiteDir) -> None:
    code, output, port = serve_on_taken_port(site, MAIN)
    assert code == 1
    assert f"serve: port {port} on 127.0.0.1 is already in use; stop the other server or choose another with --port N" \
        in output
    assert "Traceback" not in output and "internal error" not in output
    assert "rebuilt" not in output  # found before the first build, which can take minutes


def test_a_port_taken_after_the_first_check_is_the_same_clear_error(site: SiteDir) -> None:
    """Another program can take the port while the first build runs; the real listen says so too."""
    script = "import reportsite.commands.serve as serve; serve.check_listen = lambda host, port: None; " + MAIN
    code, output, port = serve_on_taken_port(site, script)
    assert code == 1
    assert f"serve: port {port} on 127.0.0.1 is already in use" in output
    assert "Traceback" not in output and "internal error" not in output


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_port_that_cannot_exist_is_a_usage_error(site: SiteDir, port: str) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--config", str(site.root / "config.yaml"),
                           "--port", port], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f'"{port}" is not a port number from 1 to 65535' in done.stderr
