"""`python build.py init DIR`: start a site for another office that builds, and passes `check`, at once.

A site copied from the example keeps the example's publishers, filing numbers and reports, and
whatever is missed is published under the wrong name. init asks for the office's own values
(or takes them as options, for scripts), checks each with the code the build checks it with,
and writes the config, an empty content/, the CI workflow and the pre-commit hook. It never
overwrites: one file already there and nothing is written.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reportsite.config.load import read_config
from reportsite.config.model import BUILTIN_ROOT
from reportsite.config.schema import Key, Question, questions
from reportsite.content.characters import invisible_character_problem
from reportsite.content.discover import NEW_SITE_MARKER
from reportsite.core.problems import Problems, Problem, Severity, display_path
from reportsite.core.i18n import Message, msg
from reportsite.core.slugs import readable_slug
from reportsite.core.yamlread import yaml_scalar
from reportsite.commands.common import Render, console, print_problems

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
#: Keeps the empty content/ in git, and says the folder is empty on purpose.
WORKFLOW = ".github/workflows/site.yml"
_PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")


@dataclass(frozen=True)
class SiteFile:
    """A file init writes, by its path inside DIR."""

    path: str
    text: str


@dataclass(frozen=True)
class SiteValues:
    """What the new site's files are made from: the answers, and what init derives or finds itself."""

    site_name: str
    publisher_name: str
    code: str
    base_url: str
    id_code: str
    icp: str
    police: str
    publisher_key: str
    reportsite_repo: str
    reportsite_ref: str

    def placeholders(self) -> dict[str, str]:
        """Each value as YAML, for the skeleton's @@placeholders@@; base_url as config.py reads it."""
        base_url = self.base_url.rstrip("/") + "/"
        values = {**asdict(self), "base_url": base_url, "domain": urlsplit(base_url).netloc}
        return {key: yaml_scalar(value) for key, value in values.items()}


#: What init asks, each with the config key its answer becomes, in the order it asks.
QUESTIONS: tuple[tuple[Key, Question], ...] = questions()


def refusal(key: Key, question: Question, value: str, root: Path) -> Message | str | None:
    """Why an answer cannot be used: invisible characters, refused as in report files since they hide
    what readers see, then the key's own check from the schema, the very check the build runs. A
    check the build only warns about refuses here: a credit code typed into init is far likelier
    mistyped than an early pilot one, and it starts every 索引号."""
    invisible = invisible_character_problem(value, question.label) if question.screened else None
    return invisible or (key.check(value, root) if key.check else None)


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("dir", type=Path, metavar="DIR",
                         help=msg("init.help_dir", "the new site's folder; made if absent"))
    for _, question in QUESTIONS:
        command.add_argument(question.flag, dest=question.dest, default=None, metavar="TEXT",
                             help=_option_help(question))
    command.add_argument("--publisher-key", default=None, metavar="KEY", help=msg(
        "init.help_publisher_key", "the publisher's short key for reports' `publisher:` "
                                   "(default: the pinyin of its name)"))
    command.add_argument("--reportsite-repo", default=None, metavar="URL", help=msg(
        "init.help_reportsite_repo", "the reportsite repository CI fetches (default: this checkout's origin remote)"))
    command.add_argument("--reportsite-ref", default="HEAD", metavar="REF", help=msg(
        "init.help_reportsite_ref", "the branch, tag or commit of reportsite CI builds with "
                                    "(default: its default branch)"))


def _option_help(question: Question) -> Message:
    """A question's help, and what happens when its option is left out."""
    if question.required:
        return msg("init.help_required", "{help}; asked for when missing on a terminal", help=question.help)
    return msg("init.help_optional", "{help}; asked for on a terminal, else left empty", help=question.help)


def run(args: argparse.Namespace) -> int:
    """Ask, check, refuse on any file already there, then write; exit 1 with every problem at once."""
    root: Path = args.dir
    render: Render = args.tr
    try:
        values = answers(args, sys.stdin.isatty(), render)
        files = site_files(values)
        refuse_existing(root, files)
        refuse_bad_config(root, files[0].text)
        written = write_site(root, files)
    except Problems as failed:
        print_problems(failed.problems, render)
        console().print(render(msg("init.nothing_written", "init: nothing was written")), markup=False)
        return 1
    except KeyboardInterrupt as stop:
        stop.add_note(render(msg("init.nothing_written_note", "nothing was written")))  # a note is text
        raise
    out = console(stderr=False)
    for path in written:
        out.print(display_path(path, Path.cwd()), markup=False)
    print_problems(_notes(root, files), render)
    out.print(render(msg("init.next", "next: in {folder}, with reportsite's .venv activated, "
                                      "`python build.py new --title 报告标题 --publisher {key}` writes the first "
                                      "report and `python build.py` builds the site into output/",
                         folder=display_path(root, Path.cwd()), key=values.publisher_key)), markup=False)
    return 0


def answers(args: argparse.Namespace, terminal: bool, render: Render) -> SiteValues:
    """Every value, from its option or, on a terminal, from the editor (asked in `render`'s language);
    every problem at once."""
    given = {q.dest: _value(k, q, getattr(args, q.dest), terminal, render, args.dir) for k, q in QUESTIONS}
    problems = [problem for k, q in QUESTIONS if (problem := _problem(k, q, given[q.dest], args.dir))]
    if problems:
        raise Problems([Problem("init", None, message) for message in problems])
    return SiteValues(
        **given, publisher_key=args.publisher_key or readable_slug(given["publisher_name"], fallback="main"),
        reportsite_repo=args.reportsite_repo if args.reportsite_repo is not None else origin_url(),
        reportsite_ref=args.reportsite_ref or "HEAD")


