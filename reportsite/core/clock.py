"""The one clock: China Standard Time, in which report dates are written, shown and compared.

Report dates are naive Beijing times. Anything that compares them with "now", or shows a commit's or
a build's moment, goes through here, so no stage reads the machine's own zone by mistake.
"""

from __future__ import annotations

import datetime as dt
import os

#: China Standard Time: UTC+8 all year, with no daylight saving.
CST = dt.timezone(dt.timedelta(hours=8))


def beijing_now() -> dt.datetime:
    """The time now in Beijing, naive, as report dates are written and compared."""
    return dt.datetime.now(CST).replace(tzinfo=None)


def source_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a naive Beijing time, or None when unset or not a
    whole number of seconds: a build that is given it stamps that moment instead of the clock's."""
    epoch = source_date_epoch()
    return dt.datetime.fromtimestamp(int(epoch), CST).replace(tzinfo=None) if epoch.isdigit() else None


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH as set, for what must change when it changes (the build's fingerprint)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()
