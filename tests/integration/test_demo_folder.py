"""The demo never takes over a real desk's folder, and speaks the language saved for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitchen_app.app import demo
from kitchen_app.app.desk import mp_setting, saved_settings
from kitchen_app.app.paths import desk_db_path
from kitchen_app.store import DeskStore


def _desk(folder: Path, **settings: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    store = DeskStore.open(desk_db_path(folder))
    try:
        for key, value in settings.items():
            store.set_setting(key, value)
    finally:
        store.close()
    return folder


def test_a_real_desks_folder_gets_a_demo_subfolder(tmp_path: Path) -> None:
    real = _desk(tmp_path / "real", relay_url="https://relay.example.com", demo_mode=False)
    assert demo.demo_folder(real) == real / "demo"
    # …so the demo's connection never lands in the real desk's database.
    saved = saved_settings(desk_db_path(real), ("relay_url", mp_setting("access_token")))
    assert saved["relay_url"] == "https://relay.example.com"


def test_an_empty_or_demo_folder_is_used_as_asked(tmp_path: Path) -> None:
    assert demo.demo_folder(tmp_path / "new") == tmp_path / "new"
    old_demo = _desk(tmp_path / "old-demo", demo_mode=True, relay_url="http://127.0.0.1:1")
    assert demo.demo_folder(old_demo) == old_demo


def test_demo_language_is_the_saved_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = _desk(tmp_path / "real", language="pt_BR")
    monkeypatch.setattr(demo, "default_data_dir", lambda: real)
    folder = _desk(tmp_path / "demo")
    assert demo.demo_language(folder) == "pt_BR"  # the real desk's choice
    _desk(folder, language="es")
    assert demo.demo_language(folder) == "es"  # the demo's own choice wins
    monkeypatch.setattr(demo, "default_data_dir", lambda: tmp_path / "nothing")
    assert demo.demo_language(tmp_path / "empty") is None  # the system's


def test_demo_settings_use_the_declared_setting_names(tmp_path: Path) -> None:
    from kitchen_app.engine.settings import SETTINGS, validate

    services = demo.DemoServices("http://127.0.0.1:1", "http://127.0.0.1:2", "token")
    settings = services.desk_settings(tmp_path)
    for key, value in settings.items():
        assert key in SETTINGS
        validate(key, value)
