#!/usr/bin/env python3
"""Build the site: `python build.py` (see README.md). All the work is in the reportsite package."""

import sys

from reportsite.commands import main

if __name__ == "__main__":
    sys.exit(main())
