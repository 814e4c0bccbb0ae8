"""A report folder's files: the attachments its front matter lists, and every file published beside its page.

Everything in a report folder is copied to the site, so each file is checked here, before
anything is written: one that could run script, would replace a generated file, links out of
the folder or cannot be read stops the build with its name instead of being copied (or
dropped) without a word.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from reportsite.content.characters import has_hidden_character, shown
from reportsite.content.entry import Attachment
from reportsite.content.fields import Fields
from reportsite.content.schema import pdf_name
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, display_path

_ATTACHMENT_EXAMPLE = "- {file: 附件1.pdf, title: 附件1}"
# What a report folder may publish: documents, spreadsheets, slides, archives and raster images.
# HTML, SVG, XML and scripts are left out on purpose: served from the site's own address they
# could run script, which no content may do.
PUBLISHABLE_SUFFIXES = frozenset(
    ".pdf .ofd .doc .docx .wps .rtf .odt .txt .csv .xls .xlsx .et .ods .ppt .pptx .dps .odp "
    ".zip .rar .7z .png .jpg .jpeg .gif .webp".split())
_SCRIPTABLE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".js", ".mjs")
# Files an editor's computer leaves behind, never published and never worth a message.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
#: Characters that change what an attachment link means: a scheme (`javascript:`), a fragment or a query.
_URL_SPECIAL_RE = re.compile(r"[:#?\\]")


def attachments(fields: Fields, folder: Path | None) -> tuple[Attachment, ...]:
    """Attachments must sit inside the report's own folder, so the site never exposes other files."""
    raw = fields.data.get("attachments") or []
    if not raw:
        return ()
    if folder is None:
        fields.error("attachments", msg("content.attachments_need_folder", "attachments need a report folder: move "
                                        "this file to content/<year>/<slug>/index.md and put the files beside it"))
        return ()
    if not isinstance(raw, list):
        fields.error("attachments", msg("content.attachments_not_list", "附件 (`attachments`) must be a list of "
                                        "`- file: …` / `title: …` entries, e.g. {example}",
                                        example=_ATTACHMENT_EXAMPLE))
        return ()
    found = (_attachment(fields, folder, entry) for entry in fields.each_item("attachments", raw))
    return tuple(item for item in found if item)


def _attachment(fields: Fields, folder: Path, entry: Any) -> Attachment | None:
    if not isinstance(entry, dict) or not entry.get("file"):
        fields.error("attachments", msg("content.attachment_entry", "each attachment needs `file:` (and `title:`), "
                                        "e.g. {example}", example=_ATTACHMENT_EXAMPLE))
        return None
    unknown = sorted(str(k) for k in set(entry) - {"file", "title"})
    if unknown:
        fields.error("attachments", msg("content.attachment_unknown_field", "unknown attachment field `{field}` "
                                        "(use file and title, e.g. {example})",
                                        field=shown(unknown[0]), example=_ATTACHMENT_EXAMPLE))
    if isinstance(entry["file"], (dict, list, bool)):
        fields.error("attachments", msg("content.attachment_file_not_one", "`file:` of an attachment must be one "
                                        "file name, e.g. {example}", example=_ATTACHMENT_EXAMPLE))
        return None
    name = str(entry["file"]).strip()
    if problem := _attachment_name_problem(name, folder, fields.root):
        fields.error("attachments", problem)
        return None
    title = entry.get("title") or Path(name).stem
    if isinstance(title, (dict, list, bool)):
        fields.error("attachments", msg("content.attachment_title_not_text",
                                        'the title of attachment "{name}" must be plain text', name=shown(name)))
        return None
    title = fields.visible("attachments", str(title).strip(),
                           msg("content.attachment_title", 'the title of attachment "{name}"', name=shown(name)))
    return Attachment(name, title, (folder / name).stat().st_size)


