"""`python build.py serve`: a live preview that rebuilds on every change and reloads the browser.

It builds into a preview folder under .reportsite-cache/, never output/ (preview.rebuild). A
content error does not stop the server: the last good site stays up and the browser shows the
error, with file and line, as an overlay until the file is fixed. What changed and when to
rebuild is preview.watch's; the HTTP server and the reload are preview.server's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tornado.ioloop import IOLoop, PeriodicCallback

from reportsite.core.i18n import english, msg
from reportsite.core.problems import Problems
from reportsite.pipeline import BuildOptions
from reportsite.commands.common import Render, config_argument, console, in_language, print_problems
from reportsite.commands.preview.rebuild import preview_folder
from reportsite.commands.preview.server import check_listen, reload_pages, start_server
from reportsite.commands.preview.watch import POLL_SECONDS, Rebuilds


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


def run(args: argparse.Namespace) -> int:
    """check_listen is looked up here, in this module, so a test can replace it (tests/test_serve.py)."""
    config_path = Path(args.config)
    preview = preview_folder(config_path)
    options = BuildOptions(config_path, preview, pdf=args.pdf, search=True, preview=True)
    try:
        check_listen(args.host, args.port)
        rebuilds = Rebuilds(options, args.tr)
        rebuilds.first()
        if not preview.is_dir():
            return 1  # the very first build failed and there is nothing to show
        serve(rebuilds, args.host, args.port)
    except Problems as cannot_listen:  # check_listen's or start_server's one problem
        print_problems(cannot_listen.problems, args.tr)
        return 1
    return 0


def serve(rebuilds: Rebuilds, host: str, port: int) -> None:
    """Serve the preview folder until Ctrl+C, rebuilding when anything a page is made from changes."""
    assert rebuilds.options.out_dir is not None
    pages = start_server(rebuilds.options.out_dir, host, port, rebuilds.render)
    PeriodicCallback(lambda: rebuilds.poll(lambda: reload_pages(pages)), POLL_SECONDS * 1000).start()
    url = f"http://{host}:{port}/"
    console(stderr=False).print(rebuilds.render(msg("serve.previewing", "previewing on {url} (Ctrl+C to stop)",
                                                    url=url)), markup=False)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:
        pass
