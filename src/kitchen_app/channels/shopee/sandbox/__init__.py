"""Shopee in the sandbox: world (orders, tokens, rules), routes, signed pushes to the relay."""

from __future__ import annotations

from .push import ShopeePushSender
from .routes import control_routes, create_from_control, routes
from .world import ShopeeSandboxConfig, ShopeeWorld

__all__ = [
    "ShopeePushSender",
    "ShopeeSandboxConfig",
    "ShopeeWorld",
    "control_routes",
    "create_from_control",
    "routes",
]