def _attachment_name_problem(name: str, folder: Path, root: Path) -> Message | None:
    """Why `name` cannot be published as an attachment link, or None when it can.

    The name becomes a relative link on the page, so a `:` would make it a
    scheme (`javascript:…`) and `#` or `?` would cut it short.
    """
    quoted = shown(name)
    if has_hidden_character(name):
        return msg("content.attachment_control_character", 'attachment "{name}" has a control or invisible character '
                                                           "in its name; rename the file", name=quoted)
    target = folder / name
    try:
        inside = target.resolve().is_relative_to(folder.resolve())
        if Path(name).is_absolute() or ".." in Path(name).parts or not inside:
            return msg("content.attachment_outside", 'attachment "{name}" is outside the report\'s folder; '
                                                     "copy it into the folder and give its name only", name=quoted)
        if _URL_SPECIAL_RE.search(name):
            return msg("content.attachment_special_characters", 'attachment "{name}" has `:`, `#`, `?` or `\\` in its '
                                                                "name, which breaks its link; rename the file without "
                                                                "them", name=quoted)
        if target.is_dir():
            return msg("content.attachment_is_folder", 'attachment "{name}" is a folder, not a file; list each file in '
                                                       "it as its own attachment (or zip the folder)", name=quoted)
        if not target.is_file():
            return msg("content.attachment_missing", 'attachment "{name}" does not exist in {folder}; '
                                                     "check the file name or add the file",
                       name=quoted, folder=display_path(folder, root))
    except OSError as exc:
        return msg("content.attachment_unreadable", 'attachment "{name}" cannot be read ({reason}); '
                                                    "check the file name", name=quoted, reason=exc.strerror)
    return None


def folder_files(fields: Fields, folder: Path | None, slug: str, source: Path) -> tuple[str, ...]:
    """The files of a report folder that are published beside its page, as relative names; each one
    that cannot be is a problem on its own path."""
    if folder is None:
        return ()
    names = []
    for path in _folder_walk(folder):
        name = path.relative_to(folder).as_posix()
        if path == source or any(part.startswith(".") for part in Path(name).parts) \
                or path.name.lower() in _JUNK_NAMES:
            continue
        if problem := _folder_file_problem(path, name, folder, slug):
            fields.problems.append(Problem(display_path(path, fields.root), None, problem))
        else:
            names.append(name)
    return tuple(names)


def _folder_walk(folder: Path) -> list[Path]:
    """Every file below a report folder, sorted; a folder that cannot be listed counts as a file
    so that its problem is reported."""
    found: list[Path] = []
    for parent, dirs, files in os.walk(folder, onerror=lambda e: found.append(Path(e.filename))):
        found += [Path(parent, name) for name in files]
        found += [Path(parent, d) for d in dirs if Path(parent, d).is_symlink()]
    return sorted(found)


def _folder_file_problem(path: Path, name: str, folder: Path, slug: str) -> Message | None:
    """Why a file in a report folder cannot be published, or None."""
    try:
        if not path.resolve().is_relative_to(folder.resolve()):
            return msg("content.link_outside_folder", "this link points outside the report's folder; "
                                                      "copy the file itself into the folder")
        if not path.is_file():
            return msg("content.folder_entry_not_file", "this is not a regular file (a folder link, pipe or broken "
                                                        "link); replace it with the file")
        with path.open("rb"):
            pass
    except (OSError, RuntimeError) as exc:
        return msg("content.folder_file_unreadable", "cannot read this file ({reason}); make it readable (chmod a+r)",
                   reason=str(getattr(exc, "strerror", None) or exc))
    return _suffix_problem(path.suffix.lower()) or _reserved_name_problem(name, slug)


def _suffix_problem(suffix: str) -> Message | None:
    """Why files of this type are not published from a report folder, or None when they are."""
    if suffix in _SCRIPTABLE_SUFFIXES:
        return msg("content.file_could_run_code", "{suffix} files are not published because they could run code on "
                                                  "the site; convert it to PDF (or PNG for an image), or move it out "
                                                  "of the report's folder", suffix=suffix)
    if suffix not in PUBLISHABLE_SUFFIXES:
        kind = (msg("content.suffix_files", "{suffix}", suffix=suffix) if suffix
                else msg("content.no_extension", "files without an extension"))
        return msg("content.file_type_not_published", "{kind} cannot be published from a report folder; only "
                   "documents (PDF, OFD, Word, WPS, Excel, slides, TXT, CSV), archives (ZIP, RAR, 7z) and "
                   "images (PNG, JPEG, GIF, WebP) are; convert it or move it out of the folder", kind=kind)
    return None


def _reserved_name_problem(name: str, slug: str) -> Message | None:
    """A file the build would overwrite with one it makes itself."""
    if name == pdf_name(slug):
        return msg("content.pdf_name_taken", "{name} is the name of the PDF the build makes from this report; "
                                             "rename this file", name=name)
    return None
