"""Mercado Libre (orders, carts, ME1 shipments) as a desk channel (api notes Part A)."""
