"""The command line: one module per verb, all sharing how problems are printed."""

from __future__ import annotations

import argparse
import sys

from . import build as build_command
from . import check as check_command
from . import import_ as import_command
from . import new as new_command
from . import serve as serve_command

COMMANDS = {"build": build_command, "import": import_command, "serve": serve_command,
            "new": new_command, "check": check_command}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python build.py", description="Build a site of government reports.")
    verbs = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        module.add_arguments(verbs.add_parser(name, help=module.HELP, description=module.HELP))
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point; `python build.py` with no verb builds, as editors expect."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help"):
        args_list.insert(0, "build")
    args = parser().parse_args(args_list)
    if args.command is None:
        parser().print_help()
        return 2
    return int(COMMANDS[args.command].run(args))

