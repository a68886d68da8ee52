"""The web layer: an HTTP API and a dashboard over the event store (``eventcoder serve``).

:func:`create_app` builds the FastAPI application (:mod:`eventcoder.web.api`); :mod:`eventcoder.web.highlight`
finds where an event's actors and trigger stand in its sentence; the pages and their scripts are in
``static/``.
"""

from __future__ import annotations

from .api import create_app

__all__ = ["create_app"]
