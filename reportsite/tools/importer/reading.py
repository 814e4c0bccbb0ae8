"""Reading one saved page's bytes, safely: whatever path an editor gives, or a folder holds.

A named pipe would wait forever for a writer, /dev/zero never ends, and a 2 GB video
named like a page would fill the memory of every worker; each is refused with one line
saying what it is, before anything is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from reportsite.core.i18n import Message, msg
from reportsite.core.problems import Problem, Problems

#: A saved report page is kilobytes, the largest with inline images a few MB; more is not a page.
MAX_PAGE_BYTES = 20 * 1024 * 1024
_DEVICE = msg("import.kind_device", "a device")
#: What a path that is not a regular file is, in the words of the message (stat test → name).
_NOT_FILES = ((stat.S_ISDIR, msg("import.kind_folder", "a folder")),
              (stat.S_ISFIFO, msg("import.kind_named_pipe", "a named pipe")),
              (stat.S_ISCHR, _DEVICE), (stat.S_ISBLK, _DEVICE), (stat.S_ISSOCK, msg("import.kind_socket", "a socket")))


def read_page(path: Path) -> bytes:
    """The saved page's bytes, or Problems saying why not. It is opened without blocking and
    checked before reading: its kind (a pipe, a device) and its size."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Problems([_unreadable(str(path), exc)]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((kind for test, kind in _NOT_FILES if test(info.st_mode)),
                        msg("import.kind_other", "something other than a file"))
            raise Problems([Problem(str(path), None, msg(
                "import.not_a_file", "cannot import {kind}: give the path of a page saved from the old site "
                                     "(an .html or .txt file)", kind=kind))])
        if info.st_size > MAX_PAGE_BYTES:
            raise Problems([Problem(str(path), None, too_large(info.st_size))])
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise Problems([_unreadable(str(path), exc)]) from None
    finally:
        os.close(fd)


def too_large(size: int) -> Message:
    """A file far bigger than any saved page: most likely a video or an archive given by mistake."""
    return msg("import.too_large", "the file is {size} MB, more than the {limit} MB a saved page can be; it is "
                                   "not a page (a video or an archive?): import the report's own .html or .txt",
               size=format(size / 1024 / 1024, ".1f"), limit=MAX_PAGE_BYTES // 1024 // 1024)


def _unreadable(name: str, exc: OSError) -> Problem:
    """Why a page could not be read, with what to do about the common causes."""
    hint: Message | str
    if exc.errno in (errno.EACCES, errno.EPERM):
        hint = msg("import.permission_denied",
                   "permission denied; make it readable (chmod u+r {name}) or import a copy you can read", name=name)
    elif exc.errno == errno.ENOENT:
        hint = msg("import.no_such_file", "no such file; check the path")
    elif exc.errno == errno.ELOOP:
        hint = msg("import.link_loop", "it is a link that leads back to itself; give the page itself, or "
                                       "remove the link")
    else:
        hint = str(exc.strerror or exc)  # the system's own words for a rarer cause
    return Problem(name, None, msg("import.unreadable", "cannot read the file: {reason}", reason=hint))
