"""The preview's HTTP server: livereload's file, script and websocket handlers on tornado, answering
only to names of this computer, and a listen check that fails in words instead of an errno.

livereload carries the reload (its livereload.js in the page, its websocket protocol and file
handler here); when to reload is decided by the caller (watch.Rebuilds), which calls reload_pages.
"""

from __future__ import annotations

import errno
import json
import logging
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from tornado.log import LogFormatter, access_log
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler
from tornado.websocket import WebSocketClosedError

from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, Problems
from reportsite.commands.common import Render

#: livereload's message that makes livereload.js reload the whole page.
RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"],
         "serverName": "reportsite"}

Address = tuple[str, int]


def listen_problem(host: str, port: int, exc: OSError) -> Problem:
    """Why listening failed, in words that say what to change, instead of a bare errno."""
    if exc.errno == errno.EADDRINUSE:
        message = msg("serve.port_in_use", "port {port} on {host} is already in use; stop the other server or choose "
                      "another with --port N", port=port, host=host)
    elif exc.errno == errno.EACCES:
        message = msg("serve.port_not_allowed", "not allowed to listen on port {port} on {host} (ports below 1024 need "
                      "administrator rights); choose another with --port N", port=port, host=host)
    elif exc.errno == errno.EADDRNOTAVAIL:
        message = msg("serve.host_not_here", "{host} is not an address of this computer; use --host 127.0.0.1 or one "
                      "of this computer's addresses", host=host)
    elif isinstance(exc, socket.gaierror):
        message = msg("serve.host_unknown", 'cannot find the address of --host "{host}"; use --host 127.0.0.1 or an '
                      "IP address of this computer", host=host)
    else:
        message = msg("serve.cannot_listen", "cannot listen on {host} port {port}: {reason}; choose another --host or "
                      "--port", host=host, port=port, reason=str(exc.strerror or exc))
    return Problem("serve", None, message)


@contextmanager
def _listening(host: str, port: int) -> Iterator[None]:
    """A failure to listen as the one problem the command prints (listen_problem), not a traceback."""
    try:
        yield
    except OSError as exc:
        raise Problems([listen_problem(host, port, exc)]) from exc


def check_listen(host: str, port: int) -> None:
    """Fail before the first build, which can take minutes, if the address is clearly unusable.
    Binds the way tornado will (tornado.netutil.bind_sockets) and lets go at once."""
    with _listening(host, port):
        sockets = bind_sockets(port, address=host)
    for sock in sockets:
        sock.close()


# --- who may read the preview -------------------------------------------------------------------


def local_addresses(host: str, port: int) -> frozenset[Address]:
    """The names a browser on this computer uses for the preview, and --host. A page elsewhere that
    reaches the preview through DNS rebinding sends its own name, and must not read the drafts."""
    return frozenset((name, port) for name in ("127.0.0.1", "localhost", "::1", host.lower().strip("[]")))


def address(netloc: str, default_port: int) -> Address | None:
    """A Host header or an Origin's netloc as (name, port), as local_addresses spells them;
    None when it is not one."""
    try:
        parts = urlsplit("//" + netloc)
        return (parts.hostname or "", parts.port or default_port)
    except ValueError:  # a port that is not a number
        return None


def origin_address(origin: str) -> Address | None:
    """Where a page that opens the websocket comes from: its scheme's port when it names none."""
    parts = urlsplit(origin)
    return address(parts.netloc, 443 if parts.scheme == "https" else 80)


@dataclass(frozen=True)
class Access:
    """Who may read the preview (local_addresses), and what anyone else is told, in the chosen language."""

    allowed: frozenset[Address]
    refusal: str


def access(allowed: frozenset[Address], render: Render) -> Access:
    return Access(allowed, render(msg("serve.refused", "403: this preview answers only at {urls}; to open it under "
                                      "another name, start serve with --host set to that name",
                                      urls=preview_urls(allowed))) + "\n")


