"""Which language, Dutch or English, a user message is written in.

Lingua (its models ship inside the package) decides, restricted to nl/en. Partner Center
vocabulary is English in both languages ("global admin", "MPN", "Partner Center"), so it
is removed before detection. Messages too short to tell ("ok", "ja", "MPA?") give None:
the conversation keeps its current language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from lingua import Language, LanguageDetectorBuilder

DUTCH = "nl"
ENGLISH = "en"

# Product and role names both languages use as they are.
_SHARED_TERMS = re.compile(
    r"\b(?:partner\s*cent(?:er|re)|partnercentrum|microsoft|mpn(?:[\s-]*id)?|mpa|csp|pmc|"
    r"global(?:e)?\s*admin(?:istrator)?s?|admin\s*agent|user\s*management\s*admin|"
    r"office\s*365|o365|microsoft\s*365|m365|azure(?:\s*ad)?|active\s*directory|aad|"
    r"gmail|hotmail|outlook|yahoo|icloud|live|teams|slack|dashboard|tenant|account|"
    r"action\s*pack|visual\s*studio|ok(?:ay|e)?|oke|yes|ja|nee|no|thx|tnx)\b",
    re.IGNORECASE,
)
_NOISE = re.compile(r"[^\s@]{1,64}@\S{1,253}|https?://\S+|www\.\S+|[\d_]+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

# One-word messages that can only be one of the two languages.
_SINGLE_WORDS = {
    DUTCH: {
        "hoi",
        "hallo",
        "hee",
        "goedemorgen",
        "goedemiddag",
        "goedenavond",
        "goeiemorgen",
        "goeiemiddag",
        "goeienavond",
        "goedendag",
        "daag",
        "doeg",
        "houdoe",
        "ziens",
        "bedankt",
        "dankjewel",
        "dankuwel",
        "dank",
        "doei",
        "dag",
        "tot",
        "klaar",
        "gelukt",
        "volgende",
        "verder",
        "opnieuw",
        "graag",
        "prima",
        "jazeker",
        "zeker",
        "welnee",
        "hulp",
    },
    ENGLISH: {
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "cheers",
        "bye",
        "goodbye",
        "done",
        "finished",
        "next",
        "continue",
        "sure",
        "yeah",
        "yep",
        "restart",
        "please",
    },
}
_CONFIDENCE = 0.70

# Function words that belong to one language only; they settle what Lingua leaves open
# ("wat is een global admin" is Dutch once "global admin" is set aside).
_FUNCTION_WORDS = {
    DUTCH: frozenset(
        "ik jij je jullie wij ons onze mijn uw een het wat hoe waar wanneer waarom welke wie "
        "hebben heb heeft kan kun kunnen moet moeten niet geen nog voor met zijn dat dit deze "
        "er al ook maar wordt worden naar bij nu graag even toch wel nog geen niet".split()
    ),
    ENGLISH: frozenset(
        "you the my our what how where when why which who have has can could do does not with "
        "for and this that these are was were there also but been will would should to of me "
        "please tell never mind".split()
    ),
}


@lru_cache(maxsize=1)
def _detector():
    return (
        LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH)
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: Optional[str]) -> Optional[str]:
    """'nl', 'en', or None when the message is too short or too mixed to tell."""
    if not text:
        return None
    cleaned = _SHARED_TERMS.sub(" ", _NOISE.sub(" ", text[:2000]))
    words = _WORD.findall(cleaned.lower())
    if not words:
        return None
    for language, vocabulary in _SINGLE_WORDS.items():
        if all(word in vocabulary for word in words):  # "hoi", "hoi hoi", "tot ziens"
            return language
    if len(words) == 1:
        return None
    best = _detector().compute_language_confidence_values(" ".join(words))[0]
    if best.value >= _CONFIDENCE:
        return DUTCH if best.language == Language.DUTCH else ENGLISH
    dutch = sum(word in _FUNCTION_WORDS[DUTCH] for word in words)
    english = sum(word in _FUNCTION_WORDS[ENGLISH] for word in words)
    if dutch != english:
        return DUTCH if dutch > english else ENGLISH
    return None
