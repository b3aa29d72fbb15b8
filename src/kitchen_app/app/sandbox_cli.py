"""`kitchen-app sandbox serve`: the sandbox shell in the foreground with the simulators of the
plug-ins this build serves; Mercado Pago's with the settings its flags give."""

from __future__ import annotations

import argparse
import logging
import math
from collections.abc import Sequence

from kitchen_app.app.plugins import registry
from kitchen_app.app.serving import free_port, serve_forever
from kitchen_app.channels.base import SandboxFactory
from kitchen_app.channels.mercadopago import CHANNEL as MERCADOPAGO
from kitchen_app.channels.mercadopago.sandbox import MpSandboxConfig, sandbox_part_with
from kitchen_app.domain.errors import UserError
from kitchen_app.sandbox import ShellConfig, build_shell

__all__ = ["serve"]

log = logging.getLogger(__name__)


def serve(args: argparse.Namespace, parts: Sequence[SandboxFactory] | None = None) -> int:
    """``parts``: the simulators to mount beside Mercado Pago's (default: every other
    registered plug-in's)."""
    if parts is None:
        parts = [
            p.sandbox for p in registry() if p.sandbox is not None and p.channel != MERCADOPAGO
        ]
    relay_url = args.relay_url
    if relay_url is not None and not relay_url.startswith(("http://", "https://")):
        raise UserError(f"--relay-url must start with http:// or https://: {relay_url!r}")
    if args.rate < 0:
        raise UserError(f"--rate must be 0 or more: {args.rate}")
    if not args.token:
        raise UserError("--token must not be empty")
    not_found_for = getattr(args, "not_found_for", 0.0)
    if not math.isfinite(not_found_for) or not_found_for < 0:
        raise UserError(f"--not-found-for must be 0 or more seconds: {not_found_for}")
    mercadopago = MpSandboxConfig(
        webhook_secret=args.mp_webhook_secret,
        rate_per_min=args.rate,
        webhook_resource=getattr(args, "webhook_resource", "path"),
        webhook_topic=getattr(args, "webhook_topic", "delivery"),
        unsigned_webhooks=getattr(args, "unsigned_webhooks", False),
        time_style=getattr(args, "time_style", "offset"),
        strict_time_zone=getattr(args, "strict_time_zone", False),
        not_found_for_s=not_found_for,
    )
    shell = ShellConfig(token=args.token, relay_url=relay_url, speed=args.speed, seed=args.seed)
    app = build_shell(shell, [sandbox_part_with(mercadopago), *parts])
    store = app.state.parts[MERCADOPAGO].world.default_store
    port = args.port or free_port(args.host)
    print(f"Mercado Pago Delivery sandbox at http://{args.host}:{port}", flush=True)
    print(f"default store: {store.name} (MP user id {store.user_id})", flush=True)
    return serve_forever(app, args.host, port)
