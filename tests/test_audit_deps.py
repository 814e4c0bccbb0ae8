"""The dependency audit (scripts/audit_deps.py) against a local stand-in for PyPI's JSON API.

The stand-in answers exactly the pages a test gives it and 404 for the rest, which is how
pypi.org behaves from the build machines for per-release pages. The live audit of the real
lock runs in .ci/run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "audit_deps.py"

ADVISORY = {
    "aliases": ["CVE-2024-56201", "GHSA-gmj6-6f8f-6699"],
    "details": "Jinja has a sandbox breakout through malicious filenames.",
    "fixed_in": ["3.1.5"],
    "id": "PYSEC-2024-999",
    "link": "https://osv.dev/vulnerability/PYSEC-2024-999",
    "source": "osv",
    "summary": None,
    "withdrawn": None,
}


def project_page(newest: str, released: datetime, advisories: list[dict] | None = None) -> dict:
    """A project page shaped like pypi.org's: newest version, its files, its advisories."""
    stamp = released.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "info": {"version": newest},
        "releases": {newest: [{"upload_time_iso_8601": stamp}]},
        "vulnerabilities": advisories or [],
    }


def days_ago(days: int) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)


@pytest.fixture
def pypi():
    """Serve ``pages`` (path → JSON) on loopback; yields (pages, index URL)."""
    pages: dict[str, dict] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = pages.get(self.path)
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(page if page is not None else {"message": "Not Found"}).encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.1:{server.server_port}/pypi"
    server.shutdown()
    server.server_close()


def audit(tmp_path: Path, index: str, lock_text: str) -> subprocess.CompletedProcess:
    lock = tmp_path / "requirements.lock"
    lock.write_text(lock_text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(lock), "--index", index, "--timeout", "5"],
        capture_output=True, text=True, timeout=120,
    )


def test_an_advisory_on_the_pinned_newest_release_fails_and_is_named(tmp_path, pypi):
    pages, index = pypi
    pages["/pypi/Jinja2/json"] = project_page("3.1.4", days_ago(300), [ADVISORY])
    result = audit(tmp_path, index, "Jinja2==3.1.4\n")
    assert result.returncode == 1
    assert "requirements.lock:1: error: Jinja2==3.1.4: known vulnerability" in result.stdout
    assert "PYSEC-2024-999, CVE-2024-56201" in result.stdout
    assert "fixed in 3.1.5" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_per_release_page_is_used_where_pypi_serves_it(tmp_path, pypi):
    """Where /pypi/<name>/<version>/json answers (as on GitHub's runners) it is exact for that pin."""
    pages, index = pypi
    pages["/pypi/Jinja2/3.1.4/json"] = {"info": {"version": "3.1.4"}, "vulnerabilities": [ADVISORY]}
    pages["/pypi/Jinja2/json"] = project_page("3.1.6", days_ago(300))
    result = audit(tmp_path, index, "# pinned\nJinja2==3.1.4\n")
    assert result.returncode == 1
    assert "requirements.lock:2: error: Jinja2==3.1.4: known vulnerability PYSEC-2024-999" in result.stdout


def test_withdrawn_advisories_and_clean_releases_pass(tmp_path, pypi):
    pages, index = pypi
    withdrawn = dict(ADVISORY, withdrawn="2025-01-02T00:00:00Z")
    pages["/pypi/Jinja2/json"] = project_page("3.1.6", days_ago(300), [withdrawn])
    pages["/pypi/rich/15.0.0/json"] = {"info": {"version": "15.0.0"}, "vulnerabilities": []}
    result = audit(tmp_path, index, "Jinja2==3.1.6\nrich==15.0.0\n")
    assert result.returncode == 0, result.stdout
    assert "audit: 2 pins, 0 problem(s), 0 note(s)" in result.stdout


def test_an_advisory_open_on_the_newest_release_fails_an_older_pin_too(tmp_path, pypi):
    pages, index = pypi
    open_advisory = dict(ADVISORY, fixed_in=[])
    pages["/pypi/Jinja2/json"] = project_page("3.1.6", days_ago(1), [open_advisory])
    result = audit(tmp_path, index, "Jinja2==3.1.5\n")
    assert result.returncode == 1
    assert "known vulnerability in every release up to 3.1.6" in result.stdout
    assert "no fixed release yet" in result.stdout


def test_a_runtime_pin_long_behind_the_newest_release_fails_with_the_fix(tmp_path, pypi):
    """An old pin this machine cannot audit is not waved through (like pip-audit --strict)."""
    pages, index = pypi
    pages["/pypi/Jinja2/json"] = project_page("3.1.6", days_ago(400))
    result = audit(tmp_path, index, "Jinja2==2.10\n")
    assert result.returncode == 1
    assert "error: Jinja2==2.10: 2.10 is not the newest release, 3.1.6" in result.stdout
    assert "is not audited" in result.stdout
    assert "upgrade it in pyproject.toml and requirements.lock" in result.stdout


def test_a_runtime_pin_behind_a_fresh_release_is_a_note_with_a_deadline(tmp_path, pypi):
    pages, index = pypi
    pages["/pypi/PyYAML/json"] = project_page("6.0.4", days_ago(3))
    result = audit(tmp_path, index, "PyYAML==6.0.3\n")
    assert result.returncode == 0, result.stdout
    assert "note: PyYAML==6.0.3" in result.stdout
    assert "upgrade the lock within 11 days" in result.stdout


def test_a_test_only_tool_behind_the_newest_release_is_only_a_note(tmp_path, pypi):
    pages, index = pypi
    pages["/pypi/hypothesis/json"] = project_page("6.200.0", days_ago(400))
    result = audit(tmp_path, index, "hypothesis==6.170.17\n")
    assert result.returncode == 0, result.stdout
    assert "a test-only tool, so this does not fail" in result.stdout


def test_lines_that_are_not_pins_and_unknown_projects_fail(tmp_path, pypi):
    _, index = pypi
    result = audit(tmp_path, index, "jinja2 @ file:///tmp/jinja2.whl\nno-such-project-xyz==1.0\n")
    assert result.returncode == 1
    assert "requirements.lock:1: error: jinja2: not a name==version pin" in result.stdout
    assert "requirements.lock:2: error: no-such-project-xyz==1.0: PyPI has no project" in result.stdout


def test_an_unreachable_index_fails_cleanly(tmp_path):
    result = audit(tmp_path, "http://127.0.0.1:9/pypi", "Jinja2==3.1.6\n")
    assert result.returncode == 1
    assert "could not ask PyPI" in result.stderr
    assert "nothing was audited" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_real_lock_is_all_pins_and_ci_runs_the_audit():
    """Every line of requirements.lock is auditable, and CI audits it after the tests."""
    lines = [l for l in (ROOT / "requirements.lock").read_text().splitlines() if l.strip()]
    assert lines and all("==" in l and "@" not in l for l in lines)
    assert "scripts/audit_deps.py" in (ROOT / ".ci" / "run").read_text()
