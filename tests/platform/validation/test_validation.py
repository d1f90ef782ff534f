"""``POST /api/v1/validate`` and the validation page: the CLI's verdicts, nothing stored.

These tests have no database access on purpose: pytest-django fails any test
that touches the database without asking, so "nothing is stored" is shown by
every request here succeeding without it.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client, override_settings
from typer.testing import CliRunner

from heldigital.cli.main import app as cli_app
from tests.conftest import corpus

API = "/api/v1/validate"


def _invoice() -> bytes:
    folder = corpus("peppol-bis-invoice-3", "rules", "examples")
    return sorted(folder.glob("base-example.xml"))[0].read_bytes()


def _broken(data: bytes) -> bytes:
    # IssueDate not a date (PEPPOL-EN16931-F001 and the XSD) and no currency code rule breaks
    return data.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)


def _cli_json(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli_app, ["validate", "--format", "json", str(path)])
    document = json.loads(result.stdout)["documents"][0]
    document["path"] = name
    return document


@pytest.fixture
def client() -> Client:
    return Client()


def test_one_document_as_xml_body_gives_the_cli_report(client, tmp_path):
    data = _broken(_invoice())
    response = client.post(API, data=data, content_type="application/xml")
    assert response.status_code == 200
    body = response.json()
    assert body["documents"][0]["valid"] is False
    assert {e["rule"] for e in body["documents"][0]["errors"]} >= {"PEPPOL-EN16931-F001"}
    expected = _cli_json(tmp_path, "document.xml", data)
    assert body["documents"][0] == expected


def test_several_documents_as_multipart(client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good, bad = _invoice(), _broken(_invoice())
    response = client.post(
        API,
        data={
            "files": [
                SimpleUploadedFile("good.xml", good, "application/xml"),
                SimpleUploadedFile("bad.xml", bad, "application/xml"),
                SimpleUploadedFile("notes.txt", b"not xml at all", "text/plain"),
            ]
        },
    )
    assert response.status_code == 200
    documents = response.json()["documents"]
    assert [d["path"] for d in documents] == ["good.xml", "bad.xml", "notes.txt"]
    assert documents[0] == _cli_json(tmp_path, "good.xml", good)
    assert documents[1] == _cli_json(tmp_path, "bad.xml", bad)
    assert documents[0]["valid"] is True
    assert documents[2]["valid"] is False
    assert [e["rule"] for e in documents[2]["errors"]] == ["XML"]


def test_forced_rule_set_and_unknown_rule_set(client):
    response = client.post(API + "?rules=no-such-rules", data=_invoice(), content_type="text/xml")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert "no-such-rules" in problem["detail"]
    assert problem["rule_sets"]
    chosen = problem["rule_sets"][0]
    response = client.post(API + f"?rules={chosen}", data=_invoice(), content_type="text/xml")
    assert response.status_code == 200
    assert response.json()["documents"][0]["rule_set"] == chosen


def _order_change_both_releases_judge_differently() -> bytes:
    """An order change whose line total is wrong: PEPPOL-T114-R008 is fatal in release 2025.5
    and a warning in 2026.5."""
    from lxml import etree

    from heldigital import xml
    from heldigital.rules.core import NS

    path = corpus("poacc-upgrade-3/rules/examples/OrderChange_Example.xml")
    root = xml.parse(path.read_bytes()).getroot()
    total = root.find("cac:AnticipatedMonetaryTotal/cbc:LineExtensionAmount", NS)
    total.text = str(float(total.text) + 1)
    return etree.tostring(root)


def test_release_and_day_choose_the_rules_as_the_cli_does(client, tmp_path):
    data = _order_change_both_releases_judge_differently()

    def api(query: str) -> dict:
        response = client.post(API + query, data=data, content_type="application/xml")
        assert response.status_code == 200, response.content
        return response.json()["documents"][0]

    def flags(document: dict) -> dict[str, str]:
        return {e["rule"]: e["severity"] for e in document["errors"]}

    old, new = api("?release=2025.5"), api("?release=2026.5")
    assert (old["release"], new["release"]) == ("2025.5", "2026.5")
    assert flags(old)["PEPPOL-T114-R008"] == "fatal" and old["valid"] is False
    assert flags(new)["PEPPOL-T114-R008"] == "warning"
    # by day: the newest release in force then
    assert api("?on=2026-08-23")["release"] == "2025.5"
    assert api("?on=2026-08-24")["release"] == "2026.5"
    # release and rule set together
    forced = api("?release=2025.5&rules=peppolbis-t114-base-3.0")
    assert (forced["release"], forced["rule_set"]) == ("2025.5", "peppolbis-t114-base-3.0")
    # the same report as the CLI with --release
    path = tmp_path / "document.xml"
    path.write_bytes(data)
    result = CliRunner().invoke(
        cli_app, ["validate", "--format", "json", "--release", "2025.5", str(path)]
    )
    expected = json.loads(result.stdout)["documents"][0]
    expected["path"] = "document.xml"
    assert old == expected


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("?release=2024.11", "2024.11"),
        ("?release=2026.5&on=2026-08-23", "2026.5"),
        ("?on=2020-01-01", "2020-01-01"),
    ],
)
def test_unknown_release_or_none_in_force_is_a_422_problem(client, query, words):
    response = client.post(API + query, data=_invoice(), content_type="text/xml")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert words in problem["detail"]
    assert [r["name"] for r in problem["releases"]] == ["2025.5", "2026.5"]
    assert problem["releases"][0]["in_force_from"] == "2025-08-25"


def test_a_malformed_day_is_a_422_not_a_server_error(client):
    response = client.post(API + "?on=2026-13-01", data=_invoice(), content_type="text/xml")
    assert response.status_code == 422


@override_settings(HELDIGITAL_VALIDATE_MAX_BYTES=1024)
def test_too_large_is_413_problem(client):
    response = client.post(API, data=b"<a>" + b" " * 2000 + b"</a>", content_type="application/xml")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["max_bytes"] == 1024


def test_too_many_no_files_and_wrong_type(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(f"{i}.xml", b"<a/>") for i in range(21)]
    assert client.post(API, data={"files": files}).status_code == 422
    assert client.post(API, data={"other": "x"}).status_code == 422
    response = client.post(API, data=b"{}", content_type="application/json")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


def test_hostile_xml_is_reported_not_raised(client):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>'
    )
    response = client.post(API, data=bomb, content_type="application/xml")
    assert response.status_code == 200
    errors = response.json()["documents"][0]["errors"]
    assert [e["rule"] for e in errors] == ["XML"]


def test_the_page_shows_findings_at_their_source_line(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _broken(_invoice())
    assert client.get("/validate/").status_code == 200
    response = client.post(
        "/validate/",
        data={"files": [SimpleUploadedFile("faktura.xml", data, "application/xml")]},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "faktura.xml" in page
    assert "PEPPOL-EN16931-F001" in page
    assert "Ikke gyldig." in page
    # the highlighted line is the IssueDate line of the uploaded document
    line = (
        data.decode()
        .splitlines()
        .index(next(s for s in data.decode().splitlines() if "<cbc:IssueDate>x" in s))
        + 1
    )
    marked = re.findall(r'<mark><span class="hd-lineno">(\d+)</span>', page)
    assert str(line) in marked
    assert "&lt;cbc:IssueDate&gt;x" in page


def test_the_page_refuses_no_documents_with_a_message(client):
    response = client.post("/validate/", data={}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 400
    assert "Velg minst ett dokument" in response.content.decode()
