"""MPA and partner-relationship conversations over the REST webhook, where facts given early
decide answers later: regions are signed one by one until none is missing."""

import pytest

from actions.store import Partner, PartnerStore
from tests.integration.servers import AssistantServers, Chat, in_language


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-mpa")).start()
    yield running
    running.stop()


def inform(chat, entity, value):
    """What a button click sends; the responses chosen."""
    return chat.responses(f'/inform{{"{entity}": "{value}"}}')


def test_mpa_check_and_regions_signed_one_by_one_in_dutch(servers):
    chat = Chat(servers, "mpa-nl")
    asked = chat.turn("kunnen we de MPA tekenen?")
    assert asked.responses == ("utter_ask_csp_partner_type",) and in_language(asked, "nl")
    assert chat.responses("we zijn indirecte wederverkoper") == ("utter_ask_mpn_account",)
    assert inform(chat, "mpn_account", "partner_center") == ("utter_ask_mpn_program_status",)
    assert chat.responses("de status is actief") == ("utter_ask_indirect_reseller_status",)
    assert chat.responses("gekwalificeerd") == ("utter_ask_mpa_form_user_role",)
    assert chat.responses("ja") == ("utter_ask_csp_countries",)
    verdict = chat.turn("we verkopen in Duitsland en Mexico")
    assert verdict.responses == ("utter_mpa_regions_recorded", "utter_mpa_accept_on_dashboard")
    assert "Europa, Latijns-Amerika en het Caribisch gebied" in verdict.text and in_language(verdict, "nl")
    signed = chat.turn("we hebben de MPA getekend voor Europa")
    assert signed.responses == ("utter_mpa_signature_recorded", "utter_mpa_accept_on_dashboard")
    assert "Dat moet nog in: Latijns-Amerika" in signed.text
    still = chat.turn("welke regio's moeten de MPA nog?")
    assert still.responses == ("utter_mpa_accept_on_dashboard",) and "Latijns-Amerika en het Caribisch gebied" in still.text
    assert chat.responses("MPA getekend in Mexico") == ("utter_mpa_signature_recorded", "utter_mpa_signed_everywhere")
    store = PartnerStore(servers.store_url)
    try:
        assert set(store.mpa.signed_regions("rest:mpa-nl")) == {"Europe", "Latin America and the Caribbean"}
        assert store.facts("rest:mpa-nl")["indirect_reseller_status"] == "qualified"
    finally:
        store.dispose()


def test_mpa_blocked_by_pending_status_and_ambiguous_region_in_english(servers):
    chat = Chat(servers, "mpa-en")
    chat.say("can we sign the MPA?")
    inform(chat, "csp_partner_type", "direct_bill")
    inform(chat, "mpn_account", "partner_center")
    blocked = chat.turn("the status is pending")
    assert blocked.responses[0] == "utter_mpa_mpn_verification_failed" and in_language(blocked, "en")
    assert "Pending" in blocked.text
    chat = Chat(servers, "mpa-regions-en")
    chat.say("can we sign the MPA?")
    inform(chat, "csp_partner_type", "indirect_provider")
    inform(chat, "mpn_account", "partner_center")
    chat.say("it says active")
    chat.say("yes")
    ambiguous = chat.turn("we sell in North America")
    assert ambiguous.responses == ("utter_mpa_regions_ambiguous", "utter_ask_csp_countries")
    assert "United States, Canada" in ambiguous.text
    allowed = chat.turn("Canada")
    assert allowed.responses == ("utter_mpa_regions_recorded", "utter_mpa_sign_now") and "Canada" in allowed.text


def test_missing_accept_button_is_a_missing_role(servers):
    assert Chat(servers, "button").responses("why can't I see the Accept button?") == ("utter_mpa_missing_accept_button",)


def test_customer_removes_partners_by_their_stored_type(servers):
    chat = Chat(servers, "customer-en")
    assert chat.responses("I have a question about partner relationships") == ("utter_ask_user_kind",)
    assert inform(chat, "user_kind", "customer") == ("utter_rel_overview_customer",)
    asked = chat.turn("remove partner Contoso")
    assert asked.responses == ("utter_ask_rel_partner_type",) and "Contoso" in asked.text
    assert inform(chat, "rel_partner_type", "reseller") == ("utter_rel_ask_partner_to_end",)
    asked = chat.turn("I want to end the relationship with Fabrikam")
    assert asked.responses == ("utter_ask_rel_partner_type",) and "Fabrikam" in asked.text
    assert inform(chat, "rel_partner_type", "advisor") == ("utter_rel_delete_partner",)
    assert chat.responses("remove partner Contoso") == ("utter_rel_ask_partner_to_end",)
    store = PartnerStore(servers.store_url)
    try:
        assert store.relationships.partners("rest:customer-en") == [Partner("Contoso", "reseller")]
    finally:
        store.dispose()
