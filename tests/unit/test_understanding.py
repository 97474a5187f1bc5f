"""The facts a message states (actions/understanding.py ``stated_case_facts``): roles with
negation and subject, statuses by what they are the status of, partner types, where the MPN
account is, membership, levels, "nothing activated", the cloud subscription and the work
account, in Dutch and English."""

import pytest

from actions.understanding import Message, stated_case_facts


def stated(text, intent="inform", awaited=None, about_mpa=False, entities=()):
    return stated_case_facts(Message(text, intent, entities=tuple(entities)), awaited, about_mpa)


# ----- roles: negation and whose role it is (MPA-01, ONB-05, BEN-03) -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm not a global admin myself, so can I still sign that MPA thing for our company?",
        "ik ben niet de globale beheerder hoor, dat is Piet. mag ik dan wel tekenen?",
    ],
)
def test_MPA_01_a_denied_global_admin_role_is_no_admin_role(text):
    result = stated(text, "ask_mpa_signer")
    assert result.get("user_role") == "other"
    assert result.denied_roles == ("global_admin",)


@pytest.mark.parametrize(
    "text, role",
    [
        ("ik ben geen globale beheerder maar wel admin agent, mag ik de mpa tekenen?", "admin_agent"),
        ("I am not the global admin unfortunately, but I am the user management admin", "user_management_admin"),
    ],
)
def test_MPA_01_WA_07_a_denied_role_followed_by_the_own_role_is_the_own_role(text, role):
    result = stated(text, "ask_mpa_signer")
    assert result.get("user_role") == role
    assert "global_admin" in result.denied_roles


def test_ONB_05_a_global_admin_outside_the_admin_agent_group_keeps_the_global_admin_role():
    result = stated("ik ben globale beheerder, maar ik ben geen admin agent", "ask_finish_setup")
    assert result.get("user_role") == "global_admin"
    assert result.denied_roles == ("admin_agent",)


@pytest.mark.parametrize(
    "text",
    [
        "our GA is Anna, she's on holiday till monday. who else can sign the mpa?",
        "onze GA is Anna, kan ik het dan zelf doen?",
        "my colleague Joost handles it, he is the global admin",
        "can only a global admin sign the mpa or also someone else?",
        "you'd have to ask your global admin for that",
    ],
)
def test_MPA_01_a_global_admin_who_is_another_person_or_in_a_question_is_not_the_writers_role(text):
    assert stated(text, "ask_mpa_signer").get("user_role") is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("de globale beheerder is mijn collega Kees, moet hij dan tekenen of mag ik het?", "Kees"),
        ("I am not the global admin. Our global admin is Maria, she's out today", "Maria"),
        ("onze globale beheerder is Anna, kan ik zelf tekenen?", "Anna"),
    ],
)
def test_MPA_01_the_global_admin_named_is_kept_for_who_to_ask(text, name):
    result = stated(text, "ask_mpa_signer")
    assert result.global_admin_name == name
    assert result.get("user_role") in (None, "other")


@pytest.mark.parametrize(
    "text, role",
    [
        ("I'm the GA here, where do I click to sign?", "global_admin"),
        ("i'm logged in as global admin but i dont see the accept button", "global_admin"),
        ("ik ben mpn partner beheerder bij ons bedrijf", "mpn_partner_admin"),
        ("I'm just a regular user in partner center, nothing fancy", "other"),
        ("ik ben gewoon gebruiker", "other"),
        ("ik heb geen beheerdersrol, wie moet er tekenen?", "other"),
    ],
)
def test_MPA_01_BEN_03_the_writers_own_role(text, role):
    assert stated(text).get("user_role") == role


def test_MPA_01_a_misspelt_role_the_nlu_found_is_the_writers_unless_denied():
    text = "hoi, ik ben glbale behereder en wil de mpa tekenen"
    start = text.index("glbale")
    entity = {"entity": "role", "value": "global_admin", "start": start, "end": start + 16}
    assert stated(text, "ask_mpa_signer", entities=[entity]).get("user_role") == "global_admin"
    denied = "ik ben geen glbale behereder"
    start = denied.index("glbale")
    entity = {"entity": "role", "value": "global_admin", "start": start, "end": len(denied)}
    assert stated(denied, "ask_mpa_signer", entities=[entity]).get("user_role") is None


# ----- statuses by subject: MPN program vs indirect reseller (MPA-06, MPA-08) --------------


def test_MPA_06_MPA_08_two_statuses_in_one_message_go_to_their_own_subjects():
    result = stated(
        "our MPN program status says Pending, and the indirect reseller status is Active. what now?", "ask_mpa_status"
    )
    assert result.get("mpn_program_status") == "pending"
    assert result.get("indirect_reseller_status") == "active"
    # Only an indirect reseller has an indirect reseller status.
    assert result.get("csp_partner_type") == "indirect_reseller"


def test_MPA_06_MPA_08_the_subject_nearest_before_the_status_decides():
    result = stated("the indirect reseller status is Active but the MPN program status is Declined", "ask_mpa_status")
    assert result.get("mpn_program_status") == "declined"
    assert result.get("indirect_reseller_status") == "active"
    only_reseller = stated("our MPN status is fine but the indirect reseller status says Rejected", "ask_mpa_status")
    assert only_reseller.get("indirect_reseller_status") == "rejected"
    assert only_reseller.get("mpn_program_status") is None


