"""Mercado Libre's notification rules (api notes A.1; seed 002), for the relay and the desk.

* Not signed: the relay has nothing to check (every event is served verified).
* Body read as Mercado Pago Delivery's (``channels.webhook_reading``): route key ``user_id``;
  dedupe ``_id`` (stable across retries), else topic + resource + ``sent`` (the legacy
  ``orders`` shape of seed 002 has no ``_id``); ACK 200.
* ``resource``: ``/orders/{id}`` (topics ``orders_v2`` and the legacy ``orders``) or
  ``/shipments/{id}`` (topic ``shipments``); also inside a full URL, with a query or a
  trailing slash (``id_from_resource``, the desk's side).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kitchen_app.channels.base import (
    NOTHING_TO_CHECK,
    Notification,
    Notify,
    RelaySetting,
    SignatureCheck,
    WebhookRequest,
)
from kitchen_app.channels.webhook_reading import account_id, read_topic_notification
from kitchen_app.domain.json import JSONObject

from . import CHANNEL

__all__ = [
    "NOTIFY",
    "ORDER_TOPICS",
    "PATH",
    "SHIPMENT_TOPICS",
    "MercadoLibreNotify",
    "id_from_resource",
]

PATH = "/webhooks/mercadolibre"
ORDER_TOPICS = frozenset({"orders_v2", "orders", "created_orders"})
SHIPMENT_TOPICS = frozenset({"shipments"})
_ID = re.compile(r"[0-9]{1,30}")


def id_from_resource(resource: object, kind: str) -> str | None:
    """The id after ``/{kind}/`` in a resource path (``kind`` = orders | shipments)."""
    if isinstance(resource, bool):
        return None
    if isinstance(resource, int):
        return str(resource) if resource > 0 else None
    if not isinstance(resource, str):
        return None
    text = resource.strip().strip("\"'").split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if _ID.fullmatch(text):
        return text
    parts = [p for p in text.split("/") if p]
    if len(parts) >= 2 and parts[-2] == kind and _ID.fullmatch(parts[-1]):
        return parts[-1]
    return None


class MercadoLibreNotify:
    """Mercado Libre's rules (``channels.base.Notify``)."""

    channel = CHANNEL
    path = PATH
    always_ack = False
    relay_settings: tuple[RelaySetting, ...] = ()

    def verify(
        self,
        request: WebhookRequest,
        settings: Mapping[str, str],
        *,
        now: float,
        max_age_seconds: float,
    ) -> SignatureCheck:
        # Mercado Libre does not sign notifications (A.1): nothing on this route can touch
        # another route's events.
        return NOTHING_TO_CHECK

    def parse(self, body: JSONObject, check: SignatureCheck) -> Notification:
        return read_topic_notification(CHANNEL, body, check)

    def account_of(self, body: JSONObject) -> str | None:
        return account_id(body.get("user_id"))


NOTIFY: Notify = MercadoLibreNotify()  # typed: mypy checks it against the protocol
