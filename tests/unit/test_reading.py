"""Reading a message: names, roles, emails and mail providers, head-office domains, IDs, places."""

import pytest

from actions.reading import (
    MAX_READ,
    emails_in,
    headquarters_domain_in,
    mail_provider_domain,
    normalise_email,
    partner_name_in,
    person_in,
    phone_number,
    place_names,
    previous_holder_in,
    role_named,
    technical_ids_in,
)


@pytest.mark.parametrize(
    "text, known, name",
    [
        ("remove partner Contoso", [], "Contoso"),
        ("I want to end the relationship with Fabrikam Ltd", [], "Fabrikam Ltd"),
        ("verwijder partner contoso", ["Contoso"], "Contoso"),
        ('stop with "wingtip toys"', [], "wingtip toys"),
        ("how do I delete a partner", [], None),
        ("Hoe verwijder ik onze partner", [], None),
    ],
)
def test_partner_names_are_found_in_requests(text, known, name):
    assert partner_name_in(text, known) == name


@pytest.mark.parametrize(
    "raw, role",
    [
        ("global_admin", "global_admin"),
        ("Globale beheerder", "global_admin"),
        ("GA", "other"),  # too ambiguous to read as the Global admin
        ("beheeragent", "admin_agent"),
        ("gebruikersbeheerder", "user_management_admin"),
        ("MPN-partnerbeheerder", "mpn_partner_admin"),
        ("legal counsel", "other"),
        (None, None),
    ],
)
def test_roles_are_read_from_their_names(raw, role):
    assert role_named(raw) == role


def test_names_and_ids_are_read_from_the_message():
    assert person_in("I gave Anna a subscription") == "Anna"
    assert person_in("ik heb het abonnement aan Piet de Vries gegeven") == "Piet"
    assert person_in("assigned it to bob@contoso.com") == "bob@contoso.com"
    assert technical_ids_in("toegangs-ID is QW12-9988, contract-ID is 55443322") == {
        "access_id": "QW12-9988",
        "contract_id": "55443322",
    }
    assert technical_ids_in("where is my access ID?") is None


def test_a_previous_holder_is_named_by_possessive_or_from():
    assert previous_holder_in("can I move Anna's subscription to Piet?", ["Anna", "Bram"]) == "Anna"
    assert previous_holder_in("het abonnement van bram naar Piet", ["Anna", "Bram"]) == "Bram"
    assert previous_holder_in("give it to Piet", ["Anna"]) is None


def test_email_addresses_are_found_and_normalised_by_one_pattern():
    assert emails_in("mail Anna.B@Contoso.COM or jan@contoso.nl, not x@y") == ["Anna.B@contoso.com", "jan@contoso.nl"]
    assert normalise_email("  <mailto:Admin@Contoso.COM> ") == "Admin@contoso.com"
    assert normalise_email("jan at contoso.nl") is None
    assert normalise_email("jan@@contoso.com") is None


def test_mail_providers_named_on_their_own_are_their_domains():
    assert mail_provider_domain("Gmail") == "gmail.com"
    assert mail_provider_domain("kpn") == "kpnmail.nl"
    assert mail_provider_domain("contoso.nl") == "contoso.nl"


@pytest.mark.parametrize(
    "text, domains, headquarters",
    [
        ("our head office uses contoso.com, the Dutch branch contoso.nl", ["contoso.com", "contoso.nl"], "contoso.com"),
        (
            "Wij hebben bakkerbouw.nl voor het hoofdkantoor in Zwolle en bakkerbouw.be voor onze vestiging",
            ["bakkerbouw.nl", "bakkerbouw.be"],
            "bakkerbouw.nl",
        ),
        ("fabrikam.de for the HQ in Munich and fabrikam.co.uk for the UK branch", ["fabrikam.de", "fabrikam.co.uk"], "fabrikam.de"),
        ("het hoofdkantoor gebruikt jansenict.nl en de Duitse vestiging jansenict.de", ["jansenict.nl", "jansenict.de"], "jansenict.nl"),
        ("we have contoso.com and contoso.nl", ["contoso.com", "contoso.nl"], None),
    ],
)
def test_WA_02_the_domain_said_to_be_the_head_offices_is_found(text, domains, headquarters):
    assert headquarters_domain_in(text, domains) == headquarters


def test_phone_numbers_and_places():
    assert phone_number(" +31 20  123 4567 ") == "+31 20 123 4567"
    assert phone_number("weet ik veel") is None
    assert place_names("we sell in Germany, Mexico and the UK") == ["Germany", "Mexico", "UK"]


def test_only_the_first_MAX_READ_characters_of_a_message_are_read():
    padding = "x" * MAX_READ
    assert emails_in("anna@contoso.com " + padding) == ["anna@contoso.com"]
    assert emails_in(padding + " anna@contoso.com") == []
    assert person_in(padding + " to Anna") is None
