"""`python build.py serve`: a live preview that rebuilds on every change and reloads the browser.

It builds into a preview folder under .reportsite-cache/, never output/, so
what the maintainer deploys is only ever a full `build`. A content error does
not stop the server: the last good site stays up and the browser shows the
error, with file and line, as an overlay until the file is fixed.

livereload carries the reload (its livereload.js in the page, its websocket
protocol and file handler here); when to rebuild and reload is decided here,
not by livereload's watcher: that one dropped any change within 3 s of the last
reload, so the save that fixed an error could leave its overlay up. Every save
is rebuilt once the sources are quiet for one look, and every rebuild reloads.
"""

from __future__ import annotations

import argparse
import errno
import fnmatch
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.log import LogFormatter, access_log
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler
from tornado.websocket import WebSocketClosedError

from reportsite.config.load import CACHE_DIR
from reportsite.core.digest import file_digest
from reportsite.output.cache import tree_entries
from reportsite.config.load import load_config
from reportsite.core.problems import Problems, Problem
from reportsite.core.i18n import english, msg
from reportsite.pipeline import BuildOptions, build
from reportsite.commands.common import Render, config_argument, console, in_language, print_failure, print_problems

STATUS = "__reportsite__/status.json"
#: How often the sources are looked at; a change is built once a look finds them as the last one did.
POLL_SECONDS = 0.25
#: Sources still changing after this many looks are built anyway, so a busy folder cannot starve the preview.
SETTLE_LOOKS = 8
#: A file modified this recently may be saved again within the same timestamp (1 s on some file
#: systems, a few ms on Linux), so its bytes are compared too.
RECENT_NS = 3_000_000_000
#: Files editors keep beside the one being edited (vim's swap and write test, emacs's lock and autosave, backups).
EDITOR_FILES = ("*.sw[a-p]", ".#*", "#*#", "*~", "4913")
#: livereload's message that makes livereload.js reload the whole page.
RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"],
         "serverName": "reportsite"}

Address = tuple[str, int]


def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--host", default="127.0.0.1", help=msg(
        "serve.option_host", "address to listen on (default: 127.0.0.1, this computer only)"))
    command.add_argument("--port", type=in_language(command, port_argument), default=8000,
                         help=msg("serve.option_port", "port to listen on (default: 8000)"))
    command.add_argument("--pdf", action="store_true",
                         help=msg("serve.option_pdf", "also render PDFs (slower; off by default in preview)"))


def port_argument(text: str, render: Render = english) -> int:
    """argparse type for --port: port 0 would listen somewhere other than the URL we print."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(render(msg("serve.port_not_port", '"{text}" is not a port number from 1 to '
                                                    "65535, such as 8000", text=text)))
    return int(text)


class CannotListen(Exception):
    """The preview cannot listen where it was asked to; carries the problem to print."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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


def check_listen(host: str, port: int) -> None:
    """Fail before the first build, which can take minutes, if the address is clearly unusable.
    Binds the way tornado will (tornado.netutil.bind_sockets) and lets go at once."""
    try:
        sockets = bind_sockets(port, address=host)
    except OSError as exc:
        raise CannotListen(listen_problem(host, port, exc)) from exc
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


# --- when to rebuild ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What a look at one source saw: its metadata, and its bytes' digest while it is recent
    (see RECENT_NS). A folder is only a folder: its times change with every editor's temp file."""

    meta: tuple[int, ...]
    digest: str | None = None

    def same(self, path: Path, later: Entry) -> bool:
        """Whether `later`, a later look at `path`, saw it unchanged. Equal metadata is not enough
        for a file that was recent at this look: a save in the same timestamp keeps it equal."""
        if self.meta != later.meta:
            return False
        if self.digest is None:
            return True
        return self.digest == (later.digest or _digest(path))


Sources = dict[Path, Entry]


def look(paths: Iterable[Path]) -> Sources:
    """Every entry below the watched paths, as it is now; editors' own files left out."""
    now = time.time_ns()
    found: Sources = {}
    for root in paths:
        try:
            entries = tree_entries(root)
        except OSError as exc:  # a folder that cannot be listed: the build reports it; notice when it can be
            found[root] = Entry((-1, exc.errno or 0))
            continue
        for path in entries:
            if not any(fnmatch.fnmatch(path.name, pattern) for pattern in EDITOR_FILES):
                found[path] = _entry(path, now)
    return found


