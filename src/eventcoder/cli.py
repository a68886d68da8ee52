"""The ``eventcoder`` command: a thin layer over the Python API.

    eventcoder code PATH... [--format jsonl|csv|table] [--output FILE|-] [--db FILE | --no-db] [--model NAME]
                            [--workers N | --dask ADDRESS] [--force] [--any-language]
                            [--one-sided]
    eventcoder watch FEED... [--interval SECONDS] [--once] [--db FILE] [--format ...] [--output FILE|-]
    eventcoder explain "SENTENCE" [--date YYYY-MM-DD] [--model NAME] [--one-sided]
    eventcoder eval GOLD_DIR PATH... [--verbose] [--min-f1 X] [--one-sided]
    eventcoder events [FILTERS] [--mentions] [--columns A,B] [--limit N] [--format table|jsonl|csv] [--db FILE]
    eventcoder stats [--by day|week|month|year] [--per none|dyad|actor] [FILTERS]
    eventcoder sql "SELECT ..."
    eventcoder plot [FILTERS] [--by month] --output chart.png|.svg|.html
    eventcoder export --format gdelt|icews|polecat|csv|jsonl|parquet --output PATH [FILTERS]
    eventcoder import PATH.jsonl|PATH.parquet
    eventcoder migrate
    eventcoder serve [--db FILE] [--host 127.0.0.1] [--port 8000] [--api-key KEY] [--lexicon FILE]   (eventcoder.web)
    eventcoder version
    eventcoder actors lookup TEXT... [--date YYYY-MM-DD] [--file FILE] [--format table|jsonl]   (cli_actors.py)

``code``, ``watch``, ``explain``, ``eval`` and ``serve`` take the coder's settings (:mod:`eventcoder.cli_options`):
``--model NAME``, ``--lexicon FILE`` (user verb lexicon), ``--actors FILE`` (CSV/YAML),
``--petrarch-actors FILE``, ``--petrarch-agents FILE``, ``--petrarch-verbs FILE``, ``--petrarch-discards FILE``;
``actors lookup`` all but ``--lexicon``.

Dates given on the command line (``--since``, ``--until``, ``--date``) are ``YYYY-MM-DD`` only
(:func:`eventcoder.query.parse_day`); commands are :class:`~eventcoder.cli_help.PlainCommand` (plain words in help,
a wrong choice named with the nearest one).

``code`` and ``watch`` run the batch of :mod:`eventcoder.batch` (:func:`~eventcoder.batch.code_batch`,
:func:`~eventcoder.batch.code_batch_on_dask`, :class:`~eventcoder.batch.FeedWatcher`), which reads, skips
unchanged articles, codes, stores and counts; :mod:`eventcoder.cli_code` draws the progress bar and the
summary, and :class:`eventcoder.output.RecordWriter` writes the records. A bad article (an
:class:`~eventcoder.ingest.IngestError` or a :class:`~eventcoder.errors.CodingError`) gets a one-line
error on stderr and the batch goes on. Exit status: 0 when every article was coded, 1 when any failed,
2 for a usage or setup error (bad option, output or database that cannot be opened, missing model).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .cli_actors import actors_app
from .cli_serve import serve
from .cli_code import closed_pipe, open_output, output_format
from .cli_help import PlainTyper, choice_option
from .ingest import no_input
from .cli_options import (ActorsOption, DbOption, Conventions, ConventionsOption, LexiconMode, LexiconModeOption, LexiconOption,
                          ModelOption, OneSidedOption, PetrarchActorsOption, PetrarchAgentsOption, PetrarchDiscardsOption,
                          PetrarchSkipOption, PetrarchVerbsOption, coder_for, coder_options, fail, store_to_read,
                          usage_errors)
from .errors import EventcoderError, StoreError

app = PlainTyper(
    name="eventcoder",
    help="Turn news articles into CAMEO/PLOVER political event data.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(actors_app)
app.command()(serve)


class Format(str, Enum):
    """Output formats of ``eventcoder code``."""

    jsonl = "jsonl"
    csv = "csv"
    table = "table"


FORMATS = tuple(f.value for f in Format)
FormatOption = Annotated[str | None, choice_option("--format", "-f", choices=FORMATS, help="Output format [default: "
                                                   "from the --output file's extension (.jsonl, .csv), else table].")]
"""The ``--format`` of ``code``, ``events``, ``stats`` and ``sql``."""


def _open_store(db: Path | None, no_db: bool):
    """The store for a batch (``shared``: readers can query it between articles), or None for --no-db."""
    from .store import DEFAULT_PATH, EventStore

    if db is not None and no_db:
        raise typer.BadParameter("give either --db FILE or --no-db, not both", param_hint="--db / --no-db")
    if no_db:
        return None
    try:
        return EventStore(db or DEFAULT_PATH, shared=True)
    except StoreError as exc:
        raise fail(str(exc)) from None


def _code_to_output(paths: list[str], options, fmt: Format, output: str, store, *, workers: int, force: bool):
    """Code ``paths`` into ``store`` (closed after) and the output; RETURNS the batch's summary."""
    from .cli_code import code_paths
    from .output import RecordWriter

    try:
        fh = open_output(output)
    except typer.Exit:
        if store is not None:
            store.close()
        raise
    terminal = fh is sys.stdout and sys.stdout.isatty()
    writer = RecordWriter(fmt.value, fh, width=None if terminal else 160)  # files and pipes: 160 columns
    try:
        summary = code_paths(paths, store, writer, options, workers=workers, force=force)
        writer.close()
    except EventcoderError as exc:  # e.g. the spaCy model is not installed: nothing can be coded
        raise fail(str(exc)) from None
    except BrokenPipeError:  # "| head": the reader has what it wanted
        raise closed_pipe() from None
    finally:
        if fh is not sys.stdout:
            fh.close()
        if store is not None:
            store.close()
    return summary


