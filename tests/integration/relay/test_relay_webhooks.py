"""Each webhook route's answers against a real relay, checked in the SQLite file."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator

from relay_testkit import (
    MP_USER_A,
    SECRET,
    Relay,
    mp_body,
    mp_headers,
    post_mp,
)

from kitchen_app.domain.relay_protocol import MAX_WEBHOOK_BODY


def test_mp_webhook_is_durable_when_answered(relay: Relay) -> None:
    body = mp_body()
    answer = post_mp(relay.client, body)
    assert answer.status_code == 200
    # Right after the 200, an independent connection sees the committed row.
    rows = relay.rows()
    assert len(rows) == 1
    assert rows[0]["channel"] == "mp_delivery"
    assert rows[0]["resource"] == "/shipments/12345"
    assert rows[0]["store_id"] is not None
    assert json.loads(rows[0]["payload"]) == body


def test_duplicates_are_stored_once(relay: Relay) -> None:
    body = mp_body()
    assert post_mp(relay.client, body).status_code == 200
    retry = dict(body, attempts=2)  # same _id, a later attempt
    assert post_mp(relay.client, retry).status_code == 200
    assert len(relay.rows()) == 1
    # A notification without _id (Mercado Libre's classic shape) is keyed on topic, resource
    # and sent: its retry is stored once too.
    bare = {k: v for k, v in mp_body(shipment=777).items() if k != "_id"}
    assert post_mp(relay.client, bare).status_code == 200
    assert post_mp(relay.client, dict(bare, attempts=2)).status_code == 200
    assert len(relay.rows()) == 2
    # Two different notifications (different _id) sent in the same millisecond both count.
    same_moment = dict(body, _id="another-id")
    assert post_mp(relay.client, same_moment).status_code == 200
    assert len(relay.rows()) == 3


def test_bad_signature_is_401_and_writes_nothing(relay: Relay) -> None:
    assert post_mp(relay.client, mp_body(), secret="wrong-secret").status_code == 401
    assert relay.rows() == []
    status = relay.client.get(
        "/v1/status", headers={"Authorization": f"Bearer {relay.token_a}"}
    ).json()
    assert status["refused_signatures"] == 1 and status["last_refused_at"]


def test_missing_signature_is_stored_and_served_unverified(relay: Relay) -> None:
    # mp-delivery §6.4: whether delivery notifications are always signed is not documented
    unsigned = relay.client.post("/webhooks/mercadopago", json=mp_body())
    assert unsigned.status_code == 200
    assert [r["verified"] for r in relay.rows()] == [0]
    events = relay.client.get(
        "/v1/events", headers={"Authorization": f"Bearer {relay.token_a}"}
    ).json()["events"]
    assert [e["verified"] for e in events] == [False]


def test_routes_with_nothing_to_check_serve_their_events_as_verified(
    relay_factory: Callable[..., Relay],
) -> None:
    # "Unverified" means a signature was expected and is missing (DESIGN §5). A relay run
    # without a webhook secret accepts unsigned webhooks by the operator's choice, and Mercado
    # Libre signs nothing: the desk must take those events as announcements, not mere hints.
    relay = relay_factory(webhook_settings={})
    assert relay.client.post("/webhooks/mercadopago", json=mp_body()).status_code == 200
    ml = {
        "_id": "ml-1",
        "topic": "orders_v2",
        "resource": "/orders/2000016796107272",
        "user_id": 3430803000,
        "application_id": 6456467593802500,
        "sent": "2026-06-05T21:44:02.627Z",
        "attempts": 1,
    }
    assert relay.client.post("/webhooks/mercadolibre", json=ml).status_code == 200
    events = relay.client.get(
        "/v1/events", headers={"Authorization": f"Bearer {relay.token_a}"}
    ).json()["events"]
    assert [(e["channel"], e["verified"]) for e in events] == [
        ("mp_delivery", True),
        ("mercadolibre", True),
    ]


def test_signature_with_data_id_query_parameter(relay: Relay) -> None:
    body = json.dumps(mp_body(shipment=41034141533)).encode()
    headers = mp_headers(data_id="41034141533")
    ok = relay.client.post(
        "/webhooks/mercadopago", params={"data.id": "41034141533"}, content=body, headers=headers
    )
    assert ok.status_code == 200
    # The same signature does not hold for another data.id.
    other = relay.client.post(
        "/webhooks/mercadopago", params={"data.id": "999"}, content=body, headers=headers
    )
    assert other.status_code == 401
    assert len(relay.rows()) == 1


def test_bad_bodies_are_400_and_write_nothing(relay: Relay) -> None:
    for content in (
        b"not json",
        b"[1, 2]",
        json.dumps({"topic": "delivery", "resource": "/shipments/1"}).encode(),
        json.dumps(mp_body(user_id="abc")).encode(),
        json.dumps(mp_body(topic=7)).encode(),
    ):
        answer = relay.client.post("/webhooks/mercadopago", content=content, headers=mp_headers())
        assert answer.status_code == 400, content
        assert answer.json()["error"] == "bad_request"
    assert relay.client.post("/webhooks/mercadolibre", content=b"{").status_code == 400
    assert relay.rows() == []
    # Shopee disables push for endpoints that answer errors: an unreadable push gets an
    # empty 2xx and is kept unrouted for diagnostics, never served to a desk.
    answer = relay.client.post("/webhooks/shopee", json={"shop_id": 727720655, "code": 3})
    assert (answer.status_code, answer.content) == (200, b"")
    rows = relay.rows()
    assert [(r["channel"], r["topic"], r["store_id"]) for r in rows] == [
        ("shopee", "invalid", None)
    ]
    events = relay.client.get(
        "/v1/events", headers={"Authorization": f"Bearer {relay.token_b}"}
    ).json()["events"]
    assert events == []


def test_oversized_bodies_are_413_and_write_nothing(relay: Relay) -> None:
    big = json.dumps(mp_body(padding="x" * MAX_WEBHOOK_BODY)).encode()
    declared = relay.client.post("/webhooks/mercadopago", content=big, headers=mp_headers())
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        for i in range(0, len(big), 8192):
            yield big[i : i + 8192]

    streamed = relay.client.post("/webhooks/mercadopago", content=chunks(), headers=mp_headers())
    assert streamed.status_code == 413
    assert relay.rows() == []
    # A body just under the limit is fine.
    fits = mp_body()
    fits["padding"] = "y" * (MAX_WEBHOOK_BODY - len(json.dumps(fits)) - 20)
    assert post_mp(relay.client, fits).status_code == 200


def test_unknown_store_is_acknowledged_and_kept_unrouted(relay: Relay) -> None:
    assert post_mp(relay.client, mp_body(user_id=555)).status_code == 200
    rows = relay.rows()
    assert len(rows) == 1
    assert rows[0]["store_id"] is None
    assert rows[0]["account_id"] == "555"


def test_mercadolibre_notification_is_routed_by_seller(relay: Relay) -> None:
    body = {
        "_id": "1c73047b-4a8e-4dd1-8fd7-e1716a8cbe00",
        "topic": "orders_v2",
        "resource": "/orders/2000016796107272",
        "user_id": 3430803000,
        "application_id": 6456467593802500,
        "sent": "2026-06-05T21:44:02.627Z",
        "attempts": 1,
        "received": "2026-06-05T21:44:01.464Z",
        "actions": ["payments"],
    }
    assert relay.client.post("/webhooks/mercadolibre", json=body).status_code == 200
    rows = relay.rows()
    assert [(r["channel"], r["topic"], r["store_id"]) for r in rows] == [
        ("mercadolibre", "orders_v2", 1)
    ]


SHOPEE_PUSH = {
    "data": {
        "items": [],
        "ordersn": "220810QSK8S7BX",
        "status": "PROCESSED",
        "completed_scenario": "",
        "update_time": 1660123127,
    },
    "shop_id": 727720655,
    "code": 3,
    "timestamp": 1660123127,
}


def test_shopee_push_answers_empty_2xx_and_dedupes(relay: Relay) -> None:
    first = relay.client.post("/webhooks/shopee", json=SHOPEE_PUSH)
    assert first.status_code == 200
    assert first.content == b""
    assert relay.client.post("/webhooks/shopee", json=SHOPEE_PUSH).status_code == 200
    rows = relay.rows()
    assert len(rows) == 1
    assert (rows[0]["topic"], rows[0]["resource"], rows[0]["store_id"]) == (
        "3",
        "220810QSK8S7BX",
        2,
    )


def test_shopee_signature_checked_when_partner_key_set(
    relay_factory: Callable[..., Relay],
) -> None:
    relay = relay_factory(
        webhook_settings={"mp_delivery.webhook_secret": SECRET, "shopee.partner_key": "partner-key"}
    )
    body = json.dumps(SHOPEE_PUSH).encode()
    url = relay.url + "/webhooks/shopee"
    good = hmac.new(b"partner-key", url.encode() + b"|" + body, hashlib.sha256).hexdigest()
    bad = relay.client.post(url, content=body, headers={"Authorization": "0" * 64})
    assert bad.status_code == 401
    assert relay.rows() == []
    ok = relay.client.post(url, content=body, headers={"Authorization": good})
    assert ok.status_code == 200
    assert len(relay.rows()) == 1


def test_without_secret_unsigned_webhooks_are_accepted(
    relay_factory: Callable[..., Relay],
) -> None:
    relay = relay_factory(webhook_settings={})
    answer = relay.client.post("/webhooks/mercadopago", json=mp_body(user_id=MP_USER_A))
    assert answer.status_code == 200
    assert len(relay.rows()) == 1


def test_secret_is_not_in_config_repr() -> None:
    from kitchen_app.app.relay_setup import relay_config

    assert SECRET not in repr(relay_config(settings={"mp_delivery.webhook_secret": SECRET}))
