"""Webhook parsing and signature rules (pure functions), and the shared protocol module."""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from tests.webhook_rules import (
    check_shopee_signature,
    parse_marketplace_notification,
    parse_shopee_push,
)

import kitchen_app.domain.relay_protocol as protocol
from kitchen_app.channels.mercadopago.notify import check_signature as check_mp_signature
from kitchen_app.relay.stores import normalise_account_id
from kitchen_app.relay.webhooks import BadSignature, BadWebhook

# api notes mp-delivery §6.4 worked example
SECRET = "my-app-webhook-secret"
REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"
WITH_ID = "ts=1704908010,v1=80d5d2f4c743672780e5db980d911a34f1af09b166d8e51b1a5794e774319e7d"
WITHOUT_ID = "ts=1704908010,v1=039c9b6cf670d9958737a86baa6f717038004072868cd01d7a1743d1f9f7413f"


def test_mp_signature_worked_example() -> None:
    headers = {"x-signature": WITH_ID, "x-request-id": REQUEST_ID}
    check_mp_signature(SECRET, headers, {"data.id": "41034141533"})
    check_mp_signature(SECRET, {"x-signature": WITHOUT_ID, "x-request-id": REQUEST_ID}, {})
    with pytest.raises(BadSignature):
        check_mp_signature(SECRET, headers, {})  # data.id is part of what was signed
    with pytest.raises(BadSignature):
        check_mp_signature("other", headers, {"data.id": "41034141533"})
    with pytest.raises(BadSignature):
        check_mp_signature(SECRET, {"x-request-id": REQUEST_ID}, {})
    with pytest.raises(BadSignature):
        check_mp_signature(SECRET, {"x-signature": "garbage"}, {})


def test_shopee_signature() -> None:
    body = b'{"shop_id":1,"code":3,"data":{}}'
    url = "https://relay.example.com/webhooks/shopee"
    good = hmac.new(b"pk", url.encode() + b"|" + body, hashlib.sha256).hexdigest()
    check_shopee_signature("pk", url, body, good)
    check_shopee_signature("pk", url, body, good.upper())
    with pytest.raises(BadSignature):
        check_shopee_signature("pk", url + "x", body, good)
    with pytest.raises(BadSignature):
        check_shopee_signature("pk", url, body, "")


def test_marketplace_notification_fields_and_dedupe_keys() -> None:
    body = {
        "_id": "abc",
        "topic": "delivery",
        "resource": "/shipments/1",
        "user_id": "0042",
        "sent": "2026-01-01T00:00:00Z",
    }
    event = parse_marketplace_notification("mp_delivery", json.dumps(body).encode(), "T")
    assert (event.channel, event.topic, event.resource, event.account_id) == (
        "mp_delivery",
        "delivery",
        "/shipments/1",
        "42",
    )
    assert json.loads(event.payload_json) == body
    assert event.dedupe_id == "mp_delivery|id|abc"
    assert event.dedupe_content is None  # the _id decides
    without_id = {k: v for k, v in body.items() if k != "_id"}
    event = parse_marketplace_notification("mercadolibre", json.dumps(without_id).encode(), "T")
    assert event.dedupe_id is None
    assert event.dedupe_content == "mercadolibre|trs|delivery|/shipments/1|2026-01-01T00:00:00Z"
    bare = {"topic": "delivery", "resource": "/shipments/1", "user_id": 7}
    event = parse_marketplace_notification("mercadolibre", json.dumps(bare).encode(), "T")
    assert event.dedupe_id is None and event.dedupe_content is None


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe",
        b"null",
        b'"text"',
        b'{"topic": "delivery", "resource": "/shipments/1"}',
        # strict JSON (issue 10): what the relay could not store or serve as standard JSON
        b'{"topic": "delivery", "resource": "/s/1", "user_id": 1, "x": NaN}',
        b'{"topic": "delivery", "resource": "/s/1", "user_id": 1, "x": -Infinity}',
        b'{"topic": "delivery", "resource": "/s/1", "user_id": 1, "x": 1e999}',
        b'{"topic": "\\ud800", "resource": "/s/1", "user_id": 1}',
        b'{"topic": "delivery", "resource": "/s/1", "user_id": 1, "user_id": 2}',
        b"[" * 5000,
        b'{"topic": "delivery", "resource": "/s/1", "user_id": 1, "x": '
        + b"[" * 65
        + b"]" * 65
        + b"}",
        b'{"topic": "delivery", "resource": "/s/1", "user_id": -3}',
        b'{"topic": "delivery", "resource": "/s/1", "user_id": true}',
    ],
)
def test_bad_marketplace_notifications(body: bytes) -> None:
    with pytest.raises(BadWebhook):
        parse_marketplace_notification("mp_delivery", body, "T")


def test_shopee_push() -> None:
    push = {"data": {"ordersn": "SN1", "status": "READY"}, "shop_id": 9, "code": 3, "timestamp": 1}
    event = parse_shopee_push(json.dumps(push).encode(), "T")
    assert (event.channel, event.topic, event.resource, event.account_id) == (
        "shopee",
        "3",
        "SN1",
        "9",
    )
    # Same content in another key order is the same push.
    reordered = json.dumps(dict(reversed(list(push.items())))).encode()
    assert parse_shopee_push(reordered, "T").dedupe_content == event.dedupe_content
    no_order = parse_shopee_push(b'{"shop_id": 9, "code": 1, "data": {}}', "T")
    assert no_order.resource == ""
    for bad in (b'{"shop_id": 9, "code": "3", "data": {}}', b'{"shop_id": 9, "code": 3}'):
        with pytest.raises(BadWebhook):
            parse_shopee_push(bad, "T")


def test_account_ids() -> None:
    assert normalise_account_id(12) == "12"
    assert normalise_account_id(" 0012 ") == "12"
    for bad in (0, -1, "", "1.5", "١٢", None, 1.0, False):
        assert normalise_account_id(bad) is None


def test_protocol_module_is_pure_and_exports_what_it_lists() -> None:
    source = Path(protocol.__file__).read_text()
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert imported <= {"__future__", "typing"}
    for name in protocol.__all__:
        assert hasattr(protocol, name)
    assert protocol.MAX_WAIT_SECONDS == 60
    assert protocol.CURSOR_PRUNED_STATUS == 410
