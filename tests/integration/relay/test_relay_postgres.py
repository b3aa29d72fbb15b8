"""The relay on PostgreSQL: the CLI with a socket URL, two relay processes sharing one
database (a webhook into one wakes a desk held by the other), kill -9 of one of two
relays under load, schema versions, retention seen by every relay."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from relay_testkit import MP_USER_A, Relay, mp_body, mp_headers, pg_query, post_mp
from relay_testkit import relay_process as shared_relay_process

from kitchen_app.app.cli import main
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.relay import build_app
from kitchen_app.relay.pg_schema import SCHEMA_VERSION


@pytest.fixture
def database_url(pg_database: str) -> str:
    """This module's relays all run on PostgreSQL (one SQLite file has one relay process)."""
    return pg_database


@contextmanager
def relay_process(database_url: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """``kitchen-app relay serve --database-url …`` until it answers /healthz; its log goes
    to a temporary folder (the shared helper names the log after a database path)."""
    with (
        tempfile.TemporaryDirectory() as folder,
        shared_relay_process(
            Path(folder) / f"relay-{port}.sqlite3", port, database_url=database_url
        ) as proc,
    ):
        yield proc


def add_store_cli(database_url: str, capsys: pytest.CaptureFixture[str], user: int) -> str:
    code = main(
        [
            "relay",
            "add-store",
            f"Store {user}",
            "--database-url",
            database_url,
            "--mp-user-id",
            str(user),
        ]
    )
    assert code == 0
    return capsys.readouterr().out.split()[-1]


def events_of(base: str, token: str, after: int = 0, wait: float = 0) -> dict[str, Any]:
    answer = httpx.get(
        base + "/v1/events",
        params={"after": after, "wait": wait},
        headers={"Authorization": f"Bearer {token}"},
        timeout=wait + 30,
    )
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def test_cli_on_a_unix_socket_url(pg_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    # The fixture's URL is the libpq socket form: postgresql://USER@/DB?host=/socket/dir
    assert "@/" in pg_database and "?host=/" in pg_database
    token = add_store_cli(pg_database, capsys, 42)
    assert token.startswith("kd_")
    again = main(["relay", "add-store", " ", "--database-url", pg_database])
    assert again == 2  # no name: refused, nothing written
    capsys.readouterr()
    taken = ["relay", "add-store", "Twin", "--database-url", pg_database, "--mp-user-id", "42"]
    assert main(taken) == 2
    assert "already belongs to store 'Store 42'" in capsys.readouterr().err
    assert [r["name"] for r in pg_query(pg_database, "SELECT name FROM stores")] == ["Store 42"]
    assert pg_query(pg_database, "SELECT version FROM relay_schema")[0][0] == SCHEMA_VERSION
    port = free_port()
    with relay_process(pg_database, port) as proc:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base) as client:
            assert post_mp(client, mp_body(user_id=42, shipment=5)).status_code == 200
        served = events_of(base, token)["events"]
        assert [e["resource"] for e in served] == ["/shipments/5"]
        proc.terminate()
        assert proc.wait(timeout=15) in (0, -signal.SIGTERM)


def test_a_newer_schema_is_refused(pg_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    add_store_cli(pg_database, capsys, 7)
    pg_query(pg_database, "UPDATE relay_schema SET version = 99")
    assert main(["relay", "serve", "--database-url", pg_database]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newer relay (schema 99)" in err


def test_a_webhook_into_one_relay_wakes_a_desk_held_by_another(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    token = add_store_cli(pg_database, capsys, 42)
    port_a, port_b = free_port(), free_port()
    with relay_process(pg_database, port_a), relay_process(pg_database, port_b):
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        woke: list[float] = []
        for shipment in range(5):
            cursor = events_of(b, token)["cursor"]
            result: dict[str, Any] = {}

            def hold(after: int = cursor, out: dict[str, Any] = result) -> None:
                out["answer"] = events_of(b, token, after=after, wait=30)
                out["at"] = time.monotonic()

            waiter = threading.Thread(target=hold)
            waiter.start()
            time.sleep(0.3)  # most likely held by now; the checks hold either way
            with httpx.Client(base_url=a) as client:
                posted = time.monotonic()
                assert post_mp(client, mp_body(user_id=42, shipment=shipment)).status_code == 200
            waiter.join(timeout=20)
            assert not waiter.is_alive(), "the desk held by B was not woken"
            resources = [e["resource"] for e in result["answer"]["events"]]
            assert resources == [f"/shipments/{shipment}"]
            woke.append(result["at"] - posted)
        assert max(woke) < 10  # long before the 30 s hold ended
        print(f"cross-process wake-ups after the 200: {[round(w * 1000) for w in woke]} ms")


def test_kill_9_of_one_of_two_relays_loses_nothing_and_doubles_nothing(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    token = add_store_cli(pg_database, capsys, 42)
    port_a, port_b = free_port(), free_port()
    with ExitStack() as stack:
        proc_a = stack.enter_context(relay_process(pg_database, port_a))
        stack.enter_context(relay_process(pg_database, port_b))
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        bodies = [mp_body(user_id=42, shipment=n) for n in range(400)]
        acked: list[str] = []
        lock = threading.Lock()

        def send(index: int, body: dict[str, Any]) -> None:
            """Like a marketplace behind a load balancer: alternate relays, and retry an
            unanswered delivery (same body, same _id) on the relay that is still up."""
            content = json.dumps(body).encode()
            for base in (a if index % 2 else b, b):
                try:
                    answer = httpx.post(
                        base + "/webhooks/mercadopago",
                        content=content,
                        headers=mp_headers(),
                        timeout=10,
                    )
                except httpx.TransportError:
                    continue
                if answer.status_code == 200:
                    with lock:
                        acked.append(str(body["_id"]))
                    return

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(send, i, body) for i, body in enumerate(bodies)]
            for f in futures[:150]:
                f.result()
            os.kill(proc_a.pid, signal.SIGKILL)  # mid-stream, with requests in flight
            for f in futures[150:]:
                f.result()
        proc_a.wait(timeout=10)
        assert len(acked) == len(bodies)  # every delivery got its 200, from A or from B
        seen: list[str] = []
        cursor = 0
        while True:
            batch = events_of(b, token, after=cursor)
            if not batch["events"]:
                break
            seen.extend(e["payload"]["_id"] for e in batch["events"])
            cursor = batch["cursor"]
    assert set(acked) <= set(seen), f"{len(set(acked) - set(seen))} acknowledged events lost"
    assert len(seen) == len(set(seen)), "a desk was served the same notification twice"


@contextmanager
def second_relay(database_url: str) -> Iterator[str]:
    """Another relay instance on the same database (its stores are already there)."""
    server = ServerThread(build_app(relay_config(database_url=database_url)))
    try:
        yield server.start()
    finally:
        server.stop()


def test_desk_moved_between_relays_is_not_told_to_start_again(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    relay_a = relay_factory()
    with second_relay(database_url) as b:
        for n in range(30):
            assert post_mp(relay_a.client, mp_body(shipment=n)).status_code == 200
            cursor = events_of(relay_a.url, relay_a.token_a, after=0)["cursor"]
            # straight to B with A's newest cursor: never 410, whatever B heard so far
            assert events_of(b, relay_a.token_a, after=cursor)["events"] == []


def test_retention_on_one_relay_is_seen_by_the_other(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    # the other relay keeps the default retention (7 days): only the first one prunes
    pruning = relay_factory(retention_seconds=1.0, prune_interval_seconds=0.1)
    with second_relay(database_url) as other:
        for n in range(3):
            assert post_mp(pruning.client, mp_body(shipment=n)).status_code == 200
        headers = {"Authorization": f"Bearer {pruning.token_a}"}
        deadline = time.monotonic() + 20
        while True:  # the other relay learns of the pruning through NOTIFY
            answer = httpx.get(other + "/v1/events", params={"after": 0}, headers=headers)
            if answer.status_code == 410 and answer.json()["cursor"] >= 3:
                break
            assert time.monotonic() < deadline, answer.text
            time.sleep(0.05)
    assert pruning.rows() == []


def test_retention_removes_a_backlog_in_chunks_unrouted_included(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    from kitchen_app.relay.pg_log import PostgresBackend

    relay = relay_factory()
    for n in range(10):
        assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200
        assert post_mp(relay.client, mp_body(user_id=999_999, shipment=n)).status_code == 200

    async def prune_all() -> tuple[list[int], dict[int, int], dict[int, int]]:
        backend = await PostgresBackend.open(database_url)
        try:
            counts: list[int] = []
            last: dict[int, int] = {}
            while True:
                pruned, removed = await backend.prune("9999-12-31T00:00:00.000000Z", 3)
                counts.append(removed)
                for store, through in pruned.items():
                    last[store] = max(last.get(store, 0), through)
                if removed < 3:
                    return counts, last, await backend.pruned_through()
        finally:
            await backend.close()

    counts, last, recorded = asyncio.run(prune_all())
    assert counts[:6] == [3] * 6 and sum(counts) == 20
    assert relay.rows() == []
    assert recorded == last and len(last) == 1  # store A; unrouted events have no store
    # The running relay heard of it: a desk at cursor 0 is told its events are gone.
    headers = {"Authorization": f"Bearer {relay.token_a}"}
    deadline = time.monotonic() + 10
    while relay.client.get("/v1/events", params={"after": 0}, headers=headers).status_code != 410:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_lost_listen_connection_is_restored(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    held = relay_factory()
    listeners = "SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
    wait_for = time.monotonic() + 10
    while len(pg_query(database_url, listeners)) != 1:
        assert time.monotonic() < wait_for
        time.sleep(0.05)
    # The database drops the relay's LISTEN connection (a restart, a network cut).
    pg_query(database_url, f"SELECT pg_terminate_backend(pid) FROM ({listeners}) AS l")
    with second_relay(database_url) as other:
        deadline = time.monotonic() + 20
        # /healthz is 200 only with the LISTEN connection up
        while held.client.get("/healthz").status_code != 200:
            assert time.monotonic() < deadline, "the LISTEN connection was not restored"
            time.sleep(0.05)
        # Webhooks taken by the other relay wake desks held here again.
        cursor = events_of(held.url, held.token_a)["cursor"]
        result: dict[str, Any] = {}

        def hold() -> None:
            result["answer"] = events_of(held.url, held.token_a, after=cursor, wait=30)

        waiter = threading.Thread(target=hold)
        waiter.start()
        time.sleep(0.3)
        with httpx.Client(base_url=other) as client:
            body = mp_body(shipment=321)
            headers = mp_headers()
            assert (
                client.post(
                    "/webhooks/mercadopago", content=json.dumps(body).encode(), headers=headers
                ).status_code
                == 200
            )
        waiter.join(timeout=20)
        assert not waiter.is_alive()
        assert [e["resource"] for e in result["answer"]["events"]] == ["/shipments/321"]


def test_retention_unheard_of_is_caught_by_the_read(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    relay = relay_factory()
    for n in range(3):
        assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200
    ids = [r["id"] for r in relay.rows()]
    # Another relay's retention pass, whose NOTIFY this relay has not had yet.
    pg_query(
        database_url,
        "WITH gone AS (DELETE FROM events WHERE id <= $1 RETURNING id) "
        "UPDATE stores SET pruned_through = $1 WHERE id = 1",
        ids[1],
    )
    headers = {"Authorization": f"Bearer {relay.token_a}"}
    answer = relay.client.get("/v1/events", params={"after": 0}, headers=headers)
    assert answer.status_code == 410, answer.text  # not event 3 served past a gap
    assert answer.json() == {"error": "cursor_pruned", "cursor": ids[1]}
    rest = relay.client.get("/v1/events", params={"after": ids[1]}, headers=headers).json()
    assert [e["id"] for e in rest["events"]] == [ids[2]]


def test_lost_database_connections_are_never_a_500(
    relay_factory: Callable[..., Relay], database_url: str
) -> None:
    relay = relay_factory()
    assert post_mp(relay.client, mp_body(shipment=1)).status_code == 200
    headers = {"Authorization": f"Bearer {relay.token_b}"}  # a token not cached yet
    # PostgreSQL drops every connection of the relay (a restart, a failover).
    pg_query(
        database_url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'kitchen-relay'",
    )
    codes: list[int] = []
    deadline = time.monotonic() + 20
    while not codes or codes[-1] != 200:
        assert time.monotonic() < deadline, codes
        answer = relay.client.get("/v1/events", params={"after": 0}, headers=headers)
        codes.append(answer.status_code)
        status = relay.client.get("/v1/status", headers=headers)
        codes.append(status.status_code)
        webhook = post_mp(relay.client, mp_body(user_id=MP_USER_A, shipment=2))
        codes.append(webhook.status_code)
    assert set(codes) <= {200, 503}, codes
    events = relay.client.get("/v1/events", params={"after": 0}, headers=headers)
    assert events.status_code == 200
