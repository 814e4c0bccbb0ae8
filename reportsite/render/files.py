"""A folder report's own files (attachments, images) copied beside its page.

Relative links in the Markdown then work unchanged on the built page. Only the files that
content validation listed for the report are copied (see content._folder_files): nothing that
could run script, replace a generated file, or come from elsewhere on the machine.
"""

from __future__ import annotations

from reportsite.model import Site
from reportsite.render.ports import StagedFolder


def copy_report_files(site: Site, writer: StagedFolder) -> int:
    """Copy each folder report's files; return how many were copied."""
    copied = 0
    for report in site.reports:
        for name in report.files if report.folder else ():
            writer.copy(report.folder / name, report.path + name)
            copied += 1
    return copied
