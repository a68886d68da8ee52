"""English grammar words and parse labels the coding rules read: the closed classes, in one place.

Closed-class words (auxiliaries and modals, determiners, pronouns, prepositions, conjunctions, numerals)
are part of the grammar of English and of the rules written against it, so they live here, each set named
by the role it plays in a rule. Open-class words (speech verbs, support verbs, nouns of statements, places
or organisations ...) are knowledge and live in ``data/words.tsv`` (:mod:`eventcoder.wordlists`).

A rule compares a word set with the columns of a :class:`~eventcoder.parse.ParseView` by its keys
(``view.lowers[i] in keys(MODALS)``, :func:`eventcoder.parse.keys`) or by text (``view.lower(i) in MODALS``).
This module is plain Python: importing it loads no spaCy.
"""

from __future__ import annotations

__all__ = ["ALLEGED_PREPOSITIONS", "ARTICLES", "AS", "ATTACK_PREPOSITIONS", "BACK_PRONOUNS", "BETWEEN_PREPOSITIONS",
           "CONDITION_WORDS", "CONDITIONAL_AUXILIARIES", "CONTAINER_PREPOSITIONS", "COPULA", "DEFINITE_ARTICLE", "FIRST_PERSON_PRONOUNS", "FUTURE_AUXILIARIES",
           "GENERIC_SUBORDINATORS", "GOING", "GROUP_NUMBERS", "HABITUAL_SUBORDINATOR", "HERE", "INDEFINITE_ARTICLES", "INDICATIVE_AUXILIARIES", "INFINITIVE_MARKER",
           "INTENT_PREPOSITIONS", "JOINT_PREPOSITION", "LOCATIVE_PREPOSITIONS", "MODALS", "NEGATIVE_DETERMINERS",
           "NARRATIVE_SUBORDINATORS", "NOT_YET", "NUMBER_NOUNS", "OBJECT_PREPOSITIONS", "OBLIGATION_MODALS", "ORIGIN_PREPOSITION",
           "GERUND_TAG", "OWNER_PRONOUNS", "PAST_AUXILIARIES", "PAST_PARTICIPLE_TAG", "PAST_PERFECT_AUXILIARY", "PERFECT_AUXILIARY", "PAST_TAG", "PERSON_PRONOUNS",
           "PERSON_SUBJECTS", "PHRASE_PREPOSITIONS", "PLACE_PREPOSITIONS", "PLANNING_WORDS",
           "PRESENT_PASSIVE_AUXILIARIES", "PRESENT_TAGS", "QUESTION_MARK", "QUESTION_SUBORDINATOR", "QUESTION_WORDS",
           "RECIPIENT_PREPOSITION", "RELATIVE_PRONOUNS", "REPORTED_PREPOSITIONS", "REQUEST_PREPOSITION", "SEMI_MODALS", "SINCE", "SPEAKER_PRONOUNS",
           "STANCE_PREPOSITION", "TARGET_PREPOSITIONS", "TIME_MODIFIERS", "TIME_SUBORDINATORS", "TOO", "TOPIC_PREPOSITIONS", "WHERE", "WITHOUT", "DURATION_PREPOSITION", "DURATION_UNITS"]


