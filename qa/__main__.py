"""`python -m qa`: ask questions with cited answers, list who said what, evaluate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config import add_settings_arguments, settings_from_args
from index.cli import print_json, run_command
from index.library import Library
from index.store import store_errors
from qa.eval import evaluate, format_report, load_questions
from qa.llm import make_answerer
from qa.resolve import Conversation
from qa.speakers import who_said_what


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m qa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question, citing speaker, unit and quote")
    ask.add_argument("question")
    ask.add_argument("--speaker", action="append", default=[], help="only this speaker (repeatable)")
    ask.add_argument("--unit", action="append", default=[], help="only this unit (repeatable)")
    ask.add_argument("--doc", action="append", default=[], help="only this document id (repeatable)")
    ask.add_argument("--k", type=int, default=8, help="passages to consider")
    commands.add_parser("chat", help="ask questions interactively (follow-ups work)")
    commands.add_parser("speakers", help="every speech: speaker, units, roles, heading, document, first point")
    evaluate_cmd = commands.add_parser("eval", help="score answers on a JSONL file of questions")
    evaluate_cmd.add_argument("file", type=Path)
    for command in commands.choices.values():
        command.add_argument("--json", action="store_true", help="machine-readable output")
        add_settings_arguments(command, "qa")
    return parser


def show_answer(answer, as_json: bool) -> None:
    if as_json:
        print_json(answer.to_dict())
        return
    print(answer.text)
    for c in answer.citations:
        print(
            f"  [{c.n}] {c.speaker or '—'} | {'、'.join(c.units)} | {c.heading} | {c.doc_title} | {c.source} [{c.start}:{c.end}]"
        )


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    with store_errors(settings):
        library = Library(settings)
        if args.command == "speakers":
            rows = who_said_what(library)
            if args.json:
                print_json({"speeches": rows})
                return 0
            for row in rows:
                print(
                    f"{row['speaker']}  {'、'.join(row['units'])}  {'、'.join(row['roles'])}  {row['heading']}  《{row['doc_title']}》"
                )
                print(f"    {row['first_point']}")
            return 0
        answerer = make_answerer(library, settings)
        if args.command == "ask":
            answer = answerer.ask(args.question, speaker=args.speaker, unit=args.unit, doc_id=args.doc, k=args.k)
            show_answer(answer, args.json)
            return 0
        if args.command == "eval":
            report = evaluate(answerer, load_questions(args.file), show_bar=not args.json)
            if args.json:
                print_json(report)
            else:
                print(format_report(report))
            return 0
        conversation = Conversation()
        for line in questions_from_stdin():
            show_answer(answerer.ask(line, conversation), args.json)
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
