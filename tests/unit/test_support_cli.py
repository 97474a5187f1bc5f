"""The triage desk's command-line tool (scripts/support) over the same store."""

import csv
import io
import os
import subprocess
from pathlib import Path

from actions.rules import support
from actions.store import PartnerStore

ROOT = Path(__file__).resolve().parents[2]


def run_cli(store_url, *args):
    env = {**os.environ, "PARTNER_STORE_URL": store_url, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [str(ROOT / "scripts" / "support"), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_cli_lists_shows_claims_notes_resolves_and_exports(store_url, tmp_path):
    store = PartnerStore(store_url)
    store.mpa.record_csp_partner_type("partner-a", "indirect_reseller")
    store.mpa.record_mpn_account("partner-a", "partner_center")
    store.mpa.record_mpn_program_status("partner-a", "declined")
    urgent = store.support.open_request(
        "partner-a",
        support.Handoff(support.VERIFICATION_FAILED, "mpa", ("MPA-06", "MPA-07")),
        "nl",
        [{"who": "partner", "text": "Mijn status is Declined", "at": ""}],
    )
    other = store.support.open_request("partner-b", support.key_problem_handoff("software"), "en")
    store.dispose()

    listing = run_cli(store_url, "list")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].startswith(urgent.reference) and "high" in lines[0]
    assert lines[1].startswith(other.reference)
    only_mpa = run_cli(store_url, "list", "--category", "mpa").stdout
    assert urgent.reference in only_mpa and other.reference not in only_mpa

    shown = run_cli(store_url, "show", urgent.reference).stdout
    assert "MPA-06, MPA-07" in shown and "mpn_program_status: declined" in shown
    assert "[partner] Mijn status is Declined" in shown

    assert run_cli(store_url, "claim", urgent.reference, "--as", "anna").returncode == 0
    taken = run_cli(store_url, "claim", urgent.reference, "--as", "bob")
    assert taken.returncode == 1 and "cli:anna" in taken.stderr
    assert run_cli(store_url, "note", urgent.reference, "Called the partner", "--as", "anna").returncode == 0
    resolved = run_cli(store_url, "resolve", urgent.reference, "--as", "anna", "--note", "Verification redone")
    assert resolved.returncode == 0 and "resolved" in resolved.stdout
    assert urgent.reference not in run_cli(store_url, "list").stdout
    missing = run_cli(store_url, "show", "SR-99999")
    assert missing.returncode == 1 and "no such support request" in missing.stderr

    target = tmp_path / "requests.csv"
    assert run_cli(store_url, "export", str(target)).returncode == 0
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))}
    assert rows[urgent.reference]["status"] == "resolved"
    assert rows[urgent.reference]["claimed_by"] == "cli:anna"
    assert "cli:anna: Called the partner" in rows[urgent.reference]["notes"]
    assert rows[other.reference]["rule_ids"] == "BEN-04"


def test_cli_says_when_the_store_is_down():
    result = run_cli("postgresql://nobody@127.0.0.1:1/none", "list")
    assert result.returncode == 2 and "cannot be reached" in result.stderr
