"""The Jinja environment shared by every renderer, and template faults as located problems."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from reportsite.config.load import SiteConfig
from reportsite.core.problems import Problem, display_path
from reportsite.core.i18n import msg


class TemplateProblem(Exception):
    """A template that does not parse or render, located by template file and line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickle with the problem, so a forked renderer's failure reaches the parent intact."""
        return type(self), (self.problem,)


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
    return Problem(shown, line, msg("template.error", "template error: {error} (fix the template, or delete it to "
                                    "use the built-in one)", error=str(getattr(exc, "message", None) or exc)))


def template_file(config: SiteConfig, name: str) -> Path | None:
    """The file a template name resolves to, the site's own before the built-in theme's."""
    return next((d / name for d in config.template_dirs if (d / name).is_file()), None)


def render_template(env: jinja2.Environment, config: SiteConfig, name: str, **context: Any) -> str:
    """Render one template; any fault in it becomes a TemplateProblem naming the template and line.

    Anything a template can raise counts (a division by zero in an expression, endless macro
    recursion), because the editor's fix is in the template either way.
    """
    try:
        return env.get_template(name).render(**context)
    except UnicodeDecodeError:
        path = template_file(config, name)
        shown = display_path(path, config.root) if path else name
        raise TemplateProblem(Problem(shown, None, msg("template.not_utf8", "template error: the template is not "
                                                       "UTF-8; save it as UTF-8 (or delete it to use the built-in "
                                                       "one)"))) from None
    except (jinja2.TemplateError, ArithmeticError, RecursionError, LookupError, TypeError, AttributeError,
            ValueError) as exc:
        raise TemplateProblem(_template_problem(exc, config)) from None
