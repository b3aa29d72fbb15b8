"""Strict JSON for webhook bodies: what the relay stores must be standard JSON that any desk
(and SQLite) can take back, so anything else is refused here, before the body joins a
group commit (one unstorable body must never fail its neighbours' commit).

Refused: non-standard numbers (``NaN``, ``Infinity``), lone UTF-16 surrogates (``"\\ud800"``
parses in Python but cannot be encoded as UTF-8, so SQLite refuses it), nesting deeper than
``MAX_DEPTH``, duplicate keys in an object (two parsers may pick different values) and
anything that is not UTF-8 JSON at all.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["MAX_DEPTH", "NotStrictJSON", "compact", "loads_strict"]

# Marketplace notifications nest 3 or 4 levels; 64 leaves room for any genuine body.
MAX_DEPTH = 64


class NotStrictJSON(ValueError):
    """The body is not strict JSON; the message says why in one line."""


def _refuse_constant(name: str) -> Any:
    raise NotStrictJSON(f"non-standard number {name}")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):  # 1e999 overflows to infinity
        raise NotStrictJSON(f"number out of range {text[:20]}")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise NotStrictJSON(f"duplicate key {key!r}")
            seen.add(key)
    return obj


def _depth_within(value: Any, limit: int) -> bool:
    """Iterative (a deep value must not exhaust the stack here either)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def loads_strict(body: bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``body`` or raise NotStrictJSON (never anything else, whatever the bytes)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise NotStrictJSON("body is not UTF-8") from None
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
            object_pairs_hook=_no_duplicates,
        )
    except RecursionError:  # the C parser recurses per level
        raise NotStrictJSON(f"nested deeper than {max_depth} levels") from None
    except NotStrictJSON:
        raise
    except ValueError as exc:
        raise NotStrictJSON(f"body is not JSON: {exc}") from None
    # Only a body with more brackets than the limit can be that deep: the walk is skipped
    # for every ordinary notification.
    if text.count("[") + text.count("{") > max_depth and not _depth_within(data, max_depth):
        raise NotStrictJSON(f"nested deeper than {max_depth} levels")
    return data


def compact(data: Any) -> str:
    """Compact JSON text of a value from ``loads_strict``, checked to be storable as UTF-8
    (raises NotStrictJSON on a lone surrogate anywhere, keys included)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise NotStrictJSON("string with a lone surrogate (not valid Unicode)") from None
    return text
