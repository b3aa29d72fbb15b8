"""Tickets on paper: one layout model (layout.py) built from a domain Order (tickets.py),
rendered as text, ESC/POS or PDF, sent to printer targets by a journaled print queue.

Importing this package loads no renderer or printer library; import the submodules.
"""
