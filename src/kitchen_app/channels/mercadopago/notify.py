"""Mercado Pago Delivery's webhook rules on the relay's side (api notes mp-delivery §6).

* Body ``{_id, topic, resource, user_id, sent, …}`` read as Mercado Libre's
  (``channels.webhook_reading``): route key ``user_id``, dedupe ``_id``, else topic +
  resource + ``sent``.
* Signature: ``x-signature`` (HMAC of the manifest, ``signature.py``) with the application's
  webhook secret (relay setting ``mp_delivery.webhook_secret``, ``--mp-webhook-secret`` or
  ``KITCHEN_MP_WEBHOOK_SECRET``). Without a secret nothing is checked. With one: no header →
  unverified (stored, flagged); a header that does not match → 401; a match → verified and
  bound to its ``x-request-id`` (the replay key) and to the URL's ``data.id``.
"""

from __future__ import annotations

from collections.abc import Mapping

from kitchen_app.channels.base import (
    NOTHING_TO_CHECK,
    UNSIGNED,
    BadSignature,
    Notification,
    Notify,
    RelaySetting,
    SignatureCheck,
    WebhookRequest,
)
from kitchen_app.channels.webhook_reading import account_id, read_topic_notification
from kitchen_app.domain.json import JSONObject

from . import CHANNEL
from . import signature as mp_signature

__all__ = [
    "ENV_SECRET",
    "NOTIFY",
    "PATH",
    "SECRET",
    "MercadoPagoNotify",
    "check_signature",
    "signature_check",
]

PATH = "/webhooks/mercadopago"
SECRET = "webhook_secret"  # the relay setting mp_delivery.webhook_secret
ENV_SECRET = "KITCHEN_MP_WEBHOOK_SECRET"

# How far a signed ``ts`` may be in the future (clock skew) and still count as verified.
_TS_FUTURE_SECONDS = 300.0


def check_signature(secret: str, headers: Mapping[str, str], query: Mapping[str, str]) -> None:
    """``x-signature`` (§6.4). The manifest's id is the URL's ``data.id`` query parameter
    when present; the request id is the ``x-request-id`` header. Raises BadSignature when
    the header is missing or does not match."""
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


def signature_check(
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
    key = f"{CHANNEL}|{request_id}" if request_id else None
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


class MercadoPagoNotify:
    """Mercado Pago Delivery's rules (``channels.base.Notify``)."""

    channel = CHANNEL
    path = PATH
    always_ack = False
    relay_settings: tuple[RelaySetting, ...] = (
        RelaySetting(SECRET, ENV_SECRET, flag="--mp-webhook-secret"),
    )

    def verify(
        self,
        request: WebhookRequest,
        settings: Mapping[str, str],
        *,
        now: float,
        max_age_seconds: float,
    ) -> SignatureCheck:
        secret = settings.get(SECRET)
        if not secret:
            return NOTHING_TO_CHECK
        # parse the query string only when it can hold data.id (most webhooks have none)
        query = request.query() if request.has_query("data.id") else {}
        check = signature_check(
            secret, request.headers, query, now=now, max_age_seconds=max_age_seconds
        )
        signed_id = query.get("data.id") or None
        if signed_id is None:
            return check
        return SignatureCheck(check.verified, check.request_key, check.note, signed_id)

    def parse(self, body: JSONObject, check: SignatureCheck) -> Notification:
        return read_topic_notification(CHANNEL, body, check)

    def account_of(self, body: JSONObject) -> str | None:
        return account_id(body.get("user_id"))


NOTIFY: Notify = MercadoPagoNotify()  # typed: mypy checks it against the protocol
