"""Both event log backends, called directly: one batch holding duplicates of each kind."""

from __future__ import annotations

import asyncio
from pathlib import Path

from relay_testkit import MP_USER_A, Relay

from kitchen_app.relay.backend import LogBackend, SQLiteBackend
from kitchen_app.relay.eventlog import IncomingEvent


def event(resource: str, dedupe_id: str | None, dedupe_content: str | None) -> IncomingEvent:
    return IncomingEvent(
        channel="mp_delivery",
        topic="delivery",
        resource=resource,
        account_id=str(MP_USER_A),
        payload_json=f'{{"resource":"{resource}"}}',
        received_at="2026-11-23T12:00:00.000000Z",
        dedupe_id=dedupe_id,
        dedupe_content=dedupe_content,
    )


async def open_backend(relay: Relay, tmp_path: Path) -> LogBackend:
    if relay.database_url is None:
        return SQLiteBackend(relay.db, writer_busy_timeout=2.0)
    from kitchen_app.relay.pg_log import PostgresBackend

    return await PostgresBackend.open(relay.database_url)


def test_one_batch_with_duplicates_of_every_kind(relay: Relay, tmp_path: Path) -> None:
    batch = [
        event("/shipments/1", "mp|id|a", None),
        event("/shipments/1", "mp|id|a", None),  # the same notification twice in one batch
        event("/shipments/2", None, "mp|trs|x"),
        event("/shipments/2", None, "mp|trs|x"),  # same content, no id
        event("/shipments/3", None, None),  # no key at all: never a duplicate
        event("/shipments/3", None, None),
        event("/shipments/4", "mp|id|b", None),
    ]

    async def run() -> tuple[list[tuple[int, int | None, bool]], list[bool]]:
        backend = await open_backend(relay, tmp_path)
        try:
            first = await backend.append(batch)
            again = await backend.append([batch[0], batch[2]])  # retries in a later batch
            return [(r.event_id, r.store_id, r.duplicate) for r in first], [
                r.event_id == first[i].event_id and r.duplicate
                for i, r in zip((0, 2), again, strict=True)
            ]
        finally:
            await backend.close()

    first, again = asyncio.run(run())
    ids = [r[0] for r in first]
    assert [r[2] for r in first] == [False, True, False, True, False, False, False]
    assert ids[1] == ids[0] and ids[3] == ids[2]
    assert len({ids[0], ids[2], ids[4], ids[5], ids[6]}) == 5
    assert all(r[1] == 1 for r in first)  # routed to store A
    assert again == [True, True]
    assert len(relay.rows()) == 5
