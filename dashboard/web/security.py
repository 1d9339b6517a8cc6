"""Security headers on every answer: a Content-Security-Policy for this origin only, and the rest.

The policy allows inline scripts only by their hashes and starts no workers, and every
answer also carries ``frame-ancestors 'none'``, ``X-Frame-Options: DENY``,
``X-Content-Type-Options: nosniff``, a Referrer-Policy, and HSTS when served over HTTPS.
Written here rather than with flask-talisman: its defaults (HTTPS redirects among them) would
have to be turned off one by one, and it would still need Dash's inline-script hashes
(``app.csp_hashes()``) passed in, which is most of what these few lines do.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from types import MappingProxyType
from typing import Final

from dash import Dash
from flask import Response, request

SECURITY_HEADERS: Final = MappingProxyType(
    {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }
)
HSTS: Final = "max-age=31536000"


def content_security_policy(script_hashes: list[str]) -> str:
    """This origin only. Dash's inline scripts (the renderer start-up and clientside callbacks)
    are allowed by hash; plotly and Dash set inline styles; plotly's image export uses
    ``data:``/``blob:`` images. The map is SVG: no worker, no WebGL."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "child-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def inline_script_hashes(page: str) -> list[str]:
    """The CSP hashes of every inline script of an HTML page (for a page the app builds whole,
    such as the report, which carries its own policy)."""
    bodies = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.DOTALL)
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in bodies
        if body.strip()
    ]


def configure_security_headers(app: Dash) -> None:
    """Add the policy and the security headers to every answer of ``app``'s server."""

    @functools.cache
    def policy() -> str:
        # Taken at the first request, once every callback (and its inline script) is registered.
        return content_security_policy(app.csp_hashes())

    @app.server.after_request
    def add_security_headers(response: Response) -> Response:
        # A page that set its own policy (the report, for its inline scripts) keeps it.
        response.headers.setdefault("Content-Security-Policy", policy())
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
