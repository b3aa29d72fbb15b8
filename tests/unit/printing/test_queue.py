"""The print queue's rules with scripted printer targets and an in-memory journal."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from tests.unit.printing.escpos_decode import decode
from tests.unit.printing.journal import MemoryJournal
from tests.unit.printing.orders import flex_order

from kitchen_app.domain import PrintJobState
from kitchen_app.printing.documents import raw_document, ticket_document
from kitchen_app.printing.errors import NothingSent, PrinterFault, SentUnconfirmed
from kitchen_app.printing.queue import (
    AutoPrintPolicy,
    JobChange,
    PrintQueue,
    PrintQueueError,
)
from kitchen_app.printing.settings import PrinterSettings
from kitchen_app.printing.status import PrinterState

KITCHEN = PrinterSettings("kitchen", "file", "/unused", copies={"kitchen": 2})
COUNTER = PrinterSettings("counter", "file", "/unused", copies={"receipt": 1, "kitchen": 0})
BACKUP = PrinterSettings("backup", "file", "/unused", copies={})
PDF = PrinterSettings("office", "os", "", copies={})


class ScriptedTarget:
    """Each send pops the next outcome: None = accepted, an exception = raised."""

    def __init__(
        self,
        name: str,
        outcomes: list[Exception | None] | None = None,
        status: PrinterState | None = None,
    ) -> None:
        self.name = name
        self.outcomes = outcomes or []
        self.sent: list[bytes] = []
        self.state = status
        self.threads: set[str] = set()

    def send(self, data: bytes) -> None:
        self.threads.add(threading.current_thread().name)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            if isinstance(outcome, SentUnconfirmed | PrinterFault) and outcome.sent:
                self.sent.append(data)
            raise outcome
        self.sent.append(data)

    def status(self) -> PrinterState | None:
        return self.state


def make_queue(
    targets: dict[str, ScriptedTarget],
    journal: MemoryJournal | None = None,
    printers: tuple[PrinterSettings, ...] = (KITCHEN, COUNTER, BACKUP, PDF),
) -> tuple[PrintQueue, MemoryJournal, list[JobChange]]:
    journal = journal or MemoryJournal()
    changes: list[JobChange] = []
    queue = PrintQueue(
        journal,
        printers,
        targets=lambda s: targets[s.name],
        on_change=changes.append,
        max_attempts=3,
        backoff=(0.0,),
    )
    return queue, journal, changes


def run(coro_fn: Callable[[], Any]) -> Any:
    async def main() -> Any:
        return await asyncio.wait_for(coro_fn(), timeout=30)

    return asyncio.run(main())


def test_prints_copies_on_routed_printers_one_job_each() -> None:
    targets = {n: ScriptedTarget(n) for n in ("kitchen", "counter", "backup", "office")}
    queue, journal, changes = make_queue(targets)

    async def go() -> list[int]:
        ids = await queue.print_order(flex_order(), "kitchen")
        ids += await queue.print_order(flex_order(), "receipt")
        await queue.wait_idle()
        await queue.close()
        return ids

    ids = run(go)
    assert len(ids) == 3
    assert [journal.jobs[i].copy for i in ids] == [1, 2, 1]
    assert all(journal.jobs[i].state == "printed" for i in ids)
    assert len(targets["kitchen"].sent) == 2 and len(targets["counter"].sent) == 1
    assert "COCINA" in decode(targets["kitchen"].sent[0]).text
    assert targets["counter"].sent[0].count(b"1P0") == 1  # the receipt's QR
    assert threading.main_thread().name not in targets["kitchen"].threads  # sent off-loop
    assert [c.state for c in changes if c.job_id == ids[0]] == [
        PrintJobState.QUEUED,
        PrintJobState.PRINTING,
        PrintJobState.PRINTED,
    ]


def test_nothing_sent_is_retried_then_prints_once() -> None:
    flaky = ScriptedTarget("kitchen", [NothingSent("refused"), NothingSent("refused")])
    queue, journal, _ = make_queue({"kitchen": flaky})

    async def go() -> list[int]:
        ids = await queue.print_order(flex_order(), "kitchen", printer="kitchen")
        await queue.wait_idle()
        return ids

    (job_id,) = run(go)
    assert journal.jobs[job_id].state == "printed"
    assert journal.jobs[job_id].attempts == 3
    assert len(flaky.sent) == 1


def test_nothing_sent_too_often_fails_and_stays_retryable_on_a_backup() -> None:
    dead = ScriptedTarget("kitchen", [NothingSent("refused")] * 5)
    backup = ScriptedTarget("backup")
    queue, journal, _ = make_queue({"kitchen": dead, "backup": backup})
    document = ticket_document(flex_order(), "kitchen")

    async def go() -> tuple[int, int]:
        (job_id,) = await queue.submit("k", "kitchen", document, printer="kitchen")
        await queue.wait_idle()
        assert journal.jobs[job_id].state == "failed"
        assert journal.jobs[job_id].attempts == 3
        again = await queue.retry(job_id, document, printer="backup")
        await queue.wait_idle()
        return job_id, again

    job_id, again = run(go)
    assert again == job_id  # nothing had reached paper: the same job, not a reprint
    assert journal.jobs[job_id].state == "printed"
    assert journal.jobs[job_id].printer == "backup"
    assert len(backup.sent) == 1 and "REIMPRESIÓN" not in decode(backup.sent[0]).text


def test_timeout_after_bytes_is_uncertain_and_never_resent_unasked() -> None:
    silent = ScriptedTarget("kitchen", [SentUnconfirmed("timeout", bytes_sent=100)])
    queue, journal, _ = make_queue({"kitchen": silent})
    document = ticket_document(flex_order(), "kitchen")

    async def go() -> tuple[int, int]:
        (job_id,) = await queue.submit("k", "kitchen", document, printer="kitchen")
        await queue.wait_idle()
        assert journal.jobs[job_id].state == "uncertain"
        assert len(silent.sent) == 1
        reprint = await queue.retry(job_id, document)
        await queue.wait_idle()
        return job_id, reprint

    job_id, reprint = run(go)
    assert reprint != job_id
    assert journal.jobs[reprint].reprint is True
    assert journal.jobs[reprint].state == "printed"
    assert journal.jobs[job_id].state == "failed"
    assert len(silent.sent) == 2
    assert "REIMPRESIÓN" in decode(silent.sent[1]).text
    assert "REIMPRESIÓN" not in decode(silent.sent[0]).text


def test_unconfirmed_send_stays_uncertain_unless_the_printer_reports_a_fault() -> None:
    """A printer that is ready *after* a broken send may have dropped the ticket: only the
    operator can say (issue 10); a fault settles it as failed."""
    ok = ScriptedTarget(
        "kitchen", [SentUnconfirmed("t", bytes_sent=5)], status=PrinterState(online=True)
    )
    paper_out = ScriptedTarget(
        "counter",
        [SentUnconfirmed("t", bytes_sent=5)],
        status=PrinterState(online=False, paper_out=True),
    )
    queue, journal, _ = make_queue({"kitchen": ok, "counter": paper_out})
    document = raw_document(b"\x1b@hello", pdf=False)

    async def go() -> tuple[int, int]:
        (a,) = await queue.submit("k", "kitchen", document, printer="kitchen")
        (b,) = await queue.submit("k", "receipt", document, printer="counter")
        await queue.wait_idle()
        return a, b

    a, b = run(go)
    assert journal.jobs[a].state == "uncertain" and journal.jobs[a].bytes_sent
    assert journal.jobs[b].state == "failed" and journal.jobs[b].bytes_sent
    assert "paper out" in (journal.jobs[b].error or "")


def test_printer_fault_fails_without_retry() -> None:
    state = PrinterState(online=True, cover_open=True)
    target = ScriptedTarget("kitchen", [PrinterFault("cover open", state, sent=False)])
    queue, journal, _ = make_queue({"kitchen": target})

    async def go() -> int:
        (job_id,) = await queue.submit(
            "k", "kitchen", raw_document(b"x", pdf=False), printer="kitchen"
        )
        await queue.wait_idle()
        return job_id

    job_id = run(go)
    assert journal.jobs[job_id].state == "failed" and journal.jobs[job_id].attempts == 1


def test_resolve_uncertain_and_cancel() -> None:
    target = ScriptedTarget("kitchen", [SentUnconfirmed("t", bytes_sent=1)] * 2)
    queue, journal, _ = make_queue({"kitchen": target})
    doc = raw_document(b"x", pdf=False)

    async def go() -> None:
        a, b = await queue.submit("k", "kitchen", doc, printer="kitchen", copies=2)
        await queue.wait_idle()
        await queue.resolve_uncertain(a, printed=True)
        await queue.resolve_uncertain(b, printed=False)
        assert journal.jobs[a].state == "printed" and journal.jobs[b].state == "failed"
        with pytest.raises(PrintQueueError, match="not uncertain"):
            await queue.resolve_uncertain(a, printed=True)
        with pytest.raises(PrintQueueError, match="cannot be cancelled"):
            await queue.cancel(a)
        await queue.cancel(b)
        assert journal.jobs[b].state == "cancelled"
        with pytest.raises(PrintQueueError, match="no printer named 'nope'"):
            await queue.submit("k", "kitchen", doc, printer="nope")
        with pytest.raises(PrintQueueError, match="no print job 99"):
            await queue.retry(99, doc)

    run(go)


def test_start_turns_crashed_printing_jobs_uncertain_and_reports_queued() -> None:
    journal = MemoryJournal()
    a = journal.add_print_job("k", "kitchen", "kitchen", 1, reprint=False)
    journal.set_print_job_state(a, "printing", attempts=1)
    b = journal.add_print_job("k", "receipt", "counter", 1, reprint=False)
    target = ScriptedTarget("counter")
    queue, _, changes = make_queue({"counter": target}, journal)

    async def go() -> None:
        recovery = await queue.start()
        assert recovery.uncertain == (a,) and recovery.queued == (b,)
        assert journal.jobs[a].state == "uncertain"
        assert target.sent == []  # nothing printed again on its own
        assert await queue.retry(b, raw_document(b"r", pdf=False)) == b
        await queue.wait_idle()

    run(go)
    assert journal.jobs[b].state == "printed" and target.sent == [b"r"]
    assert changes[0].state is PrintJobState.UNCERTAIN


def test_pdf_document_refuses_an_escpos_printer_and_os_printer_gets_pdf() -> None:
    targets = {n: ScriptedTarget(n) for n in ("kitchen", "office")}
    queue, journal, _ = make_queue(targets)

    async def go() -> tuple[int, int]:
        (a,) = await queue.submit(
            "k", "label_pdf", raw_document(b"%PDF-1.4", pdf=True), printer="kitchen"
        )
        (b,) = await queue.print_order(flex_order(), "receipt", printer="office")
        await queue.wait_idle()
        return a, b

    a, _b = run(go)
    assert journal.jobs[a].state == "failed" and targets["kitchen"].sent == []
    assert "needs a system printer" in (journal.jobs[a].error or "")
    assert targets["office"].sent[0].startswith(b"%PDF")


def test_one_job_at_a_time_per_printer() -> None:
    active = 0
    peak = 0
    lock = threading.Lock()
    release = threading.Event()

    class Slow(ScriptedTarget):
        def send(self, data: bytes) -> None:
            nonlocal active, peak
            with lock:
                active += 1
                peak = max(peak, active)
            release.wait(10)
            with lock:
                active -= 1
            super().send(data)

    slow = Slow("kitchen")
    queue, _journal, changes = make_queue({"kitchen": slow})

    async def go() -> None:
        await queue.submit(
            "k", "kitchen", raw_document(b"x", pdf=False), printer="kitchen", copies=3
        )
        for _ in range(1000):  # bounded wait for the first job to be in flight
            if any(c.state is PrintJobState.PRINTING for c in changes):
                break
            await asyncio.sleep(0.005)
        release.set()
        await queue.wait_idle()

    run(go)
    assert peak == 1 and len(slow.sent) == 3


def test_auto_print_policy() -> None:
    targets = {n: ScriptedTarget(n) for n in ("kitchen", "counter")}
    queue, journal, _ = make_queue(targets, printers=(KITCHEN, COUNTER))

    async def go() -> tuple[list[int], list[int]]:
        off = await queue.auto_print(flex_order(), AutoPrintPolicy(enabled=False))
        on = await queue.auto_print(
            flex_order(), AutoPrintPolicy(enabled=True, copies={"kitchen": 1, "receipt": 2})
        )
        await queue.wait_idle()
        return off, on

    off, on = run(go)
    assert off == []
    assert sorted((journal.jobs[i].kind, journal.jobs[i].printer) for i in on) == [
        ("kitchen", "kitchen"),
        ("receipt", "counter"),
        ("receipt", "counter"),
    ]


def test_a_printer_removed_while_its_job_waits_fails_the_job_visibly() -> None:
    release = threading.Event()

    class Blocking(ScriptedTarget):
        def send(self, data: bytes) -> None:
            release.wait(10)
            super().send(data)

    target = Blocking("kitchen")
    queue, journal, changes = make_queue({"kitchen": target})

    async def go() -> tuple[int, int]:
        a, b = await queue.submit(
            "k", "kitchen", raw_document(b"x", pdf=False), printer="kitchen", copies=2
        )
        for _ in range(1000):  # bounded wait for the first job to be in flight
            if any(c.job_id == a and c.state is PrintJobState.PRINTING for c in changes):
                break
            await asyncio.sleep(0.005)
        queue.set_printers([COUNTER])
        release.set()
        await queue.wait_idle()
        return a, b

    a, b = run(go)
    assert journal.jobs[a].state == "printed"
    assert journal.jobs[b].state == "failed"
    assert journal.jobs[b].error == "no printer named 'kitchen'"
