"""Mercado Libre's missed feeds (api notes A.1), read back by the relay: ``GET
/missed_feeds?app_id=<client id>&offset=&limit=`` holds the notifications that never got a
200 (two days). The envelope's paging fields are UNKNOWN, so pages are read until a short
one. Each message is ingested as the notification it was: its ``request`` and ``response``
(how the delivery failed) are left out; no confirmation exists, so later passes read the
same messages again and the relay's dedupe (``_id``, else topic + resource + ``sent``)
keeps one copy.

Which token (UNKNOWN in the notes): the feed is the application's, not a seller's, so any
linked seller's access token is used — the relay hands the first linked store's.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from ..errors import ChannelError
from ..lost import LostContext, LostPage, LostUnavailable
from .client import DEFAULT_BASE_URL, MercadoLibreClient

__all__ = ["PAGE_SIZE", "read_missed_feeds"]

PAGE_SIZE = 10  # the documented default; a larger limit is not documented
_MAX_PAGES = 200  # one pass reads at most 2,000 messages; the next pass goes on
_DELIVERY_FIELDS = ("request", "response")


def notification_body(message: dict[str, Any]) -> bytes:
    body = {k: v for k, v in message.items() if k not in _DELIVERY_FIELDS}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


async def read_missed_feeds(ctx: LostContext) -> AsyncIterator[LostPage]:
    token = await ctx.access_token()
    if token is None:
        return  # no seller linked: no token to ask with
    client = MercadoLibreClient.with_token(
        ctx.base_url or DEFAULT_BASE_URL, token, http=ctx.http, max_retries=1
    )
    offset = 0
    for _ in range(_MAX_PAGES):
        try:
            messages = await client.missed_feeds(ctx.client_id, offset=offset, limit=PAGE_SIZE)
        except ChannelError as exc:
            raise LostUnavailable(f"Mercado Libre missed feeds: {exc.message}") from None
        if messages:
            yield LostPage(tuple(notification_body(m) for m in messages))
        if len(messages) < PAGE_SIZE:
            return
        offset += len(messages)
