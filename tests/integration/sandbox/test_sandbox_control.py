"""Control routes, stores (§9), the OAuth stub, the clock and seeded worlds."""

from __future__ import annotations

from typing import Any

import httpx
from sandbox_testkit import API, Sandbox, wait_until

from kitchen_app.app.serving import ServerThread
from kitchen_app.sandbox import SandboxConfig, build_app


def test_create_order_options_and_errors(sandbox: Sandbox) -> None:
    items = [
        {
            "name": "Bife de chorizo",
            "quantity": 2,
            "unit_price": 16900,
            "notes": "Bien cocido",
            "options": [{"name": "Papas fritas", "unit_price": 0, "group": "Guarnición"}],
        }
    ]
    r = sandbox.anon.post(
        "/_sandbox/orders", json={"channel": "mp_delivery", "logistics": "dropoff", "items": items}
    )
    assert r.status_code == 201
    created = r.json()
    assert created["status"] == "ready_to_ship" and created["substatus"] == "ready_to_print"
    assert created["store"] == 1070421029 and created["logistics"] == "dropoff"
    order = sandbox.order(created["id"])
    [item] = order["items"]
    assert item["name"] == "Bife de chorizo" and item["specialInstructions"] == "Bien cocido"
    assert item["totalPrice"]["value"] == 33800.0
    bad = [
        {"channel": "teleport", "logistics": "flex"},
        {"logistics": "teleport"},
        {"logistics": "flex", "items": [{"name": "x"}]},
    ]
    for body in bad:
        resp = sandbox.anon.post("/_sandbox/orders", json=body)
        assert resp.status_code == 400 and resp.json()["status"] == 400, body
    assert sandbox.anon.post("/_sandbox/orders", json={"store": 1}).status_code == 404
    assert sandbox.anon.post("/_sandbox/orders", content=b"[").status_code == 400
    assert len(sandbox.anon.get("/_sandbox/orders").json()) == 1  # nothing half-made


def test_list_and_get_orders(sandbox: Sandbox) -> None:
    a, b = sandbox.create("flex"), sandbox.create("dropoff")
    sandbox.accept(a)
    listed = {o["id"]: o for o in sandbox.anon.get("/_sandbox/orders").json()}
    assert listed[a]["substatus"] == "printed" and listed[a]["accepted"] is True
    assert listed[b]["substatus"] == "ready_to_print" and listed[b]["accepted"] is False
    one = sandbox.anon.get(f"/_sandbox/orders/{b}").json()
    assert one["order"]["id"] == b and len(one["history"]) == 1
    assert sandbox.anon.get("/_sandbox/orders/999").status_code == 404
    assert sandbox.anon.post("/_sandbox/orders/999/advance").status_code == 404
    assert sandbox.anon.get("/_sandbox/orders", params={"store": "1"}).json() == []


def test_stores_control_and_section_9(sandbox: Sandbox) -> None:
    r = sandbox.anon.post(
        "/_sandbox/stores",
        json={"name": "El Cuartito", "user_id": 222333444, "store_id": 5550001, "token": "T-C"},
    )
    assert r.status_code == 201 and r.json()["user_id"] == 222333444
    assert (
        sandbox.anon.post(
            "/_sandbox/stores", json={"name": "Dup", "user_id": 222333444}
        ).status_code
        == 400
    )
    assert sandbox.anon.post("/_sandbox/stores", json={}).status_code == 400
    assert len(sandbox.anon.get("/_sandbox/stores").json()) == 2

    stores = sandbox.client.get(f"{API}/users/1070421029/stores")
    assert stores.status_code == 200
    [store] = stores.json()
    assert store["id"] == 44905357 and store["description"] == "La Parrilla de Doña Rosa"
    assert set(store) == {
        "id",
        "user_id",
        "description",
        "business_hours",
        "location",
        "external_id",
    }
    assert sandbox.client.get(f"{API}/users/222333444/stores").status_code == 403
    assert sandbox.client.get(f"{API}/stores/5550001").status_code == 403
    assert sandbox.client.get(f"{API}/stores/abc").status_code == 400
    assert sandbox.client.get(f"{API}/stores/1").status_code == 404
    by_ext = sandbox.client.get(f"{API}/users/1070421029/stores/external_id/UNID01")
    assert by_ext.status_code == 200 and by_ext.json()["id"] == 44905357
    assert sandbox.client.get(f"{API}/users/1070421029/stores/external_id/NOPE").status_code == 424
    put = sandbox.client.put(
        f"{API}/stores/44905357/external_id", json={"external_id": "9320001PC21"}
    )
    assert put.status_code == 200 and put.json()["external_id"] == "9320001PC21"
    oid = sandbox.create("flex")
    assert sandbox.order(oid)["extension"]["store"]["externalCode"] == "9320001PC21"
    assert sandbox.client.put(f"{API}/stores/44905357/external_id", json={}).status_code == 400


def test_clock_speed_and_rate(sandbox: Sandbox) -> None:
    clock = sandbox.anon.get("/_sandbox/clock").json()
    assert clock["speed"] == 1.0 and clock["now"].endswith("Z")
    r = sandbox.anon.post("/_sandbox/clock", json={"speed": 50})
    assert r.status_code == 200 and r.json()["speed"] == 50
    for bad in ({}, {"speed": 0}, {"advance_s": -5}, {"speed": "fast"}):
        assert sandbox.anon.post("/_sandbox/clock", json=bad).status_code == 400
    assert sandbox.anon.post("/_sandbox/clock", json={"rate_per_min": 6}).status_code == 200
    sandbox.jump(600)  # about 60 orders in ten sandbox minutes
    count = len(sandbox.anon.get("/_sandbox/orders").json())
    assert 25 <= count <= 110
    sandbox.anon.post("/_sandbox/clock", json={"rate_per_min": 0})
    sandbox.jump(600)
    listed = sandbox.anon.get("/_sandbox/orders").json()
    assert len(listed) == count
    assert {o["logistics"] for o in listed} == {"flex", "dropoff"}


def test_rate_runs_in_real_time_too(start_sandbox: Any) -> None:
    sb = start_sandbox(rate_per_min=600.0, speed=20.0)  # ~200 orders per real second
    wait_until(
        lambda: len(sb.anon.get("/_sandbox/orders").json()) >= 5,
        what="orders created on their own",
    )


def test_same_seed_same_orders(start_sandbox: Any) -> None:
    a, b = start_sandbox(seed=42), start_sandbox(seed=42)
    ids_a = [a.create(k) for k in ("flex", "dropoff", "flex")]
    ids_b = [b.create(k) for k in ("flex", "dropoff", "flex")]
    assert ids_a == ids_b
    for oa in ids_a:
        ja, jb = a.order(oa), b.order(oa)
        for key in ("createdAt", "preparationStartDateTime"):
            ja.pop(key), jb.pop(key)
        ja["delivery"].pop("estimatedDeliveryDateTime")
        jb["delivery"].pop("estimatedDeliveryDateTime")
        assert ja == jb
    c = start_sandbox(seed=43)
    assert c.create("flex") != ids_a[0]


def test_the_same_app_serves_again_after_a_stop(receiver: Any) -> None:
    app = build_app(SandboxConfig(seed=3, relay_url=receiver.url))
    for round_ in (1, 2):
        server = ServerThread(app)
        url = server.start()
        try:
            with httpx.Client(base_url=url) as client:
                r = client.post("/_sandbox/orders", json={"logistics": "flex"})
                assert r.status_code == 201
            receiver.wait_for(round_)  # the webhook sender runs in each life
        finally:
            server.stop()
    assert len(app.state.world.orders) == 2
