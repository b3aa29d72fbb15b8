"""Mercado Libre's webhook rules on the relay's side (A.1; seed 002's legacy shape)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.webhook_rules import FakeWebhook

from kitchen_app.channels.base import NOTHING_TO_CHECK, BadWebhook
from kitchen_app.channels.mercadolibre.notify import MercadoLibreNotify, id_from_resource


def test_nothing_to_check() -> None:
    # Mercado Libre signs nothing (A.1): every notification is served as the announcement.
    request = FakeWebhook(b'{"topic":"orders_v2","resource":"/orders/1","user_id":1}')
    check = MercadoLibreNotify().verify(request, {}, now=0.0, max_age_seconds=1.0)
    assert check is NOTHING_TO_CHECK


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
    parsed = notify.parse(body, NOTHING_TO_CHECK)
    assert (parsed.topic, parsed.resource) == ("orders_v2", "/orders/2000016796107272")
    assert parsed.account == notify.account_of(body) == "3430803000"
    assert parsed.dedupe_id == "mercadolibre|id|1c73047b" and parsed.dedupe_content is None
    legacy = {
        "user_id": 1234,
        "resource": "/orders/731867397",
        "topic": "orders",
        "application_id": 14529,
        "sent": "2011-10-19T16:40:34.425Z",
        "attempts": 0,
    }
    parsed = notify.parse(legacy, NOTHING_TO_CHECK)
    assert parsed.dedupe_id is None
    assert parsed.dedupe_content == (
        "mercadolibre|trs|orders|/orders/731867397|2011-10-19T16:40:34.425Z"
    )
    assert parsed.check.request_key is None


@pytest.mark.parametrize(
    "body", [{"resource": "/orders/1"}, {"topic": 5, "user_id": 1}, {"user_id": 0}]
)
def test_malformed_is_refused(body: dict[str, Any]) -> None:
    with pytest.raises(BadWebhook):
        MercadoLibreNotify().parse(body, NOTHING_TO_CHECK)


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
