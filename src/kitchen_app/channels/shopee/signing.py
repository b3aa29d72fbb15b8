"""Shopee Open Platform v2 signatures (api notes B.1, B.4). Pure functions, no I/O.

* A Shop API call: ``sign`` = lowercase hex HMAC-SHA256(partner_key,
  ``partner_id + api_path + timestamp + access_token + shop_id``).
* A public API call (tokens, push config): ``partner_id + api_path + timestamp``.
* A push: header ``Authorization`` = hex HMAC-SHA256(partner_key, ``callback_url + "|" + body``)
  over the exact URL Shopee called and the raw body bytes.

The timestamp is unix seconds and Shopee accepts it for five minutes.
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = [
    "TIMESTAMP_VALID_S",
    "hmac_hex",
    "public_base_string",
    "push_signature",
    "shop_base_string",
]

TIMESTAMP_VALID_S = 300  # a signed timestamp is valid five minutes (B.1)


def hmac_hex(partner_key: str, message: str | bytes) -> str:
    data = message.encode() if isinstance(message, str) else message
    return hmac.new(partner_key.encode(), data, hashlib.sha256).hexdigest()


def shop_base_string(
    partner_id: int, api_path: str, timestamp: int, access_token: str, shop_id: int
) -> str:
    return f"{partner_id}{api_path}{timestamp}{access_token}{shop_id}"


def public_base_string(partner_id: int, api_path: str, timestamp: int) -> str:
    return f"{partner_id}{api_path}{timestamp}"


def push_signature(partner_key: str, callback_url: str, body: bytes) -> str:
    return hmac_hex(partner_key, callback_url.encode() + b"|" + body)
