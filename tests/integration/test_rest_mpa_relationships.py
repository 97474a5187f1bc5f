"""MPA and partner-relationship conversations over the REST webhook, where facts given early
decide answers later: regions are signed one by one until none is missing."""

import pytest

from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-mpa")).start()
    yield running
    running.stop()


def inform(chat, entity, value):
    """What a button click sends."""
    return chat.say(f'/inform{{"{entity}": "{value}"}}')


def test_mpa_check_and_regions_signed_one_by_one_in_dutch(servers):
    chat = Chat(servers, "mpa-nl")
    assert "Welk soort CSP-partner" in chat.say("kunnen we de MPA tekenen?")
    chat.say("we zijn indirecte wederverkoper")
    assert "MPN-programmastatus" in inform(chat, "mpn_account", "partner_center")
    assert "status Indirecte wederverkoper" in chat.say("de status is actief")
    assert "globale beheerder van de CSP-tenant" in chat.say("gekwalificeerd")
    assert "In welke landen" in chat.say("ja")
    reply = chat.say("we verkopen in Duitsland en Mexico")
    assert "Europa, Latijns-Amerika en het Caribisch gebied" in reply
    assert reply.count("U kunt de MPA nu accepteren") == 1
    assert "Bron: De Microsoft Partner Agreement" in reply
    reply = chat.say("we hebben de MPA getekend voor Europa")
    assert "getekend voor Europa" in reply and "Dat moet nog in: Latijns-Amerika" in reply
    assert "Latijns-Amerika en het Caribisch gebied" in chat.say("welke regio's moeten de MPA nog?")
    assert "U bent klaar met de MPA" in chat.say("MPA getekend in Mexico")
    store = PartnerStore(servers.store_url)
    try:
        assert set(store.signed_regions("mpa-nl")) == {"Europe", "Latin America and the Caribbean"}
        assert store.facts("mpa-nl")["indirect_reseller_status"] == "qualified"
    finally:
        store.dispose()


def test_mpa_blocked_by_pending_status_and_ambiguous_region_in_english(servers):
    chat = Chat(servers, "mpa-en")
    chat.say("can we sign the MPA?")
    inform(chat, "csp_partner_type", "direct_bill")
    inform(chat, "mpn_account", "partner_center")
    reply = chat.say("the status is pending")
    assert reply.startswith("Not yet: your MPN program status is Pending, so your account verification failed")
    assert "Source: The Microsoft Partner Agreement" in reply
    chat = Chat(servers, "mpa-regions-en")
    chat.say("can we sign the MPA?")
    inform(chat, "csp_partner_type", "indirect_provider")
    inform(chat, "mpn_account", "partner_center")
    chat.say("it says active")
    chat.say("yes")
    reply = chat.say("we sell in North America")
    assert '"North America" can mean several CSP regions: United States, Canada' in reply
    assert "You can sign the MPA now on the CSP Overview page. Still needed in: Canada" in chat.say("Canada")


def test_missing_accept_button_is_a_missing_role(servers):
    reply = Chat(servers, "button").say("why can't I see the Accept button?")
    assert "lacks the role" in reply and "User management" in reply


def test_customer_removes_partners_by_their_stored_type(servers):
    chat = Chat(servers, "customer-en")
    assert "customer managing its partners, or as a Microsoft partner" in chat.say(
        "I have a question about partner relationships"
    )
    assert "As a customer I can help you" in inform(chat, "user_kind", "customer")
    assert "What type of partner is Contoso?" in chat.say("remove partner Contoso")
    reply = inform(chat, "rel_partner_type", "reseller")
    assert "You can't delete Contoso yourself" in reply and "Ask Contoso to end the relationship" in reply
    reply = chat.say("I want to end the relationship with Fabrikam")
    assert "What type of partner is Fabrikam?" in reply
    assert "Delete partner" in inform(chat, "rel_partner_type", "advisor")
    assert "You can't delete Contoso yourself" in chat.say("remove partner Contoso")
    store = PartnerStore(servers.store_url)
    try:
        assert store.customer_partners("customer-en") == {"Contoso": "reseller"}
    finally:
        store.dispose()
