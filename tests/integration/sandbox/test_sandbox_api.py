"""The Mercado Pago Delivery paths over real HTTP: shapes, auth, documented errors."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sandbox_testkit import API, Sandbox

FIXTURE = Path(__file__).parents[2] / "fixtures" / "mp_order_flex.json"


def _keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(value[0])] if value else []
    return type(value).__name__


def _error(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert set(body) == {"message", "error", "status", "cause"}
    assert body["status"] == status and isinstance(body["cause"], list)
    return body


def test_get_order_shape_follows_the_notes(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    order = sandbox.order(oid)
    fixture = json.loads(FIXTURE.read_text())
    assert order["id"] == oid and order["extension"]["qr"]["id"] == oid
    assert set(order) == set(fixture)
    assert set(order["extension"]) == set(fixture["extension"])
    assert _keys(order["customer"]) == _keys(fixture["customer"])
    assert _keys(order["total"]) == _keys(fixture["total"])
    assert order["extension"]["status"] == "ready_to_ship"
    assert order["extension"]["substatus"] == "ready_to_print"
    assert "subStatus" not in order["extension"]
    assert order["merchant"] == {"id": "1070421029", "name": "La Parrilla de Doña Rosa"}
    assert order["extension"]["store"]["id"] == "44905357"


def test_auth_failures(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    paths = [
        ("GET", f"{API}/v1/orders/{oid}"),
        ("PUT", f"{API}/shipments/{oid}/accept"),
        ("PUT", f"{API}/shipments/{oid}/cancel"),
        ("GET", f"{API}/shipments/{oid}/cancellation-reasons"),
        ("GET", f"{API}/shipments/{oid}/print_label_pdf"),
        ("POST", f"{API}/v1/orders/{oid}/ready"),
        ("GET", f"{API}/users/1070421029/stores"),
        ("GET", f"{API}/stores/44905357"),
    ]
    for method, path in paths:
        _error(sandbox.anon.request(method, path), 401)
        wrong = {"Authorization": "Bearer APP_USR-wrong"}
        _error(sandbox.anon.request(method, path, headers=wrong), 401)
        _error(sandbox.anon.request(method, path, headers={"Authorization": "APP_USR-x"}), 401)
    # Nothing changed on the order.
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_print")


def test_another_stores_token_gets_403(sandbox: Sandbox) -> None:
    r = sandbox.anon.post("/_sandbox/stores", json={"name": "Pizzería Güerrín", "token": "T2"})
    assert r.status_code == 201
    other = r.json()
    oid = sandbox.create("flex", store=other["user_id"])
    _error(sandbox.client.get(f"{API}/v1/orders/{oid}"), 403)
    _error(sandbox.accept(oid), 403)
    own = sandbox.anon.get(f"{API}/v1/orders/{oid}", headers={"Authorization": "Bearer T2"})
    assert own.status_code == 200
    assert own.json()["merchant"]["id"] == str(other["user_id"])


def test_unknown_shipment_is_404(sandbox: Sandbox) -> None:
    body = _error(sandbox.client.get(f"{API}/v1/orders/41034141533"), 404)
    assert body["message"] == "Failed to search shipment"
    _error(sandbox.accept("41034141533"), 404)


def test_accept_then_second_accept_conflicts(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    r = sandbox.accept(oid)
    assert r.status_code == 200 and r.json() == {"status": "accepted"}
    assert sandbox.state(oid) == ("ready_to_ship", "printed")
    body = _error(sandbox.accept(oid), 400)
    assert body["error"] == "conflict_error"
    assert body["message"].startswith("Conflict-error - This order cannot be accepted")
    bad = sandbox.client.put(f"{API}/shipments/{oid}/accept", json={"status": "nope"})
    _error(bad, 400)


def test_idempotent_accept_switch(start_sandbox: Any) -> None:
    sb = start_sandbox(idempotent_accept=True)
    oid = sb.create("flex")
    assert sb.accept(oid).status_code == 200
    assert sb.accept(oid).status_code == 200


def test_cancel_with_reasons(sandbox: Sandbox) -> None:
    oid = sandbox.create("flex")
    r = sandbox.client.get(f"{API}/shipments/{oid}/cancellation-reasons")
    assert r.status_code == 200
    reasons = r.json()
    assert {
        "id": "CS7452",
        "value": "out_of_stock",
        "message": "Me falta alguno de los productos.",
    } in reasons
    for reason in reasons:
        assert set(reason) == {"id", "value", "message"}
    cancel = f"{API}/shipments/{oid}/cancel"
    _error(sandbox.client.put(cancel, json={"status": "canceled"}), 400)
    _error(sandbox.client.put(cancel, content=b"not json"), 400)
    bad_reason = {"id": "XX", "value": "x", "message": "x"}
    _error(
        sandbox.client.put(cancel, json={"status": "cancelled", "cancellation_reason": bad_reason}),
        400,
    )
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_print")
    ok = sandbox.client.put(cancel, json={"status": "cancelled", "cancellation_reason": reasons[0]})
    assert ok.status_code == 200 and ok.json() == {"status": "cancelled"}
    assert sandbox.state(oid) == ("cancelled", "cancelled_manually")
    body = _error(sandbox.client.put(cancel, json={"status": "cancelled"}), 400)
    assert "cannot be cancelled" in body["message"]
    _error(sandbox.accept(oid), 400)
    after = sandbox.client.get(f"{API}/shipments/{oid}/cancellation-reasons")
    assert after.status_code == 200 and after.json() == []


def test_cancel_without_reason_after_accept(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff")
    assert sandbox.accept(oid).status_code == 200
    reasons = sandbox.client.get(f"{API}/shipments/{oid}/cancellation-reasons").json()
    assert any(r["id"] == "CS7452" for r in reasons)
    r = sandbox.client.put(f"{API}/shipments/{oid}/cancel", json={"status": "cancelled"})
    assert r.status_code == 200
    assert sandbox.state(oid) == ("cancelled", "cancelled_manually")


def test_print_label_pdf_accepts_and_returns_a_pdf_with_the_qr(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    oid = sandbox.create("flex")
    r = sandbox.client.get(f"{API}/shipments/{oid}/print_label_pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert sandbox.state(oid) == ("ready_to_ship", "printed")  # the implicit accept
    order = sandbox.order(oid)
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert f"Pedido #{order['displayId']}" in text
    assert order["items"][0]["name"] in text
    # Printing again is allowed (no second accept), and the QR decodes to the §2.3 JSON.
    again = sandbox.client.get(f"{API}/shipments/{oid}/print_label_pdf")
    assert again.status_code == 200
    if shutil.which("pdftoppm") and shutil.which("zbarimg"):
        pdf = tmp_path / "label.pdf"
        pdf.write_bytes(r.content)
        subprocess.run(["pdftoppm", "-r", "203", "-png", str(pdf), str(tmp_path / "p")], check=True)
        png = next(tmp_path.glob("p*.png"))
        out = subprocess.run(
            ["zbarimg", "--nodbus", "--raw", "-q", "-Sbinary", str(png)],
            check=True,
            capture_output=True,
        )
        qr = order["extension"]["qr"]
        expected = json.dumps(
            {k: qr[k] for k in ("id", "sender_id", "hash_code", "security_digit")},
            separators=(",", ":"),
        )
        assert out.stdout.decode().strip() == expected


def test_print_label_refused_once_cancelled(sandbox: Sandbox) -> None:
    oid = sandbox.create("dropoff")
    sandbox.client.put(f"{API}/shipments/{oid}/cancel", json={"status": "cancelled"})
    _error(sandbox.client.get(f"{API}/shipments/{oid}/print_label_pdf"), 400)


def test_order_ready_only_for_accepted_dropoff(sandbox: Sandbox) -> None:
    flex, drop = sandbox.create("flex"), sandbox.create("dropoff")
    sandbox.accept(flex)
    _error(sandbox.client.post(f"{API}/v1/orders/{flex}/ready"), 400)
    _error(sandbox.client.post(f"{API}/v1/orders/{drop}/ready"), 400)  # not accepted yet
    sandbox.accept(drop)
    before = sandbox.state(drop)
    r = sandbox.client.post(f"{API}/v1/orders/{drop}/ready")  # no body (§5b)
    assert r.status_code == 200 and r.json() == {"status": "ready"}
    assert sandbox.state(drop) == before == ("ready_to_ship", "printed")
    listed = sandbox.anon.get(f"/_sandbox/orders/{drop}").json()
    assert listed["ready"] is True
    assert sandbox.client.post(f"{API}/v1/orders/{drop}/ready").status_code == 200  # twice
    sandbox.advance(drop)  # ready_to_cook: still taken (assumption)
    assert sandbox.state(drop) == ("ready_to_ship", "ready_to_cook")
    assert sandbox.client.post(f"{API}/v1/orders/{drop}/ready").status_code == 200
    sandbox.advance(drop)  # a courier on the way: no longer (§5b: printed only)
    assert sandbox.state(drop) == ("ready_to_ship", "on_route_to_pickup")
    _error(sandbox.client.post(f"{API}/v1/orders/{drop}/ready"), 400)


def test_time_zone_header(start_sandbox: Any) -> None:
    loose = start_sandbox()
    oid = loose.create("flex")
    r = loose.client.get(f"{API}/v1/orders/{oid}")  # no header: UTC
    assert r.status_code == 200 and r.json()["createdAt"].endswith("Z")
    for tz in ("GMT-3", "GMT-03:00", "UTC", "America/Argentina/Buenos_Aires"):
        assert (
            loose.client.get(f"{API}/v1/orders/{oid}", headers={"x-time-zone": tz}).status_code
            == 200
        )
    _error(loose.client.get(f"{API}/v1/orders/{oid}", headers={"x-time-zone": "Mars/Olympus"}), 400)
    strict = start_sandbox(strict_time_zone=True)
    oid = strict.create("flex")
    body = _error(strict.client.get(f"{API}/v1/orders/{oid}"), 400)
    assert "x-time-zone" in body["message"]
    assert strict.order(oid)["id"] == oid


def test_camel_substatus_switch(start_sandbox: Any) -> None:
    sb = start_sandbox(emit_camel_substatus=True)
    oid = sb.create("flex")
    ext = sb.order(oid)["extension"]
    assert ext["substatus"] == ext["subStatus"] == "ready_to_print"


@pytest.mark.parametrize(
    ("match", "status", "message"),
    [
        ("get_order", 424, "Failed to get some information of the order"),
        ("accept", 500, "Internal server error"),
        ("cancel", 429, "Too many requests"),
    ],
)
def test_injected_faults(sandbox: Sandbox, match: str, status: int, message: str) -> None:
    oid = sandbox.create("flex")
    r = sandbox.anon.post(
        "/_sandbox/faults", json={"match": match, "status": status, "count": 2, "retry_after": 3}
    )
    assert r.status_code == 201
    calls = {
        "get_order": lambda: sandbox.client.get(f"{API}/v1/orders/{oid}"),
        "accept": lambda: sandbox.accept(oid),
        "cancel": lambda: sandbox.client.put(
            f"{API}/shipments/{oid}/cancel", json={"status": "cancelled"}
        ),
    }
    for _ in range(2):
        failed = calls[match]()
        assert _error(failed, status)["message"] == message
        assert failed.headers["retry-after"] == "3"
    assert sandbox.state(oid) == ("ready_to_ship", "ready_to_print")  # faults change nothing
    assert calls[match]().status_code == 200  # count used up
    assert sandbox.anon.get("/_sandbox/faults").json() == []


def test_fault_for_one_order_and_clearing(sandbox: Sandbox) -> None:
    a, b = sandbox.create("flex"), sandbox.create("flex")
    sandbox.anon.post(
        "/_sandbox/faults", json={"match": "*", "status": 500, "count": 5, "order_id": a}
    )
    _error(sandbox.client.get(f"{API}/v1/orders/{a}"), 500)
    assert sandbox.client.get(f"{API}/v1/orders/{b}").status_code == 200
    assert sandbox.anon.delete("/_sandbox/faults").json() == {"cleared": 1}
    assert sandbox.client.get(f"{API}/v1/orders/{a}").status_code == 200
    _error(sandbox.anon.post("/_sandbox/faults", json={"match": "everything", "status": 500}), 400)
    _error(sandbox.anon.post("/_sandbox/faults", json={"match": "accept", "status": 200}), 400)


def test_unknown_path_answers_the_error_shape(sandbox: Sandbox) -> None:
    _error(sandbox.client.get("/proximity-integration/v1/nothing/here"), 404)


def test_store_status_routes_as_documented(sandbox: Sandbox) -> None:
    store = f"{API}/stores/44905357"
    assert sandbox.client.get(store).json()["status"] == "enabled"
    # Two expiries in a row pause the store (§8.5); enabled reopens it.
    sandbox.create("flex")
    sandbox.create("flex")
    sandbox.jump(301)
    assert sandbox.client.get(store).json()["status"] == "paused"
    r = sandbox.client.put(f"{store}/status", json={"status": "enabled"})
    assert r.status_code == 200 and r.json()["status"] == "enabled"
    assert sandbox.client.get(store).json()["status"] == "enabled"
    # The documented errors.
    _error(sandbox.anon.get(store), 401)
    _error(sandbox.anon.put(f"{store}/status", json={"status": "enabled"}), 401)
    assert "Invalid store id" in _error(sandbox.client.get(f"{API}/stores/abc"), 400)["message"]
    missing = _error(
        sandbox.client.put(f"{API}/stores/999/status", json={"status": "enabled"}), 404
    )
    assert missing["message"] == "Store not found"
    _error(sandbox.client.put(f"{store}/status", json={"status": "closed"}), 400)
    other = sandbox.anon.post("/_sandbox/stores", json={"name": "Otra", "token": "T3"}).json()
    _error(sandbox.client.get(f"{API}/stores/{other['id']}"), 403)
    sandbox.anon.post("/_sandbox/faults", json={"match": "stores", "status": 424, "count": 1})
    _error(sandbox.client.put(f"{store}/status", json={"status": "enabled"}), 424)
    # disabled is documented and irreversible: the sandbox takes it, and never reopens.
    assert sandbox.client.put(f"{store}/status", json={"status": "disabled"}).status_code == 200
    _error(sandbox.client.put(f"{store}/status", json={"status": "enabled"}), 400)
