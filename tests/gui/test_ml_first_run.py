"""First run with Mercado Libre among the plug-ins: connecting needs the relay and at least
one marketplace's token; a marketplace left empty is simply off (DESIGN §5)."""

from __future__ import annotations

from kitchen_app.ui.first_run import FirstRunDialog


def test_one_marketplace_token_is_enough_and_none_is_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.connect_.setChecked(True)
    dialog.edits["relay_url"].setText("https://relay.example.com")
    dialog.edits["relay_token"].setText("tok")
    assert "mercadolibre.access_token" in dialog.edits
    assert not dialog.ok.isEnabled()  # no marketplace at all
    dialog.edits["mercadolibre.access_token"].setText("APP_USR-ml")
    assert dialog.ok.isEnabled()
    assert dialog.values()["mercadolibre.access_token"] == "APP_USR-ml"
