"""What every command shares: its common options, and how problems are printed (file:line: message, never a traceback)."""

from __future__ import annotations

import argparse
import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reportsite.core.problems import Problem, display_path
from reportsite.core.i18n import Message, english, msg
from reportsite.runtime.progress import Progress, Silent

if TYPE_CHECKING:
    from rich.console import Console


def console(stderr: bool = True) -> Console:
    """Plain text off a terminal (CI, pipes); colour on one. No wrapping, so lines stay greppable.

    rich loads here, not at start-up, so Ctrl+C is handled as early as possible."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


Render = Callable[[Message | str], str]  # an i18n.Translator, or i18n.english
T = TypeVar("T")


def print_problems(problems: Iterable[Problem], render: Render = english) -> None:
    out = console()
    for problem in problems:
        style = "yellow" if not problem.is_error else "red"
        out.print(problem.text(render), style=style, markup=False)


def print_failure(problems: list[Problem], kept: Message | None = None, render: Render = english) -> None:
    """The problems, then one summary line; `kept` says what the reader still has (the folder a
    failed build leaves as it was, or the preview's last good site)."""
    print_problems(problems, render)
    errors = sum(p.is_error for p in problems)
    kept = kept or unchanged_folder(Path("output"))
    console().print(render(msg("build.failed", "build failed: {errors} error(s); {kept}", errors=errors, kept=kept)),
                    style="bold red", markup=False)


def unchanged_folder(folder: Path) -> Message:
    """`kept` of print_failure for a build into `folder`, named as the maintainer would type it."""
    shown = display_path(folder, Path.cwd()).rstrip("/") + "/"
    return msg("build.unchanged", "{folder} was left unchanged", folder=shown)


def internal_error_message(exc: BaseException) -> Message:
    """Last resort: what broke, in one line, and how to report it, instead of a traceback."""
    return msg("command.internal_error", "internal error: {kind}: {detail} (this is a bug in reportsite; run again "
               "with REPORTSITE_DEBUG=1 for details and report it)", kind=type(exc).__name__, detail=str(exc))


def print_internal_error(exc: BaseException, render: Render = english) -> None:
    print(render(internal_error_message(exc)), file=sys.stderr)


class Stopped(KeyboardInterrupt):
    """SIGTERM (or Ctrl+C) raised where the program is, so it unwinds like Ctrl+C: the staging
    folder is removed and the workers are killed on the way out."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number


def _raise_stopped(number: int, frame: object) -> None:
    raise Stopped(number)


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Ctrl+C and SIGTERM raise Stopped while a command runs; a signal this process was started
    ignoring (`nohup`, `&` in a script) stays ignored. Handlers can only be set in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    for number, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, _raise_stopped)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def print_stopped(verb: str, stop: KeyboardInterrupt, render: Render = english) -> int:
    """One line instead of a traceback, with what the command left behind if it said; the exit
    status a shell gives a process killed by that signal (130 for Ctrl+C, 143 for SIGTERM)."""
    number = stop.number if isinstance(stop, Stopped) else signal.SIGINT
    said = getattr(stop, "outcomes", None) or getattr(stop, "__notes__", ())  # Messages where the pipeline left them
    print(render(stopped_message(verb, number, [render(note) for note in said])), file=sys.stderr)
    return 128 + number


def stopped_message(verb: str, number: int, outcomes: list[str]) -> Message:
    """print_stopped's line: Ctrl+C or the signal, then what was left behind, if anything was said.
    (A note of an exception can only be a str: the notes come in the words they were added in.)"""
    outcome = "; ".join(outcomes)
    name = signal.Signals(number).name
    if number == signal.SIGINT:
        if outcome:
            return msg("command.interrupted_outcome", "{verb}: interrupted; {outcome}", verb=verb, outcome=outcome)
        return msg("command.interrupted", "{verb}: interrupted", verb=verb)
    if outcome:
        return msg("command.stopped_outcome", "{verb}: stopped by {signal}; {outcome}", verb=verb, signal=name,
                   outcome=outcome)
    return msg("command.stopped", "{verb}: stopped by {signal}", verb=verb, signal=name)


def config_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, default=Path("config.yaml"),
                         help=msg("command.config", "the site's config file (default: ./config.yaml)"))


class QuietProgress(Silent):
    """--quiet: no stages, but a build that has to wait says why, on stderr with the warnings."""

    def __init__(self, render: Render = english) -> None:
        self.render = render

    def waiting(self, why: Message | str) -> None:
        console(stderr=True).print(self.render(why), markup=False)


class PlainProgress:
    """One line per stage, for CI logs and pipes, where a redrawn bar would be noise."""

    def __init__(self, render: Render = english) -> None:
        self.out = console(stderr=False)
        self.render = render

    def stage(self, name: Message | str, total: int = 0) -> None:
        shown = msg("progress.stage_total", "{stage}: {total}", stage=name, total=total) if total else name
        self.out.print(f"… {self.render(shown)}", markup=False)

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass

    def waiting(self, why: Message | str) -> None:
        self.out.print(self.render(why), markup=False)


class BarProgress:
    """A rich progress bar on a terminal, so a long PDF run shows it is moving."""

    def __init__(self, render: Render = english) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.render = render
        self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console(stderr=False), transient=True)
        self.task: int | None = None
        self.bar.start()

    def stage(self, name: Message | str, total: int = 0) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(self.render(name), total=total or 1, completed=0 if total else 1)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, amount)

    def finish(self) -> None:
        self.bar.stop()

    def waiting(self, why: Message | str) -> None:
        self.bar.console.print(self.render(why), markup=False)


def progress_for(quiet: bool, render: Render = english) -> Progress:
    """A bar on a terminal, plain lines in CI and pipes, nothing with --quiet; in `render`'s language."""
    if quiet:
        return QuietProgress(render)
    return BarProgress(render) if console(stderr=False).is_terminal else PlainProgress(render)


def create_report_file(content_dir: Path, year: int, slug: str, text: str) -> Path:
    """Write a new report as content/<year>/<slug>.md, or <slug>-2.md, -3… when a report of that
    name (file or folder) exists. Exclusive creation: even a race never overwrites a report."""
    folder = content_dir / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        stem = slug if n == 1 else f"{slug}-{n}"
        n += 1
        if (folder / stem).exists():
            continue
        try:
            with (folder / f"{stem}.md").open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return folder / f"{stem}.md"
        except FileExistsError:
            continue


def year_argument(text: str, render: Render = english) -> int:
    """argparse type for --year: a four-digit year, with a message an editor understands; in a
    language other than English as `type=in_language(command, year_argument)`."""
    from reportsite.content.schema import YEARS  # loaded with the command that takes --year, not at start-up

    if not text.isdigit() or int(text) not in YEARS:
        raise argparse.ArgumentTypeError(render(msg("command.year_not_year", '"{text}" is not a four-digit year '
                                                    "such as 2023", text=text)))
    return int(text)


def in_language(command: argparse.ArgumentParser, convert: Callable[[str, Render], T]) -> Callable[[str], T]:
    """An argparse type whose error is worded in the command's language: argparse shows the text of
    an ArgumentTypeError as it is, and a type gets only the text typed, not the parser's translator."""
    render: Render = getattr(command, "tr", english)  # language.Parser's; a plain ArgumentParser speaks English
    return functools.partial(convert, render=render)
