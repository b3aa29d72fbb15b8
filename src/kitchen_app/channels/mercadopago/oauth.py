"""Linking a restaurant's Mercado Pago account (api notes §7): the authorization page on
auth.mercadopago.com, ``POST /oauth/token`` with a JSON body. Tokens live 180 days; each
refresh rotates the refresh token."""

from __future__ import annotations

from ..oauth import OAuthClient, OAuthContext, OAuthPlugin
from ..oauth_standard import StandardOAuth, StandardOAuthHosts
from . import CHANNEL

__all__ = ["OAUTH"]

_HOSTS = StandardOAuthHosts(
    name="Mercado Pago",
    authorize_url="https://auth.mercadopago.com/authorization",
    api_base="https://api.mercadopago.com",
    form_body=False,
    authorize_extra=(("platform_id", "mp"),),
)


def _create(context: OAuthContext) -> OAuthClient:
    return StandardOAuth(context, _HOSTS)


OAUTH = OAuthPlugin(
    channel=CHANNEL,
    name=_HOSTS.name,
    env_client_id="KITCHEN_MP_CLIENT_ID",
    env_secret="KITCHEN_MP_CLIENT_SECRET",
    create=_create,
)
