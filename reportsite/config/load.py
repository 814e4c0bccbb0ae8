"""Stage 1's entry: the file config.yaml → a SiteConfig and every problem in it, as values.

A config that cannot be read at all (missing, a folder, not UTF-8, not YAML) gives no SiteConfig;
one with wrong values gives a SiteConfig made with the defaults, beside the errors. Either way the
caller decides whether to go on: this stage never raises for what an editor wrote.
"""

from __future__ import annotations

from pathlib import Path

from reportsite.config.model import (BUILTIN_ROOT, CACHE_DIR, DEFAULT_COLUMN_TYPE, FAVICON_TYPES, UPDATED_FROM,
                                     Footer, Publisher, Revisions, SiteConfig)
from reportsite.config.read import site_config
from reportsite.core.i18n import msg
from reportsite.core.problems import Problem, display_path
from reportsite.core.yamlread import YamlMapping, YamlProblem, parse_mapping

# What callers imported from here before the model moved to config/model.py.
__all__ = ["BUILTIN_ROOT", "CACHE_DIR", "DEFAULT_COLUMN_TYPE", "FAVICON_TYPES", "UPDATED_FROM", "Footer",
           "Publisher", "Revisions", "SiteConfig", "read_config"]


def read_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and check config.yaml: its SiteConfig (None when it cannot be read) and every problem.
    A None config always comes with an error, so "any error" is the one test a caller needs."""
    shown = display_path(path, Path.cwd())
    mapping = _mapping(path, shown)
    if isinstance(mapping, Problem):
        return None, [mapping]
    return site_config(path.resolve().parent, shown, mapping.data, mapping.nested_lines)


def _mapping(path: Path, shown: str) -> YamlMapping | Problem:
    """The file's YAML mapping, or the one problem that stops it being read."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            return Problem(shown, None, msg("config.path_not_regular", "the config path is not a regular file (a pipe "
                                                                       "or device); pass the config file with --config "
                                                                       "PATH/config.yaml"))
        return parse_mapping(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Problem(shown, None, msg("config.not_found",
                                        "config file not found (pass --config PATH or create config.yaml)"))
    except UnicodeDecodeError:
        return Problem(shown, None, msg("config.not_utf8", "config file is not UTF-8 (save it as UTF-8)"))
    except IsADirectoryError:
        return Problem(shown, None, msg("config.path_is_folder", "the config path is a folder, not a file; pass the "
                                                                 "config file with --config PATH/config.yaml"))
    except YamlProblem as exc:
        return Problem(shown, exc.line, exc.message)
    except OSError as exc:
        return Problem(shown, None, msg("config.unreadable", "cannot read the config file ({reason}); make it readable "
                                                             "(chmod a+r) and build again", reason=exc.strerror))
