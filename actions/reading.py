"""Reading a user message: the values it states, in Dutch or English.

Everything the actions take from a message's text comes from here, with one set of stop
words: email addresses (one pattern) and mail providers, business domains and which one is
the head office's, names of people and of partners, roles, dates in plain language, places,
phone numbers, languages, technical IDs, step numbers, and the entities the NLU pipeline
found. Nothing here decides anything: the rules do.

Patterns are bounded (no nested unbounded repetition) and texts are read up to
``MAX_READ`` characters, so no message makes a pattern slow.

Dates: dateparser does the parsing; the thin layer in front of it covers what it misses
(Dutch number words, "vorige week dinsdag" / "last Tuesday", a leading "op"/"sinds") and
refuses what no past-date answer may use: a date in the future, or text that is not a date.
An offer's expiry date (BEN-12) is the opposite case: ``read_expiry_date`` wants a date
after today. ``date_phrase_in`` finds the date inside a longer sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, Iterable, List, Optional, Sequence

import dateparser

from .rules.roles import USER_ROLES
from .rules.work_account import PERSONAL_MAIL_PROVIDERS

MAX_READ = 2000

# Words that are never a person's or a partner's name, in either language.
STOP_WORDS = frozenset(
    """
    i ik we wij our onze ons my mijn me you u je jij jullie the de het a an een it hij zij ze they he she
    microsoft partner partners center centrum mca customer klant agreement how hoe can kan may mag when wanneer
    what wat is are zijn was yes ja no nee ok oke okay dat that this dit
    remove verwijder verwijderen delete end stop beëindig reseller advisor adviseur delegated gedelegeerde
    administrator beheerder admin lob oem mpsa
    visual studio msdn enterprise professional subscription abonnement azure office teams
    januari februari maart april mei juni juli augustus september oktober november december
    january february march june july august october
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    monday tuesday wednesday thursday friday saturday sunday
    vs mpn pmc csp mpa silver gold action pack
    """.split()
)


def _capped(text: Optional[str]) -> str:
    return (text or "")[:MAX_READ]


# ----- entities the NLU pipeline found -----------------------------------------------------


def entity_values(tracker: Any, entity: str) -> List[str]:
    """Every value of ``entity`` in the latest user message."""
    return [str(value) for value in tracker.get_latest_entity_values(entity)]


def first_entity(tracker: Any, entity: str) -> Optional[str]:
    return next(iter(entity_values(tracker, entity)), None)


def latest_text(tracker: Any) -> str:
    return _capped((tracker.latest_message or {}).get("text"))


# ----- email addresses, mail providers, domains ---------------------------------------------

# One pattern for an address, bounded on both sides of the @.
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+'-])"
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}){0,8})"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9-])"
)


def emails_in(text: Optional[str]) -> List[str]:
    """Every email address in ``text``, normalised (domain in lower case)."""
    text = _capped(text)
    if "@" not in text:
        return []
    return [f"{match['local']}@{match['domain'].lower()}" for match in _EMAIL.finditer(text)]


def normalise_email(raw: Optional[str]) -> Optional[str]:
    """The address ``raw`` is (trimmed, 'mailto:' and surrounding <> removed), or None."""
    text = (raw or "").strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if len(text) > 254:
        return None
    match = _EMAIL.fullmatch(text)
    return f"{match['local']}@{match['domain'].lower()}" if match else None


_DOMAIN = re.compile(r"(?<![\w@.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}[a-z]{2,24})(?![\w@-]|\.[a-z])", re.IGNORECASE)


def domains_in(text: Optional[str]) -> List[str]:
    """Business domains written out ("bakkerbouw.nl"), not inside an email address."""
    found = []
    for match in _DOMAIN.finditer(_capped(text)):
        domain = match.group(1).lower()
        if "." in domain and not re.fullmatch(r"(?:e\.g|i\.e|etc|bijv|o\.a|d\.w\.z)", domain):
            found.append(domain)
    return list(dict.fromkeys(found))


def mail_provider_domain(word: str) -> str:
    """The domain of a mail provider named on its own ("my gmail" -> gmail.com)."""
    word = word.strip().lower()
    return PERSONAL_MAIL_PROVIDERS.get(word, word)


_HEAD_OFFICE = re.compile(
    r"\b(?:head\s*office|head\s*quarters|headquarters|hq|main\s+office|parent\s+company|"
    r"hoofdkantoor|hoofdvestiging|moederbedrijf)\b",
    re.IGNORECASE,
)


def headquarters_domain_in(text: Optional[str], domains: Sequence[str]) -> Optional[str]:
    """The domain the message says is the head office's ("our head office uses contoso.com,
    the Dutch branch contoso.nl"; "bakkerbouw.nl voor het hoofdkantoor"), or None when it
    does not say. Each head-office word belongs to the domain written nearest to it."""
    lowered = _capped(text).lower()
    places = [
        (match.start(), match.end(), domain.lower())
        for domain in dict.fromkeys(d.lower() for d in domains)
        for match in re.finditer(rf"(?<![\w.-]){re.escape(domain)}(?![\w-])", lowered)
    ]
    chosen = _nearest_domains(_HEAD_OFFICE, lowered, places)
    if len(chosen) == 1:
        return chosen.pop()
    # "jansenict.nl and jansenict.de (for our German branch)": the other one is the head office's.
    branches = _nearest_domains(_BRANCH, lowered, places)
    named = {domain for _, _, domain in places}
    if not chosen and len(branches) == 1 and len(named) == 2:
        return (named - branches).pop()
    return None


_BRANCH = re.compile(
    r"\b(?:branch\w*|vestiging\w*|filia\w*|subsidiar\w*|dochter\w*|regional\s+office|regiokantoor|nevenvestiging)\b",
    re.IGNORECASE,
)


def _nearest_domains(cues: "re.Pattern[str]", lowered: str, places: List[tuple]) -> set:
    """The domain written nearest to each cue word."""
    chosen = set()
    for cue in cues.finditer(lowered):
        distances = [
            (cue.start() - end if end <= cue.start() else start - cue.end(), domain) for start, end, domain in places
        ]
        if distances:
            chosen.add(min(distances)[1])
    return chosen


# ----- names of people and partners ----------------------------------------------------------

_PERSON_AFTER = re.compile(
    r"\b(?:to|aan|for|voor|gave|gaf|assigned|toegewezen)\s+([A-Z][\w'-]{0,40}(?:\s+[A-Z][\w'-]{0,40}){0,2})"
)
_CAPITALISED_WORD = re.compile(r"(?<=\s)([A-Z][\w'-]{0,40})")
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]{0,40})(?:'s|’s)\s")
_PARTNER_AFTER = re.compile(
    r"(?:partner|with|met|remove|delete|verwijder|verwijderen|end|beëindig|stop)\s+"
    r"([A-Z0-9][\w&.'-]{0,40}(?:\s+[A-Z0-9][\w&.'-]{0,40}){0,3})"
)
_PARTNER_FIRST = re.compile(r"^\s*([A-Z0-9][\w&.'-]{0,40}(?:\s+[A-Z0-9][\w&.'-]{0,40}){0,3})\s+(?:is|are|zijn|was)\b")
_CAPITALISED_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][\w&'-]{0,40}(?:\s+[A-Z][\w&'-]{0,40}){0,3})")
_QUOTED = re.compile(r"[\"“']([^\"”']{2,60})[\"”']")


def _known_name_in(text: str, known: Iterable[str]) -> Optional[str]:
    for name in sorted(known, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            return name
    return None


def _without_stop_words(words: str) -> str:
    return " ".join(word for word in words.split() if word.lower() not in STOP_WORDS)


def person_in(text: Optional[str], known: Iterable[str] = ()) -> Optional[str]:
    """The person a message names: a known person it mentions, an email address, or a
    capitalised name after "to"/"aan"/"gave"... ("I gave Anna a subscription" -> "Anna")."""
    text = _capped(text)
    found = _known_name_in(text, known)
    if found:
        return found
    emails = emails_in(text)
    if emails:
        return emails[0]
    for match in _PERSON_AFTER.finditer(text):
        name = _without_stop_words(match.group(1))
        if name:
            return name
    for match in _CAPITALISED_WORD.finditer(text):
        if match.group(1).split("-")[0].lower() not in STOP_WORDS:
            return match.group(1)
    return None


def previous_holder_in(text: Optional[str], current: Iterable[str]) -> Optional[str]:
    """A current holder the message moves something away from ("Anna's subscription",
    "from Anna")."""
    text = _capped(text)
    current = list(current)
    for match in _POSSESSIVE.finditer(text):
        for name in current:
            if name.lower() == match.group(1).lower():
                return name
    for name in current:
        if re.search(rf"\b(?:from|van)\s+{re.escape(name)}\b", text, re.IGNORECASE):
            return name
    return None


def partner_name_in(text: Optional[str], known: Iterable[str] = ()) -> Optional[str]:
    """The partner a message names: a stored partner it mentions, a quoted name, or a
    capitalised name ("remove partner Contoso Ltd" -> "Contoso Ltd")."""
    text = _capped(text)
    found = _known_name_in(text, known)
    if found:
        return found
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1).strip()
    for pattern in (_PARTNER_AFTER, _PARTNER_FIRST, _CAPITALISED_NAME):
        for match in pattern.finditer(text):
            name = _without_stop_words(match.group(1))
            if name:
                return name
    return None


# ----- roles, steps, phone numbers, languages, IDs -----------------------------------------

def step_number(raw: Optional[str]) -> Optional[int]:
    match = re.search(r"[1-9]", raw or "")
    return int(match.group()) if match else None


_PHONE = re.compile(r"\+?[\d\s().-]{6,24}")


def phone_number(text: Optional[str]) -> Optional[str]:
    """A phone number written on its own (digits, spaces, +, dashes, brackets)."""
    phone = " ".join(_capped(text).split())
    if not _PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 6:
        return None
    return phone


CONTACT_LANGUAGES = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
    "de": "de",
    "duits": "de",
    "german": "de",
    "deutsch": "de",
    "fr": "fr",
    "frans": "fr",
    "french": "fr",
    "français": "fr",
}


def language_named(text: Optional[str]) -> Optional[str]:
    """A language's code ('Nederlands' -> 'nl'); another language's one-word name as written."""
    word = " ".join(_capped(text).split()).strip(" .!").lower()
    return CONTACT_LANGUAGES.get(word) or (word if re.fullmatch(r"[^\W\d_]{2,30}", word) else None)


_ACCESS_ID = re.compile(r"(?:access|toegangs)[\s-]?id\W{0,3}(?:is\s+)?([A-Z0-9][A-Z0-9-]{3,40})", re.IGNORECASE)
_CONTRACT_ID = re.compile(r"contract[\s-]?id\W{0,3}(?:is\s+)?([A-Z0-9][A-Z0-9-]{3,40})", re.IGNORECASE)


def technical_ids_in(text: Optional[str]) -> Optional[Dict[str, Optional[str]]]:
    """BEN-08: an Access ID (and Contract ID) the user pasted, or None."""
    text = _capped(text)
    access = _ACCESS_ID.search(text)
    if not access:
        return None
    contract = _CONTRACT_ID.search(text)
    return {"access_id": access.group(1), "contract_id": contract.group(1) if contract else None}


def short_answer(text: Optional[str], max_words: int = 5, max_length: int = 80) -> Optional[str]:
    """A short free-text answer (a name, an offer), trimmed; None for a question or a long text."""
    answer = " ".join(_capped(text).split()).strip(" .!\"'")
    answer = re.sub(r"^(?:to|aan|it's|het is|dat is|that's)\s+", "", answer, flags=re.IGNORECASE)
    if not answer or len(answer) > max_length or answer.endswith("?") or len(answer.split()) > max_words:
        return None
    return answer


# ----- places ----------------------------------------------------------------------------


def place_names(text: Optional[str], country_entities: Sequence[str] = ()) -> List[str]:
    """The countries or areas named: the entities found, else the text split up
    ('Germany, Mexico and the UK' -> ['Germany', 'Mexico', 'UK'])."""
    if country_entities:
        return list(country_entities)
    parts = re.split(r",|;|/|&|\band\b|\ben\b|\bplus\b|\bas well as\b|\bevenals\b", _capped(text), flags=re.IGNORECASE)
    names = []
    for part in parts:
        part = re.sub(r"^\s*(?:the|de|het|in|we sell in|wij verkopen in|we verkopen in)\s+", "", part, flags=re.IGNORECASE)
        if part.strip(" .!?"):
            names.append(part.strip(" .!?"))
    return names


# ----- clauses, negation and the first person --------------------------------------------

# A clause ends at punctuation or at words that turn to another statement.
_CLAUSE_BREAK = re.compile(
    r"[;!?\n]+|\.+(?![\w-])|,\s*|\s+(?:maar|but|however|echter|alleen|only|and|en|terwijl|while|dus|so|omdat|because)\s+",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|haven'?t|hasn'?t|without|neither|nor|"
    r"niet|geen|nooit|zonder|noch|nog niet|nog geen)\b|n't\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i am|i've|i have|me|my|myself|ik|mij|me|mijn|ikzelf|zelf|wij|we|ons|onze|our|us)\b",
    re.IGNORECASE,
)


def clauses(text: Optional[str]) -> List[str]:
    """The message cut into clauses: a negation or a subject applies within one."""
    return [part.strip() for part in _CLAUSE_BREAK.split(_capped(text)) if part and part.strip()]


def statements(text: Optional[str]) -> str:
    """The sentences of ``text`` that state something (questions left out)."""
    sentences = re.split(r"(?<=[.!?])\s+", _capped(text))
    return " ".join(sentence for sentence in sentences if not sentence.rstrip().endswith("?"))


def is_negated(clause: str) -> bool:
    return _NEGATION.search(clause) is not None


def speaks_of_self(clause: str) -> bool:
    return _FIRST_PERSON.search(clause) is not None


_YES = re.compile(
    r"^\W*(?:yes|yep|yeah|yup|sure|correct|right|indeed|ok(?:ay)?|ja|jazeker|jawel|jep|klopt|zeker|inderdaad|"
    r"dat klopt|that's right|of course|natuurlijk|precies)\b",
    re.IGNORECASE,
)
_NO = re.compile(r"^\W*(?:no|nope|nah|not yet|nee|neen|nog niet|niet|helaas niet|geen idee|no idea)\b", re.IGNORECASE)


def yes_or_no(text: Optional[str]) -> Optional[bool]:
    """True for a message that opens with yes ("yes, it's Anna"), False for one opening
    with no, None otherwise."""
    text = _capped(text)
    if _YES.search(text):
        return True
    if _NO.search(text):
        return False
    return None


# ----- roles -----------------------------------------------------------------------------

_ROLE_WORDS = (
    ("global_admin", r"glob\w*[\s-]*(?:admin\w*|beheerder\w*)|(?-i:\bGA\b)|hoofdbeheerder|algemene beheerder"),
    ("admin_agent", r"admin[\s-]*agent\w*|beheer(?:ders)?[\s-]*agent\w*|administrator[\s-]*agent"),
    ("user_management_admin", r"user[\s-]*management[\s-]*admin\w*|gebruikersbeheerder\w*|beheerder van gebruikersbeheer|user admin"),
    ("mpn_partner_admin", r"mpn[\s-]*partner[\s-]*(?:admin\w*|beheerder\w*)|mpn[\s-]*admin\w*|partnerbeheerder"),
    ("other", r"(?:just|only|a|an)\s+(?:normal|regular|ordinary|plain)\s+user|gewone?\s+gebruiker|gewoon\s+gebruiker|normale\s+gebruiker|no admin role|geen beheerdersrol|"
     r"(?:geen|not an?|no)\s+(?:admin|beheerder|administrator)(?![\w-]|\s+(?:agent|van|of))"),
)
_ROLE_PATTERNS = tuple((role, re.compile(pattern, re.IGNORECASE)) for role, pattern in _ROLE_WORDS)
# Who a clause is about: the writer ("I'm", "ik ben", "as a ..."), or someone else ("my
# colleague", "the global admin is Kees", "ask your ...").
_SELF_STATEMENT = re.compile(
    r"\b(?:i'?m|im|i am|i'?ve|i have|i hold|i got|i was given|i work as|ik ben|ik heb|ik zit|ben ik|heb ik|"
    r"mijn rol|my role|my account|mijn account|ik werk als|logged in as|signed in as|ingelogd als|aangemeld als|"
    r"as (?:a|an|the)|als (?:een |de )?|here|hier)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:my|our|mijn|onze|the|de|your|uw|je|jullie|his|her|zijn|haar)\s+(?:\w+\s+)?"
    r"(?:colleague|collega|boss|baas|manager|director|directeur|cto|ceo|it guy|it-er|predecessor|voorganger)\b|"
    r"\b(?:ask|vraag|contact|someone|iemand|who|wie|he|she|hij|zij)\b|"
    r"\b(?:is|zijn|was|heet)\s+(?:mijn|my|our|onze)\b|"
    r"(?-i:\b(?:is|was|heet)\s+[A-Z][a-z]+\b)",
    re.IGNORECASE,
)


def speaks_of_someone_else(clause: str) -> bool:
    """Whether the clause is about another person ("mijn collega is ...", "ask your admin")."""
    return _SOMEONE_ELSE.search(clause) is not None


def _clause_subject(clause: str, before_role: str) -> Optional[str]:
    """'self', 'other' or None (the clause names no subject: it continues the previous one)."""
    if _SOMEONE_ELSE.search(clause):
        return "other"
    if _SELF_STATEMENT.search(before_role) or _SELF_STATEMENT.search(clause):
        return "self"
    return None


_BELONGS_TO_ROLE = re.compile(r"\b(?:van|of)\s+(?:de|het|the|our|onze|ons)\s+$", re.IGNORECASE)


def stated_role(text: Optional[str]) -> Optional[str]:
    """The role the writer says they have ("I'm an admin agent", "ik ben geen globale
    beheerder maar wel admin agent" -> admin_agent). A role only denied ("I'm not a global
    admin") reads as 'other': no admin role this check can rely on. Roles of someone else
    ("ask your global admin", "de globale beheerder is Kees") and roles in a question ("can
    only a global admin sign?") are not the writer's."""
    affirmed: List[str] = []
    denied: List[str] = []
    subject: Optional[str] = None  # the subject of the previous clause, for one that has none
    for clause in clauses(text):
        match_role = None
        for role, pattern in _ROLE_PATTERNS:
            match = pattern.search(clause)
            if match:
                match_role = (role, match)
                break
        own_subject = _clause_subject(clause, clause[: match_role[1].start()] if match_role else clause)
        if own_subject is not None:
            subject = own_subject
        if match_role is None or subject != "self":
            continue
        if _BELONGS_TO_ROLE.search(clause[: match_role[1].start()]) or clause[match_role[1].end() :].startswith("'s"):
            continue  # "the global admin's email", "het adres van de globale beheerder": another person's
        role = match_role[0]
        if is_negated(clause) and role != "other":
            denied.append(role)
        elif not is_negated(clause) or role == "other":
            affirmed.append(role)
    if affirmed:
        # "only user management admin" after two denials: the last affirmed one.
        return affirmed[-1]
    return "other" if denied else None


def denied_roles(text: Optional[str]) -> List[str]:
    """The roles the writer says they do not have ("I'm not in the admin agent group")."""
    denied: List[str] = []
    subject: Optional[str] = None
    for clause in clauses(text):
        own_subject = _clause_subject(clause, clause)
        if own_subject is not None:
            subject = own_subject
        if subject != "self" or not is_negated(clause):
            continue
        denied.extend(role for role, pattern in _ROLE_PATTERNS if role != "other" and pattern.search(clause))
    return denied


_NAMED_GLOBAL_ADMIN = re.compile(
    r"(?:glob\w*[\s-]*(?:admin\w*|beheerder\w*)|hoofdbeheerder)\s+(?:is|heet|=)\s+(?:(?:mijn|my|our|onze)\s+(?:collega|colleague)\s+)?"
    r"([A-Z][\w'-]{1,30}(?:\s+[A-Z][\w'-]{1,30})?)|"
    r"(?:collega|colleague)\s+([A-Z][\w'-]{1,30})\s+(?:is|is de|is the|is our|is onze)\s+(?:\w+\s+)?glob",
)


def global_admin_named(text: Optional[str]) -> Optional[str]:
    """The name of the company's global admin, when the writer gives it ("de globale
    beheerder is mijn collega Kees" -> "Kees")."""
    match = _NAMED_GLOBAL_ADMIN.search(_capped(text))
    if not match:
        return None
    name = match.group(1) or match.group(2)
    return name if name and name.lower() not in STOP_WORDS else None


def role_named(raw: Optional[str]) -> Optional[str]:
    """The catalogue role for a role's name ('globale beheerder' -> 'global_admin'); any
    other role is 'other'."""
    if not raw:
        return None
    value = raw.strip().lower().replace("-", " ")[:80]
    if value.replace(" ", "_") in USER_ROLES:
        return value.replace(" ", "_")
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(value):
            return role
    return "other"


# ----- statuses, partner types, where the MPN account is ----------------------------------

_STATUS_WORDS = (
    ("not_shown", r"not\s+shown|not\s+visible|niet\s+zichtbaar|staat\s+er\s+niet|isn'?t\s+there|doesn'?t\s+show|missing"),
    ("qualified", r"qualified|gekwalificeerd|gekwalificeert"),
    ("pending", r"pending|in\s+behandeling|in\s+afwachting|wacht\w*|under\s+review"),
    ("declined", r"declined|geweigerd|afgewezen"),
    ("rejected", r"rejected|afgekeurd|verworpen"),
    ("active", r"active|actief|activ\b"),
)
_STATUS = re.compile("|".join(f"(?P<{name}>\\b(?:{pattern}))" for name, pattern in _STATUS_WORDS), re.IGNORECASE)
_RESELLER_SUBJECT = re.compile(r"indirect\w*\s*(?:reseller|wederverkoper)|reseller[\s-]*status|wederverkoper", re.IGNORECASE)
# Things other than the partner's programs that have a status: offers, subscriptions, benefits.
_OTHER_STATUS_SUBJECT = re.compile(
    r"offer|aanbieding|subscription|abonnement|benefit|voordeel|voordelen|cores|co-?sell|key|sleutel|tenant|account is|verificat",
    re.IGNORECASE,
)
_MPN_SUBJECT = re.compile(r"\bmpn\b|program\w*[\s-]*status|programmastatus|partner\s*profiel|partner\s*profile|programstatus", re.IGNORECASE)


def stated_statuses(text: Optional[str], awaited: Optional[str] = None, about_mpa: bool = True) -> Dict[str, str]:
    """MPA-06 / MPA-08: the statuses the message gives, by what they are the status of
    ('mpn_program_status', 'indirect_reseller_status'): the subject named nearest before
    the status word in its clause, else the status the assistant asked for (``awaited``),
    else by the value (Qualified and "not shown" exist only for indirect resellers). A status
    with no subject at all ("it's Active now") is the MPN program status only when the
    conversation is about the MPA (``about_mpa``): "the offer is active" is no MPN status."""
    found: Dict[str, str] = {}
    for sentence in re.split(r"[.;!?\n]+|\s+(?:and|en)\s+(?=\w+\s+\w+)", _capped(text)):
        for match in _STATUS.finditer(sentence):
            value = match.lastgroup
            before = sentence[: match.start()]
            if value != "not_shown" and _NEGATION.search(before[-24:]):
                continue  # "still isn't Active" states no status
            reseller = [m.end() for m in _RESELLER_SUBJECT.finditer(before)]
            mpn = [m.end() for m in _MPN_SUBJECT.finditer(before)]
            if reseller or mpn:
                fact = "indirect_reseller_status" if max(reseller or [-1]) > max(mpn or [-1]) else "mpn_program_status"
            elif awaited in ("mpn_program_status", "indirect_reseller_status"):
                fact = awaited
            elif value in ("qualified", "not_shown"):
                fact = "indirect_reseller_status"
            elif _RESELLER_SUBJECT.search(sentence) and not _MPN_SUBJECT.search(sentence):
                fact = "indirect_reseller_status"
            elif _MPN_SUBJECT.search(sentence) or (about_mpa and not _OTHER_STATUS_SUBJECT.search(sentence)):
                fact = "mpn_program_status"
            else:
                continue
            if value == "not_shown" and fact == "mpn_program_status":
                continue
            found.setdefault(fact, value)
    return found


_CSP_TYPES = (
    ("indirect_reseller", r"indirect\w*\s*(?:reseller|wederverkoper)|csp[\s-]*(?:reseller|wederverkoper)|(?:via|through)\s+(?:a|an|een|our|onze)\s+distribut\w*|buy\s+through\s+(?:a\s+)?distribut\w*|(?:wederverkoper|reseller)\s+(?:via|through)"),
    ("indirect_provider", r"(?:we|wij|we're|we are|zijn wij|are we|als|as an?)\s+(?:are\s+|zijn\s+)?(?:a\s+|an\s+|een\s+|the\s+)?(?:indirect\w*\s*provider|distribut\w*)"),
    ("direct_bill", r"direct[\s-]*bill\w*|direct[\s-]*(?:csp|partner)"),
    ("not_csp", r"(?:not|geen|no)\s+(?:a\s+)?csp(?:[\s-]*partner)?\b|niet\s+in\s+csp|not\s+in\s+csp|(?:don'?t|doen\s+geen|niet)\s+(?:do\s+)?csp"),
)


def stated_csp_partner_type(text: Optional[str]) -> Optional[str]:
    """MPA-02: the company's own CSP partner type the message names (not its provider's:
    "our distributor, the indirect provider" says nothing about the writer's type)."""
    text = _capped(text)
    for value, pattern in _CSP_TYPES:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if value == "indirect_reseller" and re.search(r"(?:not|geen|niet)\s+(?:an?\s+|een\s+)?$", text[: match.start()], re.I):
                continue
            return value
    return None


_PARTNER_CENTER = r"pa?r?t?n?e?r\s*-?\s*cent(?:er|re|rum)|parnter\s*cent\w*|partnercent\w*"
_MPN_ACCOUNT_CUES = (
    ("none", re.compile(r"(?:no|geen|without|zonder)\s+(?:mpn[\s-]*(?:id|account|number|nummer)|mpn\b)|not\s+(?:yet\s+)?in\s+(?:the\s+)?mpn|niet\s+in\s+(?:het\s+)?mpn", re.IGNORECASE)),
    ("partner_center", re.compile(
        r"(?:not|niet)\s+(?:more\s+|meer\s+|any\s*more\s+)?in\s+(?:the\s+)?(?:pmc|partner membership center)|"
        r"(?:not|niet|no longer|niet meer)\s+(?:the\s+|de\s+|het\s+)?(?:old\s+|oude\s+)?(?:pmc|partner membership center)|"
        r"(?:we use|we gebruiken|lives in|zit in|staat in|is in)\s+(?:\w+\s+){0,2}?" + _PARTNER_CENTER + "|"
        r"(?:moved|migrated|verhuisd|overgezet|gemigreerd|overgestapt)\s+(?:over\s+)?(?:to|naar)\s+(?:the\s+)?" + _PARTNER_CENTER + "|"
        r"(?:we're|we are|we zitten|zitten we|we zijn|wij zitten|zit|staan|staat|are|is)\s+(?:al\s+|already\s+|nu\s+|now\s+)?(?:in|on|op)\s+(?:the\s+)?" + _PARTNER_CENTER + "|"
        r"\bal\s+in\s+(?:" + _PARTNER_CENTER + ")",
        re.IGNORECASE,
    )),
    ("pmc", re.compile(
        r"(?<!not )(?<!niet )(?<!geen )(?<!no )(?:still|nog|old|oude)\s+(?:\w+\s+){0,3}(?:in\s+(?:the\s+)?)?(?:pmc|partner membership center)|"
        r"(?:in|op)\s+(?:the\s+|het\s+)?(?:old\s+|oude\s+)?(?:pmc|partner membership center)|"
        r"(?:no|geen|not)\s+(?:\w+\s+){0,2}(?:invitation|uitnodiging|invited|uitgenodigd)",
        re.IGNORECASE,
    )),
)


def stated_mpn_account(text: Optional[str]) -> Optional[str]:
    """MPA-05 / BEN-01: where the MPN account is: 'partner_center', 'pmc' or 'none'."""
    text = _capped(text)
    for value, pattern in _MPN_ACCOUNT_CUES:
        if pattern.search(text):
            return value
    return None


_MEMBER = re.compile(r"(?:mpn|microsoft partner network|partner network|partnernetwerk)", re.IGNORECASE)
_MEMBERSHIP = re.compile(r"\b(?:lid|member\w*|aangesloten|joined|ingeschreven|deelnemer|lidmaatschap)\b", re.IGNORECASE)


def stated_mpn_membership(text: Optional[str]) -> Optional[bool]:
    """ONB-01: whether the company says it is (or is not yet) an MPN member."""
    for clause in clauses(text):
        if _MEMBER.search(clause) and (_MEMBERSHIP.search(clause) or re.search(r"\bin\s+(?:the\s+)?mpn\b", clause, re.I)):
            if re.search(r"\b(?:join|word|worden|become|aanmelden|how do|hoe)\b", clause, re.I) and not re.search(
                r"\b(?:joined|zijn|are|we're|sinds|since)\b", clause, re.I
            ):
                continue
            return not is_negated(clause)
    return None


_LEVELS = (
    ("action_pack", r"action\s*pack"),
    ("gold", r"\bgold(?!\s*cores)\b"),
    ("silver", r"\bsilver(?!\s*cores)\b"),
)


def stated_membership_level(text: Optional[str]) -> Optional[str]:
    """BEN-10: Action Pack, Silver or Gold, as the company's own (not "Silver cores", not a
    level it says it does not have: "only Action Pack, no Gold or Silver")."""
    for clause in clauses(text):
        if re.search(r"cores|co-?sell|become|worden|requirements?|eisen", clause, re.I):
            continue
        for level, pattern in _LEVELS:
            if re.search(pattern, clause, re.I) and not is_negated(clause):
                return level
    return None


# ----- dates -----------------------------------------------------------------------------

_NUMBER_WORDS = {
    # Dutch
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    # English beyond what dateparser knows
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_UNITS = r"(?:dag|dagen|week|weken|maand|maanden|jaar|jaren|day|days|week|weeks|month|months|year|years)"
_NUMBER_BEFORE_UNIT = re.compile(r"\b([a-zé]+)\s+(" + _UNITS + r")\b")
_WEEKDAYS = {
    "maandag": 0,
    "dinsdag": 1,
    "woensdag": 2,
    "donderdag": 3,
    "vrijdag": 4,
    "zaterdag": 5,
    "zondag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_DAY = "(" + "|".join(_WEEKDAYS) + ")"
_PREVIOUS_WEEK_DAY = re.compile(
    r"\b(?:vorige week|last week)(?: on)?\s+" + _DAY + r"\b|\b" + _DAY + r"\s+(?:vorige week|last week)\b"
)
_LAST_DAY = re.compile(r"\b(?:afgelopen|vorige|last|past)\s+" + _DAY + r"\b")
_LEADING_WORDS = re.compile(r"^(?:op|on|sinds|since|per|vanaf|from|rond|around|ongeveer|about)\s+")
_SETTINGS = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True)
class DateReading:
    """A date read from text, or why there is none: "unreadable" or "future"."""

    date: Optional[date]
    problem: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.date is not None


def _normalise(text: str) -> str:
    text = " ".join(text.lower().strip(" .!?").split())
    text = re.sub(r"\b(terug|back)$", lambda match: "geleden" if match.group(1) == "terug" else "ago", text)
    text = _LEADING_WORDS.sub("", text)

    def digits(match: "re.Match[str]") -> str:
        number = _NUMBER_WORDS.get(match.group(1))
        return f"{number} {match.group(2)}" if number else match.group(0)

    return _NUMBER_BEFORE_UNIT.sub(digits, text)


def _weekday_phrase(text: str, today: date) -> Optional[date]:
    match = _PREVIOUS_WEEK_DAY.search(text)
    if match:
        weekday = _WEEKDAYS[match.group(1) or match.group(2)]
        monday_last_week = today - timedelta(days=today.weekday() + 7)
        return monday_last_week + timedelta(days=weekday)
    match = _LAST_DAY.search(text)
    if match:
        days_back = (today.weekday() - _WEEKDAYS[match.group(1)]) % 7 or 7
        return today - timedelta(days=days_back)
    return None


def read_past_date(text: str, today: date, languages: Sequence[str] = ("nl", "en")) -> DateReading:
    """The date ``text`` names, relative to ``today``; never a date after today."""
    if not text or len(text) > 200:
        return DateReading(None, "unreadable")
    cleaned = _normalise(text)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if iso:
        try:
            found: Optional[date] = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return DateReading(None, "unreadable")
        return DateReading(None, "future") if found > today else DateReading(found)
    found = _weekday_phrase(cleaned, today)
    if found is None:
        settings = dict(_SETTINGS, RELATIVE_BASE=datetime.combine(today, time(12)))
        for language in languages:
            parsed = dateparser.parse(cleaned, languages=[language], settings=settings)
            if parsed is not None:
                found = parsed.date()
                break
    if found is None:
        return DateReading(None, "unreadable")
    if found > today:
        return DateReading(None, "future")
    return DateReading(found)


_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_AMOUNT = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_DATE_PHRASES = re.compile(
    "|".join(
        (
            _AMOUNT + r"\s+" + _UNITS + r"\s+(?:geleden|terug|ago|back)",
            r"(?:over|in)\s+" + _AMOUNT + r"\s+" + _UNITS,
            r"(?:vorige week|last week)(?: on)?\s+" + _DAY,
            _DAY + r"\s+(?:vorige week|last week)",
            r"(?:afgelopen|vorige|last|past)\s+" + _DAY,
            r"\d{4}-\d{1,2}-\d{1,2}",
            r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}",
            r"\d{1,2}(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?(?:" + _MONTHS + r")\.?(?:,?\s+\d{4})?",
            r"(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?",
            r"eergisteren|gisteren|vandaag|yesterday|today",
        )
    ),
    re.IGNORECASE,
)


def date_phrase_in(text: str) -> Optional[str]:
    """The first part of ``text`` that names a date, or None."""
    match = _DATE_PHRASES.search(" ".join((text or "")[:500].split()))
    return match.group(0) if match else None


def read_expiry_date(text: str, today: date, languages: Sequence[str] = ("nl", "en")) -> DateReading:
    """BEN-12: the expiry date ``text`` names; a date that is not after today is "past"."""
    if not text or len(text) > 200:
        return DateReading(None, "unreadable")
    cleaned = _normalise(date_phrase_in(text) or text)
    settings = dict(_SETTINGS, PREFER_DATES_FROM="future", RELATIVE_BASE=datetime.combine(today, time(12)))
    for language in languages:
        parsed = dateparser.parse(cleaned, languages=[language], settings=settings)
        if parsed is not None:
            found = parsed.date()
            return DateReading(found) if found > today else DateReading(None, "past")
    return DateReading(None, "unreadable")


# ----- what the partner has ready (ONB-02), how far it got (ONB-03) ------------------------

_PREREQUISITE_CUES = (
    ("admin_email", re.compile(r"(?:werk[\s-]*)?e-?mail\w*|mailadres|werkadres|e-?mail address|@", re.I), re.compile(
        r"glob\w*[\s-]*(?:admin\w*|beheerder\w*)|(?-i:\bGA\b)|beheerder|administrator|it[\s-]*admin", re.I)),
    ("legal_details", re.compile(
        r"bedrijfsnaam|juridische naam|statutaire naam|legal\s+(?:business\s+|entity\s+|company\s+)?name|company\s+name|"
        r"business\s+name|legal\s+entity|(?<![\w-])adres\b|(?<![\w-])address\b|kvk|kamer van koophandel|handelsregister|registered address", re.I), None),
    ("signing_authority", re.compile(
        r"tekenbevoeg\w*|bevoegd|gemachtigd|authori[sz]\w*|signing authority|sign\w*\s+(?:legal\s+)?(?:agreements|contracts)|"
        r"(?:contracten|overeenkomsten)\s+(?:\w+\s+)?(?:te\s+)?(?:onder)?tekenen|(?:mag|kan|may|can)\s+(?:zelf\s+)?(?:\w+\s+){0,2}(?:onder)?tekenen|"
        r"allowed to sign|permission to sign|tekenen\s+namens", re.I), None),
    ("primary_contact", re.compile(r"primar\w*\s+contact\w*|contactpersoon|contact\s+person|hoofdcontact|main contact", re.I), None),
)
_NOT_YET = re.compile(
    r"\b(?:weten we nog niet|weet ik nog niet|nog niet bekend|nog onbekend|not (?:yet )?(?:sure|decided|known)|"
    r"don'?t know (?:yet|who)|tbd|nog niet besloten|nog geen idee|geen idee)\b",
    re.IGNORECASE,
)


def stated_prerequisites(text: Optional[str]) -> Dict[str, bool]:
    """ONB-02: which of the four things the message says are ready (True) or not (False):
    "de bedrijfsnaam en het adres liggen klaar", "wie de contactpersoon wordt weten we nog
    niet", "I'm not authorised to sign"."""
    found: Dict[str, bool] = {}
    for clause in clauses(statements(text)):
        for name, cue, needs in _PREREQUISITE_CUES:
            if name in found or not cue.search(clause):
                continue
            if needs is not None and not (needs.search(clause) and emails_in(clause) or needs.search(clause) and re.search(r"\b(?:have|hebben|heb|got|klaar|ready|sorted)\b", clause, re.I)):
                continue
            if name == "legal_details" and re.search(r"\be-?mail", clause, re.I):
                continue
            negative = is_negated(clause) or bool(_NOT_YET.search(clause))
            if name == "primary_contact" and not negative and not (emails_in(clause) or re.search(r"\b(?:wordt|will be|is|becomes|wordt onze|klaar|ready|have|hebben)\b", clause, re.I)):
                continue
            found[name] = not negative
    return found


_STEP_CUES = (
    (5, re.compile(r"admin[\s-]*agent\w*[\s-]*(?:group|groep)\b[^.?!]{0,40}\b(?:verified|checked|gecontroleerd|done|klaar|gedaan)", re.I)),
    (4, re.compile(
        r"(?:agreement|overeenkomst|voorwaarden|terms)\s+(?:\w+\s+){0,3}(?:accepted|geaccepteerd|geaccepteert|akkoord)|"
        r"(?:accepted|geaccepteerd|akkoord (?:gegeven|gegaan) (?:met|op))\s+(?:the\s+|de\s+|het\s+)?(?:mpn[\s-]*)?(?:agreement|overeenkomst|voorwaarden|terms)", re.I)),
    (3, re.compile(
        r"enroll\s*now|ingeschreven|submitted|ingediend|aanvraag\s+(?:verstuurd|ingediend|gedaan)|profiel\s+ingevuld|"
        r"profile\s+(?:filled|done|completed|submitted)|applied|aangevraagd", re.I)),
    (2, re.compile(r"\b(?:signed|logged)\s+in\b|ingelogd|aangemeld als|sign-?in (?:done|gedaan)", re.I)),
    (1, re.compile(r"welcome\s*page|welkomst?pagina", re.I)),
)
_AT_STEP = re.compile(r"\b(?:at|on|bij|op|in)\s+(?:step|stap)\s+([1-5])\b", re.IGNORECASE)
_STEP_DONE = re.compile(r"\b(?:step|stap)\s+([1-5])\s+(?:is\s+)?(?:done|finished|complete\w*|gedaan|klaar|af|afgerond)\b", re.I)


_DONE_WORDS = re.compile(
    r"\b(?:done|finished|completed|accepted|did (?:it|that)|gedaan|klaar|afgerond|geaccepteerd|ingevuld|gelukt|voltooid)\b",
    re.IGNORECASE,
)


def reports_done(text: Optional[str]) -> bool:
    """Whether a statement of the message says something was done ("die heb ik geaccepteerd")."""
    return any(_DONE_WORDS.search(clause) and not is_negated(clause) for clause in clauses(statements(text) or ""))


def reported_steps_done(text: Optional[str]) -> Optional[int]:
    """ONB-03: how many enrollment steps the message says are done ("welcome page done and
    I'm signed in" -> 2, "I'm at step 2" -> 1, "we submitted our enrollment" -> 3)."""
    text = _capped(text)
    done = _STEP_DONE.search(text)
    if done:
        return int(done.group(1))
    at = _AT_STEP.search(text)
    best = int(at.group(1)) - 1 if at else None
    for step, cue in _STEP_CUES:
        for clause in clauses(text):
            if cue.search(clause) and not is_negated(clause):
                best = max(best or 0, step)
                break
        if best is not None and best >= step:
            break
    return best or None


# ----- the work account (WA-03/05), software benefits activated (BEN-13) -------------------

_CLOUD_PRODUCT = re.compile(
    r"\b(?:azure|office[\s-]*365|o365|microsoft[\s-]*365|m365|exchange online|dynamics[\s-]*365)\b", re.IGNORECASE
)
_NOT_A_SUBSCRIPTION = re.compile(
    r"azure[\s-]*(?:portal|ad|active directory|tegoed|credits?|benefit\w*|voordeel\w*)|uit onze voordelen|from our benefits|"
    r"(?:activeer|activate|activeren)\w*", re.IGNORECASE,
)


_WANTED_NOT_HELD = re.compile(
    r"\b(?:need|needs|nodig|moeten|moet|must|should|buy|kopen|purchase|aanschaffen|afnemen|getting|"
    r"think\w* about|denken|overwegen|consider\w*|plan\w*|next year|volgend jaar|eerst|first)\b",
    re.IGNORECASE,
)
_YES_NO_QUESTION = re.compile(
    r"\s*(?:do|does|did|is|are|can|could|should|must|will|would|hebben|heb|heeft|hebt|moet|moeten|kan|kunnen|"
    r"zijn|ben|is|zou|zouden)\b[^.!]*\?",
    re.IGNORECASE,
)


def stated_cloud_subscription(text: Optional[str]) -> Optional[bool]:
    """WA-03: whether the company says it has an Azure or Office 365 subscription ("we've
    used Office 365 for years" -> True, "geen azure en geen office 365" -> False)."""
    text = _capped(text)
    if _NOT_A_SUBSCRIPTION.search(text) or text.rstrip().endswith("?") and not re.search(
        r"\b(?:we|wij|our|onze|ons)\b[^?]{0,60}" + _CLOUD_PRODUCT.pattern, text, re.I
    ):
        if not re.search(r"\b(?:we|wij|our|onze|ons)\b", text, re.I):
            return None
    answers: List[bool] = []
    for clause in clauses(text):
        if _CLOUD_PRODUCT.search(clause) and not _NOT_A_SUBSCRIPTION.search(clause):
            if re.search(r"\b(?:how|hoe|which|welke|what|wat|if|of we|whether)\b", clause, re.I):
                continue
            if _WANTED_NOT_HELD.search(clause) or _YES_NO_QUESTION.match(clause):
                continue  # "do we need Azure?", "we think about getting Microsoft 365": not held
            if speaks_of_self(clause) or re.search(r"\b(?:geen|no|not)\s+(?:\w+\s+)?(?:azure|office|microsoft)", clause, re.I):
                answers.append(not is_negated(clause))
    if not answers:
        return None
    return any(answers)


_NO_WORK_ACCOUNT = re.compile(
    r"(?:no|geen|without|zonder|don'?t have (?:a|any)|doesn'?t have (?:a|any)|hebben (?:nog )?geen|heeft (?:nog )?geen)\s+"
    r"(?:\w+\s+){0,2}(?:work|werk)[\s-]*account|(?:work|werk)[\s-]*account\s+(?:\w+\s+){0,3}(?:at all|hebben we niet|niet)",
    re.IGNORECASE,
)


def stated_work_account(text: Optional[str]) -> Optional[str]:
    """WA-05: 'none' when the company says it has no work account."""
    return "none" if _NO_WORK_ACCOUNT.search(_capped(text)) else None


_SOFTWARE_ACTIVATED = re.compile(
    r"(?:software|sleutels?|keys?|product keys?|licentie\w*)[^.?!]{0,40}(?:geactiveerd|geactiveert|activated|in gebruik|in use|gedownload|downloaded|opgehaald)|"
    r"(?:activated|geactiveerd|downloaded|opgehaald)[^.?!]{0,25}(?:software|keys|sleutels)",
    re.IGNORECASE,
)
_NOTHING_ACTIVATED = re.compile(
    r"(?:nothing|niks|niets|none of (?:it|them)|no(?:ne)?\s+(?:software|keys?|benefits?))\s+(?:\w+\s+){0,3}(?:activated|geactiveerd|geactiveert|used|gebruikt)|"
    r"(?:not|niet|nog niet|never|nooit|haven'?t|hebben (?:nog )?niet)\s+(?:\w+\s+){0,3}(?:activated|geactiveerd|geactiveert)|"
    r"(?:geactiveerd|activated)\s*:?\s*(?:niks|niets|nothing|nee|no)\b",
    re.IGNORECASE,
)


def stated_software_activation(text: Optional[str]) -> Optional[bool]:
    """BEN-13: whether software benefits were activated ("nothing activated yet" -> False,
    "the keys are in use at a customer" -> True)."""
    text = _capped(text)
    if _NOTHING_ACTIVATED.search(text):
        return False
    if _SOFTWARE_ACTIVATED.search(text) and not text.rstrip().endswith("?"):
        return True
    return None


# ----- what a question asks ------------------------------------------------------------------

_WHAT_TO_DO = re.compile(
    r"\b(?:what (?:exactly )?(?:should|do|must|can) (?:i|we) do|what now|what next|next step|wat (?:moet|moeten|kan|kunnen) (?:ik|we|wij) (?:nu )?doen|"
    r"wat nu|volgende stap|hoe verder|where do (?:i|we) (?:accept|sign)|waar (?:accepteer|teken|onderteken))",
    re.IGNORECASE,
)


def asks_what_to_do(text: Optional[str]) -> bool:
    return bool(_WHAT_TO_DO.search(_capped(text)))


def says_not_shown(text: Optional[str]) -> bool:
    """MPA-08: "it doesn't show / there's nothing next to indirect reseller"."""
    return bool(re.search(r"not\s+shown|niet\s+zichtbaar|staat\s+er\s+niet|nothing|niets|niks|no status|geen status|doesn'?t show|isn'?t there|not there", _capped(text), re.I))


# ----- a customer's partners (REL) ----------------------------------------------------------

_REL_TYPES = (
    ("reseller_delegated_admin", r"reseller\s*(?:&|and|en)\s*(?:delegated|gedelegeerde?)\s*(?:admin\w*|beheerder)"),
    ("delegated_admin", r"(?:delegated|gedelegeerde?)[\s-]*(?:admin\w*|beheerder\w*)|\bDAP\b|gdap"),
    ("advisor", r"\badvis(?:o|e)r\b|\badviseur\b"),
    ("lob", r"line[\s-]*of[\s-]*business|\blob\b|lob[\s-]*partner"),
    ("oem", r"\boem\b"),
    ("mpsa", r"\bmpsa\b"),
    ("reseller", r"(?<!indirect )(?<!indirecte )\b(?:reseller|wederverkoper|doorverkoper)\b"),
    ("partner", r"\btype\s+['\"]?partner\b|\bas (?:a |an )?['\"]?partner['\"]?\s+(?:type|role)"),
)


def stated_rel_partner_type(text: Optional[str]) -> Optional[str]:
    """REL-02/07: the type of a customer's partner the message names ("they're set up as an
    Advisor", "dat is een Reseller")."""
    text = _capped(text)
    for value, pattern in _REL_TYPES:
        if re.search(pattern, text, re.IGNORECASE):
            return value
    return None


_HAS_PARTNER = re.compile(
    r"\b(?:we|wij)\s+(?:already\s+|al\s+)?(?:\w+\s+){0,3}(?:work|werken)\s+(?:\w+\s+){0,3}(?:with|met)\s+(?:\w+\s+){0,2}partner|"
    r"\b(?:our|onze)\s+(?:current\s+|huidige\s+|vaste\s+)?partner\b|\bthey\s+manage\s+our\b|"
    r"\bwe\s+(?:already\s+)?(?:have|got)\s+(?:already\s+)?a\s+partner\b|\b(?:we|wij)\s+hebben\s+(?:al\s+)?(?:een\s+)?partner\b|"
    r"\bwe\s+already\s+work\s+with\b",
    re.IGNORECASE,
)
_MCA = re.compile(r"customer agreement|klant(?:en)?overeenkomst|\bmca\b", re.IGNORECASE)


def stated_has_partner(text: Optional[str]) -> Optional[bool]:
    """REL-04: the customer says it already works with a partner."""
    return True if _HAS_PARTNER.search(_capped(text)) else None


def stated_mca_accepted(text: Optional[str]) -> Optional[bool]:
    """REL-04: whether the customer says it accepted the Microsoft Customer Agreement."""
    for clause in clauses(statements(text) or text):
        if _MCA.search(clause) and re.search(r"signed|accepted|getekend|ondertekend|geaccepteerd|akkoord", clause, re.I):
            return not is_negated(clause)
    return None


# ----- membership benefits (BEN) -------------------------------------------------------------

_BENEFIT_WORDS = (
    ("go_to_market", r"go[\s-]*to[\s-]*market|\bgtm\b|marketing\s*(?:offer|aanbieding)|\bcores\b|co-?sell|(?:offer|aanbieding)\w*"),
    ("visual_studio", r"visual\s*studio|\bvs\s+(?:enterprise|professional|pro|abonnement|abbonement|subscription)|\bmsdn\b|\bVS\b"),
    ("technical", r"technical\s+benefit\w*|technische\s+voordel\w*|technical\s+support\s+benefit\w*|technische\s+ondersteuningsvoordel\w*"),
    ("cloud", r"azure|cloud|tegoed|credits?\b|microsoft\s*365\s+(?:e\d|business)|office\s*365\s+(?:e\d|licen)"),
    ("software", r"software|product\s*keys?|sleutels?\b|\bkeys\b|licentiesleutel\w*|windows\s+server|sql\s+server|get\s+keys"),
)


def benefit_in(text: Optional[str]) -> Optional[str]:
    """BEN-04..11: the kind of benefit a message is about."""
    text = _capped(text)
    for kind, pattern in _BENEFIT_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return kind
    return None


def cloud_subscription_kind_in(text: Optional[str]) -> Optional[str]:
    """BEN-05: a usage-based (Azure) or a license-based cloud subscription."""
    text = _capped(text)
    if re.search(r"licen[cs]e[\s-]*based|op basis van licentie|licentie[\s-]*gebaseerd|licentiegebaseerd|per licentie", text, re.I):
        return "license_based"
    if re.search(r"usage[\s-]*based|op basis van (?:het )?gebruik|gebruiks[\s-]*gebaseerd|verbruik\w*|pay[\s-]*as[\s-]*you[\s-]*go|consumption", text, re.I):
        return "usage_based"
    return None


def support_kind_in(text: Optional[str]) -> Optional[str]:
    """BEN-10: the kind of technical support a message asks about."""
    text = _capped(text)
    if re.search(r"pre[\s-]*sales|voorverkoop|pre[\s-]*verkoop|v[óo]{1,2}r\s+de\s+verkoop|deployment|implementatie|uitrol|hybrid\w*|hybride|adviseren|advise\b", text, re.I):
        return "presales_deployment"
    if re.search(r"signature|handtekening[\s-]*ondersteuning|signatuur", text, re.I):
        return "signature_cloud"
    if re.search(r"product\s*support\s*incident\w*|support\s*incident\w*|incident\w*", text, re.I):
        return "product_support_incident"
    return None


def product_kind_in(text: Optional[str]) -> Optional[str]:
    """BEN-09/10: an on-premises or a cloud product the message is about."""
    text = _capped(text)
    if re.search(r"on[\s-]*prem\w*|op[\s-]*locatie|lokaal\s+ge[iï]nstalleerd|(?:exchange|sql|sharepoint|windows|skype\s+for\s+business)\s+server|server\s+20\d\d|eigen\s+server", text, re.I):
        return "on_premises"
    if re.search(r"dynamics", text, re.I):
        return "dynamics"
    if re.search(r"\bteams\b|microsoft\s*365|office\s*365|\bm365\b|\bo365\b|exchange\s+online|sharepoint\s+online|azure|\btenant\b|cloud", text, re.I):
        return "cloud"
    return None


_PERMISSION_WORDS = (
    ("go_to_market", r"go[\s-]*to[\s-]*market|\bgtm\b|(?:offer|aanbieding)\w*"),
    ("technical", r"technical\s+benefit\w*|technische\s+voordel\w*"),
    ("assign", r"\bassign\w*|toewij\w*|toe\s+(?:te\s+)?wijzen|toekennen|toe\s+te\s+kennen|hand\s+out|uitdelen|give\s+(?:\w+\s+){0,3}to\b|geven\s+aan|aan\s+(?:\w+\s+){0,2}(?:geven|toewijzen)"),
    ("buy", r"\b(?:buy|purchas\w*|kopen|koop|aanschaf\w*|bestel\w*|afnemen|order)\b"),
    ("activate", r"activ\w*|download\w*|sleutels?\s+ophalen|get\s+keys|keys?\s+(?:ophalen|downloaden)|manage\w*|beheren"),
)


def permission_kind_in(text: Optional[str]) -> Optional[str]:
    """BEN-02/03/11: what the user asks permission for: buying, assigning, activating
    (keys), technical benefits or go-to-market offers."""
    text = _capped(text)
    for kind, pattern in _PERMISSION_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return kind
    return None


_NOT_IN_LIST = re.compile(
    r"(?:isn'?t|is not|not|niet|staat\s+niet|komt\s+niet)\s+(?:\w+\s+){0,3}(?:in|on|op)\s+(?:the\s+|de\s+)?(?:user\s*|gebruikers)?(?:list|lijst)|"
    r"(?:not|niet)\s+(?:listed|vermeld)|(?:ontbreekt|missing)\s+(?:\w+\s+){0,3}(?:list|lijst)|can'?t\s+(?:find|see)\s+(?:him|her|them)\b",
    re.IGNORECASE,
)


def says_not_in_list(text: Optional[str]) -> bool:
    """BEN-06: the user to assign is not in the list of users."""
    return bool(_NOT_IN_LIST.search(_capped(text)))


_ACCOUNT_EMAIL = re.compile(
    r"registered\s+with|account\s+is\s+registered|same\s+(?:as|address|e-?mail)|(?:linked|tied|connected)\s+to\s+(?:our|the)\s+(?:company|partner\s*center)|"
    r"(?:our|the)\s+(?:company'?s?\s+)?(?:partner\s*center\s+)?account'?s?\s+(?:e-?mail|address)|"
    r"waarmee\s+(?:ons|het)\s+(?:\w+\s+){0,3}account|(?:gekoppeld|verbonden)\s+aan\s+(?:ons|het)\s+(?:\w+\s+){0,2}account|hetzelfde\s+(?:adres|e-?mail)",
    re.IGNORECASE,
)


def says_account_email(text: Optional[str]) -> bool:
    """BEN-11: the message says an address is the one of the company's Partner Center account."""
    return bool(_ACCOUNT_EMAIL.search(_capped(text)))


_OFFER = re.compile(r"\b(silver\s+cores|gold\s+cores|isv\s+co-?sell(?:\s+ready)?|co-?sell\s+ready)\b", re.IGNORECASE)


def offer_in(text: Optional[str]) -> Optional[str]:
    """BEN-11/12: a go-to-market offer's name ("Silver cores")."""
    match = _OFFER.search(_capped(text))
    if not match:
        return None
    return " ".join(word.capitalize() if word.lower() != "isv" else "ISV" for word in match.group(1).split())


_TECHNICAL_IDS = re.compile(
    r"\b(?:access[\s-]*id|contract[\s-]*id|toegangs[\s-]*id|contract[\s-]*nummer|(?:the|de|die|welke|which)\s+ids?)\b",
    re.IGNORECASE,
)


def asks_for_technical_ids(text: Optional[str]) -> bool:
    """BEN-08/09: the message asks about the Access ID and Contract ID."""
    return bool(_TECHNICAL_IDS.search(_capped(text)))
