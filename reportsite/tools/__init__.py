"""Tools beside the build: the importer (legacy CMS pages → content files) and the link checker
(built pages → broken links, named by their line in the report file).

May import any stage below the pipeline and reportsite.core; never reportsite.pipeline
or reportsite.commands.
"""
