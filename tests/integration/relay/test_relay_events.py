"""GET /v1/events (long poll), /v1/status, /healthz and retention against a real relay."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from relay_testkit import MP_USER_A, MP_USER_B, Relay, mp_body, pg_query, post_mp, start_relay


def poll(relay: Relay, token: str, **params: Any) -> httpx.Response:
    return relay.client.get(
        "/v1/events", params=params, headers={"Authorization": f"Bearer {token}"}
    )


def test_answers_at_once_when_events_exist(relay: Relay) -> None:
    bodies = [mp_body(shipment=n) for n in (1, 2, 3)]
    for body in bodies:
        assert post_mp(relay.client, body).status_code == 200
    started = time.monotonic()
    answer = poll(relay, relay.token_a, after=0, wait=30)
    assert time.monotonic() - started < 10  # did not hold for the 30 s
    assert answer.status_code == 200
    data = answer.json()
    assert [e["resource"] for e in data["events"]] == [
        "/shipments/1",
        "/shipments/2",
        "/shipments/3",
    ]
    assert data["cursor"] == data["events"][-1]["id"]
    first = data["events"][0]
    assert set(first) == {
        "id",
        "channel",
        "topic",
        "resource",
        "received_at",
        "payload",
        "verified",
    }
    assert first["verified"] is True  # signed with the relay's secret, fresh ts
    assert first["channel"] == "mp_delivery"
    assert first["payload"] == bodies[0]
    assert first["received_at"].endswith("Z")
    # After the cursor: nothing more, and the cursor stays.
    again = poll(relay, relay.token_a, after=data["cursor"]).json()
    assert again == {"events": [], "cursor": data["cursor"]}
    # after omitted: from the oldest kept.
    assert len(poll(relay, relay.token_a).json()["events"]) == 3


def test_holds_then_answers_empty(relay: Relay) -> None:
    started = time.monotonic()
    answer = poll(relay, relay.token_a, after=0, wait=1)
    held = time.monotonic() - started
    assert answer.json() == {"events": [], "cursor": 0}
    assert held >= 0.9


def test_wakes_when_a_webhook_lands(relay: Relay) -> None:
    result: dict[str, Any] = {}

    def long_poll() -> None:
        started = time.monotonic()
        result["answer"] = poll(relay, relay.token_a, after=0, wait=50)
        result["held"] = time.monotonic() - started

    waiter = threading.Thread(target=long_poll)
    waiter.start()
    try:
        # Give the poll a head start so it is most likely held; the assertions below hold
        # either way (a poll that comes after the webhook is answered at once).
        time.sleep(0.3)
        posted = time.monotonic()
        assert post_mp(relay.client, mp_body(shipment=77)).status_code == 200
        waiter.join(timeout=20)
        assert not waiter.is_alive()
        woke_after = time.monotonic() - posted
    finally:
        waiter.join(timeout=60)
    events = result["answer"].json()["events"]
    assert [e["resource"] for e in events] == ["/shipments/77"]
    assert result["held"] < 20  # woke long before the 50 s hold
    assert woke_after < 5


def test_wait_is_clamped(relay_factory: Callable[..., Relay]) -> None:
    relay = relay_factory(max_wait_seconds=0.5)
    started = time.monotonic()
    answer = poll(relay, relay.token_a, after=0, wait=3600)
    assert answer.status_code == 200
    assert time.monotonic() - started < 30
    assert poll(relay, relay.token_a, wait="soon").status_code == 400
    assert poll(relay, relay.token_a, after=-1).status_code == 400


def test_a_token_sees_only_its_own_store(relay: Relay) -> None:
    assert post_mp(relay.client, mp_body(user_id=MP_USER_A, shipment=1)).status_code == 200
    assert post_mp(relay.client, mp_body(user_id=MP_USER_B, shipment=2)).status_code == 200
    a = poll(relay, relay.token_a, after=0).json()["events"]
    b = poll(relay, relay.token_b, after=0).json()["events"]
    assert [e["resource"] for e in a] == ["/shipments/1"]
    assert [e["resource"] for e in b] == ["/shipments/2"]
    # B's long poll is not woken by A's webhook.
    assert post_mp(relay.client, mp_body(user_id=MP_USER_A, shipment=3)).status_code == 200
    later = poll(relay, relay.token_b, after=b[-1]["id"], wait=0.5).json()
    assert later["events"] == []


def test_missing_or_wrong_token_is_401(relay: Relay) -> None:
    assert relay.client.get("/v1/events").status_code == 401
    assert poll(relay, "kd_not-a-token").status_code == 401
    basic = relay.client.get("/v1/events", headers={"Authorization": f"Basic {relay.token_a}"})
    assert basic.status_code == 401
    assert relay.client.get("/v1/status").status_code == 401


def test_tokens_are_stored_hashed(relay: Relay) -> None:
    if relay.database_url is not None:
        rows = pg_query(relay.database_url, "SELECT * FROM stores")
        raw = repr([tuple(r) for r in rows]).encode()
        assert len(rows) == 2 and all(len(r["token_sha256"]) == 64 for r in rows)
    else:
        raw = relay.db.read_bytes()
    assert relay.token_a.encode() not in raw
    assert relay.token_b.encode() not in raw


def test_batch_is_limited(relay: Relay) -> None:
    values = [(f"/shipments/{n}",) for n in range(620)]
    columns = "store_id, channel, topic, resource, account_id, received_at, payload"
    constants = "1, 'mp_delivery', 'delivery', {}, '1', '2026-11-23T00:00:00.000000Z', '{{}}'"
    if relay.database_url is not None:
        pg_query(
            relay.database_url,
            f"INSERT INTO events ({columns}) SELECT {constants.format('r')} "
            "FROM unnest($1::text[]) AS r",
            [v[0] for v in values],
        )
    else:
        conn = sqlite3.connect(relay.db)
        with conn:
            conn.executemany(
                f"INSERT INTO events ({columns}) VALUES ({constants.format('?')})", values
            )
        conn.close()
    # The relay learns of rows only through its own writer; a webhook updates its high-water.
    assert post_mp(relay.client, mp_body(shipment=9999)).status_code == 200
    first = poll(relay, relay.token_a, after=0).json()
    assert len(first["events"]) == 500
    assert first["cursor"] == first["events"][-1]["id"]
    rest = poll(relay, relay.token_a, after=first["cursor"]).json()
    assert len(rest["events"]) == 121
    assert rest["events"][-1]["resource"] == "/shipments/9999"


def test_status_reports_store_last_webhook_and_backlog(relay: Relay) -> None:
    headers = {"Authorization": f"Bearer {relay.token_a}"}
    empty = relay.client.get("/v1/status", headers=headers).json()
    assert empty == {
        "store": "Cantina A",
        "last_webhook_at": None,
        "cursor": 0,
        "backlog": 0,
        "refused_signatures": 0,
        "last_refused_at": None,
    }
    for n in range(3):
        assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200
    events = poll(relay, relay.token_a, after=0).json()["events"]
    status = relay.client.get(
        "/v1/status", params={"after": events[0]["id"]}, headers=headers
    ).json()
    assert status["backlog"] == 2
    assert status["cursor"] == events[-1]["id"]
    assert status["last_webhook_at"] == events[-1]["received_at"]


def test_healthz_probes_a_real_write(tmp_path: Path) -> None:
    server, relay = start_relay(tmp_path, health_probe_interval_seconds=0.05)
    blocker = sqlite3.connect(relay.db, isolation_level=None)
    try:
        assert relay.client.get("/healthz").status_code == 200
        blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the file: no write possible
        # the answer is cached for the probe interval, then the next probe fails
        deadline = time.monotonic() + 20
        while relay.client.get("/healthz").status_code != 503:
            assert time.monotonic() < deadline
        blocker.execute("ROLLBACK")
        deadline = time.monotonic() + 20
        while relay.client.get("/healthz").status_code != 200:
            assert time.monotonic() < deadline
    finally:
        blocker.close()
        relay.client.close()
        server.stop()


def test_pruned_cursor_answer(relay_factory: Callable[..., Relay]) -> None:
    relay = relay_factory(retention_seconds=1.0, prune_interval_seconds=0.1)
    for n in range(3):
        assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200
    deadline = time.monotonic() + 20
    while True:  # until retention removed all three (it may take them one prune at a time)
        answer = poll(relay, relay.token_a, after=0)
        if answer.status_code == 410 and answer.json()["cursor"] >= 3:
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)
    body = answer.json()
    assert body["error"] == "cursor_pruned"
    assert body["cursor"] >= 3
    assert relay.rows() == []
    # Resuming from the answer's cursor works, and new events flow.
    assert poll(relay, relay.token_a, after=body["cursor"]).status_code == 200
    assert post_mp(relay.client, mp_body(shipment=42)).status_code == 200
    fresh = poll(relay, relay.token_a, after=body["cursor"]).json()["events"]
    assert [e["resource"] for e in fresh] == ["/shipments/42"]
    # Store B lost nothing, so its cursor 0 is still good.
    assert poll(relay, relay.token_b, after=0).status_code == 200


def test_long_poll_ends_when_the_desk_hangs_up(tmp_path: Path) -> None:
    server, relay = start_relay(tmp_path)
    try:
        tasks = server._server.server_state.tasks  # uvicorn's running request handlers
        sock = socket.create_connection((server.host, server.port))
        sock.sendall(
            f"GET /v1/events?after=0&wait=60 HTTP/1.1\r\nHost: x\r\n"
            f"Authorization: Bearer {relay.token_a}\r\n\r\n".encode()
        )
        deadline = time.monotonic() + 10
        while not tasks:  # the relay is holding the poll
            assert time.monotonic() < deadline
            time.sleep(0.01)
        sock.close()
        deadline = time.monotonic() + 10  # far less than the 60 s hold
        while tasks:
            assert time.monotonic() < deadline, "the hold outlived its client"
            time.sleep(0.01)
    finally:
        relay.client.close()
        server.stop()


def test_a_cursor_ahead_of_the_log_is_told_to_start_again(relay: Relay) -> None:
    assert post_mp(relay.client, mp_body()).status_code == 200
    latest = poll(relay, relay.token_a).json()["cursor"]
    # A desk whose cursor came from another (lost or replaced) copy of the log.
    r = poll(relay, relay.token_a, after=latest + 1000)
    assert r.status_code == 410
    assert r.json() == {"error": "cursor_pruned", "cursor": 0}
    again = poll(relay, relay.token_a, after=0)
    assert again.status_code == 200 and len(again.json()["events"]) == 1


def test_retention_removes_a_backlog_in_chunks_unrouted_included(tmp_path: Path) -> None:
    from kitchen_app.relay.sqlite_log import SQLiteEventLog

    server, relay = start_relay(tmp_path)
    try:
        for n in range(10):
            assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200
            unrouted = mp_body(user_id=999_999, shipment=n)
            assert post_mp(relay.client, unrouted).status_code == 200
    finally:
        relay.client.close()
        server.stop()
    log = SQLiteEventLog(relay.db)
    try:
        everything = "9999-12-31T00:00:00.000000Z"
        removed_counts = []
        last: dict[int, int] = {}
        while True:
            pruned, removed = log.prune(everything, 3)
            removed_counts.append(removed)
            for store, through in pruned.items():
                last[store] = max(last.get(store, 0), through)
            if removed < 3:
                break
        assert removed_counts[:6] == [3] * 6 and sum(removed_counts) == 20
        assert relay.rows() == []
        assert log.pruned_through() == last and len(last) == 1  # store A; unrouted has none
    finally:
        log.close()