def test_MPA_06_MPA_08_dutch_statuses_and_nothing_shown_for_the_reseller():
    assert stated("de programmastatus in het partnerprofiel staat op afgewezen", "ask_mpa_status").get(
        "mpn_program_status"
    ) == "declined"
    result = stated("bij indirecte wederverkoper staat er niets, de mpn status is actief", "ask_mpa_status")
    assert result.get("indirect_reseller_status") == "not_shown"
    assert result.get("mpn_program_status") == "active"


def test_MPA_06_MPA_08_a_bare_status_answers_the_question_asked():
    assert stated("Active", awaited="indirect_reseller_status").facts == {"indirect_reseller_status": "active"}
    assert stated("Active", awaited="mpn_program_status").facts == {"mpn_program_status": "active"}
    assert stated("Active").facts == {}
    # Qualified exists only for indirect resellers.
    assert stated("Qualified").get("indirect_reseller_status") == "qualified"


def test_MPA_06_a_status_without_subject_is_the_mpn_status_only_in_an_mpa_conversation():
    assert stated("it's Active now", about_mpa=True).get("mpn_program_status") == "active"
    assert stated("it's Active now", "ask_mpa_status").get("mpn_program_status") == "active"
    assert stated("it's Active now", "ask_benefit").get("mpn_program_status") is None
    assert stated("the Gold cores offer is active now", "ask_benefit", about_mpa=True).facts == {}


def test_MPA_08_a_status_the_nlu_attributed_to_the_reseller_is_kept_as_such():
    entity = {"entity": "status", "value": "qualified", "role": "indirect_reseller"}
    assert stated("it says so", "ask_mpa_status", entities=[entity]).get("indirect_reseller_status") == "qualified"


# ----- the CSP partner type: ours, not a customer's partner (MPA-02, REL-02) ---------------


@pytest.mark.parametrize(
    "text, partner_type",
    [
        ("We are a CSP indirect reseller and our customer's partner is a delegated admin", "indirect_reseller"),
        ("we buy through a distributor, our distributor is the indirect provider", "indirect_reseller"),
        ("we are direct bill partners in the Netherlands, do we sign online?", "direct_bill"),
        ("wij zijn geen CSP partner, moeten wij de mpa dan toch tekenen?", "not_csp"),
    ],
)
def test_MPA_02_the_companys_own_csp_partner_type(text, partner_type):
    assert stated(text, "ask_mpa_status").get("csp_partner_type") == partner_type


def test_REL_02_a_customers_partner_type_is_no_csp_partner_type():
    assert stated("our partner is a reseller, they manage our licences", "ask_rel_remove").get(
        "csp_partner_type"
    ) is None


# ----- Partner Center vs PMC, MPN membership (MPA-05, BEN-01, ONB-01) -----------------------


@pytest.mark.parametrize(
    "text, account, member",
    [
        ("we zitten al in partner center, is de MPA dan nog nodig?", "partner_center", True),
        ("we zijn al overgezet naar partnercentrum", "partner_center", True),
        ("we're still in PMC, haven't got an invitation yet", "pmc", True),
        ("we zitten nog in het oude PMC", "pmc", True),
        ("we have no MPN ID yet, just started the company", "none", False),
    ],
)
def test_MPA_05_BEN_01_where_the_mpn_account_is(text, account, member):
    result = stated(text)
    assert result.get("mpn_account") == account
    assert result.get("mpn_member") is member


@pytest.mark.parametrize(
    "text, member",
    [
        ("we zijn lid van het MPN sinds vorig jaar, hoe maak ik een account?", True),
        ("we are not yet a member of the microsoft partner network", False),
        ("how do we join the mpn?", None),
    ],
)
def test_ONB_01_mpn_membership(text, member):
    assert stated(text, "ask_onboarding").get("mpn_member") is member


# ----- membership level (BEN-10), "nothing activated" (BEN-13) ------------------------------


@pytest.mark.parametrize(
    "text, level",
    [
        ("we are a Gold partner, which support do we get?", "gold"),
        ("we zijn een silver partner", "silver"),
        ("we only have Action Pack, no Gold or Silver", "action_pack"),
        ("how do I activate the Silver cores offer?", None),
        ("we willen gold cores activeren", None),
    ],
)
def test_BEN_10_the_membership_level_is_the_companys_own(text, level):
    assert stated(text).get("membership_level") == level


@pytest.mark.parametrize(
    "text, activated",
    [
        ("nothing activated yet, we bought it 10 days ago", False),
        ("nee, niks geactiveerd", False),
        ("de sleutels zijn al in gebruik bij een klant", True),
        ("The software keys were already activated by Jan", True),
        ("can I get my money back?", None),
    ],
)
def test_BEN_13_whether_software_benefits_were_activated(text, activated):
    assert stated(text, "ask_refund").get("software_benefits_activated") is activated