def _code_on_dask(paths: list[str], address: str, output: str, partition_size: int, options, db: Path | None):
    """``code --dask``: Parquet partitions in the folder ``output``; RETURNS the batch's summary."""
    from .cli_code import code_paths_on_dask

    if db is not None:
        raise typer.BadParameter("--dask writes Parquet partitions, not a database; load them with "
                                 "eventcoder import DIR --db FILE", param_hint="--db")
    if output == "-":
        raise typer.BadParameter("--dask writes Parquet partitions: give --output DIR", param_hint="--output")
    with usage_errors():
        return code_paths_on_dask(paths, address, output, partition_size, options)


@app.command()
def code(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Article files, folders or glob patterns: plain text (.txt, one article each; its file name is "
                 "the doc_id), JSON Lines (.jsonl/.json, also .jsonl.gz, one article per line), HTML pages "
                 "(.html/.htm), RSS/Atom feeds (.rss/.atom/.xml or an http(s) URL, one article per item).",
        ),
    ],
    fmt: FormatOption = None,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Output file; '-' = stdout. With --dask: a folder.")] = "-",
    db: Annotated[
        Path | None,
        typer.Option("--db", metavar="FILE", help="DuckDB file to store articles and events in [default: eventcoder.duckdb]."),
    ] = None,
    no_db: Annotated[bool, typer.Option("--no-db", help="Store nothing; only write the output.")] = False,
    model: ModelOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Code every article again, also those stored unchanged.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes on this machine.")] = 1,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS", help="Code on a Dask cluster: tcp://HOST:8786, or local:N for N "
                                                       "local worker processes; writes Parquet to --output DIR."),
    ] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="Articles per Dask partition.")] = 100,
    any_language: Annotated[
        bool, typer.Option("--any-language", help="Code articles that do not look English too.")
    ] = False,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    petrarch_actors: PetrarchActorsOption = None,
    petrarch_agents: PetrarchAgentsOption = None,
    petrarch_verbs: PetrarchVerbsOption = None,
    petrarch_discards: PetrarchDiscardsOption = None,
    lexicon_mode: LexiconModeOption = LexiconMode.add,
    conventions: ConventionsOption = Conventions.news,
    petrarch_skip_bad_lines: PetrarchSkipOption = False,
    one_sided: OneSidedOption = False,
) -> None:
    """Code articles into events: write them to the output and store them in the database.

    An article already stored with the same content hash, coded with the same settings (--model and the contents of the --lexicon, --actors, --petrarch-* files), is not coded again (its stored events are written; --force codes it anyway); a changed one, or one coded with other settings, replaces its stored events. Each article is stored in its own transaction, and the database is held open only while one is written, so readers can query it during the batch. Articles not in English are skipped with a message. A bad article gets a one-line error on stderr and the batch goes on. --workers N codes on N processes; --dask codes on a Dask cluster into Parquet partitions (eventcoder import DIR loads them). Exit status: 0 when every article was coded, 1 when any failed, 2 for a usage or setup error (bad option, unusable output or database, missing model, bad dictionary or lexicon line).
    """
    options = coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents, english_only=not any_language,
                            one_sided=one_sided, petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions)
    if (missing := no_input(paths)) is not None:  # nothing to read: a usage error, no database made
        raise fail(str(missing))
    fmt = Format(output_format(fmt, output if dask is None else "-", Format.table.value))
    if dask is not None:
        summary = _code_on_dask(paths, dask, output, partition_size, options, db)
    else:
        store = _open_store(db, no_db)
        summary = _code_to_output(paths, options, fmt, output, store, workers=workers, force=force)
        typer.echo(str(summary), err=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def watch(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    feeds: Annotated[list[str], typer.Argument(metavar="FEED", help="RSS/Atom feed URLs or files.")],
    interval: Annotated[float, typer.Option("--interval", metavar="SECONDS", min=1.0, help="Seconds between polls.")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    fmt: Annotated[str | None, choice_option("--format", "-f", choices=FORMATS, help="Output format [default: from "
                                             "the --output file's extension (.jsonl, .csv), else jsonl].")] = None,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Output file; '-' = stdout.")] = "-",
    db: Annotated[Path | None, typer.Option("--db", metavar="FILE", help="The store; it remembers the items coded [default: "
                                                         "eventcoder.duckdb].")] = None,
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
    """Poll RSS/Atom feeds and code the items not coded before: each new item is stored (its feed id is its doc_id, so the store remembers what was seen) and its events are written to the output. Stops on Ctrl-C, or after one poll with --once. Exit status 1 when an item or feed failed."""
    from .cli_code import watch_feeds
    from .output import RecordWriter

    options = coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents,
                            petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions)
    store = _open_store(db, False)
    fmt = Format(output_format(fmt, output, Format.jsonl.value))
    fh = open_output(output)
    failed = 0
    try:
        failed = watch_feeds(feeds, store, options, lambda: RecordWriter(fmt.value, fh, width=160),
                             interval=interval, polls=1 if once else None)
    except EventcoderError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    finally:
        if fh is not sys.stdout:
            fh.close()
        store.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def explain(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A sentence or a whole article (a dateline is read), "
                                                               "a file holding one, or - for standard input.")],
    date_: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Date relative expressions are resolved against (YYYY-MM-DD).")
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
    one_sided: OneSidedOption = False,
) -> None:
    """Show how TEXT is coded: the parse, the actor mentions and the knowledge lines that matched, each lexicon pattern that matched (coded, or why not), the near misses (patterns of the same words that did not match, and why), and each event with the rule and how each actor was resolved."""
    from .explain import explain_source, explain_text
    from .query import parse_day

    with usage_errors():
        published = parse_day(date_, "--date") if date_ is not None else None
    coder = coder_for(coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents, one_sided=one_sided,
                                    petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions))
    try:
        text, published = explain_source(text, published)  # a file or "-" is read
        parts = explain_text(text, published=published, coder=coder)
    except (EventcoderError, ValueError) as exc:
        raise fail(str(exc)) from None
    typer.echo("\n\n".join(part.render() for part in parts))


