"""The desk's SQLite: schema and migrations, orders and their timeline, the action and print
journals, settings and feed cursors (DESIGN §3, §4, §6)."""

from .desk_store import FETCH_SOURCE, DeskStore
from .errors import StoreError
from .reader import DeskReader
from .records import (
    ActionRecord,
    ActionState,
    LoadingOrder,
    OrderChange,
    OrderSummary,
    PrintJobKind,
    PrintJobRecord,
    PrintJobState,
    UnresolvedNotification,
)
from .schema import MIGRATIONS, SCHEMA_VERSION, Migration
from .times import local_timezone

__all__ = [
    "FETCH_SOURCE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ActionRecord",
    "ActionState",
    "DeskReader",
    "DeskStore",
    "LoadingOrder",
    "Migration",
    "OrderChange",
    "OrderSummary",
    "PrintJobKind",
    "PrintJobRecord",
    "PrintJobState",
    "StoreError",
    "UnresolvedNotification",
    "local_timezone",
]
