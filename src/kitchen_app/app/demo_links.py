"""The demo's store linking (issue 15): its embedded relay holds the sandbox's applications
(``channels/sandbox_apps.py``) with a token key made for this run, the sandbox plays every
marketplace's OAuth, and the demo store is linked at start the way staff link one — the
relay's authorization address, the marketplace's page approving, the browser sent back to
the relay's callback — so the desk runs on the relay's tokens."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import httpx
from cryptography.fernet import Fernet

from kitchen_app.channels.oauth import OAuthPlugin
from kitchen_app.channels.sandbox_apps import relay_environment
from kitchen_app.relay.custody_crypto import ENV_TOKEN_KEY
from kitchen_app.relay.custody_setup import CustodySetup, custody_setup

__all__ = ["demo_custody", "link_demo_store"]

log = logging.getLogger(__name__)


def demo_custody(
    plugins: Iterable[OAuthPlugin], relay_url: str, sandbox_url: str
) -> CustodySetup | None:
    """What `relay serve --public-url RELAY --api CHANNEL=SANDBOX…` would run with, given the
    sandbox's application credentials and a fresh key (the demo's relay database is new
    each run, so no token outlives its key)."""
    plugins = tuple(plugins)
    environ = {**relay_environment(), ENV_TOKEN_KEY: Fernet.generate_key().decode()}
    return custody_setup(
        plugins,
        environ,
        public_url=relay_url,
        api={plugin.channel: sandbox_url for plugin in plugins},
    )


def link_demo_store(relay_url: str, desk_token: str, channels: Iterable[str]) -> list[str]:
    """Link the demo store on each channel through the relay's own path (``POST
    /v1/links/{channel}``, then the authorization page, which redirects to the callback).
    Returns the channels linked; one that fails is logged and left for the settings'
    Link row."""
    linked: list[str] = []
    auth = {"Authorization": f"Bearer {desk_token}"}
    with httpx.Client(timeout=10) as http:
        for channel in channels:
            try:
                started = http.post(f"{relay_url}/v1/links/{channel}", headers=auth)
                started.raise_for_status()
                page = http.get(started.json()["authorize_url"], follow_redirects=True)
            except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
                log.warning("demo: %s not linked (%s)", channel, type(exc).__name__)
                continue
            if page.status_code != 200:
                log.warning("demo: %s not linked (callback answered %d)", channel, page.status_code)
                continue
            linked.append(channel)
    log.info("demo store linked at the relay: %s", ", ".join(linked) or "none")
    return linked