# ---------------------------------------------------------------------- verbs: tense, mood, modality
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "would"})
"""Auxiliaries of the future and of reported future ("would deliver"); "wo" is spaCy's token of "won't"."""
MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
"""Modal auxiliaries that make an act possible or required rather than done ("ca" of "can't")."""
OBLIGATION_MODALS = {"must": "100", "should": "020"}
"""Modals of obligation in reported speech and the CAMEO code of the obligation put on someone: "X said Y must
hand over ..." is a demand (100), "should" an appeal (020)."""
CONDITIONAL_AUXILIARIES = frozenset({"would", "'d"})
"""The auxiliary of the conditional mood; outside reported speech it says what would happen, not what is
announced ("such a strike would anger Ankara")."""
GOING = "going"
"""The auxiliary of "going to", a future."""
INFINITIVE_MARKER = "to"
"""The marker of an infinitive ("to help Laos")."""
PLANNING_WORDS = frozenset({"to", "will", "would", "should", "must", "shall", "'ll"})
"""Infinitive marker and auxiliaries of a clause that plans rather than describes."""
CONDITION_WORDS = frozenset({"if", "unless"})
"""Subordinators of a condition."""
QUESTION_SUBORDINATOR = "whether"
"""The subordinator of an embedded yes-no question ("on whether Denmark would attack"): nothing is asserted."""
SINCE = "since"
"""The subordinator and preposition of the time from which a state lasts ("since Turkey invaded ..."): what
its clause says is background."""
GENERIC_SUBORDINATORS = frozenset({"when", "whenever"})
"""Subordinators of a clause that, in the present tense, says what happens in general ("when America
retreats, chaos follows")."""
TIME_SUBORDINATORS = frozenset({"when", "after", "before", "once", "until", "till"})
"""Subordinators of a time clause; in the present tense under a future main clause it is future too ("when he
arrives on Monday, he will meet ...")."""
NARRATIVE_SUBORDINATORS = frozenset({"as", "while"})
"""Subordinators of a scene told as it unfolds ("as an airstrike hits the depot")."""
HABITUAL_SUBORDINATOR = "whenever"
"""The subordinator of what happens in general, in any tense ("whenever they attacked")."""
COPULA = "be"
"""The lemma of the copula: in the present tense it says what is so ("insisted the plan is legal")."""
REQUEST_PREPOSITION = "for"
"""The preposition of what is asked for ("asked for help")."""
WITHOUT = "without"
"""The preposition of what does not happen ("without Russia agreeing")."""
AS = "as"
"""The subordinator of a clause that refers to what was agreed, demanded or planned before ("as agreed in the
deal", "as demanded by Israel")."""
QUESTION_WORDS = frozenset({"why", "what", "who", "whom", "whose", "which", "where", "when", "how", "whether",
                            "if"})
"""Words that open a question ("asked whether ...", "asked why ...")."""
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "what"})
"""Words that, as an argument of a clause on a noun, make it a relative clause ("the plan that he made"); as a
plain subordinator ("the announcement that he was pulling out") they open the noun's content."""
QUESTION_MARK = "?"
"""The mark that ends a direct question ("Why are we fighting for them?")."""
NEGATIVE_DETERMINERS = frozenset({"no", "neither", "never"})
"""Determiners that negate their noun ("no agreement was reached")."""
TOO = "too"
"""The adverb of "too weak to ...": the infinitive it governs is not done."""
NOT_YET = "yet"
"""The adverb of "is yet to" / "has yet to": what follows has not happened."""
SEMI_MODALS = frozenset({"have", "need", "ought"})
"""Verbs that make their "to"-infinitive an obligation, like a modal ("will have to agree", "need to act")."""
PAST_PERFECT_AUXILIARY = "had"
WHERE = "where"
DURATION_PREPOSITION = "for"
DURATION_UNITS = frozenset({"day", "week", "month", "year", "decade"})
"""A present perfect with "for" a span ("have fought there for years") says what has gone on, no news."""
"""The relative adverb of a place ("Raqqa, where Kurdish forces have pushed in"): in the present perfect, its
clause reports news."""
PERFECT_AUXILIARY = "have"
"""The auxiliary of a perfect after a modal ("would have killed"): a past conditional."""
"""The auxiliary of the past perfect ("had launched"): in a main clause, an act before the story's time."""
INDICATIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "'s", "'re", "has", "have", "had", "'ve", "did",
                                    "does", "do"})
"""Finite auxiliaries of a clause that says what is or was so (never a subjunctive: "demanded that he be")."""
PAST_AUXILIARIES = frozenset({"was", "were", "had", "did"})
"""Finite auxiliaries of the past tense ("insisted the raid was aimed at ...")."""
PRESENT_PASSIVE_AUXILIARIES = frozenset({"is", "are", "'s", "'re"})
"""Auxiliaries of a present passive, which describes a state ("Assad is backed by Russia")."""
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
"""Tags of a present-tense finite verb ("retreats", "follow")."""
PAST_TAG = "VBD"
"""The tag of a past-tense finite verb."""
PAST_PARTICIPLE_TAG, GERUND_TAG = "VBN", "VBG"
"""Tags of a past participle ("backed", "had launched") and of a present participle ("travelling").""" 

