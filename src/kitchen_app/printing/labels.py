"""Ticket words in Spanish, Portuguese and English.

A small table rather than Qt translations: tickets render without Qt (CLI, engine thread).
Unknown API codes (a new fee or payment type) print as the code itself, never fail. The
marketplaces' names and logistics words come from the plug-ins (``use_ticket_words``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from .formats import rules_for

__all__ = [
    "label",
    "label_for_code",
    "label_for_word",
    "system_language",
    "system_ticket_locale",
    "use_ticket_words",
]

log = logging.getLogger(__name__)

_LABELS: dict[str, dict[str, str]] = {
    "kitchen": {"es": "COCINA", "pt": "COZINHA", "en": "KITCHEN"},
    "receipt": {"es": "COMPROBANTE", "pt": "COMPROVANTE", "en": "RECEIPT"},
    "reprint": {"es": "REIMPRESIÓN", "pt": "REIMPRESSÃO", "en": "REPRINT"},
    "order": {"es": "Pedido", "pt": "Pedido", "en": "Order"},
    "note": {"es": "NOTA", "pt": "OBS", "en": "NOTE"},
    "order_note": {"es": "NOTA DEL PEDIDO", "pt": "OBS DO PEDIDO", "en": "ORDER NOTE"},
    "items_count": {"es": "Artículos", "pt": "Itens", "en": "Items"},
    "subtotal": {"es": "Subtotal", "pt": "Subtotal", "en": "Subtotal"},
    "discount": {"es": "Descuento", "pt": "Desconto", "en": "Discount"},
    "total": {"es": "TOTAL", "pt": "TOTAL", "en": "TOTAL"},
    "payment": {"es": "Pago", "pt": "Pagamento", "en": "Payment"},
    "prepaid": {"es": "pagado", "pt": "pago", "en": "paid"},
    "to_collect": {"es": "A COBRAR", "pt": "A RECEBER", "en": "TO COLLECT"},
    "customer": {"es": "Cliente", "pt": "Cliente", "en": "Customer"},
    "phone": {"es": "Tel.", "pt": "Tel.", "en": "Phone"},
    "document": {"es": "Doc.", "pt": "Doc.", "en": "ID"},
    "address": {"es": "Entrega", "pt": "Entrega", "en": "Deliver to"},
    "eta": {"es": "Entrega estimada", "pt": "Entrega prevista", "en": "Estimated delivery"},
    "pickup": {"es": "Retiro estimado", "pt": "Retirada prevista", "en": "Estimated pickup"},
    "flex_qr": {
        "es": "Repartidor: escanear con la app Flex",
        "pt": "Entregador: escanear com o app Flex",
        "en": "Courier: scan with the Flex app",
    },
    "calibration": {
        "es": "PRUEBA DE CÓDIGO DE PÁGINA",
        "pt": "TESTE DE PÁGINA DE CÓDIGO",
        "en": "CODE PAGE TEST",
    },
    "calibration_hint": {
        "es": "Elija la línea que muestra bien: ç ã õ é á ñ ü € º ª",
        "pt": "Escolha a linha que aparece certa: ç ã õ é á ñ ü € º ª",
        "en": "Pick the line that shows right: ç ã õ é á ñ ü € º ª",
    },
    "current_page": {
        "es": "Página configurada",
        "pt": "Página configurada",
        "en": "Configured page",
    },
}

_CODES: dict[str, dict[str, str]] = {
    # fee kinds
    "DELIVERY_FEE": {"es": "Envío", "pt": "Taxa de entrega", "en": "Delivery fee"},
    "SERVICE_FEE": {"es": "Servicio", "pt": "Taxa de serviço", "en": "Service fee"},
    "TIP": {"es": "Propina", "pt": "Gorjeta", "en": "Tip"},
    # payment methods
    "DIGITAL_WALLET": {"es": "Billetera digital", "pt": "Carteira digital", "en": "Digital wallet"},
    "CREDIT": {"es": "Tarjeta de crédito", "pt": "Cartão de crédito", "en": "Credit card"},
    "CREDIT_CARD": {"es": "Tarjeta de crédito", "pt": "Cartão de crédito", "en": "Credit card"},
    "DEBIT": {"es": "Tarjeta de débito", "pt": "Cartão de débito", "en": "Debit card"},
    "DEBIT_CARD": {"es": "Tarjeta de débito", "pt": "Cartão de débito", "en": "Debit card"},
    "CASH": {"es": "Efectivo", "pt": "Dinheiro", "en": "Cash"},
    "PIX": {"es": "Pix", "pt": "Pix", "en": "Pix"},
    "ACCOUNT_MONEY": {"es": "Dinero en cuenta", "pt": "Saldo em conta", "en": "Account money"},
    # discount targets
    "CART": {"es": "carrito", "pt": "carrinho", "en": "cart"},
    "ITEM": {"es": "artículo", "pt": "item", "en": "item"},
}


def label(key: str, locale: str) -> str:
    """The word for ``key`` in the locale's language (a missing key is a programming error)."""
    return _LABELS[key][rules_for(locale).language]


# The marketplaces' own words (their names, their logistics values), from the plug-ins'
# displays: the composition root hands them down once at start (``use_ticket_words``).
_WORDS: dict[str, Mapping[str, str]] = {}


def use_ticket_words(words: Mapping[str, Mapping[str, str]]) -> None:
    """The plug-ins' ticket words by code (channel id or logistics value) and language."""
    _WORDS.clear()
    _WORDS.update(words)


def label_for_word(code: str, locale: str) -> str:
    """A plug-in's channel id or logistics value in words; one without words prints as the
    code itself in capitals, never fails."""
    words = _WORDS.get(code)
    language = rules_for(locale).language
    if words is None or language not in words:
        return code.upper()
    return words[language]


def label_for_code(code: str, locale: str) -> str:
    """A marketplace code (fee kind, payment method…) in words; unknown codes print as sent."""
    words = _CODES.get(code.upper())
    if words is None:
        return code.replace("_", " ").capitalize()
    return words[rules_for(locale).language]


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The system's language as ``es``, ``es-MX``, ``pt`` or ``en``; None when it names none
    of ours (the C/POSIX locale, another language, nothing set).

    Read from the environment the way gettext does (``LANGUAGE``'s first entry, then
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), not from ``locale.getlocale()``: a command run
    without ``setlocale`` (or with the locale not installed) still says what the user chose.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").split(":")[0].strip()
        if not value:
            continue
        code = value.split(".")[0].split("@")[0].replace("-", "_").lower()
        if code in ("c", "posix"):
            return None
        if code.startswith("pt"):
            return "pt"
        if code.startswith("es"):
            return "es-MX" if code == "es_mx" else "es"
        if code.startswith("en"):
            return "en"
        return None
    return None


def system_ticket_locale(environ: Mapping[str, str] | None = None) -> str:
    """The tickets' locale from the system language; es-AR when it names none of ours (the
    product's first country)."""
    language = system_language(environ)
    return {"pt": "pt-BR", "en": "en", "es-MX": "es-MX"}.get(language or "", "es-AR")
