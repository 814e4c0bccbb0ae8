"""Stage 5: the output writer (a staged folder swapped in atomically), the build cache, the
incremental-build manifest and the keys it compares.

May import reportsite.model, reportsite.config, reportsite.runtime and reportsite.core; never a
renderer (the pipeline joins the two).
"""
