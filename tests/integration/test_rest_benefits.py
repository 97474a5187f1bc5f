"""Benefit conversations over the REST webhook with the real servers: facts given in one
turn (an assignment "3 weeks ago", a purchase date, a marketing contact) decide answers
several turns later, and dates are computed from the stored facts and today's date."""

from datetime import date, timedelta

import pytest

from actions.reading import read_past_date
from actions.replies import human_date
from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat, in_language


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-benefits")).start()
    yield running
    running.stop()


def click(chat, intent, entity, value):
    """What a button click sends; the responses chosen."""
    return chat.responses(f'/{intent}{{"{entity}": "{value}"}}')


def stored(servers, read):
    store = PartnerStore(servers.store_url)
    try:
        return read(store)
    finally:
        store.dispose()


def test_BEN_07_assigned_3_weeks_ago_then_asked_later_when_it_can_move_in_english(servers):
    chat = Chat(servers, "ben-vs-en")
    today = date.today()
    earliest = human_date(today + timedelta(days=69), "en")
    reply = chat.say("I gave Anna a Visual Studio subscription 3 weeks ago")
    assert f"Noted: Anna has had a Visual Studio subscription since {human_date(today - timedelta(days=21), 'en')}" in reply
    assert f"on {earliest} at the earliest (69 days from now)" in reply
    # Other business in between: the software benefit asks the account and the role once.
    assert chat.responses("how do I get my software keys?") == ("utter_ask_mpn_account",)
    assert click(chat, "inform", "mpn_account", "partner_center") == ("utter_ask_benefit_form_user_role",)
    assert click(chat, "inform_role", "role", "global_admin") == ("utter_ben_software_steps",)
    refused = chat.turn("can I give the Visual Studio subscription to someone else?")
    assert refused.responses == ("utter_ben_vs_reassign_not_yet",) and "Anna" in refused.text
    assert f"so on {earliest} at the earliest (69 days left)" in refused.text
    assignments = stored(servers, lambda store: store.benefits.visual_studio_assignments("rest:ben-vs-en"))
    assert [(row.subscriber, row.assigned_on) for row in assignments] == [("Anna", today - timedelta(days=21))]


def test_BEN_07_a_future_date_is_asked_again_in_dutch(servers):
    chat = Chat(servers, "ben-vs-nl")
    asked = chat.turn("ik heb het Visual Studio-abonnement aan Piet gegeven")
    assert asked.responses == ("utter_ask_vs_assigned_on",) and in_language(asked, "nl")
    assert chat.responses("morgen") == ("utter_date_future", "utter_ask_vs_assigned_on")
    reply = chat.say("vorige week dinsdag")
    assigned_on = read_past_date("vorige week dinsdag", date.today()).date
    assert f"Genoteerd: Piet heeft een Visual Studio-abonnement sinds {human_date(assigned_on, 'nl')}" in reply


def test_BEN_13_refund_too_late_names_the_condition_in_dutch(servers):
    chat = Chat(servers, "ben-refund-nl")
    asked = chat.turn("kan ik restitutie krijgen voor ons voordelenpakket?")
    assert asked.responses == ("utter_ask_benefits_purchased_on",) and in_language(asked, "nl")
    refused = chat.turn("twee maanden geleden")
    assert refused.responses == ("utter_ben_refund_too_late",)
    reply = refused.text
    purchased_on = read_past_date("twee maanden geleden", date.today()).date
    days = (date.today() - purchased_on).days
    assert f"u kocht op {human_date(purchased_on, 'nl')}, {days} dagen geleden" in reply
    facts = stored(servers, lambda store: store.facts("rest:ben-refund-nl"))
    assert facts["benefits_purchased_on"] == purchased_on.isoformat()


def test_BEN_11_BEN_12_go_to_market_contact_offer_pending_then_active_in_dutch(servers):
    chat = Chat(servers, "ben-gtm-nl")
    assert chat.responses("go-to-market instellen") == ("utter_ask_mpn_account",)
    click(chat, "inform", "mpn_account", "partner_center")
    assert click(chat, "inform_role", "role", "mpn_partner_admin") == ("utter_ask_marketing_contact_email",)
    assert chat.responses("marketing@contoso.nl") == ("utter_ask_marketing_contact_phone",)
    assert chat.responses("weet ik veel") == ("utter_ben_phone_invalid", "utter_ask_marketing_contact_phone")
    assert chat.responses("+31 20 123 4567") == ("utter_ask_marketing_contact_language",)
    recorded = chat.turn('/inform{"contact_language": "nl"}')
    assert recorded.responses == ("utter_ben_marketing_contact_recorded", "utter_ben_gtm_activate_steps")
    assert "marketing@contoso.nl, +31 20 123 4567" in recorded.text and in_language(recorded, "nl")
    pending = chat.turn("ik heb de Silver cores aanbieding geactiveerd")
    assert pending.responses == ("utter_ben_gtm_offer_pending",) and "Silver cores" in pending.text
    expires = date(date.today().year + 1, 3, 31)
    reply = chat.say(f"de aanbieding is nu actief, verloopt op 31 maart {expires.year}")
    assert f"Genoteerd: Silver cores is actief en verloopt op 31 maart {expires.year}" in reply
    offers = stored(servers, lambda store: store.benefits.go_to_market_offers("rest:ben-gtm-nl"))
    assert offers[0].status == "active" and offers[0].expires_on == expires


def test_BEN_10_action_pack_asking_for_signature_support_and_BEN_08_access_id_in_english(servers):
    chat = Chat(servers, "ben-support-en")
    assert chat.responses("can we use Signature support for cloud products?") == ("utter_ask_membership_level",)
    assert click(chat, "inform", "membership_level", "action_pack") == ("utter_ben_signature_not_for_action_pack",)
    assert chat.responses("where do I find my access ID?") == ("utter_ben_ids_activate_first",)


def test_the_greeting_offers_the_mpa_and_the_benefits_and_the_benefits_button_works(servers):
    chat = Chat(servers, "greet-benefits-nl")
    replies = chat.send("hallo")
    titles = [button["title"] for reply in replies for button in reply.get("buttons", [])]
    assert {"De MPA", "Mijn voordelen"} <= set(titles)
    assert chat.responses("/ask_benefit") == ("utter_ask_mpn_account",)
    in_pmc = chat.turn('/inform{"mpn_account": "pmc"}')
    assert in_pmc.responses == ("utter_ben_manage_in_pmc",) and in_language(in_pmc, "nl")
