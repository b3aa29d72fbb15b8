"""RelayCredentials against a stand-in relay written from the documented shapes
(tests/relay_standin.py): caching, one report per refused token, link expired, the relay
away, and Shopee calls signed by the relay with a key the desk never sees."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest
from tests.relay_standin import DESK_TOKEN, CustodyStandIn

from kitchen_app.channels.errors import AuthError, TransientError
from kitchen_app.channels.relay_credentials import REFRESH_MARGIN_S, RelayCredentials

T = TypeVar("T")


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def relay() -> Iterator[CustodyStandIn]:
    standin = CustodyStandIn()
    standin.start()
    yield standin
    standin.stop()


def run(make: Callable[[RelayCredentials], Awaitable[T]], creds: RelayCredentials) -> T:
    async def go() -> T:
        try:
            return await make(creds)
        finally:
            await creds.aclose()

    return asyncio.run(go())


def test_the_token_is_kept_until_two_minutes_before_it_expires(relay: CustodyStandIn) -> None:
    held = relay.link("mercadolibre", lifetime_s=3600)
    clock = Clock()
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre", clock=clock)
    expires = held.expires_at.timestamp()

    async def scenario(c: RelayCredentials) -> list[str]:
        seen = [await c.access_token(), await c.access_token()]
        assert relay.count("credentials") == 1
        clock.now = expires - REFRESH_MARGIN_S - 1
        seen.append(await c.access_token())
        assert relay.count("credentials") == 1  # still cached
        relay.link("mercadolibre", token="ml-next")
        clock.now = expires - REFRESH_MARGIN_S + 1
        seen.append(await c.access_token())
        assert relay.count("credentials") == 2  # asked again inside the margin
        return seen

    seen = run(scenario, creds)
    assert seen == [held.access_token] * 3 + ["ml-next"]


def test_a_refused_token_is_reported_once_then_auth_error(relay: CustodyStandIn) -> None:
    first = relay.link("mercadolibre")
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre")

    async def scenario(c: RelayCredentials) -> None:
        assert await c.access_token() == first.access_token
        await c.rejected()  # the marketplace answered 401 with it
        assert relay.rejected_bodies == [{"access_token": first.access_token}]
        second = await c.access_token()
        assert second != first.access_token
        assert relay.count("credentials") == 1  # /rejected answered the new token
        # The relay has nothing newer: the same token comes back, so the link is broken.
        relay.refresh = lambda channel: relay.held[channel]
        with pytest.raises(AuthError) as caught:
            await c.rejected()
        assert caught.value.code == "link_expired"
        assert relay.count("rejected") == 2
        with pytest.raises(AuthError):  # never a loop of reports for one token
            await c.rejected()
        assert relay.count("rejected") == 2

    run(scenario, creds)


def test_an_expired_link_and_no_link_are_auth_errors(relay: CustodyStandIn) -> None:
    relay.link("mercadolibre")
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre")

    async def scenario(c: RelayCredentials) -> None:
        await c.access_token()
        relay.states["mercadolibre"] = "expired"
        with pytest.raises(AuthError) as caught:
            await c.rejected()
        assert caught.value.code == "link_expired" and caught.value.status == 409
        with pytest.raises(AuthError) as again:
            await c.access_token()  # nothing cached after the relay said so
        assert again.value.code == "link_expired"

    run(scenario, creds)
    nothing = RelayCredentials(relay.url, DESK_TOKEN, "shopee")
    with pytest.raises(AuthError) as caught:
        run(lambda c: c.access_token(), nothing)
    assert caught.value.code == "not_linked"
    stranger = RelayCredentials(relay.url, "another-desk", "mercadolibre")
    with pytest.raises(AuthError) as refused:
        run(lambda c: c.access_token(), stranger)
    assert refused.value.code == "relay_token"


def test_the_relay_away_keeps_a_living_token(relay: CustodyStandIn) -> None:
    held = relay.link("mp_delivery", lifetime_s=600)
    clock = Clock()
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mp_delivery", clock=clock)

    async def scenario(c: RelayCredentials) -> None:
        assert await c.access_token() == held.access_token
        relay.unavailable = True
        clock.now = held.expires_at.timestamp() - 60  # inside the margin, not yet expired
        assert await c.access_token() == held.access_token
        clock.now = held.expires_at.timestamp() + 1
        with pytest.raises(TransientError):
            await c.access_token()

    run(scenario, creds)


def test_shopee_calls_are_signed_by_the_relay(relay: CustodyStandIn) -> None:
    held = relay.link("shopee")
    creds = RelayCredentials(relay.url, DESK_TOKEN, "shopee")
    path, ts = "/api/v2/order/get_order_list", int(time.time())
    signed = run(lambda c: c.sign_call(path, ts, 0, 0), creds)
    assert (signed.partner_id, signed.shop_id) == (relay.partner_id, relay.shop_id)
    assert signed.access_token == held.access_token
    # Recomputed here with the key only the stand-in holds (the desk sent none).
    base = f"{relay.partner_id}{path}{ts}{held.access_token}{relay.shop_id}"
    expected = hmac.new(relay.partner_key.encode(), base.encode(), hashlib.sha256).hexdigest()
    assert signed.sign == expected
    assert relay.count("sign") == 1
    # A 401 on a signed call reports the token the signature carried.
    run(lambda c: _sign_then_reject(c, path, ts), RelayCredentials(relay.url, DESK_TOKEN, "shopee"))
    assert relay.rejected_bodies[-1] == {"access_token": held.access_token}


async def _sign_then_reject(c: RelayCredentials, path: str, ts: int) -> None:
    await c.sign_call(path, ts, 0, 0)
    await c.rejected()


def test_the_linked_account_is_read_once_from_the_links(relay: CustodyStandIn) -> None:
    relay.link("mercadolibre")
    relay.accounts["mercadolibre"] = "3430803000"
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre")

    async def scenario(c: RelayCredentials) -> list[str | None]:
        return [await c.account(), await c.account()]

    assert run(scenario, creds) == ["3430803000", "3430803000"]
    assert relay.count("links") == 1
    # Given when the engine read the links already: not asked again.
    given = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre", account="77")
    assert run(lambda c: c.account(), given) == "77"
    assert relay.count("links") == 1


def test_never_a_secret_in_its_repr(relay: CustodyStandIn) -> None:
    relay.link("mercadolibre", token="ml-secret-token")
    creds = RelayCredentials(relay.url, DESK_TOKEN, "mercadolibre")
    run(lambda c: c.access_token(), creds)
    assert "secret" not in repr(creds) and DESK_TOKEN not in repr(creds)
