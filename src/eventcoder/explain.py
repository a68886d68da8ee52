"""Explanations: why a sentence was coded the way it was, from the trace recorded while coding.

:func:`explain_text` codes a text and returns, per sentence, the dependency parse, the actor mentions found in it
(with the knowledge-file line that matched), each lexicon pattern that matched with every decision the engine
made about it, in order (the screening checks, the mood, the arguments: the :class:`~eventcoder.model.TriggerTrace`
recorded while coding, not a second run of the rules), the patterns of the same words that did not match and
why (also recorded while coding), and the events coded with the rule that fired. The CLI's ``eventcoder explain`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .actors import describe_mention
from .ingest import parse_article
from .model import EventRecord, Sentence, SentenceTrace, TriggerTrace

__all__ = ["SentenceExplanation", "explain_text"]


@dataclass
class SentenceExplanation:
    """What the coder saw and did in one sentence.

    Attributes:
        text (str): the sentence.
        kind (str): the kind of its segment: "body", "headline" or "caption".
        tokens (list[tuple]): (index, text, lemma, pos, dep, head index, entity) per token.
        mentions (list[str]): "words -> kind country/sector (file:line)" per knowledge match.
        triggers (list[TriggerTrace]): each token a lexicon pattern matched, with the decisions made about it in
            the order they were made, and the rules of the events coded from it.
        near_misses (list[str]): "word: pattern - reason" for the patterns of a word's lemma that did not match
            it.
        events (list[EventRecord]): the events coded from the sentence.
        discarded (str): why the sentence was not coded at all (a PETRARCH discard phrase; "": it was coded).
    """

    text: str
    kind: str = "body"
    tokens: list[tuple] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    triggers: list[TriggerTrace] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    discarded: str = ""

    def render(self) -> str:
        """A plain-text rendering, one block per part."""
        lines = [f"SENTENCE  {self.text}"] + ([f"          ({KIND_NOTES[self.kind]})"] if self.kind in KIND_NOTES else [])
        lines += ["PARSE"]
        lines += [f"  {i:>3} {t:<16} {lem:<14} {pos:<6} {dep:<10} -> {h:<3} {ent}"
                  for i, t, lem, pos, dep, h, ent in self.tokens]
        lines += ["MENTIONS"] + [f"  {m}" for m in self.mentions or ["(none)"]]
        lines += ["TRIGGERS"] + ([f"  (not coded: {self.discarded})"] if self.discarded else [])
        lines += _render_triggers(self.triggers) if self.triggers or not self.discarded else []
        lines += ["NEAR MISSES"] + [f"  {t}" for t in self.near_misses or ["(none)"]]
        lines += ["EVENTS"] + _render_events(self.events)
        return "\n".join(lines)


KIND_NOTES = {
    "headline": "a headline: an event it codes counts as a mention of the same event in the body, else it is dropped",
    "caption": "a photo caption: an event it codes counts as a mention of the same event in the body, if there is one",
}
"""What becomes of the events of a headline or caption (:func:`eventcoder.records.fold_repeats`)."""


def _render_triggers(traces: list[TriggerTrace]) -> list[str]:
    """Each trigger: "word: pattern [coded / not coded: why]", then its decisions, numbered in order."""
    if not traces:
        return ["  (no lexicon pattern matched)"]
    lines = []
    for trace in traces:
        outcome = "coded" if trace.rules else trace.outcome
        lines.append(f"  {trace.trigger.word}: {trace.trigger.pattern.describe()} [{outcome}]")
        for n, d in enumerate(trace.decisions, 1):
            verdict = ("STOPS: " if d.stops else "") + (d.says or "passes")
            lines.append(f"      {n:>2}. {d.step:<11} {verdict}")
    return lines


def _render_events(records: list[EventRecord]) -> list[str]:
    if not records:
        return ["  (none)"]
    lines = []
    for r in records:
        lines.append(f"  {r.cameo_code} {r.source_code} -> {r.target_code}  date {r.event_date}  "
                     f"place {r.location_name}/{r.location_country}  trigger '{r.trigger}'"
                     + (f"  mentions {r.mentions}" if r.mentions > 1 else ""))
        lines.append(f"      rule: {r.rule}")
        lines.append(f"      source '{r.source_text}': {r.source_code} via {r.source_how}")
        lines.append(f"      target '{r.target_text}': {r.target_code} via {r.target_how}")
    return lines


def explain_sentence(s: Sentence, trace: SentenceTrace, records: list[EventRecord]) -> SentenceExplanation:
    """The explanation of one coded sentence: its parse, mentions, trace and records."""
    view = s.parse
    exp = SentenceExplanation(s.text, s.kind)
    exp.tokens = [(t.i - s.first, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - s.first, t.ent_type_)
                  for t in view.doc[s.first:s.last]]
    seen = {}
    for i in s.tokens:
        mention = s.mentions.get(i)
        if mention is not None and mention.start not in seen:
            seen[mention.start] = describe_mention(view, mention)
    exp.mentions = list(seen.values())
    exp.triggers = list(trace.triggers)
    exp.discarded = trace.discarded
    exp.near_misses = [f"{m.word}: {m.pattern.describe()} - {m.why}" for m in trace.near_misses]
    exp.events = [r for r in records if r.sentence_index == s.index]
    return exp


def explain_source(given: str, published: date | None = None) -> tuple[str, date | None]:
    """The text ``eventcoder explain`` explains, and its date: ``given`` itself, the standard input for ``-``, or
    the first article of a file ``given`` names (.txt, .jsonl, .html ... as ``eventcoder code`` reads them; its
    ``published`` date unless ``published`` is given).

    Raises:
        ValueError: the file holds no readable article (the message names it, as ``code`` would).
    """
    import sys
    from pathlib import Path

    from .ingest import IngestError, read_paths

    if given == "-":
        return sys.stdin.read(), published
    if len(given) > 1024 or "\n" in given or not Path(given).is_file():
        return given, published
    first = next(iter(read_paths([given])), None)
    if first is None or isinstance(first, IngestError):
        raise ValueError(str(first) if first is not None else f"{given}: no article")
    return first.text, published or first.published


def explain_text(text: str, *, published: date | str | None = None, coder=None) -> list[SentenceExplanation]:
    """Code ``text`` as one article and explain every sentence.

    Args:
        text (str): a sentence or a whole article (a dateline is recognised as usual).
        published (date | str | None): the date relative dates are resolved against.
        coder (Coder | None): the coder to use; None = the process-wide default.
    RETURNS (list[SentenceExplanation]): one per sentence, in order.
    Raises:
        ValueError: ``published`` is not a date.
        CodingError: the text has no sentences.
    """
    from .pipeline import get_coder

    coder = coder or get_coder()
    coded = coder.code(parse_article("explain", text, published=published))
    return [explain_sentence(s, trace, coded.records) for s, trace in zip(coded.sentences, coded.traces)]
