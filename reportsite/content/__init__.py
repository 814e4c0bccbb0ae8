"""Stage 2: content/ → validated report entries: finding the files, decoding them, reading and
checking their front matter, attachments and metrics, and the git history of each file.

Bodies are read and checked here, once. May import reportsite.config and reportsite.core.
"""
