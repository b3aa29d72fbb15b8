"""Issue 10 rules as pure functions: strict JSON, every documented Mercado Pago notification
shape, signature states (verified / unverified / refused) and the data.id binding."""

from __future__ import annotations

import json
import time

import pytest
from tests.webhook_rules import (
    invalid_shopee_push,
    parse_marketplace_notification,
    parse_shopee_push,
)

from kitchen_app.channels.mercadopago import signature as mp_signature
from kitchen_app.channels.mercadopago.notify import signature_check as mp_signature_check
from kitchen_app.relay.ratelimit import ClientLimiter
from kitchen_app.relay.strict_json import MAX_DEPTH, NotStrictJSON, compact, loads_strict
from kitchen_app.relay.webhooks import BadSignature, BadWebhook, SignatureCheck

SECRET = "s3cret"
DAY = 86_400.0


@pytest.mark.parametrize(
    "body",
    [
        b"NaN",
        b"[Infinity]",
        b'{"a": -Infinity}',
        b"[1e400]",
        b'"\\ud800"',
        b'{"\\udfff": 1}',
        b'{"a": 1, "a": 1}',
        b'{"x": {"b": 1, "b": 2}}',
        b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1),
        b"[" * 100_000,
        b"\xc3\x28",
        b"1" * 5000,
    ],
)
def test_strict_json_refuses(body: bytes) -> None:
    with pytest.raises(NotStrictJSON):
        compact(loads_strict(body))


def test_strict_json_accepts_standard_json_as_is() -> None:
    deep = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert compact(loads_strict(deep)).count("[") == MAX_DEPTH
    text = '{"a":"ção 🍕 \\ud83c\\udf55","b":[1,-2.5,true,null],"c":12345678901234567890}'
    value = loads_strict(text.encode())
    assert value["a"] == "ção 🍕 🍕"  # a surrogate *pair* is one valid character
    assert json.loads(compact(value)) == value


def _mp(**fields: object) -> bytes:
    body: dict[str, object] = {"_id": "n1", "user_id": 1793791954}
    body.update(fields)
    return json.dumps({k: v for k, v in body.items() if v is not ...}).encode()


@pytest.mark.parametrize(
    ("fields", "topic", "resource"),
    [
        (
            {"topic": "delivery", "resource": "/shipments/41034141533"},
            "delivery",
            "/shipments/41034141533",
        ),
        ({"topic": "delivery", "resource": "41034141533"}, "delivery", "41034141533"),
        ({"topic": "delivery", "resource": 41034141533}, "delivery", "41034141533"),
        ({"topic": "shipments", "resource": "  41034141533\n"}, "shipments", "41034141533"),
        ({"resource": "/shipments/1"}, "", "/shipments/1"),  # topic missing
        ({"topic": None, "resource": "/shipments/1"}, "", "/shipments/1"),
        ({"topic": "delivery", "resource": ""}, "delivery", ""),  # garbled: still kept
        ({"topic": "delivery", "resource": None}, "delivery", ""),
        ({"topic": "delivery", "resource": {"id": 1}}, "delivery", ""),
        ({"topic": "delivery"}, "delivery", ""),
    ],
)
def test_every_documented_mp_shape_is_accepted(
    fields: dict[str, object], topic: str, resource: str
) -> None:
    event = parse_marketplace_notification("mp_delivery", _mp(**fields), "T")
    assert (event.topic, event.resource, event.account_id) == (topic, resource, "1793791954")
    assert event.verified is False


def _headers(ts: str, request_id: str = "req-1", data_id: str | None = None) -> dict[str, str]:
    v1 = mp_signature.sign(SECRET, request_id, ts, data_id)
    return {"x-signature": mp_signature.format_header(ts, v1), "x-request-id": request_id}


