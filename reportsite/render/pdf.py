"""One print-ready PDF per report, laid out after GB/T 9704-2012 and rendered by WeasyPrint.

WeasyPrint costs about 40 ms a document plus 15 ms a page in a warm process and
much more in a cold one, so PDFs render in a pool of warm worker processes, and
a PDF whose inputs did not change is taken from the build cache instead.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2

from reportsite.core.clock import CST
from reportsite.core.digest import file_digest
from reportsite.core.fonts import CJK_FONT_PACKAGE, Coverage, installed_fonts, stack_faces
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems
from reportsite.model import Report, Site
from reportsite.render.annualtables import annual_tables_html
from reportsite.render.markup import make_markdown, render_markdown
from reportsite.render.ports import FileStore, StagedFolder
from reportsite.render.results import PdfStats, Written
from reportsite.render.templates import render_template
from reportsite.render.views import column, day_text
from reportsite.runtime.executors import ExecutorFactory, in_order, local_processes
from reportsite.runtime.progress import Progress, Silent

if TYPE_CHECKING:
    import weasyprint

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfJob:
    """Everything a worker needs to render one PDF: plain strings, so it pickles cheaply."""

    key: str
    html: str
    css: str
    base_url: str
    files_root: str | None = None  # the only folder images may come from: the report's own


def render_pdf(job: PdfJob) -> bytes:
    """Render one PDF; runs in a worker process. `finish_tags` fixes WeasyPrint's tagging of page
    numbers and header cells before the file is written."""
    from weasyprint import CSS, HTML

    from reportsite.render.pdftags import finish_tags

    return HTML(string=job.html, base_url=job.base_url, url_fetcher=_confined_fetcher(job.files_root)).write_pdf(
        stylesheets=[CSS(string=job.css)], pdf_variant=PDF_VARIANT, finisher=finish_tags)


def _confined_fetcher(root: str | None):  # type: ignore[no-untyped-def]
    """WeasyPrint's fetcher, limited to files inside the report's own folder.

    A body's `![](/etc/…)` or `![](../../secret.png)` must not put a file of the build machine
    into a published PDF, and nothing is fetched from the network, so a PDF depends on its
    inputs only. A refused image is left out, as a missing one is; `check` reports the link.
    """
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
            if not inside_folder(url, root):
                raise ValueError(f"only files in the report's folder go into its PDF, not {url}")
            return super().fetch(url, headers)

    return ConfinedFetcher()


def inside_folder(url: str, root: str | None) -> bool:
    """Whether ``url`` is a file: URL naming a file inside ``root`` (links resolved)."""
    parts = urlsplit(url)
    if root is None or parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    return Path(url2pathname(unquote(parts.path))).resolve().is_relative_to(Path(root).resolve())


def _warm_up() -> None:
    """Import WeasyPrint and load fonts once per worker, before the first real job."""
    render_pdf(PdfJob("", '<html lang="zh-CN"><title>预热</title><p>预热</p></html>', "", "."))


def prints(char: str) -> bool:
    """Whether a character puts ink on the page, so that a font must have it.

    Only white space, controls and invisible format characters (Cc, Cf, Zl, Zp) are exempt.
    Private-use characters (造字, U+E000…) and characters newer than Python's Unicode tables (CJK
    Extension H reads as unassigned, Cn) print as empty boxes when no font has them."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs")


