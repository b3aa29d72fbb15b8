"""Status flows of api notes §8 end to end, expiry, and the store pause."""

from __future__ import annotations

from typing import Any

from sandbox_testkit import API, Sandbox

from kitchen_app.domain import Logistics, StatusPair, flow_for


def _walk(sandbox: Sandbox, oid: str, **body: Any) -> list[tuple[str, str | None]]:
    seen = [sandbox.state(oid)]
    while True:
        r = sandbox.advance(oid, **body)
        if r.status_code != 200:
            assert r.status_code == 400 and r.json()["error"] == "conflict_error"
            return seen
        seen.append(sandbox.state(oid))
        assert len(seen) < 20


def _ranks_increase(logistics: str, states: list[tuple[str, str | None]]) -> None:
    flow = flow_for("mp_delivery", Logistics(logistics))
    ranks = [flow.rank(StatusPair(s, sub)) for s, sub in states]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), states


def test_flex_flow_end_to_end(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    assert sandbox.advance(oid).status_code == 400  # nothing moves before accept
    assert sandbox.accept(oid).status_code == 200
    states = _walk(sandbox, oid)
    assert states == [
        ("ready_to_ship", "printed"),
        ("ready_to_ship", "ready_to_cook"),
        ("shipped", "out_for_delivery"),
        ("delivered", None),
    ]
    _ranks_increase("flex", states)
    order = sandbox.order(oid)
    assert order["delivery"]["deliveryDateTime"].endswith("-03:00")  # in the zone asked for
    assert "estimatedPickupDate" not in order["extension"]
    r = sandbox.client.get(f"{API}/shipments/{oid}/print_label_pdf")
    assert r.status_code == 400


def test_flex_failed_delivery(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    sandbox.accept(oid)
    sandbox.advance(oid)
    sandbox.advance(oid)
    assert sandbox.state(oid) == ("shipped", "out_for_delivery")
    assert sandbox.advance(oid, outcome="failed").status_code == 200
    assert sandbox.state(oid) == ("shipped", "delivery_failed")
    # What follows a failed Flex delivery is not documented (api notes §8.3): no next step.
    assert sandbox.advance(oid).status_code == 400
    assert sandbox.state(oid) == ("shipped", "delivery_failed")
    assert sandbox.advance(oid, outcome="maybe").status_code == 400


def test_flex_not_delivered_only_as_a_named_assumption(start_sandbox: Any) -> None:
    sandbox = start_sandbox(assume_flex_not_delivered=True)
    oid = sandbox.create("flex")
    sandbox.accept(oid)
    sandbox.advance(oid)
    sandbox.advance(oid)
    sandbox.advance(oid, outcome="failed")
    assert sandbox.advance(oid).status_code == 200
    assert sandbox.state(oid) == ("not_delivered", None)


def test_dropoff_flow_with_courier_before_accept(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff")
    assert "estimatedPickupDate" not in sandbox.order(oid)["extension"]
    assert sandbox.advance(oid).status_code == 200  # courier assigned before accept
    assert sandbox.state(oid) == ("ready_to_ship", "on_route_to_pickup")
    order = sandbox.order(oid)
    assert order["extension"]["estimatedPickupDate"].endswith("-03:00")
    assert "qr" not in order["extension"]
    assert order["delivery"]["deliveredBy"] == "MARKETPLACE"
    assert sandbox.advance(oid).status_code == 400  # the courier waits for the accept
    assert sandbox.accept(oid).status_code == 200
    assert sandbox.state(oid) == ("ready_to_ship", "on_route_to_pickup")  # substatus kept
    states = _walk(sandbox, oid)
    assert states == [
        ("ready_to_ship", "on_route_to_pickup"),
        ("ready_to_ship", "picking_up"),
        ("shipped", "out_for_delivery"),
        ("shipped", "at_the_door"),
        ("delivered", None),
    ]
    _ranks_increase("dropoff", states)


def test_dropoff_flow_accepted_first(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff")
    sandbox.accept(oid)
    states = _walk(sandbox, oid)
    assert states[:3] == [
        ("ready_to_ship", "printed"),
        ("ready_to_ship", "ready_to_cook"),  # accepted before a courier was assigned
        ("ready_to_ship", "on_route_to_pickup"),
    ]
    assert states[-1] == ("delivered", None)
    assert ("ready_to_ship", "picking_up") in states
    _ranks_increase("dropoff", states)


def test_there_is_no_takeout_logistics(sandbox: Sandbox) -> None:
    r = sandbox.client.post("/_sandbox/orders", json={"logistics": "takeout"})
    assert r.status_code == 400


def test_courier_before_accept_can_be_turned_off(start_sandbox: Any) -> None:
    sandbox = start_sandbox(courier_before_accept=False)
    oid = sandbox.create("dropoff")
    assert sandbox.advance(oid).status_code == 400  # no courier until accepted
    sandbox.jump(200)
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_print")
    sandbox.accept(oid)
    states = _walk(sandbox, oid)
    assert states[:3] == [
        ("ready_to_ship", "printed"),
        ("ready_to_ship", "ready_to_cook"),
        ("ready_to_ship", "on_route_to_pickup"),
    ]


def test_timers_drive_the_flow_by_sandbox_time(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    sandbox.accept(oid)
    sandbox.jump(61)
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_cook")
    sandbox.jump(3600)
    assert sandbox.state(oid) == ("delivered", None)
    history = sandbox.anon.get(f"/_sandbox/orders/{oid}").json()["history"]
    assert [h["substatus"] for h in history] == [
        "ready_to_print", "printed", "ready_to_cook", "out_for_delivery", None,
    ]  # fmt: skip
    times = [h["at"] for h in history]
    assert times == sorted(times)


def test_dropoff_courier_is_assigned_within_90_s(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff")
    accepted = sandbox.create("dropoff")
    sandbox.accept(accepted)
    sandbox.jump(21)
    assert sandbox.state(accepted) == ("ready_to_ship", "ready_to_cook")
    sandbox.jump(70)
    assert sandbox.state(oid) == ("ready_to_ship", "on_route_to_pickup")
    assert sandbox.state(accepted) == ("ready_to_ship", "on_route_to_pickup")
    sandbox.jump(240)  # the courier arrives (the unaccepted order expired meanwhile)
    assert sandbox.state(accepted) == ("ready_to_ship", "picking_up")
    assert sandbox.state(oid) == ("cancelled", "time_expired")


def test_expiry_after_five_minutes(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    sandbox.jump(290)
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_print")
    sandbox.jump(11)
    assert sandbox.state(oid) == ("cancelled", "time_expired")
    assert sandbox.accept(oid).status_code == 400
    accepted = sandbox.create("flex")
    sandbox.accept(accepted)
    sandbox.jump(301)
    assert sandbox.state(accepted)[0] != "cancelled"


def test_store_paused_after_two_expiries_and_reopened(sandbox: Sandbox) -> None:
    store = f"{API}/stores/44905357"
    first = sandbox.create("flex")
    sandbox.jump(301)
    assert sandbox.client.get(store).json()["status"] == "enabled"
    # An accepted order in between resets the count.
    ok = sandbox.create("flex")
    sandbox.accept(ok)
    sandbox.create("flex")
    sandbox.jump(301)
    assert sandbox.client.get(store).json()["status"] == "enabled"
    second = sandbox.create("dropoff")
    sandbox.jump(301)
    assert sandbox.state(first)[1] == sandbox.state(second)[1] == "time_expired"
    assert sandbox.client.get(store).json()["status"] == "paused"
    refused = sandbox.anon.post("/_sandbox/orders", json={"logistics": "flex"})
    assert refused.status_code == 409
    r = sandbox.client.put(f"{store}/status", json={"status": "enabled"})
    assert r.status_code == 200 and r.json()["status"] == "enabled"
    assert sandbox.anon.post("/_sandbox/orders", json={"logistics": "flex"}).status_code == 201


def test_disabled_store_cannot_be_reopened(sandbox: Sandbox) -> None:
    store = f"{API}/stores/44905357/status"
    assert sandbox.client.put(store, json={"status": "bogus"}).status_code == 400
    assert sandbox.client.put(store, json={"status": "disabled"}).status_code == 200
    assert sandbox.client.put(store, json={"status": "enabled"}).status_code == 400
    assert sandbox.client.get(f"{API}/stores/44905357").json()["status"] == "disabled"
