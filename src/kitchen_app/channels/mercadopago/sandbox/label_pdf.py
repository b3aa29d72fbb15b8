"""The order coupon `print_label_pdf` returns: a small real PDF, with the Flex QR.

Rendered only when asked for (never on order creation) so creating orders stays cheap.
The QR text is the compact JSON of ``extension.qr`` in the order id, sender_id, hash_code,
security_digit (api notes §2.3 assumption).
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import qrcode
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

__all__ = ["qr_text", "render_label"]

log = logging.getLogger(__name__)

_WIDTH = 80 * mm


def qr_text(qr: dict[str, Any]) -> str:
    keys = ("id", "sender_id", "hash_code", "security_digit")
    return json.dumps({k: qr[k] for k in keys}, separators=(",", ":"), ensure_ascii=False)


def _money(m: dict[str, Any]) -> str:
    return f"$ {m['value']:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def render_label(order: dict[str, Any]) -> bytes:
    lines: list[tuple[str, float, str]] = []  # (font, size, text)
    lines.append(("Helvetica-Bold", 11, order["merchant"]["name"]))
    lines.append(("Helvetica-Bold", 16, f"Pedido #{order['displayId']}"))
    lines.append(("Helvetica", 8, f"Envío {order['id']} · {order['type']}"))
    lines.append(("Helvetica", 8, order["createdAt"]))
    lines.append(("Helvetica", 8, ""))
    for item in order["items"]:
        lines.append(("Helvetica-Bold", 9, f"{item['quantity']} x {item['name']}"))
        for opt in item["options"]:
            lines.append(("Helvetica", 8, f"   + {opt['quantity']} {opt['name']}"))
        if item.get("specialInstructions"):
            lines.append(("Helvetica-Oblique", 8, f"   Nota: {item['specialInstructions']}"))
    lines.append(("Helvetica", 8, ""))
    lines.append(("Helvetica-Bold", 10, f"Total {_money(order['total']['orderAmount'])}"))
    customer = order["customer"]
    lines.append(("Helvetica", 8, f"Cliente: {customer['name']} · {customer['phone']['number']}"))
    address = order["delivery"].get("deliveryAddress")
    if address:
        lines.append(("Helvetica", 8, f"{address['formattedAddress']} {address['complement']}"))
        if address.get("reference"):
            lines.append(("Helvetica", 7, address["reference"]))

    # Wrap what does not fit the paper's width.
    usable = _WIDTH - 8 * mm
    lines = [
        (font, size, part)
        for font, size, text in lines
        for part in (simpleSplit(text, font, size, usable) or [""])
    ]
    qr = order["extension"].get("qr")
    qr_size = 50 * mm if qr else 0
    height = 12 * mm + sum(size * 1.35 for _, size, _ in lines) + qr_size
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_WIDTH, height))
    pdf.setTitle(f"Pedido {order['displayId']}")
    y = height - 8 * mm
    for font, size, text in lines:
        pdf.setFont(font, size)
        pdf.drawString(4 * mm, y, text)
        y -= size * 1.35
    if qr:
        image = qrcode.make(qr_text(qr), box_size=6, border=2).get_image()
        pdf.drawImage(ImageReader(image), (_WIDTH - 46 * mm) / 2, 4 * mm, 46 * mm, 46 * mm)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
