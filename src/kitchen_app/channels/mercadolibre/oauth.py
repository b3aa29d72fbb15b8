"""Linking a seller's Mercado Libre account (api notes A.7): the authorization page on
auth.mercadolibre.com.ar (the country's auth host; `relay serve --api` points elsewhere),
``POST /oauth/token`` form-urlencoded. Access tokens live 6 hours; the refresh token is
single use (each refresh returns the next one)."""

from __future__ import annotations

from ..oauth import OAuthClient, OAuthContext, OAuthPlugin
from ..oauth_standard import StandardOAuth, StandardOAuthHosts
from . import CHANNEL
from .lost import read_missed_feeds

__all__ = ["OAUTH"]

_HOSTS = StandardOAuthHosts(
    name="Mercado Libre",
    authorize_url="https://auth.mercadolibre.com.ar/authorization",
    api_base="https://api.mercadolibre.com",
    form_body=True,
)


def _create(context: OAuthContext) -> OAuthClient:
    return StandardOAuth(context, _HOSTS)


OAUTH = OAuthPlugin(
    channel=CHANNEL,
    name=_HOSTS.name,
    env_client_id="KITCHEN_ML_CLIENT_ID",
    env_secret="KITCHEN_ML_CLIENT_SECRET",
    create=_create,
    lost=read_missed_feeds,
)
