"""Explanations: why a sentence was coded the way it was.

:func:`explain_text` codes a text and returns, per sentence, the dependency parse, the actor mentions found
in it (with the knowledge-file line that matched), the lexicon patterns that matched (coded, or why not), the
patterns of the same words that did not match and why, and the events coded with the rule that fired. The CLI's ``eventcoder explain`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .ingest import parse_article
from .model import EventRecord

__all__ = ["SentenceExplanation", "explain_text"]


@dataclass
class SentenceExplanation:
    """What the coder saw and did in one sentence.

    Attributes:
        text (str): the sentence.
        tokens (list[tuple]): (index, text, lemma, pos, dep, head index, entity) per token.
        mentions (list[str]): "words -> kind country/sector (file:line)" per knowledge match.
        triggers (list[str]): "word: pattern [status]" for each token a lexicon pattern matched; the status
            says whether it was coded or why not ("not coded: negated").
        near_misses (list[str]): "word: pattern - reason" for patterns of a word's lemma that did not match.
        events (list[EventRecord]): the events coded from the sentence.
    """

    text: str
    tokens: list[tuple] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def render(self) -> str:
        """A plain-text rendering, one block per part."""
        lines = [f"SENTENCE  {self.text}", "PARSE"]
        lines += [f"  {i:>3} {t:<16} {lem:<14} {pos:<6} {dep:<10} -> {h:<3} {ent}"
                  for i, t, lem, pos, dep, h, ent in self.tokens]
        lines += ["MENTIONS"] + [f"  {m}" for m in self.mentions or ["(none)"]]
        lines += ["TRIGGERS"] + [f"  {t}" for t in self.triggers or ["(no lexicon pattern matched)"]]
        lines += ["NEAR MISSES"] + [f"  {t}" for t in self.near_misses or ["(none)"]]
        lines += ["EVENTS"]
        for r in self.events or []:
            lines.append(f"  {r.cameo_code} {r.source_code} -> {r.target_code}  date {r.event_date}  "
                         f"place {r.location_name}/{r.location_country}  trigger '{r.trigger}'")
            lines.append(f"      rule: {r.rule}")
            lines.append(f"      source '{r.source_text}': {_how(r, 'source')}")
            lines.append(f"      target '{r.target_text}': {_how(r, 'target')}")
        if not self.events:
            lines.append("  (none)")
        return "\n".join(lines)


def _how(record: EventRecord, side: str) -> str:
    return f"{getattr(record, side + '_code')} via {getattr(record, side + '_how')}"


def _status(token, status: dict[int, str], events: list[EventRecord]) -> str:
    said = status.get(token.i, "coded")
    if said.startswith("coded") and not any((r.trigger or "").split(" ")[0] == token.text for r in events):
        return "matched, but no event: no source actor was found, or source and target were the same actor"
    return said


def explain_text(text: str, *, published: date | str | None = None, coder=None) -> list[SentenceExplanation]:
    """Code ``text`` as one article and explain every sentence.

    Args:
        text (str): a sentence or a whole article (a dateline is recognised as usual).
        published (date | str | None): the date relative dates are resolved against.
        coder (Coder | None): the coder to use; None = the process-wide default.
    RETURNS (list[SentenceExplanation]): one per sentence, in order.
    """
    from .pipeline import get_coder

    coder = coder or get_coder()
    article = parse_article("explain", text, published=published)
    coded = coder.code(article)
    out = []
    mentions: dict[int, dict] = {}  # per parsed segment, as the coder computed them
    for sentence in coded.sentences:
        span = sentence.doc
        if id(span.doc) not in mentions:
            mentions[id(span.doc)] = coder.finder.mentions(span.doc)
        gaz = mentions[id(span.doc)]
        exp = SentenceExplanation(sentence.text)
        exp.tokens = [(t.i - span.start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - span.start, t.ent_type_)
                      for t in span]
        status = coder.sentence_coder.trigger_status(span, gaz)
        events = [r for r in coded.records if r.sentence_index == sentence.index]
        seen = set()
        for t in span:
            hit = gaz.get(t.i)
            if hit and hit[1] not in seen:
                seen.add(hit[1])
                entry = hit[0]
                words = span.doc[hit[1]:hit[2]].text
                exp.mentions.append(f"{words} -> {entry.kind} {entry.country or '-'}/{entry.sector or '-'} "
                                    f"({entry.source})")
            pattern = coder.sentence_coder.match(t)
            if pattern is not None:
                exp.triggers.append(f"{t.text}: {pattern.describe()} [{_status(t, status, events)}]")
            exp.near_misses += [f"{t.text}: {p.describe()} - {why}" for p, why in coder.sentence_coder.near_misses(t)]
        exp.events = events
        out.append(exp)
    return out
