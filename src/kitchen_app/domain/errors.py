"""Errors that reach the person at the keyboard as one line."""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(Exception):
    """Bad arguments, files or settings: shown as one line, exit status 2, no traceback."""
