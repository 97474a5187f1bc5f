"""Places in a sentence and their CSP regions (MPA-04, actions/rules/csp_regions.py), and the
parts of a message no documented rule answers (actions/scope.py)."""

import pytest

from actions.rules.csp_regions import country_name, places_in, regions_by_place
from actions.scope import out_of_scope_parts


@pytest.mark.parametrize(
    "text, places",
    [
        ("We sell in Ireland and the UK, do we sign twice?", ["ireland", "uk"]),
        ("wij verkopen in België, Duitsland en de VS", ["belgie", "duitsland", "vs"]),
        ("we sell in Asia and North America", ["asia", "north america"]),
        ("we use vs enterprise and sell in Equatorial Guinea", ["equatorial guinea"]),
        ("mail jan@contoso.nl please", []),
        ("", []),
    ],
)
def test_MPA_04_places_named_in_a_sentence(text, places):
    assert places_in(text) == places


def test_MPA_04_us_and_vs_are_places_only_as_written_for_a_country():
    assert set(places_in("we are in the US and Canada")) == {"us", "canada"}
    assert "us" not in places_in("can you help us with the mpa")
    assert "vs" not in places_in("ik wil een vs abonnement toewijzen")


def test_MPA_04_each_place_has_its_candidate_regions():
    by_place = regions_by_place(["ireland", "uk", "asia", "north america", "atlantis"])
    assert by_place["ireland"] == by_place["uk"] == ("Europe",)
    assert by_place["north america"] == ("United States", "Canada")
    assert "Japan" in by_place["asia"] and len(by_place["asia"]) > 1
    assert "atlantis" not in by_place


def test_MPA_04_places_are_named_in_the_users_language():
    assert country_name("duitsland", "en") == "Germany"
    assert country_name("germany", "nl") == "Duitsland"


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "How much does the MPA cost and what are the liability clauses of the MPA?",
            ["utter_scope_price", "utter_scope_legal_terms"],
        ),
        ("wat kost een visual studio abonnement eigenlijk?", ["utter_scope_price"]),
        ("we were charged twice on our invoice last month", ["utter_scope_billing"]),
        ("I get AADSTS50020 when I sign in to partner center", ["utter_scope_error_codes"]),
        ("ik krijg een foutmelding bij het inloggen", ["utter_scope_error_codes"]),
        ("what are the requirements to become a gold partner", ["utter_scope_competency_requirements"]),
        ("wat zijn de eisen om Gold partner te worden", ["utter_scope_competency_requirements"]),
        ("how do I sign the MPA as an indirect reseller?", []),
        ("we zijn een gold partner, welke support krijgen we?", []),
    ],
)
def test_MPA_03_BEN_10_parts_beyond_the_rules_are_named_honestly(text, parts):
    assert out_of_scope_parts(text) == parts
