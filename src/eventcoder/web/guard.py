"""Two small ASGI middlewares of the web app: a request-size limit and security headers.

:class:`BodyLimit` answers 413 to a request whose body is larger than ``max_bytes``, whether it says so in
``Content-Length`` or streams more than that; the body is read before the app sees it (2 MiB at most).
:class:`SecurityHeaders` adds a Content-Security-Policy that lets pages run this origin's scripts and styles
only (no inline script: an injected ``<script>`` would not run even if it reached the page as HTML), and
``nosniff``, no-referrer and no-framing headers to every response.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["CSP", "BodyLimit", "SecurityHeaders"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The Content-Security-Policy of every response."""

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


async def _too_large(send: Any, max_bytes: int) -> None:
    body = json.dumps({"detail": f"request body is larger than {max_bytes} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: dict) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes`` (declared or streamed).

    Args:
        app: the ASGI app to guard.
        max_bytes (int): the largest body passed on.
    """

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
            more = message.get("more_body", False)
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive: Any) -> Any:
    """A ``receive`` that hands over the body read already, then waits on the real one (disconnects)."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class SecurityHeaders:
    """ASGI middleware: adds :data:`CSP` and the other security headers to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in _HEADERS if h[0] not in names)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
