"""What the sandbox shell and the marketplaces' simulators share on the wire.

The generic error body ``{"message", "error", "status", "cause": [{"code", "description",
"data"}]}`` (Mercado Pago's §1 and Mercado Libre's A.0 both answer in it), the exception the
shell turns into that answer wherever a route raises it, reading a JSON object body, and
sandbox seconds as ISO-8601 UTC. The shell lives in ``kitchen_app.sandbox``, which the
simulators may not import; this module is the part of it they may.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

__all__ = [
    "SandboxError",
    "bad_request",
    "count_field",
    "error_body",
    "iso",
    "json_body",
    "number_field",
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


class SandboxError(Exception):
    """Raised anywhere in a sandbox route: the shell answers ``status`` with the generic body
    (and ``headers``, e.g. ``retry-after``)."""

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


def bad_request(message: str) -> SandboxError:
    return SandboxError(400, message, "bad_request")


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    """The body as a JSON object; SandboxError 400 when it is not one (or is empty and
    ``required``)."""
    raw = await request.body()
    if not raw.strip():
        if required:
            raise bad_request("request body must be a JSON object")
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise bad_request("request body must be a JSON object")
    return body


def number_field(
    body: dict[str, Any], key: str, *, low: float, default: float | None = None
) -> float:
    """A finite number of at least ``low`` (a bool is no number); else SandboxError 400."""
    value = body.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < low
    ):
        raise bad_request(f"{key} must be a number of at least {low:g}")
    return float(value)


def count_field(body: dict[str, Any], key: str, default: int) -> int:
    """A whole number of at least 1 (``default`` when absent); else SandboxError 400."""
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise bad_request(f"{key} must be a whole number of at least 1")
    return value


def iso(ts: float, millis: bool = True) -> str:
    """Sandbox seconds since the epoch as ISO-8601 UTC with ``Z``."""
    dt = datetime.fromtimestamp(ts, UTC)
    if millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
