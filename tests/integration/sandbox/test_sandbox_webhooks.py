"""Webhooks (api notes §6) received by a real Starlette receiver on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sandbox_testkit import Receiver, Sandbox, wait_until

from kitchen_app.channels.mercadopago import signature as mp_signature

SECRET = "whsec-sandbox-test"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def _start(start_sandbox: Callable[..., Sandbox], receiver: Receiver, **kw: Any) -> Sandbox:
    return start_sandbox(relay_url=receiver.url, webhook_secret=SECRET, **kw)


def _log(sb: Sandbox) -> dict[str, Any]:
    body: dict[str, Any] = sb.anon.get("/_sandbox/webhooks").json()
    return body


def _outcomes(sb: Sandbox) -> list[tuple[str, int, str]]:
    return [(d["order_id"], d["attempts"], d["outcome"]) for d in _log(sb)["deliveries"]]


def test_body_headers_and_signature(start_sandbox: Any, receiver: Receiver) -> None:
    sb = _start(start_sandbox, receiver)
    oid = sb.create("flex")
    [first] = receiver.wait_for(1)
    body = first.body
    assert list(body) == [
        "_id", "topic", "resource", "user_id", "application_id", "sent", "attempts",
        "received", "actions",
    ]  # fmt: skip
    assert body["topic"] == "delivery"
    assert body["resource"] == f"/shipments/{oid}"
    assert body["user_id"] == 1070421029 and isinstance(body["user_id"], int)
    assert isinstance(body["application_id"], str)
    assert body["attempts"] == 1 and body["actions"] == []
    assert ISO_Z.match(body["sent"]) and ISO_Z.match(body["received"])
    assert re.fullmatch(r"[0-9a-f-]{36}", body["_id"])
    headers = first.headers
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == "MercadoPago WebHook v1.0"
    request_id = headers["x-request-id"]
    ts, v1 = mp_signature.parse_header(headers["x-signature"])
    assert ts.isdigit() and len(ts) == 10
    assert mp_signature.verify(SECRET, headers["x-signature"], request_id)
    assert v1 == mp_signature.sign(SECRET, request_id, ts)
    assert not mp_signature.verify("another-secret", headers["x-signature"], request_id)
    # Accepting is a status change: one more notification, a new _id.
    assert sb.accept(oid).status_code == 200
    second = receiver.wait_for(2)[1]
    assert second.body["resource"] == f"/shipments/{oid}" and second.body["_id"] != body["_id"]
    assert second.headers["x-request-id"] != request_id


def test_unsigned_without_a_secret(start_sandbox: Any, receiver: Receiver) -> None:
    sb = start_sandbox(relay_url=receiver.url)
    sb.create("dropoff")
    [got] = receiver.wait_for(1)
    assert "x-signature" not in got.headers and got.headers["x-request-id"]


def test_one_webhook_per_status_change(start_sandbox: Any, receiver: Receiver) -> None:
    sb = _start(start_sandbox, receiver)
    oid = sb.create("flex")
    sb.accept(oid)
    sb.jump(3600)  # ready_to_cook, out_for_delivery, delivered
    got = receiver.wait_for(5)
    assert {g.body["resource"] for g in got} == {f"/shipments/{oid}"}
    assert len({g.body["_id"] for g in got}) == 5


def test_retry_after_an_error_then_after_twelve_hours(
    start_sandbox: Any, receiver: Receiver
) -> None:
    receiver.script = [(500, 0.0), (503, 0.0)]
    # No expiry in this test: the only notification is the creation's.
    sb = _start(start_sandbox, receiver, accept_window_s=10**7)
    oid = sb.create("flex")
    wait_until(lambda: (oid, 1, "http_500") in _outcomes(sb), what="first attempt")
    sb.jump(899)
    assert _log(sb)["pending"] == 0 and len(receiver.received) == 1
    sb.jump(2)  # 15 minutes: attempt 2, which fails again
    wait_until(lambda: (oid, 2, "http_503") in _outcomes(sb), what="second attempt")
    sb.jump(901)
    assert _log(sb)["pending"] == 0
    assert all(a < 3 for _, a, _ in _outcomes(sb))
    sb.jump(43_200)  # 12 hours: attempt 3 gets its 200
    wait_until(lambda: (oid, 3, "delivered") in _outcomes(sb), what="third attempt")
    got = receiver.wait_for(3)
    assert [g.body["attempts"] for g in got] == [1, 2, 3]
    assert len({g.body["_id"] for g in got}) == 1
    assert len({g.headers["x-request-id"] for g in got}) == 3
    for g in got:
        assert mp_signature.verify(SECRET, g.headers["x-signature"], g.headers["x-request-id"])


def test_a_slow_ack_counts_as_missed(start_sandbox: Any, receiver: Receiver) -> None:
    receiver.script = [(200, 0.6)]
    sb = _start(start_sandbox, receiver, ack_deadline_s=0.2)
    oid = sb.create("flex")
    wait_until(lambda: (oid, 1, "timeout") in _outcomes(sb), what="timeout")
    settings = sb.anon.post("/_sandbox/webhooks/settings", json={"ack_deadline_s": 5})
    assert settings.json()["ack_deadline_s"] == 5
    sb.jump(900)
    wait_until(lambda: (oid, 2, "delivered") in _outcomes(sb), what="retry")
    got = receiver.wait_for(2)
    assert sorted(g.body["attempts"] for g in got) == [1, 2]


def test_duplicates(start_sandbox: Any, receiver: Receiver) -> None:
    sb = _start(start_sandbox, receiver)
    r = sb.anon.post("/_sandbox/webhooks/duplicate", json={"count": 1, "copies": 3})
    assert r.status_code == 200
    sb.create("flex")
    got = receiver.wait_for(3)
    assert len({g.body["_id"] for g in got}) == 1
    assert [g.body["attempts"] for g in got] == [1, 1, 1]
    sb.create("flex")
    got = receiver.wait_for(4)
    assert len({g.body["_id"] for g in got}) == 2


def test_hold_and_release_in_reverse(start_sandbox: Any, receiver: Receiver) -> None:
    sb = _start(start_sandbox, receiver)
    assert sb.anon.post("/_sandbox/webhooks/hold").json()["holding"] is True
    ids = [sb.create("flex") for _ in range(3)]
    log = _log(sb)
    assert log["held"] == 3 and log["holding"] is True
    assert [o for o, _, outcome in _outcomes(sb) if outcome == "held"] == ids
    r = sb.anon.post("/_sandbox/webhooks/release", json={"order": "reverse"})
    assert r.json() == {"released": 3, "order": "reverse"}
    got = receiver.wait_for(3)
    assert [g.body["resource"].rsplit("/", 1)[1] for g in got] == ids[::-1]
    assert sb.anon.post("/_sandbox/webhooks/release", json={"order": "sideways"}).status_code == 400


def test_drop_and_resend(start_sandbox: Any, receiver: Receiver) -> None:
    sb = _start(start_sandbox, receiver)
    sb.anon.post("/_sandbox/webhooks/drop", json={"count": 1})
    dropped = sb.create("flex")
    kept = sb.create("flex")
    [got] = receiver.wait_for(1)
    assert got.body["resource"] == f"/shipments/{kept}"
    assert (dropped, 1, "dropped") in _outcomes(sb)
    # Re-sending the dropped order's last notification delivers it, as a retry.
    r = sb.anon.post("/_sandbox/webhooks/resend", json={"order_id": dropped})
    assert r.status_code == 200 and r.json()["attempts"] == 2
    again = receiver.wait_for(2)[1]
    assert again.body["resource"] == f"/shipments/{dropped}" and again.body["attempts"] == 2
    missing = sb.anon.post("/_sandbox/webhooks/resend", json={"order_id": "1"})
    assert missing.status_code == 404


def test_relay_url_set_at_run_time(sandbox: Sandbox, receiver: Receiver) -> None:
    first = sandbox.create("flex")
    assert (first, 1, "no_relay") in _outcomes(sandbox)
    r = sandbox.anon.post("/_sandbox/webhooks/settings", json={"relay_url": receiver.url})
    assert r.status_code == 200
    second = sandbox.create("flex")
    [got] = receiver.wait_for(1)
    assert got.body["resource"] == f"/shipments/{second}"
    bad = sandbox.anon.post("/_sandbox/webhooks/settings", json={"relay_url": "ftp://x"})
    assert bad.status_code == 400