def signature_date(day: dt.date) -> str:
    """GB/T 9704 dates: Arabic numerals without padding, e.g. 2024年1月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


def pdf_date(moment: dt.datetime) -> str:
    """A report's date for `<meta name=dcterms.…>`: Beijing time, the zone front matter is written in,
    with its offset. WeasyPrint copies it into the XMP and writes `+08'00` (ISO 32000-1's form) in the
    Info dictionary; with a `Z`, or no offset, which PDF takes as UTC, the dates were eight hours off.
    A bare day (the issued date) is its midnight in Beijing, so CreationDate never follows ModDate."""
    return moment.replace(tzinfo=CST).isoformat(timespec="minutes")


def printed_text(job: PdfJob, stylesheet: weasyprint.CSS) -> dict[tuple[str, ...], str]:
    """The text a PDF prints, by the font families WeasyPrint's own cascade gives it: a 一、 heading
    is drawn with the hei stack, the title with the title stack, code with the UA's monospace.
    Text that is not displayed (<head>) is left out; the literal strings of ::before and ::after
    count too. The page-number boxes are not read: they print only the template's digits and dashes.
    `stylesheet` is job.css parsed, once per build: parsing it is a sixth of the time."""
    from weasyprint import HTML
    from weasyprint.css import get_all_computed_styles

    document = HTML(string=job.html, base_url=job.base_url, url_fetcher=_confined_fetcher(job.files_root))
    style_for = get_all_computed_styles(document, [stylesheet])
    text: dict[tuple[str, ...], list[str]] = {}

    def add(style, *runs: str | None) -> None:  # type: ignore[no-untyped-def]
        text.setdefault(tuple(style["font_family"]), []).extend(run for run in runs if run)

    def visit(element) -> None:  # type: ignore[no-untyped-def]
        style = style_for(element)
        if style is None or style["display"] == ("none",):  # comments have no style
            return
        add(style, element.text)
        for pseudo in ("before", "after"):
            if (generated := style_for(element, pseudo)) is not None and isinstance(generated["content"], tuple):
                add(generated, *(value for kind, value in generated["content"] if kind == "string"))
        for child in element:
            visit(child)
            add(style, child.tail)

    visit(document.etree_element)
    return {families: "".join(runs) for families, runs in text.items()}


def line_of_character(report: Report, char: str) -> int | None:
    """The first line of the report's file that holds `char`, so the editor can find it."""
    for number, line in enumerate(report.source.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if char in line:
            return number
    return None


def no_font_message(char: str, role: str | None, families: tuple[str, ...]) -> Message:
    """What is wrong and the fix: a font in the role's stack, or in the body stack, which every role
    falls back to (see FontStacks.css)."""
    unicode = f"U+{ord(char):04X}"
    if role == "body":
        return msg("pdf.glyph_not_in_body_fonts", 'the character "{char}" ({unicode}) is in no font of the PDF body '
                   "stack; install a font that has it and add it to pdf.fonts.body in config.yaml, or replace the "
                   "character", char=char, unicode=unicode)
    if role is not None:
        return msg("pdf.glyph_not_in_role_fonts", 'the character "{char}" ({unicode}) is in no font of the PDF {role} '
                   "stack nor the body stack it falls back to; install a font that has it and add it to "
                   "pdf.fonts.{role} (or pdf.fonts.body) in config.yaml, or replace the character",
                   char=char, unicode=unicode, role=role)
    return msg("pdf.glyph_not_in_fonts", 'the character "{char}" ({unicode}) is in no installed font the PDF draws it '
               "with ({fonts}); install a font that has it, or replace the character",
               char=char, unicode=unicode, fonts=", ".join(families))


def pdf_path(report: Report) -> str:
    """Where a report's PDF is in the site: beside its page."""
    return report.path + report.pdf_name


@dataclass
class _Batch:
    """What one `render_all` learns as it goes, kept apart from the renderer so that a renderer
    holds nothing that changes while it works."""

    uncached: dict[str, bytes] = field(default_factory=dict)  # PDFs the cache could not take, by key
    late: int = 0  # PDFs whose cache entry went away between looking and copying


class PdfRenderer:
    """Builds PDF jobs from the site model, renders what the cache lacks, writes all PDFs.

    Which PDF is made from what (its key, see output.keys.pdf_key) and which ones the current output
    already holds are the output stage's to say: `render_all` is told both."""

    def __init__(self, site: Site, env: jinja2.Environment, cache: FileStore, workers: int | None = None,
                 progress: Progress | None = None, clean: bool = False,
                 executor: ExecutorFactory | None = None) -> None:
        self.site = site
        self.env = env
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.remote = executor is not None
        self.executor = executor or local_processes(self.workers, _warm_up)
        self.progress = progress or Silent()
        self.clean = clean
        self.markdown = make_markdown(typeset=True)
        self.css = render_template(env, site.config, "pdf/report.css", fonts=site.config.fonts.css())
        self.installed = installed_fonts()
        self.coverage = Coverage(self.installed)  # cmaps read once per build, not per report
        faces = sorted({face for _, stack in site.config.fonts.stacks for face in stack_faces(stack, self.installed)})
        sources = "".join(env.loader.get_source(env, name)[0] for name in ("pdf/report.html", "pdf/report.css")) \
            if env.loader else ""
        #: What every PDF is made from besides its report: the templates, the CSS, and the font files by
        #: path and size, so that a font upgrade re-renders every PDF.
        self.shared = (sources, self.css, *(f"{face.file}:{face.index}:{face.file.stat().st_size}" for face in faces))

    def job(self, report: Report, key: str) -> PdfJob:
        body = render_markdown(self.markdown, report.body.read(), annual_tables_html(report.annual))
        signature = {"signer": report.signer, "date": signature_date(report.signed or report.issued)} \
            if report.signer else None
        html = render_template(
            self.env, self.site.config, "pdf/report.html", report=report, body=body.html, signature=signature,
            issued=day_text(report.issued), column=column(report),
            created=pdf_date(dt.datetime.combine(report.issued, dt.time())), modified=pdf_date(report.published))
        folder = report.folder or report.source.parent
        return PdfJob(key, html, self.css, folder.as_uri() + "/", str(report.folder) if report.folder else None)

    def missing_glyphs(self, pending: list[tuple[Report, PdfJob]]) -> list[Problem]:
        """Characters no font of the stack that draws them has, which would print as empty boxes."""
        fonts = self.site.config.fonts
        if not stack_faces(fonts.stack("body"), self.installed):
            names = ", ".join(fonts.stack("body"))
            return [Problem("config.yaml", None, msg(
                "pdf.no_body_font", "no font of the PDF body stack ({fonts}) is installed; install Debian's "
                "{package} (apt-get install {package}) or list an installed CJK font under pdf.fonts.body in "
                "config.yaml", fonts=names, package=CJK_FONT_PACKAGE))]
        from weasyprint import CSS

        stylesheet = CSS(string=self.css)
        problems = []
        for report, job in pending:
            missing: dict[str, tuple[str, ...]] = {}
            for families, text in printed_text(job, stylesheet).items():
                for char in self.coverage.missing(families, {char for char in text if prints(char)}):
                    missing.setdefault(char, families)
            problems += sorted((Problem(report.source_name, line_of_character(report, char),
                                        no_font_message(char, fonts.role_of(families), families))
                                for char, families in missing.items()), key=lambda p: (p.line or 0, str(p)))
        return problems

    def check_glyphs(self) -> list[Problem]:
        """The glyph check alone, for `check`, which makes no PDF: the same text the PDF would print."""
        return self.missing_glyphs([(report, self.job(report, "")) for report in self.site.reports])

    def render_all(self, writer: StagedFolder, keys: Mapping[str, str],
                   reused: Mapping[str, Path]) -> tuple[PdfStats, Written]:
        """Every report's PDF: `keys` by its path in the site, `reused` the current output's files that
        the output stage puts into the new site itself. Only the PDFs the cache lacks are rendered."""
        keyed = [(report, keys[pdf_path(report)]) for report in self.site.reports]
        cached = {key for _, key in keyed if not self.clean and self.cache.readable("pdf", key, ".pdf")}
        pending = [(report, self.job(report, key)) for report, key in keyed if key not in cached]
        if pending and (problems := self.missing_glyphs(pending)):
            raise Problems(problems)
        self.progress.stage(msg("progress.pdfs", "rendering PDFs ({reused} reused)", reused=len(keyed) - len(pending)),
                            len(pending))
        batch = _Batch()
        self._render(batch, [job for _, job in pending])
        written = {pdf_path(report): self._publish(batch, writer, report, key)
                   for report, key in keyed if pdf_path(report) not in reused}
        sizes = tuple((report.path, (written.get(pdf_path(report)) or reused[pdf_path(report)]).stat().st_size)
                      for report, _ in keyed)
        rendered = len(pending) + batch.late
        stats = PdfStats(rendered, len(keyed) - rendered, sizes, self._cache_off(batch))
        return stats, {relpath: file_digest(target) for relpath, target in written.items()}

    def _cache_off(self, batch: _Batch) -> Message | None:
        if not batch.uncached:
            return None
        return msg("pdf.cache_not_writable", "the build cache {folder} cannot be written (full or read-only), "
                   "so {count} PDF(s) were written straight into the site and will be rendered again next "
                   "time; free space or make the folder writable", folder=str(self.cache.root),
                   count=len(batch.uncached))

    def _publish(self, batch: _Batch, writer: StagedFolder, report: Report, key: str) -> Path:
        """Put one PDF into the staged site: the cache entry is copied, never linked, so that nothing
        done to the published file can corrupt the cache. An entry that went away since `render_all`
        looked (another build into another folder pruned it) is rendered here: the cache only saves time."""
        relpath = pdf_path(report)
        entry = None if key in batch.uncached else self.cache.open("pdf", key, ".pdf")
        if entry is not None:
            with entry:
                return writer.copy(entry, relpath)
        data = batch.uncached.get(key)
        if data is None:
            data = render_pdf(self.job(report, key))
            self._keep(batch, key, data)
            batch.late += 1
        return writer.write_bytes(relpath, data)

    def _render(self, batch: _Batch, jobs: list[PdfJob]) -> None:
        """Render through the executor (warm local workers or a cluster); one local PDF renders here."""
        if not self.remote and (len(jobs) <= 1 or self.workers <= 1):
            self._cache_each(batch, jobs, map(render_pdf, jobs))
            return
        with self.executor(len(jobs)) as pool:
            self._cache_each(batch, jobs, in_order(pool, render_pdf, jobs))

    def _cache_each(self, batch: _Batch, jobs: list[PdfJob], results: Iterable[bytes]) -> None:
        """Cache each PDF as it arrives, and count it for the progress bar."""
        for job, data in zip(jobs, results):
            self._keep(batch, job.key, data)
            self.progress.advance()

    def _keep(self, batch: _Batch, key: str, data: bytes) -> None:
        """A rendered PDF goes into the cache, or, when the cache cannot take it, stays in memory to
        be written straight into the site."""
        if not self.cache.put("pdf", key, data, ".pdf"):
            batch.uncached[key] = data
