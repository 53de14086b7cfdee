"""Serve the single-page app's index.html for every path that is not an API or static path."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie


@functools.lru_cache(maxsize=1)
def _index_html(mtime: float) -> str:
    return (Path(settings.FRONTEND_DIST) / "index.html").read_text(encoding="utf-8")


@ensure_csrf_cookie
def spa_index(request: HttpRequest, path: str = "") -> HttpResponse:
    index = Path(settings.FRONTEND_DIST) / "index.html"
    if not index.exists():
        return HttpResponse(
            "<!doctype html><title>Hansa</title><p>The web app is not built yet: run <code>./hansa run</code> "
            "(it builds it) or <code>npm --prefix frontend run build</code>.</p>",
            status=503,
        )
    html = _index_html(index.stat().st_mtime).replace(
        "</head>", f'<meta name="hansa-base-domain" content="{settings.HANSA_BASE_DOMAIN}"></head>', 1
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "no-cache"
    return response
