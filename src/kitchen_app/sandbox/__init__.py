"""The sandbox: a shell (clock and timers, fault injection, OAuth, shared control routes)
that mounts each marketplace's simulator part (``channels/<marketplace>/sandbox/``).
``build_shell(ShellConfig(...), parts)`` gives the ASGI app of any set of parts;
``build_app(SandboxConfig(...), parts)`` the same with Mercado Pago's always mounted."""

from .app import SandboxConfig, build_app
from .config import ShellConfig
from .shell import build_shell

__all__ = ["SandboxConfig", "ShellConfig", "build_app", "build_shell"]
