"""How the pipeline tells the command layer how far a build has got, without printing itself.

Stage names and waiting lines are Messages (see i18n): the command layer, which knows the
editor's language, renders them; `str(message)` is the English text.
"""

from __future__ import annotations

from typing import Protocol

from reportsite.core.i18n import Message


class Progress(Protocol):
    def stage(self, name: Message | str, total: int = 0) -> None:
        """A new stage starts; `total` items follow (0 when it is one step)."""

    def advance(self, amount: int = 1) -> None:
        """`amount` items of the current stage are done."""

    def finish(self) -> None:
        """The build is over, successfully or not."""

    def waiting(self, why: Message | str) -> None:
        """The build cannot go on until something outside it ends (another build's lock): shown even
        by --quiet, since a build that stops without a word looks hung."""


class Silent:
    """For --quiet, tests and library use."""

    def stage(self, name: Message | str, total: int = 0) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass

    def waiting(self, why: Message | str) -> None:
        pass
