"""What every command shares: its common options, and how problems are printed (file:line: message, never a traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console

from ..errors import Problem


def console(stderr: bool = True) -> Console:
    """Plain text off a terminal (CI, pipes); colour on one. No wrapping, so lines stay greppable."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_problems(problems: Iterable[Problem]) -> None:
    out = console()
    for problem in problems:
        style = "yellow" if not problem.is_error else "red"
        out.print(str(problem), style=style, markup=False)


def print_failure(problems: list[Problem]) -> None:
    print_problems(problems)
    errors = sum(p.is_error for p in problems)
    console().print(f"build failed: {errors} error(s); output/ was left unchanged", style="bold red", markup=False)


def print_internal_error(exc: BaseException) -> None:
    """Last resort: say what broke in one line and how to report it, instead of a traceback."""
    print(f"internal error: {type(exc).__name__}: {exc} "
          "(this is a bug in reportsite; run again with REPORTSITE_DEBUG=1 for details and report it)",
          file=sys.stderr)


def config_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", type=Path, default=Path("config.yaml"),
                         help="the site's config file (default: ./config.yaml)")
