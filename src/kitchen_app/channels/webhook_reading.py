"""Readers the plug-ins' webhook rules (``notify.py``) share: account ids, a body's content
fingerprint, and the ``{_id, topic, resource, user_id, sent}`` notification that Mercado Pago
Delivery and Mercado Libre both send (api notes mp-delivery §6.2, mercadolibre-shopee A.1)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from kitchen_app.channels.base import BadSignature, BadWebhook, Notification, SignatureCheck

__all__ = [
    "account_id",
    "fingerprint",
    "read_topic_notification",
    "resource_ids",
]

# Marketplace account ids are at most 19 digits (64-bit); a leading-zero form may be longer.
_MAX_ACCOUNT_ID = 2**63
_MAX_ACCOUNT_DIGITS = 40


def account_id(value: object) -> str | None:
    """Marketplace account ids are positive integers (JSON numbers or digit strings);
    returns their canonical text, or None when the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if 0 < value < _MAX_ACCOUNT_ID else None
    if isinstance(value, str):
        text = value.strip()
        # length first: int() of thousands of digits raises (and costs) before any compare
        if len(text) <= _MAX_ACCOUNT_DIGITS and text.isascii() and text.isdigit():
            number = int(text)
            if 0 < number < _MAX_ACCOUNT_ID:
                return str(number)
    return None


def fingerprint(data: Any) -> str:
    """A body's identity: the same content in any key order or spacing."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


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


def read_topic_notification(
    channel: str, data: Mapping[str, Any], check: SignatureCheck
) -> Notification:
    """``user_id`` is required (it routes the event). ``topic`` and ``resource`` are taken in
    every documented shape (§6.2: a bare id string, a number, ``/shipments/{id}``, whitespace
    around; ``topic`` missing) and served as strings ("" when missing or unusable).

    Deduplication: the same ``_id`` is one notification (retries keep it, only ``attempts``
    grows). Only a notification without ``_id`` (Mercado Libre's classic shape) is keyed on
    topic, resource and ``sent`` instead: two different notifications with ids may share a
    ``sent`` to the millisecond, and must both be kept.

    ``check.signed_id``: the id the signature covered; a body naming another id is refused
    (BadSignature), one naming none is kept unverified."""
    account = account_id(data.get("user_id"))
    if account is None:
        raise BadWebhook("'user_id' missing or not a positive integer")
    topic = _topic_text(data.get("topic"))
    resource = _resource_text(data.get("resource"))
    if check.signed_id is not None and check.request_key is not None:
        named = resource_ids(data)
        if named and check.signed_id.strip() not in named:
            raise BadSignature("the signed data.id is not the notification's resource")
        if not named:
            check = SignatureCheck(False, check.request_key, "body names no id")
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
    return Notification(topic, resource, account, dedupe_id, dedupe_content, check)
