"""`kitchen-app sandbox serve` with the simulators of the plug-ins this build serves."""

from __future__ import annotations

import argparse

from kitchen_app.app.plugins import registry
from kitchen_app.sandbox import cli

__all__ = ["serve"]


def serve(args: argparse.Namespace) -> int:
    return cli.serve(args, [p.sandbox for p in registry() if p.sandbox is not None])
