"""The account ids `relay add-store` takes (DESIGN §5: ``--mp-user-id``, ``--ml-seller-id``,
``--shopee-shop-id``, a fixed command line), by the channel each one routes. Everything else
the relay knows of a marketplace comes from its plug-in's ``Notify``, handed in by app/."""

from __future__ import annotations

from typing import Final

__all__ = ["ACCOUNT_LABELS", "ACCOUNT_OPTIONS"]

# channel -> the add-store option naming its account
ACCOUNT_OPTIONS: Final[dict[str, str]] = {
    "mp_delivery": "--mp-user-id",
    "mercadolibre": "--ml-seller-id",
    "shopee": "--shopee-shop-id",
}

# channel -> the account id's name in add-store's errors
ACCOUNT_LABELS: Final[dict[str, str]] = {
    "mp_delivery": "Mercado Pago user id",
    "mercadolibre": "Mercado Libre seller id",
    "shopee": "Shopee shop id",
}
