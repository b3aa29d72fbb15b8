"""Mercado Pago's webhook signature (`x-signature: ts=…,v1=…`), api notes §6.4.

Pure functions shared by the sandbox (which signs) and the relay (which verifies). The
manifest is ``id:<data.id>;request-id:<x-request-id>;ts:<ts>;`` with every part whose value
is missing left out, trailing semicolon included; ``v1`` is its HMAC-SHA256 in hex.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable

__all__ = [
    "ID_LESS",
    "SignatureError",
    "format_header",
    "manifest",
    "matching_id",
    "parse_header",
    "sign",
    "verify",
]

log = logging.getLogger(__name__)


class SignatureError(ValueError):
    """An `x-signature` header that cannot be read."""


def manifest(request_id: str | None, ts: str, data_id: str | None = None) -> str:
    parts: list[str] = []
    if data_id:
        parts.append(f"id:{data_id};")
    if request_id:
        parts.append(f"request-id:{request_id};")
    if ts:
        parts.append(f"ts:{ts};")
    return "".join(parts)


def sign(secret: str, request_id: str | None, ts: str, data_id: str | None = None) -> str:
    """The hex ``v1`` value for these parts."""
    message = manifest(request_id, ts, data_id).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def format_header(ts: str, v1: str) -> str:
    return f"ts={ts},v1={v1}"


def parse_header(value: str) -> tuple[str, str]:
    """``(ts, v1)`` from an `x-signature` value; raises SignatureError when either is missing."""
    found: dict[str, str] = {}
    for part in value.split(","):
        key, sep, val = part.partition("=")
        if sep:
            found[key.strip()] = val.strip()
    ts, v1 = found.get("ts"), found.get("v1")
    if not ts or not v1:
        raise SignatureError("x-signature needs both ts and v1")
    return ts, v1


def verify(secret: str, header: str, request_id: str | None, data_id: str | None = None) -> bool:
    """True when ``header`` carries the right ``v1`` for these parts (constant-time compare)."""
    try:
        ts, v1 = parse_header(header)
    except SignatureError:
        return False
    expected = sign(secret, request_id, ts, data_id)
    # bytes: compare_digest refuses non-ASCII str, and a header may carry any latin-1 text
    return hmac.compare_digest(expected.encode(), v1.lower().encode("utf-8", "replace"))


ID_LESS = ""  # what ``matching_id`` answers when the manifest without ``id:`` matched


def matching_id(
    secret: str, header: str, request_id: str | None, candidates: Iterable[str | None]
) -> str | None:
    """Which ``data.id`` the signature was made with, trying each candidate in turn.

    api notes §6.4: a ``delivery`` notification has no ``data.id`` in its query string, so the
    receiver tries the id-less manifest first, then one with the shipment id, and records which
    matched. A candidate of None or ``""`` is the id-less manifest (answered as ``ID_LESS``).
    None when no candidate matches (or the header cannot be read).
    """
    for candidate in candidates:
        if verify(secret, header, request_id, candidate or None):
            return candidate or ID_LESS
    return None
