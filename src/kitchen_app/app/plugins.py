"""The marketplaces this build serves: one line per plug-in. Nothing else in the code names
them; the engine, the relay, the sandbox, the settings and the ui get ``registry()``."""

from __future__ import annotations

from functools import cache

from kitchen_app.channels.base import Plugin
from kitchen_app.channels.mercadolibre.plugin import PLUGIN as MERCADOLIBRE
from kitchen_app.channels.mercadopago.plugin import PLUGIN as MERCADOPAGO
from kitchen_app.channels.registry import PluginRegistry
from kitchen_app.channels.shopee.plugin import PLUGIN as SHOPEE
from kitchen_app.engine.settings import SETTINGS, DeskSettings, declare_plugin_settings
from kitchen_app.printing.labels import use_ticket_words

__all__ = ["PLUGINS", "desk_settings", "registry"]

PLUGINS: tuple[Plugin, ...] = (MERCADOPAGO, MERCADOLIBRE, SHOPEE)


@cache
def registry() -> PluginRegistry:
    """The plug-ins this build serves. Building the registry (once per process) also hands
    down what lower layers hold of them: their settings beside the desk's own, their words on
    tickets. No root can then serve a plug-in those do not know."""
    plugins = PluginRegistry(PLUGINS)
    declare_plugin_settings(plugins)
    use_ticket_words(plugins.ticket_words())
    return plugins


def desk_settings() -> DeskSettings:
    """The desk's settings with this build's plug-ins' declared (for a root that reads or
    checks a setting before it builds anything else)."""
    registry()
    return SETTINGS
