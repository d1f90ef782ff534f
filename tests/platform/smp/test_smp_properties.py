"""Properties of the SMP REST interface: any identifier, percent-encoded, reaches its entry.

Participant values in any mix of case, document types with any ISO-8859-1
characters the Policy allows (``/``, ``?``, ``%``, ``+``, ``&``, ``é`` ...),
sent as the library's client sends them (``quote(safe="")``): the service
group and the signed service metadata come back for exactly that identifier.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heldigital.apps.smp import services
from heldigital.apps.smp.models import Capability, Participant
from heldigital.peppol import smp
from heldigital.peppol.identifiers import DocumentTypeIdentifier, ParticipantIdentifier

from .conftest import BILLING, pem

_id_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
_wild = st.text(st.sampled_from("abcXYZ019:./?%+&=;,@!$'()[]é~ÿ"), min_size=1, max_size=30).filter(
    lambda t: "##" not in t and not t.endswith(":") and "::" not in t
)

document_types = st.builds(
    lambda ns, local, customization, version: DocumentTypeIdentifier.from_parts(
        f"urn:{ns}", local, f"urn:{customization}", version
    ),
    _wild,
    st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,12}", fullmatch=True),
    _wild,
    st.from_regex(r"[0-9]\.[0-9]", fullmatch=True),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    value=st.text(st.sampled_from(_id_chars), min_size=1, max_size=40),
    document_type=document_types,
    randomness=st.randoms(use_true_random=False),
)
def test_any_identifier_reaches_its_entry(client, smp_signer, db, value, document_type, randomness):
    pki = smp_signer
    now = dt.datetime.now(dt.UTC)
    participant = ParticipantIdentifier.create(f"9915:{value}")
    entry = Participant.objects.create(
        scheme=participant.scheme, value=participant.value, created_at=now, updated_at=now
    )
    checked = services.check_capability(
        services.CapabilityInput(
            document_type=str(document_type),
            process=BILLING,
            endpoint_url="https://ap.heldigital.test/as4",
            certificate=pem(pki.access_point.certificate),
            technical_contact="mailto:ap@heldigital.test",
        ),
        now=now,
    )
    Capability.objects.create(participant=entry, created_at=now, updated_at=now, **checked.values)
    try:
        mixed = ParticipantIdentifier(
            participant.scheme,
            "".join(c.upper() if randomness.random() < 0.5 else c for c in participant.value),
        )
        response = client.get("/" + mixed.uri)
        assert response.status_code == 200
        group = smp.parse_service_group(response.content)
        assert group.participant == participant
        assert group.document_types == (document_type,)

        response = client.get(f"/{mixed.uri}/services/{document_type.uri}")
        assert response.status_code == 200, (document_type, response.content)
        metadata = smp.parse_service_metadata(
            response.content, trust_anchors=[pki.root.certificate], at=now
        )
        assert metadata.document_type == document_type
        assert metadata.participant == participant
        # Document types are case-sensitive: another case is another document type.
        swapped = document_type.value.swapcase().replace(
            "\u0178", "\u00ff"
        )  # ÿ -> Ÿ is not Latin-1
        if swapped != document_type.value:
            swapped = DocumentTypeIdentifier.create(swapped)
            assert client.get(f"/{mixed.uri}/services/{swapped.uri}").status_code == 404
    finally:
        entry.delete()
