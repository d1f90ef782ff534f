"""The request catalogue (UBL Catalogue, PEPPOL T19) and the tender package zip."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta

from heldigital import rules
from heldigital.apps.tendering import artefacts, services
from heldigital.ehf.catalogue import Catalogue
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import PDF


def test_request_catalogue_validates_under_t19(published):
    data = artefacts.request_catalogue(published)
    assert data is not None
    report = rules.validate(data, rule_set="peppolbis-t19-base-3.0")
    assert report.rule_set == "peppolbis-t19-base-3.0"
    assert report.errors == [], [f.as_dict() for f in report.errors]
    items = Catalogue.from_xml(data).items()
    assert [(i.id, i.unit, i.properties[artefacts.ESTIMATED_QUANTITY], i.price) for i in items] == [
        ("1", "HUR", "400", None),
        ("2", "TNE", "120.5", None),
    ]
    assert items[0].properties["Responstid"] == "2 timer"


def test_request_catalogue_detected_without_naming_the_rule_set(published):
    report = rules.validate(artefacts.request_catalogue(published))
    assert report.rule_set == "peppolbis-t19-base-3.0" and report.valid


def test_package_has_latest_documents_catalogue_and_manifest(published, buyer, municipality, now):
    document = published.documents.get()
    services.correct(
        published,
        principal=acting(buyer, municipality),
        summary="Nytt grunnlag",
        documents=[
            services.NewDocument(filename="grunnlag.pdf", content=PDF + b"%2\n", document=document)
        ],
        now=now + timedelta(hours=1),
    )
    published.refresh_from_db()
    with zipfile.ZipFile(io.BytesIO(artefacts.tender_package(published))) as archive:
        names = archive.namelist()
        assert names == [
            "documents/01-grunnlag.pdf",
            "request-catalogue.xml",
            "espd-request.xml",
            "contract-notice.xml",
            "manifest.json",
        ]
        # The notice in the package is the latest one: the change notice.
        latest = published.notices.order_by("-published_at", "-id").first()
        assert archive.read("contract-notice.xml") == bytes(latest.xml)
        assert archive.read("documents/01-grunnlag.pdf") == PDF + b"%2\n"
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["procurement"] == published.reference
        assert manifest["version"] == 2
        for entry in manifest["files"]:
            assert entry["sha256"] == hashlib.sha256(archive.read(entry["name"])).hexdigest()
        assert manifest["files"][0]["version"] == 2
