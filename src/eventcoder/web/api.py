"""The HTTP API and the dashboard: a thin FastAPI layer over :mod:`eventcoder.query` and the coder.

:func:`create_app` builds the application that ``eventcoder serve`` runs with uvicorn. Everything it serves
comes from this package: the JSON API under ``/api/v1``, its OpenAPI description at ``/openapi.json``
(rendered by the page ``/docs``), and the dashboard pages with their own HTML, CSS and JavaScript
(``web/static``; nothing is loaded from another site, so it works offline).

Endpoints (``docs/web.md`` describes each field)::

    POST /api/v1/code                {text, published?, doc_id?, headline?, store?} -> the text's events
    GET  /api/v1/events              filters + table, columns, limit, offset, format=json|csv
    GET  /api/v1/stats               filters + by=day|week|month|year, per=none|dyad|actor
    GET  /api/v1/network             filters + level=country|actor, limit
    GET  /api/v1/articles/{doc_id}   the article's metadata, evidence sentences and events

Filters are those of the CLI (``dyad``, ``either``, ``actor``, ``country``, ``code``, ``root``,
``plover_type``, ``since``, ``until``, ``text``, ``doc_id``), checked by :func:`eventcoder.query.parse_filter`
and bound as SQL parameters. A bad value is a 400 with a one-line ``detail``; a request body over
:data:`MAX_BODY` bytes a 413, a ``text`` over :data:`~eventcoder.web.coding.MAX_TEXT` characters a 400;
storing a coded text (and, with ``code_needs_key``, coding one) needs the API key (``X-API-Key`` header): 401
without it, 403 when the server has none. Texts are coded off the event loop by a
:class:`~eventcoder.web.coding.CodingPool` (one at a time, a short queue, a time budget: 503 when full, 504
past the budget). Reads share one store connection while they overlap (:class:`~eventcoder.web.reader.SharedReader`).
Every response, errors included, carries a Content-Security-Policy that allows this origin's scripts only
(:mod:`eventcoder.web.guard`), and the pages insert article text as text, never as HTML. A 5xx answer says
what failed in one generic line; the details (SQL, paths) go to the server's log only.

State lives on ``app.state`` (the store path, the API key, the reader, the coding pool, the lock), never in
this module. A text is coded with the coder of the app's :class:`~eventcoder.options.CoderOptions`, and stored
with :func:`eventcoder.batch.store_coded` and the fingerprint of those settings, as the batch of ``eventcoder
code`` stores its groups (a later batch with other settings codes it again).
"""

from __future__ import annotations

import hmac
import io
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..batch import check_options, store_coded
from ..errors import CodingError, QueryError, StoreError
from ..options import CoderOptions
from ..query import (EventFilter, actor_network, count_events, get_article, parse_filter, select_events,
                     time_series)
from ..store import EventStore
from .coding import CODE_TIMEOUT, MAX_TEXT, CodingBusy, CodingPool, CodingRefused, CodingStopped, CodingTimeout
from .encode import json_response
from .guard import BodyLimit, HostAllowList, SecurityHeaders
from .highlight import with_spans
from .reader import SharedReader

__all__ = ["API_PREFIX", "MAX_BODY", "MAX_OFFSET", "MAX_TEXT", "create_app"]

API_PREFIX = "/api/v1"
"""Where the versioned API lives."""

MAX_BODY = 2 * 1024 * 1024
"""Largest request body accepted, in bytes (2 MiB); a larger one gets 413."""

MAX_PAGE = 1000
"""Most rows one ``GET /api/v1/events`` page returns."""

MAX_OFFSET = 2**62
"""Largest ``offset`` of ``GET /api/v1/events`` (a larger one is a 400; DuckDB's offsets are 64-bit)."""

_log = logging.getLogger("eventcoder.web")

_HIGHLIGHT_COLUMNS = ("sentence", "source_text", "target_text", "trigger")
_PAGES = {"/": "index.html", "/article": "article.html", "/paste": "paste.html", "/docs": "apidocs.html"}


