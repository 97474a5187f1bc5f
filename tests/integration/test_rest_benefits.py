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


def buttons_of(replies):
    """The buttons offered, title -> the payload a click sends."""
    return {button["title"]: button["payload"] for reply in replies for button in reply.get("buttons", [])}


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
    recorded = chat.turn("I gave Anna a Visual Studio subscription 3 weeks ago")
    assert recorded.responses == ("utter_ben_vs_assignment_recorded",)
    assert f"since {human_date(today - timedelta(days=21), 'en')}" in recorded.text
    assert f"from {earliest} (69 days from now)" in recorded.text
    # Other business in between: the software benefit is answered at once, with the roles it needs.
    assert chat.responses("how do I get my software keys?") == ("utter_ben_software_steps", "utter_ben_roles_to_activate")
    refused = chat.turn("can I give the Visual Studio subscription to someone else?")
    assert refused.responses == ("utter_ben_vs_reassign_not_yet",)
    assert f"on {earliest} at the earliest (69 more days)" in refused.text
    assignments = stored(servers, lambda store: store.benefits.visual_studio_assignments("rest:ben-vs-en"))
    assert [row.assigned_on for row in assignments] == [today - timedelta(days=21)]


def test_BEN_07_a_future_date_is_refused_in_dutch(servers):
    chat = Chat(servers, "ben-vs-nl")
    asked = chat.turn("ik heb het Visual Studio-abonnement aan Piet gegeven")
    assert asked.responses == ("utter_ask_vs_assigned_on",) and in_language(asked, "nl")
    assert chat.responses("over drie dagen")[0] == "utter_date_future"
    assert stored(servers, lambda store: store.benefits.visual_studio_assignments("rest:ben-vs-nl")) == []
    chat = Chat(servers, "ben-vs-nl-past")
    chat.say("ik heb het Visual Studio-abonnement aan Piet gegeven")
    reply = chat.say("vorige week dinsdag")
    assigned_on = read_past_date("vorige week dinsdag", date.today()).date
    assert f"Genoteerd: Piet heeft sinds {human_date(assigned_on, 'nl')} een Visual Studio-abonnement" in reply


def test_BEN_13_refund_too_late_names_the_condition_in_dutch(servers):
    chat = Chat(servers, "ben-refund-nl")
    asked = chat.turn("kan ik restitutie krijgen voor ons voordelenpakket?")
    assert asked.responses == ("utter_ben_refund_rule", "utter_ask_benefits_purchased_on") and in_language(asked, "nl")
    refused = chat.turn("twee maanden geleden")
    assert refused.responses == ("utter_ben_refund_too_late",)
    reply = refused.text
    purchased_on = read_past_date("twee maanden geleden", date.today()).date
    days = (date.today() - purchased_on).days
    assert f"U kocht op {human_date(purchased_on, 'nl')}, {days} dagen geleden" in reply
    facts = stored(servers, lambda store: store.facts("rest:ben-refund-nl"))
    assert facts["benefits_purchased_on"] == purchased_on.isoformat()


def test_BEN_11_BEN_12_go_to_market_contact_offer_pending_then_active_in_dutch(servers):
    chat = Chat(servers, "ben-gtm-nl")
    asked = chat.turn("hoe activeer ik een go-to-market aanbieding? ik ben MPN-partnerbeheerder")
    assert asked.responses == ("utter_ben_marketing_contact_first", "utter_ask_marketing_contact_email")
    assert chat.responses("marketing@contoso.nl") == ("utter_ask_marketing_contact_phone",)
    assert chat.responses("weet ik veel") == ("utter_ben_phone_invalid", "utter_ask_marketing_contact_phone")
    assert chat.responses("+31 20 123 4567") == ("utter_ask_marketing_contact_language",)
    recorded = chat.turn("Nederlands")
    assert recorded.responses == ("utter_ben_marketing_contact_recorded", "utter_ben_gtm_activate_steps")
    assert "marketing@contoso.nl, +31 20 123 4567" in recorded.text and in_language(recorded, "nl")
    pending = chat.turn("ik heb de Silver cores aanbieding geactiveerd")
    assert pending.responses == ("utter_ben_gtm_offer_pending",) and "silver cores" in pending.text.lower()
    expires = date(date.today().year + 1, 3, 31)
    reply = chat.say(f"de aanbieding is nu actief, verloopt op 31 maart {expires.year}")
    assert f"verloopt op 31 maart {expires.year}" in reply
    offers = stored(servers, lambda store: store.benefits.go_to_market_offers("rest:ben-gtm-nl"))
    assert offers[0].status == "active" and offers[0].expires_on == expires
    facts = stored(servers, lambda store: store.facts("rest:ben-gtm-nl"))
    assert facts["user_role"] == "mpn_partner_admin" and facts["marketing_contact_language"] == "nl"


def test_BEN_10_action_pack_asking_for_signature_support_and_BEN_08_access_id_in_english(servers):
    chat = Chat(servers, "ben-support-en")
    level_buttons = buttons_of(chat.send("can we use Signature support for cloud products?"))  # BEN-10 asks the level
    assert {"Action Pack", "Silver", "Gold"} <= set(level_buttons)
    assert chat.responses(level_buttons["Action Pack"]) == ("utter_ben_signature_not_for_action_pack",)
    assert stored(servers, lambda store: store.facts("rest:ben-support-en"))["membership_level"] == "action_pack"
    assert chat.responses("where do I find my access ID?") == ("utter_ben_ids_activate_first",)


def test_BEN_01_the_greeting_offers_the_mpa_and_the_benefits_and_the_benefits_button_works(servers):
    chat = Chat(servers, "greet-benefits-nl")
    titles = buttons_of(chat.send("hallo"))
    assert {"De MPA", "Mijn voordelen"} <= set(titles)
    overview = chat.turn(titles["Mijn voordelen"])
    assert overview.responses == ("utter_ben_overview",) and in_language(overview, "nl")
    in_pmc = chat.turn("we zitten nog in PMC, hoe beheer ik onze voordelen?")
    assert in_pmc.responses == ("utter_ben_manage_in_pmc",) and in_language(in_pmc, "nl")
    assert stored(servers, lambda store: store.facts("rest:greet-benefits-nl"))["mpn_account"] == "pmc"
