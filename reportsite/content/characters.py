"""Characters a report must not hold: invisible ones that hide or reorder text, and control characters
that break YAML and browsers; and how a message quotes a value without passing them on.

Text pasted from Word, WeChat and web pages brings them in, and no editor sees them, so every
text the content stage publishes is checked here, and every message names the character.
"""

from __future__ import annotations

import re

from reportsite.core.i18n import Message, msg

_INVISIBLE_RE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e"
                           r"\u2060-\u2064\u2066-\u206f\ufeff]")
#: Control characters no editor means to type; C1 controls (U+0080–U+009F) come from mis-decoded files.
_CONTROL_RE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
_SHOWN_CHARS = 60


def invisible(text: str) -> str | None:
    """The first invisible character in `text` as messages name it (200B for U+200B), or None."""
    bad = _INVISIBLE_RE.search(text)
    return format(ord(bad.group()), "04X") if bad else None


def first_control(text: str) -> tuple[int, str] | None:
    """(offset, name as in 0000) of the first control character in `text`, or None."""
    match = _CONTROL_RE.search(text)
    return (match.start(), format(ord(match.group()), "04X")) if match else None


def has_hidden_character(text: str) -> bool:
    """Whether `text` holds a control or invisible character, such as a file name must not."""
    return bool(_CONTROL_RE.search(text) or _INVISIBLE_RE.search(text))


def invisible_character_problem(text: str, label: Message | str) -> Message | None:
    """Refuse zero-width, control and direction-changing characters: they hide or reorder what readers see."""
    if char := invisible(text):
        return msg("content.invisible_character", "{label} contains the invisible character U+{char}; "
                                                  "delete it (it often comes from copy and paste)",
                   label=label, char=char)
    return None


def shown(value: object) -> str:
    """A value as a message quotes it: on one line and short, so a 1 MB value cannot flood the terminal."""
    text = " ".join(str(value).split())
    text = text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"
    return _INVISIBLE_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
