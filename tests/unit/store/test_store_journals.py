"""The action and print journals, settings and cursors (DESIGN §6.2, §6.4, §6.5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.unit.store.store_testkit import Clock, make_order, open_store

from kitchen_app.domain import OrderKey
from kitchen_app.store import ActionState, DeskStore, PrintJobKind, PrintJobState, StoreError

KEY = make_order().key


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[DeskStore]:
    s = open_store(tmp_path / "desk.db", clock)
    s.apply_order(make_order(), [])
    yield s
    s.close()


def test_action_goes_requested_sent_confirmed(store: DeskStore, clock: Clock) -> None:
    requested_at = clock.now
    action_id = store.add_action(KEY, "accept", {"reason": None})
    [record] = store.actions(KEY)
    assert record.id == action_id and record.state is ActionState.REQUESTED
    assert record.params == {"reason": None} and record.attempts == 0
    assert record.requested_at == requested_at

    clock.advance()
    store.set_action_state(action_id, ActionState.SENT, attempts=1)
    assert [a.id for a in store.unfinished_actions()] == [action_id]
    store.set_action_state(action_id, ActionState.FAILED, error="400 Conflict-error")
    failed = store.action(action_id)
    assert failed is not None and failed.error == "400 Conflict-error" and failed.attempts == 1
    assert store.unfinished_actions() == []

    clock.advance()
    store.set_action_state(action_id, ActionState.SENT, attempts=2)
    store.set_action_state(action_id, ActionState.CONFIRMED)
    done = store.action(action_id)
    assert done is not None
    assert done.state is ActionState.CONFIRMED and done.error is None and done.attempts == 2
    assert done.updated_at == clock.now and done.requested_at == requested_at


def test_a_confirmed_action_never_changes_state(store: DeskStore) -> None:
    action_id = store.add_action(KEY, "cancel", {"reason_id": "out_of_stock"})
    store.set_action_state(action_id, ActionState.CONFIRMED)
    with pytest.raises(StoreError, match="already confirmed"):
        store.set_action_state(action_id, ActionState.SENT)
    store.set_action_state(action_id, ActionState.CONFIRMED)  # saying it again is harmless
    record = store.action(action_id)
    assert record is not None and record.state is ActionState.CONFIRMED


def test_bad_actions_are_refused(store: DeskStore) -> None:
    with pytest.raises(StoreError, match="unknown order"):
        store.add_action(OrderKey("mp_delivery", "missing"), "accept", {})
    with pytest.raises(StoreError, match="JSON"):
        store.add_action(KEY, "accept", {"when": object()})
    with pytest.raises(StoreError, match="unknown action"):
        store.set_action_state(999, ActionState.SENT)
    with pytest.raises(StoreError, match="attempts"):
        store.set_action_state(store.add_action(KEY, "accept", {}), ActionState.SENT, attempts=-1)
    with pytest.raises(ValueError):
        store.set_action_state(1, "done")  # type: ignore[arg-type]
    assert [a.state for a in store.actions(KEY)] == [ActionState.REQUESTED]


def test_print_job_lifecycle_and_states(store: DeskStore, clock: Clock) -> None:
    kitchen = store.add_print_job(KEY, "kitchen", "Cocina 80mm", 1, reprint=False)
    receipt = store.add_print_job(KEY, PrintJobKind.RECEIPT, "Caja", 2, reprint=True)
    job = store.print_job(receipt)
    assert job is not None
    assert (job.kind, job.printer, job.copy, job.reprint) == (PrintJobKind.RECEIPT, "Caja", 2, True)
    assert job.state is PrintJobState.QUEUED and not job.bytes_sent and job.attempts == 0

    clock.advance()
    store.set_print_job_state(kitchen, PrintJobState.PRINTING, attempts=1)
    store.set_print_job_state(kitchen, PrintJobState.UNCERTAIN, error="timeout", bytes_sent=True)
    uncertain = store.print_job(kitchen)
    assert uncertain is not None
    assert uncertain.bytes_sent and uncertain.error == "timeout" and uncertain.attempts == 1
    assert [j.id for j in store.print_jobs_in_states({PrintJobState.UNCERTAIN})] == [kitchen]
    assert [j.id for j in store.print_jobs_in_states([PrintJobState.QUEUED])] == [receipt]
    assert store.print_jobs_in_states([]) == []

    store.set_print_job_state(kitchen, PrintJobState.QUEUED, printer="Cocina 2")
    store.set_print_job_state(kitchen, PrintJobState.PRINTED)
    printed = store.print_job(kitchen)
    assert printed is not None
    assert printed.printer == "Cocina 2" and printed.bytes_sent and printed.error is None
    with pytest.raises(StoreError, match="already printed"):
        store.set_print_job_state(kitchen, PrintJobState.QUEUED)
    assert [j.id for j in store.print_jobs(KEY)] == [kitchen, receipt]


def test_calibration_page_has_no_order(store: DeskStore) -> None:
    job_id = store.add_print_job(None, "calibration", "Caja", 1, reprint=False)
    job = store.print_job(job_id)
    assert job is not None and job.order_key is None and job.kind is PrintJobKind.CALIBRATION
    with pytest.raises(StoreError, match="no order"):
        store.add_print_job(KEY, "calibration", "Caja", 1, reprint=False)


def test_bad_print_jobs_are_refused(store: DeskStore) -> None:
    with pytest.raises(StoreError, match="kind"):
        store.add_print_job(KEY, "menu", "Caja", 1, reprint=False)
    with pytest.raises(StoreError, match="copy"):
        store.add_print_job(KEY, "kitchen", "Caja", 0, reprint=False)
    with pytest.raises(StoreError, match="needs an order"):
        store.add_print_job(None, "kitchen", "Caja", 1, reprint=False)
    with pytest.raises(StoreError, match="unknown order"):
        store.add_print_job(OrderKey("mp_delivery", "missing"), "kitchen", "Caja", 1, reprint=False)
    with pytest.raises(StoreError, match="unknown print job"):
        store.set_print_job_state(42, PrintJobState.PRINTED)
    assert store.print_jobs(KEY) == []


def test_settings_round_trip_and_bad_values_keep_the_old_one(store: DeskStore) -> None:
    assert store.get_setting("locale") is None
    assert store.get_setting("locale", "es-AR") == "es-AR"
    store.set_setting("printers", {"kitchen": {"name": "Cocina", "width": 80}})
    store.set_setting("locale", "pt-BR")
    store.set_setting("locale", "es-MX")
    assert store.get_setting("locale") == "es-MX"
    assert store.get_setting("printers") == {"kitchen": {"name": "Cocina", "width": 80}}
    with pytest.raises(StoreError, match="JSON"):
        store.set_setting("locale", {1, 2})
    assert store.get_setting("locale") == "es-MX"


def test_cursor_is_stored_per_feed(store: DeskStore) -> None:
    assert store.get_cursor("relay") is None
    store.set_cursor("relay", 41)
    store.set_cursor("relay", 42)
    store.set_cursor("other", 1)
    assert (store.get_cursor("relay"), store.get_cursor("other")) == (42, 1)
    with pytest.raises(StoreError, match="integer"):
        store.set_cursor("relay", "43")  # type: ignore[arg-type]
    assert store.get_cursor("relay") == 42
