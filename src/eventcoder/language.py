"""Telling English articles from others, offline, before they are parsed.

eventcoder's lexicon and spaCy pipeline are English: a Spanish or Chinese article would be coded into nonsense.
:func:`detect_language` names an article's language with py3langid (a naive Bayes model shipped inside the
package, no download at run time) and guards it with a count of English function words, because proper
names fool a character model on short wire sentences ("Kazakh President Kassym-Jomart Tokayev met ...").

A text in a Latin script is taken as English when it is too short to judge (under :data:`MIN_WORDS` words: a
list of names fools the model), when its share of English function words is at least
:data:`ENGLISH_WORD_SHARE`, or when py3langid does not name another language with a probability of at least
:data:`MIN_CONFIDENCE`. A text in another script (Chinese, Arabic, Cyrillic) is what py3langid says.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["ENGLISH_WORD_SHARE", "MIN_CONFIDENCE", "MIN_WORDS", "Language", "detect_language"]

SAMPLE_CHARS = 3000
"""Characters from the start of the text that are looked at."""

ENGLISH_WORD_SHARE = 0.08
"""Share of words that are English function words above which a text is English whatever the model says."""

MIN_WORDS = 20
"""A Latin-script text with fewer words than this is too short to call anything but English."""

MIN_CONFIDENCE = 0.5
"""Probability py3langid must give another language before a Latin-script text is not English."""

# Function words that are not also common words of other Latin-script languages ("a", "in", "die" are).
_ENGLISH_WORDS = frozenset(
    "the of and to is was were for with said that by from has have his her which this who are will would "
    "after its their had been not they it on at".split()
)
_WORD = re.compile(r"[^\W\d_]+")

_NAMES = {
    "en": "English", "es": "Spanish", "zh": "Chinese", "fr": "French", "de": "German", "ru": "Russian",
    "ar": "Arabic", "pt": "Portuguese", "it": "Italian", "ja": "Japanese", "ko": "Korean", "tr": "Turkish",
    "fa": "Persian", "uk": "Ukrainian", "nl": "Dutch", "pl": "Polish", "hi": "Hindi", "id": "Indonesian",
}


@dataclass(frozen=True)
class Language:
    """The language found for a text.

    Attributes:
        code (str): ISO 639-1 code ("en", "es", "zh"), as py3langid names it.
        confidence (float): the model's probability for ``code``, 0 to 1 (1.0 when the word count decided).
        english (bool): whether eventcoder codes the text.
    """

    code: str
    confidence: float
    english: bool

    @property
    def name(self) -> str:
        """The language's English name ("Spanish"), or its code when it is not a common one."""
        return _NAMES.get(self.code, self.code)


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process (about 0.5 s)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if ord(ch) < 0x250) / len(letters)


def detect_language(text: str) -> Language:
    """The language of ``text`` (its first :data:`SAMPLE_CHARS` characters).

    Args:
        text (str): an article or a sentence.
    RETURNS (Language): ``english`` is True for English text, for a Latin-script text of fewer than
        :data:`MIN_WORDS` words, and for a text without letters (the coder then reports it has no sentences).
    """
    sample = text[:SAMPLE_CHARS]
    latin = _latin_share(sample) >= 0.7
    words = [w.lower() for w in _WORD.findall(sample)]
    if latin:
        if len(words) < MIN_WORDS:
            return Language("en", 1.0, True)
        share = sum(1 for w in words if w in _ENGLISH_WORDS) / len(words)
        if share >= ENGLISH_WORD_SHARE:
            return Language("en", 1.0, True)
    code, probability = _identifier().classify(sample)
    code = "zh" if code in ("wuu", "yue") else code  # Wu and Cantonese: Chinese script read as Chinese
    english = code == "en" or (latin and probability < MIN_CONFIDENCE)
    return Language(code, float(probability), english)
