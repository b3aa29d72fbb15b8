"""The sandbox shell's settings, shared by every marketplace's simulator it mounts (each
part gets them through ``channels.base.SandboxShell``; a part's own settings are its own)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ShellConfig"]


@dataclass(frozen=True, slots=True)
class ShellConfig:
    token: str = field(default="APP_USR-sandbox", repr=False)  # the bearer token APIs accept
    relay_url: str | None = None  # webhooks go to {relay_url}{Notify.path}; None: none sent
    speed: float = 1.0  # sandbox seconds per real second
    seed: int | None = None  # same seed -> same orders
