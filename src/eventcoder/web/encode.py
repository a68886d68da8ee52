"""JSON answers of the API, encoded in one pass by the standard library.

FastAPI would pass a returned dict through ``jsonable_encoder`` (a Python walk over every value, about a
microsecond each) on the event loop, after the endpoint's thread has finished; :func:`json_response` encodes
in the endpoint's own thread instead, so the event loop only sends bytes. Dates and times become ISO strings
and decimals floats, as ``jsonable_encoder`` makes them.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from fastapi.responses import Response

__all__ = ["json_bytes", "json_response"]


def _plain(value: Any) -> Any:
    """What ``json.dumps`` cannot write itself: dates and times as ISO strings, decimals as floats, sets as lists."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_bytes(content: Any) -> bytes:
    """``content`` as compact UTF-8 JSON. Raises TypeError for a value of another type, ValueError for NaN."""
    return json.dumps(content, default=_plain, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def json_response(content: Any, status_code: int = 200) -> Response:
    """A JSON :class:`Response` of ``content`` (encoded now, by :func:`json_bytes`)."""
    return Response(json_bytes(content), status_code=status_code, media_type="application/json")
