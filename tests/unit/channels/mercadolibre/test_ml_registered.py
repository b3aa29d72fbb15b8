"""Mercado Libre in the plug-in list: its settings under ``mercadolibre.`` (DESIGN §5), off
until the seller id is set, and a Marketplace built from the desk's settings."""

from __future__ import annotations

import asyncio

import pytest

from kitchen_app.app.plugins import registry
from kitchen_app.channels.mercadolibre.plugin import MercadoLibrePlugin
from kitchen_app.engine.settings import SETTINGS, validate


def test_settings_are_declared_and_checked() -> None:
    for name in (
        "mercadolibre.base_url",
        "mercadolibre.access_token",
        "mercadolibre.user_id",
        "mercadolibre.me1_api",
    ):
        assert name in SETTINGS
    assert SETTINGS["mercadolibre.access_token"].secret
    validate("mercadolibre.base_url", "http://127.0.0.1:8080")
    validate("mercadolibre.me1_api", "v2")
    with pytest.raises(ValueError):
        validate("mercadolibre.base_url", "not a url")
    with pytest.raises(ValueError):
        validate("mercadolibre.me1_api", "v3")


def test_off_without_a_seller_and_built_with_one() -> None:
    reg = registry()
    assert "mercadolibre" in reg.channels
    assert not reg.enabled("mercadolibre", {})

    async def build() -> object:
        made = reg.create(
            {
                "mercadolibre.base_url": "http://127.0.0.1:1",
                "mercadolibre.access_token": "APP_USR-x",
                "mercadolibre.user_id": "3430803000",
            },
            time_zone="GMT-3",
        )
        plugin = made["mercadolibre"]
        await plugin.aclose()
        return plugin

    plugin = asyncio.run(build())
    assert isinstance(plugin, MercadoLibrePlugin)
    assert plugin.user_id == "3430803000"
    assert "APP_USR-x" not in repr(plugin)
