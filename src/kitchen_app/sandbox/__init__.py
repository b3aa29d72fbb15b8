"""The Mercado Pago Delivery sandbox: a faithful local stand-in for the API, its status
flows, timing and signed webhooks. ``build_app(SandboxConfig(...))`` gives the ASGI app."""

from .app import build_app
from .config import SandboxConfig

__all__ = ["SandboxConfig", "build_app"]
