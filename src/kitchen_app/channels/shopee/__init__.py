"""Shopee Open Platform v2: client, mapping, flows, push, sandbox (api notes Part B)."""
