"""The relay's settings, built by the CLI (or a test, the demo, a benchmark)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kitchen_app.channels.base import Notify
from kitchen_app.domain.errors import UserError
from kitchen_app.domain.relay_protocol import MAX_WAIT_SECONDS, MAX_WEBHOOK_BODY
from kitchen_app.relay.custody_setup import CustodySetup

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_RETENTION_HOURS",
    "ENV_RETENTION_HOURS",
    "RelayConfig",
    "retention_from_env",
]

log = logging.getLogger(__name__)

DEFAULT_DB = Path("relay.sqlite3")
DEFAULT_RETENTION_HOURS = 7 * 24.0  # a desk offline over a long weekend still catches up
ENV_RETENTION_HOURS = "KITCHEN_RELAY_RETENTION_HOURS"


@dataclass(frozen=True)
class RelayConfig:
    db_path: Path = DEFAULT_DB
    # postgresql://… (several relay processes on one database); None: the SQLite db_path.
    database_url: str | None = None
    # The marketplaces' webhook rules (``Plugin.notify``, handed in by app/): one route each.
    webhooks: tuple[Notify, ...] = ()
    # Their relay settings by "<channel>.<name>" (``Notify.relay_settings``: webhook secrets,
    # a callback URL); an absent or empty one is not set (e.g. signatures are not checked).
    webhook_settings: Mapping[str, str] = field(default_factory=dict)
    retention_seconds: float = DEFAULT_RETENTION_HOURS * 3600
    prune_interval_seconds: float = 600.0
    max_wait_seconds: float = MAX_WAIT_SECONDS
    max_body_bytes: int = MAX_WEBHOOK_BODY
    health_probe_timeout_seconds: float = 5.0
    # Backpressure: past this many webhooks waiting for a commit, or a commit this slow,
    # webhooks get 503 (never 200 for something not stored) and /healthz says why.
    max_pending_webhooks: int = 10_000
    commit_timeout_seconds: float = 10.0
    # /healthz does a real durable write at most this often and answers from it meanwhile
    health_probe_interval_seconds: float = 1.0
    # Per client address: /healthz requests, and webhook requests the relay refuses (valid
    # webhooks are never counted, see ratelimit.py). Rates per second, bursts in requests.
    health_rate: float = 5.0
    health_burst: float = 20.0
    refusal_rate: float = 20.0
    refusal_burst: float = 200.0
    # Store linking and token custody (issue 15); None: the relay keeps no tokens.
    custody: CustodySetup | None = None
    # How often the custody's credentials read back the notifications the marketplaces
    # could not deliver (lost_notifications.py; only with custody).
    lost_check_seconds: float = 180.0

    def __repr__(self) -> str:  # secrets never reach logs
        return (
            f"RelayConfig(db_path={str(self.db_path)!r}, "
            f"database_url={'set' if self.database_url else None}, "
            f"webhooks={[n.channel for n in self.webhooks]}, "
            f"webhook_settings={sorted(k for k, v in self.webhook_settings.items() if v)}, "
            f"retention_seconds={self.retention_seconds}, "
            f"max_wait_seconds={self.max_wait_seconds}, custody={self.custody!r})"
        )


def retention_from_env() -> float:
    """Retention in seconds from KITCHEN_RELAY_RETENTION_HOURS (default 7 days)."""
    text = os.environ.get(ENV_RETENTION_HOURS)
    if not text:
        return DEFAULT_RETENTION_HOURS * 3600
    try:
        hours = float(text)
    except ValueError:
        raise UserError(f"{ENV_RETENTION_HOURS} is not a number: {text!r}") from None
    if not hours > 0:
        raise UserError(f"{ENV_RETENTION_HOURS} must be greater than 0: {text!r}")
    return hours * 3600
