"""Shopee pushes (api notes B.4; seed 003): the relay's rules (``ShopeeNotify``) and the desk's
one decode of a push into order refs (``refs_from_push``).

A push: ``{"data": {"ordersn", "status", "update_time", …}, "shop_id", "code", "timestamp"}``.
Read tolerantly: ``shop_id`` at the top level, else ``data.shop_id``; the sn in
``data.ordersn``, else ``data.order_sn``; numbers as JSON numbers or digit strings.

* Code 3 (order status) and 4 (tracking number) name one order → one ref, no call; code 3
  also carries the status and its ``update_time``, shown until the order is read.
* Codes 1, 2 and 12 (shop authorization) are the relay's business; other codes name no order.
* A code 3/4 push without an sn is unresolved (listed with its body), never dropped.

The relay always answers 2xx with an empty body, also for a push it cannot read or route:
Shopee counts anything else as a failure and suspends push below a 30 % success rate. A
signature that does not match is the only refusal (401). Pushes carry no id: the dedupe key
is the sha256 of the canonical body.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from kitchen_app.channels.base import (
    BadWebhook,
    Check,
    EventRefs,
    Notification,
    Notify,
    OrderRef,
    RelayEvent,
    Unresolved,
    Verdict,
    WebhookRequest,
)
from kitchen_app.domain.flows import StatusPair
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.settings import SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

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
    "shop_id_of",
]

PATH = "/webhooks/shopee"
ORDER_STATUS = 3
TRACKING_NUMBER = 4
ORDER_CODES = frozenset({ORDER_STATUS, TRACKING_NUMBER})
AUTH_CODES = frozenset({1, 2, 12})  # shop (de)authorization, authorization expiry
INVALID_TOPIC = "invalid"  # the relay's topic for a push it could not read


def _positive(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 20:
        number = int(value.strip())
        return str(number) if number > 0 else None
    return None


def shop_id_of(body: Mapping[str, Any]) -> str | None:
    """``shop_id`` at the top level, else inside ``data``; as text, None when absent."""
    shop = _positive(body.get("shop_id"))
    data = body.get("data")
    if shop is None and isinstance(data, dict):
        shop = _positive(data.get("shop_id"))
    return shop


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
    ack_status = 200
    ack_body = b""  # Shopee: an empty body, or the push counts as failed
    keep_malformed = True  # 2xx and kept unrouted: errors lower Shopee's success rate
    relay_settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "partner_key",
            SettingKind.SECRET,
            "",
            QT_TRANSLATE_NOOP("shopee", "Shopee partner key"),
            QT_TRANSLATE_NOOP("shopee", "Checks the Authorization header of each push"),
        ),
        SettingSpec(
            "callback_url",
            SettingKind.URL,
            "",
            QT_TRANSLATE_NOOP("shopee", "Shopee callback URL"),
            QT_TRANSLATE_NOOP(
                "shopee", "The exact URL Shopee calls (it is signed), behind a proxy"
            ),
        ),
    )

    def verify(self, request: WebhookRequest, secrets: Mapping[str, str]) -> Check:
        key = secrets.get("partner_key", "")
        if not key:
            return Check(Verdict.VERIFIED, "no partner key configured: nothing to check")
        given = request.headers.get("authorization", "").strip().lower()
        if not given:
            return Check(Verdict.UNVERIFIED, "Authorization header missing")
        url = secrets.get("callback_url") or request.url
        expected = push_signature(key, url, request.body)
        if not hmac.compare_digest(expected.encode(), given.encode()):
            return Check(Verdict.REFUSED, "Authorization signature does not match")
        return Check(Verdict.VERIFIED)

    def parse(self, request: WebhookRequest) -> Notification:
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise BadWebhook("not JSON") from None
        if not isinstance(body, dict):
            raise BadWebhook("not a JSON object")
        code = _code(body)
        if code is None:
            raise BadWebhook("'code' missing or not an integer")
        if not isinstance(body.get("data"), dict):
            raise BadWebhook("'data' missing or not an object")
        return Notification(topic=str(code), resource=order_sn_of(body) or "", payload=body)

    def route_key(self, notification: Notification) -> str | None:
        return shop_id_of(notification.payload)

    def dedupe_key(self, notification: Notification, request: WebhookRequest) -> str:
        canonical = json.dumps(
            notification.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return f"{CHANNEL}|sha256|{hashlib.sha256(canonical.encode()).hexdigest()}"

    def replay_key(self, request: WebhookRequest) -> str | None:
        return None  # the signature covers the whole body: a replay is a duplicate


NOTIFY: Notify = ShopeeNotify()  # typed: mypy checks ShopeeNotify against the protocol
