"""Issue 10 against a real relay: one bad request never costs another its answer, nothing a
client sends gets a 5xx, a captured signature cannot carry another body, tokens rotate."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from relay_testkit import (
    MP_USER_A,
    SECRET,
    Relay,
    mp_body,
    mp_headers,
    post_mp,
    relay_process,
    start_relay,
)

from kitchen_app.app.cli import main
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.channels.mercadopago import signature as mp_signature
from kitchen_app.relay import add_store, build_app

HOSTILE = [
    b'{"topic":"delivery","resource":"\\ud800","user_id":1793791954}',
    b"[" * 5000,
    b"{" * 3000,
    b'{"topic":"delivery","resource":"/shipments/1","user_id":1793791954,"x":NaN}',
    b'{"topic":"delivery","resource":"/shipments/1","user_id":1793791954,"x":1e999}',
    b'{"topic":"delivery","user_id":1793791954,"user_id":2000000002}',
    b"\xff\xfe\x00",
    b'{"user_id":' + b"9" * 5000 + b"}",
    b'{"user_id":"' + b"9" * 5000 + b'"}',
    b'{"user_id":' + b"9" * 4000 + b"}",
    # valid JSON, but PostgreSQL text cannot hold NUL: refused on both backends alike
    b'{"_id":"n\\u0000","topic":"delivery","resource":"/shipments/1","user_id":1793791954}',
    b'{"topic":"delivery","resource":"/shipments/\\u0000","user_id":1793791954}',
]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _served(relay: Relay, token: str) -> list[dict[str, object]]:
    answer = relay.client.get("/v1/events", headers=_auth(token)).json()
    events: list[dict[str, object]] = answer["events"]
    return events


def test_unstorable_bodies_beside_signed_webhooks_fail_alone(relay: Relay) -> None:
    """The measured fault: lone-surrogate bodies on the unsigned ML route made signed MP
    webhooks committed with them 503."""
    bad = HOSTILE[0]

    def send_bad(_: int) -> int:
        with httpx.Client(base_url=relay.url, timeout=10) as c:
            return c.post("/webhooks/mercadolibre", content=bad).status_code

    def send_good(n: int) -> int:
        with httpx.Client(base_url=relay.url, timeout=10) as c:
            return post_mp(c, mp_body(shipment=n)).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        goods = [pool.submit(send_good, n) for n in range(200)]
        bads = [pool.submit(send_bad, n) for n in range(100)]
        good_codes = [f.result() for f in goods]
        bad_codes = [f.result() for f in bads]
    assert good_codes == [200] * 200
    assert set(bad_codes) <= {400, 429}
    assert len(relay.rows()) == 200


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_bodies_are_4xx_on_every_route_never_5xx(relay: Relay, body: bytes) -> None:
    for path in ("/webhooks/mercadopago", "/webhooks/mercadolibre"):
        answer = relay.client.post(path, content=body, headers=mp_headers())
        assert answer.status_code == 400, (path, answer.text)
    shopee = relay.client.post("/webhooks/shopee", content=body)
    assert (shopee.status_code, shopee.content) == (200, b"")
    # nothing reached a desk; only the Shopee diagnostics row exists, unrouted
    assert _served(relay, relay.token_a) == [] and _served(relay, relay.token_b) == []
    assert all(r["store_id"] is None for r in relay.rows())
    assert post_mp(relay.client, mp_body()).status_code == 200


def test_cursor_and_wait_beyond_64_bits_are_400(relay: Relay) -> None:
    for query in ("after=18446744073709551616", "after=" + "9" * 400, "after=-1"):
        answer = relay.client.get(f"/v1/status?{query}", headers=_auth(relay.token_a))
        assert answer.status_code == 400, query
        answer = relay.client.get(f"/v1/events?{query}", headers=_auth(relay.token_a))
        assert answer.status_code == 400, query
    assert post_mp(relay.client, mp_body()).status_code == 200
    answer = relay.client.get("/v1/events?wait=1e999", headers=_auth(relay.token_a))
    assert answer.status_code == 200  # clamped; answered at once as events exist
    answer = relay.client.get("/v1/events?wait=nan", headers=_auth(relay.token_a))
    assert answer.status_code == 400


def test_a_captured_signature_cannot_carry_another_body(relay: Relay) -> None:
    body = json.dumps(mp_body()).encode()
    headers = mp_headers()
    assert (
        relay.client.post("/webhooks/mercadopago", content=body, headers=headers).status_code == 200
    )
    # identical re-delivery: 200, stored once
    assert (
        relay.client.post("/webhooks/mercadopago", content=body, headers=headers).status_code == 200
    )
    assert len(relay.rows()) == 1
    # same x-signature / x-request-id with another body, for this store or another: 401
    for other in (mp_body(shipment=666), mp_body(user_id=2000000002)):
        answer = relay.client.post(
            "/webhooks/mercadopago", content=json.dumps(other).encode(), headers=headers
        )
        assert answer.status_code == 401
    assert len(relay.rows()) == 1
    status = relay.client.get("/v1/status", headers=_auth(relay.token_a)).json()
    assert status["refused_signatures"] == 1
    served = _served(relay, relay.token_a)
    assert [e["verified"] for e in served] == [True]
    assert _served(relay, relay.token_b) == []


def test_replay_window_survives_a_restart(tmp_path: Path, database_url: str | None) -> None:
    server, relay = start_relay(tmp_path, database_url=database_url)
    headers = mp_headers()
    try:
        assert (
            relay.client.post(
                "/webhooks/mercadopago", content=json.dumps(mp_body()).encode(), headers=headers
            ).status_code
            == 200
        )
    finally:
        relay.client.close()
        server.stop()
    # the same file, a new relay process-equivalent: request ids were kept on disk
    config = relay_config(
        settings={"mp_delivery.webhook_secret": SECRET}, db_path=relay.db, database_url=database_url
    )
    thread = ServerThread(build_app(config))
    url = thread.start()
    try:
        answer = httpx.post(
            url + "/webhooks/mercadopago",
            content=json.dumps(mp_body(shipment=777)).encode(),
            headers=headers,
        )
        assert answer.status_code == 401
    finally:
        thread.stop()


def test_genuine_late_retry_is_verified_and_very_old_ts_is_kept_unverified(relay: Relay) -> None:
    def signed(ts: str) -> dict[str, str]:
        request_id = str(uuid.uuid4())
        v1 = mp_signature.sign(SECRET, request_id, ts)
        return {"x-signature": mp_signature.format_header(ts, v1), "x-request-id": request_id}

    twelve_hours_ago = str(int((time.time() - 12 * 3600) * 1000))  # in milliseconds
    late = relay.client.post(
        "/webhooks/mercadopago", json=mp_body(shipment=1), headers=signed(twelve_hours_ago)
    )
    ancient = relay.client.post(
        "/webhooks/mercadopago", json=mp_body(shipment=2), headers=signed("1704908010")
    )
    assert (late.status_code, ancient.status_code) == (200, 200)
    assert [e["verified"] for e in _served(relay, relay.token_a)] == [True, False]


def test_every_documented_mp_shape_reaches_the_desk(relay: Relay) -> None:
    shapes = [
        {"resource": "41034141533", "topic": "delivery"},
        {"resource": 41034141534, "topic": "delivery"},
        {"resource": "/shipments/41034141535", "topic": "shipments"},
        {"resource": "  41034141536 ", "topic": "delivery"},
        {"resource": "/shipments/41034141537"},  # topic missing
        {"resource": "", "topic": "delivery"},  # garbled: unresolved, still served
    ]
    for n, shape in enumerate(shapes):
        body = {"_id": f"shape-{n}", "user_id": MP_USER_A, **shape}
        answer = relay.client.post(
            "/webhooks/mercadopago", content=json.dumps(body).encode(), headers=mp_headers()
        )
        assert answer.status_code == 200, shape
    served = _served(relay, relay.token_a)
    assert [(e["topic"], e["resource"]) for e in served] == [
        ("delivery", "41034141533"),
        ("delivery", "41034141534"),
        ("shipments", "/shipments/41034141535"),
        ("delivery", "41034141536"),
        ("", "/shipments/41034141537"),
        ("delivery", ""),
    ]
    assert served[1]["payload"]["resource"] == 41034141534  # type: ignore[index]


def test_refusal_flood_gets_429_while_valid_webhooks_from_the_same_client_pass(
    tmp_path: Path,
) -> None:
    server, relay = start_relay(tmp_path, refusal_rate=1.0, refusal_burst=5.0, health_burst=3.0)
    try:
        codes = [
            relay.client.post("/webhooks/mercadolibre", content=b"{").status_code for _ in range(20)
        ]
        assert codes[:5] == [400] * 5 and set(codes[5:]) == {429}
        assert post_mp(relay.client, mp_body()).status_code == 200
        ml = {"_id": "ml-1", "topic": "orders_v2", "resource": "/orders/1", "user_id": 3430803000}
        assert relay.client.post("/webhooks/mercadolibre", json=ml).status_code == 200
        health = [relay.client.get("/healthz").status_code for _ in range(10)]
        assert health[:3] == [200] * 3 and 429 in health
    finally:
        relay.client.close()
        server.stop()


def test_rotate_token_revokes_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], database_url: str | None
) -> None:
    db = tmp_path / "relay.sqlite3"
    target = ["--database-url", database_url] if database_url else ["--db", str(db)]
    old = add_store(database_url or db, "Cantina", mp_user_id=42)
    port = free_port()
    with relay_process(db, port, database_url=database_url):
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(base + "/v1/status", headers=_auth(old)).status_code == 200
        assert main(["relay", "rotate-token", "Cantina", *target]) == 0
        new = capsys.readouterr().out.split()[-1]
        assert new.startswith("kd_") and new != old
        assert httpx.get(base + "/v1/status", headers=_auth(new)).status_code == 200
        assert httpx.get(base + "/v1/status", headers=_auth(old)).status_code == 401
        assert httpx.get(base + "/v1/events", headers=_auth(old)).status_code == 401
    assert main(["relay", "rotate-token", "Nowhere", *target]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nowhere" in err
    # an id far beyond any store's is "no store", not a crash
    assert main(["relay", "rotate-token", "9" * 30, *target]) == 2
    assert "no store" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_relay_on_a_garbage_or_truncated_file_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    db = tmp_path / "relay.sqlite3"
    db.write_bytes(content)
    for argv in (
        ["relay", "serve", "--db", str(db), "--port", str(free_port())],
        ["relay", "add-store", "X", "--db", str(db), "--mp-user-id", "1"],
        ["relay", "rotate-token", "X", "--db", str(db)],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(db) in err and "Traceback" not in err, err
    assert db.read_bytes() == content  # left as it was


def test_truncated_real_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "relay.sqlite3"
    add_store(db, "Cantina", mp_user_id=42)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    assert main(["relay", "serve", "--db", str(db), "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
