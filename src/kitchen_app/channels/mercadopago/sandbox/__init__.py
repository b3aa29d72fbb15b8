"""Mercado Pago Delivery's simulator part (routes and world). This round it still lives in
``kitchen_app.sandbox``; the sandbox shell will mount it from here."""
