"""The proof: the platform's SMP on the production server, found through a real DNS server.

``heldigital serve`` (Granian) serves the register; ``heldigital smp zone``
writes the SML zone, which a real DNS server - Debian's NSD, after
``nsd-checkzone`` accepted the file (``make dns`` installs it) - serves; the
library's own SML lookup and SMP client (:func:`heldigital.peppol.smp.discover`) then find the
participant's SMP, read its signed service metadata and verify the signature
against the SMP's trust anchor - both SML schemes.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import subprocess

import pytest

from heldigital.peppol import sml, smp
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from tests.platform.ops.conftest import COMMAND, free_port, manage_shell, running, wait_for_http

from .conftest import AS4, BILLING, CREDIT_NOTE, INVOICE, pem, write_signer
from .nsd import NSDServer

ZONE = "sml.heldigital.test"
PARTICIPANT = ParticipantIdentifier.create("0192:920000002")


def _zone(env, tmp_path, smp_url: str) -> str:
    out = tmp_path / "sml.zone"
    done = subprocess.run(
        [*COMMAND, "smp", "zone", "--zone", ZONE, "--smp-url", smp_url, "--output", str(out)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out.read_text()


def _cli(env, cwd, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, "peppol", "lookup", *arguments],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _get(port: int, path: str, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


#: Registers two participants in the server's database (a process of its own: on SQLite
#: the test's database is not the server's), through the register's own checks.
REGISTER = """
import datetime as dt, pathlib
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.smp import services
from heldigital.apps.smp.models import Capability, Participant

now = dt.datetime.now(dt.UTC)
certificate = pathlib.Path({pem!r}).read_text()
own = Organisation.objects.create(name="Testkommune", kind="public_body", orgnr="920000002")
for text, organisation, document_types in (
    ("0192:920000002", own, ({invoice!r}, {credit_note!r})),
    ("0088:7300010000001", None, ({invoice!r},)),
):
    identifier = services.parse_participant(text)
    entry = Participant.objects.create(
        scheme=identifier.scheme, value=identifier.value, organisation=organisation,
        created_at=now, updated_at=now,
    )
    for document_type in document_types:
        checked = services.check_capability(
            services.CapabilityInput(
                document_type=document_type, process={billing!r},
                endpoint_url="https://ap.heldigital.test/as4", certificate=certificate,
                technical_contact="mailto:ap@heldigital.test",
            ),
            now=now,
        )
        Capability.objects.create(
            participant=entry, created_at=now, updated_at=now, **checked.values
        )
