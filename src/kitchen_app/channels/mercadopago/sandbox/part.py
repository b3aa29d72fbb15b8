"""Mercado Pago Delivery's simulator as a part of the sandbox shell
(``channels.base.SandboxPart``): its world on the shell's clock and timers, its webhook
sender to the relay the shell names, its API and control routes, its OAuth application, and
the orders it makes on its own (``rate_per_min``, read and set by ``/_sandbox/clock``)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

from starlette.routing import BaseRoute

from kitchen_app.channels.base import SandboxFactory, SandboxShell
from kitchen_app.channels.oauth_grants import OAuthApp
from kitchen_app.domain.json import JSONObject

from .. import CHANNEL
from . import api_routes, control_routes
from .config import MpSandboxConfig
from .oauth import mp_app
from .webhooks import WebhookSender
from .world import World

__all__ = ["FAULT_OPERATIONS", "MpSandboxPart", "sandbox_part", "sandbox_part_with"]

log = logging.getLogger(__name__)

# What a fault rule's ``match`` may name on Mercado Pago's API routes (docs/sandbox.md).
FAULT_OPERATIONS = (
    "get_order",
    "accept",
    "cancel",
    "cancellation_reasons",
    "print_label_pdf",
    "ready",
    "stores",
)


class MpSandboxPart:
    channel = CHANNEL

    def __init__(self, shell: SandboxShell, config: MpSandboxConfig) -> None:
        self.shell = shell
        self.config = config
        self.world = World(config, shell)
        self.sender = WebhookSender(config, shell, self.world.shapes)
        self.world.notify = self.sender.notify
        shell.faults.declare(FAULT_OPERATIONS)

    def routes(self) -> Sequence[BaseRoute]:
        return [*api_routes.routes, *control_routes.routes]

    def create_order(self, body: JSONObject) -> JSONObject:
        made: JSONObject = control_routes.create_from_body(self.world, dict(body))
        return made

    def list_orders(self) -> list[JSONObject]:
        return [order.summary() for order in self.world.orders.values()]

    @property
    def rate_per_min(self) -> float:
        return self.world.rate_per_min

    def set_rate(self, rate_per_min: float) -> None:
        self.world.set_rate(rate_per_min)

    async def start(self) -> None:
        await self.sender.start()
        self.world.start_auto_orders()
        store = self.world.default_store
        log.info("Mercado Pago sandbox: store %s (MP user id %s)", store.name, store.user_id)

    async def stop(self) -> None:
        await self.sender.stop()

    def oauth_app(self) -> OAuthApp:
        return mp_app(self.world)

    def revoke_grants(self, account: int | None) -> int:
        return self.world.oauth.revoke(account)


def sandbox_part(shell: SandboxShell) -> MpSandboxPart:
    """The registry's sandbox factory: the default settings (no webhook secret, no order rate,
    the documented shapes)."""
    return MpSandboxPart(shell, MpSandboxConfig())


def sandbox_part_with(config: MpSandboxConfig, **changes: Any) -> SandboxFactory:
    """A factory with other settings (``sandbox serve``'s flags, tests, the demo)."""
    chosen = dataclasses.replace(config, **changes) if changes else config

    def factory(shell: SandboxShell) -> MpSandboxPart:
        return MpSandboxPart(shell, chosen)

    return factory
