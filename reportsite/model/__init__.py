"""Stage 3: the site model built from the content stage's entries: reports, years, series, publishers,
as frozen data that the renderers read and never change.

May import reportsite.content, reportsite.config and reportsite.core.
"""