class LocalOnly(RequestHandler):
    """Answers only requests addressed to the preview by a name of this computer (local_addresses).
    Mixed in before each livereload handler; who may read it comes from the route."""

    allowed: frozenset[Address]
    refusal: str

    def initialize(self, access: Access, **kwargs: Any) -> None:
        self.allowed, self.refusal = access.allowed, access.refusal
        super().initialize(**kwargs)

    def prepare(self) -> None:
        if address(self.request.host, 80) not in self.allowed:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(self.refusal)


def preview_urls(allowed: Iterable[Address]) -> str:
    """The addresses the refusal names, so whoever typed another one knows what works."""
    return ", ".join(sorted(f"http://{f'[{name}]' if ':' in name else name}:{port}/" for name, port in allowed))


# --- livereload's handlers, for the preview only ------------------------------------------------


class PreviewFileHandler(LocalOnly, StaticFileHandler):
    """livereload's static handler, refusing paths no file can have instead of failing on them:
    a NUL byte (GET /%00) made os.path.realpath raise, which tornado answered with 500 and a traceback."""

    def parse_url_path(self, url_path: str) -> str:
        if "\x00" in url_path:
            raise HTTPError(400, "a file name cannot contain a NUL byte")
        return str(super().parse_url_path(url_path))


class PreviewScriptHandler(LocalOnly, LiveReloadJSHandler):
    """livereload.js, which preview.js loads."""


class PreviewSocket(LocalOnly, LiveReloadHandler):
    """livereload's websocket, speaking its protocol, for pages of the preview only (Host, then
    Origin), and keeping its open pages in the set the server reloads instead of in livereload's
    class-wide one, which its own 3 s cooldown decided about."""

    pages: set[PreviewSocket]

    def initialize(self, access: Access, pages: set[PreviewSocket]) -> None:  # type: ignore[override]
        super().initialize(access)
        self.pages = pages

    def check_origin(self, origin: str) -> bool:
        return origin_address(origin) in self.allowed

    def on_message(self, message: str | bytes) -> None:
        """livereload.js says hello, is answered, then sends info: from then on it is reloaded."""
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            self.send_message(HELLO)
        elif command == "info":
            self.pages.add(self)

    def on_close(self) -> None:
        self.pages.discard(self)


def reload_pages(pages: set[PreviewSocket]) -> None:
    """Tell every open preview page to reload."""
    for page in list(pages):
        try:
            page.write_message(RELOAD)
        except WebSocketClosedError:
            pages.discard(page)


def preview_application(folder: Path, access: Access, pages: set[PreviewSocket]) -> Application:
    """livereload's routes, without /forcereload (nothing here uses it, and any page could call it)
    and without its script injector: preview pages load livereload.js through preview.js.
    No request log: serve's own line after each rebuild says what the maintainer needs."""
    return Application([
        (r"/livereload", PreviewSocket, {"access": access, "pages": pages}),
        (r"/livereload.js", PreviewScriptHandler, {"access": access}),
        (r"/(.*)", PreviewFileHandler, {"access": access, "path": str(folder), "default_filename": "index.html"}),
    ], log_function=log_failures)


def log_failures(handler: RequestHandler) -> None:
    """tornado's request log, for answers that are a bug of the preview (500) only, which a
    developer reads; every page, file and refusal the browser asks for otherwise goes unlogged."""
    if handler.get_status() >= 500:
        request = handler.request
        access_log.error("%d %s %s (%s)", handler.get_status(), request.method, request.uri, request.remote_ip)


def start_server(folder: Path, host: str, port: int, render: Render) -> set[PreviewSocket]:
    """Serve `folder` on host:port once tornado's loop runs; the open pages, for reload_pages.
    Raises Problems like check_listen: another program can take the port between the two."""
    pages: set[PreviewSocket] = set()
    app = preview_application(folder, access(local_addresses(host, port), render), pages)
    with _listening(host, port):
        app.listen(port, address=host)
    _log_tornado_errors()
    return pages


def _log_tornado_errors() -> None:
    """What tornado logs (a 500 from log_failures with its traceback, a websocket that broke) in its
    own format, in English: it is a bug to report, for a developer, not something an editor fixes."""
    channel = logging.StreamHandler()
    channel.setFormatter(LogFormatter())
    logging.getLogger("tornado").addHandler(channel)
