"""Small readers every plug-in's client and mapping share: an answer's JSON body, and an id
or label that a marketplace may send as a string or a number (DESIGN §3: the shared helpers
live beside the protocol, not copied into each plug-in)."""

from __future__ import annotations

from typing import Any

import httpx

from kitchen_app.channels.errors import BadResponse

__all__ = ["json_body", "text_or_none"]


def json_body(response: httpx.Response, what: str) -> Any:
    """The answer's JSON; BadResponse naming ``what`` when it is not JSON."""
    try:
        return response.json()
    except ValueError as exc:
        raise BadResponse(f"{what}: answer is not JSON") from exc


def text_or_none(value: object) -> str | None:
    """An identifier or label: strings kept (stripped, empty → None), whole numbers as text,
    anything else (booleans, null, objects) → None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None