def _static_dir() -> Path:
    return Path(str(files("eventcoder.web") / "static"))


# -- request shapes -------------------------------------------------------------------------------------


class Filters(BaseModel):
    """The CLI's filters as query parameters; each None (or false) leaves its condition out."""

    model_config = ConfigDict(extra="forbid")

    dyad: str | None = Field(None, description="SOURCE:TARGET actor codes, e.g. CHN:KGZ (KGZ matches KGZGOV)")
    either: bool = Field(False, description="the dyad in either direction")
    actor: str | None = Field(None, description="an actor code on either side")
    country: str | None = Field(None, description="source or target country, ISO 3166-1 alpha-3")
    code: str | None = Field(None, description="CAMEO event code with its sub-codes, e.g. 042")
    root: str | None = Field(None, description="CAMEO root, 01 to 20")
    plover_type: str | None = Field(None, description="PLOVER event type, e.g. CONSULT")
    since: str | None = Field(None, description="events on or after this date, YYYY-MM-DD")
    until: str | None = Field(None, description="events on or before this date, YYYY-MM-DD")
    text: str | None = Field(None, description="words in a reporting sentence, headline or actor name")
    doc_id: str | None = Field(None, description="events reported by this article")

    def event_filter(self) -> EventFilter:
        """The checked :class:`EventFilter`; raises QueryError naming a bad value."""
        options = self.model_dump(exclude={"either"}, include=set(Filters.model_fields))
        return parse_filter(either=self.either, http=True,
                            **{k: v for k, v in options.items() if v not in (None, "")})


