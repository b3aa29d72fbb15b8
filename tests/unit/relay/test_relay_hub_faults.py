"""The hub's fault rules over a real SQLite log: a group commit that fails because of one
event fails that event alone; a disk fault fails everyone honestly; /healthz writes at most
once per probe interval however often it is asked."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from kitchen_app.relay.backend import SQLiteBackend
from kitchen_app.relay.eventlog import AppendResult, IncomingEvent
from kitchen_app.relay.hub import EventHub, UnstorableEvent
from kitchen_app.relay.sqlite_log import connect
from kitchen_app.relay.stores import add_store


def _event(n: int, resource: str = "/shipments/1") -> IncomingEvent:
    return IncomingEvent(
        channel="mp_delivery",
        topic="delivery",
        resource=resource,
        account_id="42",
        payload_json=f'{{"_id":"n{n}"}}',
        received_at="2026-12-02T00:00:00.000000Z",
        dedupe_id=f"mp_delivery|id|n{n}",
        dedupe_content=None,
    )


class CountingLog(SQLiteBackend):
    def __init__(self, path: Path) -> None:
        super().__init__(path, writer_busy_timeout=2.0)
        self.probes = 0
        self.appends = 0
        self.fail_disk = False

    async def probe_write(self) -> None:
        self.probes += 1
        await super().probe_write()

    async def append(self, events: Sequence[IncomingEvent]) -> list[AppendResult]:
        self.appends += 1
        if self.fail_disk:
            import sqlite3

            raise sqlite3.OperationalError("disk I/O error")
        return await super().append(events)


async def _run(db: Path, body: object) -> None:
    backend = CountingLog(db)
    hub = EventHub(backend, retention_seconds=3600, prune_interval_seconds=3600)
    await hub.start()
    try:
        await body(hub, backend)  # type: ignore[operator]
    finally:
        await hub.stop()
        await backend.close()


def test_one_unstorable_event_fails_alone(tmp_path: Path) -> None:
    db = tmp_path / "relay.sqlite3"
    add_store(db, "A", mp_user_id=42)

    async def body(hub: EventHub, writer: CountingLog) -> None:
        # A lone surrogate that slipped past validation: SQLite cannot encode it.
        events = [_event(n) for n in range(20)]
        events.insert(7, _event(99, resource="\ud800"))
        results = await asyncio.gather(*(hub.ingest(e) for e in events), return_exceptions=True)
        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(refused) == 1 and isinstance(refused[0], UnstorableEvent)
        assert all(isinstance(r, AppendResult) for i, r in enumerate(results) if i != 7)

    asyncio.run(_run(db, body))
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 20
    conn.close()


def test_a_disk_fault_fails_everyone_honestly(tmp_path: Path) -> None:
    async def body(hub: EventHub, writer: CountingLog) -> None:
        writer.fail_disk = True
        results = await asyncio.gather(
            *(hub.ingest(_event(n)) for n in range(5)), return_exceptions=True
        )
        assert all(isinstance(r, Exception) and not isinstance(r, UnstorableEvent) for r in results)
        # the group, then one retry: a database fault is not about any one event
        assert writer.appends == 2

    asyncio.run(_run(tmp_path / "relay.sqlite3", body))


@pytest.mark.parametrize("asks", [1, 1000])
def test_health_probe_writes_at_most_once_per_interval(tmp_path: Path, asks: int) -> None:
    async def body(hub: EventHub, writer: CountingLog) -> None:
        await asyncio.gather(*(hub.probe_write() for _ in range(asks)))
        for _ in range(asks):
            await hub.probe_write()
        assert writer.probes == 1

    asyncio.run(_run(tmp_path / "relay.sqlite3", body))
