"""Issue 10's storage rules on the PostgreSQL backend: a version-1 database carried forward,
one unstorable event failing alone while a database fault fails everyone, the signed
request id written in the event's own transaction, the health probe's one write per
interval, and a database the relay cannot use refused with one line. (The route-level
hostile tests in test_relay_hostile.py run on both backends.)"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import asyncpg
import pytest
from relay_testkit import Relay, mp_body, mp_headers, pg_query, post_mp, start_relay

from kitchen_app.app.cli import main
from kitchen_app.relay.eventlog import AppendResult, IncomingEvent, token_digest
from kitchen_app.relay.hub import EventHub, UnstorableEvent
from kitchen_app.relay.pg_log import PostgresBackend
from kitchen_app.relay.pg_schema import _MIGRATIONS, SCHEMA_VERSION
from kitchen_app.relay.stores import add_store


def _event(n: int, resource: str = "/shipments/1", account: str = "42") -> IncomingEvent:
    return IncomingEvent(
        channel="mp_delivery",
        topic="delivery",
        resource=resource,
        account_id=account,
        payload_json=f'{{"_id":"n{n}"}}',
        received_at="2026-12-02T00:00:00.000000Z",
        dedupe_id=f"mp_delivery|id|n{n}",
        dedupe_content=None,
    )


class CountingBackend(PostgresBackend):
    probes = 0
    appends = 0

    async def probe_write(self) -> None:
        self.probes += 1
        await super().probe_write()

    async def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        self.appends += 1
        return await super().append(events)


def _with_hub(
    database_url: str, body: Callable[[EventHub, CountingBackend], Awaitable[None]]
) -> None:
    async def run() -> None:
        opened = await PostgresBackend.open(database_url)
        await opened.close()  # the schema exists now; the counting one opens the same way
        write_pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
        pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
        backend = CountingBackend(database_url, pool, write_pool)
        hub = EventHub(backend, retention_seconds=3600, prune_interval_seconds=3600)
        await hub.start()
        try:
            await body(hub, backend)
        finally:
            await hub.stop()
            await backend.close()

    asyncio.run(run())


def test_a_version_1_database_is_carried_forward(pg_database: str) -> None:
    async def make_v1() -> None:
        conn = await asyncpg.connect(pg_database)
        try:
            await conn.execute(
                "CREATE TABLE relay_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
                "version INTEGER NOT NULL); INSERT INTO relay_schema VALUES (1, 1);"
                + _MIGRATIONS[0]
            )
        finally:
            await conn.close()

    asyncio.run(make_v1())
    token = add_store(pg_database, "Old", mp_user_id=42)  # opens it: migrates to the latest
    assert pg_query(pg_database, "SELECT version FROM relay_schema")[0][0] == SCHEMA_VERSION == 3
    # an event written by a version-1 relay reads as unverified
    pg_query(
        pg_database,
        "INSERT INTO events (store_id, channel, topic, resource, account_id, received_at, "
        "payload) SELECT id, 'mp_delivery', 'delivery', '/shipments/1', '42', "
        "'2026-12-01T00:00:00.000000Z', '{}' FROM stores",
    )
    assert [r["verified"] for r in pg_query(pg_database, "SELECT verified FROM events")] == [False]
    assert pg_query(pg_database, "SELECT COUNT(*) FROM signed_requests")[0][0] == 0

    async def served() -> list[bool]:
        backend = await PostgresBackend.open(pg_database)
        try:
            store = await backend.store_for_token(token_digest(token))
            assert store is not None
            return [e.verified for e in await backend.read(store.id, 0, 10)]
        finally:
            await backend.close()

    assert asyncio.run(served()) == [False]


def test_one_unstorable_event_fails_alone(pg_database: str) -> None:
    add_store(pg_database, "A", mp_user_id=42)

    async def body(hub: EventHub, backend: CountingBackend) -> None:
        # Values that slipped past validation: a lone surrogate (not UTF-8) and a NUL
        # (PostgreSQL text cannot hold one).
        events = [_event(n) for n in range(20)]
        events.insert(7, _event(98, resource="\ud800"))
        events.insert(12, _event(99, resource="/shipments/\x00"))
        results = await asyncio.gather(*(hub.ingest(e) for e in events), return_exceptions=True)
        refused = [i for i, r in enumerate(results) if isinstance(r, BaseException)]
        assert refused == [7, 12]
        assert all(isinstance(results[i], UnstorableEvent) for i in refused)
        assert hub.latest(1) > 0
        # no failed-commit state left behind: the database itself is fine
        await hub.probe_write()

    _with_hub(pg_database, body)
    assert pg_query(pg_database, "SELECT COUNT(*) FROM events")[0][0] == 20


def test_a_database_fault_fails_everyone_with_no_retry_each(pg_database: str) -> None:
    add_store(pg_database, "A", mp_user_id=42)
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

    async def body(hub: EventHub, backend: CountingBackend) -> None:
        # queued before the writer runs, so they form one group
        tasks = [asyncio.ensure_future(hub.ingest(_event(n))) for n in range(5)]
        results = await asyncio.gather(*tasks, return_exceptions=True)
        assert all(
            isinstance(r, asyncpg.DiskFullError) and not isinstance(r, UnstorableEvent)
            for r in results
        ), results
        assert backend.appends == 2  # the group, then one retry: the fault is not an event's
        with pytest.raises(Exception, match="No space left on device"):
            await hub.probe_write()

    _with_hub(pg_database, body)
    assert pg_query(pg_database, "SELECT COUNT(*) FROM events")[0][0] == 0


@pytest.mark.parametrize("asks", [1, 200])
def test_health_probe_writes_at_most_once_per_interval(pg_database: str, asks: int) -> None:
    async def body(hub: EventHub, backend: CountingBackend) -> None:
        await asyncio.gather(*(hub.probe_write() for _ in range(asks)))
        for _ in range(asks):
            await hub.probe_write()
        assert backend.probes == 1

    _with_hub(pg_database, body)


def test_signed_request_id_is_kept_only_with_its_event(tmp_path: Path, pg_database: str) -> None:
    """The request id is written in the event's transaction: when the event cannot be
    stored (503, the marketplace retries), the request id is not remembered either, so the
    genuine retry is not taken for a replay."""
    server, relay = start_relay(tmp_path, database_url=pg_database)
    try:
        pg_query(
            pg_database,
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full'; END $$",
        )
        pg_query(
            pg_database,
            "CREATE TRIGGER refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse()",
        )
        body, headers = json.dumps(mp_body()).encode(), mp_headers()
        first = relay.client.post("/webhooks/mercadopago", content=body, headers=headers)
        assert first.status_code == 503
        assert pg_query(pg_database, "SELECT COUNT(*) FROM signed_requests")[0][0] == 0
        pg_query(pg_database, "DROP TRIGGER refuse ON events")
        retry = relay.client.post("/webhooks/mercadopago", content=body, headers=headers)
        assert retry.status_code == 200
        other = json.dumps(mp_body(shipment=666)).encode()
        replay = relay.client.post("/webhooks/mercadopago", content=other, headers=headers)
        assert replay.status_code == 401
        assert [r["resource"] for r in relay.rows()] == ["/shipments/12345"]
        assert pg_query(pg_database, "SELECT COUNT(*) FROM signed_requests")[0][0] == 1
    finally:
        relay.client.close()
        server.stop()


def test_retention_forgets_signed_request_ids_with_their_events(
    relay_factory: Callable[..., Relay], database_url: str | None
) -> None:
    relay = relay_factory()
    for n in range(4):
        assert post_mp(relay.client, mp_body(shipment=n)).status_code == 200

    def signed_rows() -> int:
        if relay.database_url is None:
            import sqlite3

            conn = sqlite3.connect(relay.db)
            try:
                return int(conn.execute("SELECT COUNT(*) FROM signed_requests").fetchone()[0])
            finally:
                conn.close()
        return int(pg_query(relay.database_url, "SELECT COUNT(*) FROM signed_requests")[0][0])

    assert signed_rows() == 4

    async def prune() -> None:
        if database_url is None:
            from kitchen_app.relay.backend import SQLiteBackend

            backend: SQLiteBackend | PostgresBackend = SQLiteBackend(
                relay.db, writer_busy_timeout=5.0
            )
        else:
            backend = await PostgresBackend.open(database_url)
        try:
            await backend.prune("9999-12-31T00:00:00.000000Z", 100)
        finally:
            await backend.close()

    asyncio.run(prune())
    assert relay.rows() == [] and signed_rows() == 0


def test_a_database_the_relay_cannot_use_is_refused_with_one_line(
    pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another program's tables where the relay's would go: not a relay database.
    pg_query(pg_database, "CREATE TABLE events (id TEXT PRIMARY KEY, what TEXT)")
    for argv in (
        ["relay", "serve", "--database-url", pg_database],
        ["relay", "add-store", "X", "--database-url", pg_database, "--mp-user-id", "1"],
        ["relay", "rotate-token", "X", "--database-url", pg_database],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err and "relay database" in err, err
    # left as it was
    tables = pg_query(
        pg_database, "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
    )
    assert [t[0] for t in tables] == ["events"]
