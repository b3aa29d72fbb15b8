"""The generic half of reading a webhook: a plug-in's rules (``channels.base.Notify``: its
signature check and its reading of the body) turned into an IncomingEvent, or a reason to
refuse it. Pure: no I/O, so every rule is unit-testable.

``read_notification`` is the one way a marketplace notification body becomes an event: the
webhook routes use it, and ``notification_event`` (the same, keeping an unreadable body as
the route keeps it) for a body that reached the relay another way (read back from the
marketplace's API: lost_notifications.py); then ``EventHub.ingest``. Bodies must be strict
JSON (strict_json): whatever is refused here never reaches a group commit, so it can fail
nobody else.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kitchen_app.channels.base import (
    NOTHING_TO_CHECK,
    UNSIGNED,
    BadSignature,
    BadWebhook,
    Notify,
    SignatureCheck,
)
from kitchen_app.channels.webhook_reading import fingerprint
from kitchen_app.relay.eventlog import IncomingEvent
from kitchen_app.relay.strict_json import NotStrictJSON, compact, loads_strict

__all__ = [
    "NOTHING_TO_CHECK",
    "UNREADABLE_TOPIC",
    "UNSIGNED",
    "BadSignature",
    "BadWebhook",
    "SignatureCheck",
    "json_object",
    "notification_event",
    "read_notification",
    "unreadable_event",
]

# Topic of a body kept only for diagnostics (a marketplace that must always get its 2xx sent
# something unreadable): never routed to a store.
UNREADABLE_TOPIC = "invalid"


def json_object(body: bytes) -> dict[str, Any]:
    """The body as a strict-JSON object, else BadWebhook."""
    try:
        data = loads_strict(body)
    except NotStrictJSON as exc:
        raise BadWebhook(str(exc)) from None
    if not isinstance(data, dict):
        raise BadWebhook("body is not a JSON object")
    return data


def _no_nul(*texts: str | None) -> None:
    """A NUL character in a field the relay keeps in its own column (topic, resource, the
    notification id) is refused: PostgreSQL text cannot hold one, and both backends must
    answer a webhook the same way. No marketplace sends one; the payload column keeps
    JSON, where it is escaped."""
    if any(text is not None and "\x00" in text for text in texts):
        raise BadWebhook("NUL character in 'topic', 'resource' or '_id'")


def read_notification(
    notify: Notify, body: bytes, received_at: str, check: SignatureCheck = UNSIGNED
) -> IncomingEvent:
    """``body`` read by ``notify``'s rules, with what its signature proved (``check``, from
    ``notify.verify``; a notification fetched from the marketplace itself is
    ``NOTHING_TO_CHECK``). Raises BadWebhook (→ 400) or BadSignature (→ 401)."""
    data = json_object(body)
    notification = notify.parse(data, check)
    try:
        payload_json = compact(data)
    except NotStrictJSON as exc:
        raise BadWebhook(str(exc)) from None
    _no_nul(
        notification.topic,
        notification.resource,
        notification.dedupe_id,
        notification.dedupe_content,
    )
    signature = notification.check
    return IncomingEvent(
        channel=notify.channel,
        topic=notification.topic,
        resource=notification.resource,
        account_id=notification.account,
        payload_json=payload_json,
        received_at=received_at,
        dedupe_id=notification.dedupe_id,
        dedupe_content=notification.dedupe_content,
        verified=signature.verified,
        request_key=signature.request_key,
        fingerprint=fingerprint(data) if signature.request_key else None,
    )


def unreadable_event(channel: str, body: bytes, reason: str, received_at: str) -> IncomingEvent:
    """A body the relay could not read, kept unrouted for diagnostics (for a marketplace
    that disables endpoints answering errors, so it still gets a 2xx). The payload is ASCII
    JSON whatever the bytes were; the raw body's hash makes a resend one row."""
    text = body.decode("utf-8", errors="replace")
    payload = json.dumps({"invalid_body": text, "reason": reason}, separators=(",", ":"))
    return IncomingEvent(
        channel=channel,
        topic=UNREADABLE_TOPIC,
        resource="",
        account_id="",  # no store has an empty account: never routed, never served
        payload_json=payload,
        received_at=received_at,
        dedupe_id=None,
        dedupe_content=f"{channel}|invalid|{hashlib.sha256(body).hexdigest()}",
        verified=False,
    )


def notification_event(
    notify: Notify, body: bytes, received_at: str, signature: SignatureCheck
) -> IncomingEvent:
    """The event of one notification body, by the rules its webhook route reads it with —
    for a body that reached the relay another way (read back from the marketplace's API:
    lost_notifications.py). A body an ``always_ack`` marketplace's route would keep unrouted
    is kept unrouted (Shopee); the others raise BadWebhook, as the route refuses it."""
    try:
        return read_notification(notify, body, received_at, signature)
    except BadWebhook as exc:
        if not notify.always_ack:
            raise
        return unreadable_event(notify.channel, body, str(exc), received_at)
