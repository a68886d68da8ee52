"""``eventcoder serve``: the dashboard and the HTTP API of :mod:`eventcoder.web`, run with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_options import (Conventions, ConventionsOption, DbOption, LexiconMode, LexiconModeOption, LexiconOption,
                          ActorsOption, ModelOption, PetrarchActorsOption, PetrarchAgentsOption, PetrarchDiscardsOption,
                          PetrarchSkipOption, PetrarchVerbsOption, coder_options, fail, store_to_read, usage_errors)

__all__ = ["serve"]

_EXPOSED = ("WARNING: eventcoder serve listens on {host}, beyond this machine, without an API key: anyone who can "
            "reach it can read the store; coding and storing are off (403) until you give --api-key KEY. "
            "Clients must use a name or address given with --allow-host (allowed now: {allowed}).")


def _allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """The Host names served: loopback names, the --host address itself when it is one, and the --allow-host ones."""
    from .web.guard import LOOPBACK_HOSTS

    own = [] if host in ("0.0.0.0", "::", "") else [host]  # noqa: S104 - recognising the wildcard, not binding it
    return list(dict.fromkeys([*LOOPBACK_HOSTS, *own, *extra]))


def _announce(host: str, port: int, db: str, api_key: str | None, allowed: list[str]) -> None:
    """The start line on stderr, and the warning when the server is reachable from other machines without a key."""
    from .web.guard import is_loopback

    typer.echo(f"eventcoder dashboard on http://{host}:{port}/ (API reference /docs; store {db}; "
               f"storing {'needs the API key' if api_key else 'is off'}); Ctrl-C stops it", err=True)
    if not is_loopback(host):
        if not api_key:
            typer.secho(_EXPOSED.format(host=host, allowed=", ".join(allowed)), err=True, fg="red", bold=True)
        else:
            typer.echo(f"eventcoder serve: listening beyond this machine: coding needs the API key too; "
                       f"Host names served: {', '.join(allowed)} (add more with --allow-host)", err=True)


def serve(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on; 0.0.0.0 opens it to the network (then give "
                                                   "--api-key, and --allow-host for the names clients use).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535, help="Port to listen on.")] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", metavar="KEY", envvar="EVENTCODER_API_KEY", show_envvar=True,
                     help="Key that POST /api/v1/code needs (X-API-Key header) to store articles, and to code at "
                          "all when --host is not a loopback address; none = read-only."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", metavar="NAME",
                     help="A Host name clients may use besides 127.0.0.1, localhost and ::1 (repeatable); with "
                          "--host 0.0.0.0 give the names and addresses clients type. Others get 400."),
    ] = None,
    code_timeout: Annotated[float, typer.Option("--code-timeout", min=1, metavar="SECONDS",
                                                help="Most seconds one POST /api/v1/code may take (504 beyond).")
                            ] = 60.0,
    read_timeout: Annotated[float, typer.Option("--read-timeout", min=0.5, metavar="SECONDS",
                                                help="Seconds a client has to send a whole request; "
                                                     "slower connections are closed.")] = 10.0,
    max_connections: Annotated[int, typer.Option("--max-connections", min=1, metavar="N",
                                                 help="Most connections open at once; more are closed.")] = 1000,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
    petrarch_verbs: PetrarchVerbsOption = None,
    petrarch_discards: PetrarchDiscardsOption = None,
    lexicon_mode: LexiconModeOption = LexiconMode.add,
    conventions: ConventionsOption = Conventions.news,
    petrarch_skip_bad_lines: PetrarchSkipOption = False,
) -> None:
    """Serve the dashboard and the HTTP API (JSON under /api/v1, reference at /docs) over the event store, until Ctrl-C. Every page and script comes from the package: it works offline. POST /api/v1/code codes with the coder of --model, --lexicon, --actors and the PETRARCH dictionaries (a bad file line is an error at start), in a worker process, one text at a time."""
    from .web import create_app
    from .web.guard import is_loopback
    from .web.server import run

    if db is not None and not Path(db).exists():  # a mistyped --db would otherwise serve a new, empty store
        raise fail(f"no event store at {db}: code articles into it first (eventcoder code ... --db {db})")
    db = store_to_read(db)  # nor may a missing default store be created empty
    with usage_errors():
        options = coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents,
                                petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions)
        allowed = _allowed_hosts(host, allow_host or [])
        application = create_app(db, api_key=api_key, options=options, allowed_hosts=allowed,
                                 code_needs_key=not is_loopback(host), code_timeout=code_timeout)
    _announce(host, port, str(db), api_key, allowed)
    run(application, host, port, read_timeout=read_timeout, max_connections=max_connections)
