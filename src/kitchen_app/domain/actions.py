"""What an action is to the desk, whatever the marketplace: the evidence a fresh read gives
about an action whose answer was lost (DESIGN §6.4), and a paused marketplace store."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Evidence", "StorePause"]


class Evidence(Enum):
    DONE = "done"  # the order shows the action took effect
    NOT_DONE = "not_done"  # it shows it did not, and sending it still makes sense
    IMPOSSIBLE = "impossible"  # too late: the order went where the action cannot apply
    UNKNOWN = "unknown"  # the order cannot tell (e.g. a courier assigned before accept)


@dataclass(frozen=True, slots=True)
class StorePause:
    """A marketplace store that does not take orders right now."""

    channel: str
    store_id: str
    status: str  # raw: "paused", "disabled"…
    reason: str | None = None  # why, when the desk knows (e.g. "two orders expired")
    can_reopen: bool = True  # False for a status no call can undo (disabled)
