"""Mercado Libre's webhook rules on the relay's side (A.1; seed 002's legacy shape)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kitchen_app.channels.base import BadWebhook, Verdict, WebhookRequest
from kitchen_app.channels.mercadolibre.notify import MercadoLibreNotify, id_from_resource

APP = "6456467593802500123"  # beyond 2^53: compared as text


def request(body: Any, query: dict[str, str] | None = None) -> WebhookRequest:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return WebhookRequest("https://relay/webhooks/mercadolibre", query or {}, {}, raw)


def test_application_id_check() -> None:
    notify = MercadoLibreNotify()
    ours = request(
        b'{"topic":"orders_v2","resource":"/orders/1","application_id":%s}' % APP.encode()
    )
    other = request({"topic": "orders_v2", "resource": "/orders/1", "application_id": 5})
    absent = request({"topic": "orders_v2", "resource": "/orders/1"})
    assert notify.verify(ours, {"app_id": APP}).verdict is Verdict.VERIFIED
    assert notify.verify(other, {"app_id": APP}).verdict is Verdict.REFUSED
    assert notify.verify(absent, {"app_id": APP}).verdict is Verdict.UNVERIFIED
    assert notify.verify(other, {}).verdict is Verdict.VERIFIED  # nothing to check
    assert notify.verify(ours, {"path_token": "s3"}).verdict is Verdict.REFUSED
    tokened = request({"topic": "orders_v2", "resource": "/orders/1"}, {"token": "s3"})
    assert notify.verify(tokened, {"path_token": "s3"}).verdict is Verdict.VERIFIED


def test_parse_route_and_dedupe() -> None:
    notify = MercadoLibreNotify()
    body = {
        "_id": "1c73047b",
        "topic": "orders_v2",
        "resource": "/orders/2000016796107272",
        "user_id": 3430803000,
        "application_id": 6456467593802500,
        "attempts": 1,
        "sent": "2026-06-05T21:44:02.627Z",
    }
    req = request(body)
    parsed = notify.parse(req)
    assert (parsed.topic, parsed.resource) == ("orders_v2", "/orders/2000016796107272")
    assert notify.route_key(parsed) == "3430803000"
    assert notify.dedupe_key(parsed, req) == "_id:1c73047b"
    legacy = {
        "user_id": 1234,
        "resource": "/orders/731867397",
        "topic": "orders",
        "application_id": 14529,
        "sent": "2011-10-19T16:40:34.425Z",
        "attempts": 0,
    }
    parsed = notify.parse(request(legacy))
    assert notify.dedupe_key(parsed, request(legacy)) == (
        "orders|/orders/731867397|2011-10-19T16:40:34.425Z"
    )
    assert notify.replay_key(req) is None


@pytest.mark.parametrize(
    "body", [b"not json", b"[]", b'{"resource":"/orders/1"}', b'{"topic":"x"}']
)
def test_malformed_is_refused(body: bytes) -> None:
    with pytest.raises(BadWebhook):
        MercadoLibreNotify().parse(request(body))


@pytest.mark.parametrize(
    ("resource", "kind", "expected"),
    [
        ("/orders/2000016796107272", "orders", "2000016796107272"),
        ("https://api.mercadolibre.com/orders/12/?x=1", "orders", "12"),
        (" '/shipments/42313159782' ", "shipments", "42313159782"),
        ("/orders/12", "shipments", None),
        ("/orders/abc", "orders", None),
        (True, "orders", None),
    ],
)
def test_id_from_resource(resource: object, kind: str, expected: str | None) -> None:
    assert id_from_resource(resource, kind) == expected
