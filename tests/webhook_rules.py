"""The plug-ins' webhook rules called the way the relay's routes call them (verify, then
``read_notification``), for unit tests of one rule at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kitchen_app.channels.base import UNSIGNED, SignatureCheck
from kitchen_app.channels.mercadolibre.notify import NOTIFY as ML_NOTIFY
from kitchen_app.channels.mercadopago.notify import NOTIFY as MP_NOTIFY
from kitchen_app.channels.shopee.notify import NOTIFY as SHOPEE_NOTIFY
from kitchen_app.relay.eventlog import IncomingEvent
from kitchen_app.relay.webhooks import read_notification, unreadable_event

_BY_CHANNEL = {MP_NOTIFY.channel: MP_NOTIFY, ML_NOTIFY.channel: ML_NOTIFY}


@dataclass
class FakeWebhook:
    """A ``channels.base.WebhookRequest`` built in a test."""

    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    query_params: Mapping[str, str] = field(default_factory=dict)
    address: str = "http://relay/webhooks"

    def has_query(self, name: str) -> bool:
        return name in self.query_params

    def query(self) -> Mapping[str, str]:
        return self.query_params

    def url(self) -> str:
        return self.address


def parse_marketplace_notification(
    channel: str,
    body: bytes,
    received_at: str,
    signature: SignatureCheck = UNSIGNED,
    *,
    signed_data_id: str | None = None,
) -> IncomingEvent:
    check = replace(signature, signed_id=signed_data_id)
    return read_notification(_BY_CHANNEL[channel], body, received_at, check)


def parse_shopee_push(
    body: bytes, received_at: str, signature: SignatureCheck = UNSIGNED
) -> IncomingEvent:
    return read_notification(SHOPEE_NOTIFY, body, received_at, signature)


def invalid_shopee_push(body: bytes, reason: str, received_at: str) -> IncomingEvent:
    return unreadable_event(SHOPEE_NOTIFY.channel, body, reason, received_at)


def check_shopee_signature(partner_key: str, callback_url: str, body: bytes, auth: str) -> None:
    """Raises BadSignature as the route would answer 401."""
    request = FakeWebhook(body, {"authorization": auth} if auth else {})
    settings = {"partner_key": partner_key, "callback_url": callback_url}
    SHOPEE_NOTIFY.verify(request, settings, now=0.0, max_age_seconds=0.0)
