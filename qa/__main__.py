"""`python -m qa`: ask questions with cited answers, list who said what, evaluate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config import add_settings_arguments, settings_from_args
from index.cli import print_json, run_command
from index.library import Library
from index.meeting import given_values
from index.records import BadInput
from index.store import store_errors
from qa.answer import check_question
from qa.eval import HALVES, evaluate, format_report, load_question_files
from qa.export import write_answer, write_table
from qa.llm import make_answerer
from qa.resolve import Conversation
from qa.speakers import GROUP_COLUMNS, SPEECH_COLUMNS, groups_of, table, who_said_what
from qa.topics import topic_report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m qa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question, citing speaker, unit and quote")
    ask.add_argument("question")
    ask.add_argument("--speaker", action="append", default=[], help="only this speaker (repeatable)")
    ask.add_argument("--unit", action="append", default=[], help="only this unit (repeatable)")
    ask.add_argument("--k", type=int, default=8, help="passages to consider")
    commands.add_parser("chat", help="ask questions interactively (follow-ups work)")
    speakers = commands.add_parser(
        "speakers", help="every speech (speaker, units, meeting, first point), or grouped by speaker or unit"
    )
    speakers.add_argument(
        "--by", choices=("speech", "speaker", "unit"), default="speech", help="one row per speech, speaker or unit"
    )
    topic = commands.add_parser("topic", help="which units and speakers raised a topic, and when (counts)")
    topic.add_argument("term")
    topic.add_argument("--unit", default="", help="only this unit")
    for command in (ask, topic):
        command.add_argument(
            "--doc",
            action="append",
            default=[],
            help="only this document: id, file name, title or meeting (repeatable)",
        )
        command.add_argument(
            "--since", type=iso_date, default="", help="only meetings on or after this date (YYYY-MM-DD)"
        )
        command.add_argument(
            "--until", type=iso_date, default="", help="only meetings on or before this date (YYYY-MM-DD)"
        )
    for command in (ask, speakers):
        command.add_argument(
            "--export", type=Path, help="also write the result to this .md/.docx (ask) or .csv/.xlsx (speakers) file"
        )
    evaluate_cmd = commands.add_parser("eval", help="score answers on JSONL files of questions")
    evaluate_cmd.add_argument("files", type=Path, nargs="+", help="JSONL files, or folders of them")
    evaluate_cmd.add_argument(
        "--half", choices=HALVES, help="only the calibration or the held-out half of the questions (qa.eval.half_of)"
    )
    evaluate_cmd.add_argument(
        "--scoped", action="store_true", help="ask each question within the meeting its `doc` field names"
    )
    for command in commands.choices.values():
        command.add_argument("--json", action="store_true", help="machine-readable output")
        add_settings_arguments(command, "qa")
    return parser


def iso_date(value: str) -> str:
    """A YYYY-MM-DD argument, checked and written as ISO (as `index describe` stores it)."""
    try:
        return given_values(date=value).get("date", "")
    except BadInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def show_answer(answer, as_json: bool) -> None:
    if as_json:
        print_json(answer.to_dict())
        return
    print(answer.text)
    for c in answer.citations:
        print(f"  [{c.n}] {c.line()} | {c.who.heading} | {c.who.source} [{c.start}:{c.end}]")


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    with store_errors(settings):
        library = Library(settings)
        if args.command == "speakers":
            return speakers(library, args)
        if args.command == "topic":
            check_question(args.term, settings.max_question_chars)
            report = topic_report(
                library,
                args.term,
                since=args.since,
                until=args.until,
                doc_ids=named_docs(library, args.doc),
                unit=args.unit,
            ).to_dict()
            if args.json:
                print_json(report)
                return 0
            how = {"meaning": "by meaning (no speech says it)", "key words": "its key words (none says it all)"}.get(
                report["match"], "mentions"
            )
            if report["forms"]:
                how += ", counting " + ", ".join(f"“{f}”" for f in report["forms"])
            print(f"“{report['topic']}”: {report['total']} speeches ({how})")
            for row in report["by_unit"]:
                print(f"  {row['speeches']:>4}  {row['unit']}  ({'、'.join(row['speakers'])})")
            for row in report["by_date"]:
                print(f"  {row['date'] or '—':<10}  {row['speeches']:>4}  {row['meeting']}")
            return 0
        answerer = make_answerer(library, settings)
        if args.command == "ask":
            doc_ids = named_docs(library, args.doc)
            answer = answerer.ask(
                args.question,
                speaker=args.speaker,
                unit=args.unit,
                doc_id=doc_ids,
                since=args.since,
                until=args.until,
                k=args.k,
            )
            show_answer(answer, args.json)
            if args.export:
                print(f"exported {write_answer(answer, args.export)}", file=sys.stderr)
            return 0
        if args.command == "eval":
            questions = load_question_files(args.files, args.half)
            report = evaluate(answerer, questions, show_bar=not args.json, scoped=args.scoped)
            if args.json:
                print_json(report)
            else:
                print(format_report(report))
            return 0
        conversation = Conversation()
        for line in questions_from_stdin():
            try:
                show_answer(answerer.ask(line, conversation), args.json)
            except BadInput as error:  # a question too long, a date that does not exist: say so, go on
                print(f"error: {error}", file=sys.stderr, flush=True)
        return 0


def named_docs(library: Library, refs: list[str]) -> list[str]:
    """The doc ids `--doc` values name (id, file name, title or meeting); an unknown value is
    kept as it is, so it selects nothing rather than everything."""
    return [doc_id for ref in refs for doc_id in library.doc_ids_named(ref) or [ref]]


def speakers(library: Library, args: argparse.Namespace) -> int:
    """`qa speakers`: one row per speech, or per speaker or unit across meetings."""
    if args.by == "speech":
        rows = who_said_what(library)
        columns = SPEECH_COLUMNS
    else:
        library.refresh()
        rows = [g.to_dict(args.by) for g in groups_of(library, args.by)]
        columns = GROUP_COLUMNS[args.by]
    if args.export:
        write_table(*table(rows, columns), args.export)
    if args.json:
        print_json({"speeches" if args.by == "speech" else f"by_{args.by}": rows})
    elif args.by == "speech":
        for row in rows:
            print(
                f"{row['speaker']}  {'、'.join(row['units'])}  {'、'.join(row['roles'])}  {row['heading']}  {row['meeting']}"
            )
            print(f"    {row['first_point']}")
    else:
        for row in rows:
            names = row.get("units") if args.by == "speaker" else row.get("speakers")
            print(f"{row[args.by]}  {'、'.join(names)}  {row['speeches']} speeches")
            print("    " + "; ".join(row["meetings"]))
    if args.export:
        print(f"exported {args.export}", file=sys.stderr)
    return 0


def questions_from_stdin():
    """Lines typed at a `? ` prompt, or piped in, until end of input."""
    lines = iter(lambda: input("? "), None) if sys.stdin.isatty() else sys.stdin
    try:
        yield from (line.strip() for line in lines if line.strip())
    except EOFError:
        return


def main(argv: list[str] | None = None) -> int:
    return run_command(run, build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