@app.command(name="eval")
def evaluate(  # noqa: PLR0913 - a Typer command declares each option as a parameter
    gold_dir: Annotated[Path, typer.Argument(metavar="GOLD_DIR", help="Folder of NAME.gold.json files.")],
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="The articles to code (files or folders).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives.")] = False,
    min_f1: Annotated[float | None, typer.Option("--min-f1", metavar="X", min=0.0, max=1.0, help="Exit 1 when F1 is below this.")] = None,
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
    one_sided: OneSidedOption = False,
) -> None:
    """Code the articles and score their events against gold files (format: docs/gold-format.md). Prints counts of matched events, false positives, duplicates and neutral matches, date/location/sector accuracy, per-root counts and precision, recall and F1; --verbose also lists each miss and false positive. Gold files without an article among PATH are not scored."""
    from .evaluate import article_key, load_gold, score_events
    from .ingest import read_paths

    with usage_errors():
        golds = load_gold(gold_dir)
    coder = coder_for(coder_options(model, lexicon, actors, petrarch_actors, petrarch_agents, one_sided=one_sided,
                                    petrarch_verbs=petrarch_verbs, lexicon_mode=lexicon_mode, skip_bad_lines=petrarch_skip_bad_lines, petrarch_discards=petrarch_discards, conventions=conventions))
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
        raise fail(f"none of the articles given has a gold file in {gold_dir}")
    if len(scored) < len(golds):
        typer.echo(f"note: {len(golds) - len(scored)} gold files have no article among the paths given; "
                   "they are not scored", err=True)
    scores = score_events(scored, records)
    typer.echo(f"articles with gold: {len(scored)}  events coded: {len(records)}  articles failed: {failed}")
    typer.echo(scores.report(verbose))
    if failed or (min_f1 is not None and scores.f1 < min_f1):
        raise typer.Exit(1)


