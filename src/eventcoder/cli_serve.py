"""``eventcoder serve``: the dashboard and the HTTP API of :mod:`eventcoder.web`, run with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_options import (Conventions, ConventionsOption, DbOption, LexiconMode, LexiconModeOption, LexiconOption,
                          ActorsOption, ModelOption, PetrarchActorsOption, PetrarchAgentsOption, PetrarchDiscardsOption,
                          PetrarchSkipOption, PetrarchVerbsOption, coder_options, fail, usage_errors)

__all__ = ["serve"]


def serve(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="Address to listen on; 0.0.0.0 opens it to the network.")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535, help="Port to listen on.")] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", metavar="KEY", envvar="EVENTCODER_API_KEY", show_envvar=True,
                     help="Key that POST /api/v1/code needs (X-API-Key header) to store articles; none = read-only."),
    ] = None,
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
    """Serve the dashboard and the HTTP API (JSON under /api/v1, reference at /docs) over the event store, until Ctrl-C. Every page and script comes from the package: it works offline. POST /api/v1/code codes with the coder of --model, --lexicon, --actors and the PETRARCH dictionaries (a bad file line is an error at start)."""
    import uvicorn

    from .store import DEFAULT_PATH
    from .web import create_app

    if db is not None and not Path(db).exists():  # a mistyped --db would otherwise serve a new, empty store
        raise fail(f"no event store at {db}: code articles into it first (eventcoder code ... --db {db})")
    with usage_errors():
        options = coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents,
                                petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions)
        application = create_app(db or DEFAULT_PATH, api_key=api_key, options=options)
    typer.echo(f"eventcoder dashboard on http://{host}:{port}/ (API reference /docs; store {db or DEFAULT_PATH}; "
               f"storing {'needs the API key' if api_key else 'is off'}); Ctrl-C stops it", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
