"""When the database cannot take webhooks (locked, slow), the relay answers 503 rather than
200 for something it did not store, /healthz names the problem, and all is well again
once the database is."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from relay_testkit import Relay, mp_body, pg_query, post_mp, start_relay


@contextmanager
def events_table_locked(relay: Relay) -> Iterator[None]:
    """Another client holds the event log so no commit can go through."""
    if relay.database_url is None:
        blocker = sqlite3.connect(relay.db, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        return
    import asyncpg

    loop = asyncio.new_event_loop()
    conn = loop.run_until_complete(asyncpg.connect(relay.database_url))
    try:
        loop.run_until_complete(conn.execute("BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE"))
        yield
    finally:
        loop.run_until_complete(conn.execute("ROLLBACK"))
        loop.run_until_complete(conn.close())
        loop.close()


def wait_until(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_locked_log_gets_503_never_200_and_recovers(
    relay_factory: Callable[..., Relay],
) -> None:
    relay = relay_factory(commit_timeout_seconds=0.5, health_probe_timeout_seconds=3.0)
    refused = mp_body(shipment=1)
    with events_table_locked(relay):
        answer = post_mp(relay.client, refused)
        assert answer.status_code == 503
        assert answer.json()["error"] == "not_stored"
        health = relay.client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["ok"] is False and health.json()["problem"]
    # The database is back: webhooks are stored again and health recovers.
    wait_until(lambda: relay.client.get("/healthz").status_code == 200, "health recovers")
    assert post_mp(relay.client, mp_body(shipment=2)).status_code == 200
    # The marketplace retries the refused one: stored once, whatever happened to the first.
    assert post_mp(relay.client, refused).status_code == 200
    resources = sorted(r["resource"] for r in relay.rows())
    assert resources == ["/shipments/1", "/shipments/2"]


def test_past_the_pending_limit_webhooks_are_refused_at_once(
    tmp_path: Path, pg_database: str
) -> None:
    # PostgreSQL only: an SQLite commit blocks the loop while it waits for the lock, so
    # nothing queues up behind it (the test above covers SQLite).
    server, relay = start_relay(
        tmp_path, database_url=pg_database, max_pending_webhooks=2, commit_timeout_seconds=60.0
    )
    try:
        _fill_the_queue(relay)
    finally:
        relay.client.close()
        server.stop()


def _fill_the_queue(relay: Relay) -> None:
    assert relay.database_url is not None
    url = relay.database_url
    answers: dict[int, int] = {}

    def send(n: int) -> None:
        with httpx.Client(base_url=relay.url, timeout=90) as client:
            answers[n] = post_mp(client, mp_body(shipment=n)).status_code

    def health_problem() -> str:
        body: Any = relay.client.get("/healthz").json()
        return str(body.get("problem", ""))

    waiting = [threading.Thread(target=send, args=(n,)) for n in (1, 2, 3)]
    with events_table_locked(relay):
        waiting[0].start()  # its commit waits for the lock
        wait_until(
            lambda: bool(pg_query(url, "SELECT 1 FROM pg_locks WHERE NOT granted")),
            "the relay's commit waits for the lock",
        )
        waiting[1].start()
        waiting[2].start()
        wait_until(lambda: "2 webhooks already waiting" in health_problem(), "two queued")
        for n in range(4, 9):  # past the limit: refused at once, never queued
            answer = post_mp(relay.client, mp_body(shipment=n))
            assert answer.status_code == 503 and answer.json()["error"] == "not_stored"
        assert answers == {}  # the three before them still wait for their commit
    for t in waiting:
        t.join(timeout=30)
    assert answers == {1: 200, 2: 200, 3: 200}
    assert sorted(r["resource"] for r in relay.rows()) == [f"/shipments/{n}" for n in (1, 2, 3)]


def test_a_database_refusing_new_events_gets_503_and_health_says_so(
    tmp_path: Path, pg_database: str
) -> None:
    """PostgreSQL out of space refuses new rows while an in-place update (the health
    probe's) may still go through: a trigger stands in for the full disk."""
    server, relay = start_relay(tmp_path, database_url=pg_database)
    try:
        pg_query(
            pg_database,
            "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' "
            "USING ERRCODE = 'disk_full'; END $$",
        )
        pg_query(
            pg_database,
            "CREATE TRIGGER full_disk BEFORE INSERT ON events "
            "FOR EACH ROW EXECUTE FUNCTION full_disk()",
        )
        refused = mp_body(shipment=1)
        answer = post_mp(relay.client, refused)
        assert answer.status_code == 503 and answer.json()["error"] == "not_stored"
        health = relay.client.get("/healthz")
        assert health.status_code == 503
        assert "No space left on device" in health.json()["problem"]
        assert relay.rows() == []
        pg_query(pg_database, "DROP TRIGGER full_disk ON events")
        assert post_mp(relay.client, refused).status_code == 200  # the marketplace's retry
        assert relay.client.get("/healthz").status_code == 200
        assert [r["resource"] for r in relay.rows()] == ["/shipments/1"]
    finally:
        relay.client.close()
        server.stop()
