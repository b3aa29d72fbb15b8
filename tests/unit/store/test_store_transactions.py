"""The feed cursor moves with the events' effects or not at all (DESIGN §6.2)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.builders import T0
from tests.unit.store.store_testkit import PRINTED, make_order, open_store, seen

from kitchen_app.domain import OrderKey
from kitchen_app.store import DeskStore


class Boom(Exception):
    pass


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    s = open_store(tmp_path / "desk.db")
    yield s
    s.close()


def test_exception_mid_batch_rolls_back_orders_and_cursor(store: DeskStore) -> None:
    with store.transaction():
        store.apply_order(make_order("1"), [])
        store.set_cursor("relay", 10)

    with pytest.raises(Boom), store.transaction():
        store.apply_order(make_order("1", status=PRINTED), [seen(PRINTED, T0)])
        store.apply_order(make_order("2"), [])
        store.set_cursor("relay", 12)
        raise Boom

    assert store.get_cursor("relay") == 10
    assert store.get_order(OrderKey("mp_delivery", "2")) is None
    summary = store.order_summary(OrderKey("mp_delivery", "1"))
    assert summary is not None and summary.status == make_order().status
    assert len(store.timeline(OrderKey("mp_delivery", "1"))) == 1

    # The store is usable after the rollback, and the batch can be handled again.
    with store.transaction():
        store.apply_order(make_order("2"), [])
        store.set_cursor("relay", 12)
    assert (
        store.get_cursor("relay") == 12
        and store.get_order(OrderKey("mp_delivery", "2")) is not None
    )


def test_nested_block_commits_once_at_the_outermost(store: DeskStore, tmp_path: Path) -> None:
    with store.transaction():
        with store.transaction():
            store.set_cursor("relay", 5)
        # Another connection does not see it until the outer block commits.
        peek = sqlite3.connect(store.path)
        try:
            assert peek.execute("SELECT count(*) FROM feed_cursors").fetchone()[0] == 0
        finally:
            peek.close()
    assert store.get_cursor("relay") == 5


def test_a_failed_inner_block_undoes_only_itself_when_caught(store: DeskStore) -> None:
    with store.transaction():
        store.set_cursor("relay", 1)
        with pytest.raises(Boom), store.transaction():
            store.set_cursor("relay", 2)
            store.apply_order(make_order("9"), [])
            raise Boom
        assert store.get_cursor("relay") == 1
    assert store.get_cursor("relay") == 1
    assert store.get_order(OrderKey("mp_delivery", "9")) is None
