"""Code lists the notice model checks against, from the eForms SDK 1.16 (``codelists/``).

Kept small and literal; ``tests/lib/eforms/test_codes.py`` compares them with
the SDK's genericode files so a new SDK release shows every difference.

* ``NORWEGIAN_NUTS3`` - ``nuts_nuts-nor-lvl3.gc``: NUTS level 3 regions of
  Norway (BT-507 place of performance and organisation address).
* ``HEALTH_SOCIAL_CPV_PREFIXES`` - not an SDK list: the health, social and related
  services of Directive 2014/24/EU Annex XIV as Doffin's national profile tests the
  main CPV code (rule EFORMS-NOR-NATIONAL-TH-R008I, anskaffelser/eforms-sdk-nor
  ``src/fields/national-e.yaml``, commit 02fc434): such services follow part I of
  anskaffelsesforskriften (part IV above the EEA threshold), never parts I and II.
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


#: CPV prefixes of Annex XIV services, exactly as EFORMS-NOR-NATIONAL-TH-R008I lists them.
HEALTH_SOCIAL_CPV_PREFIXES: tuple[str, ...] = (
    "8000", "8010", "8020", "8030", "8040", "8050", "8060", "8061", "8062", "8063",
    "8064", "8065", "8066", "85000", "85100", "85200", "85300", "85310", "85320",
    "85321", "85322", "85323", "981331", "985130", "985140", "7512100", "7512200",
    "7512300", "7523120", "7523121", "7523122", "7523123", "7523124",
)  # fmt: skip


def is_health_social_service(cpv: str) -> bool:
    """A main CPV code (with or without its check digit) of an Annex XIV service."""
    return cpv.strip().startswith(HEALTH_SOCIAL_CPV_PREFIXES)
