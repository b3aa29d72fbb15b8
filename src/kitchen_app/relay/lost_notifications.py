"""Notifications the marketplaces could not deliver, read back with the custody's
credentials every few minutes (issue 13): each linkable marketplace whose plug-in has a
``lost`` reader (Shopee's lost pushes, Mercado Libre's missed feeds; channels/lost.py).

Each body read back goes the way its webhook would have gone: the route's parsing rules
(``webhooks.notification_event``) and ``EventHub.ingest`` — the same dedupe, the same routing
by account (shop_id, user_id). It is marked verified: it came from the marketplace's own API
over TLS with the application's credentials, not from whoever can reach the webhook route.
A page is confirmed to the marketplace only after every body of it is committed; a body
that cannot be committed ends the pass without confirming (the next pass reads it again).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

import httpx

from kitchen_app.channels.base import Notify
from kitchen_app.channels.lost import LostContext, LostUnavailable
from kitchen_app.relay.custody_setup import CustodySetup, LinkChannel
from kitchen_app.relay.hub import EventHub, UnstorableEvent
from kitchen_app.relay.sqlite_log import utc_now_iso
from kitchen_app.relay.webhooks import BadWebhook, SignatureCheck, notification_event

__all__ = ["FROM_MARKETPLACE_API", "LOST_CHECK_SECONDS", "LostNotifications"]

log = logging.getLogger(__name__)

LOST_CHECK_SECONDS = 180.0  # how often the marketplaces are asked (RelayConfig overrides)
FROM_MARKETPLACE_API = SignatureCheck(verified=True, note="read from the marketplace's API")

TokenSource = Callable[[str], Awaitable[str | None]]  # channel -> a linked store's token


class LostNotifications:
    def __init__(
        self,
        setup: CustodySetup,
        hub: EventHub,
        access_token: TokenSource,
        *,
        http: httpx.AsyncClient,
        interval_seconds: float = LOST_CHECK_SECONDS,
        webhooks: Sequence[Notify] = (),
    ) -> None:
        # channel -> its webhook rules: a body read back is read as its webhook would be
        self._rules = {n.channel: n for n in webhooks}
        self._channels = tuple(
            c
            for c in setup.channels
            if c.plugin.lost is not None and c.plugin.channel in self._rules
        )
        self._hub = hub
        self._access_token = access_token
        self._http = http
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c.plugin.channel for c in self._channels)

    async def start(self) -> None:
        if self._channels:
            self._task = asyncio.create_task(self._loop(), name="lost-notifications")
            log.info("lost notifications read back every %.0f s: %s", self._interval, self.channels)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self._interval)

    async def run_once(self) -> int:
        """One pass over every marketplace; the number of bodies ingested (duplicates
        included). Never raises: a failed marketplace is logged and asked again next pass."""
        total = 0
        for channel in self._channels:
            try:
                total += await self._recover(channel)
            except LostUnavailable as exc:
                log.warning("%s: lost notifications not read: %s", channel.plugin.name, exc)
            except Exception:  # a bug must not stop the next passes
                log.exception("%s: lost notifications pass failed", channel.plugin.name)
        return total

    async def _recover(self, channel: LinkChannel) -> int:
        name = channel.plugin.channel
        reader = channel.plugin.lost
        assert reader is not None

        async def token() -> str | None:
            return await self._access_token(name)

        context = LostContext(
            channel.app.client_id, channel.app.secret, channel.base_url, self._http, token
        )
        count = 0
        async for page in reader(context):
            for body in page.bodies:
                await self._ingest(name, body)
                count += 1
            if page.confirm is not None:
                await page.confirm()  # every body of the page is committed by now
        if count:
            log.info("%s: %d lost notifications read back", channel.plugin.name, count)
        return count

    async def _ingest(self, channel: str, body: bytes) -> None:
        """One body as its webhook would be taken; raises (ending the pass, unconfirmed)
        when it could not be committed."""
        try:
            event = notification_event(
                self._rules[channel], body, utc_now_iso(), FROM_MARKETPLACE_API
            )
        except BadWebhook as exc:
            # The route would refuse it too; the marketplace would never resend it better.
            log.warning("%s lost notification unreadable, skipped: %s", channel, exc)
            return
        try:
            result = await self._hub.ingest(event)
        except UnstorableEvent as exc:
            log.warning("%s lost notification not storable, skipped: %s", channel, exc)
            return
        if result.store_id is None and event.account_id:
            log.warning(
                "lost %s notification for unknown account %s kept unrouted (event %d)",
                channel,
                event.account_id,
                result.event_id,
            )
