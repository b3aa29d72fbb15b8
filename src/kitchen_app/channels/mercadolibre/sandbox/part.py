"""Mercado Libre's simulator as a part of the sandbox shell (``channels.base.SandboxPart``)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import BaseRoute

from kitchen_app.channels.base import SandboxShell
from kitchen_app.domain.json import JSONObject

from .. import CHANNEL
from . import routes
from .sender import MlWebhookSender
from .world import MlWorld

__all__ = ["MlSandboxPart", "sandbox_part"]


class MlSandboxPart:
    channel = CHANNEL

    def __init__(self, shell: SandboxShell) -> None:
        self.world = MlWorld(now=shell.now, at=shell.at, token=shell.token, seed=shell.seed)
        self.sender = MlWebhookSender(
            relay_url=shell.relay_url,
            application_id=self.world.application_id,
            now=shell.now,
            at=shell.at,
        )
        self.world.notify = self.sender.notify

    def routes(self) -> Sequence[BaseRoute]:
        return [*routes.api_routes, *routes.control_routes]

    def create_order(self, body: JSONObject) -> JSONObject:
        made: JSONObject = routes.create_from_body(self.world, dict(body))
        return made

    def list_orders(self) -> list[JSONObject]:
        return [routes.summary(self.world, oid) for oid in self.world.orders]

    async def start(self) -> None:
        await self.sender.start()

    async def stop(self) -> None:
        await self.sender.stop()


def sandbox_part(shell: SandboxShell) -> MlSandboxPart:
    return MlSandboxPart(shell)
