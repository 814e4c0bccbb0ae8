"""The build pipeline: config → content → site model → renderers → atomic output.

Data flows one way. Each stage returns problems as values; the first stage with
an error stops the build before anything is written, so output/ stays as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from reportsite.config.load import read_config
from reportsite.config.model import SiteConfig
from reportsite.content.history import head_commit, read_history
from reportsite.content.read import read_content
from reportsite.core.clock import beijing_now, source_date, source_date_epoch
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems, Severity, display_path, has_errors
from reportsite.model import Release, Site, build_site
from reportsite.model.deadlines import deadline_problems, next_deadline
from reportsite.output.cache import BuildCache, Manifest, input_fingerprint, loaded_message, stored_message
from reportsite.output.faults import disk_problem
from reportsite.output.keys import page_keys, pdf_key, site_key, template_keys
from reportsite.output.writer import StagedOutput, output_lock, resolved
from reportsite.render.assets import copy_assets
from reportsite.render.feeds import robots_note, write_feeds
from reportsite.render.files import copy_report_files
from reportsite.render.html import HtmlRenderer
from reportsite.render.pages import Page, site_pages, sitemap_entries
from reportsite.render.pdf import PdfRenderer, pdf_path
from reportsite.render.results import PdfStats
from reportsite.render.search import build_search_index
from reportsite.render.templates import make_environment, template_sources
from reportsite.runtime.executors import dask_cluster
from reportsite.runtime.progress import Progress, Silent


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
    strict: bool = False  # --strict: a 年报 sum that does not add up stops the build (annual_report.strict)
    progress: Progress = field(default_factory=Silent)

    def release(self) -> Release:
        return Release(self.now or beijing_now(), drafts=self.drafts or self.preview, future=self.future or self.preview)

    def checked_at(self) -> dt.datetime:
        """The moment 年报 deadlines are measured at: SOURCE_DATE_EPOCH when set, so a reproducible build
        warns alike whenever it runs (it is part of the fingerprint, so a new one rebuilds)."""
        return self.now or source_date() or beijing_now()


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
    if has_errors(problems):
        raise Problems(problems)


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
            f"future={options.future} strict={options.strict}"
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


def _falls_due(summary: dict[str, Any], release: Release, checked_at: dt.datetime) -> bool:
    """Whether a scheduled report the last build held back is due now, or a 年报 deadline it counted as
    pending has passed: then a build with unchanged sources still has work to do, or a report set to
    appear at 09:00 would wait for the next edit, and an overdue 年报 would go unmentioned."""
    if (deadline := summary.get("deadline")) and dt.datetime.fromisoformat(deadline) <= checked_at:
        return True
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
                writer.check_replaceable()  # checked before the lock, and again as the staging folder is made
                held.enter_context(output_lock(writer.out_dir, options.progress.waiting))
            except OSError as exc:
                raise Problems([disk_problem(exc, writer.out_dir)]) from None
            return _build_into(writer, options, started)
    except KeyboardInterrupt as stop:  # Ctrl+C or SIGTERM: the staging folder is gone, say what output/ holds
        _note_interruption(stop, _after_interruption(writer))
        raise


@dataclass(frozen=True)
class _Made:
    """What the renderers made of the site: how many pages (and how many rendered afresh), the PDFs."""

    pages: int
    rendered: int
    pdfs: PdfStats | None


def _build_into(writer: StagedOutput, options: BuildOptions, started: float) -> BuildResult:
    config, problems = read_config(options.config_path)
    if config is None or has_errors(problems):
        raise Problems(problems)
    if options.strict:
        config = replace(config, annual_report=replace(config.annual_report, strict=True))
    if problem := _sources_problem(config, writer.out_dir):
        raise Problems(problems + [problem])
    notes = tuple(note for note in [robots_note(config.base_url)] if note)
    cache = BuildCache(config.cache_dir)
    manifest = Manifest(cache, writer.out_dir, clean=options.clean, keep=not options.throwaway)
    fingerprint = _fingerprint(options, config, cache.code)
    release, checked_at = options.release(), options.checked_at()
    if (summary := manifest.unchanged(fingerprint)) is not None and not _falls_due(summary, release, checked_at):
        return _unchanged(summary, writer.out_dir, started, notes)
    site = _model(config, release, problems, options.progress)
    problems += deadline_problems(site, checked_at)
    env = make_environment(config)
    try:
        if options.glyphs and not options.pdf and (missing := PdfRenderer(site, env, cache).check_glyphs()):
            raise Problems(missing)
        with writer:
            made = _render(site, writer, env, cache, manifest, options)
            _swap(writer, manifest, _summary(fingerprint, made, problems, site, checked_at), options.progress)
        if made.pdfs and made.pdfs.cache_off:  # about this build's cache, not the sources: a no-op build must not replay it
            problems.append(Problem(display_path(cache.root, Path.cwd()), None, made.pdfs.cache_off, Severity.WARNING))
        if not options.throwaway:
            _prune(cache, manifest, made.pdfs is not None)
    except Problems as failed:
        raise Problems(problems + failed.problems) from None
    except OSError as exc:
        raise Problems(problems + [disk_problem(exc, writer.out_dir)]) from None
    warnings = tuple(p for p in problems if not p.is_error)
    return BuildResult(writer.out_dir, made.pages, time.perf_counter() - started, made.pdfs, warnings, made.rendered,
                       site, notes, _held(site))


def _model(config: SiteConfig, release: Release, problems: list[Problem], progress: Progress) -> Site:
    """The site model, or Problems with everything found so far; what is found is added to `problems`."""
    progress.stage(msg("progress.reading", "reading content"))
    reports, found = read_content(config)
    problems += found
    _stop_on_errors(problems)
    site, found = build_site(config, reports, read_history(config.content_dir), release)
    problems += found
    _stop_on_errors(problems)
    return site


def _render(site: Site, writer: StagedOutput, env: jinja2.Environment, cache: BuildCache, manifest: Manifest,
            options: BuildOptions) -> _Made:
    """Every renderer into the staged site; PDFs first, as the pages show their sizes."""
    progress = options.progress
    pdfs = _pdfs(site, writer, env, cache, manifest, options) if options.pdf else None
    progress.stage(msg("progress.pages", "rendering pages"))
    assets = copy_assets(site.config.assets_dir, writer, options.preview, site.config.favicon,
                         site.config.footer.badge)
    sizes = dict(pdfs.sizes) if pdfs else {}
    pages = site_pages(site)
    rendered = _pages(site, pages, writer, env, assets, sizes, manifest, options.preview)
    write_feeds(site, writer, sitemap_entries(pages), set(sizes))
    copy_report_files(site, writer)
    if options.search:
        progress.stage(msg("progress.search", "indexing for search"))
        _search_index(site, writer, manifest, unchanged=rendered == 0 and not options.clean)
    return _Made(len(pages), rendered, pdfs)


def _pdfs(site: Site, writer: StagedOutput, env: jinja2.Environment, cache: BuildCache, manifest: Manifest,
          options: BuildOptions) -> PdfStats:
    """The PDFs: those the current output holds as written, from the same inputs, are linked; the
    renderer makes the rest, from the cache where it can."""
    executor = dask_cluster(options.scheduler) if options.scheduler else None
    renderer = PdfRenderer(site, env, cache, progress=options.progress, clean=options.clean, executor=executor)
    keys = {pdf_path(report): pdf_key(report, (*renderer.shared, cache.code)) for report in site.reports}
    reused = manifest.reuse(keys)
    writer.link_each(reused)
    stats, written = renderer.render_all(writer, keys, reused)
    manifest.record(written, keys)
    return stats


def _pages(site: Site, pages: tuple[Page, ...], writer: StagedOutput, env: jinja2.Environment,
           assets: dict[str, str], pdf_sizes: dict[str, int], manifest: Manifest, preview: bool) -> int:
    """The HTML pages, linked where the current output's page has the same key, the rest rendered;
    returns how many were rendered."""
    shown = site_key(site.config, site, assets, preview, manifest.code)
    templates = template_keys(template_sources(env, {page.template for page in pages}))
    keys = page_keys(pages, shown, templates, pdf_sizes)
    reused = manifest.reuse(keys)
    writer.link_each(reused)
    renderer = HtmlRenderer.make(site, env, assets, pdf_sizes, preview)
    written = renderer.render_pages(writer, [page for page in pages if page.path not in reused])
    manifest.record(written, keys)
    return len(written)


def _search_index(site: Site, writer: StagedOutput, manifest: Manifest, unchanged: bool) -> None:
    """When no page changed, the current index is still right: link it instead of re-indexing, but only
    while every one of its files is as the last build wrote it (a hand edit, or a file added or removed
    there, must not survive the rebuild). A site that lists no report yet has nothing to search and
    gets no index (see build_search_index)."""
    if not site.reports:
        return
    if index := manifest.unchanged_folder("pagefind") if unchanged else {}:
        writer.link_each(index)
    else:
        build_search_index(writer.staging)


def _summary(fingerprint: str | None, made: _Made, problems: list[Problem], site: Site,
             checked_at: dt.datetime) -> dict[str, Any]:
    """What a rebuild with nothing to do reports again (see _unchanged), as JSON for the manifest, and
    when it must not (see _falls_due)."""
    deadline = next_deadline(site, checked_at)
    return {"fingerprint": fingerprint, "pages": made.pages, "pdfs": list(made.pdfs.sizes) if made.pdfs else None,
            "warnings": [[p.path, p.line, stored_message(p.message)] for p in problems if not p.is_error],
            "held": [[h.source_name, h.why, h.published.isoformat()] for h in _held(site)],
            "deadline": deadline.isoformat() if deadline else None}


def _swap(writer: StagedOutput, manifest: Manifest, summary: dict[str, Any], progress: Progress) -> None:
    """Make the staged site the output, then save what it was made from (with the hash of every file,
    for `Manifest.unchanged` to compare against next time)."""
    progress.stage(msg("progress.swap", "swapping in the new site"))
    files = manifest.tree(writer.staging)
    writer.commit()
    manifest.summary = {**summary, "files": files}
    manifest.save()
