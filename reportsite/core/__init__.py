"""Shared helpers every stage may use: messages (i18n), problems, slugs, identifiers, YAML reading,
fonts, the table allowlist, official numbering, dates, text decoding, digests and the clock.

Holds no stage of the pipeline. May import only the standard library and third-party packages,
never another part of reportsite.
"""
