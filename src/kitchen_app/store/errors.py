"""The one error the store raises for things staff or an operator must fix."""

from __future__ import annotations

__all__ = ["StoreError"]


class StoreError(Exception):
    """The database cannot be used as asked: a one-line message for staff or the CLI.

    Raised for a corrupt or foreign file, a database from a newer app, a failed migration, bad
    input (unknown order, unknown job, a value that is not JSON) and for disk-level failures
    (full, locked, read-only). Stored data is left as it was.
    """
