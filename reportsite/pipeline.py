"""The build pipeline: config → content → site model → renderers → atomic output.

Data flows one way. Each stage returns problems as values; the first stage with
an error stops the build before anything is written, so output/ stays as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportsite.render.assets import copy_assets
from reportsite.config.load import load_config
from reportsite.content.read import read_content
from reportsite.config.load import SiteConfig
from reportsite.core.problems import Problems, Problem, Severity, display_path
from reportsite.core.i18n import Message, msg
from reportsite.runtime.executors import ExecutorProblem, dask_cluster
from reportsite.content.history import head_commit, read_history
from reportsite.core.clock import beijing_now, source_date_epoch
from reportsite.model import Release, Site, build_site
from reportsite.output.writer import RefusedOutput, StagedOutput, UnsafePath, output_lock, resolved
from reportsite.runtime.progress import Progress, Silent
from reportsite.output.cache import BuildCache, Manifest, input_fingerprint, loaded_message, stored_message
from reportsite.render.feeds import robots_note, write_feeds
from reportsite.render.files import copy_report_files
from reportsite.render.html import HtmlRenderer
from reportsite.render.pdf import PdfProblems, PdfRenderer, PdfStats
from reportsite.render.search import SearchProblem, reuse_or_build_search_index
from reportsite.render.templates import TemplateProblem, make_environment


#: How much the PDF cache may hold beyond what the current output uses; older entries go first.
PDF_CACHE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path
    out_dir: Path | None = None
    pdf: bool = True
    search: bool = True
    preview: bool = False
    clean: bool = False
    scheduler: str | None = None  # a Dask scheduler address; None renders PDFs in local processes
    throwaway: bool = False  # `check`'s temporary folder: record nothing about it in the cache
    glyphs: bool = False  # without PDFs, still refuse characters no PDF font has (as `check` does)
    drafts: bool = False  # publish `draft: true` reports too (serve always does)
    future: bool = False  # publish reports whose 发布日期 is still to come (serve always does)
    now: dt.datetime | None = None  # Beijing time the build counts as now; the clock's when None
    progress: Progress = field(default_factory=Silent)

    def release(self) -> Release:
        return Release(self.now or beijing_now(), drafts=self.drafts or self.preview, future=self.future or self.preview)


@dataclass(frozen=True)
class Held:
    """A report a build left out, for the summary: which file, why, and when it is due if scheduled."""

    source_name: str
    why: str  # "draft" or "scheduled"
    published: dt.datetime


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    seconds: float
    pdfs: PdfStats | None = None
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    rendered: int = 0
    site: Site | None = None  # the model built from, for checks on the output; None when nothing changed
    notes: tuple[Message, ...] = ()  # what the maintainer must do outside the site, e.g. for robots.txt
    held: tuple[Held, ...] = ()  # drafts and scheduled reports this build did not publish


def _stop_on_errors(problems: list[Problem]) -> None:
    if any(p.is_error for p in problems):
        raise Problems(problems)


def _output_problem(exc: OSError, out_dir: Path) -> Problem:
    """Disk and permission faults, named by what they hit: an input (a template, an asset, a
    file in a report folder) that cannot be read, or else the output folder."""
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
        path.parts[len(out_dir.parent.parts)].startswith(f".{out_dir.name}.staging-")
    return path.is_relative_to(out_dir) or staging


def build(options: BuildOptions) -> BuildResult:
    """Build the whole site; raise Problems with every problem and leave output/ untouched."""
    started = time.perf_counter()
    try:
        return _build(options, started)
    finally:
        options.progress.finish()


def _fingerprint(options: BuildOptions, config: SiteConfig, code: str) -> str | None:
    inputs = [options.config_path.resolve(), *config.source_dirs]
    flags = f"pdf={options.pdf} search={options.search} preview={options.preview} drafts={options.drafts} " \
            f"future={options.future}"
    return input_fingerprint(inputs, flags, code,
                             head_commit(config.content_dir), source_date_epoch())


def _sources_problem(config: SiteConfig, out_dir: Path) -> Problem | None:
    """The swap replaces the whole output folder, so it must never hold the site's own sources.

    The output writer refuses a folder that directly holds sources and names them; this catches
    the folders around the site, and folders deep inside content/, that it cannot see."""
    above = out_dir != config.root and config.root.is_relative_to(out_dir)
    within = out_dir != config.content_dir and out_dir.is_relative_to(config.content_dir)
    if above or within:
        return Problem(display_path(out_dir, Path.cwd()), None, msg(
            "output.holds_site_sources", "cannot be the output folder: it holds the site's config or content, which "
            "the build would replace; choose another folder with --out"))
    return None


def _unchanged(summary: dict[str, Any], out_dir: Path, started: float, notes: tuple[Message, ...]) -> BuildResult:
    """A rebuild with nothing to do: the output stays exactly as it is."""
    pdfs = summary.get("pdfs")
    stats = PdfStats(0, len(pdfs), tuple((p, s) for p, s in pdfs)) if pdfs is not None else None
    warnings = tuple(Problem(path, line, loaded_message(message))
                     for path, line, message in summary.get("warnings", []))
    held = tuple(Held(name, why, dt.datetime.fromisoformat(when)) for name, why, when in summary.get("held", []))
    return BuildResult(out_dir, summary["pages"], time.perf_counter() - started, stats,
                       tuple(replace(w, severity=Severity.WARNING) for w in warnings), 0, notes=notes, held=held)


def _held(site: Site) -> tuple[Held, ...]:
    return tuple(Held(r.source_name, r.unpublished, r.published) for r in site.held)


def _falls_due(summary: dict[str, Any], release: Release) -> bool:
    """Whether a scheduled report the last build held back is due now: then a build with unchanged
    sources still has work to do, or a report set to appear at 09:00 would wait for the next edit."""
    return any(why == "scheduled" and not release.includes(why) and dt.datetime.fromisoformat(when) <= release.now
               for _, why, when in summary.get("held", []))


def _prune(cache: BuildCache, manifest: Manifest, pdfs: bool) -> None:
    """Keep the cache small once the new site is in place: manifests of output folders that are gone,
    and PDFs this output does not use beyond the cap. After a PDF-less build every PDF is unused,
    so PDFs are pruned only by a build that made them. Pruning never fails a build: it runs after the
    swap, and a folder that vanishes under it (another build's, being removed) is no fault of this one."""
    try:
        manifest.prune_others()
        cache.remove_leftovers()
        if pdfs:
            cache.prune("pdf", {key for key, _ in manifest.current.values()}, PDF_CACHE_BYTES, ".pdf")
    except OSError:
        pass


def _after_interruption(writer: StagedOutput) -> Message:
    """What Ctrl+C or SIGTERM left in the output folder, for the one line the command prints."""
    shown = display_path(writer.out_dir, Path.cwd()).rstrip("/") + "/"
    if writer.committed:
        return msg("output.stopped_after_swap", "the new site is already in {folder}", folder=shown)
    return msg("output.stopped_before_swap", "{folder} is unchanged", folder=shown)


def _note_interruption(stop: KeyboardInterrupt, outcome: Message) -> None:
    """Tell the command what an interrupted build left: `outcomes` holds the Messages, to print in the
    editor's language; the exception's notes (strings only) hold the English, as tracebacks show them."""
    stop.outcomes = (*getattr(stop, "outcomes", ()), outcome)  # type: ignore[attr-defined]
    stop.add_note(str(outcome))


def output_folder(options: BuildOptions) -> Path:
    """--out, or output/ beside the config, as the config's root is the config file's folder."""
    return resolved(options.out_dir or options.config_path.resolve().parent / "output")


def _build(options: BuildOptions, started: float) -> BuildResult:
    writer = StagedOutput(output_folder(options), background_cleanup=True)
    try:
        with contextlib.ExitStack() as held:
            try:
                writer.check_replaceable()
                held.enter_context(output_lock(writer.out_dir, options.progress.waiting))
            except OSError as exc:
                raise Problems([_output_problem(exc, writer.out_dir)]) from None
            return _build_into(writer, options, started)
    except RefusedOutput as refused:  # checked before the lock, and again as the staging folder is made
        raise Problems([Problem(display_path(writer.out_dir, Path.cwd()), None, refused.message)]) from None
    except KeyboardInterrupt as stop:  # Ctrl+C or SIGTERM: the staging folder is gone, say what output/ holds
        _note_interruption(stop, _after_interruption(writer))
        raise


def _build_into(writer: StagedOutput, options: BuildOptions, started: float) -> BuildResult:
    progress = options.progress
    config, problems = load_config(options.config_path)
    out_dir = writer.out_dir
    if problem := _sources_problem(config, out_dir):
        raise Problems(problems + [problem])
    notes = tuple(note for note in [robots_note(config.base_url)] if note)
    cache = BuildCache(config.cache_dir)
    manifest = Manifest(cache, out_dir, clean=options.clean, keep=not options.throwaway)
    fingerprint = _fingerprint(options, config, cache.code)
    release = options.release()
    if (summary := manifest.unchanged(fingerprint)) is not None and not _falls_due(summary, release):
        return _unchanged(summary, out_dir, started, notes)
    progress.stage(msg("progress.reading", "reading content"))
    reports, found = read_content(config)
    problems += found
    _stop_on_errors(problems)
    site, found = build_site(config, reports, read_history(config.content_dir), release)
    problems += found
    _stop_on_errors(problems)
    env = make_environment(config)
    try:
        if options.glyphs and not options.pdf:
            problems += PdfRenderer(site, writer, env, cache).check_glyphs()
            _stop_on_errors(problems)
        with writer:
            executor = dask_cluster(options.scheduler) if options.scheduler else None
            pdfs = PdfRenderer(site, writer, env, cache, progress=progress, clean=options.clean,
                               executor=executor, manifest=manifest).render_all() if options.pdf else None
            progress.stage(msg("progress.pages", "rendering pages"))
            assets = copy_assets(config.assets_dir, writer, options.preview, config.favicon)
            html = HtmlRenderer(site, writer, env, assets, pdfs, options.preview, manifest)
            pages = html.render_all()
            write_feeds(site, writer, pages, {path for path, _ in pdfs.sizes} if pdfs else set())
            copy_report_files(site, writer)
            if options.search:
                progress.stage(msg("progress.search", "indexing for search"))
                reuse_or_build_search_index(writer, manifest, unchanged=html.rendered == 0 and not options.clean,
                                            has_reports=bool(site.reports))
            progress.stage(msg("progress.swap", "swapping in the new site"))
            files = manifest.tree(writer.staging)
            writer.commit()
            manifest.summary = {"fingerprint": fingerprint, "pages": len(pages) + 1, "files": files,
                                "pdfs": list(pdfs.sizes) if pdfs else None,
                                "warnings": [[p.path, p.line, stored_message(p.message)]
                                             for p in problems if not p.is_error],
                                "held": [[h.source_name, h.why, h.published.isoformat()] for h in _held(site)]}
            manifest.save()
        if pdfs and pdfs.cache_off:  # about this build's cache, not the sources: a no-op build must not replay it
            problems.append(Problem(display_path(cache.root, Path.cwd()), None, pdfs.cache_off, Severity.WARNING))
        if not options.throwaway:
            _prune(cache, manifest, pdfs is not None)
    except UnsafePath as exc:
        raise Problems(problems + [Problem("config.yaml", None, msg(
            "output.unsafe_path", 'a page path "{path}" would be written outside the site; use keys of lower-case '
            "letters, digits and hyphens", path=str(exc)))]) from None
    except TemplateProblem as exc:
        raise Problems(problems + [exc.problem]) from None
    except PdfProblems as exc:
        raise Problems(problems + exc.problems) from None
    except (SearchProblem, ExecutorProblem) as exc:
        raise Problems(problems + [exc.problem]) from None
    except OSError as exc:
        raise Problems(problems + [_output_problem(exc, out_dir)]) from None
    warnings = tuple(p for p in problems if not p.is_error)
    return BuildResult(out_dir, len(pages) + 1, time.perf_counter() - started, pdfs, warnings, html.rendered, site,
                       notes, _held(site))
