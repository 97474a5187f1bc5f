"""Dates in plain language, Dutch or English: "40 days ago", "on 12 October", "12-10-2026",
"vorige week dinsdag", "3 weken geleden", "twee maanden geleden".

dateparser does the parsing; this thin layer in front of it covers what it misses (Dutch
number words, "vorige week dinsdag" / "last Tuesday", a leading "op"/"sinds") and refuses
what no past-date answer may use: a date in the future, or text that is not a date.
An offer's expiry date (BEN-12) is the opposite case: ``read_expiry_date`` wants a date after
today. ``date_phrase_in`` finds the date inside a longer sentence ("I gave Anna a Visual
Studio subscription 3 weeks ago").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional, Sequence

import dateparser

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
