"""What can go wrong talking to a marketplace, as a small typed tree.

Callers key off the class (and ``retryable``), never off message text.
"""

from __future__ import annotations

__all__ = [
    "AuthError",
    "BadResponse",
    "ChannelError",
    "DependencyError",
    "NotFound",
    "RateLimited",
    "StateConflict",
    "TransientError",
]


class ChannelError(Exception):
    """Base: ``message`` is one line fit for staff; ``status`` the HTTP status if any."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code  # the marketplace's error key, when it sent one


class StateConflict(ChannelError):
    """The order's state does not allow this (Mercado Pago answers 400). Never retried."""


class AuthError(ChannelError):
    """Token invalid or expired (401) or not allowed for this resource (403)."""


class NotFound(ChannelError):
    """The marketplace does not know this order (404)."""


class DependencyError(ChannelError):
    """424: the marketplace failed to gather the order's information. Retried."""

    retryable = True


class RateLimited(ChannelError):
    """429: slow down; ``retry_after`` seconds when the answer said so."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, status: int = 429):
        super().__init__(message, status=status)
        self.retry_after = retry_after


class TransientError(ChannelError):
    """5xx or a transport failure (connection refused, timeout). Retried with backoff."""

    retryable = True


class BadResponse(ChannelError):
    """The answer could not be read (not JSON, missing fields, impossible values)."""
