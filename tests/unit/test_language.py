"""Language detection per message, restricted to Dutch and English."""

import pytest

from components.nlu.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "hoi",
        "waar was ik gebleven?",
        "kan ik mijn gmail adres gebruiken",
        "wat is een global admin",
        "we hebben Office 365, hebben we een werkaccount?",
        "klaar",
        "ik ben globale beheerder",
        "hoe download ik de MPN overeenkomst",
        "is ons account al geverifieerd",
    ],
)
def test_dutch_messages_are_dutch(text):
    assert detect_language(text) == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "what's my next step",
        "can I use my Gmail address?",
        "what is a global admin",
        "we have Office 365, do we have a work account?",
        "done",
        "where do I download the MPN agreement",
    ],
)
def test_english_messages_are_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text", ["ok", "ja", "MPA?", "nee", "no", "jan@contoso.nl", "", "   ", "12345", "👍", "global admin"]
)
def test_messages_too_short_to_tell_keep_the_current_language(text):
    assert detect_language(text) is None


def test_very_long_message_is_detected_quickly_from_its_start():
    assert detect_language("ik wil graag weten hoe dit werkt " * 400) == "nl"


@pytest.mark.parametrize("text", ["hoi hoi", "hallo hallo", "goeiemiddag", "tot ziens"])
def test_dutch_greetings_of_a_few_words_are_dutch(text):
    assert detect_language(text) == "nl"
