"""A frozen build starts its chime process as the desk's own executable with a hidden switch
(ui/alert.py): the command line must hand that to the sound worker, not to argparse."""

from __future__ import annotations

import sys

import pytest

from kitchen_app import cli
from kitchen_app.ui import alert
from kitchen_app.ui.sound_worker import SOUND_WORKER_SWITCH


def test_the_switch_runs_the_sound_worker(capsys: pytest.CaptureFixture[str]) -> None:
    # Without a WAV the worker answers its own usage line on stdout (its protocol), exit 2.
    assert cli.main([SOUND_WORKER_SWITCH]) == 2
    assert capsys.readouterr().out.startswith("error usage: sound_worker")


def test_worker_command_depends_on_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert alert._worker_command() == ["-m", "kitchen_app.ui.sound_worker"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert alert._worker_command() == [SOUND_WORKER_SWITCH]
