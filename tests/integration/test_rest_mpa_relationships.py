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


def test_MPA_04_MPA_08_check_and_regions_signed_one_by_one_in_dutch(servers):
    chat = Chat(servers, "mpa-nl")
    asked = chat.turn("kunnen we de MPA tekenen?")
    assert asked.responses == ("utter_rule_csp_partner_type", "utter_ask_csp_partner_type") and in_language(asked, "nl")
    assert chat.responses("we zijn indirecte wederverkoper") == ("utter_rule_mpn_account", "utter_ask_mpn_account")
    assert chat.responses("we zitten in Partner Center") == ("utter_rule_mpn_program_status", "utter_ask_mpn_program_status")
    assert chat.responses("de status is actief") == (
        "utter_rule_indirect_reseller_status",
        "utter_ask_indirect_reseller_status",
    )
    assert chat.responses("gekwalificeerd") == ("utter_rule_mpa_global_admin", "utter_ask_mpa_global_admin")
    assert chat.responses("ja") == ("utter_mpa_ready_dashboard_regions_open", "utter_ask_csp_countries")
    verdict = chat.turn("we verkopen in Duitsland en Mexico")
    assert verdict.responses == ("utter_mpa_accept_on_dashboard",)
    assert "2 keer: Europa (Duitsland); Latijns-Amerika en het Caribisch gebied (Mexico)" in verdict.text
    assert in_language(verdict, "nl")
    signed = chat.turn("we hebben de MPA getekend voor Europa")
    assert signed.responses[0] == "utter_mpa_signature_recorded" and "Europa" in signed.text
    still = chat.turn("welke regio's moeten de MPA nog?")
    assert still.responses == ("utter_mpa_regions_sign_again",)
    assert "Latijns-Amerika en het Caribisch gebied" in still.text and "Al getekend: Europa" in still.text
    assert chat.responses("MPA getekend in Mexico")[0] == "utter_mpa_signature_recorded"
    store = PartnerStore(servers.store_url)
    try:
        assert set(store.mpa.signed_regions("rest:mpa-nl")) == {"Europe", "Latin America and the Caribbean"}
        facts = store.facts("rest:mpa-nl")
        assert facts["indirect_reseller_status"] == "qualified" and facts["csp_partner_type"] == "indirect_reseller"
        assert facts["mpn_program_status"] == "active" and facts["user_role"] == "global_admin"
    finally:
        store.dispose()


def test_MPA_06_blocked_by_pending_status_and_MPA_04_regions_counted_in_english(servers):
    chat = Chat(servers, "mpa-en")
    chat.say("can we sign the MPA?")
    chat.say("We are a direct bill partner")  # the button's text
    chat.say("We're already in Partner Center")
    blocked = chat.turn("the status is pending")
    assert blocked.responses[0] == "utter_mpa_mpn_verification_failed" and in_language(blocked, "en")
    assert "Pending" in blocked.text
    chat = Chat(servers, "mpa-regions-en")
    asked = chat.turn("can we sign the MPA? We're an indirect provider in Partner Center, MPN status active, I'm the global admin")
    assert asked.responses == ("utter_mpa_ready_regions_open", "utter_ask_csp_countries")
    counted = chat.turn("we sell in Canada and in Brazil")
    assert counted.responses == ("utter_mpa_sign_now",) and "2 times for you: Canada; Brazil" in counted.text
    store = PartnerStore(servers.store_url)
    try:
        assert set(store.facts("rest:mpa-regions-en")["csp_regions"]) == {"Canada", "Brazil"}
    finally:
        store.dispose()


def test_MPA_11_missing_accept_button_is_a_missing_role(servers):
    assert Chat(servers, "button").responses("why can't I see the Accept button?") == ("utter_mpa_missing_accept_button",)


def test_REL_07_customer_removes_partners_by_their_stored_type(servers):
    chat = Chat(servers, "customer-en")
    assert chat.responses("I have a question about partner relationships") == ("utter_rel_overview_customer",)
    assert chat.responses("remove partner Contoso") == ("utter_ask_rel_partner_type",)
    assert inform(chat, "rel_partner_type", "reseller") == ("utter_rel_ask_partner_to_end",)
    assert chat.responses("I want to end the relationship with Fabrikam") == ("utter_ask_rel_partner_type",)
    assert inform(chat, "rel_partner_type", "advisor") == ("utter_rel_delete_partner",)
    assert chat.responses("remove partner Contoso") == ("utter_rel_ask_partner_to_end",)
    store = PartnerStore(servers.store_url)
    try:
        assert store.relationships.partners("rest:customer-en") == [Partner("Contoso", "reseller")]
    finally:
        store.dispose()
