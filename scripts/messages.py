"""Keep the message catalogues in step with the code (see reportsite/core/i18n.py).

Extracts every msg(code, "English …") of reportsite/ with Babel, as tests/test_messages.py does, and
prints, as .po entries, the messages that no catalogue of the language translates yet (append them
to the .po of that part of the code, e.g. reportsite/locale/zh_CN/LC_MESSAGES/content.po, and
write each msgstr), then the translations the code no longer uses (delete them):

    .venv/bin/python scripts/messages.py [--language zh_CN]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportsite.core.i18n import LOCALE_DIR, read_catalogue  # noqa: E402


def extracted() -> dict[tuple[str, str], str]:
    """(code, English) → file:line of every message in reportsite/."""
    found: dict[tuple[str, str], str] = {}
    for filename, lineno, message, _, context in extract_from_dir(
            ROOT / "reportsite", [("**.py", "python")], keywords={"msg": ((1, "c"), 2)}, comment_tags=()):
        found.setdefault((context, message), f"reportsite/{filename}:{lineno}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="zh_CN")
    language = parser.parse_args().language
    known = {(m.context, m.id): m for m in read_catalogue(LOCALE_DIR / language / "LC_MESSAGES") if m.id}
    code = extracted()
    missing = Catalog()
    for (context, message), where in sorted(code.items(), key=lambda item: item[1]):
        if (context, message) not in known or not known[(context, message)].string:
            missing.add(message, "", context=context, auto_comments=[where])
    out = io.BytesIO()
    write_po(out, missing, omit_header=True, width=100)
    print(out.getvalue().decode("utf-8"), end="")
    for context, message in sorted(set(known) - set(code)):
        print(f"# no longer used: msgctxt {context!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
