"""Messages in the editor's language: Simplified Chinese by default, English on request.

Every user-facing message is written once, in English, as a `Message`: a stable code (which
`check --format json` reports, and which the catalogue keys translations by, as gettext's msgctxt),
an English template with named fields, and the values of those fields. The pipeline only builds
Messages; the command layer, which knows the language, renders them through a `Translator` made
from the gettext catalogue in `reportsite/locale/<language>/LC_MESSAGES/` (one .po per part of the
code: cli.po, content.po …, read as one), which Babel compiles when it is loaded. `str(message)` is the English text, for logs and for code that has no
translator. `pybabel extract` finds the messages by the keyword `msg` (see babel.cfg).
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "reportsite"
#: The languages messages come in: --lang's choices, each with its catalogue (None: the English source).
LANGUAGES: dict[str, str | None] = {"zh": "zh_CN", "en": None}
DEFAULT_LANGUAGE = "zh"
#: The environment variables gettext reads, in its order; C and POSIX name no language.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Message:
    """One message: `code` names its kind for tools, `template` is its English text with `{fields}`."""

    code: str
    template: str
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return english(self)


def msg(code: str, template: str, /, **params: object) -> Message:
    """A message to show the editor; `template` is English, its fields filled from `params`."""
    return Message(code, template, tuple(params.items()))


def english(message: Message | str) -> str:
    if isinstance(message, str):
        return message
    return message.template.format(**{key: english(value) if isinstance(value, Message) else value
                                      for key, value in message.params})


class CatalogueProblem(Exception):
    """A catalogue that cannot be read: said in one line, never a traceback."""


@dataclass(frozen=True)
class Translator:
    """Renders messages in one language; a field that is itself a Message is rendered too."""

    language: str
    catalogue: gettext.NullTranslations

    def __call__(self, message: Message | str) -> str:
        if isinstance(message, str):
            return message
        template = self.catalogue.pgettext(message.code, message.template)
        values = {key: self(value) if isinstance(value, Message) else value for key, value in message.params}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation naming a field the message lacks
            return english(message)


def translator(language: str, locale_dir: Path = LOCALE_DIR) -> Translator:
    """The translator for `language` (a key of LANGUAGES), its catalogue compiled from the .po files."""
    catalogue_name = LANGUAGES[language]
    if catalogue_name is None:
        return Translator(language, gettext.NullTranslations())
    return Translator(language, compiled(locale_dir / catalogue_name / "LC_MESSAGES"))


def catalogue_files(folder: Path) -> list[Path]:
    """A language's .po files: reportsite.po, and one per part of the code where a part keeps its own
    (commands.po, content.po …), read together as one catalogue."""
    return sorted(folder.glob("*.po"))


def read_catalogue(folder: Path) -> Any:
    """Every .po of a language folder as one Babel catalogue; CatalogueProblem when one is broken."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=folder.parent.name, domain=DOMAIN)
    files = catalogue_files(folder)
    if not files:
        raise CatalogueProblem(f"{folder}: 没有翻译目录（.po 文件）；请从 git 恢复 reportsite/locale "
                               "[no message catalogue: restore reportsite/locale from git]")
    for po in files:
        try:
            with po.open("rb") as source:
                catalog = read_po(source, abort_invalid=True)
        except Exception as exc:  # noqa: BLE001 - Babel raises many kinds for a broken file
            raise CatalogueProblem(f"{po}: 翻译目录无法读取（{type(exc).__name__}: {exc}）；请从 git 恢复该文件 "
                                   "[the message catalogue cannot be read; restore it from git]") from None
        for message in catalog:
            if message.id:
                merged.add(message.id, message.string, context=message.context, flags=message.flags)
    return merged


def compiled(folder: Path) -> gettext.GNUTranslations:
    """The catalogue compiled to gettext's binary form in memory, as `pybabel compile` would write it."""
    from babel.messages.mofile import write_mo

    binary = io.BytesIO()
    write_mo(binary, read_catalogue(folder))
    binary.seek(0)
    return gettext.GNUTranslations(binary)


def choose_language(flag: str | None, configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """--lang, else config.yaml's site.language, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
    as gettext reads them), else Chinese. A locale of another language, or C, means the default."""
    for value in (flag, configured):
        if value and (found := language_of(value)):
            return found
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return language_of(value.split(":")[0]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language_of(value: str) -> str | None:
    """The LANGUAGES key a locale or language tag names: zh-CN, zh_CN.UTF-8 and zh are zh."""
    base = value.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None
