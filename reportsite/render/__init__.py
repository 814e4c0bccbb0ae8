"""Stage 4: renderers from the site model to files: HTML pages, PDFs, feeds, search, charts, assets.

Renderers read only the model (never content/ again). May import reportsite.output (to write through
the staged folder and the cache), reportsite.model, reportsite.config, reportsite.runtime and reportsite.core.
"""
