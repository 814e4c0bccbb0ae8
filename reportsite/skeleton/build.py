#!/usr/bin/env python3
"""This site's commands: `python build.py` builds it into output/, `python build.py new --title …`
starts a report, `python build.py check` checks everything, `python build.py serve` previews it.

Written by `python build.py init`. The work is done by reportsite, so run this with the Python of
reportsite's set-up: activate its .venv first (`source /path/to/reportsite/.venv/bin/activate`),
or run `/path/to/reportsite/.venv/bin/python build.py`.
"""

import sys

try:
    from reportsite.commands import main
except ImportError:
    sys.exit("build.py: " + sys.executable + " cannot import reportsite; activate reportsite's .venv "
             "(source /path/to/reportsite/.venv/bin/activate) or run /path/to/reportsite/.venv/bin/python build.py")

if __name__ == "__main__":
    sys.exit(main())
