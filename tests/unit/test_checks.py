"""The ordered check tables (actions/rules/checks.py): a decision a known fact yields wins,
even over an earlier unknown fact; else the first fact still needed is asked; else the
conclusion. Shown on a small table and on the MPA table (MPA-02, MPA-06)."""

from actions.rules import mpa
from actions.rules.checks import Check, CheckTable, is_not_yes
from actions.rules.verdict import Outcome, Verdict
from actions.store.facts import Facts


def _blocks(fact):
    """A "no" for ``fact`` blocks."""
    return lambda value, known: Verdict(Outcome.BLOCKED, f"blocked_{fact}", ("T-1",)) if value == "no" else None


TABLE = CheckTable(
    checks=(
        Check("first", "first", ("T-1",), decide=_blocks("first")),
        Check("second", "second", ("T-1",), decide=_blocks("second")),
        Check("optional", "optional", ("T-1",), verdict_asks=False, is_open=is_not_yes),
        Check("only_if", "only_if", ("T-1",), applies=lambda known: known.get("first") == "special"),
    ),
    conclude=lambda known: Verdict(Outcome.ALLOWED, "done", ("T-1",)),
)


def test_MPA_06_a_known_block_wins_over_an_earlier_unknown_fact():
    verdict = TABLE.verdict({"second": "no"})
    assert verdict.code == "blocked_second" and verdict.ask is None


def test_MPA_02_the_first_unknown_fact_is_asked_when_nothing_blocks():
    verdict = TABLE.verdict({"second": "yes"})
    assert verdict.outcome is Outcome.ASK and verdict.ask == "first" and verdict.code == "ask_first"
    assert TABLE.verdict({}).ask == "first"
    assert TABLE.verdict({"first": "yes"}).ask == "second"


def test_MPA_02_the_earlier_block_wins_when_two_facts_block():
    assert TABLE.verdict({"first": "no", "second": "no"}).code == "blocked_first"


def test_ONB_02_facts_the_verdict_does_not_ask_leave_it_to_the_conclusion():
    assert TABLE.verdict({"first": "yes", "second": "yes"}).code == "done"
    assert TABLE.open_questions({"first": "yes"}) == ["second"]
    # A check that does not apply is neither asked nor open.
    assert TABLE.verdict({"first": "special", "second": "yes"}).ask == "only_if"
    assert TABLE.open_questions({"first": "yes", "second": "yes"}) == []


def test_MPA_06_MPA_02_pending_fails_the_mpa_check_whatever_the_partner_type():
    for facts in (Facts(mpn_program_status="pending"), Facts(mpn_program_status="pending", user_role="other")):
        verdict = mpa.mpa_verdict(facts)
        assert verdict.code == "mpn_verification_failed" and verdict.ask is None
    # Without a block, the partner type is the first question.
    assert mpa.mpa_verdict(Facts(mpn_program_status="active")).ask == "csp_partner_type"
