"""Which channels take the relay's credentials (``<channel>.credentials``), the relink line
in the health, and a linked channel switched on without its pasted settings."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from kitchen_app.app.plugins import registry
from kitchen_app.channels.errors import AuthError, TransientError
from kitchen_app.channels.relay_credentials import RelayCredentials
from kitchen_app.engine.api import FeedState, FeedStatus, NullListener
from kitchen_app.engine.health import HealthMonitor, api_message
from kitchen_app.engine.links import LinkState, relay_wanted

CHANNELS = ("mp_delivery", "mercadolibre", "shopee")
RELAY = {"relay_url": "https://relay.example", "relay_token": "desk"}


def _links(**states: str) -> dict[str, LinkState]:
    return {channel: LinkState(channel, state) for channel, state in states.items()}


def test_auto_follows_the_relays_links() -> None:
    links = _links(mercadolibre="linked", shopee="expired", mp_delivery="unlinked")
    assert relay_wanted(RELAY, CHANNELS, links) == {"mercadolibre", "shopee"}
    # No relay configured: only pasted tokens can work, whatever the setting says.
    assert relay_wanted({"mercadolibre.credentials": "relay"}, CHANNELS, links) == set()


def test_relay_and_pasted_are_obeyed() -> None:
    settings = RELAY | {"mp_delivery.credentials": "relay", "mercadolibre.credentials": "pasted"}
    links = _links(mercadolibre="linked")
    assert relay_wanted(settings, CHANNELS, links) == {"mp_delivery"}


def test_a_relay_that_cannot_be_asked_means_pasted_tokens_unless_told_relay() -> None:
    assert relay_wanted(RELAY, CHANNELS, None) == set()
    settings = RELAY | {"shopee.credentials": "relay"}
    assert relay_wanted(settings, CHANNELS, None) == {"shopee"}


def test_a_refused_relay_token_reads_relink_a_pasted_one_does_not() -> None:
    expired = AuthError("link expired", code="link_expired")
    assert api_message("mercadolibre", expired, "Mercado Libre", linked=True) == (
        "Mercado Libre link expired — relink"
    )
    assert "Settings" in (api_message("mercadolibre", expired, "Mercado Libre") or "")
    desk_token = AuthError("refused", code="relay_token")
    assert "relink" not in (api_message("shopee", desk_token, "Shopee", linked=True) or "")
    monitor = HealthMonitor(NullListener(), lambda: datetime.now(UTC))
    monitor.relay_channels = {"mercadolibre"}
    monitor.feed(FeedState(FeedStatus.ONLINE))
    monitor.api_outcome("mercadolibre", expired)
    monitor.api_outcome("shopee", TransientError("down"))
    health = monitor.recompute()
    by_channel = {api.channel: api for api in health.apis}
    assert by_channel["mercadolibre"].relink and not by_channel["shopee"].relink


def test_a_linked_channel_needs_no_pasted_token_or_shop_id() -> None:
    reg = registry()
    settings = {"mercadolibre.user_id": "3430803000"}
    pasted = reg.create(settings, time_zone="GMT-3")
    assert set(pasted) == {"mercadolibre"}
    creds = {c: RelayCredentials("https://relay.example", "desk", c) for c in CHANNELS}
    made = reg.create(settings, time_zone="GMT-3", credentials=creds)
    # Mercado Pago (token), Shopee (shop id) and Mercado Libre (its seller is the linked
    # account, RelayCredentials.account) come on without their pasted settings.
    assert set(made) == set(CHANNELS)
    assert reg.enabled("mercadolibre", {}, custody=True)
    assert not reg.enabled("mercadolibre", {})

    async def close() -> None:
        for marketplace in (*pasted.values(), *made.values()):
            await marketplace.aclose()

    asyncio.run(close())
