"""Stage 4: renderers from the site model to files: HTML pages, PDFs, feeds, search, charts, assets.

Renderers read only the model (never content/ again: a report's body comes through its lazy handle)
and write into whatever staged folder the pipeline hands them. May import reportsite.model,
reportsite.config, reportsite.runtime and reportsite.core; never reportsite.output (the pipeline
joins the two) nor reportsite.content.
"""