print(Participant.objects.count(), Capability.objects.count())
"""


def test_discovery_through_the_sml_zone_and_the_platform_smp(process_env, tmp_path, pki):
    ap = tmp_path / "ap.pem"
    ap.write_text(pem(pki.access_point.certificate))
    script = REGISTER.format(pem=str(ap), invoice=INVOICE, credit_note=CREDIT_NOTE, billing=BILLING)
    assert manage_shell(process_env, script, tmp_path).split() == ["2", "3"]
    key, chain = write_signer(tmp_path, pki)
    port = free_port()
    env = {
        **process_env,
        "HELDIGITAL_SMP_KEY": str(key),
        "HELDIGITAL_SMP_CERTIFICATE": str(chain),
        "HELDIGITAL_ALLOWED_HOSTS": f"127.0.0.1,localhost,.{ZONE}",
    }
    log = tmp_path / "server.log"
    command = ["serve", "--port", str(port), "--workers", "1", "--no-migrate", "--no-collectstatic"]
    with running(command, env, tmp_path, log) as server:
        wait_for_http(f"http://127.0.0.1:{port}/peppol/statistics/", server, log)
        smp_url = f"http://127.0.0.1:{port}"
        now = dt.datetime.now(dt.UTC)
        invoice = DocumentTypeIdentifier.parse(INVOICE)
        billing = ProcessIdentifier.parse(BILLING)

        # BDXL U-NAPTR: the whole discovery with the library, signature verified.
        with NSDServer(_zone(env, tmp_path, smp_url), ZONE, tmp_path / "nsd") as dns_server:
            resolver = sml.resolver_for(dns_server.host, dns_server.port, timeout=5)
            location, endpoint = smp.discover(
                PARTICIPANT,
                invoice,
                billing,
                AS4,
                zone=ZONE,
                trust_anchors=[pki.root.certificate],
                at=now,
                resolver=resolver,
            )
            assert location.url == smp_url
            assert location.method == "naptr"
            assert endpoint.address == "https://ap.heldigital.test/as4"
            assert endpoint.certificate == pki.access_point.certificate
            # Both participants are in the zone; an unregistered one is not.
            gln = ParticipantIdentifier.create("0088:7300010000001")
            assert sml.lookup(gln, ZONE, resolver=resolver).url == smp_url
            with pytest.raises(sml.NotRegistered):
                sml.lookup(ParticipantIdentifier.create("0192:920000010"), ZONE, resolver=resolver)

            # The same from the command line: heldigital peppol lookup.
            root = tmp_path / "root.pem"
            root.write_text(pem(pki.root.certificate))
            where = ["--zone", ZONE, "--nameserver", f"{dns_server.host}:{dns_server.port}"]
            found = _cli(env, tmp_path, "0192:920000002", *where, "--format", "json")
            assert found.returncode == 0, found.stderr
            answer = json.loads(found.stdout)
            assert answer["smp"] == smp_url
            assert len(answer["document_types"]) == 2
            found = _cli(
                env,
                tmp_path,
                str(PARTICIPANT),
                *where,
                "--document-type",
                INVOICE,
                "--trust",
                str(root),
                "--format",
                "json",
            )
            assert found.returncode == 0, found.stderr
            answer = json.loads(found.stdout)
            assert answer["signer"].startswith("CN=SMP one")
            endpoint = answer["processes"][0]["endpoints"][0]
            assert endpoint["address"] == "https://ap.heldigital.test/as4"
            assert endpoint["active"] is True
            text = _cli(
                env,
                tmp_path,
                "0192:920000002",
                *where,
                "--document-type",
                INVOICE,
                "--trust",
                str(root),
            )
            assert "https://ap.heldigital.test/as4 (active)" in text.stdout
            missing = _cli(env, tmp_path, "0192:920000010", *where)
            assert missing.returncode == 1
            assert "does not exist in the SML zone" in missing.stderr
            untrusted = _cli(
                env,
                tmp_path,
                "0192:920000002",
                *where,
                "--document-type",
                INVOICE,
                "--trust",
                str(tmp_path / "ap.pem"),
            )
            assert untrusted.returncode == 2
            assert "does not chain" in untrusted.stderr
            assert _cli(env, tmp_path, "0192:nonsense value", *where).returncode == 2

        # The SMP client on its own: service group and signed metadata, the signer checked.
        client = smp.SMPClient(smp_url, trust_anchors=[pki.root.certificate])
        group = client.service_group(PARTICIPANT)
        assert {d.local_name for d in group.document_types} == {"Invoice", "CreditNote"}
        assert all(r.startswith(smp_url + "/") for r in group.references)
        metadata = client.service_metadata(PARTICIPANT, invoice, at=now)
        assert metadata.signer == pki.smp.certificate
        # Untrusted: a client that trusts another root refuses the answer.
        from tests.platform.smp.conftest import make_live_pki

        stranger = smp.SMPClient(smp_url, trust_anchors=[make_live_pki().root.certificate])
        with pytest.raises(smp.SMPError, match="does not chain"):
            stranger.service_metadata(PARTICIPANT, invoice, at=now)
        with pytest.raises(smp.NotFound):
            client.service_group(ParticipantIdentifier.create("0192:920000010"))

        # The legacy CNAME scheme: B-<md5>.<scheme>.<zone> -> the SMP host, which
        # answers at its root for that host name.
        legacy = _zone(env, tmp_path, f"http://smp.{ZONE}") + f"smp.{ZONE}. 60 IN A 127.0.0.1\n"
        with NSDServer(legacy, ZONE, tmp_path / "nsd-legacy") as dns_server:
            resolver = sml.resolver_for(dns_server.host, dns_server.port, timeout=5)
            location = sml.lookup(PARTICIPANT, ZONE, method="cname", resolver=resolver)
        host = location.url.removeprefix("http://")
        assert host == sml.cname_name(PARTICIPANT, ZONE)
        status, body = _get(port, "/" + PARTICIPANT.uri, host)
        assert status == 200
        group = smp.parse_service_group(body)
        assert group.references[0].startswith(f"http://{host}/iso6523-actorid-upis%3A%3A")
        status, body = _get(port, f"/{PARTICIPANT.uri}/services/{invoice.uri}", host)
        assert status == 200
        verified = smp.parse_service_metadata(body, trust_anchors=[pki.root.certificate], at=now)
        assert verified.signer == pki.smp.certificate