def test_mp_signature_states() -> None:
    now = time.time()
    fresh = _headers(str(int(now)))
    check = mp_signature_check(SECRET, fresh, {}, now=now, max_age_seconds=7 * DAY)
    assert check == SignatureCheck(True, "mp_delivery|req-1")
    # milliseconds are read as milliseconds
    ms = _headers(str(int(now * 1000)))
    assert mp_signature_check(SECRET, ms, {}, now=now, max_age_seconds=7 * DAY).verified
    # absent → unverified, never refused (§6.4)
    assert not mp_signature_check(SECRET, {}, {}, now=now, max_age_seconds=DAY).verified
    # a genuine late retry (hours later) is still verified inside the window ...
    late = _headers(str(int(now - 13 * 3600)))
    assert mp_signature_check(SECRET, late, {}, now=now, max_age_seconds=7 * DAY).verified
    # ... and kept but unverified beyond it: the relay no longer remembers its request id
    old = _headers("1704908010")
    old_check = mp_signature_check(SECRET, old, {}, now=now, max_age_seconds=7 * DAY)
    assert old_check.verified is False and old_check.request_key == "mp_delivery|req-1"
    future = _headers(str(int(now + 3600)))
    assert not mp_signature_check(SECRET, future, {}, now=now, max_age_seconds=DAY).verified
    # present but wrong → refused
    for bad in (
        {"x-signature": "ts=1,v1=00", "x-request-id": "req-1"},
        {"x-signature": "garbage"},
        {"x-signature": "ts=1,v1=\u00e9\u00ff", "x-request-id": "r"},  # latin-1 junk
        dict(fresh, **{"x-request-id": "req-2"}),
    ):
        with pytest.raises(BadSignature):
            mp_signature_check(SECRET, bad, {}, now=now, max_age_seconds=DAY)


def test_signed_data_id_is_bound_to_the_body() -> None:
    signed = SignatureCheck(True, "mp_delivery|r")
    body = _mp(topic="delivery", resource="/shipments/41034141533")
    event = parse_marketplace_notification(
        "mp_delivery", body, "T", signed, signed_data_id="41034141533"
    )
    assert event.verified and event.request_key == "mp_delivery|r" and event.fingerprint
    other = _mp(topic="delivery", resource="/shipments/999")
    with pytest.raises(BadSignature):
        parse_marketplace_notification(
            "mp_delivery", other, "T", signed, signed_data_id="41034141533"
        )
    # a body naming no id at all is kept, unverified
    empty = parse_marketplace_notification(
        "mp_delivery", _mp(topic="delivery", resource=""), "T", signed, signed_data_id="4"
    )
    assert empty.verified is False


def test_fingerprint_ignores_key_order_and_spacing_only() -> None:
    signed = SignatureCheck(True, "mp_delivery|r")
    a = parse_marketplace_notification("mp_delivery", b'{"user_id":1,"_id":"x"}', "T", signed)
    b = parse_marketplace_notification(
        "mp_delivery", b'{ "_id" : "x", "user_id" : 1 }', "T", signed
    )
    c = parse_marketplace_notification("mp_delivery", b'{"_id":"x","user_id":2}', "T", signed)
    assert a.fingerprint == b.fingerprint != c.fingerprint


def test_unreadable_shopee_push_is_kept_as_ascii_json_never_routed() -> None:
    event = invalid_shopee_push(b'{"shop_id": 1, "x": "\\ud800"} \xff', "why", "T")
    assert event.account_id == "" and event.topic == "invalid"
    assert event.payload_json.isascii()
    assert json.loads(event.payload_json)["reason"] == "why"
    with pytest.raises(BadWebhook):
        parse_shopee_push(b'{"shop_id": 1, "code": 3, "data": {"x": NaN}}', "T")


def test_client_limiter_refills_and_stays_bounded() -> None:
    limiter = ClientLimiter(rate=2.0, burst=3.0, max_clients=100)
    assert [limiter.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0.0)  # per client
    assert limiter.allow("a", now=0.5)  # one token back after 0.5 s at 2/s
    assert not limiter.allow("a", now=0.5)
    for i in range(1000):
        limiter.allow(f"spoofed-{i}", now=1.0)
    assert len(limiter._buckets) <= 100


@pytest.mark.parametrize("account", ["9" * 5000, "9" * 41, 2**63, "9223372036854775808", 0])
def test_account_ids_beyond_64_bits_are_400_not_a_crash(account: object) -> None:
    with pytest.raises(BadWebhook):
        parse_marketplace_notification(
            "mp_delivery", json.dumps({"user_id": account}).encode(), "T"
        )
    push = {"shop_id": account, "code": 3, "data": {}}
    with pytest.raises(BadWebhook):
        parse_shopee_push(json.dumps(push).encode(), "T")
