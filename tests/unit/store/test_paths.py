"""Where the desk keeps its files; the demo never shares the real desk's database."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitchen_app.app.paths import default_data_dir, demo_data_dir, desk_db_path


def test_data_dirs_follow_the_platform_and_keep_the_demo_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    real = default_data_dir()
    demo = demo_data_dir()
    assert real == tmp_path / "kitchen-desk"
    assert demo != real and demo.name == "demo"
    assert desk_db_path(demo) != desk_db_path(real)
    assert desk_db_path(real) == real / "desk.db"
    assert not real.exists()  # asking for a path creates nothing
