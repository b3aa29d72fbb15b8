"""Shopee pushes (api notes B.4; seed 003): the relay's rules (``ShopeeNotify``) and the desk's
one decode of a push into order refs (``refs_from_push``).

A push: ``{"data": {"ordersn", "status", "update_time", …}, "shop_id", "code", "timestamp"}``.
Read tolerantly: ``shop_id`` at the top level, else ``data.shop_id``; the sn in
``data.ordersn``, else ``data.order_sn``; numbers as JSON numbers or digit strings.

* Code 3 (order status) and 4 (tracking number) name one order → one ref, no call; code 3
  also carries the status and its ``update_time``, shown until the order is read.
* Codes 1, 2 and 12 (shop authorization) are the relay's business; other codes name no order.
* A code 3/4 push without an sn is unresolved (listed with its body), never dropped.

The relay's rules (``ShopeeNotify``): ``shop_id`` (positive integer; top-level, else
``data.shop_id``), ``code`` (integer) and ``data`` (object) are required; the topic is the
code as text, the resource the sn ("" if absent). The relay always answers 2xx with an empty
body, also for a push it cannot read or route (kept unrouted for diagnostics, never served):
Shopee counts anything else as a failure and suspends push below a 30 % success rate. With
the partner key set (relay setting ``shopee.partner_key``, ``KITCHEN_SHOPEE_PARTNER_KEY``),
an ``Authorization`` that is missing or does not match is the only refusal (401); it signs
the callback URL (``shopee.callback_url``, ``--shopee-callback-url``, when the relay sits
behind a proxy) + "|" + the body. Pushes carry no id: the dedupe key is the sha256 of the
canonical body (which is also why a signature cannot be replayed: it covers the whole body).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from kitchen_app.channels.base import (
    NOTHING_TO_CHECK,
    BadSignature,
    BadWebhook,
    EventRefs,
    Notification,
    Notify,
    OrderRef,
    RelayEvent,
    RelaySetting,
    SignatureCheck,
    Unresolved,
    WebhookRequest,
)
from kitchen_app.channels.webhook_reading import account_id, fingerprint
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.keys import OrderKey

from . import CHANNEL
from .mapping import unix_time
from .signing import push_signature

__all__ = [
    "AUTH_CODES",
    "NOTIFY",
    "ORDER_CODES",
    "PATH",
    "ShopeeNotify",
    "order_sn_of",
    "refs_from_push",
]

PATH = "/webhooks/shopee"
ORDER_STATUS = 3
TRACKING_NUMBER = 4
ORDER_CODES = frozenset({ORDER_STATUS, TRACKING_NUMBER})
AUTH_CODES = frozenset({1, 2, 12})  # shop (de)authorization, authorization expiry
INVALID_TOPIC = "invalid"  # the relay's topic for a push it could not read
PARTNER_KEY = "partner_key"  # relay settings shopee.partner_key and shopee.callback_url
CALLBACK_URL = "callback_url"


def order_sn_of(body: Mapping[str, Any]) -> str | None:
    data = body.get("data")
    if not isinstance(data, dict):
        return None
    for name in ("ordersn", "order_sn"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _code(body: Mapping[str, Any]) -> int | None:
    code = body.get("code")
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str) and code.strip().isdigit():
        return int(code.strip())
    return None


def refs_from_push(event: RelayEvent) -> EventRefs:
    """The orders a push names (no call). See the module docstring for the rules."""
    payload = event.payload
    if event.topic == INVALID_TOPIC:
        reason = payload.get("reason")
        return EventRefs(
            unresolved=Unresolved(f"Shopee push not readable: {reason or 'no reason'}", False)
        )
    code = _code(payload)
    if code is None and event.topic.strip().isdigit():
        code = int(event.topic.strip())
    if code not in ORDER_CODES:
        return EventRefs()  # authorization codes are the relay's; others name no order
    sn = order_sn_of(payload) or (event.resource.strip() or None)
    if sn is None:
        return EventRefs(
            unresolved=Unresolved(f"Shopee push code {code} without an order sn", False)
        )
    data = payload.get("data")
    status: StatusPair | None = None
    seen_at = None
    if code == ORDER_STATUS and isinstance(data, dict):
        raw_status = data.get("status")
        if isinstance(raw_status, str) and raw_status.strip():
            status = StatusPair(raw_status.strip())
            seen_at = unix_time(data.get("update_time"))
    return EventRefs(refs=(OrderRef(OrderKey(CHANNEL, sn), status, seen_at),))


class ShopeeNotify:
    """Shopee's push rules on the relay's side (``channels.base.Notify``)."""

    channel = CHANNEL
    path = PATH
    always_ack = True  # 2xx whatever the body: errors lower Shopee's success rate
    relay_settings: tuple[RelaySetting, ...] = (
        RelaySetting(PARTNER_KEY, "KITCHEN_SHOPEE_PARTNER_KEY"),
        RelaySetting(
            CALLBACK_URL, "KITCHEN_SHOPEE_CALLBACK_URL", "--shopee-callback-url", secret=False
        ),
    )

    def verify(
        self,
        request: WebhookRequest,
        settings: Mapping[str, str],
        *,
        now: float,
        max_age_seconds: float,
    ) -> SignatureCheck:
        key = settings.get(PARTNER_KEY)
        if not key:
            return NOTHING_TO_CHECK
        given = request.headers.get("authorization", "")
        if not given:
            raise BadSignature("Authorization header missing")
        url = settings.get(CALLBACK_URL) or request.url()
        expected = push_signature(key, url, request.body)
        if not hmac.compare_digest(expected.encode(), given.strip().lower().encode()):
            raise BadSignature("Authorization signature does not match")
        return SignatureCheck(verified=True)

    def parse(self, body: JSONObject, check: SignatureCheck) -> Notification:
        inner = body.get("data")
        # shop_id is top-level in the documented sample; read inside data as well (B.4).
        account = self.account_of(body)
        if account is None:
            raise BadWebhook("'shop_id' missing or not a positive integer")
        code = body.get("code")
        if not isinstance(code, int) or isinstance(code, bool):
            raise BadWebhook("'code' missing or not an integer")
        if not isinstance(inner, dict):
            raise BadWebhook("'data' missing or not an object")
        resource = order_sn_of(body) or ""  # data.ordersn, else data.order_sn
        dedupe = f"{CHANNEL}|sha256|{fingerprint(body)}"
        return Notification(str(code), resource, account, None, dedupe, check)

    def account_of(self, body: JSONObject) -> str | None:
        account = account_id(body.get("shop_id"))
        inner = body.get("data")
        if account is None and "shop_id" not in body and isinstance(inner, dict):
            account = account_id(inner.get("shop_id"))
        return account


NOTIFY: Notify = ShopeeNotify()  # typed: mypy checks ShopeeNotify against the protocol