# ---------------------------------------------------------------------- pronouns and determiners
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
"""Pronouns of a person (resolved to the last person who acted)."""
PERSON_SUBJECTS = frozenset({"he", "she"})
"""Subject pronouns of a person: a sentence whose subject is one introduces no new person."""
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
"""Subject pronouns that stand for the speaker of the sentence's speech verb ("it will respond, X said")."""
FIRST_PERSON_PRONOUNS = frozenset({"i", "we"})
"""Subject pronouns of the speaker in a quotation ("we will respond")."""
OWNER_PRONOUNS = frozenset({"its", "their"})
"""Possessives that make a noun belong to the sentence's subject ("its forces")."""
BACK_PRONOUNS = frozenset({"it", "them", "this"})
"""Object pronouns that refer back to the object of the verb before ("rejected the demand, calling it ...")."""
GROUP_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4}
NUMBER_NOUNS = frozenset({"thousand", "hundred", "dozen", "million"})
"""Number words that count people as nouns ("thousands rallied"): a subject made of one is someone."""
"""Quantifiers and numerals that count a group of the article's main actors ("both sides")."""
DEFINITE_ARTICLE = "the"
INDEFINITE_ARTICLES = frozenset({"a", "an"})
"""Articles of a single new thing: a subject with one tells a scene, not a rule ("as an airstrike hits")."""
ARTICLES = frozenset({"a", "an", "the"})
TIME_MODIFIERS = frozenset({"late", "early", "on", "last"})
"""Words before a date that belong to its expression ("late Tuesday", "last week")."""

# ---------------------------------------------------------------------- prepositions, by role
TARGET_PREPOSITIONS = frozenset({"to", "with", "on", "for", "against", "of", "from", "into", "toward", "towards",
                                 "at", "inside", "over", "about", "upon"})
"""Prepositions whose objects may be an act's target, searched in the trigger's object phrases."""
OBJECT_PREPOSITIONS = frozenset({"from", "of", "with", "to", "for", "on", "against"})
"""Prepositions on a light verb's object that name the target ("held talks with")."""
PHRASE_PREPOSITIONS = frozenset({"of", "from", "in", "at", "by", "across", "throughout"})
"""Prepositions whose phrase stays inside a noun phrase naming an actor ("police in Kyrgyzstan's capital")."""
PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "outside"})
"""Prepositions of where an act happened."""
LOCATIVE_PREPOSITIONS = frozenset({"in", "at"})
"""Prepositions of a named place ("met in Bishkek") or of a thing's place ("a protocol in Kabul")."""
ATTACK_PREPOSITIONS = frozenset({"in", "by", "during"})
"""Prepositions of the attack that killed someone ("killed in Israeli airstrikes")."""
BETWEEN_PREPOSITIONS = frozenset({"by", "between", "among"})
"""Prepositions naming who takes part in a nominal event ("talks between A and B")."""
REPORTED_PREPOSITIONS = frozenset({"of", "for", "to"})
"""Prepositions of what is only asked for or reported ("called for the release of")."""
ALLEGED_PREPOSITIONS = frozenset({"with", "for", "over", "on", "into"})
"""Prepositions of what someone is charged with or arrested for ("charged with setting fire")."""
TOPIC_PREPOSITIONS = frozenset({"for", "on", "to"})
"""Prepositions of what an appeal or demand is about ("called for talks")."""
INTENT_PREPOSITIONS = frozenset({"to", "on"})
"""Prepositions of what an intent governs ("committed to holding talks")."""
CONTAINER_PREPOSITIONS = frozenset({"of", "in"})
"""Prepositions inside an object that name what it holds ("a series of strikes", "20 million dollars in aid")."""
ORIGIN_PREPOSITION = "from"
"""The preposition of where people come from ("gunmen who crossed from Afghanistan") or what they are expelled
from ("suspended from the African Union")."""
JOINT_PREPOSITION = "with"
"""The preposition of the partner of a joint act ("met with")."""
STANCE_PREPOSITION = "to"
"""The preposition of a stance held ("committed to peace", "opposed to the plan")."""
RECIPIENT_PREPOSITION = "to"
"""The preposition of a recipient ("offered its troops to Lebanon")."""
HERE = "here"
"""The adverb of the dateline's place ("met here")."""