class EventsQuery(Filters):
    """Parameters of ``GET /api/v1/events``."""

    table: Literal["events", "mentions"] = Field("events", description="deduplicated events, or one row per report")
    columns: str | None = Field(None, description="comma-separated columns; default: a short set")
    limit: int = Field(50, ge=1, le=MAX_PAGE, description="rows per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="rows to skip (page * limit)")
    format: Literal["json", "csv"] = Field("json", description="JSON object or CSV file")


class StatsQuery(Filters):
    """Parameters of ``GET /api/v1/stats``."""

    by: Literal["day", "week", "month", "year"] = Field("month", description="period (a week starts on Monday)")
    per: Literal["none", "dyad", "actor"] = Field("none", description="split each period per dyad or country")


class NetworkQuery(Filters):
    """Parameters of ``GET /api/v1/network``."""

    level: Literal["country", "actor"] = Field("country", description="nodes are countries or actor codes")
    limit: int = Field(200, ge=1, le=MAX_PAGE, description="at most this many pairs, the busiest")


class CodeRequest(BaseModel):
    """Body of ``POST /api/v1/code``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, max_length=MAX_TEXT,
                      description=f"the article: plain text, a dateline is recognised; at most {MAX_TEXT} characters")
    published: str | None = Field(None, max_length=100,
                                  description="publication date, YYYY-MM-DD (relative dates resolve to it)")
    doc_id: str = Field("pasted", min_length=1, max_length=200, description="the article's id")
    headline: str | None = Field(None, max_length=2000, description="the headline, when not the text's first line")
    store: bool = Field(False, description="also store the article and its events (needs the API key)")


# -- helpers ---------------------------------------------------------------------------------------------


def _read(request: Request, work: Callable[[Any], Any]) -> Any:
    """Run ``work(view)`` on the app's shared read connection (:class:`SharedReader`; a ReadView has the
    ``path`` and ``query`` of an EventStore, all that :mod:`eventcoder.query` uses)."""
    with request.app.state.reader.view() as view:
        return work(view)


def _columns(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


def _csv(columns: list[str], rows: list[tuple]) -> Response:
    from ..output import write_rows

    buffer = io.StringIO()
    write_rows(columns, rows, "csv", buffer)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


def _check_key(request: Request, what: str) -> None:
    """Raise 403 when the server has no API key, 401 when the request lacks the right one (``what``: "storing")."""
    expected = request.app.state.api_key
    if not expected:
        raise HTTPException(403, f"{what} is switched off: start eventcoder serve with --api-key KEY "
                                 "(or EVENTCODER_API_KEY)")
    given = request.headers.get("x-api-key", "")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, f"{what} needs the API key in the X-API-Key header")


def _store(request: Request, coded) -> None:
    """Store a coded article the way a batch stores a group (:func:`eventcoder.batch.store_coded`), one
    request at a time, with the shared read connection released meanwhile; a StoreError (503) when it cannot."""
    state = request.app.state
    with state.store_lock, state.reader.paused(), EventStore(state.db_path, shared=True) as store, store.held():
        failed = store_coded(store, [coded], fingerprint=state.fingerprint)
    if failed:
        raise failed[coded.article.doc_id]


# -- the API ---------------------------------------------------------------------------------------------


def _events(request: Request, params: Annotated[EventsQuery, Query()]):
    """Stored events matching the filters, one page of them.

    JSON: ``{table, total, limit, offset, columns, rows}``, each row an object; with ``table=mentions`` and
    the columns ``sentence``, ``source_text``, ``target_text`` and ``trigger`` a row also has ``spans``
    (offsets in the sentence to highlight). ``format=csv``: the page as a CSV file with a header row.
    """
    filt = params.event_filter()

    def work(store: EventStore):
        names, rows = select_events(store, filt, table=params.table, columns=_columns(params.columns),
                                    limit=params.limit, offset=params.offset)
        return names, rows, count_events(store, filt, table=params.table)

    names, rows, total = _read(request, work)
    if params.format == "csv":
        return _csv(names, rows)
    objects = [dict(zip(names, row, strict=True)) for row in rows]
    if params.table == "mentions" and set(_HIGHLIGHT_COLUMNS) <= set(names):
        objects = [with_spans(o) for o in objects]
    return json_response({"table": params.table, "total": total, "limit": params.limit, "offset": params.offset,
                          "columns": names, "rows": objects})


def _stats(request: Request, params: Annotated[StatsQuery, Query()]):
    """Deduplicated events per period: ``{by, per, columns, rows}``; each row has ``period`` (its first day),
    ``events``, the QuadClass counts ``verbal_coop``, ``material_coop``, ``verbal_conflict``,
    ``material_conflict``, ``goldstein_sum`` (net score) and ``goldstein_mean`` (and ``dyad`` or ``actor``
    with ``per``). Events without a date are left out."""
    filt = params.event_filter()
    names, rows = _read(request, lambda store: time_series(store, filt, by=params.by, per=params.per))
    return json_response({"by": params.by, "per": params.per, "columns": names,
                          "rows": [dict(zip(names, row, strict=True)) for row in rows]})


def _network(request: Request, params: Annotated[NetworkQuery, Query()]):
    """Who deals with whom: ``{level, columns, rows}``, a row per directed pair with ``source``, ``target``,
    ``events`` (count of deduplicated events), ``goldstein_mean`` and ``goldstein_sum``; busiest first."""
    filt = params.event_filter()
    names, rows = _read(request, lambda store: actor_network(store, filt, level=params.level, limit=params.limit))
    return json_response({"level": params.level, "columns": names,
                          "rows": [dict(zip(names, row, strict=True)) for row in rows]})


def _sentences(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct evidence sentences of an article's events, in text order, with their offsets."""
    seen: dict[int, dict[str, Any]] = {}
    for e in events:
        seen.setdefault(e["sentence_start"], {"index": e["sentence_index"], "start": e["sentence_start"],
                                              "end": e["sentence_end"], "text": e["sentence"], "events": []})
        seen[e["sentence_start"]]["events"].append(e["event_id"])
    return [seen[k] for k in sorted(seen)]


