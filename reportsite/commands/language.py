"""Which language the command line speaks, decided before its arguments are parsed (--help must
already be in it), and an argparse that renders Messages (reportsite.core.i18n) in that language."""

from __future__ import annotations

import argparse
import copy
import functools
from pathlib import Path
from typing import Any, NoReturn

from reportsite.core.i18n import LANGUAGES, Message, Translator, choose_language, msg


def option_value(argv: list[str], name: str) -> str | None:
    """The value of `--name VALUE` or `--name=VALUE` in argv, read before argparse runs."""
    for index, word in enumerate(argv):
        if word == name and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def configured_language(config_path: Path) -> str | None:
    """site.language of the config, read leniently: a config with errors is reported by the build,
    in the language of the flag or the locale."""
    from reportsite.core.yamlread import YamlProblem, parse_mapping

    if not config_path.is_file():  # a pipe would block the command before it can say anything
        return None
    try:
        site = parse_mapping(config_path.read_text(encoding="utf-8")).data.get("site")
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None
    value = site.get("language") if isinstance(site, dict) else None
    return str(value) if value is not None else None


def language_for(argv: list[str]) -> str:
    config = Path(option_value(argv, "--config") or "config.yaml")
    return choose_language(option_value(argv, "--lang"), configured_language(config))


class TranslatedHelp(argparse.HelpFormatter):
    """Help text whose strings may be Messages, shown in the translator's language."""

    def __init__(self, prog: str, tr: Translator, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.tr = tr

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action.help, Message):  # argparse reads help as text in several places: a copy with it
            action = copy.copy(action)
            action.help = self.tr(action.help)
        return super()._format_action(action)

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self.tr(msg("cli.usage", "usage: ")))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, -h and error line are in the translator's language
    (argparse's own details of an error, such as the invalid choice, stay as argparse words them)."""

    def __init__(self, *args: Any, tr: Translator, **kwargs: Any) -> None:
        kwargs["description"] = tr(kwargs["description"]) if isinstance(kwargs.get("description"), Message) \
            else kwargs.get("description")
        super().__init__(*args, formatter_class=functools.partial(TranslatedHelp, tr=tr), add_help=False, **kwargs)
        self.tr = tr
        self._positionals.title = tr(msg("cli.positionals", "positional arguments"))
        self._optionals.title = tr(msg("cli.options", "options"))
        self.add_argument("-h", "--help", action="help", help=msg("cli.help", "show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage()
        self.exit(2, self.tr(msg("cli.error", "{prog}: error: {detail}", prog=self.prog, detail=message)) + "\n")


def language_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lang", choices=tuple(LANGUAGES), help=msg(
        "cli.lang", "the language of messages: zh (Chinese, the default) or en; else site.language in "
                    "config.yaml, else the locale (LANG)"))
