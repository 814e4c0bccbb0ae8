"""Reading content/: files → validated entries, with every problem collected.

Editors save files from Word, WeChat and old CMSs, so this stage expects GBK,
BOMs, CRLF, tabs and typos, and turns each into a message naming the file, the
line and the fix. It never stops at the first problem: one run lists them all.
The checks live in the modules named for what they check; this one runs them in order.
"""

from __future__ import annotations

from pathlib import Path

from reportsite.config.model import SiteConfig
from reportsite.content import fields as check
from reportsite.content.annual import annual_tables
from reportsite.content.annualfit import fit_problems
from reportsite.content.attachments import attachments, folder_files
from reportsite.content.characters import shown
from reportsite.content.decode import Unreadable, read_parts
from reportsite.content.discover import NEW_SITE_MARKER, Location, find_report_files, location
from reportsite.content.entry import Body, Entry
from reportsite.content.fields import Fields
from reportsite.content.metrics import metrics
from reportsite.content.schema import STATUSES, is_slug
from reportsite.content.unfinished import undefined_footnotes, unfinished
from reportsite.core.digest import content_key
from reportsite.core.i18n import msg
from reportsite.core.identifiers import doc_no_problem
from reportsite.core.problems import Problem, Severity, display_path, has_errors
from reportsite.core.yamlread import YamlProblem, parse_mapping


def read_content(config: SiteConfig) -> tuple[list[Entry], list[Problem]]:
    """Every report under content/, and every problem in any of them, in file order."""
    if not config.content_dir.is_dir():
        return [], [Problem(display_path(config.content_dir, config.root), None, msg(
            "content.no_content_folder",
            "the content folder does not exist; create it and add reports with `python build.py new`"))]
    paths, problems = find_report_files(config.content_dir)
    reports: list[Entry] = []
    for path in paths:
        report, found = read_report(path, config)
        problems.extend(found)
        if report:
            reports.append(report)
    if not paths and not problems and not (config.content_dir / NEW_SITE_MARKER).is_file():
        problems.append(Problem(display_path(config.content_dir, config.root), None, msg(
            "content.no_reports", "holds no reports, so the build would replace the site with an empty one; "
                                  "add a report with `python build.py new` (or check you are in the right folder)")))
    return reports, problems


def read_report(path: Path, config: SiteConfig) -> tuple[Entry | None, list[Problem]]:
    """Read one report file; on any error return None and every problem in it."""
    name = display_path(path, config.root)
    where = location(path, config.content_dir)
    if where is None:
        return None, [Problem(name, None, msg("content.misplaced", "reports go in content/<year>/<slug>.md or "
                                              "content/<year>/<slug>/index.md; move the file into a four-digit "
                                              "year folder"))]
    fields = Fields(name, config.root, {}, {})
    if not is_slug(where.slug):
        fields.error(None, msg("content.name_not_url", 'the file name "{name}" cannot be a URL: rename it with '
                                                       "lower-case letters, digits and hyphens only, "
                                                       "e.g. badou-key-work.md", name=where.slug))
    try:
        parts = read_parts(path)
    except Unreadable as unreadable:
        return None, fields.problems + [Problem(name, unreadable.line, unreadable.message)]
    try:
        mapping = parse_mapping(parts.front, first_line=2, what=msg("content.front_matter", "front matter"))
    except YamlProblem as exc:
        return None, fields.problems + [Problem(name, exc.line, exc.message)]
    fields.data, fields.lines, fields.texts = mapping.data, mapping.lines, mapping.texts
    fields.item_lines, fields.nested_lines = mapping.item_lines, mapping.nested_lines
    report = _validate(fields, config, where, parts.body, parts.body_line, path)
    problems = sorted(fields.problems, key=lambda p: p.line or 0)
    return (None if has_errors(problems) else report), problems


def _validate(fields: Fields, config: SiteConfig, where: Location, body: str, body_line: int,
              path: Path) -> Entry | None:
    """Every check of one file, in the order its problems are best read; the entry if none is an error."""
    check.check_keys(fields)
    issued = check.date(fields, "issued") if fields.given("issued") else None
    published = check.date(fields, "published", allow_time=True) if fields.given("published") else issued
    if issued and published and published.date() < issued.date():
        fields.error("published", msg("content.published_before_issued", "发布日期 {published} is before 发文日期 "
                                      "{issued}; a report cannot be published before it is issued; check both dates",
                                      published=published.date().isoformat(), issued=issued.date().isoformat()))
    publisher = check.publisher(fields, config)
    signed = check.date(fields, "signed") if fields.given("signed") else None
    status = _status(fields)
    doc_no = fields.text("doc_no")
    if doc_no and (advice := doc_no_problem(doc_no)):
        fields.error("doc_no", advice, Severity.WARNING)
    if not body.strip():
        fields.problems.append(Problem(fields.name, body_line, msg(
            "content.no_body", "the report has no text after the front matter; add the body")))
    fields.problems += undefined_footnotes(fields.name, body, body_line)
    fields.problems += unfinished(fields, body, body_line)
    year = check.year(fields, where.year, issued)
    values = dict(
        draft=check.flag(fields, "draft"), changes=check.changes(fields),
        year=year, title=fields.text("title"), publisher=publisher, metrics=metrics(fields, year),
        index_no=check.index_no(fields, config, publisher), doc_no=doc_no,
        series=fields.text("series"), category=fields.text("category"), keywords=check.keywords(fields),
        summary=fields.text("summary"), attachments=attachments(fields, where.folder), status=status,
        files=folder_files(fields, where.folder, where.slug, path),
        signer=fields.text("signer"), signed=signed.date() if signed else None,
        annual=annual_tables(fields, config.annual_report.strict),
    )
    if values["annual"]:
        fit_problems(fields, values["annual"], year, values["category"], body, body_line)  # type: ignore[arg-type]
    if issued is None or published is None or has_errors(fields.problems):
        return None
    return Entry(
        source=path, source_name=fields.name, folder=where.folder, slug=where.slug,
        issued=issued.date(), published=published, body=Body(path, fields.name, body_line, content_key(body)),
        key_lines=tuple(fields.lines.items()), **values,
    )


def _status(fields: Fields) -> str:
    """效力状况, 有效 unless the editor writes otherwise."""
    status = fields.text("status") or "有效"
    if status not in STATUSES:
        fields.error("status", msg("content.status_unknown", '效力状况 (`status`) "{value}" must be 有效 or 废止; '
                                                             "write one of them", value=shown(status)))
    return status
