"""Declared settings: namespaced names, labels in messages, time zone and country."""

from __future__ import annotations

import pytest

from kitchen_app.domain.timezones import header_value
from kitchen_app.engine.settings import (
    SETTINGS,
    SettingError,
    canonical_key,
    effective_time_zone,
    setting,
    validate,
)


def test_marketplace_settings_carry_their_channel_and_flat_names_still_resolve() -> None:
    for name in ("mp_delivery.base_url", "mp_delivery.access_token", "mp_delivery.user_id"):
        assert name in SETTINGS
    assert "mp_access_token" not in SETTINGS
    assert SETTINGS["mp_access_token"] is SETTINGS["mp_delivery.access_token"]
    assert setting("mp_base_url").key == "mp_delivery.base_url"
    assert canonical_key("mp_user_id") == "mp_delivery.user_id"
    assert canonical_key("relay_url") == "relay_url"
    assert SETTINGS["mp_delivery.access_token"].secret


def test_a_refused_value_names_the_field_by_its_label_never_its_key() -> None:
    with pytest.raises(SettingError) as info:
        validate("mp_access_token", "APP_USR\n1")
    assert str(info.value) == "Mercado Pago access token: must be one line"
    with pytest.raises(SettingError) as info:
        validate("relay_url", "ftp://x")
    assert "Relay address:" in str(info.value) and "relay_url" not in str(info.value)
    assert all(s.label for s in SETTINGS.values())


@pytest.mark.parametrize(
    "value", ["", "GMT-3", "GMT+5:30", "UTC", "-03:00", "America/Sao_Paulo", "gmt-6"]
)
def test_time_zone_accepts_what_people_write(value: str) -> None:
    validate("time_zone", value)


@pytest.mark.parametrize("value", ["Mars/Base", "GMT-3x", 3, "three"])
def test_time_zone_refuses_the_rest(value: object) -> None:
    with pytest.raises(SettingError, match=r"^Time zone: ") as info:
        validate("time_zone", value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("zone", "country", "header"),
    [
        ("", "AR", "GMT-3"),
        ("", "BR", "GMT-3"),
        ("", "MX", "GMT-6"),
        ("-03:00", "MX", "GMT-3"),
        ("GMT+5:30", "AR", "GMT+5:30"),
        ("America/Sao_Paulo", "MX", "GMT-3"),
    ],
)
def test_the_header_comes_from_the_setting_or_the_country(
    zone: str, country: str, header: str
) -> None:
    assert header_value(effective_time_zone(zone, country)) == header


def test_country_is_one_of_the_three() -> None:
    assert SETTINGS["country"].default in ("AR", "BR", "MX")
    validate("country", "MX")
    with pytest.raises(SettingError, match=r"^Country: "):
        validate("country", "US")
