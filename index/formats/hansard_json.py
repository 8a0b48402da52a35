"""Hong Kong LegCo Hansard JSON (siuying/legco-hansard-parser): `events` of type "speech"
(`speaker` {full, name, title}, `text`, `supplement`) and "action", plus the sitting `date`.

The rendered text is `full label：speech` per speech event and `（action）` per action,
blank lines between. One Speech per speech event, also when its text is empty, so counts
match the source. `supplement` holds what the upstream parser split off after a footnote or
a table (the rest of a question, budget speech or written answer): it is kept as further
paragraphs of the same speech.

The upstream parser sometimes leaves the next member's speech inside a speech event (after a
page break): a paragraph that opens with `<name><title>︰`, the title one this sitting's
speech events carry with a name (議員), or with an event's whole label (主席), starts a speech
of its own; a written question's number before the label and `(譯文)` after it are allowed
(`7. 郭榮鏗議員 (譯文 )：` in a written answer's supplement)."""

from __future__ import annotations

import re
from dataclasses import replace

from index.formats.common import TranscriptWriter, clean_field
from index.records import Attribution, ParsedDocument, Speech
from index.text import CJK_UNIFIED
from index.titles import describe_label

FORMAT = "hansard-json"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# around an inner label: a written question's number (`7. 郭榮鏗議員`) and the mark of a
# translated text (`郭榮鏗議員 (譯文 )：`)
_QUESTION_NUMBER = r"(?:\d{1,3}\.\s*)?"
_TRANSLATED = r"(?:\s*[(（]\s*譯文\s*[)）])?\s*"


def is_hansard(data: object) -> bool:
    """A dict whose `events` include a speech."""
    events = data.get("events") if isinstance(data, dict) else None
    return isinstance(events, list) and any(isinstance(e, dict) and e.get("type") == "speech" for e in events)


def parse_hansard(data: dict) -> ParsedDocument:
    """Speech events → speeches; the title is built from the sitting's date."""
    out = TranscriptWriter()
    speeches = []
    events = [e for e in data["events"] if isinstance(e, dict)]
    inner_label = _inner_label([_label_fields(e) for e in events if e.get("type") == "speech"])
    for event in events:
        if event.get("type") == "speech":
            speeches.extend(_speeches(out, event, inner_label))
        elif action := clean_field(event.get("text")):
            out.write(f"（{action}）\n\n")
    m = _ISO_DATE.match(str(data.get("date") or ""))
    date = m.group() if m else ""
    return ParsedDocument(out.text(), FORMAT, tuple(speeches), f"立法會會議 {date}".strip(), date)


def _label_fields(event: dict) -> tuple[str, str, str]:
    """(full, name, title) of a speech event's speaker."""
    speaker = event.get("speaker")
    speaker = speaker if isinstance(speaker, dict) else {"full": speaker}
    full, name, title = (clean_field(speaker.get(key)) for key in ("full", "name", "title"))
    return full, name, title


def _inner_label(fields: list[tuple[str, str, str]]) -> re.Pattern | None:
    """A paragraph opening with a speaker label of this sitting's kinds: a name of two to four
    characters before a title its events give with a name, or an event's whole label."""
    titles = sorted({title for _, name, title in fields if name and title}, key=len, reverse=True)
    labels = sorted({full for full, name, _ in fields if full and not name}, key=len, reverse=True)
    forms = [rf"(?P<name>[{CJK_UNIFIED}]{{2,4}}?)(?:{'|'.join(map(re.escape, titles))})"] if titles else []
    forms += [re.escape(label) for label in labels]
    if not forms:
        return None
    return re.compile(rf"^{_QUESTION_NUMBER}(?P<label>{'|'.join(forms)}){_TRANSLATED}[︰：:]", re.M)


def _speeches(out: TranscriptWriter, event: dict, inner_label: re.Pattern | None) -> list[Speech]:
    """Render one speech event: its speech, and one more for each paragraph in it that opens
    with another speaker's label."""
    full, name, title = _label_fields(event)
    body = "\n\n".join(part for part in (clean_field(event.get("text")), clean_field(event.get("supplement"))) if part)
    starts = [m for m in inner_label.finditer(body) if m.start() > 0] if inner_label else []
    if not starts:
        return [_speech(out, full, name, title, body)]
    speeches = [_speech(out, full, name, title, body[: starts[0].start()].rstrip())]
    for m, end in zip(starts, [*(s.start() for s in starts[1:]), len(body)]):
        inner_name = m.groupdict().get("name") or ""
        label = m.group("label")
        speeches.append(_speech(out, label, inner_name, label[len(inner_name) :], body[m.end() : end].strip()))
    return speeches


def _speech(out: TranscriptWriter, full: str, name: str, title: str, body: str) -> Speech:
    """Render one speech; the speaker is the member's name, else the label as printed
    (主席, 食物及衞生局局長): that label is how the transcript names the speaker."""
    label = full or title or name
    info = describe_label(title or label) if label else None
    if label:
        out.write(f"{label}：")
    paragraphs = out.write_paragraphs(body)
    out.write("\n\n")
    if not info:
        return Speech(who=Attribution(), paragraphs=paragraphs)
    return Speech(who=replace(info, speaker=name or label), paragraphs=paragraphs)
