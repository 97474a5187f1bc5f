"""Work-account actions (WA-01..07) on a real SQLite store."""

import pytest

from actions.store import store_from_env
from actions.work_account import AnswerReuseWorkAccount, AnswerWorkAccount, CheckWorkEmail
from tests.actions.helpers import Conversation

pytestmark = pytest.mark.usefixtures("sqlite_store_env")


def facts(sender):
    return store_from_env().facts(sender)


def test_WA_01_gmail_named_without_an_address_is_refused():
    chat = Conversation("wa-gmail", "nl")
    said = chat.turn(CheckWorkEmail(), "mag ik gewoon mijn gmail gebruiken?", "ask_work_email",
                     entities=[{"entity": "mail_provider", "value": "gmail"}])
    assert said == ["utter_email_personal"]


def test_WA_01_every_address_in_the_message_is_checked_and_none_stored():
    chat = Conversation("wa-two")
    said = chat.turn(CheckWorkEmail(), "which one works, kees1977@hotmail.com or kees@tegelhandel-west.com?", "ask_work_email")
    assert said == ["utter_email_personal", "utter_email_accepted"]
    assert "work_email" not in facts("wa-two")


def test_WA_02_two_domains_get_the_headquarters_advice():
    chat = Conversation("wa-domains")
    said = chat.turn(CheckWorkEmail(), "we have both northwind.de and northwind.com, which domain should I sign up with?",
                     "ask_work_email")
    assert said == ["utter_headquarters_domain_likely"]


def test_WA_01_no_address_explains_the_rules():
    chat = Conversation("wa-rules")
    assert chat.turn(CheckWorkEmail(), "what kind of email address do I need?", "ask_work_email") == ["utter_work_email_rules"]


@pytest.mark.parametrize(
    "language, text",
    [("en", "we run everything on Office 365, so do we already have a work account?"),
     ("nl", "we gebruiken al jaren Office 365, hebben we dan al een werkaccount?")],
)
def test_WA_03_office_365_in_the_question_means_a_work_account(language, text):
    chat = Conversation("wa-o365", language)
    said = chat.turn(AnswerWorkAccount(), text, "ask_work_account")
    assert said == ["utter_work_account_exists"]
    assert facts("wa-o365")["has_cloud_subscription"] is True


def test_WA_03_a_negated_product_is_not_recorded_and_WA_05_a_no_means_none():
    chat = Conversation("wa-none", "nl")
    said = chat.turn(AnswerWorkAccount(), "we hebben geen Azure, hebben we wel een werkaccount?", "ask_work_account")
    assert said[-1] == "utter_ask_has_cloud_subscription"
    assert facts("wa-none").get("has_cloud_subscription") is not True
    said = chat.turn(AnswerWorkAccount(), "nee, ook geen office", "deny")
    assert said == ["utter_work_account_create_during_enrollment"]
    assert facts("wa-none")["work_account"] == "none"
    assert chat.pending is None


def test_WA_06_reuse_advice_depends_on_the_stored_work_account():
    chat = Conversation("wa-reuse")
    assert chat.turn(AnswerReuseWorkAccount(), "can I reuse our existing account?", "ask_reuse_work_account") == [
        "utter_work_account_reuse"
    ]
    store_from_env().work_account.record_work_account("wa-reuse", "none")
    assert chat.turn(AnswerReuseWorkAccount(), "and now?", "ask_reuse_work_account") == ["utter_work_account_reuse_none"]
