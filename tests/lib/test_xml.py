"""The hardened XML parser against the classic XML attacks and bad input.

Each attack is tested twice: through the public functions (which refuse any
DOCTYPE before libxml2 sees the document) and, as defence in depth, straight
through the configured lxml parser (as if the DOCTYPE scan were bypassed), to
show that the parser itself neither reads files nor opens connections.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

import heldigital.xml as hxml
from heldigital.xml import DocumentError, parse, parse_file, parse_stream
from tests.conftest import corpus

MARKER = "TOP-SECRET-7f3a9c"
UBL_INVOICE = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def hardened_parse(data: bytes) -> str:
    """Parse with the library's lxml parser alone; return the serialised result."""
    try:
        root = etree.fromstring(data, hxml._parser())
    except etree.XMLSyntaxError as exc:
        return f"error: {exc}"
    return etree.tostring(root, encoding="unicode")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(MARKER)
    return path


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> int:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()
        return self.connections


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def assert_refused_doctype(data: bytes, line: int, column: int) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        parse(data, source="upload.xml")
    error = info.value
    assert "document type declarations (<!DOCTYPE>) are not allowed" in error.message
    assert (error.line, error.column, error.source) == (line, column, "upload.xml")
    assert str(error).startswith(f"upload.xml, line {line}, column {column}: ")
    return error


# --- a real business document ------------------------------------------------------------


def test_parses_an_official_peppol_bis_invoice_three_ways():
    path = corpus("peppol-bis-invoice-3", "rules", "examples", "base-example.xml")
    data = path.read_bytes()
    trees = [parse(data), parse_file(path), parse_stream(io.BytesIO(data))]
    for tree in trees:
        root = tree.getroot()
        assert root.tag == UBL_INVOICE
        assert root.findtext(f"{{{CBC}}}ID") == "Snippet1"
        assert root.findtext(f"{{{CBC}}}DocumentCurrencyCode") == "EUR"
    assert etree.tostring(trees[0]) == etree.tostring(trees[1]) == etree.tostring(trees[2])


# --- XXE: external entities, parameter entities, external DTDs --------------------------


def test_xxe_file_entity_is_refused_and_never_read(secret_file):
    doc = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]>\n'
        "<r>&x;</r>"
    ).encode()
    error = assert_refused_doctype(doc, line=2, column=1)
    assert MARKER not in str(error)
    # Defence in depth: the parser itself does not substitute the entity.
    assert MARKER not in hardened_parse(doc)


def test_xxe_network_entity_makes_no_connection(listener):
    url = f"http://127.0.0.1:{listener.port}/evil.xml"
    doc = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{url}">]><r>&x;</r>'.encode()
    assert_refused_doctype(doc, line=1, column=1)
    hardened_parse(doc)
    time.sleep(0.3)  # give the listener thread time to see a connection
    assert listener.connections == 0
    # The listener does see connections: the assertion above can fail.
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    time.sleep(0.3)
    assert listener.close() == 1


def test_parameter_entities_are_refused_and_not_fetched(tmp_path, listener):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{MARKER}">')
    for target in (dtd.as_uri(), f"http://127.0.0.1:{listener.port}/evil.dtd"):
        doc = (
            f'<?xml version="1.0"?>\n\n<!DOCTYPE r [\n  <!ENTITY % p SYSTEM "{target}">\n  %p;\n]>'
            "\n<r>&leak;</r>"
        ).encode()
        assert_refused_doctype(doc, line=3, column=1)
        assert MARKER not in hardened_parse(doc)
    assert listener.close() == 0


def test_external_dtd_is_refused_and_not_loaded(tmp_path):
    dtd = tmp_path / "external.dtd"
    dtd.write_text(f'<!ENTITY e "{MARKER}">')
    doc = (
        f'<?xml version="1.0"?>\n<!-- a comment -->\n<!DOCTYPE r SYSTEM "{dtd.as_uri()}"><r>&e;</r>'
    ).encode()
    assert_refused_doctype(doc, line=3, column=1)
    # Had the DTD been loaded, &e; would expand to the marker.
    assert MARKER not in hardened_parse(doc)
    loading = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=True)
    assert MARKER in etree.tostring(etree.fromstring(doc, loading), encoding="unicode")


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n<lolz>&lol9;</lolz>"
).encode()


