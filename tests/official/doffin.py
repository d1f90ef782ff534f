"""Rules of the plain eForms SDK that Doffin's national profile relaxes, with the evidence.

Doffin publishes national notices (subtypes E2, E3, E4) under its own profile
(``eforms-sdk-1.16#extended#urn:fdc:anskaffelser.no:2026:eforms:national-e``): Norwegian
text and Doffin's own code for a climate and environment criterion, which the plain SDK
rules refuse. Its generated Schematron is not published; its VALID test notices are
(``eforms-sdk-nor/src/tests``), and the plain SDK rules fail exactly these rules on them.
"""

from __future__ import annotations

import re

from tests.official import eforms_oracle as oracle

NOR_E = oracle.SDK.parents[1] / "eforms-sdk-nor/src/tests/national-e"

#: Rules of the plain SDK's E2, E3 and E4 phases that the Doffin profile relaxes for
#: national notices
#: (``...#extended#urn:fdc:anskaffelser.no:2026:eforms:national-e``), each with the
#: eforms-sdk-nor VALID test that the SDK rule fails (checked below). ``None``: the rule
#: is the same EU-official-language test as BR-BT-00702-0102 on another text field
#: (checked below by reading the SDK rule), relaxed because Doffin's national notices
#: are written in Norwegian (NOR, not an official EU language).
DOFFIN_E3: dict[str, str | None] = {
    "BR-OPT-00002-0052": "VALID-national-e3-minimum.xml",  # Doffin's CustomizationID
    "BR-BT-00702-0102": "VALID-national-e3-minimum.xml",  # notice language NOR
    "BR-BT-00001-0254": "VALID-national-e3-minimum.xml",  # NOR on the legal basis (FOA)
    "BR-BT-00021-0297": "VALID-national-e3-minimum.xml",  # NOR on the lot title
    "BR-BT-00021-0300": "VALID-national-e3-minimum.xml",  # NOR on the procedure title
    "BR-BT-00024-0300": "VALID-national-e3-minimum.xml",  # NOR on the lot description
    "BR-BT-00024-0303": "VALID-national-e3-minimum.xml",  # NOR on the procedure description
    # The prior information notice (E2) has parts instead of lots:
    "BR-BT-00021-0299": "VALID-national-e2-minimum.xml",  # NOR on the part title
    "BR-BT-00024-0302": "VALID-national-e2-minimum.xml",  # NOR on the part description
    "BR-BT-00500-0304": "VALID-national-e3-minimum.xml",  # NOR on organisation names
    # Doffin's national award-criterion type quality-nor-env-criteria (FOA § 7-9):
    "BR-BT-00539-0104": "VALID-national-e3-nor-env.xml",
    "BR-BT-00540-0222": "VALID-national-e3-nor-env.xml",  # NOR on criterion descriptions
    "BR-BT-00750-0073": "VALID-national-e3-nor-env.xml",  # NOR on selection criteria
    "BR-BT-00777-0088": "VALID-national-e3-nor-env.xml",  # NOR on BT-777
    "BR-BT-00734-0103": None,  # NOR on criterion names
    "BR-BT-00141-0051": None,  # NOR on change descriptions
    "BR-BT-00762-0051": None,  # NOR on the change reason
}


#: Rules of the plain SDK that Doffin's EU profile
#: (``…#extended#urn:fdc:anskaffelser.no:2023:eforms:eu``) relaxes for EEA notices in English
#: with Norwegian as an additional language, each with the eforms-sdk-nor ``tests/eu``
#: notice the SDK rule fails (``None``: the same EU-language rule test on another field).
DOFFIN_EU: dict[str, str | None] = {
    "BR-OPT-00002-0052": "eu/test/cn_24.xml",  # Doffin's EU CustomizationID
    "BR-BT-00702-0103": "eu/test/cn_24.xml",  # NOR as the additional notice language
    "BR-BT-00500-0304": "eu/test/cn_24.xml",  # NOR on organisation names
    "BR-BT-00021-0297": "eu/test/cn_24.xml",  # NOR on the lot title
    "BR-BT-00021-0300": "eu/test/cn_24.xml",  # NOR on the procedure title
    "BR-BT-00024-0300": "eu/test/cn_24.xml",  # NOR on the lot description
    "BR-BT-00024-0303": "eu/test/cn_24.xml",  # NOR on the procedure description
    "BR-BT-00540-0222": "eu/test/cn_24.xml",  # NOR on criterion descriptions
    "BR-BT-00021-0299": "eu/test/pin-only_24.xml",  # NOR on the part title
    "BR-BT-00024-0302": "eu/test/pin-only_24.xml",  # NOR on the part description
    "BR-BT-00734-0103": None,  # NOR on criterion names
    "BR-BT-00750-0073": None,  # NOR on selection criteria
    "BR-BT-00141-0051": None,  # NOR on change descriptions
    "BR-BT-00762-0051": None,  # NOR on the change reason
}


def doffin_test(name: str) -> bytes:
    """A Doffin test notice: ``national-e`` by file name, others by path (``eu/test/…``)."""
    data = (NOR_E.parent / name if "/" in name else NOR_E / name).read_bytes()
    for placeholder, value in (
        (b"${EFORMS_MINOR}", b"1.16"),
        (b"${ISSUEDATE}", b"2026-12-01+01:00"),
        (b"${ISSUETIME}", b"12:00:00+01:00"),
    ):
        data = data.replace(placeholder, value)
    return data


def rule_test(rule: str) -> str:
    for path in sorted(oracle.STATIC.glob("validation-stage-*.sch")):
        found = re.search(rf'<assert id="{re.escape(rule)}"[^>]*test="([^"]*)"', path.read_text())
        if found:
            return found.group(1)
    raise AssertionError(f"{rule} is not an SDK rule")
