"""Datetimes in the database, days and the machine's time zone.

Every stored moment is UTC ISO-8601 text with microseconds and "+00:00"
("2026-11-23T13:46:35.000000+00:00"): fixed width, so text order is time order and an index
on it serves range queries.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import StoreError

__all__ = ["day_bounds", "from_db", "local_day", "local_timezone", "to_db", "utc_now"]

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    """A timezone-aware datetime as stored text; a naive one is refused (its zone is a guess)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StoreError(f"a time without a time zone cannot be stored: {moment.isoformat()}")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


from_db = datetime.fromisoformat  # stored text is always ISO-8601 with its offset


def day_bounds(day: date, tz: tzinfo) -> tuple[str, str]:
    """The stored-text bounds [start, end) of a calendar day in a zone (DST days included)."""
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return to_db(start), to_db(end)


def local_day(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).date().isoformat()


def local_timezone() -> tzinfo:
    """The machine's zone, with its rules when we can name it.

    TZ or /etc/localtime name an IANA zone on Linux. Where neither does (Windows without the
    tzdata package), fall back to the current fixed offset: right for Argentina, Brazil and
    Mexico, which keep no daylight saving time today.
    """
    candidates: list[str] = []
    tz_env = os.environ.get("TZ", "").lstrip(":")
    if tz_env:
        candidates.append(tz_env)
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve()) if localtime.is_symlink() else ""
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.debug("time zone %r not usable", name)
    fallback = datetime.now().astimezone().tzinfo
    return fallback if fallback is not None else UTC