def test_billion_laughs_is_refused():
    assert_refused_doctype(BILLION_LAUGHS, line=2, column=1)
    result = hardened_parse(BILLION_LAUGHS)
    assert "lollollol" not in result


def test_doctype_behind_a_long_comment_is_still_found():
    doc = b'<?xml version="1.0"?>\n<!--' + b"x" * 200_000 + b"-->\n<!DOCTYPE r>\n<r/>"
    assert_refused_doctype(doc, line=3, column=1)
    doc = b'<?xml version="1.0"?>\n<?pi ' + b"y" * 100_000 + b"?>  <!DOCTYPE r><r/>"
    assert_refused_doctype(doc, line=2, column=100_010)


def test_the_word_doctype_elsewhere_is_fine():
    tree = parse(b"<!-- <!DOCTYPE x> --><r><![CDATA[<!DOCTYPE y>]]>&lt;!DOCTYPE z&gt;</r>")
    assert tree.getroot().text == "<!DOCTYPE y><!DOCTYPE z>"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_documents_are_read_and_their_doctype_refused(codec):
    body = '<?xml version="1.0" encoding="UTF-16"?>\n<r>blåbærsyltetøy €</r>'
    if codec != "utf-16":
        body = "\ufeff" + body
    tree = parse(body.encode(codec))
    assert tree.getroot().text == "blåbærsyltetøy €"
    evil = '<?xml version="1.0" encoding="UTF-16"?>\n\n<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'
    if codec != "utf-16":
        evil = "\ufeff" + evil
    assert_refused_doctype(evil.encode(codec), line=3, column=1)


def test_utf16_without_bom_is_recognised():
    evil = '<?xml version="1.0" encoding="UTF-16LE"?><!DOCTYPE r><r/>'.encode("utf-16-le")
    assert_refused_doctype(evil, line=1, column=42)


# --- size limits ---------------------------------------------------------------------------


def test_oversize_bytes_are_refused_before_parsing():
    with pytest.raises(
        DocumentError, match=r"document is 1,000,007 bytes, over the limit of 1,000"
    ):
        parse(b"<r>" + b"x" * 1_000_000 + b"</r>", max_bytes=1000)


