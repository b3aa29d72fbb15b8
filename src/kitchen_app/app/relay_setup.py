"""The relay's side of the plug-ins: their webhook rules (``Plugin.notify``) and the relay
settings each declares (``Notify.relay_settings``), read from `relay serve`'s options and the
environment. The relay itself names no marketplace: it gets these in its ``RelayConfig``."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any

from kitchen_app.channels.base import Notify, RelaySetting
from kitchen_app.relay.config import RelayConfig

__all__ = ["option_dest", "relay_config", "webhook_rules", "webhook_settings"]


def webhook_rules() -> tuple[Notify, ...]:
    """This build's plug-ins' webhook rules: one relay route each."""
    from kitchen_app.app.plugins import registry

    return tuple(p.notify for p in registry() if p.notify is not None)


def option_dest(setting: RelaySetting) -> str | None:
    """The argparse attribute of the setting's `relay serve` option (None: it has none)."""
    return setting.flag.lstrip("-").replace("-", "_") if setting.flag else None


def webhook_settings(
    args: argparse.Namespace | None = None, environ: Mapping[str, str] = os.environ
) -> dict[str, str]:
    """Every plug-in's relay settings that are set, by "<channel>.<name>": its option when
    given, else its environment variable."""
    settings: dict[str, str] = {}
    for notify in webhook_rules():
        for setting in notify.relay_settings:
            dest = option_dest(setting)
            given = getattr(args, dest, None) if dest and args is not None else None
            value = given or environ.get(setting.env) or ""
            if value:
                settings[f"{notify.channel}.{setting.name}"] = value
    return settings


def relay_config(*, settings: Mapping[str, str] | None = None, **fields: Any) -> RelayConfig:
    """A RelayConfig serving this build's plug-ins' webhooks with ``settings`` (by
    "<channel>.<name>"; none set when omitted) and the other ``fields`` as given."""
    return RelayConfig(webhooks=webhook_rules(), webhook_settings=dict(settings or {}), **fields)