def _value(key: Key, question: Question, given: str | None, terminal: bool, render: Render, root: Path) -> str:
    if given is not None:
        return _normalised(question, given)
    return ask(key, question, render, root) if terminal else ""


def _normalised(question: Question, value: str) -> str:
    value = value.strip()
    return value.upper() if question.upper else value


def _problem(key: Key, question: Question, value: str, root: Path) -> Message | None:
    """Why a value cannot go into config.yaml, naming the option that gives it."""
    if not value:
        return msg("init.value_missing", '{option} is missing: pass {option} "…"',
                   option=question.flag) if question.required else None
    found = refusal(key, question, value, root)
    return msg("init.option_refused", "{option}: {problem}", option=question.flag, problem=found) if found else None


def ask(key: Key, question: Question, render: Render, root: Path) -> str:
    """Ask until the answer passes the question's check. An empty answer, or the end of input, leaves
    the value empty: init then reports a required one as missing, with the option that gives it."""
    while True:
        try:
            value = _normalised(question, input(render(question.prompt)))
        except EOFError:
            print(file=sys.stderr)
            return ""
        problem = refusal(key, question, value, root) if value else None
        if not problem:
            return value
        again = Problem("init", None, msg("init.type_again", "{problem}; type it again", problem=problem))
        print(again.text(render), file=sys.stderr)


def origin_url() -> str:
    """The URL this reportsite checkout was cloned from, for CI to fetch; empty when it has none."""
    try:
        done = subprocess.run(["git", "-C", str(BUILTIN_ROOT), "remote", "get-url", "origin"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def site_files(values: SiteValues) -> tuple[SiteFile, ...]:
    """Every file of the new site, config.yaml first, each from skeleton/; the hook from reportsite's own file."""
    scalars = values.placeholders()
    return (
        SiteFile("config.yaml", _filled("config.yaml", scalars)),
        SiteFile(f"content/{NEW_SITE_MARKER}", ""),
        SiteFile(".gitignore", _filled("gitignore", {})),
        SiteFile(WORKFLOW, _filled("site.yml", scalars)),
        SiteFile(".pre-commit-config.yaml", _filled("pre-commit-config.yaml", {"hooks": _hooks()})),
        SiteFile("build.py", _filled("build.py", {})),
    )


def _filled(name: str, values: dict[str, str]) -> str:
    """A skeleton file with its @@placeholders@@ filled; a placeholder without a value is a bug here."""
    return _PLACEHOLDER.sub(lambda match: values[match[1]], (SKELETON / name).read_text(encoding="utf-8"))


def _hooks() -> str:
    """reportsite's .pre-commit-hooks.yaml, its opening comment dropped, as the hooks of a `repo: local`
    entry: the site runs the very hook reportsite ships, without fetching reportsite for it."""
    lines = (BUILTIN_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(f"      {line}" if line else "" for line in lines)


def refuse_existing(root: Path, files: tuple[SiteFile, ...]) -> None:
    """Every file init would write that is there already, and any file where init needs a folder."""
    problems: list[Problem] = []
    if os.path.lexists(root) and not root.is_dir():
        problems.append(Problem(display_path(root, Path.cwd()), None, msg(
            "init.dir_is_a_file", "is a file, not a folder; pass the folder the new site should go in")))
    for file in files:
        target = root / file.path
        if os.path.lexists(target):
            problems.append(Problem(display_path(target, Path.cwd()), None, msg(
                "init.file_exists", "already exists, and init never overwrites a file; move it away, "
                                    "or start the site in another folder")))
        for folder in (root / part for part in Path(file.path).parents if part != Path(".")):
            if os.path.lexists(folder) and not folder.is_dir():
                problems.append(Problem(display_path(folder, Path.cwd()), None, msg(
                    "init.file_where_folder_goes", "is a file where init makes a folder; move it away, "
                                                   "or start the site in another folder")))
    if problems:
        raise Problems(list(dict.fromkeys(problems)))


def refuse_bad_config(root: Path, text: str) -> None:
    """Load the config init would write as the build loads it: anything the build would refuse, or
    warn about, stops init, so a new site never starts with a config that fails."""
    with tempfile.TemporaryDirectory(prefix="reportsite-init-") as scratch:
        path = Path(scratch) / "config.yaml"
        path.write_text(text, encoding="utf-8")
        _, problems = read_config(path)
    shown = display_path(root / "config.yaml", Path.cwd())
    if problems:
        raise Problems([Problem(shown, p.line, p.message, p.severity) for p in problems])


def write_site(root: Path, files: tuple[SiteFile, ...]) -> list[Path]:
    """Write every file by exclusive creation, so even a file made meanwhile is never overwritten;
    on a failure or an interruption the files written so far are removed again."""
    written: list[Path] = []
    try:
        for file in files:
            target = root / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                written.append(target)
                handle.write(file.text)
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        where = display_path(Path(exc.filename) if exc.filename else root, Path.cwd())
        raise Problems([Problem(where, None, msg(
            "init.cannot_write", "cannot be written ({reason}); make the folder writable, or start the site in "
                                 "another folder", reason=exc.strerror))]) from None
    return written


def _notes(root: Path, files: tuple[SiteFile, ...]) -> list[Problem]:
    """What the editor must still do before pushing: CI cannot fetch reportsite without its address."""
    workflow = next(f for f in files if f.path == WORKFLOW).text.splitlines()
    if "  REPORTSITE_REPO: ''" not in workflow:
        return []
    return [Problem(display_path(root / WORKFLOW, Path.cwd()), workflow.index("  REPORTSITE_REPO: ''") + 1, msg(
        "init.reportsite_repo_empty", "REPORTSITE_REPO is empty, so CI cannot fetch reportsite; set it to the URL "
                                      "of the reportsite repository before pushing (init's --reportsite-repo URL "
                                      "fills it in)"), Severity.WARNING)]
