"""The real-API shapes the sandbox can answer in (docs/sandbox.md, "Shapes")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sandbox_testkit import API, Receiver, Sandbox

from kitchen_app.channels.mercadopago import signature as mp_signature

SECRET = "whsec-shapes"


def _get(sb: Sandbox, oid: str, tz: str | None = "GMT-3") -> Any:
    headers = {"x-time-zone": tz} if tz is not None else {}
    return sb.client.get(f"{API}/v1/orders/{oid}", headers=headers)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("path", lambda oid: f"/shipments/{oid}"),
        ("id", lambda oid: oid),
        ("number", int),
        ("spaced", lambda oid: f"  /shipments/{oid}\n"),
    ],
)
def test_webhook_resource_shapes(
    start_sandbox: Any, receiver: Receiver, style: str, expected: Any
) -> None:
    sb = start_sandbox(relay_url=receiver.url, webhook_resource=style)
    oid = sb.create("flex")
    [got] = receiver.wait_for(1)
    assert got.body["resource"] == expected(oid)
    assert type(got.body["resource"]) is type(expected(oid))


def test_webhook_topics_and_mixed_shapes_set_at_run_time(
    sandbox: Sandbox, receiver: Receiver
) -> None:
    sandbox.anon.post("/_sandbox/webhooks/settings", json={"relay_url": receiver.url})
    r = sandbox.anon.post(
        "/_sandbox/shapes", json={"webhook_topic": "missing", "webhook_resource": "id"}
    )
    assert r.status_code == 200 and r.json()["webhook_topic"] == "missing"
    oid = sandbox.create("flex")
    [first] = receiver.wait_for(1)
    assert "topic" not in first.body and first.body["resource"] == oid
    sandbox.anon.post("/_sandbox/shapes", json={"webhook_topic": "shipments"})
    sandbox.create("flex")
    assert receiver.wait_for(2)[1].body["topic"] == "shipments"
    sandbox.anon.post(
        "/_sandbox/shapes", json={"webhook_topic": "mixed", "webhook_resource": "mixed"}
    )
    for _ in range(4):
        sandbox.create("flex")
    bodies = [r.body for r in receiver.wait_for(6)[2:]]
    assert {type(b["resource"]) for b in bodies} == {str, int}
    assert {b.get("topic") for b in bodies} == {"delivery", "shipments", None}
    # A bad shape changes nothing and says what is wrong in one line.
    before = sandbox.anon.get("/_sandbox/shapes").json()
    bad = sandbox.anon.post("/_sandbox/shapes", json={"webhook_topic": "x", "time_style": "naive"})
    assert bad.status_code == 400 and "webhook_topic must be one of" in bad.json()["message"]
    assert sandbox.anon.get("/_sandbox/shapes").json() == before


def test_unsigned_webhooks_while_a_secret_is_set(start_sandbox: Any, receiver: Receiver) -> None:
    sb = start_sandbox(relay_url=receiver.url, webhook_secret=SECRET, unsigned_webhooks=True)
    sb.create("flex")
    [unsigned] = receiver.wait_for(1)
    assert "x-signature" not in unsigned.headers
    sb.anon.post("/_sandbox/shapes", json={"unsigned_webhooks": False})
    sb.create("flex")
    signed = receiver.wait_for(2)[1]
    assert mp_signature.verify(
        SECRET, signed.headers["x-signature"], signed.headers["x-request-id"]
    )


def test_unresolvable_notification(sandbox: Sandbox, receiver: Receiver) -> None:
    sandbox.anon.post("/_sandbox/webhooks/settings", json={"relay_url": receiver.url})
    r = sandbox.anon.post("/_sandbox/webhooks/unresolvable", json={})
    assert r.status_code == 201
    [got] = receiver.wait_for(1)
    assert got.body["resource"] == "/shipments/" and got.body["user_id"] == 1070421029
    sandbox.anon.post(
        "/_sandbox/webhooks/unresolvable", json={"resource": "garbled", "topic": None}
    )
    second = receiver.wait_for(2)[1].body
    assert second["resource"] == "garbled" and "topic" not in second


@pytest.mark.parametrize(
    ("style", "tz", "suffix"),
    [
        ("offset", "GMT-3", "-03:00"),
        ("offset", "GMT-6", "-06:00"),
        ("naive", "GMT-3", ""),
        ("utc", "GMT-3", "Z"),
        ("offset", None, "Z"),  # no header: UTC (the sandbox's assumption, api notes §2)
    ],
)
def test_times_in_the_zone_asked_for(
    start_sandbox: Any, style: str, tz: str | None, suffix: str
) -> None:
    sb = start_sandbox(time_style=style)
    created = sb.anon.post("/_sandbox/orders", json={"logistics": "flex"}).json()
    utc = datetime.fromisoformat(created["order"]["createdAt"].replace("Z", "+00:00"))
    r = _get(sb, created["id"], tz)
    assert r.status_code == 200
    text = r.json()["createdAt"]
    if suffix:
        assert text.endswith(suffix)
    else:
        assert text[-6] not in "+-" and not text.endswith("Z")
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:  # naive: local time in the zone asked for (GMT-3)
        assert parsed == utc.astimezone(timezone(-timedelta(hours=3))).replace(tzinfo=None)
    else:
        assert parsed == utc
    assert "." in text  # createdAt keeps its milliseconds; estimated times have none
    assert "." not in r.json()["delivery"]["estimatedDeliveryDateTime"]


def test_strict_time_zone_set_at_run_time(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    assert _get(sandbox, oid, None).status_code == 200
    sandbox.anon.post("/_sandbox/shapes", json={"strict_time_zone": True})
    missing = _get(sandbox, oid, None)
    assert missing.status_code == 400 and "x-time-zone" in missing.json()["message"]
    assert _get(sandbox, oid).status_code == 200


def test_not_found_for_the_first_seconds(start_sandbox: Any) -> None:
    sb = start_sandbox(not_found_for_s=30.0)
    oid = sb.create("flex")
    early = _get(sb, oid)
    assert early.status_code == 404 and early.json()["message"] == "Failed to search shipment"
    sb.jump(31)
    assert _get(sb, oid).status_code == 200


def test_unknown_substatus_at_creation_and_any_state_later(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff", substatus="waiting_for_kitchen_slot")
    assert sandbox.state(oid) == ("ready_to_ship", "waiting_for_kitchen_slot")
    assert sandbox.accept(oid).status_code == 200  # still ready_to_ship: acceptable
    r = sandbox.anon.post(
        f"/_sandbox/orders/{oid}/state", json={"status": "handed_over", "substatus": "drone"}
    )
    assert r.status_code == 200
    assert sandbox.state(oid) == ("handed_over", "drone")
    bad = sandbox.anon.post(f"/_sandbox/orders/{oid}/state", json={"status": ""})
    assert bad.status_code == 400


def test_not_found_for_each_orders_first_reads(sandbox: Sandbox) -> None:
    r = sandbox.anon.post("/_sandbox/shapes", json={"not_found_first_gets": 2})
    assert r.status_code == 200
    first, second = sandbox.create("flex"), sandbox.create("dropoff")
    assert [_get(sandbox, first).status_code for _ in range(3)] == [404, 404, 200]
    assert [_get(sandbox, second).status_code for _ in range(3)] == [404, 404, 200]
    bad = sandbox.anon.post("/_sandbox/shapes", json={"not_found_first_gets": -1})
    assert bad.status_code == 400
