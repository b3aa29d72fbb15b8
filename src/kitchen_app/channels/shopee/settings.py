"""Shopee's settings, stored as ``shopee.<name>`` (DESIGN §5).

The partner key signs every call. A desk whose relay keeps the key (token custody) leaves it
empty and the relay signs; with the key pasted here the desk signs alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from kitchen_app.channels.custody import CREDENTIALS_SETTING
from kitchen_app.domain.settings import SettingKind, SettingSpec
from kitchen_app.domain.text import QT_TRANSLATE_NOOP

__all__ = ["DEFAULT_BASE_URL", "LEGACY_SETTINGS", "SETTINGS"]

DEFAULT_BASE_URL = "https://partner.shopeemobile.com"

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "base_url",
        SettingKind.URL,
        DEFAULT_BASE_URL,
        QT_TRANSLATE_NOOP("shopee", "Shopee API address"),
        QT_TRANSLATE_NOOP("shopee", "Shopee Open Platform (Brazil: openplatform.shopee.com.br)"),
    ),
    SettingSpec(
        "access_token",
        SettingKind.SECRET,
        "",
        QT_TRANSLATE_NOOP("shopee", "Shopee access token"),
        QT_TRANSLATE_NOOP("shopee", "The shop's access token (lasts 4 hours)"),
    ),
    SettingSpec(
        "partner_id",
        SettingKind.INTEGER,
        0,
        QT_TRANSLATE_NOOP("shopee", "Shopee partner id"),
        QT_TRANSLATE_NOOP("shopee", "The app's partner id on the Shopee Open Platform"),
        minimum=0,
    ),
    SettingSpec(
        "partner_key",
        SettingKind.SECRET,
        "",
        QT_TRANSLATE_NOOP("shopee", "Shopee partner key"),
        QT_TRANSLATE_NOOP("shopee", "Signs every call; leave empty when the relay keeps it"),
    ),
    # Text, not INTEGER: a required setting is "empty" only as "" (the registry's rule),
    # and an INTEGER's 0 default would switch the channel on. The plug-in reads the digits.
    SettingSpec(
        "shop_id",
        SettingKind.TEXT,
        "",
        QT_TRANSLATE_NOOP("shopee", "Shopee shop id"),
        QT_TRANSLATE_NOOP("shopee", "The shop's id (Shopee is off while it is empty)"),
        required=True,
        custody=True,  # the relay signs for the linked shop
    ),
    CREDENTIALS_SETTING,
)

LEGACY_SETTINGS: Mapping[str, str] = {}
