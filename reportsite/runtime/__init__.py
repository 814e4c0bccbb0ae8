"""How the build runs, not what it builds: forked workers, executors (local processes or Dask),
signal handling and progress reporting.

May import reportsite.core only.
"""
