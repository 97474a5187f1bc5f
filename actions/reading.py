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
    chosen = set()
    for cue in _HEAD_OFFICE.finditer(lowered):
        distances = [
            (cue.start() - end if end <= cue.start() else start - cue.end(), domain) for start, end, domain in places
        ]
        if distances:
            chosen.add(min(distances)[1])
    return chosen.pop() if len(chosen) == 1 else None


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

_ROLE_PATTERNS = (
    ("global_admin", re.compile(r"\bglob|\bga\b")),
    ("admin_agent", re.compile(r"agent")),
    ("user_management_admin", re.compile(r"gebruikersbeheer|user\s*management|user\s*admin")),
    ("mpn_partner_admin", re.compile(r"\bmpn|partner\s*admin|partnerbeheerder")),
)


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
            _AMOUNT + r"\s+" + _UNITS + r"\s+(?:geleden|ago)",
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
