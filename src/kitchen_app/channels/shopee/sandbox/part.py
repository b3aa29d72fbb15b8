"""Shopee's part of the sandbox (``channels.base.SandboxPart``): its world on the shell's clock
and timers, its routes, and its pushes to the relay the shell names.

``rate_per_min`` (sandbox minutes) makes orders on its own, like the shell does for Mercado
Pago, so the demo shows Shopee orders too.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kitchen_app.channels.base import SandboxFactory, SandboxShell

from .. import CHANNEL
from .push import ShopeePushSender
from .routes import control_routes, create_from_control, routes, summary
from .world import ShopeeSandboxConfig, ShopeeWorld

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

__all__ = ["ShopeeSandboxPart", "sandbox_part", "sandbox_part_with"]

log = logging.getLogger(__name__)


class ShopeeSandboxPart:
    channel = CHANNEL

    def __init__(self, shell: SandboxShell, config: ShopeeSandboxConfig) -> None:
        self.shell = shell
        self.config = config
        self.world = ShopeeWorld(config, now=shell.now, at=shell.at, seed=shell.seed)
        self.world.static_tokens.add(shell.token)
        self.pushes = ShopeePushSender(shell.relay_url, config.partner_key)
        self.world.push = self.pushes.push
        self.pushes.on_lost = self.world.push_lost

    def routes(self) -> Sequence[BaseRoute]:
        return [*routes, *control_routes]

    def create_order(self, body: dict[str, Any]) -> dict[str, Any]:
        return create_from_control(self.world, body)

    def list_orders(self) -> list[dict[str, Any]]:
        return [summary(order) for order in self.world.orders.values()]

    async def start(self) -> None:
        await self.pushes.start()
        log.info(
            "Shopee sandbox: partner id %s, shop id %s, access token = the sandbox token",
            self.config.partner_id,
            ", ".join(str(shop) for shop in self.config.shop_ids),
        )
        if self.config.rate_per_min > 0:
            self._schedule_next()

    async def stop(self) -> None:
        await self.pushes.stop()

    def oauth_app(self) -> None:
        """Shopee authorizes on its own paths (``/api/v2/shop/auth_partner`` and the rest)."""
        return None

    def revoke_grants(self, account: int | None) -> int:
        return self.world.oauth.revoke(account)

    def _schedule_next(self) -> None:
        interval = 60.0 / self.config.rate_per_min

        def make(_due: float) -> None:
            self.world.create_order()
            self._schedule_next()

        self.shell.at(self.shell.now() + interval, make)


def sandbox_part(shell: SandboxShell) -> ShopeeSandboxPart:
    """The registry's sandbox factory: the default sandbox shop and keys, or those of
    ``KITCHEN_SHOPEE_PARTNER_ID`` / ``KITCHEN_SHOPEE_PARTNER_KEY`` / ``KITCHEN_SHOPEE_SHOP_ID``."""
    return ShopeeSandboxPart(shell, ShopeeSandboxConfig.from_env(os.environ))


def sandbox_part_with(config: ShopeeSandboxConfig, **changes: Any) -> SandboxFactory:
    """A factory with another configuration (tests, the demo's order rate)."""
    chosen = dataclasses.replace(config, **changes) if changes else config

    def factory(shell: SandboxShell) -> ShopeeSandboxPart:
        return ShopeeSandboxPart(shell, chosen)

    return factory
