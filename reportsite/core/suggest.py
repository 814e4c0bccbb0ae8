"""The one "unknown name, did you mean …" rule, for every stage that reads names an editor types.

A typo in a key, a role or an anchor is the commonest mistake, and the fix is usually one
letter away; naming the close match saves the editor a trip to the documentation. Each caller
words the hint itself (its own message code), since each language places it differently.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from reportsite.core.i18n import Message


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name an editor most likely meant, or None when none is close enough to be a typo."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], hint: Callable[[str], Message],
                 otherwise: Message | str = "") -> Message | str:
    """The caller's hint naming the close match, e.g. " (did you mean `title`?)"; else `otherwise`
    (the known names, or nothing), so the message reads whole either way."""
    best = closest(word, choices)
    return hint(best) if best else otherwise
