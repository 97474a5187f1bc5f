"""Dates in plain language, in both languages, read relative to a fixed today."""

from datetime import date

import pytest

from actions.reading import date_phrase_in, read_expiry_date, read_past_date

TODAY = date(2026, 11, 21)  # a Saturday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("40 days ago", date(2026, 10, 12)),
        ("on 12 October", date(2026, 10, 12)),
        ("12-10-2026", date(2026, 10, 12)),
        ("12 oktober", date(2026, 10, 12)),
        ("op 12 oktober", date(2026, 10, 12)),
        ("3 weken geleden", date(2026, 10, 31)),
        ("drie weken geleden", date(2026, 10, 31)),
        ("twee maanden geleden", date(2026, 9, 21)),
        ("een week geleden", date(2026, 11, 14)),
        ("three weeks ago", date(2026, 10, 31)),
        ("forty days ago", date(2026, 10, 12)),
        ("vorige week dinsdag", date(2026, 11, 10)),
        ("dinsdag vorige week", date(2026, 11, 10)),
        ("last week Tuesday", date(2026, 11, 10)),
        ("afgelopen dinsdag", date(2026, 11, 17)),
        ("last Tuesday", date(2026, 11, 17)),
        ("last Saturday", date(2026, 11, 14)),
        ("gisteren", date(2026, 11, 20)),
        ("yesterday", date(2026, 11, 20)),
        ("today", TODAY),
    ],
)
def test_past_dates_are_read_in_dutch_and_english(text, expected):
    reading = read_past_date(text, TODAY)
    assert reading.ok, reading
    assert reading.date == expected


@pytest.mark.parametrize("text", ["morgen", "tomorrow", "in 3 weeks", "volgende week", "1 december 2026"])
def test_a_future_date_is_refused_not_guessed(text):
    reading = read_past_date(text, TODAY)
    assert reading.date is None and reading.problem == "future"


@pytest.mark.parametrize("text", ["bla bla", "", "asdf qwer", "x" * 5000])
def test_unreadable_text_is_refused(text):
    reading = read_past_date(text, TODAY)
    assert reading.date is None and reading.problem == "unreadable"


@pytest.mark.parametrize(
    "sentence, phrase",
    [
        ("I gave Anna a Visual Studio subscription 3 weeks ago", "3 weeks ago"),
        ("ik heb Piet vorige week dinsdag een abonnement gegeven", "vorige week dinsdag"),
        ("toegewezen op 12-10-2026 aan Kees", "12-10-2026"),
        ("een abonnement aan Anna gegeven, drie weken geleden", "drie weken geleden"),
        ("it expires on 31 March 2027", "31 March 2027"),
        ("gave it to Bob yesterday", "yesterday"),
        ("I assigned Anna a subscription", None),
    ],
)
def test_the_date_inside_a_sentence_is_found(sentence, phrase):
    assert date_phrase_in(sentence) == phrase


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31 March 2027", date(2027, 3, 31)),
        ("it expires on 30 June 2027", date(2027, 6, 30)),
        ("tot 31 maart 2027", date(2027, 3, 31)),
        ("verloopt op 1-6-2027", date(2027, 6, 1)),
        ("over drie maanden", date(2027, 2, 21)),
    ],
)
def test_BEN_12_expiry_dates_are_read_in_the_future(text, expected):
    assert read_expiry_date(text, TODAY).date == expected


@pytest.mark.parametrize("text, problem", [("12 October 2026", "past"), ("today", "past"), ("bla", "unreadable")])
def test_BEN_12_an_expiry_that_is_not_after_today_is_refused(text, problem):
    assert read_expiry_date(text, TODAY).problem == problem
