"""Errors the sandbox answers with, in the generic Mercado Pago shape (api notes §1):
``{"message", "error", "status", "cause": []}`` with the documented phrase in ``message``."""

from __future__ import annotations

import logging
from typing import Any

from starlette.responses import JSONResponse

__all__ = [
    "ApiError",
    "bad_request",
    "conflict",
    "error_body",
    "forbidden",
    "not_found",
    "unauthorized",
]

log = logging.getLogger(__name__)

_DEFAULT_KEYS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    424: "failed_dependency",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


def error_body(status: int, message: str, error: str | None = None) -> dict[str, Any]:
    key = error or _DEFAULT_KEYS.get(status, "error")
    return {
        "message": message,
        "error": key,
        "status": status,
        "cause": [{"code": key, "description": message, "data": None}],
    }


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        error: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error
        self.headers = headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse(
            error_body(self.status, self.message, self.error),
            status_code=self.status,
            headers=self.headers,
        )


def bad_request(message: str) -> ApiError:
    return ApiError(400, message, "bad_request")


def conflict(message: str) -> ApiError:
    # The API answers state conflicts with 400, not 409 (api notes §1).
    return ApiError(400, f"Conflict-error - {message}", "conflict_error")


def unauthorized() -> ApiError:
    return ApiError(401, "invalid access token", "unauthorized")


def forbidden() -> ApiError:
    return ApiError(403, "The user does not have access to this resource", "forbidden")


def not_found(message: str = "Failed to search shipment") -> ApiError:
    return ApiError(404, message, "not_found")
