"""Records (stage "records"): a dated, placed :class:`~eventcoder.model.Event` as a flat
:class:`~eventcoder.model.EventRecord`, and one record per event an article reports more than once.

Goldstein scores and QuadClass come from the CAMEO codebook (``data/cameo_codes.tsv``: GDELT's values), PLOVER
types from the CAMEO-to-PLOVER crosswalk (``data/plover_map.tsv``), through :class:`~eventcoder.knowledge.Knowledge`.
"""

from __future__ import annotations

import hashlib
from datetime import date

from .knowledge import Knowledge
from .knowledge_types import CameoCode, PloverLabel
from .model import Article, Event, EventRecord, Sentence
from .where import Place

__all__ = ["event_record", "fold_repeats"]


def event_record(article: Article, s: Sentence, event: Event, when: date | None, place: Place | None,
                 knowledge: Knowledge) -> EventRecord:
    """The flat record of ``event``, coded from sentence ``s`` of ``article``, dated ``when`` and placed at
    ``place``. Its ``event_id`` is a hash of the article, sentence, code, actor codes and trigger position."""
    cameo, plover = _codebook(event.code, knowledge)
    a, t = event.source, event.target
    key = f"{article.doc_id}|{s.index}|{event.code}|{a.code}|{t.code}|{event.trigger.position}"
    return EventRecord(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=article.doc_id, sentence_index=s.index, sentence=s.text,
        sentence_start=s.start, sentence_end=s.end,
        event_date=when.isoformat() if when else None,
        source_text=a.text, source_name=a.name, source_code=a.code, source_country=a.country,
        source_sector=a.sector,
        target_text=t.text, target_name=t.name, target_code=t.code, target_country=t.country,
        target_sector=t.sector,
        cameo_code=event.code, cameo_root=cameo.root, cameo_label=cameo.label, quad_class=cameo.quad_class,
        goldstein=cameo.goldstein, plover_type=plover.type, plover_mode=plover.mode,
        plover_context=plover.context,
        location_name=place.name if place else None, location_country=place.country if place else None,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        trigger=event.words, rule=event.rule, headline=article.headline, outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        source_how=a.how, target_how=t.how,
    )


def _codebook(code: str, knowledge: Knowledge) -> tuple[CameoCode, PloverLabel]:
    """The CAMEO and PLOVER records of ``code``; for a code that is not CAMEO (kept from a PETRARCH verb dictionary
    with ``petrarch_non_cameo="keep"``: the validation suites' WEIS codes) a stand-in: its first two digits as
    root, QuadClass 0, no Goldstein value, no PLOVER type."""
    try:
        return knowledge.cameo(code), knowledge.plover(code)
    except KeyError:
        return (CameoCode(code, "not a CAMEO code (from a PETRARCH verb dictionary)", code[:2], 0, None),
                PloverLabel(None, None, None))


def fold_repeats(coded: list[tuple[str, EventRecord]]) -> list[EventRecord]:
    """One record per event reported more than once in an article (``coded``: (segment kind, record) pairs in
    article order).

    Body events are kept, except a repeat of an earlier body event from the same sentence text (a live blog
    or a page that repeats a paragraph), which adds a mention to the first. A headline or caption event that
    repeats a body event (same source code, target code, CAMEO code and date) adds a mention to that body
    record. A caption event reported nowhere else is kept; a headline event reported nowhere else is dropped (a
    headline summarises the lead, and its telegraphic grammar parses poorly).
    """
    first: dict[tuple, EventRecord] = {}
    kept: list[EventRecord] = []
    said: dict[tuple, EventRecord] = {}
    for kind, record in coded:
        if kind != "body":
            continue
        repeat = said.get((_sentence_key(record.sentence), *_event_key(record)))
        if repeat is not None:
            repeat.mentions += 1
            continue
        said[(_sentence_key(record.sentence), *_event_key(record))] = record
        first.setdefault(_event_key(record), record)
        kept.append(record)
    for kind, record in coded:
        if kind == "body":
            continue
        repeat = first.get(_event_key(record))
        if repeat is not None:
            repeat.mentions += 1
        elif kind == "caption":
            kept.append(record)
    return sorted(kept, key=lambda r: r.sentence_index)


def _sentence_key(text: str) -> str:
    """A sentence's words, lower-cased, for spotting a repeated paragraph."""
    return " ".join(text.lower().split())


def _event_key(record: EventRecord) -> tuple:
    return record.source_code, record.target_code, record.cameo_code, record.event_date
