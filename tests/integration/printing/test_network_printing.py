"""The print queue against fake network printers on 127.0.0.1 and the real desk store (a
SQLite file): no job lost, no ticket printed twice unasked."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from tests.integration.printing.fake_printers import (
    PAPER_OUT_CAUSE,
    PAPER_OUT_OFFLINE,
    PAPER_OUT_SENSOR,
    ClosingPrinter,
    RecordingPrinter,
    SilentPrinter,
    refusing_port,
)
from tests.unit.printing.escpos_decode import decode
from tests.unit.printing.orders import flex_order

from kitchen_app.domain import Order
from kitchen_app.printing.documents import render_for, ticket_document
from kitchen_app.printing.errors import NothingSent, SentUnconfirmed
from kitchen_app.printing.queue import JobChange, PrintJournal, PrintQueue
from kitchen_app.printing.settings import PrinterSettings
from kitchen_app.printing.targets import NetworkTarget
from kitchen_app.printing.tickets import kitchen_ticket
from kitchen_app.store import DeskStore


@pytest.fixture
def store(tmp_path: Path) -> Any:
    desk = DeskStore.open(tmp_path / "desk.sqlite")
    desk.apply_order(flex_order(), [])
    yield desk
    desk.close()


def net(name: str, port: int, **kw: Any) -> PrinterSettings:
    kw.setdefault("connect_timeout", 1.0)
    kw.setdefault("write_timeout", 1.0)
    return PrinterSettings(name, "network", f"127.0.0.1:{port}", **kw)


def run(fn: Callable[[], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        return await asyncio.wait_for(fn(), timeout=60)

    return asyncio.run(main())


def make(store: DeskStore, *printers: PrinterSettings) -> tuple[PrintQueue, list[JobChange]]:
    journal: PrintJournal = store  # the real store is the journal
    changes: list[JobChange] = []
    queue = PrintQueue(journal, printers, on_change=changes.append, backoff=(0.01, 0.02))
    return queue, changes


def state(store: DeskStore, job_id: int) -> str:
    job = store.print_job(job_id)
    assert job is not None
    return str(job.state)


def test_tickets_reach_the_printer_exactly_as_rendered(store: DeskStore) -> None:
    order: Order = flex_order()
    with RecordingPrinter() as printer:
        settings = net("kitchen", printer.port, width=58, copies={"kitchen": 2, "receipt": 1})
        queue, changes = make(store, settings)

        async def go() -> list[int]:
            ids = await queue.print_order(order, "kitchen")
            ids += await queue.print_order(order, "receipt")
            await queue.wait_idle()
            await queue.close()
            return ids

        ids = run(go)
        tickets = printer.wait_tickets(3)
    assert [state(store, i) for i in ids] == ["printed"] * 3
    assert tickets[0] == render_for(kitchen_ticket(order), settings)
    assert tickets[0] == tickets[1]
    assert order.qr is not None
    assert decode(tickets[2]).qr_payloads == [order.qr.payload().encode()]
    assert {c.key for c in changes} == {order.key}


def test_refusing_printer_is_retried_then_failed_then_reprinted_on_a_backup(
    store: DeskStore,
) -> None:
    with RecordingPrinter() as backup:
        queue, _ = make(
            store,
            net("kitchen", refusing_port(), copies={"kitchen": 1}),
            net("backup", backup.port, copies={}),
        )
        document = ticket_document(flex_order(), "kitchen")

        async def go() -> tuple[int, int]:
            (job_id,) = await queue.print_order(flex_order(), "kitchen")
            await queue.wait_idle()
            failed = store.print_job(job_id)
            assert failed is not None and failed.state == "failed"
            assert failed.attempts == 4 and not failed.bytes_sent
            again = await queue.retry(job_id, document, printer="backup")
            await queue.wait_idle()
            await queue.close()
            return job_id, again

        job_id, again = run(go)
        tickets = backup.wait_tickets(1)
    job = store.print_job(job_id)
    # four automatic attempts on the dead printer, one on the backup
    assert job is not None and job.attempts == 5 and job.printer == "backup"
    assert again == job_id and state(store, job_id) == "printed"
    assert len(tickets) == 1 and "REIMPRESIÓN" not in decode(tickets[0]).text


def test_silent_printer_gives_uncertain_and_no_second_ticket(store: DeskStore) -> None:
    with SilentPrinter() as printer:
        settings = net("kitchen", printer.port, status_query=True, copies={"kitchen": 1})
        queue, changes = make(store, settings)

        async def go() -> int:
            (job_id,) = await queue.print_order(flex_order(), "kitchen")
            await queue.wait_idle()
            await queue.close()
            return job_id

        job_id = run(go)
        # one connection for the ticket and one for the status check, nothing more
        assert len(printer.connections) == 2
    job = store.print_job(job_id)
    assert job is not None
    assert job.state == "uncertain" and job.bytes_sent and job.attempts == 1
    assert [c.state.value for c in changes] == ["queued", "printing", "uncertain"]


def test_write_timeout_after_partial_send_is_sent_unconfirmed() -> None:
    with SilentPrinter() as printer:
        target = NetworkTarget("k", "127.0.0.1", printer.port, connect_timeout=1, write_timeout=0.5)
        with pytest.raises(SentUnconfirmed) as err:
            target.send(b"x" * 20_000_000)
    assert 0 < err.value.bytes_sent < 20_000_000


def test_refused_connection_is_nothing_sent() -> None:
    target = NetworkTarget("k", "127.0.0.1", refusing_port(), connect_timeout=1)
    with pytest.raises(NothingSent, match="cannot connect") as err:
        target.send(b"ticket")
    assert err.value.retryable and not err.value.sent


def test_status_answering_printer(store: DeskStore) -> None:
    paper_out = {1: PAPER_OUT_OFFLINE, 2: PAPER_OUT_CAUSE, 4: PAPER_OUT_SENSOR}
    with RecordingPrinter(answers={}) as good, RecordingPrinter(answers=paper_out) as empty:
        ok_target = NetworkTarget("good", "127.0.0.1", good.port, confirm=True)
        state_now = ok_target.status()
        assert state_now is not None and state_now.ok
        queue, _ = make(
            store,
            net("good", good.port, status_query=True),
            net("empty", empty.port, status_query=True),
        )

        async def go() -> tuple[int, int]:
            (a,) = await queue.print_order(flex_order(), "kitchen", printer="good")
            (b,) = await queue.print_order(flex_order(), "kitchen", printer="empty")
            await queue.wait_idle()
            await queue.close()
            return a, b

        a, b = run(go)
        good.wait_tickets(2)
        empty.wait_tickets(1)
        assert empty.status_queries == 3
    assert state(store, a) == "printed"
    job = store.print_job(b)
    assert job is not None and job.state == "failed" and job.bytes_sent
    assert "paper out" in (job.error or "")


def test_restart_after_a_crash_mid_print(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    first = DeskStore.open(path)
    first.apply_order(flex_order(), [])
    job_id = first.add_print_job(flex_order().key, "kitchen", "kitchen", 1, reprint=False)
    first.set_print_job_state(job_id, "printing", attempts=1)  # type: ignore[arg-type]
    first.close()  # the desk died here

    second = DeskStore.open(path)
    try:
        with RecordingPrinter() as printer:
            queue, _ = make(second, net("kitchen", printer.port))

            async def go() -> None:
                recovery = await queue.start()
                assert recovery.uncertain == (job_id,)
                await queue.close()

            run(go)
            assert printer.tickets == []  # never reprinted on its own
        assert state(second, job_id) == "uncertain"
    finally:
        second.close()


# -- issue 10: a ticket is "printed" only when the printer confirmed it --------------------


def _ticket() -> bytes:
    return b"\x1b@kitchen ticket\n" * 20


def test_printer_that_reads_but_never_answers_status_is_unconfirmed() -> None:
    with RecordingPrinter(answers=None) as printer:
        target = NetworkTarget("k", "127.0.0.1", printer.port, connect_timeout=1)
        with pytest.raises(SentUnconfirmed, match="did not answer its status") as err:
            target.send(_ticket())
        printer.wait_tickets(1)
    assert err.value.bytes_sent == len(_ticket())


def test_peer_that_never_reads_a_small_ticket_is_unconfirmed() -> None:
    # the ticket fits in the kernel's buffers, so every send() "succeeds"
    with SilentPrinter() as printer:
        target = NetworkTarget("k", "127.0.0.1", printer.port, connect_timeout=1)
        with pytest.raises(SentUnconfirmed):
            target.send(_ticket())


def test_unconfirmed_hand_over_without_status_query_is_never_printed() -> None:
    with RecordingPrinter() as printer:
        target = NetworkTarget("k", "127.0.0.1", printer.port, confirm=False)
        with pytest.raises(SentUnconfirmed):
            target.send(_ticket())


def test_ready_printer_confirms_and_paper_out_is_a_fault() -> None:
    from kitchen_app.printing.errors import PrinterFault

    paper_out = {1: PAPER_OUT_OFFLINE, 2: PAPER_OUT_CAUSE, 4: PAPER_OUT_SENSOR}
    with RecordingPrinter() as good, RecordingPrinter(answers=paper_out) as empty:
        NetworkTarget("good", "127.0.0.1", good.port).send(_ticket())
        with pytest.raises(PrinterFault, match="paper out") as err:
            NetworkTarget("empty", "127.0.0.1", empty.port).send(_ticket())
    assert err.value.sent


@pytest.mark.parametrize("read_bytes", [0, 1000])
def test_peer_closing_mid_ticket_is_uncertain_even_if_ready_afterwards(
    store: DeskStore, read_bytes: int
) -> None:
    """The measured fault: the ticket was marked printed because the status asked after
    the broken link said "ready"."""
    with ClosingPrinter(read_bytes=read_bytes) as printer:
        settings = net("kitchen", printer.port, copies={"kitchen": 1}, write_timeout=2.0)
        queue, changes = make(store, settings)

        async def go() -> int:
            (job_id,) = await queue.print_order(flex_order(), "kitchen")
            await queue.wait_idle()
            await queue.close()
            return job_id

        job_id = run(go)
    job = store.print_job(job_id)
    assert job is not None
    assert job.state in ("uncertain", "failed"), job
    if job.state == "failed":  # nothing left our side: refused before the first byte
        assert not job.bytes_sent
    else:
        assert job.bytes_sent and job.attempts == 1
    assert "printed" not in [c.state.value for c in changes]


def test_calibration_to_a_printer_without_status_is_reported_uncertain(store: DeskStore) -> None:
    """The setup's test print shows at once that this printer cannot confirm tickets."""
    with RecordingPrinter(answers=None) as printer:
        queue, _ = make(store, net("kitchen", printer.port, copies={"kitchen": 1}))

        async def go() -> int:
            (job_id,) = await queue.print_order(flex_order(), "kitchen")
            await queue.wait_idle()
            await queue.close()
            return job_id

        job_id = run(go)
    job = store.print_job(job_id)
    assert job is not None and job.state == "uncertain"
    assert "DLE EOT" in (job.error or "")
