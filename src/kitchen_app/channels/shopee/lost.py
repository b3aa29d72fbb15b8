"""Shopee's lost pushes (api notes B.4), read back by the relay: ``GET
/api/v2/push/get_lost_push_message`` (public call, signed with the partner key) answers up
to 100 unconfirmed pushes of the last three days, ``{"push_message_list": [{"shop_id",
"code", "timestamp", "data"}], "has_next_page", "last_message_id"}``; ``POST
/api/v2/push/confirm_consumed_lost_push_message {"last_message_id"}`` drops them, so the
relay sends it only once the page is committed. Each entry is the push's own body."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

from ..lost import LostContext, LostPage, LostUnavailable
from .client import DEFAULT_BASE_URL
from .signing import hmac_hex, public_base_string

__all__ = ["CONFIRM_PATH", "LIST_PATH", "read_lost_pushes"]

log = logging.getLogger(__name__)

LIST_PATH = "/api/v2/push/get_lost_push_message"
CONFIRM_PATH = "/api/v2/push/confirm_consumed_lost_push_message"
_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
_MAX_PAGES = 50  # one pass reads at most 5,000 pushes; the next pass goes on


def _signed(ctx: LostContext, path: str) -> dict[str, str | int]:
    text = ctx.client_id.strip()
    if not (text.isascii() and text.isdigit()):
        raise LostUnavailable(f"the Shopee partner id is not a number: {text!r}")
    timestamp = int(time.time())
    sign = hmac_hex(ctx.secret, public_base_string(int(text), path, timestamp))
    return {"partner_id": int(text), "timestamp": timestamp, "sign": sign}


async def _call(ctx: LostContext, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """The ``response`` object of one public call; LostUnavailable for anything else."""
    url = (ctx.base_url or DEFAULT_BASE_URL).rstrip("/") + path
    try:
        answer = await ctx.http.request(
            method, url, params=_signed(ctx, path), json=body, timeout=_TIMEOUT
        )
    except httpx.HTTPError as exc:
        raise LostUnavailable(f"Shopee could not be reached ({type(exc).__name__})") from None
    try:
        data = answer.json()
    except ValueError:
        raise LostUnavailable(f"Shopee answered {answer.status_code} without JSON") from None
    if not isinstance(data, dict):
        raise LostUnavailable(f"Shopee answered {answer.status_code} without a JSON object")
    error = data.get("error")
    if answer.status_code != 200 or error:
        raise LostUnavailable(f"Shopee refused {path} ({answer.status_code} {error or ''})")
    response = data.get("response")
    return response if isinstance(response, dict) else {}


async def read_lost_pushes(ctx: LostContext) -> AsyncIterator[LostPage]:
    for _ in range(_MAX_PAGES):
        listed = await _call(ctx, "GET", LIST_PATH)
        raw = listed.get("push_message_list")
        messages = [m for m in raw if isinstance(m, dict)] if isinstance(raw, list) else []
        last = listed.get("last_message_id")
        if not messages:
            return
        bodies = tuple(
            json.dumps(m, separators=(",", ":"), ensure_ascii=False).encode() for m in messages
        )
        if isinstance(last, bool) or not isinstance(last, int) or last <= 0:
            # Nothing to confirm them with: ingest them (dedupe makes a later pass harmless)
            # and stop, or the same page would come back for ever.
            log.warning("Shopee lost pushes without a last_message_id: not confirmed")
            yield LostPage(bodies)
            return

        async def confirm(last_id: int = last) -> None:
            await _call(ctx, "POST", CONFIRM_PATH, {"last_message_id": last_id})

        yield LostPage(bodies, confirm)
        if listed.get("has_next_page") is not True:
            return
