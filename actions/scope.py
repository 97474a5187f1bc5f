"""Parts of a message no documented rule answers: prices, legal terms, billing disputes,
competency requirements, error codes. The assistant says honestly that it cannot answer them (and
answers the rest of the message), instead of guessing.
"""

from __future__ import annotations

import re
from typing import List

# Each part: what it is about, and the response that says so honestly.
_PARTS = (
    (
        re.compile(
            r"\b(?:wat\s+kost\w*|hoeveel\s+kost\w*|kost\s+(?:een|het|de|dat|dit|zo'?n)|prijs\w*|prijzen|tarie\w+|"
            r"how\s+much\s+(?:is|does|do|are|will|would)|what\s+(?:does|do|will)\b[^.?!]{0,50}\bcost|cost\w*\s+per|pricing|price\w*)\b",
            re.IGNORECASE,
        ),
        "utter_scope_price",
    ),
    (
        re.compile(
            r"\b(?:liabilit\w*|aansprakelijk\w*|indemnif\w*|vrijwaring\w*|legal\s+terms|juridische\s+voorwaarden|"
            r"(?:terms|clauses|clausules|bepalingen)\s+(?:of|in|van)\s+(?:the\s+|de\s+)?(?:mpa|agreement|overeenkomst)|warrant(?:y|ies))\b",
            re.IGNORECASE,
        ),
        "utter_scope_legal_terms",
    ),
    (
        re.compile(
            r"(?:become|becoming|worden|get|krijgen|halen|achieve|bereiken|requirements?|eisen|vereisten|criteria|voorwaarden)\W+"
            r"(?:\w+\W+){0,4}(?:gold|silver|goud|zilver)(?:[\s-]*(?:partner|competenc\w*|status|level|niveau))?|"
            r"(?:gold|silver)[\s-]*(?:partner|competenc\w*)\W+(?:\w+\W+){0,3}(?:worden|become|requirements?|eisen|vereisten)",
            re.IGNORECASE,
        ),
        "utter_scope_competency_requirements",
    ),
    (
        re.compile(
            r"\b(?:charged\s+twice|double\s+charg\w*|twee\s+keer\s+(?:in\s+rekening|betaald|gefactureerd|afgeschreven)|"
            r"dubbel\s+(?:betaald|gefactureerd|afgeschreven)|invoice\w*|factu(?:ur|ren)|billing\s+dispute|overcharged|"
            r"te\s+veel\s+betaald|credit\s*nota|credit\s+note)\b",
            re.IGNORECASE,
        ),
        "utter_scope_billing",
    ),
    (
        re.compile(
            r"\b(?:AADSTS\d{3,}|error\s+code|foutcode|foutmelding\w*|error\s+message|0x[0-9a-f]{6,}|"
            r"(?:sign[\s-]*in|login|log[\s-]*in|inlog\w*|aanmeld\w*)\s+(?:\w+\s+){0,3}(?:error|fails?|failing|fout|mislukt))",
            re.IGNORECASE,
        ),
        "utter_scope_error_codes",
    ),
)


def out_of_scope_parts(text: str) -> List[str]:
    """The responses that answer honestly for each part of ``text`` beyond the documented
    rules, in the order of the table."""
    text = (text or "")[:2000]
    return [response for pattern, response in _PARTS if pattern.search(text)]
