"""Turning a marketplace's webhook (raw body + headers) into an IncomingEvent, or a reason
to refuse it. Pure: no I/O, so every rule is unit-testable.

Bodies: Mercado Pago Delivery and Mercado Libre send ``{"_id", "topic", "resource",
"user_id", "sent", ...}`` (api notes mp-delivery §6.2, mercadolibre-shopee A.1); Shopee sends
``{"shop_id", "code", "data", "timestamp"}`` (B.4). Bodies must be strict JSON (strict_json):
whatever is refused here never reaches a group commit, so it can fail nobody else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kitchen_app.channels.mercadopago import signature as mp_signature
from kitchen_app.channels.shopee.notify import order_sn_of
from kitchen_app.relay.eventlog import IncomingEvent
from kitchen_app.relay.marketplaces import CHANNEL_MERCADOLIBRE, CHANNEL_MP_DELIVERY, CHANNEL_SHOPEE
from kitchen_app.relay.stores import normalise_account_id
from kitchen_app.relay.strict_json import NotStrictJSON, compact, loads_strict

__all__ = [
    "UNSIGNED",
    "BadSignature",
    "BadWebhook",
    "SignatureCheck",
    "check_mp_signature",
    "check_shopee_signature",
    "invalid_shopee_push",
    "mp_signature_check",
    "notification_event",
    "parse_marketplace_notification",
    "parse_shopee_push",
    "resource_ids",
]

log = logging.getLogger(__name__)

# How far a signed ``ts`` may be in the future (clock skew) and still count as verified.
_TS_FUTURE_SECONDS = 300.0


class BadWebhook(ValueError):
    """Not strict JSON, or a required field missing or of the wrong type (→ 400)."""


class BadSignature(ValueError):
    """Signature wrong, or a signed request id reused with another body (→ 401)."""


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a webhook's signature proved. ``request_key`` binds a verified signature to its
    body: the same key with another body is a replay (refused at commit time)."""

    verified: bool
    request_key: str | None = None
    note: str = ""


UNSIGNED = SignatureCheck(verified=False, note="no signature")
# A route with nothing to check: no secret configured (the operator accepts unsigned webhooks,
# DESIGN §5) or a marketplace that signs nothing (Mercado Libre). "Unverified" is kept for a
# signature that was expected and is missing or stale, so the desk treats only those events as
# mere hints; an event on an unchecked route is the order's announcement like any other.
NOTHING_TO_CHECK = SignatureCheck(verified=True, note="no signature configured")


def check_mp_signature(secret: str, headers: Mapping[str, str], query: Mapping[str, str]) -> None:
    """Mercado Pago's ``x-signature`` (§6.4). The manifest's id is the URL's ``data.id``
    query parameter when present; the request id is the ``x-request-id`` header. Raises
    BadSignature when the header is missing or does not match."""
    header = headers.get("x-signature")
    if not header:
        raise BadSignature("x-signature header missing")
    if not mp_signature.verify(
        secret, header, headers.get("x-request-id"), query.get("data.id") or None
    ):
        raise BadSignature("x-signature does not match")


def _ts_seconds(ts: str) -> float | None:
    """``ts`` as epoch seconds: 13+ digits are milliseconds, fewer are seconds (the docs say
    ms, their own example is seconds, §6.4)."""
    text = ts.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 16:
        return None
    value = int(text)
    return value / 1000 if len(text) >= 13 else float(value)


def mp_signature_check(
    secret: str,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    *,
    now: float,
    max_age_seconds: float,
) -> SignatureCheck:
    """The relay's rule (DESIGN §5, mp-delivery §6.4): no ``x-signature`` → unverified (stored,
    flagged); a header that does not match → BadSignature; a match → verified, bound to its
    ``x-request-id``. A ``ts`` older than ``max_age_seconds`` (how long the relay remembers
    request ids) or from the future → unverified: the relay can no longer prove the pair was
    not used before, but a genuine late retry must still arrive."""
    header = headers.get("x-signature")
    if not header:
        return UNSIGNED
    request_id = headers.get("x-request-id") or None
    if not mp_signature.verify(secret, header, request_id, query.get("data.id") or None):
        raise BadSignature("x-signature does not match")
    ts, _ = mp_signature.parse_header(header)
    key = f"{CHANNEL_MP_DELIVERY}|{request_id}" if request_id else None
    when = _ts_seconds(ts)
    if when is None:
        return SignatureCheck(False, key, "ts is not a number")
    if when > now + _TS_FUTURE_SECONDS:
        return SignatureCheck(False, key, "ts is in the future")
    if when < now - max_age_seconds:
        return SignatureCheck(False, key, "ts older than the replay window")
    if key is None:
        return SignatureCheck(False, None, "no x-request-id")
    return SignatureCheck(True, key)


