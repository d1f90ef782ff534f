"""Code lists the notice model checks against, from the eForms SDK 1.16 (``codelists/``).

Kept small and literal; ``tests/lib/eforms/test_codes.py`` compares them with
the SDK's genericode files so a new SDK release shows every difference.

* ``NORWEGIAN_NUTS3`` - ``nuts_nuts-nor-lvl3.gc``: NUTS level 3 regions of
  Norway (BT-507 place of performance and organisation address).
"""

#: NUTS 3 code -> region name
NORWEGIAN_NUTS3: dict[str, str] = {
    "NO020": "Innlandet",
    "NO060": "Trøndelag/Trööndelage",
    "NO071": "Nordland/Nordlánnda",
    "NO072": "Troms/Romsa/Tromssa",
    "NO073": "Finnmark/Finnmárku/Finmarkku",
    "NO081": "Oslo",
    "NO083": "Østfold",
    "NO084": "Akershus",
    "NO085": "Buskerud",
    "NO092": "Agder",
    "NO093": "Vestfold",
    "NO094": "Telemark",
    "NO0A1": "Rogaland",
    "NO0A2": "Vestland",
    "NO0A3": "Møre og Romsdal",
    "NO0B1": "Jan Mayen",
    "NO0B2": "Svalbard",
    "NOZZZ": "Extra-Regio NUTS 3",
}
