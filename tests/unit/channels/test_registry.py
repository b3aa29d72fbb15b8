"""The plug-in registry: which plug-ins a build serves, their settings under the channel's
prefix, and the Marketplaces built from the desk's settings."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import pytest

from kitchen_app.app.plugins import desk_settings, registry
from kitchen_app.channels.base import Display, Marketplace, Plugin, PluginContext
from kitchen_app.channels.credentials import SettingsCredentials
from kitchen_app.channels.errors import AuthError
from kitchen_app.channels.mercadopago.plugin import MercadoPagoMarketplace
from kitchen_app.channels.registry import PluginRegistry
from kitchen_app.domain.settings import SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP
from kitchen_app.engine.settings import (
    LEGACY_NAMES,
    SETTINGS,
    DeskSettings,
    SettingError,
    canonical_key,
    validate,
)

_DISPLAY = Display(QT_TRANSLATE_NOOP("x", "X"), "X", "#000000", {}, {}, {}, {})


def _plugin(channel: str, *specs: SettingSpec, made: list[PluginContext] | None = None) -> Plugin:
    def create(ctx: PluginContext) -> Marketplace:
        if made is not None:
            made.append(ctx)
        raise LookupError("built")  # the test only looks at the context

    return Plugin(channel, _DISPLAY, specs, create, legacy_settings={"x_old": "shop_id"})


SHOP_ID = SettingSpec(
    "shop_id", SettingKind.INTEGER, "", QT_TRANSLATE_NOOP("x", "Shop"), required=True
)


def test_two_plugins_for_one_channel_are_refused() -> None:
    with pytest.raises(ValueError, match="two plug-ins"):
        PluginRegistry([_plugin("shopee"), _plugin("shopee")])


@pytest.mark.parametrize("channel", ["", "a.b", "a:b"])
def test_a_channel_id_must_be_usable_in_keys_and_setting_names(channel: str) -> None:
    with pytest.raises(ValueError, match="not a channel id"):
        PluginRegistry([_plugin(channel)])


def test_settings_are_named_under_the_channel_and_a_required_one_turns_it_on() -> None:
    reg = PluginRegistry([_plugin("shopee", SHOP_ID)])
    assert [name for name, _ in reg.setting_specs()] == ["shopee.shop_id"]
    assert reg.legacy_names() == {"x_old": "shopee.shop_id"}
    assert not reg.enabled("shopee", {})
    assert not reg.enabled("shopee", {"shopee.shop_id": ""})
    assert reg.enabled("shopee", {"shopee.shop_id": 44})
    assert reg.plugin_settings("shopee", {"shopee.shop_id": 44, "other.x": 1}) == {"shop_id": 44}


def test_create_skips_a_channel_that_is_off_and_hands_the_others_their_settings() -> None:
    made: list[PluginContext] = []
    reg = PluginRegistry([_plugin("shopee", SHOP_ID, made=made)])
    assert reg.create({}, time_zone="GMT-3") == {}
    assert made == []
    with pytest.raises(LookupError, match="built"):
        reg.create({"shopee.shop_id": 7}, time_zone="GMT-6")
    assert made[0].settings == {"shop_id": 7}
    assert made[0].time_zone == "GMT-6"
    assert isinstance(made[0].credentials, SettingsCredentials)


def test_settings_credentials_give_the_token_and_refuse_when_there_is_none() -> None:
    async def go(settings: Mapping[str, str]) -> str:
        creds = SettingsCredentials(settings)
        return await creds.access_token()

    assert asyncio.run(go({"access_token": " APP_USR-1 "})) == "APP_USR-1"
    with pytest.raises(AuthError, match="no access token"):
        asyncio.run(go({}))
    signed = asyncio.run(SettingsCredentials({"partner_key": "k"}).sign("base"))
    # hex HMAC-SHA256 keyed "k" of "base", as Shopee signs
    assert signed == "4b667683962d4b7cbeef515cf082c66cbfc46526c95fc5c5cb39ba6d07710005"


def test_the_build_serves_mercado_pago_and_its_settings_are_the_desks() -> None:
    reg = registry()
    assert "mp_delivery" in reg.channels
    for name, spec in reg.setting_specs():
        assert SETTINGS[name].label == spec.label.source
        assert SETTINGS[name].text == spec.label
    assert LEGACY_NAMES["mp_access_token"] == "mp_delivery.access_token"
    assert canonical_key("mp_base_url") == "mp_delivery.base_url"
    validate("mp_delivery.base_url", "https://api.mercadopago.com")
    with pytest.raises(ValueError, match="Mercado Pago API address: not a web address"):
        validate("mp_delivery.base_url", "ftp://x")


def test_mercado_pago_is_built_from_its_settings() -> None:
    async def go() -> Marketplace:
        built = registry().create(
            {"mp_delivery.base_url": "http://127.0.0.1:9", "mp_delivery.access_token": "T"},
            time_zone="GMT-3",
        )
        marketplace = built["mp_delivery"]
        await marketplace.aclose()
        return marketplace

    marketplace = asyncio.run(go())
    assert isinstance(marketplace, MercadoPagoMarketplace)
    assert marketplace.client.base_url == "http://127.0.0.1:9"


def test_desk_settings_are_composed_from_the_registry_handed_in() -> None:
    alone = DeskSettings()
    assert "relay_url" in alone and not any("." in key for key in alone)
    with pytest.raises(SettingError, match=r"unknown setting: shopee\.shop_id"):
        alone.validate("shopee.shop_id", 3)

    composed = DeskSettings(PluginRegistry([_plugin("shopee", SHOP_ID)]))
    keys = list(composed)
    # The relay's settings first, the plug-ins' next, then the desk's own.
    assert keys[:3] == ["relay_url", "relay_token", "shopee.shop_id"]
    assert composed.canonical_key("x_old") == "shopee.shop_id"
    assert composed["x_old"] is composed["shopee.shop_id"]
    assert "x_old" not in composed
    composed.validate("x_old", 44)
    with pytest.raises(SettingError, match=r"^Shop: must be a whole number$"):
        composed.validate("shopee.shop_id", "44x")


def test_the_registry_of_the_build_declares_its_settings_in_force() -> None:
    # The names other modules imported are the ones the registry filled in place.
    assert SETTINGS is desk_settings()
    expected = {name for name, _ in registry().setting_specs()}
    assert expected and expected <= set(SETTINGS)
    assert dict(LEGACY_NAMES) == registry().legacy_names()
