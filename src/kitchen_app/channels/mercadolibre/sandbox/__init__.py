"""The simulated Mercado Libre: its world, JSON shapes, routes and notifications."""
