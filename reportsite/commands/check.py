"""`python build.py check`: everything `build` checks, plus the links, anchors and labels of the built site.

Meant for a pre-commit hook and CI: it never touches output/ (the site is built
without PDFs or search into a temporary folder), prints `file:line: message`
for each problem, and exits 1 on any error (or any warning with --strict).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from reportsite.config.guideline import guideline_warnings
from reportsite.core.problems import Problems, Problem, display_path
from reportsite.core.i18n import msg
from reportsite.tools.linkcheck import BuiltSite, check_built_site, parse_page, summarise
from reportsite.model import Site
from reportsite.pipeline import BuildOptions, build
from reportsite.commands.common import Render, config_argument, console, internal_error_message, print_problems



def add_arguments(command: argparse.ArgumentParser) -> None:
    config_argument(command)
    command.add_argument("--strict", action="store_true",
                         help=msg("check.option_strict", "fail on warnings too, not only on errors"))
    command.add_argument("--format", choices=("text", "json"), default="text",
                         help=msg("check.option_format", '"text": file:line: message lines (default); "json": one '
                                  "object {shape} on stdout, for tools", shape='{"errors": [...], "warnings": [...]}'))


def run(args: argparse.Namespace) -> int:
    try:
        problems, pages = check_site(args.config, strict=args.strict)
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("REPORTSITE_DEBUG"):
            raise
        problems, pages = [_internal(exc)], 0
    errors, warnings = summarise(problems)
    failed = errors > 0 or (args.strict and warnings > 0)
    if args.format == "json":
        print(json.dumps(as_json(problems, args.tr), ensure_ascii=False, indent=2))
    else:
        print_problems(problems, args.tr)
        _print_summary(pages, errors, warnings, failed, args.tr)
    return 1 if failed else 0


def check_site(config_path: Path, strict: bool = False) -> tuple[list[Problem], int]:
    """Every problem in the site and how many pages were checked; stops where `build` would stop
    (`strict` as `build --strict`: a 年报 sum that does not add up is an error).

    The site is built once, without PDFs or search, into a throw-away folder, so a check never
    replaces or half-writes the real output/; the built pages are then checked against the model."""
    with tempfile.TemporaryDirectory(prefix="reportsite-check-") as tmp:
        out_dir = Path(tmp) / "site"
        try:
            result = build(BuildOptions(config_path, out_dir=out_dir, pdf=False, search=False, clean=True,
                                       throwaway=True, glyphs=True, strict=strict))
        except Problems as failed:
            return failed.problems, 0
        assert result.site is not None  # a clean build always builds the model
        built = read_built_site(result.site, out_dir, display_path(config_path, Path.cwd()))
    return guideline_warnings(config_path) + list(result.warnings) + check_built_site(built), len(built.pages)


def read_built_site(site: Site, out_dir: Path, config_name: str) -> BuiltSite:
    """Read the built site once, up front, so the checks in linkcheck stay pure functions of values."""
    files = frozenset(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file())
    pages = tuple(parse_page(name, (out_dir / name).read_text(encoding="utf-8", errors="replace"))
                  for name in sorted(files) if name.endswith(".html"))
    return BuiltSite(site, pages, files, config_name)


def _internal(exc: BaseException) -> Problem:
    """The same one-line report as print_internal_error, as a problem so --format json stays parseable."""
    return Problem("reportsite", None, internal_error_message(exc))


def as_json(problems: list[Problem], render: Render) -> dict[str, list[dict[str, object]]]:
    """Errors and warnings apart, each entry with what an editor or a CI annotation needs: the
    message in the chosen language, and its code, the same in every language, for tools to match."""
    entries = [{"file": p.path, "line": p.line, "severity": p.severity.value, "code": p.code,
                "message": render(p.message)} for p in problems]
    return {"errors": [e for e, p in zip(entries, problems) if p.is_error],
            "warnings": [e for e, p in zip(entries, problems) if not p.is_error]}


def _print_summary(pages: int, errors: int, warnings: int, failed: bool, render: Render) -> None:
    """One last line, so a hook's output ends with the verdict."""
    counts = msg("check.counts", "{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings)
    if failed:
        reason = msg("check.strict_reason", " (--strict: warnings fail)") if not errors else ""
        console().print(render(msg("check.failed", "check failed: {counts}{reason}", counts=counts, reason=reason)),
                        style="bold red", markup=False)
    else:
        console(stderr=False).print(render(msg("check.passed", "check passed: {pages} pages, {counts}", pages=pages,
                                               counts=counts)), markup=False)
