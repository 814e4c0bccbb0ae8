"""The Jinja environment shared by every renderer, template faults as located problems, and the
templates' sources that the output stage keys pages by."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from reportsite.config.model import SiteConfig
from reportsite.core.problems import Problem, Problems, display_path
from reportsite.core.i18n import msg


def make_environment(config: SiteConfig) -> jinja2.Environment:
    """Site templates override the built-in theme file by file; HTML is escaped, CSS is not."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in config.template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template_problem(exc: Exception, config: SiteConfig) -> Problem:
    """Name the template file and line of a template fault, whatever Jinja raised."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not name:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".css", ".xml"))]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
    shown = display_path(Path(name), config.root) if name else "templates"
    if isinstance(exc, jinja2.UndefinedError) and "'site' is undefined" in str(exc):
        return Problem(shown, line, msg("template.site_renamed", "template error: templates now receive the site's "
                                        "settings as `config`, not `site`; rename `site.` to `config.` in this "
                                        "template (or delete it to use the built-in one)"))
    return Problem(shown, line, msg("template.error", "template error: {error} (fix the template, or delete it to "
                                    "use the built-in one)", error=str(getattr(exc, "message", None) or exc)))


def template_file(config: SiteConfig, name: str) -> Path | None:
    """The file a template name resolves to, the site's own before the built-in theme's."""
    return next((d / name for d in config.template_dirs if (d / name).is_file()), None)


def render_template(env: jinja2.Environment, config: SiteConfig, name: str, /, **context: Any) -> str:
    """Render one template; any fault in it is raised as Problems naming the template and line.

    Anything a template can raise counts (a division by zero in an expression, endless macro
    recursion), because the editor's fix is in the template either way.
    """
    try:
        return env.get_template(name).render(**context)
    except UnicodeDecodeError:
        path = template_file(config, name)
        shown = display_path(path, config.root) if path else name
        raise Problems([Problem(shown, None, msg("template.not_utf8", "template error: the template is not UTF-8; "
                                                 "save it as UTF-8 (or delete it to use the built-in one)"))]) from None
    except (jinja2.TemplateError, ArithmeticError, RecursionError, LookupError, TypeError, AttributeError,
            ValueError) as exc:
        raise Problems([_template_problem(exc, config)]) from None


def template_sources(env: jinja2.Environment, names: Iterable[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each template's source and the names it extends or includes, and theirs in turn, so that the
    output stage can key a page by every template file it is made from. A template that cannot be read
    or parsed counts as empty: rendering it reports the fault with its file and line."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            used = tuple(sorted(n for n in meta.find_referenced_templates(env.parse(source)) if n))
        except (jinja2.TemplateError, UnicodeDecodeError):
            source, used = "", ()
        found[name] = (source, used)
        waiting += used
    return found
