"""The plug-ins one desk, relay or sandbox runs with, by channel id.

The registry knows no marketplace: ``app/plugins.py`` fills it. The engine, the relay and the
sandbox are handed one and ask it for a channel's plug-in, its settings or its Marketplace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import timedelta

import httpx

from kitchen_app.domain.settings import SettingSpec, SettingValue

from .base import Credentials, Marketplace, Plugin, PluginContext
from .credentials import SettingsCredentials

__all__ = ["PluginRegistry"]


class PluginRegistry:
    def __init__(self, plugins: Iterable[Plugin]) -> None:
        self._plugins: dict[str, Plugin] = {}
        for plugin in plugins:
            if plugin.channel in self._plugins:
                raise ValueError(f"two plug-ins for channel {plugin.channel!r}")
            if not plugin.channel or "." in plugin.channel or ":" in plugin.channel:
                raise ValueError(f"not a channel id: {plugin.channel!r}")
            self._plugins[plugin.channel] = plugin

    def __iter__(self) -> Iterator[Plugin]:
        return iter(self._plugins.values())

    def __len__(self) -> int:
        return len(self._plugins)

    def __contains__(self, channel: object) -> bool:
        return channel in self._plugins

    def __getitem__(self, channel: str) -> Plugin:
        return self._plugins[channel]

    def get(self, channel: str) -> Plugin | None:
        return self._plugins.get(channel)

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(self._plugins)

    def setting_specs(self) -> list[tuple[str, SettingSpec]]:
        """Every plug-in setting with its stored name, ``<channel>.<name>``."""
        return [(spec.qualified(p.channel), spec) for p in self for spec in p.settings]

    def legacy_names(self) -> dict[str, str]:
        """Old flat setting names -> their stored names under a channel's prefix."""
        return {old: f"{p.channel}.{new}" for p in self for old, new in p.legacy_settings.items()}

    def ticket_words(self) -> dict[str, Mapping[str, str]]:
        """Every plug-in's ticket words by code (channel id or logistics value); a code two
        plug-ins share keeps the first one's words."""
        words: dict[str, Mapping[str, str]] = {}
        for plugin in self:
            for code, by_language in plugin.display.ticket_words.items():
                words.setdefault(code, by_language)
        return words

    def unread_accept_windows(self) -> dict[str, timedelta]:
        """Per channel with an accept window: how long an order whose details are unread
        may wait for acceptance after its first notification."""
        return {
            p.channel: p.unread_accept_window for p in self if p.unread_accept_window is not None
        }

    def plugin_settings(
        self, channel: str, settings: Mapping[str, SettingValue]
    ) -> dict[str, SettingValue]:
        """One plug-in's settings with the prefix taken off; a missing one is its default."""
        plugin = self._plugins[channel]
        return {
            spec.name: settings.get(spec.qualified(channel), spec.default)
            for spec in plugin.settings
        }

    def enabled(
        self, channel: str, settings: Mapping[str, SettingValue], *, custody: bool = False
    ) -> bool:
        """A channel whose required settings are empty is off (DESIGN §5). ``custody``: its
        credentials are the relay's, which supplies the settings marked ``custody``."""
        mine = self.plugin_settings(channel, settings)
        return all(
            mine[spec.name] not in ("", None)
            for spec in self[channel].settings
            if spec.required and not (custody and spec.custody)
        )

    def create(
        self,
        settings: Mapping[str, SettingValue],
        *,
        time_zone: str,
        http: httpx.AsyncClient | None = None,
        credentials: Mapping[str, Credentials] | None = None,
    ) -> dict[str, Marketplace]:
        """A Marketplace for every enabled plug-in, from the desk's settings (stored names).
        ``credentials`` by channel (the relay's token custody); else the pasted settings."""
        out: dict[str, Marketplace] = {}
        given = credentials or {}
        for plugin in self:
            if not self.enabled(plugin.channel, settings, custody=plugin.channel in given):
                continue
            mine = self.plugin_settings(plugin.channel, settings)
            creds = given.get(plugin.channel) or SettingsCredentials(mine)
            out[plugin.channel] = plugin.create(PluginContext(mine, creds, http, time_zone))
        return out
