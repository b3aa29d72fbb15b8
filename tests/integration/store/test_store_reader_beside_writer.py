"""The UI's reader reads beside the engine's writer (WAL), on two threads, and never sees a
half-committed batch."""

from __future__ import annotations

import threading
from datetime import UTC, timedelta
from pathlib import Path

from tests.builders import T0
from tests.unit.store.store_testkit import PRINTED, make_order, open_store

from kitchen_app.store import DeskReader, DeskStore

BATCHES = 40
BATCH_SIZE = 10
HELD_BATCH = 5


def test_reader_sees_whole_batches_while_the_writer_commits(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_store(path).close()  # the schema exists before the reader opens
    started = threading.Event()
    done = threading.Event()
    mid_batch = threading.Event()
    read_mid_batch = threading.Event()
    errors: list[BaseException] = []

    def engine() -> None:
        store: DeskStore | None = None
        try:
            store = open_store(path)
            started.set()
            for batch in range(BATCHES):
                with store.transaction():
                    for i in range(BATCH_SIZE):
                        n = batch * BATCH_SIZE + i
                        order = make_order(str(n), created_at=T0 + timedelta(seconds=n))
                        store.apply_order(order, [])
                        store.apply_order(make_order(str(n), status=PRINTED), [])
                    store.set_cursor("relay", batch + 1)
                    if batch == HELD_BATCH:
                        # Hold this write transaction open until the reader has read.
                        mid_batch.set()
                        if not read_mid_batch.wait(timeout=30):
                            raise TimeoutError("the reader never read beside the writer")
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
        finally:
            if store is not None:
                store.close()
            started.set()
            done.set()

    writer = threading.Thread(target=engine, name="engine", daemon=True)
    writer.start()
    reader = DeskReader.open(path)
    try:
        assert started.wait(timeout=30)
        assert mid_batch.wait(timeout=60)
        # The writer holds batch HELD_BATCH uncommitted: the reader sees the batches before.
        held = reader.orders_of_day(T0.date(), UTC)
        assert len(held) == HELD_BATCH * BATCH_SIZE
        read_mid_batch.set()
        seen_counts: list[int] = []
        while True:
            finished = done.is_set()
            orders = reader.orders_of_day(T0.date(), UTC)
            seen_counts.append(len(orders))
            # Whole batches only, and every visible order already carries its batch's update.
            assert len(orders) % BATCH_SIZE == 0
            assert all(o.status == PRINTED for o in orders)
            if finished:
                break
        writer.join(timeout=60)
        assert not writer.is_alive()
        assert errors == []
        assert seen_counts == sorted(seen_counts)
        assert seen_counts[-1] == BATCHES * BATCH_SIZE
    finally:
        read_mid_batch.set()
        reader.close()
        done.wait(timeout=60)
