"""Probe a running Hansa web server: ``python -m hansa.healthcheck [/healthz | /readyz] [--wait SECONDS]``.

Used by the systemd units (``ExecStartPost`` waits for ``/readyz``; the health timer restarts the web
unit when ``/healthz`` stops answering), the Docker ``HEALTHCHECK`` and the compose file. Standard
library only, and it never loads Django, so it costs a fraction of a second.

The server is the one ``HANSA_BIND`` names (``0.0.0.0`` becomes ``127.0.0.1``), or ``--url``; the request
carries ``Host: <HANSA_BASE_DOMAIN>``, the only host name besides the companies' that production answers.
Exit status 0 when the probe answers 200 (within ``--wait`` seconds, retrying), else 1 with the reason on
standard error.
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import time
from collections.abc import Mapping
from urllib.parse import urlsplit


def probe_url(environ: Mapping[str, str], path: str) -> str:
    bind = environ.get("HANSA_BIND") or "127.0.0.1:8000"
    host, _, port = bind.rpartition(":")
    if host in {"", "0.0.0.0", "[::]", "::"}:  # noqa: S104 - where to connect, not where to listen
        host = "127.0.0.1"
    return f"http://{host}:{port or 8000}{path}"


def probe(url: str, *, host_header: str, timeout: float) -> tuple[bool, str]:
    """One GET of ``url``; (answered 200, what happened)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/", headers={"Host": host_header} if host_header else {})
        response = connection.getresponse()
        body = response.read(500).decode("utf-8", "replace")
    except OSError as exc:
        return False, f"{url}: {type(exc).__name__}: {exc}"
    finally:
        connection.close()
    return response.status == 200, f"{url}: {response.status} {body.strip()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hansa.healthcheck", description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default="/healthz", choices=["/healthz", "/readyz"])
    parser.add_argument("--url", help="the probe's full URL (default: from HANSA_BIND)")
    parser.add_argument("--wait", type=float, default=0.0, help="retry for up to this many seconds")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per attempt")
    args = parser.parse_args(argv)
    url = args.url or probe_url(os.environ, args.path)
    host_header = os.environ.get("HANSA_BASE_DOMAIN", "")
    deadline = time.monotonic() + args.wait
    while True:
        ok, what = probe(url, host_header=host_header, timeout=args.timeout)
        if ok or time.monotonic() >= deadline:
            break
        time.sleep(1.0)
    if not ok:
        print(f"hansa healthcheck: not healthy: {what}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
