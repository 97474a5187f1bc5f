"""Benefit conversations over the REST webhook with the real servers: facts given in one
turn (an assignment "3 weeks ago", a purchase date, a marketing contact) decide answers
several turns later, and dates are computed from the stored facts and today's date."""

from datetime import date, timedelta

import pytest

from actions.dates import read_past_date
from actions.replies import human_date
from actions.store import PartnerStore
from tests.integration.servers import AssistantServers, Chat


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("assistant-benefits")).start()
    yield running
    running.stop()


def click(chat, intent, entity, value):
    """What a button click sends."""
    return chat.say(f'/{intent}{{"{entity}": "{value}"}}')


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
    assert "Is your MPN account in Partner Center" in chat.say("how do I get my software keys?")
    assert "Which role do you have in Partner Center" in click(chat, "inform", "mpn_account", "partner_center")
    assert "Select Get keys" in click(chat, "inform_role", "role", "global_admin")
    reply = chat.say("can I give the Visual Studio subscription to someone else?")
    assert reply.startswith("No, not yet: Anna's subscription was assigned on")
    assert f"so on {earliest} at the earliest (69 days left)" in reply
    assignments = stored(servers, lambda store: store.visual_studio_assignments("ben-vs-en"))
    assert [(row["subscriber"], row["assigned_on"]) for row in assignments] == [("Anna", today - timedelta(days=21))]


def test_BEN_07_a_future_date_is_asked_again_in_dutch(servers):
    chat = Chat(servers, "ben-vs-nl")
    assert "Wanneer was die toewijzing?" in chat.say("ik heb het Visual Studio-abonnement aan Piet gegeven")
    assert "Die datum ligt in de toekomst" in chat.say("morgen")
    reply = chat.say("vorige week dinsdag")
    assigned_on = read_past_date("vorige week dinsdag", date.today()).date
    assert f"Genoteerd: Piet heeft een Visual Studio-abonnement sinds {human_date(assigned_on, 'nl')}" in reply


def test_BEN_13_refund_too_late_names_the_condition_in_dutch(servers):
    chat = Chat(servers, "ben-refund-nl")
    assert "Wanneer hebt u het voordelenpakket gekocht?" in chat.say("kan ik restitutie krijgen voor ons voordelenpakket?")
    reply = chat.say("twee maanden geleden")
    purchased_on = read_past_date("twee maanden geleden", date.today()).date
    days = (date.today() - purchased_on).days
    assert reply.startswith("Nee, restitutie kan niet meer")
    assert f"u kocht op {human_date(purchased_on, 'nl')}, {days} dagen geleden" in reply
    facts = stored(servers, lambda store: store.facts("ben-refund-nl"))
    assert facts["benefits_purchased_on"] == purchased_on.isoformat()


def test_BEN_11_BEN_12_go_to_market_contact_offer_pending_then_active_in_dutch(servers):
    chat = Chat(servers, "ben-gtm-nl")
    assert "Staat uw MPN-account al in Partner Center" in chat.say("go-to-market instellen")
    click(chat, "inform", "mpn_account", "partner_center")
    assert "marketingcontactpersoon toe" in click(chat, "inform_role", "role", "mpn_partner_admin")
    assert "telefoonnummer" in chat.say("marketing@contoso.nl")
    assert "Dat lijkt geen telefoonnummer" in chat.say("weet ik veel")
    assert "voorkeurstaal" in chat.say("+31 20 123 4567")
    reply = click(chat, "inform", "contact_language", "nl")
    assert "Genoteerd als marketingcontactpersoon: marketing@contoso.nl, +31 20 123 4567" in reply
    assert "selecteer Activeren" in reply
    assert "Silver cores is aangevraagd en wacht op activering" in chat.say("ik heb de Silver cores aanbieding geactiveerd")
    expires = date(date.today().year + 1, 3, 31)
    reply = chat.say(f"de aanbieding is nu actief, verloopt op 31 maart {expires.year}")
    assert f"Genoteerd: Silver cores is actief en verloopt op 31 maart {expires.year}" in reply
    offers = stored(servers, lambda store: store.go_to_market_offers("ben-gtm-nl"))
    assert offers[0]["status"] == "active" and offers[0]["expires_on"] == expires


def test_BEN_10_action_pack_asking_for_signature_support_and_BEN_08_access_id_in_english(servers):
    chat = Chat(servers, "ben-support-en")
    assert "Which membership does your company have" in chat.say("can we use Signature support for cloud products?")
    reply = click(chat, "inform", "membership_level", "action_pack")
    assert reply.startswith("No, Signature product support for cloud products is for Gold/Silver competency partners")
    assert "product support incidents" in reply
    reply = chat.say("where do I find my access ID?")
    assert "appear only after you've activated the technical benefit" in reply


def test_the_greeting_offers_the_mpa_and_the_benefits_and_the_benefits_button_works(servers):
    chat = Chat(servers, "greet-benefits-nl")
    replies = chat.send("hallo")
    titles = [button["title"] for reply in replies for button in reply.get("buttons", [])]
    assert {"De MPA", "Mijn voordelen"} <= set(titles)
    assert "Staat uw MPN-account al in Partner Center" in chat.say("/ask_benefit")
    reply = click(chat, "inform", "mpn_account", "pmc")
    assert "beheert u uw MPN-voordelen in PMC" in reply
