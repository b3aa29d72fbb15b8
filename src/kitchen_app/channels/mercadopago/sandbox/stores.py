"""Stores (sucursales) of the sandbox's merchants and their §9 JSON."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

__all__ = ["STORE_STATUSES", "Store", "default_store"]

log = logging.getLogger(__name__)

STORE_STATUSES = ("enabled", "paused", "disabled")


@dataclass(slots=True)
class Store:
    user_id: int  # the merchant's MP user id (what webhooks carry as user_id)
    store_id: int  # MP's internal store id
    name: str
    external_code: str
    tokens: set[str] = field(repr=False)
    sender_id: int = 1068595961  # Flex sender (the merchant's shipping account)
    brand_id: int | None = None
    brand_name: str | None = None
    status: str = "enabled"
    consecutive_expired: int = 0
    address_line: str = "Av. Corrientes 4520"
    reference: str = "Almagro, frente a la plaza"
    latitude: float = -34.6037
    longitude: float = -58.4205

    def extension_json(self) -> dict[str, Any]:
        """``extension.store`` of an order (ids as strings there)."""
        out: dict[str, Any] = {"id": str(self.store_id), "externalCode": self.external_code}
        if self.brand_id is not None:
            out["brandId"] = self.brand_id
            out["brandName"] = self.brand_name
        return out

    def api_json(self) -> dict[str, Any]:
        """The store as the §9 store endpoints return it."""
        hours = [{"open": "11:00", "close": "23:30"}]
        return {
            "id": self.store_id,
            "user_id": self.user_id,
            "description": self.name,
            "status": self.status,
            "business_hours": {
                day: hours
                for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
            }
            | {"sunday": hours},
            "location": {
                "address_line": self.address_line,
                "reference": self.reference,
                "latitude": self.latitude,
                "longitude": self.longitude,
            },
            "external_id": self.external_code,
        }

    def control_json(self) -> dict[str, Any]:
        return self.api_json() | {
            "consecutive_expired": self.consecutive_expired,
            "sender_id": self.sender_id,
        }


def default_store(token: str) -> Store:
    return Store(
        user_id=1070421029,
        store_id=44905357,
        name="La Parrilla de Doña Rosa",
        external_code="UNID01",
        tokens={token},
        brand_id=2641,
        brand_name="Doña Rosa",
    )
