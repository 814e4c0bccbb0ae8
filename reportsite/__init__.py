"""reportsite: a static site generator for Chinese government reports."""

__version__ = "0.1.0"