def check_shopee_signature(partner_key: str, callback_url: str, body: bytes, auth: str) -> None:
    """Shopee: ``Authorization`` = hex HMAC-SHA256(partner_key, callback_url + "|" + body)."""
    if not auth:
        raise BadSignature("Authorization header missing")
    expected = hmac.new(
        partner_key.encode(), callback_url.encode() + b"|" + body, hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected.encode(), auth.strip().lower().encode()):
        raise BadSignature("Authorization signature does not match")


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = loads_strict(body)
    except NotStrictJSON as exc:
        raise BadWebhook(str(exc)) from None
    if not isinstance(data, dict):
        raise BadWebhook("body is not a JSON object")
    return data


def _compact(data: Any) -> str:
    try:
        return compact(data)
    except NotStrictJSON as exc:
        raise BadWebhook(str(exc)) from None


def _fingerprint(data: Any) -> str:
    """The body's identity for replay checks: same content in any key order or spacing."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _no_nul(*texts: str | None) -> None:
    """A NUL character in a field the relay keeps in its own column (topic, resource, the
    notification id) is refused: PostgreSQL text cannot hold one, and both backends must
    answer a webhook the same way. No marketplace sends one; the payload column keeps
    JSON, where it is escaped."""
    if any(text is not None and "\x00" in text for text in texts):
        raise BadWebhook("NUL character in 'topic', 'resource' or '_id'")


def _resource_text(value: Any) -> str:
    """``resource`` as served: a string trimmed of surrounding whitespace, a JSON number as
    its decimal text, anything else (missing, null, object…) as "" (an unresolved
    notification the desk lists, never a refusal: mp-delivery §6.2)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _topic_text(value: Any) -> str:
    """``topic`` may be missing (or null): served as "". Present, it must be a string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    raise BadWebhook("'topic' is not a string")


def resource_ids(data: Mapping[str, Any]) -> set[str]:
    """Ids a notification body names: ``data.id`` and the resource's last path segment
    (``/shipments/123``, ``"123"``, ``123``). Used to bind a signed ``data.id``."""
    ids: set[str] = set()
    inner = data.get("data")
    if isinstance(inner, dict):
        value = inner.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            ids.add(str(value).strip())
    resource = _resource_text(data.get("resource")).strip("\"'")
    last = resource.rstrip("/").rsplit("/", 1)[-1]
    if last:
        ids.add(last)
    return ids


def parse_marketplace_notification(
    channel: str,
    body: bytes,
    received_at: str,
    signature: SignatureCheck = UNSIGNED,
    *,
    signed_data_id: str | None = None,
) -> IncomingEvent:
    """MP Delivery / Mercado Libre: ``user_id`` is required (it routes the event). ``topic``
    and ``resource`` are taken in every documented shape (§6.2: a bare id string, a number,
    ``/shipments/{id}``, whitespace around; ``topic`` missing) and served as strings (""
    when missing or unusable).

    Deduplication: the same ``_id`` is one notification (retries keep it, only ``attempts``
    grows). Only a notification without ``_id`` (Mercado Libre's classic shape) is keyed on
    topic, resource and ``sent`` instead: two different notifications with ids may share a
    ``sent`` to the millisecond, and must both be kept.

    ``signed_data_id``: the ``data.id`` the signature covered; a body naming another id is
    refused (BadSignature), one naming none is kept unverified.
    """
    assert channel in (CHANNEL_MP_DELIVERY, CHANNEL_MERCADOLIBRE)
    data = _json_object(body)
    account = normalise_account_id(data.get("user_id"))
    if account is None:
        raise BadWebhook("'user_id' missing or not a positive integer")
    topic = _topic_text(data.get("topic"))
    resource = _resource_text(data.get("resource"))
    payload_json = _compact(data)
    if signed_data_id is not None and signature.request_key is not None:
        named = resource_ids(data)
        if named and signed_data_id.strip() not in named:
            raise BadSignature("the signed data.id is not the notification's resource")
        if not named:
            signature = SignatureCheck(False, signature.request_key, "body names no id")
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
    _no_nul(topic, resource, dedupe_id, dedupe_content)
    return IncomingEvent(
        channel=channel,
        topic=topic,
        resource=resource,
        account_id=account,
        payload_json=payload_json,
        received_at=received_at,
        dedupe_id=dedupe_id,
        dedupe_content=dedupe_content,
        verified=signature.verified,
        request_key=signature.request_key,
        fingerprint=_fingerprint(data) if signature.request_key else None,
    )


def parse_shopee_push(
    body: bytes, received_at: str, signature: SignatureCheck = UNSIGNED
) -> IncomingEvent:
    """Shopee: ``shop_id`` (positive integer; top-level, else ``data.shop_id``), ``code``
    (integer) and ``data`` (object) are required. The topic is the code as text, the resource
    ``data.ordersn`` (else ``data.order_sn``; "" if absent).
    Pushes carry no id: one with the same content as a stored one is a duplicate (which is
    also why a Shopee signature cannot be replayed: it covers the whole body)."""
    data = _json_object(body)
    inner = data.get("data")
    # shop_id is top-level in the documented sample; read inside data as well (api notes B.4).
    account = normalise_account_id(data.get("shop_id"))
    if account is None and "shop_id" not in data and isinstance(inner, dict):
        account = normalise_account_id(inner.get("shop_id"))
    if account is None:
        raise BadWebhook("'shop_id' missing or not a positive integer")
    code = data.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        raise BadWebhook("'code' missing or not an integer")
    if not isinstance(inner, dict):
        raise BadWebhook("'data' missing or not an object")
    ordersn = order_sn_of(data)  # data.ordersn, else data.order_sn
    resource = ordersn or ""
    _no_nul(resource)
    payload_json = _compact(data)
    return IncomingEvent(
        channel=CHANNEL_SHOPEE,
        topic=str(code),
        resource=resource,
        account_id=account,
        payload_json=payload_json,
        received_at=received_at,
        dedupe_id=None,
        dedupe_content=f"{CHANNEL_SHOPEE}|sha256|{_fingerprint(data)}",
        verified=signature.verified,
    )


# Topic of a Shopee push kept only for diagnostics: never routed to a store.
INVALID_TOPIC = "invalid"


def invalid_shopee_push(body: bytes, reason: str, received_at: str) -> IncomingEvent:
    """A Shopee push the relay could not read, kept unrouted for diagnostics (Shopee disables
    push for endpoints that answer errors, so it still gets a 2xx). The payload is ASCII
    JSON whatever the bytes were; the raw body's hash makes a resend one row."""
    text = body.decode("utf-8", errors="replace")
    payload = json.dumps({"invalid_body": text, "reason": reason}, separators=(",", ":"))
    return IncomingEvent(
        channel=CHANNEL_SHOPEE,
        topic=INVALID_TOPIC,
        resource="",
        account_id="",  # no store has an empty account: never routed, never served
        payload_json=payload,
        received_at=received_at,
        dedupe_id=None,
        dedupe_content=f"{CHANNEL_SHOPEE}|invalid|{hashlib.sha256(body).hexdigest()}",
        verified=False,
    )


def notification_event(
    channel: str, body: bytes, received_at: str, signature: SignatureCheck
) -> IncomingEvent:
    """The event of one notification body, by the rules its webhook route reads it with —
    for a body that reached the relay another way (read back from the marketplace's API:
    lost_notifications.py). A Shopee body it cannot read is kept unrouted, as the route
    keeps it; Mercado Pago and Mercado Libre raise BadWebhook, as the route refuses it."""
    if channel == CHANNEL_SHOPEE:
        try:
            return parse_shopee_push(body, received_at, signature)
        except BadWebhook as exc:
            return invalid_shopee_push(body, str(exc), received_at)
    return parse_marketplace_notification(channel, body, received_at, signature)