def _article(request: Request, doc_id: Annotated[str, PathParam(max_length=1000)]):
    """One stored article: ``{article, sentences, events}``. ``article`` holds the stored metadata;
    ``sentences`` the evidence sentences (``index``, ``start``/``end`` offsets in the article text, ``text``,
    the ``events`` ids reported there); ``events`` the article's mentions, every column, each with ``spans``
    (offsets in its sentence; add ``sentence_start`` for the article text). The store keeps these sentences,
    not the whole text. 404 for an unknown doc_id."""
    from ..model import RECORD_COLUMNS

    def work(store: EventStore):
        row = get_article(store, doc_id)
        if row is None:
            return None, []
        names, rows = select_events(store, EventFilter(doc_id=doc_id), table="mentions", columns=RECORD_COLUMNS)
        return row, [dict(zip(names, r, strict=True)) for r in rows]

    row, mentions = _read(request, work)
    if row is None:
        raise HTTPException(404, f"no article {doc_id!r} in the store")
    events = [with_spans(m) for m in mentions]
    return json_response({"article": row, "sentences": _sentences(events), "events": events})


async def _code_text(request: Request, body: CodeRequest):
    """Code a text: ``{doc_id, published, headline, text, stored, events}``. Each event has every record
    column (``rule``, ``source_how``, ``target_how`` say why it was coded) and ``spans`` (offsets in its
    sentence; ``sentence_start`` + offset is the offset in ``text``). With ``store: true`` (and the API key
    in ``X-API-Key``) the article and its events are stored, replacing an article of the same ``doc_id``.

    ``text`` holds at most 200,000 characters (400 beyond). The text is coded in a worker process, one at a
    time with a few waiting: 503 (with ``Retry-After``) when those are full; 504 when it is not done within
    the server's time budget (``--code-timeout``, 60 s by default; its coding is stopped, nothing is stored).
    On a server listening beyond this machine coding itself needs the API key (401/403)."""
    state = request.app.state
    if body.store:
        _check_key(request, "storing")
    elif state.code_needs_key:
        _check_key(request, "coding on this server")
    coded, answer = await state.coding.code(body.model_dump())
    if body.store:
        await run_in_threadpool(_store, request, coded)
    return Response(answer, media_type="application/json")


def _add_api(app: FastAPI) -> None:
    app.add_api_route(f"{API_PREFIX}/code", _code_text, methods=["POST"], summary="Code a text into events",
                      tags=["code"])
    app.add_api_route(f"{API_PREFIX}/events", _events, methods=["GET"], summary="Stored events, filtered, by page",
                      tags=["store"])
    app.add_api_route(f"{API_PREFIX}/stats", _stats, methods=["GET"], summary="Events per period by QuadClass",
                      tags=["store"])
    app.add_api_route(f"{API_PREFIX}/network", _network, methods=["GET"], summary="Events per pair of actors",
                      tags=["store"])
    app.add_api_route(API_PREFIX + "/articles/{doc_id:path}", _article, methods=["GET"],
                      summary="A stored article with its events", tags=["store"])


# -- errors and pages ------------------------------------------------------------------------------------


