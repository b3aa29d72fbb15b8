"""`kitchen-app` with no command: the desk, or on the first run a dialog that offers the demo
or a connection to the relay. Its own module, so that the desk and the demo do not import each
other (the demo opens the desk; this offers both)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kitchen_app.app.demo import demo_in_app
from kitchen_app.app.desk import mp_setting, open_desk, saved_settings
from kitchen_app.app.paths import default_data_dir, desk_db_path, keep_printer_capabilities_cached

__all__ = ["run_desk"]


def run_desk(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QDialog

    from kitchen_app.app.logs import log_to_file
    from kitchen_app.ui.app import create_app
    from kitchen_app.ui.first_run import FirstRunDialog

    data_dir: Path = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_to_file(data_dir)
    keep_printer_capabilities_cached()
    db = desk_db_path(data_dir)
    token = mp_setting("access_token")
    saved = saved_settings(db, ("language", "relay_url", token))
    app = create_app(sys.argv[:1], language=saved["language"] or None)
    initial: dict[str, Any] = {}
    if not saved["relay_url"] and not saved[token]:
        dialog = FirstRunDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        if dialog.choice() == "demo":
            # The demo keeps its own folder inside this desk's, never this desk's settings:
            # the desk still offers to connect on its next start.
            return demo_in_app(app, args, data_dir=data_dir / "demo")
        initial = dialog.values()
    return open_desk(app, data_dir, initial, demo=False)
