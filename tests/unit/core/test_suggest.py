"""The one "did you mean" rule: the closest known name when a typed one is near it, else the caller's fallback."""

from __future__ import annotations

from reportsite.core.i18n import Message, msg
from reportsite.core.suggest import closest, did_you_mean

KEYS = ["title", "publisher", "issued", "published"]


def _hint(known: str) -> Message:
    return msg("test.did_you_mean", " (did you mean `{hint}`?)", hint=known)


def test_a_typo_names_the_key_it_is_closest_to() -> None:
    assert closest("titel", KEYS) == "title"
    assert closest("publsher", KEYS) == "publisher"
    assert closest("issue", KEYS) == "issued"


def test_a_name_near_nothing_names_nothing() -> None:
    assert closest("zzz", KEYS) is None
    assert closest("title", []) is None


def test_the_hint_names_the_match_in_the_callers_words() -> None:
    hint = did_you_mean("titel", KEYS, _hint)
    assert isinstance(hint, Message) and hint.code == "test.did_you_mean"
    assert str(hint) == " (did you mean `title`?)"


def test_without_a_match_the_fallback_is_given_or_nothing() -> None:
    assert did_you_mean("zzz", KEYS, _hint) == ""
    assert str(did_you_mean("zzz", KEYS, _hint, " (known keys: title)")) == " (known keys: title)"


def test_choices_may_be_any_iterable_of_names() -> None:
    assert str(did_you_mean("isued", {"issued": 1}, _hint)) == " (did you mean `issued`?)"