def _bad_request(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": " ".join(str(exc).split())}, status_code=400)


def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's validation errors as a 400 with one line per bad parameter."""
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return JSONResponse({"detail": "; ".join(problems)}, status_code=400)


def _unavailable(request: Request, exc: StoreError) -> JSONResponse:
    """A StoreError as a 503 with a generic line; its message (SQL, the store's path) goes to the log only."""
    _log.error("eventcoder serve: %s %s: store error: %s", request.method, request.url.path, " ".join(str(exc).split()))
    return JSONResponse({"detail": "the event store cannot answer now (busy with another process's batch, or "
                                   "unreadable); try again later"}, status_code=503, headers={"Retry-After": "5"})


def _coding_failed(_request: Request, exc: Exception) -> JSONResponse:
    """The coding pool's refusals: 400 (the article), 503 with Retry-After (busy, stopped), 504 (too slow)."""
    status, headers = {CodingRefused: (400, None), CodingTimeout: (504, None)}.get(type(exc), (503, {"Retry-After": "5"}))
    return JSONResponse({"detail": " ".join(str(exc).split())}, status_code=status, headers=headers)


def _add_pages(app: FastAPI) -> None:
    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")
    for route, name in _PAGES.items():
        def page(_name: str = name) -> FileResponse:
            return FileResponse(static / _name, media_type="text/html; charset=utf-8")

        app.add_api_route(route, page, methods=["GET"], include_in_schema=False)


def _lifespan(app: FastAPI):
    """Stop the coding worker with the server (it is started by the first text, as the coder was loaded by the
    first text before: a server that only serves reads never loads spaCy)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            app.state.coding.close()

    return lifespan


def _add_handlers(app: FastAPI) -> None:
    app.add_exception_handler(QueryError, _bad_request)
    app.add_exception_handler(CodingError, _bad_request)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StoreError, _unavailable)
    for error in (CodingBusy, CodingRefused, CodingStopped, CodingTimeout):
        app.add_exception_handler(error, _coding_failed)


def create_app(db_path: str | Path, api_key: str | None = None, coder=None, options: CoderOptions | None = None,
               *, allowed_hosts: Iterable[str] | None = None, code_needs_key: bool = False,
               code_timeout: float = CODE_TIMEOUT) -> FastAPI:  # noqa: PLR0913 - each is a server setting
    """The dashboard and API over the event store at ``db_path``.

    Args:
        db_path (str | Path): the DuckDB event store; a missing file is created empty (schema version 2).
            Reads share one read-only connection while they overlap and release the file when none is in
            flight (:class:`~eventcoder.web.reader.SharedReader`), so ``eventcoder code`` can write to it
            while the server runs.
        api_key (str | None): the key ``POST /api/v1/code`` with ``store: true`` needs in ``X-API-Key``;
            None = storing is switched off (403).
        coder (Coder | None): code ``POST /api/v1/code`` texts with this coder on a thread of this process;
            None = in a worker process with the coder of ``options``, started by the first text (stopped with the
            app's lifespan).
        options (CoderOptions | None): the coder's settings when no ``coder`` is given (model, user lexicon
            and dictionaries); None = the defaults. The model and the files they name are checked here.
        allowed_hosts (Iterable[str] | None): the names a request's ``Host`` header may give (any port); others
            get 400. None = no check (``eventcoder serve`` always gives a list).
        code_needs_key (bool): coding, not only storing, needs the API key (``eventcoder serve`` beyond loopback).
        code_timeout (float): seconds one coding request may take (504 beyond; its coding is stopped).

    RETURNS (FastAPI): the application (run it with uvicorn; ``eventcoder serve`` does).

    Raises:
        StoreError: the store cannot be opened or created (not a DuckDB file, a newer schema, no folder).
        eventcoder.nlp.ModelNotFoundError, eventcoder.knowledge.KnowledgeError, eventcoder.lexicon.LexiconError:
            (``options`` other than the defaults) the model is not installed, or a file has a bad line.
    """
    options = options or CoderOptions()
    if coder is None and options != CoderOptions():
        check_options(options)  # a bad file fails now, not on the first request
    path = str(db_path)
    if not Path(path).exists():
        EventStore(path).close()
    else:
        EventStore(path, read_only=True, shared=True).close()  # a bad or newer file fails now, not per request
    app = FastAPI(title="eventcoder", version=__version__, docs_url=None, redoc_url=None,
                  description="Code news articles into CAMEO/PLOVER events and query the event store. "
                              "Filters are bound as data, never SQL; bad values are 400 with a message. "
                              f"POST /api/v1/code takes a text of at most {MAX_TEXT} characters.")
    app.router.lifespan_context = _lifespan(app)
    app.state.db_path = path
    app.state.api_key = api_key or None
    app.state.code_needs_key = code_needs_key
    app.state.coding = CodingPool(options, coder, timeout=code_timeout)
    app.state.reader = SharedReader(path)
    app.state.fingerprint = (coder.options if coder is not None else options).fingerprint()  # what it is stored with
    app.state.store_lock = threading.Lock()
    _add_handlers(app)
    _add_api(app)
    _add_pages(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    if allowed_hosts is not None:
        app.add_middleware(HostAllowList, allowed=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # outermost: the answers of the others carry its headers too
    return app
