"""One HTTP call to a marketplace with bounded retries, and HTTP answers turned into the
typed errors of ``channels.errors``. Shared by every channel client.

Retry rules (why they differ by call):

* A *safe* call (a read) is retried on anything retryable: transport failures, timeouts,
  and the answers that mean "try again" (424, 429, 5xx).
* An *unsafe* call (a PUT/POST that changes an order: accept, cancel, print_label_pdf, ready)
  is retried only when the marketplace surely did not act: the connection was never made
  (connect error/timeout, no free connection in the pool) or it answered that it did not
  (424/429/5xx). A read timeout or a dropped connection after the request was sent leaves
  the outcome unknown: retrying could double the action, so ``OutcomeUnknown`` is raised at
  once and the caller re-reads the order to learn whether it took effect.

Nothing here logs headers: they carry the bearer token.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from .errors import (
    AuthError,
    ChannelError,
    DependencyError,
    NotFound,
    RateLimited,
    StateConflict,
    TransientError,
)

__all__ = [
    "ErrorMapper",
    "OutcomeUnknown",
    "RetryPolicy",
    "RetryingHttp",
    "Sleep",
    "error_for_response",
    "parse_retry_after",
]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
ErrorMapper = Callable[[httpx.Response], ChannelError]

# Transport failures where the request never left this machine: safe to repeat any call.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_MAX_MESSAGE = 200


class OutcomeUnknown(TransientError):
    """An order-changing call was sent but no answer came (read timeout, dropped connection).

    The marketplace may or may not have acted: re-read the order before trying again. It is
    ``retryable`` in the engine's sense (the action may be tried again later), but this
    module never repeats it by itself.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, code="outcome_unknown")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded exponential backoff: ``backoff_s * 2**attempt`` capped at ``max_backoff_s``.

    ``max_retries`` counts retries, so a call is tried at most ``max_retries + 1`` times.
    A ``Retry-After`` longer than ``max_retry_after_s`` is not waited out here: the
    ``RateLimited`` error is raised at once carrying it, for the caller to schedule.
    """

    max_retries: int = 3
    backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    max_retry_after_s: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if self.backoff_s < 0 or self.max_backoff_s < 0:
            raise ValueError("backoff must not be negative")

    def delay(self, attempt: int) -> float:
        """The wait before retry number ``attempt`` (0-based)."""
        return float(min(self.max_backoff_s, self.backoff_s * (2**attempt)))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None if unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is not a delay
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def _error_text(response: httpx.Response) -> tuple[str | None, str | None]:
    """(message, error key) from Mercado Pago's generic error JSON, when the body is one."""
    try:
        body = response.json()
    except ValueError:
        return None, None
    if not isinstance(body, dict):
        return None, None
    message = body.get("message")
    key = body.get("error", body.get("errorKey"))
    return (
        " ".join(message.split())[:_MAX_MESSAGE]
        if isinstance(message, str) and message.strip()
        else None,
        key if isinstance(key, str) and key else None,
    )


def error_for_response(response: httpx.Response) -> ChannelError:
    """The typed error for a non-2xx answer. Keyed off the status; the body only adds text.

    400 and 409 are state conflicts (Mercado Pago answers 400 where others use 409).
    """
    status = response.status_code
    message, key = _error_text(response)
    what = f"{response.request.method} {response.request.url.path}"
    text = f"{what}: HTTP {status}" + (f": {message}" if message else "")
    if status in (400, 409):
        return StateConflict(text, status=status, code=key)
    if status in (401, 403):
        return AuthError(text, status=status, code=key)
    if status == 404:
        return NotFound(text, status=status, code=key)
    if status == 424:
        return DependencyError(text, status=status, code=key)
    if status == 429:
        err = RateLimited(text, retry_after=parse_retry_after(response.headers.get("Retry-After")))
        err.code = key
        return err
    if status >= 500:
        return TransientError(text, status=status, code=key)
    return ChannelError(text, status=status, code=key)


async def _asyncio_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


class RetryingHttp:
    """Sends requests through an ``httpx.AsyncClient`` with the retry rules above.

    ``http`` may be shared; it is closed by ``aclose()`` only when this object created it.
    """

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str],
        http: httpx.AsyncClient | None = None,
        policy: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        error_mapper: ErrorMapper = error_for_response,
        timeout: httpx.Timeout | None = None,
    ) -> None:
        base = base_url.strip().rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://: {base_url!r}")
        self.base_url = base
        self._headers = dict(headers)
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout or httpx.Timeout(15.0, connect=5.0))
        self.policy = policy or RetryPolicy()
        self._sleep = sleep or _asyncio_sleep
        self._error_mapper = error_mapper

    def __repr__(self) -> str:  # never the headers: they hold the token
        return f"RetryingHttp({self.base_url!r})"

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        safe: bool,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send and return the 2xx answer, or raise the typed error after the allowed retries.

        ``safe`` says whether repeating the call can never double an effect (reads).
        """
        url = self.base_url + path
        all_headers = {**self._headers, **(headers or {})}
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = await self._http.request(method, url, json=json, headers=all_headers)
            except httpx.TransportError as exc:
                error = self._transport_error(method, path, exc, safe=safe)
                retry_after = None
            else:
                elapsed_ms = (time.monotonic() - started) * 1000
                log.debug("%s %s -> %s in %.0f ms", method, path, response.status_code, elapsed_ms)
                if response.is_success:
                    return response
                error = self._error_mapper(response)
                retry_after = error.retry_after if isinstance(error, RateLimited) else None
            if (
                not error.retryable
                or isinstance(error, OutcomeUnknown)
                or attempt >= self.policy.max_retries
            ):
                raise error
            if retry_after is not None and retry_after > self.policy.max_retry_after_s:
                raise error  # too long to hold a staff action: the caller schedules it
            delay = max(self.policy.delay(attempt), retry_after or 0.0)
            attempt += 1
            log.warning(
                "%s %s failed (%s); retry %d of %d in %.2f s",
                method,
                path,
                error.message,
                attempt,
                self.policy.max_retries,
                delay,
            )
            await self._sleep(delay)

    def _transport_error(
        self, method: str, path: str, exc: httpx.TransportError, *, safe: bool
    ) -> ChannelError:
        kind = type(exc).__name__
        if isinstance(exc, httpx.UnsupportedProtocol):
            return ChannelError(f"{method} {path}: bad marketplace URL: {exc}")
        if isinstance(exc, _NOT_SENT) or safe:
            return TransientError(f"{method} {path}: {kind}: could not reach the marketplace")
        return OutcomeUnknown(
            f"{method} {path}: {kind}: no answer; the order may have changed, re-read it"
        )