# -- the store: query, chart, export, import ------------------------------------------------------------

Dyad = Annotated[str | None, typer.Option("--dyad", metavar="SRC:TGT",
                                          help="Source and target actor codes, e.g. CHN:KGZ (KGZ matches KGZGOV).")]
Either = Annotated[bool, typer.Option("--either", help="The dyad in either direction.")]
Actor = Annotated[str | None, typer.Option("--actor", metavar="CODE", help="An actor code on either side.")]
Country = Annotated[str | None, typer.Option("--country", metavar="ISO3", help="Source or target country.")]
Code = Annotated[str | None, typer.Option("--code", metavar="CAMEO", help="CAMEO event code and its sub-codes, e.g. 042.")]
Root = Annotated[str | None, typer.Option("--root", metavar="NN", help="CAMEO root, 01 to 20.")]
PloverType = Annotated[str | None, typer.Option("--plover-type", metavar="TYPE", help="PLOVER event type.")]
Since = Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Events on or after this date.")]
Until = Annotated[str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Events on or before this date.")]
Text = Annotated[str | None, typer.Option("--text", metavar="WORDS", help="Words in a reporting sentence, headline or actor name.")]
Output = Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Output file; '-' = stdout.")]
By = Annotated[str, choice_option("--by", choices=("day", "week", "month", "year"), help="Period.")]

_FILTERS = ("dyad", "actor", "country", "code", "root", "plover_type", "since", "until", "text")


def _filter(params: dict):
    """The EventFilter of a command's filter options (``ctx.params``)."""
    from .query import parse_filter

    return parse_filter(either=params.get("either", False), **{k: params.get(k) for k in _FILTERS})


def _reader(db: Path | None):
    """The store opened for reading, between the writes of a batch that may be running; exit 2 with what to do
    when there is none (:func:`~eventcoder.cli_options.store_to_read`)."""
    from .store import EventStore

    return EventStore(store_to_read(db), read_only=True, shared=True)


def _write_result(columns, rows, fmt: str | None, output: str, title: str | None = None) -> None:
    from .output import write_rows

    fmt = Format(output_format(fmt, output, Format.table.value))
    fh = open_output(output)
    try:
        terminal = fh is sys.stdout and sys.stdout.isatty()
        write_rows(columns, rows, fmt.value, fh, title=title, width=None if terminal else 160)
    finally:
        if fh is not sys.stdout:
            fh.close()


@app.command()
def events(  # noqa: PLR0913 - a Typer command's options are its parameters
    ctx: typer.Context,
    dyad: Dyad = None,
    either: Either = False,
    actor: Actor = None,
    country: Country = None,
    code: Code = None,
    root: Root = None,
    plover_type: PloverType = None,
    since: Since = None,
    until: Until = None,
    text: Text = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many rows.")] = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="One row per article reporting an event.")] = False,
    columns: Annotated[str | None, typer.Option("--columns", metavar="A,B", help="Comma-separated columns to show.")] = None,
    fmt: FormatOption = None,
    output: Output = "-",
    db: DbOption = None,
) -> None:
    """List stored events matching the filters: deduplicated across articles (num_articles, num_sources, num_mentions), or with --mentions one row per reporting article. Filter values are data, never SQL; an unknown code or column is an error (exit 2)."""
    from .query import select_events

    table = "mentions" if mentions else "events"
    with usage_errors():
        filt = _filter(ctx.params)
        names = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
        with _reader(db) as store:
            result = select_events(store, filt, table=table, columns=names, limit=limit)
    _write_result(*result, fmt, output, title=f"{table} in {db or 'eventcoder.duckdb'}")


@app.command()
def stats(  # noqa: PLR0913 - a Typer command's options are its parameters
    ctx: typer.Context,
    by: By = "month",
    per: Annotated[str, choice_option("--per", choices=("none", "dyad", "actor"),
                                      help="Split each period per dyad (SRC:TGT countries) or actor (country).")] = "none",
    dyad: Dyad = None,
    either: Either = False,
    actor: Actor = None,
    country: Country = None,
    code: Code = None,
    root: Root = None,
    plover_type: PloverType = None,
    since: Since = None,
    until: Until = None,
    text: Text = None,
    fmt: FormatOption = None,
    output: Output = "-",
    db: DbOption = None,
) -> None:
    """Count deduplicated events per day, week, month or year: total, per QuadClass (verbal/material cooperation/conflict), Goldstein sum and mean; --per dyad or actor splits each period."""
    from .query import time_series

    with usage_errors():
        filt = _filter(ctx.params)
        with _reader(db) as store:
            result = time_series(store, filt, by=by, per=per)
    _write_result(*result, fmt, output, title=f"events per {by}")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="One SQL query, e.g. \"SELECT count(*) FROM events\".")],
    fmt: FormatOption = None,
    output: Output = "-",
    db: DbOption = None,
) -> None:
    """Run a read-only SQL query on the store (tables articles, mentions, events; docs/store.md). Writes, COPY, ATTACH and file access are refused."""
    from .query import run_sql

    path = store_to_read(db)
    with usage_errors():
        result = run_sql(str(path), query)
    _write_result(*result, fmt, output)


