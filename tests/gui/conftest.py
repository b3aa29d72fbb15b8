"""GUI tests: offscreen Qt; any Qt warning fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent

_IGNORED = (
    # The offscreen platform (tests only) cannot resize native windows to their hints.
    r"^This plugin does not support propagateSizeHints",
    r"^This plugin does not support raise\(\)",
    # The test machines have no sound server; Qt Multimedia says so once per effect. The desk
    # shows its own warning for this (AlertPlayer.available), tested on purpose.
    r"^PulseAudioService: pa_context_connect\(\) failed",
    r"^QSoundEffect: playback of this format is not supported",
)


@pytest.fixture(autouse=True)
def _plugin_words() -> None:
    """The marketplaces' words, as the desk's composition root hands them to the window."""
    from kitchen_app.app.plugins import registry
    from kitchen_app.ui import labels

    labels.use_plugins(registry())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*_IGNORED))
