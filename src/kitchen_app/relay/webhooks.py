"""Turning a marketplace's webhook (raw body + headers) into an IncomingEvent, or a reason
to refuse it. Pure: no I/O, so every rule is unit-testable.

Bodies: Mercado Pago Delivery and Mercado Libre send ``{"_id", "topic", "resource",
"user_id", "sent", ...}`` (api notes mp-delivery §6.2, mercadolibre-shopee A.1); Shopee sends
``{"shop_id", "code", "data", "timestamp"}`` (B.4).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from typing import Any

from kitchen_app import mp_signature
from kitchen_app.relay.eventlog import IncomingEvent
from kitchen_app.relay.stores import normalise_account_id
from kitchen_app.relay_protocol import CHANNEL_MERCADOLIBRE, CHANNEL_MP_DELIVERY, CHANNEL_SHOPEE

__all__ = [
    "BadSignature",
    "BadWebhook",
    "check_mp_signature",
    "check_shopee_signature",
    "parse_marketplace_notification",
    "parse_shopee_push",
]

log = logging.getLogger(__name__)


class BadWebhook(ValueError):
    """Not JSON, or a required field missing or of the wrong type (→ 400)."""


class BadSignature(ValueError):
    """Signature missing or wrong (→ 401)."""


def check_mp_signature(secret: str, headers: Mapping[str, str], query: Mapping[str, str]) -> None:
    """Mercado Pago's ``x-signature`` (§6.4). The manifest's id is the URL's ``data.id``
    query parameter when present; the request id is the ``x-request-id`` header."""
    header = headers.get("x-signature")
    if not header:
        raise BadSignature("x-signature header missing")
    if not mp_signature.verify(
        secret, header, headers.get("x-request-id"), query.get("data.id") or None
    ):
        raise BadSignature("x-signature does not match")


def check_shopee_signature(partner_key: str, callback_url: str, body: bytes, auth: str) -> None:
    """Shopee: ``Authorization`` = hex HMAC-SHA256(partner_key, callback_url + "|" + body)."""
    if not auth:
        raise BadSignature("Authorization header missing")
    expected = hmac.new(
        partner_key.encode(), callback_url.encode() + b"|" + body, hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected, auth.strip().lower()):
        raise BadSignature("Authorization signature does not match")


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise BadWebhook("body is not JSON") from None
    if not isinstance(data, dict):
        raise BadWebhook("body is not a JSON object")
    return data


def _text_field(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadWebhook(f"{key!r} missing or not a string")
    return value


def _compact(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def parse_marketplace_notification(channel: str, body: bytes, received_at: str) -> IncomingEvent:
    """MP Delivery / Mercado Libre: ``topic``, ``resource`` and ``user_id`` are required.

    Deduplication: the same ``_id`` is one notification (retries keep it, only ``attempts``
    grows). Only a notification without ``_id`` (Mercado Libre's classic shape) is keyed on
    topic, resource and ``sent`` instead: two different notifications with ids may share a
    ``sent`` to the millisecond, and must both be kept.
    """
    assert channel in (CHANNEL_MP_DELIVERY, CHANNEL_MERCADOLIBRE)
    data = _json_object(body)
    topic = _text_field(data, "topic")
    resource = _text_field(data, "resource")
    account = normalise_account_id(data.get("user_id"))
    if account is None:
        raise BadWebhook("'user_id' missing or not a positive integer")
    notification_id = data.get("_id")
    dedupe_id = (
        f"{channel}|id|{notification_id}"
        if isinstance(notification_id, str) and notification_id
        else None
    )
    sent = data.get("sent")
    dedupe_content = (
        f"{channel}|trs|{topic}|{resource}|{sent}"
        if dedupe_id is None and isinstance(sent, str) and sent
        else None
    )
    return IncomingEvent(
        channel=channel,
        topic=topic,
        resource=resource,
        account_id=account,
        payload_json=_compact(data),
        received_at=received_at,
        dedupe_id=dedupe_id,
        dedupe_content=dedupe_content,
    )


def parse_shopee_push(body: bytes, received_at: str) -> IncomingEvent:
    """Shopee: ``shop_id`` (positive integer), ``code`` (integer) and ``data`` (object) are
    required. The topic is the code as text, the resource ``data.ordersn`` ("" if absent).
    Pushes carry no id: one with the same content as a stored one is a duplicate."""
    data = _json_object(body)
    account = normalise_account_id(data.get("shop_id"))
    if account is None:
        raise BadWebhook("'shop_id' missing or not a positive integer")
    code = data.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        raise BadWebhook("'code' missing or not an integer")
    inner = data.get("data")
    if not isinstance(inner, dict):
        raise BadWebhook("'data' missing or not an object")
    ordersn = inner.get("ordersn")
    resource = ordersn if isinstance(ordersn, str) else ""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return IncomingEvent(
        channel=CHANNEL_SHOPEE,
        topic=str(code),
        resource=resource,
        account_id=account,
        payload_json=_compact(data),
        received_at=received_at,
        dedupe_id=None,
        dedupe_content=f"{CHANNEL_SHOPEE}|sha256|{digest}",
    )
