"""The command line: one module per verb, all sharing how problems are printed.

A verb's module is imported only when that verb runs: the import command's
HTML parser or the preview server should not slow down every build.

The top layer: may import every other part of reportsite; nothing imports it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType

from reportsite.core.i18n import LANGUAGES, CatalogueProblem, Translator, msg, translator
from reportsite.commands.common import print_internal_error, print_stopped, stop_signals_raise
from reportsite.commands.language import Parser, language_argument, language_for, option_value

#: verb → (module, one-line help shown by `python build.py --help`)
COMMANDS = {
    "build": ("build", msg("cli.build", "build the site into output/ (the default command)")),
    "new": ("new", msg("cli.new", "write a skeleton report and print its path")),
    "init": ("init", msg("cli.init", "start a new site in a folder: config.yaml, an empty content/, CI and the "
                                     "pre-commit hook")),
    "check": ("check", msg("cli.check", "validate content and check the built site's links, anchors and labels")),
    "serve": ("serve", msg("cli.serve", "preview the site at http://127.0.0.1:8000/ and rebuild on every change")),
    "import": ("import_", msg("cli.import", "convert pages saved from an old CMS into content files")),
}


def command(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")


def parser(tr: Translator, verb: str | None = None) -> argparse.ArgumentParser:
    """All verbs are listed; only the chosen one's options are loaded."""
    top = Parser(prog="python build.py", tr=tr, description=msg("cli.description", "Build a site of government reports."))
    language_argument(top)
    verbs = top.add_subparsers(dest="command", metavar=tr(msg("cli.command", "COMMAND")), parser_class=Parser)
    for name, (_, summary) in COMMANDS.items():
        sub = verbs.add_parser(name, help=tr(summary), description=tr(summary), tr=tr)
        language_argument(sub)
        if name == verb:
            command(name).add_arguments(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point; `python build.py` with no verb builds, as editors expect.

    Ctrl+C and SIGTERM, even while a verb's modules load, end in one line and 130 or 143."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help"):
        args_list.insert(0, "build")
    asked = option_value(args_list, "--lang")
    if asked is not None and asked not in LANGUAGES:
        print(f"未知的语言 --lang {asked}：请用 zh（中文）或 en（英文） [unknown language --lang {asked}: use zh or en]",
              file=sys.stderr)
        return 2
    try:
        tr = translator(language_for(args_list))
    except CatalogueProblem as broken:
        print(broken, file=sys.stderr)
        return 1
    try:
        with stop_signals_raise():
            return _run(args_list, tr)
    except KeyboardInterrupt as stop:
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        return print_stopped(args_list[0] if args_list[0] in COMMANDS else "build.py", stop, tr)


def _run(args_list: list[str], tr: Translator) -> int:
    verb = args_list[0] if args_list[0] in COMMANDS else None
    try:
        args = parser(tr, verb).parse_args(args_list)  # imports the verb's modules: a noticeable pause
    except KeyboardInterrupt as stop:
        stop.add_note("nothing was changed")
        raise
    if args.command is None:
        parser(tr).print_help()
        return 2
    args.tr = tr  # every command prints through it
    try:
        return int(command(args.command).run(args))
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        print_internal_error(exc, tr)
        return 1
