"""ASGI middlewares of the web app: a request-size limit, a Host allow-list, and security headers on every answer.

:class:`BodyLimit` answers 413 to a request whose body is larger than ``max_bytes``, whether it says so in
``Content-Length`` or streams more than that; the body is read before the app sees it (2 MiB at most).
:class:`HostAllowList` answers 400 to a request whose ``Host`` header names another server (a page of another
site that reaches this one through DNS rebinding sends its own name there). :class:`SecurityHeaders` adds a
Content-Security-Policy that lets pages run this origin's scripts and styles only (no inline script: an
injected ``<script>`` would not run even if it reached the page as HTML), and ``nosniff``, no-referrer and
no-framing headers to every response; it is the outermost layer, so the 413 and 400 above carry them too, and
it turns an exception nothing else handled into a 500 with a one-line body (the traceback goes to the log,
never to the client).
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Iterable
from typing import Any

__all__ = ["CSP", "LOOPBACK_HOSTS", "SECURITY_HEADERS", "BodyLimit", "HostAllowList", "SecurityHeaders",
           "host_name", "is_loopback"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The Content-Security-Policy of every response."""

SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
"""The headers every response carries (name -> value)."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
"""Host names accepted by default (with any port): this machine's own."""

_HEADERS = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
_log = logging.getLogger("eventcoder.web")


async def send_json(send: Any, status: int, detail: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    """Send a whole JSON answer ``{"detail": detail}`` with ``status`` through the ASGI ``send``."""
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
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
        too_large = f"request body is larger than {self.max_bytes} bytes"
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await send_json(send, 413, too_large)
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await send_json(send, 413, too_large)
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


def host_name(value: str) -> str:
    """The host of a ``Host`` header value, lower case, without its port or brackets: ``[::1]:8000`` -> ``::1``,
    ``Example.org:80`` -> ``example.org``, ``localhost.`` -> ``localhost``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def is_loopback(host: str) -> bool:
    """True when ``host`` (an address or name to listen on) is this machine only: localhost or 127.x / ::1."""
    name = host_name(host) if host.startswith("[") else host.strip().lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class HostAllowList:
    """ASGI middleware: 400 with a one-line detail for a request whose ``Host`` header (its name, any port) is
    not among ``allowed`` (compared without case); a request without a ``Host`` header is refused too.

    Args:
        app: the ASGI app to guard.
        allowed (Iterable[str]): host names or addresses (``127.0.0.1``, ``localhost``, ``::1``, ``events.example``).
    """

    def __init__(self, app: Any, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(a) for a in allowed)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for n, v in scope.get("headers", ()) if n == b"host"), "")
        if host_name(given) in self.allowed:
            await self.app(scope, receive, send)
            return
        shown = " ".join(given.split())[:100]
        await send_json(send, 400, f"Host {shown!r} is not served here: the server's operator can add it with "
                                   "eventcoder serve --allow-host NAME")


class SecurityHeaders:
    """ASGI middleware: adds :data:`SECURITY_HEADERS` to every HTTP response; an exception from the app before
    its answer started becomes a 500 ``{"detail": "internal error ..."}`` (traceback logged to stderr)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in _HEADERS if h[0] not in names)]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            _log.exception("eventcoder serve: %s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await send_json(send_with_headers, 500, "internal error: the request failed; the server's log says why")
