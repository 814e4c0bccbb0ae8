"""What a renderer hands back, as plain values the pipeline passes on: the HTML pages show the PDFs'
sizes, and take them from here rather than from the PDF renderer, so neither renderer imports the other."""

from __future__ import annotations

from dataclasses import dataclass

from reportsite.core.i18n import Message


@dataclass(frozen=True)
class PdfStats:
    """How many PDFs were rendered and reused, and each report's PDF size by the report's path."""

    rendered: int
    reused: int
    sizes: tuple[tuple[str, int], ...]
    cache_off: Message | None = None  # why the cache could not be written, when it could not


#: Files a renderer wrote (rather than was given to reuse), each with the SHA-256 of its bytes, so
#: that the output stage can record them in its manifest.
Written = dict[str, str]
