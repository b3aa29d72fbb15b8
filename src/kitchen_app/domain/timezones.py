"""Time zones as staff and Mercado Pago write them (api notes §2).

Mercado Pago Delivery renders an order's times in the zone the client names in the
``x-time-zone`` header (documented example: ``GMT-3``), and a time may come without an offset:
such a time is local time in that zone, never UTC. The desk keeps one ``time_zone`` setting
(empty = from the store's country) and these helpers turn it into a ``tzinfo`` for reading
times and into the header's text.

Accepted spellings: ``GMT-3``, ``GMT+5:30``, ``UTC-03:00``, ``GMT``/``UTC``/``Z``, a bare
offset ``-03:00``/``-0300``/``-3``, and IANA names (``America/Sao_Paulo``) through zoneinfo.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_COUNTRY",
    "DEFAULT_TIME_ZONE",
    "default_time_zone",
    "header_value",
    "zone_from_setting",
]

DEFAULT_COUNTRY = "AR"
DEFAULT_TIME_ZONE = "GMT-3"
# The stores' countries (DESIGN §1). Brazil's and Argentina's capitals keep UTC-3 all year;
# Mexico City has kept UTC-6 all year since 2022.
_BY_COUNTRY = {"AR": "GMT-3", "BR": "GMT-3", "MX": "GMT-6"}

_OFFSET = re.compile(
    r"(?:(?:GMT|UTC)\s*)?(?P<sign>[+-])\s*(?P<hours>[0-9]{1,2})(?::?(?P<minutes>[0-9]{2}))?",
    re.IGNORECASE,
)
_UTC_NAMES = frozenset({"GMT", "UTC", "Z", "GMT0", "UTC0", "ETC/UTC", "ETC/GMT"})
_MAX_OFFSET = timedelta(hours=14)


def default_time_zone(country: str) -> str:
    """The zone a store in ``country`` (``AR``/``BR``/``MX``) renders times in; GMT-3 when
    the country is not one of the desk's."""
    return _BY_COUNTRY.get((country or "").strip().upper(), DEFAULT_TIME_ZONE)


def _fixed(sign: str, hours: int, minutes: int, text: str) -> timezone:
    if minutes >= 60:
        raise ValueError(f"time zone {text!r}: minutes must be below 60")
    delta = timedelta(hours=hours, minutes=minutes)
    if delta > _MAX_OFFSET:
        raise ValueError(f"time zone {text!r}: an offset is at most 14 hours")
    if delta == timedelta(0):
        return UTC
    return timezone(-delta if sign == "-" else delta)


def zone_from_setting(value: str) -> tzinfo:
    """The ``tzinfo`` a ``time_zone`` setting names; ``ValueError`` with one line otherwise."""
    if not isinstance(value, str):
        raise ValueError("time zone must be text such as GMT-3")
    text = value.strip()
    if not text:
        raise ValueError("time zone is empty (write one such as GMT-3)")
    if text.upper() in _UTC_NAMES:
        return UTC
    match = _OFFSET.fullmatch(text)
    if match is not None:
        hours = int(match["hours"])
        minutes = int(match["minutes"] or 0)
        return _fixed(match["sign"], hours, minutes, text)
    if "/" in text and ".." not in text and not text.startswith("/"):
        try:
            return ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(
        f"time zone {text[:40]!r} is not one the desk knows "
        "(write GMT-3, GMT+5:30 or a name such as America/Sao_Paulo)"
    )


def _gmt(offset: timedelta) -> str:
    if offset == timedelta(0):
        return "GMT"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    hours, rest = divmod(minutes, 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def header_value(value: str, *, at: datetime | None = None) -> str:
    """What goes in ``x-time-zone`` for a ``time_zone`` setting: ``GMT-3`` style, the form
    Mercado Pago documents. An IANA name becomes its offset at ``at`` (now by default), so
    the marketplace never has to know zone names. ``ValueError`` as ``zone_from_setting``."""
    zone = zone_from_setting(value)
    moment = at if at is not None else datetime.now(UTC)
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    return _gmt(offset)
