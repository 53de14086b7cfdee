"""Translate REDIS_URL into the forms each client wants.

redis-py and Django's cache accept ``unix:///path/redis.sock?db=0``; kombu (Celery's transport) wants
``redis+socket:///path/redis.sock``. The embedded Redis of `hansa run` listens on a unix socket.
"""

from urllib.parse import parse_qs, urlparse


def broker_url_from_redis_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "unix":
        db = parse_qs(parsed.query).get("db", ["0"])[0]
        return f"redis+socket://{parsed.path}?virtual_host={db}"
    return url