def _entry(path: Path, now: int) -> Entry:
    try:
        st = path.stat()  # a link's target, as the build reads it
    except OSError:
        return Entry((0,))  # gone since the listing, or a broken link
    if path.is_dir():
        return Entry((1,))
    meta = (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return Entry(meta, _digest(path) if now - st.st_mtime_ns < RECENT_NS else None)


def _digest(path: Path) -> str:
    try:
        return file_digest(path)
    except OSError:
        return "unreadable"


def unchanged(before: Sources, after: Sources) -> bool:
    return before.keys() == after.keys() and all(before[p].same(p, after[p]) for p in before)


@dataclass(frozen=True)
class Preview:
    """What each rebuild needs: how to build the preview, and the language serve prints and the overlay shows."""

    options: BuildOptions
    render: Render = english


class Rebuilds:
    """Rebuilds the preview after every change, then reloads the open pages: debounced, never dropped.

    Each look is compared with the sources as they were when the last build began, so a save made
    during a build (which runs in the server's loop, so no look happens meanwhile) is found by the
    first look after it. A change is built once a look finds the sources as the previous one did,
    so an editor's several writes, or a burst of saves, make one build of their final state."""

    def __init__(self, options: BuildOptions, render: Render = english) -> None:
        self.preview = Preview(options, render)
        self.paths = watched_paths(options.config_path)
        self.built = self.seen = look(self.paths)
        self.unsettled = 0

    @property
    def options(self) -> BuildOptions:
        return self.preview.options

    @property
    def render(self) -> Render:
        return self.preview.render

    def first(self) -> None:
        """The build before serving; made after the first look, so a save during it is seen."""
        rebuild(self.preview)

    def poll(self, reload: Callable[[], None]) -> None:
        """One look: rebuild and reload if something changed and has settled."""
        now = look(self.paths)
        settled = unchanged(self.seen, now)
        self.seen = now
        if unchanged(self.built, now):
            self.built, self.unsettled = now, 0  # recent files that stayed equal need no digest any more
            return
        if not settled and self.unsettled < SETTLE_LOOKS:
            self.unsettled += 1
            return
        self.built, self.unsettled = now, 0
        rebuild(self.preview)
        reload()
        self.paths = watched_paths(self.options.config_path)  # the config may name other folders now


#: The overlay's heading, in serve's language (preview.js has it in Chinese for a status.json without it).
OVERLAY_TITLE = msg("serve.overlay_title", "The content has errors, and the page still shows the last good build; "
                    "fix the files and lines below and save, and the page reloads by itself")


def write_status(folder: Path, problems: list[Problem], render: Render = english) -> None:
    """What the preview page's overlay shows, in serve's language: nothing when the last build worked."""
    target = folder / STATUS
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = [{"file": p.path, "line": p.line, "code": p.code, "message": render(p.message), "text": p.text(render)}
               for p in problems if p.is_error]
    status = {"title": render(OVERLAY_TITLE), "errors": entries}
    target.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")


def rebuild(preview: Preview) -> None:
    """Build the preview; on failure keep the last good site and publish the errors to the overlay."""
    options, render = preview.options, preview.render
    assert options.out_dir is not None
    try:
        result = build(options)
    except Problems as failed:
        print_failure(failed.problems, msg("serve.kept", "the preview still shows the last good build"), render)
        if options.out_dir.is_dir():
            write_status(options.out_dir, failed.problems, render)
        return
    print_problems(result.warnings, render)
    write_status(result.out_dir, [], render)
    console(stderr=False).print(render(msg("serve.rebuilt", "rebuilt {pages} pages in {seconds} s",
                                           pages=result.pages, seconds=format(result.seconds, ".2f"))), markup=False)


def watched_paths(config_path: Path) -> list[Path]:
    """Everything a page is made from: the config, content, and the site's own theme files."""
    root = config_path.resolve().parent
    try:
        config, _ = load_config(config_path)
        sources = config.source_dirs
    except Problems:  # watch what the site's own folder holds until the config is fixed
        sources = (root / "content", root / "templates", root / "assets")
    paths = [config_path.resolve(), *sources]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def run(args: argparse.Namespace) -> int:
    config_path = Path(args.config)
    preview = config_path.resolve().parent / CACHE_DIR / "preview"
    options = BuildOptions(config_path, preview, pdf=args.pdf, search=True, preview=True)
    try:
        check_listen(args.host, args.port)
        rebuilds = Rebuilds(options, args.tr)
        rebuilds.first()
        if not preview.is_dir():
            return 1  # the very first build failed and there is nothing to show
        serve(rebuilds, args.host, args.port)
    except CannotListen as failed:
        print_problems([failed.problem], args.tr)
        return 1
    return 0


def serve(rebuilds: Rebuilds, host: str, port: int) -> None:
    """Serve the preview folder until Ctrl+C, rebuilding when anything a page is made from changes."""
    assert rebuilds.options.out_dir is not None
    pages: set[PreviewSocket] = set()
    app = preview_application(rebuilds.options.out_dir, access(local_addresses(host, port), rebuilds.render), pages)
    try:  # another program can take the port between check_listen and now
        app.listen(port, address=host)
    except OSError as exc:
        raise CannotListen(listen_problem(host, port, exc)) from exc
    _log_tornado_errors()
    PeriodicCallback(lambda: rebuilds.poll(lambda: reload_pages(pages)), POLL_SECONDS * 1000).start()
    url = f"http://{host}:{port}/"
    console(stderr=False).print(rebuilds.render(msg("serve.previewing", "previewing on {url} (Ctrl+C to stop)",
                                                    url=url)), markup=False)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        pass


def _log_tornado_errors() -> None:
    """What tornado logs (a 500 from log_failures with its traceback, a websocket that broke) in its
    own format, in English: it is a bug to report, for a developer, not something an editor fixes."""
    channel = logging.StreamHandler()
    channel.setFormatter(LogFormatter())
    logging.getLogger("tornado").addHandler(channel)
