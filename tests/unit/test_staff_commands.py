"""Reading the triage desk's # commands (components/staff_commands.py)."""

from components.nlu.staff_commands import parse_staff_command


def test_commands_in_english_and_dutch():
    assert parse_staff_command("#list") == {"command": "list", "category": None}
    assert parse_staff_command("#lijst voordelen") == {"command": "list", "category": "benefits"}
    assert parse_staff_command("#list stuff") == {"command": "list", "category": None, "unknown_category": "stuff"}
    assert parse_staff_command("#show SR-00012") == {"command": "show", "reference": "SR-00012", "text": ""}
    assert parse_staff_command("#toon SR 12")["reference"] == "SR-12"
    assert parse_staff_command("#note SR-3 called the partner") == {
        "command": "note", "reference": "SR-3", "text": "called the partner"
    }
    assert parse_staff_command("#notitie sr3: gebeld")["text"] == "gebeld"
    assert parse_staff_command("#resolve 7")["reference"] == "7"
    assert parse_staff_command("#claim")["reference"] is None
    assert parse_staff_command("#classify Can I sign the MPA?") == {"command": "classify", "text": "Can I sign the MPA?"}
    assert parse_staff_command("#classificeer: Kan ik de MPA tekenen?")["text"] == "Kan ik de MPA tekenen?"


def test_ordinary_messages_are_not_commands():
    for text in ("list my requests", "#1 question: roles?", "# list", "", None, "hello #list"):
        assert parse_staff_command(text) is None
