"""A real AS4 exchange between two platform instances: AP A sends, AP B receives.

``heldigital peppol send --wait`` on AP A: the SML lookup asks NSD, the SMP lookup reads
AP B's own address register (Granian over HTTPS, signed metadata), the message is
signed and encrypted for AP B's certificate and POSTed over HTTPS (test TLS CA) to AP
B's ``/as4``; AP B verifies, stores and answers the signed receipt, which AP A verifies
against what it signed. Then the same bytes again (a retry after a lost receipt): the
same receipt, one stored message. Then the monthly TSR from AP A's log, and a receiver
that is not in the SML (failed with the reason).
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
import subprocess

from lxml import etree

from tests.conftest import corpus
from tests.network.harness import COMMAND, PARTICIPANT_A, PARTICIPANT_B, tls_context

PAYLOAD = ("peppol-bis-invoice-3", "rules", "national-examples", "NO", "Norwegian-example-1.xml")

INBOUND = """
import json
from heldigital.apps.accesspoint.models import InboundMessage, Transmission
rows = InboundMessage.objects.filter(message_id={message_id!r})
print(json.dumps([
    {{"sender_ap": r.sender_ap, "sender": r.sender, "receiver": r.receiver,
      "document_type": r.document_type, "sbdh": bytes(r.sbdh).decode(),
      "receipt": bytes(r.receipt).decode(), "valid": r.report.get("valid"),
      "log": list(Transmission.objects.filter(message_id=r.message_id)
                  .values_list("direction", "other_service_provider"))}}
    for r in rows
]))
"""

OUTBOUND = """
import base64, json
from heldigital.apps.accesspoint.models import OutboundMessage, Transmission
r = OutboundMessage.objects.get(message_id={message_id!r})
print(json.dumps({{
    "state": r.state, "attempts": r.attempts, "receiver_ap": r.receiver_ap,
    "endpoint_url": r.endpoint_url, "content_type": r.content_type,
    "packaged": base64.b64encode(bytes(r.packaged)).decode(),
    "receipt": bytes(r.receipt).decode(),
    "log": list(Transmission.objects.filter(message_id=r.message_id)
                .values_list("direction", "other_service_provider")),
}}))
"""


def _send(net, *arguments: str) -> dict:
    done = net.a.heldigital("peppol", "send", *arguments, "--wait", "--format", "json", timeout=120)
    return json.loads(done)


def test_a_document_travels_from_ap_a_to_ap_b_over_https(net):
    payload = corpus(*PAYLOAD)
    sent = _send(net, str(payload), "--to", PARTICIPANT_B, "--from", PARTICIPANT_A)
    assert sent["state"] == "receipted", sent
    assert sent["attempts"] == 1
    message_id = sent["message_id"]

    outbound = json.loads(net.a.shell(OUTBOUND.format(message_id=message_id)))
    assert outbound["receiver_ap"] == "POP000002"
    assert outbound["endpoint_url"] == net.b.as4_url
    assert outbound["log"] == [["outgoing", "POP000002"]]

    inbound = json.loads(net.b.shell(INBOUND.format(message_id=message_id)))
    assert len(inbound) == 1
    row = inbound[0]
    assert row["sender_ap"] == "POP000001"
    assert row["sender"] == f"iso6523-actorid-upis::{PARTICIPANT_A}"
    assert row["receiver"] == f"iso6523-actorid-upis::{PARTICIPANT_B}"
    assert "Invoice-2::Invoice##urn:cen.eu:en16931:2017" in row["document_type"]
    # the business document arrived unchanged inside the SBDH
    invoice = etree.fromstring(payload.read_bytes())
    envelope = etree.fromstring(row["sbdh"].encode())
    delivered = envelope[1]
    assert etree.tostring(delivered, method="c14n") == etree.tostring(invoice, method="c14n")
    assert row["receipt"] == outbound["receipt"]
    assert row["log"] == [["incoming", "POP000001"]]

    # The sender's retry after a lost receipt: the very same bytes, the same receipt.
    connection = http.client.HTTPSConnection(
        "127.0.0.1", net.b.port, timeout=60, context=tls_context(net.pki)
    )
    connection.request(
        "POST",
        "/as4",
        body=base64.b64decode(outbound["packaged"]),
        headers={"Content-Type": outbound["content_type"]},
    )
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    assert response.status == 200
    assert answer.decode() == outbound["receipt"]
    assert len(json.loads(net.b.shell(INBOUND.format(message_id=message_id)))) == 1

    # The month's reports from AP A's transmission log, valid by the official rules.
    month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    tsr = net.a.heldigital("peppol", "report", "tsr", "--month", month)
    root = etree.fromstring(tsr.encode())
    outgoing = root.find("{*}Total/{*}Outgoing")
    assert outgoing is not None and int(outgoing.text) >= 1
    eusr = net.b.heldigital("peppol", "report", "eusr", "--month", month)
    assert etree.fromstring(eusr.encode()).find("{*}FullSet/{*}ReceivingEndUsers") is not None


def test_a_receiver_not_in_the_sml_fails_with_the_reason(net):
    payload = corpus(*PAYLOAD)
    # the CLI exits 1: run it directly to read its output
    result = subprocess.run(
        [
            *COMMAND,
            "peppol",
            "send",
            str(payload),
            "--to",
            "0192:974760673",
            "--from",
            PARTICIPANT_A,
            "--wait",
            "--format",
            "json",
        ],
        env=net.a.env,
        cwd=net.a.directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["state"] == "failed"
    assert "not in the SML" in outcome["reason"]


STATE = """
from heldigital.apps.accesspoint import services
status = services.outbound_status({message_id!r})
print(status["state"], status["attempts"])
"""


def test_the_worker_sends_what_was_queued(net):
    queued = json.loads(
        net.a.heldigital(
            "peppol",
            "send",
            str(corpus(*PAYLOAD)),
            "--to",
            PARTICIPANT_B,
            "--from",
            PARTICIPANT_A,
            "--format",
            "json",
        )
    )
    assert queued["state"] == "queued"
    message_id = queued["message_id"]
    assert net.a.shell(STATE.format(message_id=message_id)).split() == ["queued", "0"]
    # the job enqueued when the outbox row committed, run by the real worker
    net.a.heldigital("worker", "--once", "--no-schedule", timeout=120)
    assert net.a.shell(STATE.format(message_id=message_id)).split() == ["receipted", "1"]
    assert len(json.loads(net.b.shell(INBOUND.format(message_id=message_id)))) == 1


#: Three messages sent in one process of AP A: the kept-alive connections after each.
KEPT_ALIVE = """
import json, pathlib
from django.db import transaction
from django.utils import timezone
from heldigital.apps.accesspoint import services
from heldigital.peppol import sbdh as sbdh_lib
data = pathlib.Path({path!r}).read_bytes()
seen = []
for _ in range(3):
    with transaction.atomic():
        message_id = services.enqueue(sbdh=data, now=timezone.now())
    state = services.attempt(message_id, now=timezone.now())
    idle = [c for cs in services._connections._idle.values() for c, _ in cs]
    seen.append([state, [id(c.sock) for c in idle]])
print(json.dumps(seen))
"""


def test_messages_to_ap_b_share_one_kept_alive_https_connection(net, tmp_path):
    """Granian keeps HTTP/1.1 connections alive: three messages, one TLS connection."""
    from tests.network.harness import document

    _, data = document()
    path = tmp_path / "sbdh.xml"
    path.write_bytes(data)
    seen = json.loads(net.a.shell(KEPT_ALIVE.format(path=str(path))))
    assert [state for state, _ in seen] == ["receipted"] * 3
    sockets = [ids for _, ids in seen]
    assert all(len(ids) == 1 for ids in sockets), sockets
    assert sockets[0] == sockets[1] == sockets[2]  # the same socket every time
