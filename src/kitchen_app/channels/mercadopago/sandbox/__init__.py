"""Mercado Pago Delivery in the sandbox: world (stores, orders and their flows), the order
JSON and label PDF, its API and control routes, signed webhooks to the relay, its OAuth
application, and the part the sandbox shell mounts (``part.py``)."""

from __future__ import annotations

from .config import MpSandboxConfig
from .part import FAULT_OPERATIONS, MpSandboxPart, sandbox_part, sandbox_part_with
from .world import World

__all__ = [
    "FAULT_OPERATIONS",
    "MpSandboxConfig",
    "MpSandboxPart",
    "World",
    "sandbox_part",
    "sandbox_part_with",
]
