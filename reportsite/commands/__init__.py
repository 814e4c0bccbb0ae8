"""The command line: one module per verb, all sharing how problems are printed.

A verb's module is imported only when that verb runs: the import command's
HTML parser or the preview server should not slow down every build.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType

from .common import print_internal_error, print_stopped, stop_signals_raise

#: verb → (module, one-line help shown by `python build.py --help`)
COMMANDS = {
    "build": ("build", "build the site into output/ (the default command)"),
    "new": ("new", "write a skeleton report and print its path"),
    "check": ("check", "validate content and check the built site's links, anchors and labels"),
    "serve": ("serve", "preview the site at http://127.0.0.1:8000/ and rebuild on every change"),
    "import": ("import_", "convert pages saved from an old CMS into content files"),
}


def command(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")


def parser(verb: str | None = None) -> argparse.ArgumentParser:
    """All verbs are listed; only the chosen one's options are loaded."""
    top = argparse.ArgumentParser(prog="python build.py", description="Build a site of government reports.")
    verbs = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        sub = verbs.add_parser(name, help=summary, description=summary)
        if name == verb:
            command(name).add_arguments(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point; `python build.py` with no verb builds, as editors expect.

    Ctrl+C and SIGTERM, even while a verb's modules load, end in one line and 130 or 143."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help"):
        args_list.insert(0, "build")
    try:
        with stop_signals_raise():
            return _run(args_list)
    except KeyboardInterrupt as stop:
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        return print_stopped(args_list[0] if args_list[0] in COMMANDS else "build.py", stop)


def _run(args_list: list[str]) -> int:
    verb = args_list[0] if args_list[0] in COMMANDS else None
    try:
        args = parser(verb).parse_args(args_list)  # imports the verb's modules: a noticeable pause
    except KeyboardInterrupt as stop:
        stop.add_note("nothing was changed")
        raise
    if args.command is None:
        parser().print_help()
        return 2
    try:
        return int(command(args.command).run(args))
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        print_internal_error(exc)
        return 1
