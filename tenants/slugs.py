"""Rules for a company's slug, the left-most label of its host name."""

from __future__ import annotations

import re

SLUG_MIN, SLUG_MAX = 3, 40
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
RESERVED_SLUGS = frozenset(
    [
        "www",
        "api",
        "admin",
        "console",
        "static",
        "mail",
        "smtp",
        "imap",
        "pop",
        "ftp",
        "app",
        "apps",
        "public",
        "hansa",
        "help",
        "support",
        "docs",
        "status",
        "media",
        "assets",
        "cdn",
        "billing",
        "signup",
        "signin",
        "login",
        "logout",
        "auth",
        "account",
        "accounts",
        "dashboard",
        "operator",
        "operators",
        "root",
        "system",
        "test",
        "demo",
        "dev",
        "staging",
        "prod",
        "internal",
        "webhooks",
        "stripe",
        "blog",
        "news",
        "about",
    ]
)


def slug_problem(slug: str) -> tuple[str, str] | None:
    """The (code, message) that makes ``slug`` unusable, or None when its form is acceptable."""
    if not SLUG_MIN <= len(slug) <= SLUG_MAX:
        return "slug_invalid", f"Use {SLUG_MIN} to {SLUG_MAX} characters."
    if not SLUG_RE.match(slug):
        return (
            "slug_invalid",
            "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit.",
        )
    if "--" in slug:
        return "slug_invalid", "Do not use two hyphens in a row."
    if slug in RESERVED_SLUGS:
        return "slug_reserved", "This address is reserved."
    return None
