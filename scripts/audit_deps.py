"""Fail when a pinned Python dependency has a known vulnerability, using only PyPI's JSON API.

pip-audit asks PyPI for each pinned release (``/pypi/<name>/<version>/json``) or asks OSV. The
build machines reach neither: PyPI answers only the project page ``/pypi/<name>/json``, whose
``vulnerabilities`` are those of the newest release. So this audit is exact where it can be and
strict where it cannot:

* a release PyPI answers for (per-release page, or the pin *is* the newest release) is audited
  exactly, and any advisory that is not withdrawn fails the run;
* an advisory open against the newest release has no fix anywhere, so it fails the run whatever
  the pin;
* a pin behind the newest release cannot be audited here. For a package the site runs with
  (the closure of reportsite's own dependencies) that fails the run once the newer release is
  older than ``--grace-days``: the fix is to upgrade the lock (README, "Dependencies"). Test-only
  tools are listed but do not fail, since they never see content or reach the published site.

Exit status: 0 clean, 1 a finding (or PyPI could not be asked), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    line: int


@dataclass(frozen=True)
class Finding:
    """One line of the report; ``fails`` decides the exit status."""

    pin: Pin
    message: str
    fails: bool


class IndexUnreachable(Exception):
    """PyPI did not answer as expected; the audit cannot vouch for anything."""


def read_pins(lock: Path) -> tuple[list[Pin], list[Finding]]:
    """Every ``name==version`` line of a pip-freeze style lock, with its line for messages.

    Any other requirement line (a URL, a path, a range) is a finding: skipping it would leave a
    dependency unaudited without anyone noticing.
    """
    pins, odd = [], []
    for number, text in enumerate(lock.read_text(encoding="utf-8").splitlines(), start=1):
        match = PIN.match(text)
        if match:
            pins.append(Pin(match.group(1), match.group(2), number))
        elif text.strip() and not text.lstrip().startswith("#"):
            where = Pin(text.strip().split()[0], "?", number)
            odd.append(Finding(where, "not a name==version pin, so it cannot be audited; "
                               "rebuild the lock with scripts/lock.sh", True))
    return pins, odd


def runtime_closure(root: str) -> set[str]:
    """Canonical names of what ``root`` needs at run time, read from the installed metadata.

    Extras are followed only where a requirement names them (``dask[distributed]``), so the
    root's own test extra stays out. A missing root is an error: guessing "all test-only" would
    quietly loosen the audit.
    """
    metadata.distribution(root)
    visited: set[tuple[str, frozenset[str]]] = set()
    todo = [(root, frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if (canonicalize_name(name), extras) in visited:
            continue
        visited.add((canonicalize_name(name), extras))
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in map(Requirement, requires):
            wanted = extras | {""}
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted):
                todo.append((req.name, frozenset(req.extras)))
    return {name for name, _ in visited} - {canonicalize_name(root)}


def fetch_json(url: str, timeout: float) -> dict | None:
    """The JSON at ``url``, or None for a 404 (PyPI's answer for a page it does not serve)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise IndexUnreachable(f"{url}: HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise IndexUnreachable(f"{url}: {error}") from error


def open_advisories(page: dict) -> list[dict]:
    """Advisories on a PyPI JSON page that have not been withdrawn."""
    return [v for v in page.get("vulnerabilities") or [] if not v.get("withdrawn")]


def describe(advisory: dict) -> str:
    """An advisory as one readable clause: its ids, what it is, and where it is fixed."""
    ids = ", ".join([advisory.get("id", "?"), *advisory.get("aliases", [])])
    text = (advisory.get("summary") or advisory.get("details") or "").strip().split("\n")[0]
    fixed = advisory.get("fixed_in") or []
    fix = f"fixed in {', '.join(fixed)}" if fixed else "no fixed release yet"
    return f"{ids}: {text[:160]} ({fix}; {advisory.get('link', '')})"


def released_at(project: dict, version: str) -> datetime | None:
    """When ``version`` was uploaded (its earliest file), from the project page."""
    files = project.get("releases", {}).get(version) or []
    stamps = [f["upload_time_iso_8601"] for f in files if f.get("upload_time_iso_8601")]
    if not stamps:
        return None
    return min(datetime.fromisoformat(s.replace("Z", "+00:00")) for s in stamps)


def is_newest(pin: Pin, newest: str) -> bool:
    """Whether the pin is PyPI's newest release, comparing versions rather than spellings."""
    try:
        return Version(pin.version) == Version(newest)
    except InvalidVersion:
        return pin.version == newest


def audit_pin(pin: Pin, index: str, runtime: bool, grace: timedelta, timeout: float) -> list[Finding]:
    """Everything this machine can learn about one pin, as findings."""
    release = fetch_json(f"{index}/{pin.name}/{pin.version}/json", timeout)
    if release is not None:
        return [Finding(pin, f"known vulnerability {describe(a)}", True) for a in open_advisories(release)]
    project = fetch_json(f"{index}/{pin.name}/json", timeout)
    if project is None:
        return [Finding(pin, f"PyPI has no project {pin.name!r}; check the spelling in the lock", True)]
    newest = project["info"]["version"]
    findings = [
        Finding(pin, f"known vulnerability in every release up to {newest}: {describe(a)}", True)
        for a in open_advisories(project)
    ]
    if not is_newest(pin, newest):
        findings.append(stale_finding(pin, newest, released_at(project, newest), runtime, grace))
    return findings


def stale_finding(pin: Pin, newest: str, since: datetime | None, runtime: bool, grace: timedelta) -> Finding:
    """A pin PyPI will not answer for: strict for what the site runs, a note for test tools."""
    age = datetime.now(timezone.utc) - since if since else None
    when = f" (out since {since:%Y-%m-%d})" if since else ""
    reason = (
        f"{pin.version} is not the newest release, {newest}{when}, and this machine can only learn "
        f"about advisories for the newest release, so {pin.version} is not audited"
    )
    if not runtime:
        return Finding(pin, f"{reason}; a test-only tool, so this does not fail", False)
    if age is not None and age < grace:
        days = grace.days - age.days
        return Finding(pin, f"{reason}; upgrade the lock within {days} days (README, Dependencies)", False)
    return Finding(pin, f"{reason}. Fix: upgrade it in pyproject.toml and requirements.lock (README, Dependencies)", True)


def report(lock: Path, findings: list[Finding], audited: int) -> int:
    """Print ``lock:line: name==version: message`` lines and a summary; return the exit status."""
    for f in sorted(findings, key=lambda f: (not f.fails, f.pin.line)):
        level = "error" if f.fails else "note"
        what = f.pin.name if f.pin.version == "?" else f"{f.pin.name}=={f.pin.version}"
        print(f"{lock}:{f.pin.line}: {level}: {what}: {f.message}")
    failed = sum(f.fails for f in findings)
    print(f"audit: {audited} pins, {failed} problem(s), {len(findings) - failed} note(s)")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lock", nargs="?", default="requirements.lock", type=Path)
    parser.add_argument("--index", default="https://pypi.org/pypi", help="PyPI JSON API root")
    parser.add_argument("--root", default="reportsite", help="installed package whose closure is the runtime")
    parser.add_argument("--grace-days", type=int, default=14)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args(argv)
    try:
        pins, unpinned = read_pins(args.lock)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.lock}: cannot read the lock: {error}", file=sys.stderr)
        return 1
    try:
        runtime = runtime_closure(args.root)
    except metadata.PackageNotFoundError:
        print(f"audit: {args.root} is not installed here, so its run-time dependencies are "
              f"unknown. Run it with the project's .venv (bash scripts/setup.sh).", file=sys.stderr)
        return 1
    grace = timedelta(days=args.grace_days)

    def one(pin: Pin) -> list[Finding]:
        return audit_pin(pin, args.index.rstrip("/"), canonicalize_name(pin.name) in runtime, grace, args.timeout)

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            findings = unpinned + [f for found in pool.map(one, pins) for f in found]
    except IndexUnreachable as error:
        print(f"audit: could not ask PyPI ({error}); nothing was audited. Run it where "
              f"pypi.org is reachable.", file=sys.stderr)
        return 1
    return report(args.lock, findings, len(pins) + len(unpinned))


if __name__ == "__main__":
    sys.exit(main())
