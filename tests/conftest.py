"""Shared fixtures. Qt runs offscreen; each test owns and stops what it starts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

from kitchen_app.app.plugins import registry

# Every root builds the registry before it reads a setting, which declares the plug-ins'
# settings beside the desk's own; tests that read settings directly get the same.
registry()
