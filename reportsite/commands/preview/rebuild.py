"""One rebuild of the preview folder, and the status its pages' overlay reads.

The preview is built under .reportsite-cache/, never output/, so what the maintainer deploys is
only ever a full `build`. The pipeline stages the build and swaps it in whole, so a failed build
leaves the last good site up; the errors go to the overlay instead, with file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reportsite.config.model import CACHE_DIR
from reportsite.core.i18n import english, msg
from reportsite.core.problems import Problem, Problems
from reportsite.pipeline import BuildOptions, build
from reportsite.commands.common import Render, console, print_failure, print_problems

STATUS = "__reportsite__/status.json"

#: The overlay's heading, in serve's language (preview.js has it in Chinese for a status.json without it).
OVERLAY_TITLE = msg("serve.overlay_title", "The content has errors, and the page still shows the last good build; "
                    "fix the files and lines below and save, and the page reloads by itself")


@dataclass(frozen=True)
class Preview:
    """What each rebuild needs: how to build the preview, and the language serve prints and the overlay shows."""

    options: BuildOptions
    render: Render = english


def preview_folder(config_path: Path) -> Path:
    """Where the preview is built: the site's cache, known before its config is read (it may be broken)."""
    return config_path.resolve().parent / CACHE_DIR / "preview"


def write_status(folder: Path, problems: list[Problem], render: Render = english) -> None:
    """What the preview page's overlay shows, in serve's language: nothing when the last build worked."""
    target = folder / STATUS
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = [{"file": p.path, "line": p.line, "code": p.code, "message": render(p.message), "text": p.text(render)}
               for p in problems if p.is_error]
    status = {"title": render(OVERLAY_TITLE), "errors": entries}
    target.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")


def rebuild(preview: Preview) -> None:
    """Build the preview; on failure keep the last good site and publish the errors to the overlay."""
    options, render = preview.options, preview.render
    assert options.out_dir is not None
    try:
        result = build(options)
    except Problems as failed:
        print_failure(failed.problems, msg("serve.kept", "the preview still shows the last good build"), render)
        if options.out_dir.is_dir():
            write_status(options.out_dir, failed.problems, render)
        return
    print_problems(result.warnings, render)
    write_status(result.out_dir, [], render)
    console(stderr=False).print(render(msg("serve.rebuilt", "rebuilt {pages} pages in {seconds} s",
                                           pages=result.pages, seconds=format(result.seconds, ".2f"))), markup=False)
