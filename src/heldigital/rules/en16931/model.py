"""EN 16931 model rules (UBL binding): ``BR-*``, ``BR-CO-*``, ``BR-DEC-*`` and the VAT categories.

The rules live in sibling modules, one per rule group; importing this
module registers all of them in :data:`heldigital.rules.en16931.REGISTRY`:

* :mod:`.model_core` - ``BR-01`` ... ``BR-65`` (EN 16931-1 clause 6.4.2);
* :mod:`.model_co` - ``BR-CO-*`` conditions and calculations;
* :mod:`.model_dec` - ``BR-DEC-*`` decimals;
* :mod:`.model_vat` - VAT categories ``BR-S/Z/E/AE/IC/G/O/AF/AG/B-*``;
* :mod:`.model_base` - the shared index and XPath 2.0 value semantics.
"""

from __future__ import annotations

from heldigital.rules.en16931 import model_co, model_core, model_dec, model_vat

__all__ = ["model_co", "model_core", "model_dec", "model_vat"]
