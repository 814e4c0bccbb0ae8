"""A folder report's own files (attachments, images) copied beside its page.

Relative links in the Markdown then work unchanged on the built page. Only
regular files that really sit inside the report's folder are copied, so a
symlink can never publish something from elsewhere on the machine.
"""

from __future__ import annotations

from ..model import Site
from ..output import StagedOutput


def copy_report_files(site: Site, writer: StagedOutput) -> int:
    """Copy each folder report's files; return how many were copied."""
    copied = 0
    for report in site.reports:
        if report.folder is None:
            continue
        folder = report.folder.resolve()
        for path in sorted(report.folder.rglob("*")):
            if path == report.source or not path.is_file() or not path.resolve().is_relative_to(folder):
                continue
            writer.copy(path, report.path + path.relative_to(report.folder).as_posix())
            copied += 1
    return copied
