"""`python build.py serve`: a live preview that rebuilds on every change and reloads the browser.

It builds into a preview folder under .reportsite-cache/, never output/, so
what the maintainer deploys is only ever a full `build`. A content error does
not stop the server: the last good site stays up and the browser shows the
error, with file and line, as an overlay until the file is fixed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from livereload import Server

from ..config import load_config
from ..errors import BuildFailed, Problem
from ..pipeline import BuildOptions, build
from .common import config_argument, console, print_failure, print_problems

STATUS = "__reportsite__/status.json"


def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    command.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    command.add_argument("--pdf", action="store_true", help="also render PDFs (slower; off by default in preview)")


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
    paths = [config_path.resolve(), root / "content"]
    try:
        config, _ = load_config(config_path)
        paths += [d for d in config.template_dirs] + [config.assets_dir]
    except BuildFailed:
        paths += [root / "templates", root / "assets"]
    return [p for p in dict.fromkeys(paths) if p.exists()]


def run(args: argparse.Namespace) -> int:
    config_path = Path(args.config)
    preview = config_path.resolve().parent / ".reportsite-cache" / "preview"
    options = BuildOptions(config_path, preview, pdf=args.pdf, search=True, preview=True)
    rebuild(options)
    if not preview.is_dir():
        return 1  # the very first build failed and there is nothing to show
    server = Server()
    for path in watched_paths(config_path):
        server.watch(str(path), lambda: rebuild(options))
    console(stderr=False).print(f"previewing on http://{args.host}:{args.port}/ (Ctrl+C to stop)", markup=False)
    server.serve(root=str(preview), host=args.host, port=args.port, restart_delay=0)
    return 0
