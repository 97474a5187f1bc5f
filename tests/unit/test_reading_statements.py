"""The readers of actions/reading.py that turn a partner's sentence into values: denied
roles, the global admin's name, statements vs questions, prerequisites, steps done, domains,
dates in plain language, offers, benefits, support and product kinds, permissions, IDs."""

from datetime import date

import pytest

from actions import reading

SATURDAY = date(2026, 11, 21)


# ----- roles (MPA-01, ONB-05) --------------------------------------------------------------


def test_MPA_01_ONB_05_denied_roles_are_the_writers_own_only():
    assert reading.denied_roles("i'm not in the admin agent group, is that a problem?") == ["admin_agent"]
    assert reading.denied_roles("ik ben niet de globale beheerder, dat is Piet") == ["global_admin"]
    assert reading.denied_roles("ik ben globale beheerder") == []
    # Someone else's role denied says nothing about the writer.
    assert reading.denied_roles("my colleague is not a global admin") == []


def test_MPA_01_the_global_admin_named_in_either_language():
    assert reading.global_admin_named("volgens mij: de globale beheerder is mijn collega Kees") == "Kees"
    assert reading.global_admin_named("our global admin is Maria Lopez, she signs everything") == "Maria Lopez"
    assert reading.global_admin_named("collega Joost is de globale beheerder") == "Joost"
    assert reading.global_admin_named("who is the global admin?") is None


def test_MPA_01_GA_is_the_global_admin_only_in_capitals_in_a_sentence():
    assert reading.stated_role("I'm the GA here, where do I sign?") == "global_admin"
    # The Dutch verb "ga" is no role, and a role name "GA" on its own is too ambiguous.
    assert reading.stated_role("ik ga even kijken bij de instellingen") is None
    assert reading.role_named("GA") == "other"


# ----- statements and what the partner has ready (ONB-02) ---------------------------------


def test_ONB_02_statements_leave_the_questions_out():
    assert reading.statements("We are in Partner Center. Can I sign? The MPN status is Active!") == (
        "We are in Partner Center. The MPN status is Active!"
    )
    assert reading.statements("Hoe werkt dat? Geen idee.") == "Geen idee."
    assert reading.statements("what is a primary contact?") == ""


@pytest.mark.parametrize(
    "text, ready",
    [
        ("Hoe zit het met het adres? We hebben de bedrijfsnaam wel klaar.", {"legal_details": True}),
        (
            "the legal business name and address are ready, primary contact will be jan@contoso.com",
            {"legal_details": True, "primary_contact": True},
        ),
        ("we don't know yet who the primary contact will be", {"primary_contact": False}),
        (
            "mijn collega is tekenbevoegd, het e-mailadres van de globale beheerder is admin@bakker.nl",
            {"signing_authority": True, "admin_email": True},
        ),
        ("what is a primary contact?", {}),
    ],
)
def test_ONB_02_stated_prerequisites(text, ready):
    assert reading.stated_prerequisites(text) == ready


# ----- enrollment steps (ONB-03) -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, done",
    [
        ("welcome page done and I'm signed in", 2),
        ("I'm at step 2 now", 1),
        ("we submitted our enrollment yesterday", 3),
        ("stap 4 is klaar", 4),
        ("ik heb de voorwaarden geaccepteerd", 4),
        ("admin agent group verified, what now", 5),
        ("ik ben nog niet ingelogd", None),
        ("hoi", None),
    ],
)
def test_ONB_03_reported_steps_done(text, done):
    assert reading.reported_steps_done(text) == done


# ----- domains (WA-02) ---------------------------------------------------------------------


def test_WA_02_domains_written_out_but_not_inside_email_addresses():
    assert reading.domains_in("we use contoso.com and contoso.nl, e.g. for mail; mail me at jan@contoso.de") == [
        "contoso.com",
        "contoso.nl",
    ]
    assert reading.domains_in("bakkerbouw.nl voor het hoofdkantoor, bijv. bakkerbouw.be") == [
        "bakkerbouw.nl",
        "bakkerbouw.be",
    ]
    assert reading.domains_in("geen domein hier") == []


