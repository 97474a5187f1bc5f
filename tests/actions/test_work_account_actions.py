"""Work-account actions (WA-01..06) over rasa_sdk's Tracker and CollectingDispatcher."""

import pytest

from actions.store import store_from_env
from actions.work_account import AnswerReuseWorkAccount, AnswerWorkAccount, CheckWorkEmail, RecordNoWorkAccount
from tests.actions.helpers import responses, run, tracker

pytestmark = pytest.mark.usefixtures("sqlite_store_env")
SENDER = "partner-1"


def test_WA_01_gmail_named_without_an_address_is_refused():
    messages, _ = run(
        CheckWorkEmail(),
        tracker(text="kan ik mijn gmail gebruiken?", entities=[{"entity": "mail_provider", "value": "gmail"}]),
    )
    assert responses(messages) == ["utter_email_personal"]
    assert messages[0]["domain"] == "gmail.com"


def test_WA_01_every_address_in_the_message_is_checked():
    messages, _ = run(
        CheckWorkEmail(),
        tracker(
            entities=[{"entity": "email", "value": "jan@hotmail.com"}, {"entity": "email", "value": "jan@contoso.com"}]
        ),
    )
    assert responses(messages) == ["utter_email_personal", "utter_email_accepted"]


def test_WA_01_checking_an_address_does_not_store_it():
    run(CheckWorkEmail(), tracker(entities=[{"entity": "email", "value": "jan@contoso.com"}]))
    assert "work_email" not in store_from_env().facts(SENDER)


def test_WA_02_two_domains_get_the_headquarters_advice():
    messages, _ = run(
        CheckWorkEmail(),
        tracker(entities=[{"entity": "domain", "value": "contoso.uk"}, {"entity": "domain", "value": "contoso.com"}]),
    )
    assert responses(messages) == ["utter_headquarters_domain_likely"]
    assert messages[0]["headquarters_domain"] == "contoso.com"


def test_WA_01_no_address_explains_the_rules():
    messages, _ = run(CheckWorkEmail(), tracker(text="which email should I use"))
    assert responses(messages) == ["utter_work_email_rules"]


def test_WA_03_office_365_means_a_work_account_and_is_remembered():
    messages, _ = run(
        AnswerWorkAccount(),
        tracker(
            text="we have Office 365, do we have a work account?",
            entities=[{"entity": "cloud_product", "value": "Office 365"}],
        ),
    )
    assert responses(messages) == ["utter_work_account_exists"]
    assert store_from_env().facts(SENDER)["has_cloud_subscription"] is True


def test_WA_03_a_negated_product_is_not_recorded():
    messages, _ = run(
        AnswerWorkAccount(),
        tracker(
            text="we hebben geen Azure, hebben we een werkaccount?",
            entities=[{"entity": "cloud_product", "value": "Azure"}],
        ),
    )
    assert responses(messages) == ["utter_work_account_how_to_check"]
    assert "has_cloud_subscription" not in store_from_env().facts(SENDER)


def test_WA_05_no_work_account_is_recorded_and_explained():
    messages, _ = run(RecordNoWorkAccount(), tracker())
    assert responses(messages) == ["utter_work_account_create_during_enrollment"]
    assert store_from_env().facts(SENDER)["work_account"] == "none"


def test_WA_06_reuse_advice_depends_on_the_stored_work_account():
    messages, _ = run(AnswerReuseWorkAccount(), tracker())
    assert responses(messages) == ["utter_work_account_reuse"]
    store_from_env().work_account.record_work_account(SENDER, "none")
    messages, _ = run(AnswerReuseWorkAccount(), tracker())
    assert responses(messages) == ["utter_work_account_reuse_none"]
