"""`serve` rebuilds after every save and reloads every open page, however close the saves come, and
answers only pages of the preview itself: a site elsewhere cannot read drafts through DNS rebinding."""

from __future__ import annotations

import asyncio
import http.client
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from conftest import GOOD_REPORT, SiteDir
from reportsite.commands.preview import watch  # Rebuilds, and the rebuild and _entry it calls
from reportsite.pipeline import BuildOptions
from tests.test_serve import REPORT, Preview, fetch, preview  # noqa: F401 - the fixture

# `serve` on a port picked free a moment before: one at a time, on one worker (pytest-xdist).
pytestmark = pytest.mark.xdist_group("preview")

PAGE = "2023/badou-key-work/index.html"



def in_own_loop(coroutine):  # type: ignore[no-untyped-def]
    """asyncio.run in a thread of its own: in the full suite, Playwright's sync API keeps an event
    loop running in the main thread, where asyncio.run refuses to start."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

def port_of(preview: Preview) -> int:  # noqa: F811
    return int(preview.url.rsplit(":", 1)[1].strip("/"))


async def open_page(preview: Preview, **headers: str) -> WebSocketClientConnection:  # noqa: F811
    """Connect as livereload.js does, up to the point where the server reloads this page."""
    request = HTTPRequest(preview.url.replace("http", "ws") + "livereload", headers=headers)
    socket = await websocket_connect(request)
    await socket.write_message(json.dumps({"command": "hello", "protocols": []}))
    assert json.loads(await socket.read_message())["command"] == "hello"  # type: ignore[arg-type]
    await socket.write_message(json.dumps({"command": "info", "url": preview.url + PAGE}))
    return socket


async def next_reload(socket: WebSocketClientConnection) -> str:
    message = await asyncio.wait_for(socket.read_message(), timeout=60)
    assert message is not None, "the server closed the page's websocket"
    return str(json.loads(message)["command"])


def test_every_save_reloads_even_right_after_the_last_reload(site: SiteDir, preview: Preview) -> None:  # noqa: F811
    """livereload ignored a change within 3 s of its last reload: the save that fixed an error right
    after the broken one was built but never shown. Each save here follows the last reload at once."""
    origin = preview.url.rstrip("/")

    async def edits() -> list[str]:
        socket = await open_page(preview, Origin=origin)
        await asyncio.sleep(0)  # let the info message leave before the first save
        shown = []
        for value in ("21.00亿元", "22.00亿元", "20.69亿元"):
            site.write(REPORT, GOOD_REPORT.replace("20.69亿元", value))
            assert await next_reload(socket) == "reload"
            shown.append(value if value in fetch(preview.url + PAGE)[1] else "stale")
        socket.close()
        return shown

    assert in_own_loop(edits()) == ["21.00亿元", "22.00亿元", "20.69亿元"]


def test_a_save_during_a_rebuild_is_rebuilt_after_it(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    report = site.root / REPORT
    built: list[str] = []

    def slow_build(options: BuildOptions) -> None:
        built.append(report.read_text(encoding="utf-8"))
        if len(built) == 1:
            report.write_text(GOOD_REPORT.replace("20.69亿元", "22.00亿元"), encoding="utf-8")  # saved meanwhile

    monkeypatch.setattr(watch, "rebuild", slow_build)
    rebuilds = watch.Rebuilds(BuildOptions(site.root / "config.yaml", site.root / "preview"))
    reloads: list[None] = []
    site.write(REPORT, GOOD_REPORT.replace("20.69亿元", "21.00亿元"))
    poll_until(rebuilds, lambda: len(built) == 2, reloads)
    assert ["21.00亿元" in built[0], "22.00亿元" in built[1]] == [True, True]
    assert len(reloads) == 2
    for _ in range(3 * watch.SETTLE_LOOKS):
        rebuilds.poll(lambda: reloads.append(None))
    assert len(built) == 2 and len(reloads) == 2  # and nothing more while nothing changes


def test_a_burst_of_saves_is_one_build_of_the_last(site: SiteDir, monkeypatch: pytest.MonkeyPatch) -> None:
    report = site.root / REPORT
    built: list[str] = []
    monkeypatch.setattr(watch, "rebuild", lambda options: built.append(report.read_text(encoding="utf-8")))
    rebuilds = watch.Rebuilds(BuildOptions(site.root / "config.yaml", site.root / "preview"))
    for value in ("21.00亿元", "22.00亿元", "23.00亿元"):
        site.write(REPORT, GOOD_REPORT.replace("20.69亿元", value))
        rebuilds.poll(lambda: None)  # each look finds another save: not settled yet
    poll_until(rebuilds, lambda: bool(built), [])
    assert len(built) == 1 and "23.00亿元" in built[0]


def test_a_save_that_keeps_size_and_timestamp_is_still_rebuilt(site: SiteDir,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two saves within one timestamp tick (1 s on some file systems) look alike to mtime alone."""
    report = site.root / REPORT
    built: list[str] = []
    monkeypatch.setattr(watch, "rebuild", lambda options: built.append(report.read_text(encoding="utf-8")))
    rebuilds = watch.Rebuilds(BuildOptions(site.root / "config.yaml", site.root / "preview"))
    before = report.stat()
    report.write_text(GOOD_REPORT.replace("20.69亿元", "21.00亿元"), encoding="utf-8")
    # as a coarse clock would leave it: the same size, mtime and ctime as at the first look
    monkeypatch.setattr(watch, "_entry", _entry_with_times_of(before, watch._entry))
    poll_until(rebuilds, lambda: bool(built), [])
    assert "21.00亿元" in built[0]


