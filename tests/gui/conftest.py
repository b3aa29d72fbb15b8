"""GUI tests: offscreen Qt; any Qt warning fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent

# The test machines have no sound server; Qt Multimedia says so once per effect. The desk
# shows its own warning for this (AlertPlayer.available), tested on purpose.
_NO_AUDIO_DEVICE = (
    r"^PulseAudioService: pa_context_connect\(\) failed",
    r"^QSoundEffect: playback of this format is not supported",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*_NO_AUDIO_DEVICE))
