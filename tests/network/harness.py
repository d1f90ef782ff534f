"""Two Heldigital instances as a small Peppol network on loopback, with real parts only.

* a test Peppol PKI made now (:mod:`tests.network.pki`), its CRL served over HTTP;
* **AP A** and **AP B**: each its own ``heldigital serve`` (Granian, the production
  server) over HTTPS on a free loopback port, with its own database (a SQLite file
  in its own data directory, or its own PostgreSQL database when ``DATABASE_URL``
  is PostgreSQL) and its own access point key and certificate;
* the participants registered in **B's address register** (the SMP served by the
  platform itself, signing with the SMP certificate);
* the SML zone written by ``heldigital smp zone`` and served by Debian's **NSD**
  on a loopback port; AP A's lookup asks that DNS server.

Used by the pytest fixtures in ``tests/network/conftest.py``, by ``bench/as4.py``
(``make bench``) and by ``scripts/two-aps`` (to run the network by hand). Nothing is
downloaded and nothing is mocked.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.network.pki import CRLServer, Issued, NetworkPKI, make_pki
from tests.platform.smp.nsd import NSDServer

COMMAND = [sys.executable, "-m", "heldigital.cli.main"]
REPO = Path(__file__).resolve().parents[2]

ZONE = "sml.heldigital.test"
INVOICE = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
BILLING = "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
AS4 = "peppol-transport-as4-v2_0"
#: The path of the AS4 receiving endpoint of the ``accesspoint`` app.
AS4_PATH = os.environ.get("HELDIGITAL_TEST_AS4_PATH", "/as4")

#: Organisation numbers (valid check digits) and the participants of each AP.
ORGNR_A = "920000010"
ORGNR_B = "920000002"
PARTICIPANT_A = f"0192:{ORGNR_A}"
PARTICIPANT_B = f"0192:{ORGNR_B}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    # By hand: urlunsplit drops the "//" of "postgres:///db?host=/socket" (no netloc).
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/{name}" + (f"?{parts.query}" if parts.query else "")


def _admin_sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def run(env: dict[str, str], cwd: Path, *arguments: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [*COMMAND, *arguments], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        raise RuntimeError(
            f"heldigital {' '.join(arguments[:3])} failed:\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


def tls_context(pki: NetworkPKI) -> ssl.SSLContext:
    """A client context that trusts the test TLS CA only."""
    return ssl.create_default_context(cafile=str(pki.files["tls_trust"]))


@dataclass
class Instance:
    """One platform instance: data directory, database, environment, Granian over HTTPS."""

    name: str
    directory: Path
    env: dict[str, str]
    pki: NetworkPKI
    certificate: Issued
    seat: str
    port: int = field(default_factory=free_port)
    workers: int = 1
    database: str | None = None
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def as4_url(self) -> str:
        return self.url + AS4_PATH

    @property
    def log(self) -> Path:
        return self.directory / "server.log"

    def heldigital(self, *arguments: str, timeout: float = 300) -> str:
        return run(self.env, self.directory, *arguments, timeout=timeout)

    def shell(self, script: str, timeout: float = 300) -> str:
        return self.heldigital("manage", "shell", "-v", "0", "-c", script, timeout=timeout)

    def start(self, timeout: float = 90) -> None:
        self.launch()
        self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the server without waiting for it (:meth:`wait_ready`)."""
        assert self.process is None or self.process.poll() is not None
        with self.log.open("ab") as out:
            out.write(f"--- start {self.starts + 1}\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [
                    *COMMAND,
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                    "--no-migrate",
                    "--no-collectstatic",
                    "--ssl-certificate",
                    str(self.pki.tls.certificate_file),
                    "--ssl-keyfile",
                    str(self.pki.tls.key_file),
                ],
                env=self.env,
                cwd=self.directory,
                stdout=out,
                stderr=subprocess.STDOUT,
                # Its own process group: SIGKILL reaches Granian's workers too.
                start_new_session=True,
            )
        self.starts += 1

    def wait_ready(self, timeout: float = 90) -> None:
        context = tls_context(self.pki)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log.read_text()[-5000:]}")
            try:
                connection = http.client.HTTPSConnection(
                    "127.0.0.1", self.port, timeout=5, context=context
                )
                connection.request("GET", "/peppol/statistics/")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name} did not answer within {timeout} s:\n{self.log.read_text()[-5000:]}"
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole server (Granian's main process and its workers)."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.kill()


#: Registers participants in an instance's address register (run in its own process:
#: the register's own checks, the instance's own database).
REGISTER = """
import datetime as dt, pathlib
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.smp import services
from heldigital.apps.smp.models import Capability, Participant

now = dt.datetime.now(dt.UTC)
for orgnr, name, endpoint, certificate_file in {entries!r}:
    certificate = pathlib.Path(certificate_file).read_text()
    organisation, _ = Organisation.objects.get_or_create(
        orgnr=orgnr, defaults={{"name": name, "kind": "public_body"}}
    )
    identifier = services.parse_participant("0192:" + orgnr)
    entry = Participant.objects.create(
        scheme=identifier.scheme, value=identifier.value, organisation=organisation,
        created_at=now, updated_at=now,
    )
    checked = services.check_capability(
        services.CapabilityInput(
            document_type={invoice!r}, process={billing!r}, endpoint_url=endpoint,
            certificate=certificate, technical_contact="mailto:ap@heldigital.test",
        ),
        now=now,
    )
    Capability.objects.create(participant=entry, created_at=now, updated_at=now, **checked.values)
print(Participant.objects.count())
"""

#: Makes the organisation of a participant on an instance (its inbox).
ORGANISATION = """
from heldigital.apps.accounts.models import Organisation
Organisation.objects.get_or_create(
    orgnr={orgnr!r}, defaults={{"name": {name!r}, "kind": "public_body"}}
)
"""


@dataclass
class Network:
    directory: Path
    pki: NetworkPKI
    a: Instance
    b: Instance
    dns: NSDServer
    zone_text: str

    @property
    def nameserver(self) -> str:
        return f"{self.dns.host}:{self.dns.port}"

    @property
    def smp_url(self) -> str:
        return self.b.url


def _base_env(directory: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DATABASE_URL"))}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "src"), str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["HELDIGITAL_DATA_DIR"] = str(directory)
    env["HELDIGITAL_LOG_LEVEL"] = "WARNING"
    env["DJANGO_SETTINGS_MODULE"] = "heldigital.platform.settings"
    return env


def ap_env(pki: NetworkPKI, certificate: Issued, seat: str) -> dict[str, str]:
    """The access point settings of one instance (docs/accesspoint.md)."""
    return {
        "HELDIGITAL_AP_KEY": str(certificate.key_file),
        "HELDIGITAL_AP_CERTIFICATE": str(certificate.certificate_file),
        "HELDIGITAL_AP_SEAT_ID": seat,
        # Peppol AP trust: the root and the AP CA; the SMP's: the root and the SMP CA.
        "HELDIGITAL_AP_TRUST": str(pki.files["ap_trust"]),
        "HELDIGITAL_SMP_TRUST": str(pki.files["smp_trust"]),
        # Revocation by the CRL of the certificates' distribution point (fails closed).
        "HELDIGITAL_AP_REVOCATION": "crl",
        # The receiving AP's TLS (and the SMP's, through urllib's default context).
        "HELDIGITAL_AP_CA_BUNDLE": str(pki.files["tls_trust"]),
        "SSL_CERT_FILE": str(pki.files["tls_trust"]),
        "HELDIGITAL_SML_ZONE": ZONE,
        # Short timeouts and quick retries: the load run kills the receiver on purpose.
        "HELDIGITAL_AP_TIMEOUT": "10",
        "HELDIGITAL_AP_RETRY_SECONDS": "0.5",
        "HELDIGITAL_AP_ATTEMPTS": "40",
    }


@contextmanager
def network(
    directory: Path, *, workers: int = 1, start: bool = True, sqlite_template: Path | None = None
) -> Iterator[Network]:
    """The whole network, torn down (servers stopped, databases dropped) at the end.

    ``sqlite_template``: a migrated SQLite database to copy instead of migrating (SQLite).
    """
    directory.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        crl_port = free_port()
        pki = make_pki(directory / "pki", crl_port)
        stack.enter_context(CRLServer(pki.files["crl_dir"], crl_port, directory / "crl.log"))

        pg = postgres_url()
        instances: dict[str, Instance] = {}
        token = secrets.token_hex(4)
        for name, certificate, seat in (("a", pki.ap_a, "POP000001"), ("b", pki.ap_b, "POP000002")):
            home = directory / f"ap-{name}"
            home.mkdir()
            env = _base_env(home)
            database = None
            if pg:
                # B's database is a copy of A's freshly migrated one (CREATE ... TEMPLATE).
                database = f"hdnet_{token}_{name}"
                source = "" if name == "a" else f' TEMPLATE "hdnet_{token}_a"'
                _admin_sql(pg, f'CREATE DATABASE "{database}"{source}')
                stack.callback(_admin_sql, pg, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                env["DATABASE_URL"] = _with_database(pg, database)
            if name == "a" and not pg and sqlite_template is not None:
                shutil.copy(sqlite_template, home / "heldigital.sqlite3")
            elif name == "a":
                run(env, home, "manage", "migrate", "--no-input", "-v", "0")
            elif not pg:
                shutil.copy(directory / "ap-a" / "heldigital.sqlite3", home / "heldigital.sqlite3")
            env.update(ap_env(pki, certificate, seat))
            instances[name] = Instance(
                name=f"AP {name.upper()}",
                directory=home,
                env=env,
                pki=pki,
                certificate=certificate,
                seat=seat,
                workers=workers,
                database=database,
            )
        a, b = instances["a"], instances["b"]
        # B runs the SMP: its signing key, and host names of the zone allowed.
        b.env["HELDIGITAL_SMP_KEY"] = str(pki.smp.key_file)
        b.env["HELDIGITAL_SMP_CERTIFICATE"] = str(pki.smp.certificate_file)
        b.env["HELDIGITAL_SMP_URL"] = b.url
        entries = [
            (ORGNR_B, "Mottakerkommune", b.as4_url, str(pki.ap_b.leaf_file)),
            (ORGNR_A, "Avsenderkommune", a.as4_url, str(pki.ap_a.leaf_file)),
        ]
        registered = b.shell(
            REGISTER.format(entries=entries, invoice=INVOICE, billing=BILLING)
        ).split()
        assert registered == ["2"], registered
        a.shell(ORGANISATION.format(orgnr=ORGNR_A, name="Avsenderkommune"))
        zone_file = directory / "sml.zone"
        b.heldigital("smp", "zone", "--zone", ZONE, "--smp-url", b.url, "--output", str(zone_file))
        zone_text = zone_file.read_text()
        dns = stack.enter_context(NSDServer(zone_text, ZONE, directory / "nsd"))
        nameserver = f"{dns.host}:{dns.port}"
        for instance in (a, b):
            instance.env["HELDIGITAL_SML_NAMESERVER"] = nameserver
        net = Network(directory=directory, pki=pki, a=a, b=b, dns=dns, zone_text=zone_text)
        for instance in (a, b):
            stack.callback(instance.stop)
        if start:
            # Both at once: each takes seconds to import Django and bind.
            for instance in (a, b):
                instance.launch()
            for instance in (a, b):
                instance.wait_ready()
        yield net


# --- Documents and the scripts that drive the access points -------------------------

CORPUS_INVOICE = REPO.parent / "shared" / "corpus" / "peppol-sbdh" / "good" / "good-bis3-full.xml"


def invoice_element():
    """The UBL invoice of the official SBDH corpus (``../shared``), as an element."""
    from heldigital.peppol import sbdh

    if not CORPUS_INVOICE.exists():
        raise FileNotFoundError(f"{CORPUS_INVOICE} is missing (../shared beside the repository)")
    return sbdh.read(CORPUS_INVOICE.read_bytes()).business_message


def document(
    *, sender: str = PARTICIPANT_A, receiver: str = PARTICIPANT_B, filler: int = 0
) -> tuple[str, bytes]:
    """A Peppol SBDH with the invoice, from ``sender`` to ``receiver``: (instance id, bytes).

    ``filler`` bytes of incompressible text are added in comments of at most 1 MB
    (large payloads: the SBDH reader refuses a single text node over 10 MB).
    """
    import base64
    import datetime as dt
    import uuid

    from lxml import etree

    from heldigital.peppol import sbdh
    from heldigital.peppol.identifiers import (
        DocumentTypeIdentifier,
        ParticipantIdentifier,
        ProcessIdentifier,
    )

    invoice = invoice_element()
    chunk = 1_000_000
    while filler > 0:
        size = min(chunk, filler)
        text = base64.b64encode(os.urandom(size * 3 // 4 + 3)).decode()[:size]
        invoice.append(etree.Comment(text))
        filler -= size
    instance = str(uuid.uuid4())
    header = sbdh.Header.for_message(
        invoice,
        sender=ParticipantIdentifier.create(sender),
        receiver=ParticipantIdentifier.create(receiver),
        document_type=DocumentTypeIdentifier.parse(INVOICE),
        process=ProcessIdentifier.parse(BILLING),
        country_c1="NO",
        now=dt.datetime.now(dt.UTC),
        instance_identifier=instance,
    )
    return instance, sbdh.write(header, invoice)


#: Puts every ``*.xml`` of a directory in AP A's outbox; prints {message id: instance id}.
ENQUEUE = """
import json, pathlib
from django.db import transaction
from django.utils import timezone
from heldigital.apps.accesspoint import services
from heldigital.peppol import sbdh
ids = {{}}
for path in sorted(pathlib.Path({directory!r}).glob("*.xml")):
    data = path.read_bytes()
    instance = sbdh.read(data).header.instance_identifier
    with transaction.atomic():
        ids[services.enqueue(sbdh=data, now=timezone.now())] = instance
print(json.dumps(ids))
"""

#: Sends what is due until nothing is queued or being sent (or ``seconds`` pass):
#: :func:`services.send_due` is what the worker's sweep runs, called without its
#: one-minute period so that retries come after their own (short) backoff.
SEND = """
import time
from django.utils import timezone
from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import OutboundMessage
deadline = time.monotonic() + {seconds}
while time.monotonic() < deadline:
    if not services.send_due(now=timezone.now):
        if not OutboundMessage.objects.filter(state__in=("queued", "sending")).exists():
            break
        time.sleep(0.05)
print(OutboundMessage.objects.filter(state__in=("queued", "sending")).count())
"""

#: The outbox: {message id: [state, reason, attempts, receipted]}.
OUTBOX = """
import json
from heldigital.apps.accesspoint.models import OutboundMessage
print(json.dumps({{
    m.message_id: [m.state, m.reason, m.attempts, m.receipt is not None]
    for m in OutboundMessage.objects.all()
}}))
"""

#: The inbox: [[message id, instance id, sha256 of the SBDH], ...] and the count of
#: incoming transmissions.
INBOX = """
import hashlib, json
from heldigital.apps.accesspoint.models import InboundMessage, Transmission
print(json.dumps({{
    "messages": [
        [m.message_id, m.instance_identifier, hashlib.sha256(bytes(m.sbdh)).hexdigest()]
        for m in InboundMessage.objects.all()
    ],
    "transmissions": Transmission.objects.filter(direction="incoming").count(),
}}))
"""


def write_documents(directory: Path, count: int, **kwargs) -> dict[str, str]:
    """``count`` documents as files; {instance id: sha256 of the SBDH}."""
    import hashlib

    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for number in range(count):
        instance, data = document(**kwargs)
        (directory / f"{number:06d}.xml").write_bytes(data)
        written[instance] = hashlib.sha256(data).hexdigest()
    return written


def enqueue(instance: Instance, directory: Path, timeout: float = 300) -> dict[str, str]:
    import json

    return json.loads(instance.shell(ENQUEUE.format(directory=str(directory)), timeout=timeout))


def outbox(instance: Instance, timeout: float = 300) -> dict[str, list]:
    import json

    return json.loads(instance.shell(OUTBOX.format(), timeout=timeout))


def inbox(instance: Instance, timeout: float = 300) -> dict:
    import json

    return json.loads(instance.shell(INBOX.format(), timeout=timeout))


def sender(instance: Instance, seconds: float, log: Path) -> subprocess.Popen[bytes]:
    """A process in ``instance``'s environment sending its outbox until it is empty."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [*COMMAND, "manage", "shell", "-v", "0", "-c", SEND.format(seconds=seconds)],
            env=instance.env,
            cwd=instance.directory,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