# ----- cloud subscription and work account (WA-03, WA-05) ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we've used Office 365 for years, do we have a work account then?",
        "wij draaien sinds 2019 op office 365 hoor",
    ],
)
def test_WA_03_a_cloud_subscription_means_a_work_account_exists(text):
    result = stated(text, "ask_work_account")
    assert result.get("has_cloud_subscription") is True
    assert result.get("work_account") == "exists"


def test_WA_03_no_cloud_subscription_says_nothing_about_the_work_account():
    for text in ("we hebben geen azure en geen office 365", "we have no azure or office 365 subscription"):
        result = stated(text, "ask_work_account")
        assert result.get("has_cloud_subscription") is False
        assert result.get("work_account") is None


@pytest.mark.parametrize("text", ["we don't have a work account at all", "wij hebben nog geen werkaccount"])
def test_WA_05_no_work_account(text):
    assert stated(text, "ask_work_account").get("work_account") == "none"


def test_ONB_01_WA_03_BEN_10_BEN_13_one_message_states_several_facts():
    result = stated("we're Silver, nothing activated, and we have no work account", "ask_refund")
    assert result.facts == {"membership_level": "silver", "software_benefits_activated": False, "work_account": "none"}
    both = stated("ik ben lid van het partnernetwerk en we gebruiken al jaren microsoft 365", "ask_onboarding")
    assert both.get("mpn_member") is True and both.get("work_account") == "exists"


# ----- what the partner has ready (ONB-02) ---------------------------------------------------


def test_ONB_02_prerequisites_ready_and_not_ready_are_facts():
    result = stated(
        "de bedrijfsnaam en het adres liggen klaar, maar wie de contactpersoon wordt weten we nog niet", "inform"
    )
    assert result.get("prerequisite_legal_details") is True
    assert result.get("prerequisite_primary_contact") is False
    english = stated("the global admin email is admin@contoso.com and I'm authorised to sign", "inform")
    assert english.get("prerequisite_admin_email") is True
    assert english.get("prerequisite_signing_authority") is True
    assert stated("I'm not authorised to sign contracts for the company").get("prerequisite_signing_authority") is False


# ----- what a message means and what it does not (review of the readers) -------------------


@pytest.mark.parametrize("text", ["ik ben geen beheerder", "I'm not an admin, just using the portal"])
def test_MPA_01_no_admin_at_all_is_no_admin_role(text):
    assert stated(text).get("user_role") == "other"


@pytest.mark.parametrize(
    "text",
    ["I have the global admin's work email ready", "ik heb het e-mailadres van de globale beheerder al"],
)
def test_MPA_01_the_global_admins_email_does_not_make_the_writer_global_admin(text):
    assert stated(text).get("user_role") is None


def test_MPA_01_a_colleagues_misspelt_role_is_not_the_writers():
    entity = {"entity": "role", "value": "global_admin", "start": 16, "end": 33}
    assert stated("mijn collega is glbale behereder", entities=[entity]).get("user_role") is None


@pytest.mark.parametrize(
    "text",
    [
        "Do we need an Azure subscription to get a work account?",
        "Hebben we Azure nodig voor een werkaccount?",
        "Moeten we eerst office 365 kopen?",
        "we think about getting Microsoft 365 next year",
    ],
)
def test_WA_03_a_question_or_a_plan_is_no_cloud_subscription(text):
    facts = stated(text).facts
    assert "has_cloud_subscription" not in facts and "work_account" not in facts


@pytest.mark.parametrize(
    "text, where",
    [
        ("we use Partner Center now, not the old PMC", "partner_center"),
        ("our MPN account lives in Partner Center these days", "partner_center"),
        ("we zitten nog in PMC", "pmc"),
    ],
)
def test_MPA_05_where_the_mpn_account_is_with_the_old_place_negated(text, where):
    assert stated(text).get("mpn_account") == where


def test_MPA_06_MPA_08_a_reseller_status_is_not_copied_to_the_mpn_status():
    text = "we zijn indirect reseller en de status als indirecte reseller is actief, kunnen we de MPA tekenen?"
    crf = [
        {"entity": "status", "role": "mpn_program", "value": "active", "start": 63, "end": 68},
        {"entity": "status", "role": "indirect_reseller", "value": "active", "start": 63, "end": 68},
    ]
    facts = stated(text, "ask_mpa_status", about_mpa=True, entities=crf).facts
    assert facts.get("indirect_reseller_status") == "active" and "mpn_program_status" not in facts


@pytest.mark.parametrize(
    "text, ready",
    [
        ("de globale beheerder is jan.devries@gmail.com", None),
        ("het werk-e-mailadres van de globale beheerder is beheer@jansen-bouw.nl", True),
    ],
)
def test_ONB_02_WA_01_a_personal_address_is_no_admin_email_on_hand(text, ready):
    assert stated(text).get("prerequisite_admin_email") is ready


def test_REL_04_a_partner_is_kept_beside_a_denied_customer_agreement():
    from actions import reading

    text = "we already have a partner but never accepted the customer agreement. How do I accept their invite?"
    assert reading.stated_has_partner(text) is True
    assert reading.stated_mca_accepted(text) is False
