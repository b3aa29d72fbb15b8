"""Mercado Pago's API errors in the sandbox, in its generic shape (api notes §1):
``{"message", "error", "status", "cause": [...]}`` with the documented phrase in ``message``.
The shape and the exception are the shell's (``channels.sandbox_kit``); these are the phrases."""

from __future__ import annotations

from kitchen_app.channels.sandbox_kit import SandboxError, bad_request, error_body

__all__ = [
    "ApiError",
    "bad_request",
    "conflict",
    "error_body",
    "forbidden",
    "not_found",
    "unauthorized",
]

ApiError = SandboxError


def conflict(message: str) -> ApiError:
    # The API answers state conflicts with 400, not 409 (api notes §1).
    return ApiError(400, f"Conflict-error - {message}", "conflict_error")


def unauthorized() -> ApiError:
    return ApiError(401, "invalid access token", "unauthorized")


def forbidden() -> ApiError:
    return ApiError(403, "The user does not have access to this resource", "forbidden")


def not_found(message: str = "Failed to search shipment") -> ApiError:
    return ApiError(404, message, "not_found")
