def test_wrapping_ends_even_with_no_room() -> None:
    from kitchen_app.printing.layout import wrap

    lines = wrap("ab cd", -5, len)
    assert "".join(lines).replace(" ", "") == "abcd"
    assert all(lines)
