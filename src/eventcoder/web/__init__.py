"""The web layer: an HTTP API and a dashboard over the event store (``eventcoder serve``).

:func:`create_app` builds the FastAPI application (:mod:`eventcoder.web.api`); :mod:`eventcoder.web.highlight`
finds where an event's actors and trigger stand in its sentence; the pages and their scripts are in
``static/``. Around them: :mod:`~eventcoder.web.guard` (body limit, Host allow-list, security headers, bare
500s), :mod:`~eventcoder.web.coding` (texts coded in a worker process, bounded in queue and time),
:mod:`~eventcoder.web.reader` (one read connection shared by overlapping requests),
:mod:`~eventcoder.web.encode` (JSON answers) and :mod:`~eventcoder.web.server` (uvicorn with read timeouts
and a connection cap).
"""

from __future__ import annotations

from .api import create_app

__all__ = ["create_app"]
