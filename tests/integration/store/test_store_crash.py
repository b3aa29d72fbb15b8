"""A desk process that dies mid-batch leaves the cursor and the orders consistent: the events
of the lost batch are neither stored nor marked as read (DESIGN §6.2)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tests.unit.store.store_testkit import open_store

from kitchen_app.domain import OrderKey

ROOT = Path(__file__).resolve().parents[3]

ENGINE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from kitchen_app.domain import OrderKey
    from tests.unit.store.store_testkit import PRINTED, make_order, open_store

    store = open_store(Path({path!r}))
    with store.transaction():  # batch 1: committed
        store.apply_order(make_order("1"), [])
        store.apply_order(make_order("2"), [])
        store.set_cursor("relay", 1)
    with store.transaction():  # batch 2: the process dies before it commits
        store.apply_order(make_order("1", status=PRINTED), [])
        store.apply_order(make_order("3"), [])
        store.set_cursor("relay", 2)
        store.add_action(OrderKey("mp_delivery", "3"), "accept", {{}})
        sys.stdout.write("in batch 2\\n")
        sys.stdout.flush()
        if {crash!r}:
            os._exit(9)
    sys.stdout.write("committed\\n")
    """
)


@pytest.mark.parametrize("crash", [True, False], ids=["crash", "no-crash"])
def test_crash_mid_batch_keeps_cursor_and_orders_together(tmp_path: Path, crash: bool) -> None:
    path = tmp_path / "desk.db"
    code = ENGINE.format(root=str(ROOT), path=str(path), crash=crash)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "in batch 2" in result.stdout, result.stderr
    assert result.returncode == (9 if crash else 0), result.stderr

    store = open_store(path)
    try:
        keys = {
            k
            for k in (
                OrderKey("mp_delivery", "1"),
                OrderKey("mp_delivery", "2"),
                OrderKey("mp_delivery", "3"),
            )
            if store.get_order(k) is not None
        }
        one = store.order_summary(OrderKey("mp_delivery", "1"))
        assert one is not None
        if crash:
            assert store.get_cursor("relay") == 1
            assert keys == {OrderKey("mp_delivery", "1"), OrderKey("mp_delivery", "2")}
            assert str(one.status) == "ready_to_ship/ready_to_print"
            assert len(store.timeline(OrderKey("mp_delivery", "1"))) == 1
            assert store.unfinished_actions() == []
        else:
            assert store.get_cursor("relay") == 2
            assert keys == {
                OrderKey("mp_delivery", "1"),
                OrderKey("mp_delivery", "2"),
                OrderKey("mp_delivery", "3"),
            }
            assert str(one.status) == "ready_to_ship/printed"
            assert [a.order_key for a in store.unfinished_actions()] == [
                OrderKey("mp_delivery", "3")
            ]
    finally:
        store.close()
