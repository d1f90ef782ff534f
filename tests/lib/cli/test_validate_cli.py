"""The ``heldigital validate`` contract: exit codes, JSON shape, detection."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from typer.testing import CliRunner

from heldigital.cli.main import app
from tests.conftest import corpus

runner = CliRunner()


def _example(name: str = "base-example.xml"):
    return corpus("peppol-bis-invoice-3", "rules", "examples", name)


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_valid_file_exits_0_with_contract_json():
    result = runner.invoke(app, ["validate", "--format", "json", str(_example())])
    assert result.exit_code == 0, result.stdout
    payload = _json(result)
    assert list(payload) == ["documents"]
    (doc,) = payload["documents"]
    assert set(doc) == {"path", "document_type", "rule_set", "release", "valid", "errors"}
    assert doc["release"] == "2026.5"
    assert doc["path"] == str(_example())
    assert doc["document_type"] == "Invoice"
    assert doc["valid"] is True
    for error in doc["errors"]:
        assert set(error) == {"rule", "severity", "location", "message"}
        assert error["severity"] == "warning"


def test_fatal_error_exits_1_and_names_rule(tmp_path):
    original = _example().read_bytes()
    # Remove the invoice number (BT-1): BR-02 must fire.
    start = original.index(b"<cbc:ID>")
    end = original.index(b"</cbc:ID>", start) + len(b"</cbc:ID>")
    broken = tmp_path / "no-number.xml"
    broken.write_bytes(original[:start] + original[end:])
    result = runner.invoke(app, ["validate", "--format", "json", str(broken)])
    assert result.exit_code == 1, result.stdout
    (doc,) = _json(result)["documents"]
    assert doc["valid"] is False
    fatal = [e for e in doc["errors"] if e["severity"] == "fatal"]
    assert any(e["rule"] == "BR-02" and e["location"] == "/Invoice" for e in fatal), fatal


def test_unusable_input_exits_2(tmp_path):
    not_xml = tmp_path / "not.xml"
    not_xml.write_bytes(b"%PDF-1.4 \x00\x01 binary")
    missing = tmp_path / "missing.xml"
    result = runner.invoke(
        app, ["validate", "--format", "json", str(_example()), str(not_xml), str(missing)]
    )
    assert result.exit_code == 2
    docs = _json(result)["documents"]
    assert [d["valid"] for d in docs] == [True, False, False]
    assert docs[1]["errors"][0]["rule"] == "XML"
    assert docs[2]["errors"][0]["rule"] == "IO"
    for d in docs[1:]:
        assert len(d["errors"]) == 1 and d["errors"][0]["severity"] == "fatal"


def test_unknown_rule_set_exits_2():
    result = runner.invoke(app, ["validate", "--rules", "no-such-set", str(_example())])
    assert result.exit_code == 2
    assert "unknown rule set" in result.stderr


def test_forced_rule_set_is_reported():
    result = runner.invoke(
        app, ["validate", "--format", "json", "--rules", "tc434-ubl", str(_example())]
    )
    assert _json(result)["documents"][0]["rule_set"] == "tc434-ubl"


def test_text_output_lists_findings(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<Invoice")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "INVALID" in result.stdout and "XML" in result.stdout


def test_console_script_runs_as_installed():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "heldigital.cli.main",
            "validate",
            "--format",
            "json",
            str(_example()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["valid"] is True


def test_on_picks_the_rule_release_in_force_that_day(tmp_path):
    """DK-R-003 is a warning in PEPPOL 3.0.19 and fatal from release 2026.5 (2026-08-24)."""
    base = corpus("peppol-bis-invoice-3/rules/examples/base-example.xml").read_text()
    danish = re.sub(
        r"<cbc:IdentificationCode>[A-Z]{2}</cbc:IdentificationCode>",
        "<cbc:IdentificationCode>DK</cbc:IdentificationCode>",
        base,
    ).replace(
        "<cac:ClassifiedTaxCategory>",
        '<cac:CommodityClassification><cbc:ItemClassificationCode listID="TST" '
        'listVersionID="1.0">12345678</cbc:ItemClassificationCode>'
        "</cac:CommodityClassification><cac:ClassifiedTaxCategory>",
    )
    path = tmp_path / "dk.xml"
    path.write_text(danish)

    def severity(*options: str) -> set[str]:
        result = runner.invoke(app, ["validate", "--format", "json", *options, str(path)])
        errors = json.loads(result.stdout)["documents"][0]["errors"]
        return {e["severity"] for e in errors if e["rule"] == "DK-R-003"}

    assert severity("--on", "2026-08-23") == {"warning"}
    assert severity("--on", "2026-08-24") == {"fatal"}
    assert severity() == {"fatal"}
    assert severity("--release", "2025.5") == {"warning"}
    assert severity("--release", "2026.5") == {"fatal"}
    bad = runner.invoke(app, ["validate", "--on", "24.08.2026", str(path)])
    assert bad.exit_code == 2
    assert "YYYY-MM-DD" in bad.stderr


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    """``heldigital ARGS`` as the console script runs it, in a new process, reporting whether
    Typer was loaded (the quick path of plain ``validate`` arguments does not load it)."""
    code = (
        "import sys\n"
        "from heldigital.cli.main import run\n"
        "sys.argv = ['heldigital', *sys.argv[1:]]\n"
        "try:\n"
        "    run()\n"
        "finally:\n"
        "    sys.stderr.write('typer loaded: %s' % ('typer' in sys.modules))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )


def test_quick_path_prints_and_exits_as_the_typer_command(tmp_path):
    """Plain arguments skip Typer (cold start) yet give the Typer command's output and status."""
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<Invoice")
    broken = tmp_path / "no-number.xml"
    broken.write_bytes(_example().read_bytes().replace(b"<cbc:ID>", b"<cbc:Note>", 1))
    broken.write_bytes(broken.read_bytes().replace(b"</cbc:ID>", b"</cbc:Note>", 1))
    cases = [
        [str(_example())],
        ["--format", "json", str(_example())],
        ["--format=JSON", str(broken)],
        [str(broken), "--format", "text", "--rules", "tc434-ubl"],
        ["--on", "2026-01-01", "--format", "json", "--", str(_example())],
        [str(bad), str(tmp_path / "missing.xml")],
        ["--rules", "no-such-set", str(_example())],
        ["--on", "24.08.2026", str(_example())],
        ["--release", "2025.5", str(_example())],
        ["--release=2026.5", "--format", "json", str(broken)],
        ["--release", "no-such-release", str(_example())],
    ]
    for args in cases:
        quick = _console("validate", *args)
        assert quick.stderr.endswith("typer loaded: False"), (args, quick.stderr)
        typed = runner.invoke(app, ["validate", *args])
        assert quick.returncode == typed.exit_code, args
        assert quick.stdout == typed.stdout, args
        assert quick.stderr.removesuffix("typer loaded: False") == typed.stderr, args
    assert {_console("validate", *args).returncode for args in cases} == {0, 1, 2}