@app.command()
def plot(  # noqa: PLR0913 - a Typer command's options are its parameters
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="Chart file: .png, .svg or .html.")],
    by: By = "month",
    dyad: Dyad = None,
    either: Either = False,
    actor: Actor = None,
    country: Country = None,
    code: Code = None,
    root: Root = None,
    since: Since = None,
    until: Until = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Chart title.")] = None,
    db: DbOption = None,
) -> None:
    """Draw the timeline of the matching events: deduplicated events per period stacked by QuadClass, and the net Goldstein score as a line."""
    from .plot import plot_timeline

    with usage_errors():
        filt = _filter(ctx.params)
        with _reader(db) as store:
            data = plot_timeline(store, output, filt, by=by, title=title)
    periods = f"{len(data.periods)} period{'s' if len(data.periods) != 1 else ''}"
    typer.echo(f"{output}: {sum(map(sum, data.counts.values()))} events in {periods}", err=True)


class ExportFormat(str, Enum):
    """Formats of ``eventcoder export``."""

    gdelt = "gdelt"
    icews = "icews"
    polecat = "polecat"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(  # noqa: PLR0913 - a Typer command's options are its parameters
    ctx: typer.Context,
    fmt: Annotated[str, choice_option("--format", "-f", choices=tuple(f.value for f in ExportFormat),
                                      help="Export format.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")],
    table: Annotated[str, choice_option("--table", choices=("mentions", "events"),
                                        help="csv/jsonl/parquet: one row per mention, or per event.")] = "mentions",
    header: Annotated[bool | None, typer.Option("--header/--no-header", help="Header row (gdelt: none by default).")] = None,
    dyad: Dyad = None,
    either: Either = False,
    actor: Actor = None,
    country: Country = None,
    since: Since = None,
    until: Until = None,
    db: DbOption = None,
) -> None:
    """Export the stored events as GDELT 2.0 (61 columns), ICEWS or POLECAT tab files, or as our own CSV, JSON Lines or Parquet (docs/export.md)."""
    from . import export as exporting

    with usage_errors():
        filt = _filter(ctx.params)
        with _reader(db) as store:
            n = exporting.export(store, fmt, output, table=table, filt=filt, header=header)
    typer.echo(f"{output}: {n} row{'s' if n != 1 else ''} ({fmt})", err=True)


@app.command(name="import")
def import_(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A .jsonl or .parquet file of eventcoder export, "
                                                              "or a folder of them (code --dask output).")],
    db: DbOption = None,
) -> None:
    """Read our own JSON Lines or Parquet export (mention records), or a folder of Parquet partitions written by code --dask, into the store, one transaction per article."""
    from .export import import_records
    from .store import DEFAULT_PATH, EventStore

    with usage_errors():
        with EventStore(db or DEFAULT_PATH, shared=True) as store:
            result = import_records(store, path)
            total = store.count_events()
    typer.echo(f"{path}: {result.articles} articles, {result.mentions} mentions imported; "
               f"{total} events in {store.path}", err=True)


@app.command()
def migrate(db: DbOption = None) -> None:
    """Upgrade the store to this eventcoder's schema version (coding into it does the same)."""
    from .store import DEFAULT_PATH, EventStore

    with usage_errors():
        with EventStore(db or DEFAULT_PATH) as store:
            version_now = store.schema_version()
    typer.echo(f"{db or DEFAULT_PATH}: schema version {version_now}")


@app.command()
def version() -> None:
    """Print eventcoder's version."""
    typer.echo(f"eventcoder {__version__}")


def main() -> None:  # pragma: no cover - for ``python -m eventcoder.cli``
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
