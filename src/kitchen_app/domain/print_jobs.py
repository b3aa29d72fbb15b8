"""The states of a journaled print job: the store keeps them, the print queue moves jobs
through them (DESIGN §6.5, docs/printing.md "The journal's rules"). One enum for both, here
because the store and printing may not import each other."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PrintJobState"]


class PrintJobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"  # final
    FAILED = "failed"  # nothing reached the printer, or it said no; retryable
    UNCERTAIN = "uncertain"  # bytes went out, no confirmation: only the operator may retry
    CANCELLED = "cancelled"  # final
