"""Tools beside the build: the importer (legacy CMS pages → content files) and the link checker.

May import the stages below the pipeline (render excepted) and reportsite.core; never reportsite.pipeline
or reportsite.commands.
"""