# ----- dates in plain language (BEN-07, BEN-12, BEN-13) --------------------------------------


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("I bought the benefits 3 weeks ago and nothing is activated", "3 weeks ago"),
        ("we kochten het twee weken geleden, kan ik nog annuleren?", "twee weken geleden"),
        ("toegewezen op 3 maart 2026 aan Anna", "3 maart 2026"),
        ("vorige week dinsdag gaf ik het aan Piet", "vorige week dinsdag"),
        ("last Tuesday I gave it to Piet", "last Tuesday"),
        ("it expires on 2027-01-31", "2027-01-31"),
        ("no date in this one", None),
    ],
)
def test_BEN_07_BEN_13_the_date_phrase_inside_a_sentence(text, phrase):
    assert reading.date_phrase_in(text) == phrase


@pytest.mark.parametrize(
    "text, day",
    [
        ("twee weken geleden", date(2026, 11, 7)),
        ("3 weeks ago", date(2026, 10, 31)),
        ("vorige week dinsdag", date(2026, 11, 10)),
        ("last tuesday", date(2026, 11, 17)),
        ("op 3 maart 2026", date(2026, 3, 3)),
    ],
)
def test_BEN_07_BEN_13_past_dates_relative_to_today(text, day):
    assert reading.read_past_date(text, SATURDAY).date == day


def test_BEN_07_BEN_13_a_future_or_unreadable_past_date_says_why():
    assert reading.read_past_date("morgen", SATURDAY).problem == "future"
    assert reading.read_past_date("banaan", SATURDAY).problem == "unreadable"
    assert not reading.read_past_date("", SATURDAY).ok


def test_BEN_12_an_expiry_date_must_be_after_today():
    assert reading.read_expiry_date("the offer runs until 31 januari 2027", SATURDAY).date == date(2027, 1, 31)
    assert reading.read_expiry_date("over 2 maanden", SATURDAY).date == date(2027, 1, 21)
    assert reading.read_expiry_date("2026-11-01", SATURDAY).problem == "past"


# ----- offers, benefits, support, products, permissions, IDs (BEN) ---------------------------


@pytest.mark.parametrize(
    "text, offer",
    [
        ("we want the gold cores offer activated", "Gold Cores"),
        ("isv co-sell ready aanbieding activeren", "ISV Co-sell Ready"),
        ("hoe activeer ik een aanbieding", None),
    ],
)
def test_BEN_11_BEN_12_offer_named(text, offer):
    assert reading.offer_in(text) == offer


@pytest.mark.parametrize(
    "text, kind",
    [
        ("waar vind ik mijn product keys voor windows server", "software"),
        ("Azure credits activeren", "cloud"),
        ("VS Enterprise abonnement toewijzen aan een collega", "visual_studio"),
        ("de technische voordelen zie ik niet", "technical"),
        ("Silver cores, how does that work", "go_to_market"),
        ("hallo daar", None),
    ],
)
def test_BEN_04_BEN_11_benefit_kind(text, kind):
    assert reading.benefit_in(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("we need help with a hybrid deployment for a customer", "presales_deployment"),
        ("do we get signature support for teams?", "signature_cloud"),
        ("can we open a support incident", "product_support_incident"),
        ("hi", None),
    ],
)
def test_BEN_10_support_kind(text, kind):
    assert reading.support_kind_in(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("our exchange server 2019 keeps crashing", "on_premises"),
        ("probleem met dynamics 365", "dynamics"),
        ("Teams calls drop all the time", "cloud"),
        ("hello", None),
    ],
)
def test_BEN_09_BEN_10_product_kind(text, kind):
    assert reading.product_kind_in(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("may I buy benefits without being global admin?", "buy"),
        ("mag ik visual studio abonnementen toewijzen?", "assign"),
        ("who can download the keys", "activate"),
        ("who may activate go to market offers", "go_to_market"),
        ("wie mag de technische voordelen activeren", "technical"),
    ],
)
def test_BEN_02_BEN_03_BEN_11_permission_kind(text, kind):
    assert reading.permission_kind_in(text) == kind


def test_BEN_08_technical_ids_pasted_in_a_sentence():
    assert reading.technical_ids_in("Access ID: AB12-3456 and contract id 998877") == {
        "access_id": "AB12-3456",
        "contract_id": "998877",
    }
    assert reading.technical_ids_in("hier: toegangs-ID is QW12-9988") == {"access_id": "QW12-9988", "contract_id": None}
    assert reading.technical_ids_in("what is an access id?") is None
