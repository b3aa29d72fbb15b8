from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kitchen_app.domain.timezones import default_time_zone, header_value, zone_from_setting

_WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)
_SUMMER = datetime(2026, 7, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("GMT-3", timedelta(hours=-3)),
        ("gmt-3", timedelta(hours=-3)),
        (" GMT-6 ", timedelta(hours=-6)),
        ("GMT+5:30", timedelta(hours=5, minutes=30)),
        ("UTC-03:00", timedelta(hours=-3)),
        ("-03:00", timedelta(hours=-3)),
        ("-0300", timedelta(hours=-3)),
        ("+2", timedelta(hours=2)),
        ("GMT-03", timedelta(hours=-3)),
        ("UTC", timedelta(0)),
        ("GMT", timedelta(0)),
        ("Z", timedelta(0)),
        ("GMT+0", timedelta(0)),
        ("America/Sao_Paulo", timedelta(hours=-3)),
        ("America/Argentina/Buenos_Aires", timedelta(hours=-3)),
        ("America/Mexico_City", timedelta(hours=-6)),
    ],
)
def test_zone_spellings(text: str, offset: timedelta) -> None:
    zone = zone_from_setting(text)
    assert _WINTER.astimezone(zone).utcoffset() == offset


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Mars/Olympus", "GMT-15", "GMT+3:75", "three", "GMT--3", "../etc/passwd", "/x"],
)
def test_unreadable_zones_raise_one_line(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        zone_from_setting(text)
    assert "\n" not in str(raised.value)
    assert "time zone" in str(raised.value)


def test_default_zone_per_country() -> None:
    assert default_time_zone("AR") == "GMT-3"
    assert default_time_zone("br") == "GMT-3"
    assert default_time_zone("MX") == "GMT-6"
    assert default_time_zone("") == "GMT-3"
    assert default_time_zone("FR") == "GMT-3"


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("GMT-3", "GMT-3"),
        ("-03:00", "GMT-3"),
        ("GMT+5:30", "GMT+5:30"),
        ("UTC", "GMT"),
        ("America/Sao_Paulo", "GMT-3"),
        ("America/Mexico_City", "GMT-6"),
    ],
)
def test_header_value(text: str, header: str) -> None:
    assert header_value(text, at=_WINTER) == header


def test_header_value_follows_daylight_saving_of_a_named_zone() -> None:
    assert header_value("America/New_York", at=_WINTER) == "GMT-5"
    assert header_value("America/New_York", at=_SUMMER) == "GMT-4"
    with pytest.raises(ValueError):
        header_value("nowhere")
