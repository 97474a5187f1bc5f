"""The triage desk from a terminal, for staff without a chat: the same store the assistant
writes to ($PARTNER_STORE_URL, or the embedded SQLite file).

  scripts/support list [--category benefits]
  scripts/support show SR-00042
  scripts/support claim SR-00042 --as "Anna de Vries"
  scripts/support note SR-00042 "Called the partner" --as anna
  scripts/support resolve SR-00042 --as anna [--note "Verification redone"]
  scripts/support export requests.csv   (every request, "-" for standard output)
"""

from __future__ import annotations

import argparse
import csv
import getpass
import sys
from typing import List, Optional, TextIO

from actions.rules.support import CATEGORIES
from actions.store import (
    PartnerStore,
    StoreUnavailable,
    SupportRequestError,
    SupportRequestView,
    UnknownFact,
    default_store_url,
)

EXPORT_COLUMNS = (
    "reference",
    "status",
    "priority",
    "priority_reason",
    "category",
    "trigger",
    "language",
    "rule_ids",
    "claimed_by",
    "created_at",
    "updated_at",
    "resolved_at",
    "sender_id",
    "facts_summary",
    "transcript",
    "notes",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/support", description="Support requests handed over by the assistant.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="open requests, most urgent first")
    listing.add_argument("--category", choices=CATEGORIES)
    show = commands.add_parser("show", help="one request: facts, rule IDs, transcript, notes")
    show.add_argument("reference")
    for name, helptext in (("claim", "take a request"), ("resolve", "close a request")):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("reference")
        command.add_argument("--as", dest="staff", default=None, help="your name (default: your login)")
        if name == "resolve":
            command.add_argument("--note", default=None)
    note = commands.add_parser("note", help="add a note")
    note.add_argument("reference")
    note.add_argument("text")
    note.add_argument("--as", dest="staff", default=None)
    export = commands.add_parser("export", help="every request as CSV")
    export.add_argument("file", help="a file name, or - for standard output")
    return parser


def _staff(name: Optional[str]) -> str:
    return f"cli:{name or getpass.getuser()}"


def _line(request: SupportRequestView) -> str:
    claimed = f"  claimed by {request.claimed_by}" if request.claimed_by else ""
    return (
        f"{request.reference}  {request.priority:<6}  {request.category:<13}  {request.status:<8}"
        f"  {request.created_at:%Y-%m-%d %H:%M}  {request.priority_reason}{claimed}"
    )


def _detail(request: SupportRequestView, out: TextIO) -> None:
    print(_line(request), file=out)
    print(f"Trigger: {request.trigger}   Language: {request.language}   Partner: {request.sender_id}", file=out)
    print(f"Rule IDs: {', '.join(request.rule_ids) or '-'}", file=out)
    print("Facts:", file=out)
    for fact in request.facts_summary.splitlines():
        print(f"  {fact}", file=out)
    print("Transcript:", file=out)
    for line in request.transcript:
        print(f"  {line.get('at', '')} [{line.get('who')}] {line.get('text')}", file=out)
    print("Notes:", file=out)
    for note in request.notes or ():
        print(f"  {note.created_at:%Y-%m-%d %H:%M} {note.author}: {note.text}", file=out)


def _export(store: PartnerStore, target: str, out: TextIO) -> int:
    requests = store.support.all_requests()
    handle = out if target == "-" else open(target, "w", newline="", encoding="utf-8")
    try:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for request in requests:
            writer.writerow(
                {
                    "reference": request.reference,
                    "status": request.status,
                    "priority": request.priority,
                    "priority_reason": request.priority_reason,
                    "category": request.category,
                    "trigger": request.trigger,
                    "language": request.language,
                    "rule_ids": " ".join(request.rule_ids),
                    "claimed_by": request.claimed_by or "",
                    "created_at": request.created_at.isoformat(),
                    "updated_at": request.updated_at.isoformat(),
                    "resolved_at": request.resolved_at.isoformat() if request.resolved_at else "",
                    "sender_id": request.sender_id,
                    "facts_summary": request.facts_summary,
                    "transcript": "\n".join(f"[{line.get('who')}] {line.get('text')}" for line in request.transcript),
                    "notes": "\n".join(f"{note.author}: {note.text}" for note in request.notes),
                }
            )
    finally:
        if handle is not out:
            handle.close()
    if target != "-":
        print(f"{len(requests)} requests written to {target}", file=sys.stderr)
    return 0


def main(argv: Optional[List[str]] = None, out: TextIO = sys.stdout, url: Optional[str] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = PartnerStore(url or default_store_url())
    except StoreUnavailable as error:
        print(f"The store cannot be reached: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "list":
            requests = store.support.unresolved_requests(args.category)
            for request in requests:
                print(_line(request), file=out)
            if not requests:
                print("No open requests.", file=out)
        elif args.command == "show":
            _detail(store.support.request(args.reference), out)
        elif args.command == "claim":
            print(_line(store.support.claim(args.reference, _staff(args.staff))), file=out)
        elif args.command == "note":
            store.support.add_note(args.reference, _staff(args.staff), args.text)
            print(f"Note added to {args.reference}.", file=out)
        elif args.command == "resolve":
            print(_line(store.support.resolve(args.reference, _staff(args.staff), args.note)), file=out)
        elif args.command == "export":
            return _export(store, args.file, out)
    except SupportRequestError as refused:
        details = ", ".join(f"{key}: {value}" for key, value in refused.facts.items())
        print(f"{refused.reference}: {refused.reason}{f' ({details})' if details else ''}", file=sys.stderr)
        return 1
    except (UnknownFact, StoreUnavailable) as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
