"""Mercado Pago Delivery's settings, stored as ``mp_delivery.<name>`` (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Mapping

from kitchen_app.channels.custody import CREDENTIALS_SETTING
from kitchen_app.domain.settings import SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["LEGACY_SETTINGS", "SETTINGS"]

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "base_url",
        SettingKind.URL,
        "https://api.mercadopago.com",
        QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago API address"),
        QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago API"),
    ),
    SettingSpec(
        "access_token",
        SettingKind.SECRET,
        "",
        QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago access token"),
        QT_TRANSLATE_NOOP("mp_delivery", "The store's Mercado Pago token"),
        # Without a token Mercado Pago is off (DESIGN §5), so a store that sells only on
        # Mercado Libre or Shopee is not told its Mercado Pago API is failing. A store
        # linked at the relay needs none here.
        required=True,
        custody=True,
    ),
    SettingSpec(
        "user_id",
        SettingKind.TEXT,
        "",
        QT_TRANSLATE_NOOP("mp_delivery", "Mercado Pago user id"),
        QT_TRANSLATE_NOOP("mp_delivery", "The store's Mercado Pago user id (finds its stores)"),
    ),
    CREDENTIALS_SETTING,
)

# The flat names of the first releases -> the names under the prefix. Saved values are
# carried over once at start, where the new name is absent.
LEGACY_SETTINGS: Mapping[str, str] = {
    "mp_base_url": "base_url",
    "mp_access_token": "access_token",
    "mp_user_id": "user_id",
}
