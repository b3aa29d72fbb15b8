"""The old name of ``channels/mercadopago/mapping.py``
(kept while callers move): the same module object, so every name, private ones included,
and monkeypatching keep working."""

import sys

from kitchen_app.channels.mercadopago import mapping as _moved

sys.modules[__name__] = _moved
