"""`python build.py serve`: a live preview that rebuilds on every change and reloads the browser.

It builds into a preview folder under .reportsite-cache/, never output/, so
what the maintainer deploys is only ever a full `build`. A content error does
not stop the server: the last good site stays up and the browser shows the
error, with file and line, as an overlay until the file is fixed.
"""

from __future__ import annotations

import argparse
import errno
import json
import socket
from pathlib import Path
from typing import Any

from urllib.parse import urlsplit

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from tornado.netutil import bind_sockets
from tornado.web import HTTPError

from ..cache import CACHE_DIR
from ..config import load_config
from ..errors import BuildFailed, Problem
from ..pipeline import BuildOptions, build
from .common import config_argument, console, print_failure, print_problems

STATUS = "__reportsite__/status.json"


def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    command.add_argument("--port", type=port_argument, default=8000, help="port to listen on (default: 8000)")
    command.add_argument("--pdf", action="store_true", help="also render PDFs (slower; off by default in preview)")


def port_argument(text: str) -> int:
    """argparse type for --port: port 0 would listen somewhere other than the URL we print."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f'"{text}" is not a port number from 1 to 65535, such as 8000')
    return int(text)


class CannotListen(Exception):
    """The preview cannot listen where it was asked to; carries the problem to print."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def listen_problem(host: str, port: int, exc: OSError) -> Problem:
    """Why listening failed, in words that say what to change, instead of a bare errno."""
    if exc.errno == errno.EADDRINUSE:
        message = f"port {port} on {host} is already in use; stop the other server or choose another with --port N"
    elif exc.errno == errno.EACCES:
        message = (f"not allowed to listen on port {port} on {host} (ports below 1024 need administrator rights); "
                   "choose another with --port N")
    elif exc.errno == errno.EADDRNOTAVAIL:
        message = f"{host} is not an address of this computer; use --host 127.0.0.1 or one of this computer's addresses"
    elif isinstance(exc, socket.gaierror):
        message = f'cannot find the address of --host "{host}"; use --host 127.0.0.1 or an IP address of this computer'
    else:
        message = f"cannot listen on {host} port {port}: {exc.strerror or exc}; choose another --host or --port"
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


def local_hosts(host: str, port: int) -> frozenset[str]:
    """The Host values a browser on this computer sends for the preview. Anything else is a page
    elsewhere reaching the preview through DNS rebinding, to read drafts that are not published."""
    names = {"127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host}
    return frozenset(f"{name}:{port}" for name in names)


class PreviewFileHandler(StaticFileHandler):
    """livereload's static handler, refusing paths no file can have instead of failing on them:
    a NUL byte (GET /%00) made os.path.realpath raise, which tornado answered with 500 and a traceback.
    It also refuses a request whose Host is not this computer's preview address."""

    allowed_hosts: frozenset[str] = frozenset()

    def prepare(self) -> None:
        if self.request.host not in self.allowed_hosts:
            raise HTTPError(403, "the preview answers only http://127.0.0.1 or localhost")

    def parse_url_path(self, url_path: str) -> str:
        if "\x00" in url_path:
            raise HTTPError(400, "a file name cannot contain a NUL byte")
        return str(super().parse_url_path(url_path))


class PreviewServer(Server):  # type: ignore[misc]
    """livereload's server with the safer file handler, and listen errors as CannotListen:
    another program can take the port between check_listen and the real listen."""

    def __init__(self, hosts: frozenset[str]) -> None:
        super().__init__()
        self.SFH = type("HostCheckedFileHandler", (PreviewFileHandler,), {"allowed_hosts": hosts})
        _guard_live_reload(hosts)

    def application(self, port: int, host: str, *args: Any, **kwargs: Any) -> None:
        try:
            super().application(port, host, *args, **kwargs)
        except OSError as exc:
            raise CannotListen(listen_problem(host, port, exc)) from exc


def _guard_live_reload(hosts: frozenset[str]) -> None:
    """Two changes to livereload's websocket handler, made on its class because livereload builds
    its routes and its polling loop from that class, with no hook to pass a subclass:

    - a page is reloaded after every rebuild. livereload ignored a change that came within 3 s of
      the last reload, so the save that fixed an error was dropped and its overlay stayed. Here
      the watcher has already run the rebuild when `poll_tasks` sees the change, so the reload
      follows at once; saves during a rebuild are seen at the next poll and rebuilt then.
    - the websocket answers only pages of the preview itself (Host and Origin), never another site.
    """

    def poll_tasks(cls: type[LiveReloadHandler]) -> None:
        filepath, delay = cls.watcher.examine()
        if filepath and delay != "forever" and cls.waiters:
            cls.reload_waiters()

    def check_origin(self: LiveReloadHandler, origin: str) -> bool:
        return self.request.host in hosts and urlsplit(origin).netloc in hosts

    LiveReloadHandler.poll_tasks = classmethod(poll_tasks)
    LiveReloadHandler.check_origin = check_origin


def write_status(folder: Path, problems: list[Problem]) -> None:
    """What the preview page's overlay shows: nothing when the last build worked."""
    target = folder / STATUS
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = [{"file": p.path, "line": p.line, "message": p.message, "text": str(p)}
               for p in problems if p.is_error]
    target.write_text(json.dumps({"errors": entries}, ensure_ascii=False), encoding="utf-8")


def rebuild(options: BuildOptions) -> None:
    """Build the preview; on failure keep the last good site and publish the errors to the overlay."""
    assert options.out_dir is not None
    try:
        result = build(options)
    except BuildFailed as failed:
        print_failure(failed.problems)
        if options.out_dir.is_dir():
            write_status(options.out_dir, failed.problems)
        return
    print_problems(result.warnings)
    write_status(result.out_dir, [])
    console(stderr=False).print(f"rebuilt {result.pages} pages in {result.seconds:.2f} s", markup=False)


def watched_paths(config_path: Path) -> list[Path]:
    """Everything a page is made from: the config, content, and the site's own theme files."""
    root = config_path.resolve().parent
    try:
        config, _ = load_config(config_path)
        sources = config.source_dirs
    except BuildFailed:  # watch what the site's own folder holds until the config is fixed
        sources = (root / "content", root / "templates", root / "assets")
    paths = [config_path.resolve(), *sources]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def run(args: argparse.Namespace) -> int:
    config_path = Path(args.config)
    preview = config_path.resolve().parent / CACHE_DIR / "preview"
    options = BuildOptions(config_path, preview, pdf=args.pdf, search=True, preview=True)
    try:
        check_listen(args.host, args.port)
        rebuild(options)
        if not preview.is_dir():
            return 1  # the very first build failed and there is nothing to show
        serve(options, args.host, args.port)
    except CannotListen as failed:
        print_problems([failed.problem])
        return 1
    return 0


def serve(options: BuildOptions, host: str, port: int) -> None:
    """Serve the preview folder until Ctrl+C, rebuilding when anything a page is made from changes."""
    assert options.out_dir is not None
    server = PreviewServer(local_hosts(host, port))
    for path in watched_paths(options.config_path):
        server.watch(str(path), lambda: rebuild(options))
    console(stderr=False).print(f"previewing on http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
    server.serve(root=str(options.out_dir), host=host, port=port, restart_delay=0)
