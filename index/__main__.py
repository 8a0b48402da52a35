"""`python -m index`: add, remove, rebuild and list the transcripts in the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from config import Settings, add_settings_arguments, settings_from_args
from index.cli import print_json, print_summary, run_command, say
from index.formats import FORMATS
from index.meeting import given_values
from index.preview import human, preview_file, preview_link
from index.read import read_limits
from index.records import MEETING_FIELDS, BadInput
from index.web import is_url

if TYPE_CHECKING:
    from index.library import Library


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m index", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser(
        "add", help="index files, folders (recursive) and links to web pages; unchanged files are skipped"
    )
    add.add_argument("paths", nargs="+", help="files, folders, or http(s):// links")
    add.add_argument("--format", choices=FORMATS, help="skip detection and parse every file in this layout")
    describe = commands.add_parser(
        "describe", help="set a document's title, meeting date, meeting name or place (kept over what is detected)"
    )
    describe.add_argument("ref", help="doc id, path, file name, title or meeting name")
    for command in (add, describe):
        command.add_argument("--title", help="the document's title (default: as printed, else the file name)")
        command.add_argument("--date", help="the meeting's date, YYYY-MM-DD (default: as printed)")
        command.add_argument("--meeting", help="the meeting's name (default: as printed)")
        command.add_argument("--place", help="where the meeting took place (default: as printed)")
    remove = commands.add_parser("remove", help="remove a document by path, file name, doc id, title or meeting name")
    remove.add_argument("ref")
    commands.add_parser(
        "rebuild",
        help="re-read (layouts detected anew unless chosen) and re-embed every document with the configured model",
    )
    commands.add_parser("list", help="documents and their speeches")
    look = commands.add_parser(
        "preview", help="parse files without indexing: layout, speakers, each speech's first words"
    )
    look.add_argument("paths", nargs="+", help="files or http(s):// links")
    look.add_argument("--format", choices=FORMATS, help="parse in this layout instead of the detected one")
    for command in commands.choices.values():
        command.add_argument("--json", action="store_true", help="machine-readable output")
        add_settings_arguments(command, "index")
    return parser


def listing(library: Library) -> dict:
    """The `list --json` shape: documents and their attributed speeches."""
    return {
        "documents": [
            {
                "doc_id": r.doc_id,
                "source": r.source,
                "title": r.title,
                "date": r.date or None,
                "meeting": r.meeting or r.title,
                "place": r.place,
                "format": r.format,
                "warning": r.warning,
                "chunks": r.chunks,
                "speeches": [
                    s.who.row(("speaker", "units", "roles", "heading", "chunks"), chunks=s.chunks)
                    for s in r.speeches
                    if s.who.speaker
                ],
            }
            for r in library.records
        ]
    }


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.command == "preview":  # parsing only: no store, no model
        return preview(args.paths, args.format, settings, args.json)
    # imported here: Chroma and LangChain take most of a second to load, which `preview` skips
    from index.library import Library
    from index.pipeline import Indexer
    from index.store import store_errors

    given = given_values(**{k: getattr(args, k, None) for k in MEETING_FIELDS})  # BadInput: a bad --date
    with store_errors(settings):
        library = Library(settings, check_model=args.command != "rebuild")
        indexer = Indexer(library, show_bars=not args.json)
        if args.command in ("add", "rebuild"):
            summary = (
                indexer.add_paths(args.paths, fmt=args.format, given=given)
                if args.command == "add"
                else indexer.rebuild()
            )
            if args.json:
                print_json(summary.to_dict())
            else:
                print_summary(summary, args.command)
            return 1 if summary.count("failed") else 0
        if args.command == "describe":
            record = indexer.describe(args.ref, given)
            described = {k: getattr(record, k) for k in MEETING_FIELDS}
            if args.json:
                print_json({"described": {"doc_id": record.doc_id, "source": record.source, **described}})
            else:
                say(f"{record.doc_id}  " + "  ".join(f"{k}: {v or '—'}" for k, v in described.items()))
            return 0
        if args.command == "remove":
            record = indexer.remove(args.ref)
            if args.json:
                print_json({"removed": {"doc_id": record.doc_id, "source": record.source, "title": record.title}})
            else:
                say(f"removed {record.source} ({record.doc_id})")
            return 0
        data = listing(library)
        if args.json:
            print_json(data)
            return 0
        for doc in data["documents"]:
            say(
                f"{doc['doc_id']}  {doc['date'] or '—'}  {doc['title']}  ({len(doc['speeches'])} speeches, "
                f"{doc['chunks']} chunks)  {doc['source']}"
            )
            if doc["meeting"] != doc["title"]:
                say(f"    meeting: {doc['meeting']}" + (f" · {doc['place']}" if doc["place"] else ""))
            for s in doc["speeches"]:
                say(f"    {s['speaker']}  {'、'.join(s['units'])}  {'、'.join(s['roles'])}  {s['heading']}")
        return 0


def preview(paths: list[str], fmt: str | None, settings: Settings, as_json: bool) -> int:
    """Parse each file or linked page and show what was found; a bad one gets its one-line error."""
    previews, failed = [], 0
    for path in paths:
        try:
            if is_url(path):
                previews.append(preview_link(path, settings, fmt=fmt))
            else:
                previews.append(preview_file(Path(path), fmt=fmt, **read_limits(settings)))
        except BadInput as error:
            failed += 1
            say(f"failed     {error}", error=True)
    if as_json:
        print_json({"files": [p.to_dict() for p in previews], "failed": failed})
    else:
        for line in "\n\n".join(human(p) for p in previews).split("\n"):
            say(line)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    interrupted = "interrupted: what was committed is kept; run the same command again to finish"
    return run_command(run, build_parser().parse_args(argv), interrupted)


if __name__ == "__main__":
    sys.exit(main())
