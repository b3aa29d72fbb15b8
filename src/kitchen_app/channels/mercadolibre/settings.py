"""Mercado Libre's settings, stored as ``mercadolibre.<name>`` (DESIGN §5).

The access token comes from the relay (token custody) or from ``access_token``; the desk
never stores the application secret (#12.6). ``me1_api`` picks the ME1 notification API:
``v1`` (seed 001, the sandbox) or ``v2`` (A.4: V1 was to be discontinued on 31/10/2026).
"""

from __future__ import annotations

from collections.abc import Mapping

from kitchen_app.channels.custody import CREDENTIALS_SETTING
from kitchen_app.domain.settings import Choice, SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["LEGACY_SETTINGS", "SETTINGS"]

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "base_url",
        SettingKind.URL,
        "https://api.mercadolibre.com",
        QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre API address"),
        QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre API"),
    ),
    SettingSpec(
        "access_token",
        SettingKind.SECRET,
        "",
        QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre access token"),
        QT_TRANSLATE_NOOP(
            "mercadolibre",
            "Lasts 6 hours; leave empty when the relay hands out the store's token",
        ),
    ),
    SettingSpec(
        "user_id",
        SettingKind.TEXT,
        "",
        QT_TRANSLATE_NOOP("mercadolibre", "Mercado Libre seller id"),
        QT_TRANSLATE_NOOP("mercadolibre", "The seller's user id (lists its recent orders)"),
        required=True,
        custody=True,  # a store linked at the relay is the linked account's seller
    ),
    SettingSpec(
        "me1_api",
        SettingKind.CHOICE,
        "v1",
        QT_TRANSLATE_NOOP("mercadolibre", "ME1 shipment updates"),
        QT_TRANSLATE_NOOP("mercadolibre", "Which Mercado Libre API reports ME1 shipments"),
        choices=(Choice("v1", "V1"), Choice("v2", "V2")),
    ),
    CREDENTIALS_SETTING,
)

LEGACY_SETTINGS: Mapping[str, str] = {}