class Endless(io.RawIOBase):
    """A stream that never ends (like a hostile upload)."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = 65536 if size is None or size < 0 else size
        data = b"<r>" if not self.served else b"a" * size
        self.served += len(data)
        return data


def test_parse_stream_stops_reading_an_endless_stream():
    stream = Endless()
    with pytest.raises(DocumentError, match=r"over the limit of 5,000,000 bytes"):
        parse_stream(stream, max_bytes=5_000_000, source="upload")
    assert stream.served <= 5_000_000 + hxml._CHUNK


def test_parse_file_refuses_a_huge_file_without_reading_it(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(hxml.DEFAULT_MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(DocumentError) as info:
        parse_file(path)
    assert info.value.source == str(path)
    assert "over the limit of 67,108,864 bytes" in info.value.message
    small = tmp_path / "small.xml"
    small.write_bytes(b"<r>" + b"x" * 100 + b"</r>")
    with pytest.raises(DocumentError, match="over the limit of 50 bytes"):
        parse_file(small, max_bytes=50)


def test_excessive_nesting_is_refused():
    depth = 10_000
    with pytest.raises(DocumentError) as info:
        parse(b"<a>" * depth + b"</a>" * depth)
    assert info.value.line == 1
    assert "depth" in info.value.message.lower()


# --- malformed input -----------------------------------------------------------------------


def test_invalid_utf8_is_located():
    with pytest.raises(DocumentError) as info:
        parse(b'<?xml version="1.0" encoding="UTF-8"?>\n<r>\n  caf\xe9</r>')
    assert (info.value.line, info.value.column) == (3, 6)
    assert "not well-formed XML" in info.value.message
    assert "encoding" in info.value.message.lower()


def test_truncated_document_is_located():
    with pytest.raises(DocumentError) as info:
        parse(b"<Invoice>\n  <ID>1</ID>\n  <Note>cut off", source="inbox/1.xml")
    assert info.value.line == 3
    assert info.value.column is not None
    assert str(info.value).startswith("inbox/1.xml, line 3, column ")


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty_input_is_refused(data):
    with pytest.raises(DocumentError, match=r"^document is empty$"):
        parse(data)


def test_text_instead_of_bytes_is_refused():
    with pytest.raises(DocumentError, match="must be given as bytes, not text"):
        parse("<r/>")  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="must be given as bytes, not NoneType"):
        parse(None)  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="binary mode"):
        parse_stream(io.StringIO("<r/>"))  # type: ignore[arg-type]


def test_non_markup_is_refused_with_position():
    with pytest.raises(DocumentError) as info:
        parse(b"\n  hello <r/>")
    assert (info.value.line, info.value.column) == (2, 3)


def test_missing_file_names_the_file(tmp_path):
    path = tmp_path / "nope.xml"
    with pytest.raises(DocumentError) as info:
        parse_file(path)
    assert info.value.source == str(path)
    assert "cannot read file: No such file or directory" in info.value.message


# --- bounded memory, measured in a fresh process -----------------------------------------

MEMORY_PROBE = textwrap.dedent(
    """
    import io, json, resource, sys
    from lxml import etree
    import heldigital.xml as hxml

    def peak_mib():
        # VmHWM is the peak RSS of this process's own memory since exec.
        # ru_maxrss would do, but on Linux it carries over the parent's size
        # at fork (through exec), which would hide the child's own peak.
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    case = sys.argv[1]
    data = sys.stdin.buffer.read()
    if case == "oversize":  # 100 MiB, one allocation, before the baseline
        data = b"<" * (100 * 1024 * 1024)
    baseline = peak_mib()
    outcome = "parsed"
    try:
        if case in ("parse", "oversize"):
            hxml.parse(data)
        elif case == "hardened":
            try:
                etree.fromstring(data, hxml._parser())
            except etree.XMLSyntaxError as exc:
                outcome = "XMLSyntaxError"
        elif case == "endless":
            class Endless(io.RawIOBase):
                def readable(self):
                    return True
                def readinto(self, buffer):
                    buffer[:] = b"a" * len(buffer)
                    return len(buffer)
            hxml.parse_stream(io.BufferedReader(Endless()))
        elif case == "file":
            hxml.parse_file(sys.argv[2])
        elif case == "control":
            ballast = bytearray(400 * 1024 * 1024)
            ballast[::4096] = b"x" * len(ballast[::4096])
    except hxml.DocumentError as exc:
        outcome = "DocumentError"
    print(json.dumps({"baseline": baseline, "peak": peak_mib(), "outcome": outcome}))
    """
)


def probe(case: str, data: bytes = b"", *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, case, *args],
        input=data,
        capture_output=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_memory_probe_sees_a_large_allocation():
    result = probe("control")
    assert result["peak"] - result["baseline"] > 250, result


@pytest.mark.parametrize("case", ["parse", "hardened"])
def test_billion_laughs_costs_little_memory(case):
    result = probe(case, BILLION_LAUGHS)
    assert result["outcome"] in ("DocumentError", "XMLSyntaxError")
    assert result["peak"] - result["baseline"] < 150, result


def test_quadratic_blowup_costs_little_memory():
    entity = "x" * 50_000
    doc = (
        f'<!DOCTYPE r [<!ENTITY a "{entity}">]><r>' + "&a;" * 50_000 + "</r>"
    ).encode()  # ~2.5 GB if expanded
    for case in ("parse", "hardened"):
        result = probe(case, doc)
        assert result["peak"] - result["baseline"] < 150, (case, result)


def test_oversize_bytes_are_refused_without_a_copy():
    result = probe("oversize")
    assert result["outcome"] == "DocumentError"
    assert result["peak"] - result["baseline"] < 50, result


def test_endless_stream_costs_at_most_the_limit():
    result = probe("endless")
    assert result["outcome"] == "DocumentError"
    # The default limit is 64 MiB: reading stops there.
    assert result["peak"] - result["baseline"] < 150, result


def test_huge_file_costs_nothing(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(4 * 1024**3)
    result = probe("file", b"", str(path))
    assert result["outcome"] == "DocumentError"
    assert result["peak"] - result["baseline"] < 150, result
