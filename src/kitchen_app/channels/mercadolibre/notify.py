"""Mercado Libre's notification rules (api notes A.1; seed 002), for the relay and the desk.

* Not signed. The relay checks ``application_id`` against the app's (setting ``app_id``):
  a mismatch → REFUSED (401, counted); configured but absent from the body → UNVERIFIED.
  With no ``app_id`` configured there is nothing to check: VERIFIED, as the relay serves
  Mercado Libre's events today. An optional secret path token (``path_token``) must match
  the ``token`` query parameter.
* ``application_id`` may exceed 2^53: compared as text.
* Route key ``user_id``; dedupe ``_id`` (stable across retries), else topic + resource +
  ``sent`` (the legacy ``orders`` shape of seed 002 has no ``_id``); ACK 200.
* ``resource``: ``/orders/{id}`` (topics ``orders_v2`` and the legacy ``orders``) or
  ``/shipments/{id}`` (topic ``shipments``); also inside a full URL, with a query or a
  trailing slash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from kitchen_app.channels.base import (
    BadWebhook,
    Check,
    Notification,
    Verdict,
    WebhookRequest,
)
from kitchen_app.channels.readers import text_or_none
from kitchen_app.domain.json import JSONObject
from kitchen_app.domain.settings import SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

from . import CHANNEL

__all__ = [
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
    channel = CHANNEL
    path = PATH
    ack_status = 200
    ack_body = b""
    keep_malformed = False
    relay_settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "app_id",
            SettingKind.TEXT,
            "",
            QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre application id"),
        ),
        SettingSpec(
            "path_token",
            SettingKind.SECRET,
            "",
            QT_TRANSLATE_NOOP("mercadolibre", "Secret token in the callback URL"),
        ),
    )

    def verify(self, request: WebhookRequest, secrets: Mapping[str, str]) -> Check:
        path_token = secrets.get("path_token", "")
        if path_token and request.query.get("token") != path_token:
            return Check(Verdict.REFUSED, "callback token does not match")
        app_id = secrets.get("app_id", "").strip()
        if not app_id:
            return Check(Verdict.VERIFIED)
        try:
            body = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return Check(Verdict.VERIFIED)  # parse() refuses it with 400
        sent = text_or_none(body.get("application_id")) if isinstance(body, dict) else None
        if sent is None:
            return Check(Verdict.UNVERIFIED, "no application_id")
        if sent != app_id:
            return Check(Verdict.REFUSED, "application_id is not this application's")
        return Check(Verdict.VERIFIED)

    def parse(self, request: WebhookRequest) -> Notification:
        try:
            # parse_int=str keeps ids beyond 2^53 exact (application_id, A.1)
            body = json.loads(request.body, parse_int=str)
        except (ValueError, UnicodeDecodeError):
            raise BadWebhook("body is not JSON") from None
        if not isinstance(body, dict):
            raise BadWebhook("body is not a JSON object")
        topic, resource = body.get("topic"), body.get("resource")
        if not isinstance(topic, str) or not topic.strip():
            raise BadWebhook("topic is missing")
        if not isinstance(resource, str) or not resource.strip():
            raise BadWebhook("resource is missing")
        payload: JSONObject = body
        return Notification(topic.strip(), resource.strip(), payload)

    def route_key(self, notification: Notification) -> str | None:
        return text_or_none(notification.payload.get("user_id"))

    def dedupe_key(self, notification: Notification, request: WebhookRequest) -> str:
        event_id = text_or_none(notification.payload.get("_id"))
        if event_id is not None:
            return f"_id:{event_id}"
        sent = text_or_none(notification.payload.get("sent")) or ""
        return f"{notification.topic}|{notification.resource}|{sent}"

    def replay_key(self, request: WebhookRequest) -> str | None:
        return None
