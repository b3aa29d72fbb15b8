"""The marketplaces this build serves: one line per plug-in. Nothing else in the code names
them; the engine, the relay, the sandbox, the settings and the ui get ``registry()``."""

from __future__ import annotations

from functools import cache

from kitchen_app.channels.base import Plugin
from kitchen_app.channels.mercadolibre.plugin import PLUGIN as MERCADOLIBRE
from kitchen_app.channels.mercadopago.plugin import PLUGIN as MERCADOPAGO
from kitchen_app.channels.registry import PluginRegistry
from kitchen_app.channels.shopee.plugin import PLUGIN as SHOPEE

__all__ = ["PLUGINS", "registry"]

PLUGINS: tuple[Plugin, ...] = (MERCADOPAGO, MERCADOLIBRE, SHOPEE)


@cache
def registry() -> PluginRegistry:
    return PluginRegistry(PLUGINS)
