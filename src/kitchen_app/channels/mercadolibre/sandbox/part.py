"""Mercado Libre's simulator as a part of the sandbox shell (``channels.base.SandboxPart``)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import BaseRoute

from kitchen_app.channels.base import SandboxShell
from kitchen_app.channels.oauth_grants import OAuthApp
from kitchen_app.channels.sandbox_apps import ML_APP
from kitchen_app.domain.json import JSONObject

from .. import CHANNEL
from . import routes
from .sender import MlWebhookSender
from .world import MlWorld

__all__ = ["MlSandboxPart", "sandbox_part"]


class MlSandboxPart:
    channel = CHANNEL

    def __init__(self, shell: SandboxShell) -> None:
        self.world = MlWorld(
            now=shell.now,
            at=shell.at,
            token=shell.token,
            seed=shell.seed,
            application_id=ML_APP.client_id,
        )
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

    def oauth_app(self) -> OAuthApp:
        world = self.world
        return OAuthApp(
            channel=CHANNEL,
            client_id=ML_APP.client_id,
            client_secret=ML_APP.client_secret,
            book=world.oauth,
            default_account=lambda: world.default_seller.user_id,
            has_account=lambda account: account in world.sellers,
            token_body=world.token_body,
            error_body=_error_body,
            form_only=True,
        )

    def revoke_grants(self, account: int | None) -> int:
        return self.world.oauth.revoke(account)


def _error_body(key: str, message: str, status: int) -> dict[str, object]:
    """A.7's error body (``error_description``; some clients see ``message``)."""
    return {"error_description": message, "error": key, "status": status, "cause": []}


def sandbox_part(shell: SandboxShell) -> MlSandboxPart:
    return MlSandboxPart(shell)
