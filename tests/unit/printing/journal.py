"""A tiny in-memory print journal with the desk store's print-job API (for queue tests)."""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from kitchen_app.domain import PrintJobState


@dataclass(frozen=True)
class JobRecord:
    id: int
    order_key: str | None
    kind: str
    printer: str
    copy: int
    reprint: bool
    state: PrintJobState = PrintJobState.QUEUED
    attempts: int = 0
    error: str | None = None
    bytes_sent: bool = False


class MemoryJournal:
    def __init__(self) -> None:
        self.jobs: dict[int, JobRecord] = {}
        self.history: list[tuple[int, str]] = []
        self._lock = threading.Lock()

    def add_print_job(
        self, key: str | None, kind: str, printer: str, copy: int, *, reprint: bool
    ) -> int:
        with self._lock:
            job_id = len(self.jobs) + 1
            self.jobs[job_id] = JobRecord(job_id, key, kind, printer, copy, reprint)
            self.history.append((job_id, "queued"))
            return job_id

    def set_print_job_state(
        self,
        job_id: int,
        state: PrintJobState,
        *,
        error: str | None = None,
        bytes_sent: bool | None = None,
        attempts: int | None = None,
        printer: str | None = None,
    ) -> None:
        with self._lock:
            job = self.jobs[job_id]
            changes: dict[str, Any] = {"state": PrintJobState(state), "error": error}
            if bytes_sent is not None:
                changes["bytes_sent"] = bytes_sent or job.bytes_sent
            if attempts is not None:
                changes["attempts"] = attempts
            if printer is not None:
                changes["printer"] = printer
            self.jobs[job_id] = replace(job, **changes)
            self.history.append((job_id, str(state)))

    def print_job(self, job_id: int) -> JobRecord | None:
        return self.jobs.get(job_id)

    def print_jobs_in_states(self, states: Collection[PrintJobState]) -> list[JobRecord]:
        wanted = set(states)
        return [j for j in self.jobs.values() if j.state in wanted]

    def states(self) -> dict[int, str]:
        return {job_id: job.state for job_id, job in self.jobs.items()}
