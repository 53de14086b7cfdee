"""A fake carrier for tests: a real HTTP server (a thread of the test process) that speaks the carrier
side of the generic_json webhook protocol (docs/supplychain-tracking.md).

The test drives it over HTTP like a carrier's own system would be driven by its scanners:
``POST /scan`` with ``{"tracking_number", "type", ...}`` makes the carrier build the event (its own event
id), sign it with the account's secret and POST it to the company's webhook URL, then answer with what the
webhook answered. ``replay`` resends the last delivery byte for byte; ``tamper`` and ``stale`` make
deliveries a real carrier would never make (a body changed after signing, a timestamp too old).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign


class FakeCarrier:
    def __init__(self, *, webhook_url: str, secret: str, host: str) -> None:
        self.webhook_url = webhook_url
        self.secret = secret
        self.host = host  # the company's host name (the test server listens on the loopback address)
        self.last: tuple[bytes, dict[str, str]] | None = None
        self.deliveries: list[tuple[int, dict[str, Any]]] = []
        carrier = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                command = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/scan":
                    status, answer = carrier.scan(command)
                elif self.path == "/replay":
                    status, answer = carrier.replay()
                else:
                    status, answer = 404, {"error": "unknown"}
                body = json.dumps({"webhook_status": status, "webhook_answer": answer}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeCarrier:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # --- the carrier's side of the protocol -----------------------------------------------------------

    def scan(self, command: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        tamper = command.pop("tamper", False)
        stale = command.pop("stale", False)
        event = {"event_id": f"evt_{secrets.token_hex(8)}", **command}
        body = json.dumps(event).encode()
        timestamp = int(time.time()) - (3600 if stale else 0)
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(secret=self.secret, timestamp=timestamp, body=body),
        }
        if tamper:
            body += b" "  # still valid JSON, but not the bytes that were signed
        self.last = (body, headers)
        return self._post(body, headers)

    def replay(self) -> tuple[int, dict[str, Any]]:
        assert self.last is not None
        return self._post(*self.last)

    def _post(self, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(self.webhook_url, data=body, method="POST")  # noqa: S310 (loopback)
        for name, value in {**headers, "Host": self.host}.items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
                status, answer = response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            status, answer = error.code, json.loads(error.read() or b"{}")
        self.deliveries.append((status, answer))
        return status, answer


def drive(carrier_url: str, path: str, command: dict[str, Any] | None = None) -> dict[str, Any]:
    """What a test does to the carrier: an HTTP call to its control endpoint."""
    request = urllib.request.Request(  # noqa: S310 (loopback)
        carrier_url + path,
        data=json.dumps(command or {}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())  # type: ignore[no-any-return]
