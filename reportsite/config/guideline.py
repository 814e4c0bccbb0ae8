"""What 《政府网站发展指引》 (国办发〔2017〕47号) requires every 政府网站's footer to show, checked by `check`.

A site may build without these (a new site waits weeks for its 网站标识码 and filing numbers), so a
gap is a warning, told by `check` only: the build stays quiet, and an editor running `check` before
publishing learns which line of config.yaml to fill in.
"""

from __future__ import annotations

from pathlib import Path

from reportsite.config.load import read_config
from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Severity, display_path
from reportsite.core.yamlread import YamlProblem, parse_mapping


def _required(key: str, item: str, example: str) -> Message:
    return msg("footer.required_missing", "`{key}` is empty: 政府网站 must show their {item} in the footer "
                                          "(国办发〔2017〕47号); add `{example}`", key=key, item=item, example=example)


def guideline_warnings(path: Path) -> list[Problem]:
    """A warning for each required footer item the config leaves empty, on the line of its section
    (the key itself is not written), or of the file's first line when the section is missing too."""
    config, problems = read_config(path)
    if config is None or any(p.is_error for p in problems):
        return []  # the build reports the config's errors; these would only add noise
    try:
        lines = parse_mapping(path.read_text(encoding="utf-8")).nested_lines
    except (OSError, UnicodeDecodeError, YamlProblem):
        return []
    footer = config.footer
    gaps = [("site.id_code", config.id_code, _required("site.id_code", "网站标识码", 'id_code: "3703040001"')),
            ("footer.icp", footer.icp, _required("footer.icp", "ICP备案号", "icp: 鲁ICP备12345678号")),
            ("footer.sponsor", footer.sponsor, _required("footer.sponsor", "主办单位", "sponsor: 博山区八陡镇人民政府")),
            ("footer.badge", footer.badge, msg(
                "footer.badge_missing", "`footer.badge` is empty: 政府网站 must show the 党政机关网站标识 in the footer "
                                        "(国办发〔2017〕47号); save the image issued with it beside config.yaml and add "
                                        "`badge: 党政机关标识.png`, and `badge_id: …` with the id of its "
                                        "bszs.conac.cn page for its link"))]
    shown = display_path(path, Path.cwd())
    return [Problem(shown, lines.get(key) or lines.get(key.split(".")[0]) or 1, message, Severity.WARNING)
            for key, value, message in gaps if not value]
