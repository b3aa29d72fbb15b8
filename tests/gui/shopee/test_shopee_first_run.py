"""First run with Shopee registered: a store that sells only on Shopee, or only on Mercado
Pago, connects with its own marketplace's token; none at all keeps Connect disabled."""

from __future__ import annotations

from kitchen_app.ui.first_run import FirstRunDialog


def test_one_marketplaces_token_is_enough_to_connect(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.connect_.setChecked(True)
    assert "shopee.access_token" in dialog.edits and "shopee.partner_key" in dialog.edits
    dialog.edits["relay_url"].setText("https://relay.example.com")
    dialog.edits["relay_token"].setText("tok")
    assert not dialog.ok.isEnabled()  # no marketplace at all
    dialog.edits["shopee.access_token"].setText("shopee-token")
    assert dialog.ok.isEnabled()
    assert dialog.values()["shopee.access_token"] == "shopee-token"
    dialog.edits["shopee.access_token"].setText("")
    assert not dialog.ok.isEnabled()
