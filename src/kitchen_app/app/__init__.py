"""The composition root: the only place that knows which plug-ins exist (``plugins.py``) and
builds the whole graph for the desk, the demo, the headless runner and the command line."""
