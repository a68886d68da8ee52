"""Running the app under uvicorn with bounds on connections: :func:`run` and :class:`GuardedH11Protocol`.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive`` seconds, but it waits for ever for
the first request of a new connection and for the rest of a request that arrives slowly (a client that
connects and sends nothing, or one header line a minute, holds a socket and a file handle as long as it
likes). :class:`GuardedH11Protocol`, uvicorn's HTTP/1.1 protocol with one timer more, closes a connection whose
request (headers and body) has not fully arrived ``read_timeout`` seconds after the connection was made or
the previous answer was sent, and closes at once a connection beyond ``max_connections`` open ones. h11
refuses a request head that is still incomplete past ``h11_max_incomplete_event_size`` bytes with a 400; that
400, and the one for a request that is not HTTP, is answered before the app runs, so the protocol adds the
security headers of :data:`eventcoder.web.guard.SECURITY_HEADERS` to it itself.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .guard import SECURITY_HEADERS

__all__ = ["KEEP_ALIVE", "MAX_CONNECTIONS", "MAX_HEAD", "READ_TIMEOUT", "GuardedH11Protocol", "run"]

READ_TIMEOUT = 10.0
"""Default seconds a client has to send a whole request (``eventcoder serve --read-timeout``)."""

KEEP_ALIVE = 5
"""Seconds an idle keep-alive connection stays open after an answer."""

MAX_CONNECTIONS = 1000
"""Default most connections open at once (``eventcoder serve --max-connections``); more are closed at once."""

MAX_HEAD = 16 * 1024
"""Most bytes of a request's line and headers (h11's limit; a longer head gets 400)."""


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request read timeout and a connection cap (class attributes, set by
    :func:`protocol_class`)."""

    read_timeout: float = READ_TIMEOUT
    max_connections: int = MAX_CONNECTIONS
    _read_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Count the connection; close it when over the cap, else start the read timer."""
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.close()
            return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the read timer, then as uvicorn."""
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        """As uvicorn; stop the read timer once the request being answered has fully arrived."""
        super().handle_events()
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and not cycle.more_body:
            self._disarm()

    def on_response_complete(self) -> None:
        """Start the read timer for the next request, then as uvicorn (which may read a pipelined one)."""
        if not self.transport.is_closing():
            self._arm()
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request h11 cannot read (malformed, or a head over :data:`MAX_HEAD`): a plain
        400 with the message, the security headers, and the connection closed."""
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                   *((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items())]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=msg.encode("ascii", "replace")), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def protocol_class(read_timeout: float = READ_TIMEOUT, max_connections: int = MAX_CONNECTIONS) -> type:
    """A :class:`GuardedH11Protocol` subclass with these bounds (uvicorn builds one per connection)."""
    return type("EventcoderH11Protocol", (GuardedH11Protocol,),
                {"read_timeout": read_timeout, "max_connections": max_connections})


def run(app: Any, host: str, port: int, *, read_timeout: float = READ_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS) -> None:
    """Serve ``app`` with uvicorn on ``host:port`` until interrupted, with the bounds above.

    The app's own log (``eventcoder.*`` loggers: the details of 5xx answers) goes to stderr beside uvicorn's.

    Raises:
        OSError: the address cannot be bound (uvicorn exits the process with status 1 then).
    """
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    logging = {**LOGGING_CONFIG, "loggers": {**LOGGING_CONFIG["loggers"],  # the app's errors to stderr, as uvicorn's
                                             "eventcoder": {"handlers": ["default"], "level": "WARNING"}}}
    uvicorn.run(app, host=host, port=port, log_level="warning", log_config=logging,
                http=protocol_class(read_timeout, max_connections), timeout_keep_alive=KEEP_ALIVE,
                h11_max_incomplete_event_size=MAX_HEAD, backlog=max_connections)
