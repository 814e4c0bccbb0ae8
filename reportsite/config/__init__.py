"""Stage 1: config.yaml → a frozen SiteConfig, with every problem in it as values.

May import reportsite.core only.
"""
