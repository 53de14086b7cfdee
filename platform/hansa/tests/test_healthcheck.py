"""The probe the units and containers run: where it connects, what it sends, how it answers."""

from __future__ import annotations

import http.server
import socket
import threading

from hansa import healthcheck


def test_the_probe_connects_to_the_loopback_when_the_server_listens_everywhere():
    assert (
        healthcheck.probe_url({"HANSA_BIND": "0.0.0.0:8000"}, "/healthz") == "http://127.0.0.1:8000/healthz"
    )
    assert healthcheck.probe_url({"HANSA_BIND": "10.0.0.5:9000"}, "/readyz") == "http://10.0.0.5:9000/readyz"
    assert healthcheck.probe_url({}, "/readyz") == "http://127.0.0.1:8000/readyz"


def test_the_probe_names_the_base_domain_and_fails_on_anything_but_200(monkeypatch, capsys):
    seen_hosts = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen_hosts.append(self.headers["Host"])
            status = 200 if self.path == "/healthz" else 503
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b'{"code": "not_ready"}' if status == 503 else b'{"status": "ok"}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("HANSA_BIND", f"0.0.0.0:{server.server_port}")
        monkeypatch.setenv("HANSA_BASE_DOMAIN", "hansa.example.com")
        assert healthcheck.main(["/healthz"]) == 0
        assert healthcheck.main(["/readyz"]) == 1
    finally:
        server.shutdown()
        server.server_close()
    assert seen_hosts == ["hansa.example.com", "hansa.example.com"]
    assert "/readyz: 503" in capsys.readouterr().err


def test_the_probe_fails_when_nothing_listens(monkeypatch, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("HANSA_BIND", f"127.0.0.1:{port}")
    assert healthcheck.main(["/healthz", "--timeout", "2"]) == 1
    assert "not healthy" in capsys.readouterr().err