def test_anything_else_goes_to_typer():
    """Help, unknown options, a bad --format and no file are worded by Typer."""
    for args in (["--help"], ["--verbose", str(_example())], ["--format", "xml", "x.xml"], []):
        proc = _console("validate", *args)
        assert proc.stderr.endswith("typer loaded: True"), (args, proc.stderr)
        assert proc.returncode == (0 if args == ["--help"] else 2), (args, proc.stderr)
    assert "Usage" in _console("validate", "--help").stdout


def test_release_selects_and_is_named_in_the_report():
    for name in ("2025.5", "2026.5"):
        result = runner.invoke(
            app, ["validate", "--format", "json", "--release", name, str(_example())]
        )
        assert result.exit_code == 0, result.stdout
        (doc,) = _json(result)["documents"]
        assert doc["release"] == name
        assert doc["rule_set"] == "peppolbis-en16931-base-3.0-ubl"
    by_day = runner.invoke(
        app, ["validate", "--format", "json", "--on", "2026-08-23", str(_example())]
    )
    assert _json(by_day)["documents"][0]["release"] == "2025.5"
    text = runner.invoke(app, ["validate", "--release", "2025.5", str(_example())])
    assert "peppolbis-en16931-base-3.0-ubl 2025.5;" in text.stdout


def test_unknown_release_exits_2_with_the_known_names():
    result = runner.invoke(app, ["validate", "--release", "2024.11", str(_example())])
    assert result.exit_code == 2
    assert "unknown release '2024.11'" in result.stderr
    assert "2025.5" in result.stderr and "2026.5" in result.stderr
    assert result.stdout == ""
    too_early = runner.invoke(app, ["validate", "--on", "2020-01-01", str(_example())])
    assert too_early.exit_code == 2
    assert "no rule release is in force on 2020-01-01" in too_early.stderr
    not_yet = runner.invoke(
        app, ["validate", "--release", "2026.5", "--on", "2026-01-01", str(_example())]
    )
    assert not_yet.exit_code == 2
    assert "in force from 2026-08-24" in not_yet.stderr
