"""GUI tests: offscreen Qt; any Qt warning fails the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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


class Clock:
    """The window's clock, set by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def desk(qtbot: Any) -> Iterator[tuple[Any, Any, Any, Clock, Callable[[], Any]]]:
    """(reader, commands, bridge, clock, make): fakes behind the real window; ``make()``
    builds a window on them, shut down after the test. A module may define its own ``desk``."""
    from kitchen_app.ui.bridge import EngineBridge
    from kitchen_app.ui.main_window import MainWindow

    from .fakes import T0, FakeCommands, FakeReader

    reader = FakeReader()
    commands = FakeCommands(reader=reader)
    bridge = EngineBridge()
    clock = Clock(T0 + timedelta(seconds=30))
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(commands, reader, bridge, alert=None, tz=UTC, now=clock, tray=False)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield reader, commands, bridge, clock, make
    for window in windows:
        window.shutdown()
