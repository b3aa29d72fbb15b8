"""The desk window: PySide6 widgets, models, dialogs and the alert player.

The UI imports the rest of the desk, never the reverse. Services (engine commands, the store
reader, the bridge, the alert player) come in through constructors.
"""
