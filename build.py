#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build the site: `python build.py` (see README.md). All the work is in the reportsite package.

This file only makes sure the package can run, however build.py was started: a Python that
cannot import the project's packages (the system `python3`, say) hands over to `.venv/bin/python`
beside this file, and where there is no working .venv it says in one line how to make one, since
a ModuleNotFoundError traceback tells an editor nothing. It must stay parseable by old Pythons
(no f-strings, no annotations) so that a too-old one gets that line too, not a SyntaxError.
"""

import os
import sys

NEEDED = (3, 11)  # pyproject.toml: requires-python
ROOT = os.path.dirname(os.path.realpath(__file__))  # where Python finds reportsite/, symlinks resolved
VENV = os.path.join(ROOT, ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")
#: set for the re-executed process, so a .venv that lacks the packages too is reported, not re-entered
HANDED_OVER = "REPORTSITE_HANDED_OVER_TO_VENV"
SETUP = "bash scripts/setup.sh"


def main():  # type: () -> int
    """Run the command when this Python can; else hand over to .venv's, else say what to do (status 1)."""
    handed_over = os.environ.pop(HANDED_OVER, None) is not None  # not inherited by what the build starts
    too_old = sys.version_info < NEEDED
    missing = None if too_old else missing_package()
    if not too_old and missing is None:
        from reportsite.commands import main as run

        return run()
    in_venv = handed_over or os.path.realpath(sys.prefix) == os.path.realpath(VENV)
    if not in_venv and os.access(VENV_PYTHON, os.X_OK):
        hand_over()  # returns only if the exec failed
    if too_old:
        wrong = "reportsite 需要 Python {}.{} 或更新版本，而 {} 是 Python {}.{}.{}".format(
            NEEDED[0], NEEDED[1], sys.executable, *sys.version_info[:3])
        english = "needs Python {}.{} or newer".format(*NEEDED)
    else:
        wrong = "{} 缺少运行 reportsite 所需的 Python 软件包（找不到模块 {}）".format(sys.executable, missing)
        english = "missing Python packages"
    say(advice(wrong, english, too_old, in_venv))
    return 1


def advice(wrong, english, too_old, in_venv):  # type: (str, str, bool, bool) -> str
    """The one line: what is wrong, then the fix. A .venv that exists but cannot run the build must
    be deleted first: scripts/setup.sh keeps a .venv whose install stamp is current."""
    if not in_venv and not os.path.isdir(VENV):
        return "{}：请先在 {} 运行 {}（它会创建 .venv），再运行 python3 build.py [{}: run {} first]".format(
            wrong, ROOT, SETUP, english, SETUP)
    if not in_venv:
        wrong += "，且 {} 不存在或不能运行".format(VENV_PYTHON)
    python3 = "确认 python3 是 Python {}.{} 或更新版本后，".format(*NEEDED) if too_old else ""
    return ("{}：请删除 {}，{}再在 {} 运行 {} 重新创建它，然后运行 python3 build.py"
            " [{}; .venv is broken: delete it, then run {}]").format(
        wrong, VENV, python3, ROOT, SETUP, english, SETUP)


def missing_package():  # type: () -> str | None
    """The first third-party module the command cannot import, or None when all of them import.

    These are the real imports: reportsite.commands and the module of the verb that will run (the
    build when none is named), which import the packages that verb needs at the top. Ctrl+C here ends
    as in the commands themselves, in one line. A failure that is not a missing third-party module is
    a bug in reportsite and is reported as one; packages imported later, while a command runs, are
    not checked here and a missing one is reported by the command as an internal error."""
    try:
        from reportsite.commands import COMMANDS, command
        from reportsite.commands.common import print_stopped, stop_signals_raise
    except ModuleNotFoundError as missing:
        if third_party(missing):
            return missing.name
        internal_error(missing)
    except Exception as exc:  # noqa: BLE001 - never a traceback
        internal_error(exc)
    verb = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in COMMANDS else "build"
    try:
        with stop_signals_raise():
            command(verb)
    except ModuleNotFoundError as missing:
        if third_party(missing):
            return missing.name
        internal_error(missing)
    except KeyboardInterrupt as stop:
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        stop.add_note("nothing was changed")
        sys.exit(print_stopped(verb, stop, in_language))
    except Exception as exc:  # noqa: BLE001 - never a traceback
        internal_error(exc)
    return None


def third_party(missing):  # type: (ModuleNotFoundError) -> bool
    """A module of reportsite's own that is missing is a bug, not a package to install."""
    return bool(missing.name) and missing.name.split(".")[0] != "reportsite"


def internal_error(exc):  # type: (BaseException) -> None
    """The commands' one-line report of a bug; a traceback only with REPORTSITE_DEBUG=1."""
    if os.environ.get("REPORTSITE_DEBUG"):
        raise exc
    try:
        from reportsite.commands.common import internal_error_message

        line = in_language(internal_error_message(exc))
    except Exception:  # noqa: BLE001 - the module that says it is what broke
        line = "internal error: {}: {} (this is a bug in reportsite; run again with REPORTSITE_DEBUG=1 " \
               "for details and report it)".format(type(exc).__name__, exc)
    say(line)
    sys.exit(1)


def in_language(message):  # type: (object) -> str
    """A reportsite Message in the language the command line asks for; English if that fails."""
    try:
        from reportsite.commands.language import language_for
        from reportsite.core.i18n import translator

        return translator(language_for(sys.argv[1:]))(message)
    except Exception:  # noqa: BLE001 - the line must be said whatever else is broken
        return str(message)


def hand_over():  # type: () -> None
    """Become .venv's Python with the same arguments: same process, so the working folder, the
    standard streams, signals and the exit status stay the caller's."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os.environ[HANDED_OVER] = "1"
    try:
        os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.join(ROOT, "build.py")] + sys.argv[1:])
    except OSError:
        del os.environ[HANDED_OVER]


def say(line):  # type: (str) -> None
    """Print to stderr as UTF-8 when its own encoding cannot spell Chinese (LANG=C on old Pythons)."""
    stream = getattr(sys.stderr, "buffer", None)
    if stream is None:  # Python 2: the line is UTF-8 bytes already
        sys.stderr.write(line + "\n")
        return
    try:
        data = (line + "\n").encode(sys.stderr.encoding or "utf-8")
    except (LookupError, UnicodeEncodeError):
        data = (line + "\n").encode("utf-8")
    sys.stderr.flush()
    stream.write(data)
    stream.flush()


if __name__ == "__main__":
    sys.exit(main())
