"""JSON lists of speaker turns.

- "qmsum-json": QMSum meetings, `meeting_transcripts` [{speaker, content}]; the
  `topic_list` turn ranges become the speeches' headings;
- "turns-json": any JSON list of {speaker, text | content}.

One Speech per turn, in order, never merged: speech index == turn index (QMSum's
`relevant_text_span` counts turns). The rendered text is `label: content` per turn (`label：`
for Chinese labels), blank lines between; spans cover the content only."""

from __future__ import annotations

from dataclasses import replace

from index.formats.common import TranscriptWriter, clean_field
from index.records import Attribution, ParsedDocument, Speech
from index.text import has_han
from index.titles import describe_labels

QMSUM = "qmsum-json"
TURNS_JSON = "turns-json"


def is_qmsum(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("meeting_transcripts"), list)


def is_turn_list(data: object) -> bool:
    """A non-empty list of objects with a speaker and a text or content."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(t, dict) and "speaker" in t and ("text" in t or "content" in t) for t in data)
    )


def parse_qmsum(data: dict) -> ParsedDocument:
    """A QMSum meeting: one speech per transcript turn, headed by its topic."""
    turns = data["meeting_transcripts"]
    return _parse(turns, QMSUM, _topics_by_turn(data.get("topic_list"), len(turns)))


def parse_turn_list(data: list) -> ParsedDocument:
    """A generic JSON list of turns: one speech per turn."""
    return _parse(data, TURNS_JSON, [""] * len(data))


def _parse(turns: list, fmt: str, headings: list[str]) -> ParsedDocument:
    labels = [clean_field(t.get("speaker")) if isinstance(t, dict) else "" for t in turns]
    infos = describe_labels([label for label in labels if label])
    out = TranscriptWriter()
    speeches = []
    for turn, label, heading in zip(turns, labels, headings):
        content = clean_field(turn.get("content", turn.get("text"))) if isinstance(turn, dict) else ""
        if label:
            out.write(f"{label}：" if has_han(label) else f"{label}: ")
        paragraphs = out.write_paragraphs(content)
        out.write("\n\n")
        info = infos.get(label, Attribution(""))
        speeches.append(Speech(who=replace(info, heading=heading), paragraphs=paragraphs))
    return ParsedDocument(out.text(), fmt, tuple(speeches))


def _topics_by_turn(topics: object, count: int) -> list[str]:
    """The topic each turn falls under (first topic listed wins), from `relevant_text_span`
    ranges of turn indices, inclusive, given as strings."""
    headings = [""] * count
    for topic in topics if isinstance(topics, list) else []:
        if not isinstance(topic, dict):
            continue
        for span in topic.get("relevant_text_span") or []:
            try:
                first, last = (int(x) for x in span)
            except (TypeError, ValueError):
                continue
            for i in range(max(first, 0), min(last + 1, count)):
                headings[i] = headings[i] or clean_field(topic.get("topic"))
    return headings
