"""Shopee in the sandbox: world (orders, tokens, rules), routes, signed pushes to the relay,
and the part the sandbox shell mounts."""

from __future__ import annotations

from .part import ShopeeSandboxPart, sandbox_part, sandbox_part_with
from .push import ShopeePushSender
from .routes import control_routes, create_from_control, routes
from .world import ShopeeSandboxConfig, ShopeeWorld

__all__ = [
    "ShopeePushSender",
    "ShopeeSandboxConfig",
    "ShopeeSandboxPart",
    "ShopeeWorld",
    "control_routes",
    "create_from_control",
    "routes",
    "sandbox_part",
    "sandbox_part_with",
]