def _entry_with_times_of(before, entry):  # type: ignore[no-untyped-def]
    def same_times(path: Path, now: int) -> watch.Entry:
        found = entry(path, now)
        if found.digest is None or len(found.meta) < 5:
            return found
        return watch.Entry(found.meta[:3] + (before.st_mtime_ns, before.st_ctime_ns), found.digest)
    return same_times


def poll_until(rebuilds: watch.Rebuilds, done: Callable[[], bool], reloads: list[None]) -> None:
    """Look as the server's timer does, without waiting between looks: enough looks to settle twice."""
    for _ in range(3 * watch.SETTLE_LOOKS):
        if done():
            return
        rebuilds.poll(lambda: reloads.append(None))
    assert done(), "no rebuild after the save"


def status_with_host(preview: Preview, host: str, path: str = PAGE) -> tuple[int, str]:  # noqa: F811
    connection = http.client.HTTPConnection("127.0.0.1", port_of(preview), timeout=10)
    connection.request("GET", "/" + path, headers={"Host": host})
    response = connection.getresponse()
    answer = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return answer


def websocket_opens(preview: Preview, **headers: str) -> bool:  # noqa: F811
    async def attempt() -> bool:
        try:
            socket = await open_page(preview, **headers)
        except HTTPClientError as error:
            assert error.code == 403
            return False
        socket.close()
        return True

    return in_own_loop(attempt())


def test_only_this_computers_names_for_the_preview_are_answered(preview: Preview) -> None:  # noqa: F811
    port = port_of(preview)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert status_with_host(preview, host)[0] == 200, host
    for host in (f"attacker.example:{port}", "127.0.0.1", f"localhost.attacker.example:{port}", f"127.0.0.1:{port}x"):
        code, body = status_with_host(preview, host)
        assert code == 403 and "badou" not in body and f"http://127.0.0.1:{port}/" in body, host
    for path in ("livereload.js", "__reportsite__/status.json", "forcereload"):
        assert status_with_host(preview, f"attacker.example:{port}", path)[0] == 403
    assert status_with_host(preview, f"127.0.0.1:{port}", "forcereload")[0] == 404  # any page could call it


def test_the_websocket_opens_only_for_pages_of_the_preview(preview: Preview) -> None:  # noqa: F811
    port = port_of(preview)
    assert websocket_opens(preview, Origin=f"http://127.0.0.1:{port}")
    assert websocket_opens(preview, Origin=f"http://localhost:{port}", **{"Sec-Fetch-Site": "cross-site"})
    assert not websocket_opens(preview, Origin="http://attacker.example")
    assert not websocket_opens(preview, Origin="http://attacker.example", **{"Sec-Fetch-Site": "cross-site"})
    assert not websocket_opens(preview, Origin=f"http://attacker.example:{port}", Host=f"attacker.example:{port}")
