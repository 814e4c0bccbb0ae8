"""Stage 2: content/ → validated report entries, with every problem in them as values.

`read` runs the stage: `discover` finds the report files, `decode` turns their bytes into front
matter and body, `fields`, `attachments`, `metrics` and `unfinished` check what they say against
`schema`, the one schema of a front matter, and `entry` is what the stage hands the model.
`history` reads each file's git history. Bodies are read and checked here, once.

May import reportsite.config and reportsite.core.
"""
