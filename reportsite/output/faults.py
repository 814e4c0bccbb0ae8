"""Disk and permission faults of a build as problems, named by what they hit: an input that cannot be
read (a template, an asset, a file in a report folder), or else the output folder, whose previous site
the atomic swap leaves as it was."""

from __future__ import annotations

import errno
from pathlib import Path

from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, display_path
from reportsite.output.writer import staging_prefix


def disk_problem(exc: OSError, out_dir: Path) -> Problem:
    """The problem for an OSError raised while building into `out_dir`, with the fix for its kind."""
    failed = Path(exc.filename) if isinstance(exc.filename, str) else None
    if failed and exc.errno in (errno.EACCES, errno.EPERM) and not _is_output(failed, out_dir):
        return Problem(display_path(failed, Path.cwd()), None, msg(
            "output.input_unreadable", "cannot read this file ({error}); make it readable (chmod a+r, and a+x on "
            "its folders) and build again", error=exc.strerror))
    shown = display_path(out_dir, Path.cwd())
    if exc.errno == errno.ENOSPC:
        advice = msg("output.disk_full", "the disk is full; free some space and build again")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = msg("output.not_writable", "permission denied; make the folder writable or choose another with --out")
    else:
        advice = msg("output.write_failed", "{error}; check the folder and build again", error=exc.strerror or str(exc))
    return Problem(shown, None, msg("output.cannot_write", "cannot write the site: {advice} (the previous site was "
                                    "left as it was)", advice=advice))


def _is_output(path: Path, out_dir: Path) -> bool:
    """Whether a path lies in the output folder or in a staging folder beside it."""
    path = path.absolute()
    staging = path.is_relative_to(out_dir.parent) and len(path.parts) > len(out_dir.parent.parts) and \
        path.parts[len(out_dir.parent.parts)].startswith(staging_prefix(out_dir))
    return path.is_relative_to(out_dir) or staging
