"""Marketplace clients: one module per marketplace behind the ChannelClient protocol."""
