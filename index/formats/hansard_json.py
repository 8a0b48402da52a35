"""Hong Kong LegCo Hansard JSON (siuying/legco-hansard-parser): `events` of type "speech"
(`speaker` {full, name, title}, `text`, `supplement`) and "action", plus the sitting `date`.

The rendered text is `full label：speech` per speech event and `（action）` per action,
blank lines between. One Speech per speech event, also when its text is empty, so counts
match the source. `supplement` holds what the upstream parser split off after a footnote or
a table (the rest of a question, budget speech or written answer): it is kept as further
paragraphs of the same speech."""

from __future__ import annotations

import re
from dataclasses import replace

from index.formats.common import TranscriptWriter, clean_field
from index.records import Attribution, ParsedDocument, Speech
from index.titles import describe_label

FORMAT = "hansard-json"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_hansard(data: object) -> bool:
    """A dict whose `events` include a speech."""
    events = data.get("events") if isinstance(data, dict) else None
    return isinstance(events, list) and any(isinstance(e, dict) and e.get("type") == "speech" for e in events)


def parse_hansard(data: dict) -> ParsedDocument:
    """Speech events → speeches; the title is built from the sitting's date."""
    out = TranscriptWriter()
    speeches = []
    for event in data["events"]:
        if not isinstance(event, dict):
            continue
        if event.get("type") == "speech":
            speeches.append(_speech(out, event))
        elif action := clean_field(event.get("text")):
            out.write(f"（{action}）\n\n")
    m = _ISO_DATE.match(str(data.get("date") or ""))
    date = m.group() if m else ""
    return ParsedDocument(out.text(), FORMAT, tuple(speeches), f"立法會會議 {date}".strip(), date)


def _speech(out: TranscriptWriter, event: dict) -> Speech:
    """Render one speech event; the speaker is the member's name, else the label as printed
    (主席, 食物及衞生局局長): that label is how the transcript names the speaker."""
    speaker = event.get("speaker")
    speaker = speaker if isinstance(speaker, dict) else {"full": speaker}
    full, name, title = (clean_field(speaker.get(key)) for key in ("full", "name", "title"))
    label = full or title or name
    info = describe_label(title or label) if label else None
    body = "\n\n".join(part for part in (clean_field(event.get("text")), clean_field(event.get("supplement"))) if part)
    if label:
        out.write(f"{label}：")
    paragraphs = out.write_paragraphs(body)
    out.write("\n\n")
    if not info:
        return Speech(who=Attribution(), paragraphs=paragraphs)
    return Speech(who=replace(info, speaker=name or label), paragraphs=paragraphs)
