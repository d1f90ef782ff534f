"""``heldigital serve`` is the production server (Granian, ASGI): started for real on a free port.

It serves a page, a static file and the API with the security headers; with
``HELDIGITAL_HTTPS=1`` cookies are Secure, HSTS is sent and plain HTTP is
redirected; half-sent request bodies hold no thread (a page still answers at
once), an oversized body is refused before it is read (413) and a stalled
one times out (408).
"""

from __future__ import annotations

import http.client
import json
import socket
import time

from .conftest import free_port, running, wait_for_http


def _get(port: int, path: str, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_production_server_pages_static_api_and_https_headers(process_env, tmp_path):
    port = free_port()
    env = {**process_env, "HELDIGITAL_HTTPS": "1", "HELDIGITAL_READ_TIMEOUT": "2"}
    log = tmp_path / "server.log"
    command = ["serve", "--port", str(port), "--workers", "1", "--no-migrate"]
    command += ["--no-collectstatic", "--read-timeout", "2"]
    with running(command, env, tmp_path, log) as server:
        wait_for_http(f"http://127.0.0.1:{port}/notices/", server, log)
        assert b"granian" in _get(port, "/notices/")[0].getheader("server", "").encode()
        https = {"X-Forwarded-Proto": "https"}

        # Plain HTTP is redirected to HTTPS (the proxy says which it was).
        response, _ = _get(port, "/notices/")
        assert response.status == 301
        assert response.getheader("location") == f"https://127.0.0.1:{port}/notices/"

        # A page: CSP, HSTS, a Secure CSRF cookie; public, so no no-store.
        response, body = _get(port, "/notices/", https)
        assert response.status == 200
        assert b"<html" in body
        csp = response.getheader("content-security-policy")
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.getheader("strict-transport-security").startswith("max-age=31536000")
        cookie = response.getheader("set-cookie")
        assert "csrftoken=" in cookie and "Secure" in cookie
        assert "no-store" not in (response.getheader("cache-control") or "")

        # A static file through WhiteNoise.
        response, body = _get(port, "/static/web/heldigital.css", https)
        assert response.status == 200
        assert response.getheader("content-type").startswith("text/css")
        assert len(body) > 100

        # The API: a public read, and an authenticated route (no-store whatever the answer).
        response, body = _get(port, "/api/v1/notices", https)
        assert response.status == 200
        assert isinstance(json.loads(body), list | dict)
        response, body = _get(port, "/api/v1/tenders", {**https, "Authorization": "Bearer x"})
        assert response.status == 401
        assert "no-store" in response.getheader("cache-control")
        assert response.getheader("content-type") == "application/problem+json"

        # 60 half-sent uploads hold no thread: a page still answers at once.
        slow = []
        for _ in range(60):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(
                b"PUT /api/v1/uploads/00000000-0000-0000-0000-000000000000?offset=0 HTTP/1.1\r\n"
                b"Host: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                b"Content-Length: 1000000\r\n\r\n" + b"x" * 1000
            )
            slow.append(sock)
        started = time.monotonic()
        response, _ = _get(port, "/api/v1/notices", https)
        assert response.status == 200
        assert time.monotonic() - started < 5

        # A stalled body is answered 408 after the read timeout (2 s here).
        slow[0].settimeout(30)
        answer = slow[0].recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        for sock in slow:
            sock.close()

        # A body larger than the limit is refused before it is read.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(
                b"PUT /api/v1/uploads/x?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"X-Forwarded-Proto: https\r\nContent-Length: 999999999999\r\n\r\n"
            )
            answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413"), answer
        assert b"application/problem+json" in answer


def test_private_answers_are_no_store_and_every_page_has_a_csp(client, buyer):
    public = client.get("/notices/")
    assert public.status_code == 200
    assert "Content-Security-Policy" in public.headers
    assert "no-store" not in public.headers.get("Cache-Control", "")
    client.force_login(buyer)
    private = client.get("/notices/")
    assert private.headers["Cache-Control"].startswith("no-store")
    assert "Content-Security-Policy" in private.headers
    client.logout()
    receipt = client.get("/supplier/receipts/00000000-0000-0000-0000-000000000000.pdf")
    assert receipt.headers["Cache-Control"].startswith("no-store")
