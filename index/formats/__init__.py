"""Transcript layouts: one list of `Layout(name, description, parse, detect)`.

JSON layouts are told apart by their keys (LegCo Hansard `events`, QMSum
`meeting_transcripts`, a list of `{speaker, text}` turns). Every text layout is parsed by
the same recogniser (`index.formats.transcript`); its families differ in which cues carry
the speakers, and the family a text is detected as is the one its cues make it. Asking for
a family by name (`--format`, or a rebuild of a stored document) limits the parser to
that family's cues.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from index.formats import hansard_json, qmsum_json, transcript
from index.records import BadInput, ParsedDocument


@dataclass(frozen=True)
class Layout:
    """A transcript layout. JSON layouts: `detect` says whether loaded JSON is in this
    layout, `parse` reads it. Text families: `parse` reads the text (and `speaker_roles`)
    with the family's cues only; a text is detected by parsing it with every cue."""

    name: str
    description: str
    parse: Callable[..., ParsedDocument]
    detect: Callable[[object], bool] | None = None

    @property
    def json(self) -> bool:
        return self.detect is not None


def _family(name: str) -> Layout:
    described = {
        transcript.DIGEST_MD: "markdown headings, each over a speaker line (`### heading` / `unit title name`)",
        transcript.DIGEST: "speaker lines (`unit title name`, `name（titles）：`, `name代表——`) with headings before or after",
        transcript.TURNS: "turns: a label and a colon before each speech (`Name: …`, `姓名：…`, `SENATOR X:`, `Q`)",
        transcript.ATTRIBUTED: "mixed page: speaker lines, turns, attributions after the words (`——…李东林代表`), sections about one person",
        transcript.MINUTES: "narrative minutes: reported speech (`Director Bagley asked …`)",
        transcript.NEWS: "news prose: reported speech (`…董事长李东林表示，…`, `“……”李德富说。`, `他说` going on)",
        transcript.PLAIN: "no speaker detected: indexed as narration",
    }[name]
    return Layout(name, described, partial(transcript.parse_transcript, fmt=name))


LAYOUTS: tuple[Layout, ...] = (
    Layout(hansard_json.FORMAT, "LegCo Hansard JSON (`events`)", hansard_json.parse_hansard, hansard_json.is_hansard),
    Layout(qmsum_json.QMSUM, "QMSum JSON (`meeting_transcripts`)", qmsum_json.parse_qmsum, qmsum_json.is_qmsum),
    Layout(
        qmsum_json.TURNS_JSON, "JSON list of `{speaker, text}`", qmsum_json.parse_turn_list, qmsum_json.is_turn_list
    ),
    *(_family(name) for name in transcript.FAMILIES),
)
FORMATS: tuple[str, ...] = tuple(layout.name for layout in LAYOUTS)
JSON_FORMATS: frozenset[str] = frozenset(layout.name for layout in LAYOUTS if layout.json)
_BY_NAME = {layout.name: layout for layout in LAYOUTS}


def detect_format(text: str, name: str = "") -> str:
    """The name of the layout `text` is in (one of FORMATS); BadInput for bad or empty JSON."""
    if _is_json(text):
        return _json_layout(_load_json(text, name), name).name
    return transcript.detect_family(text)


def parse_document(
    text: str, *, name: str = "", fmt: str | None = None, speaker_roles: dict[str, str] | None = None
) -> ParsedDocument:
    """Parse `text` in layout `fmt` (detected when None). `name` labels error messages;
    `speaker_roles` (name → role, e.g. from a sidecar) gives roles to turn speakers."""
    label = name or "input"
    if fmt is not None and fmt not in _BY_NAME:
        raise BadInput(f"{label}: unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if not text.strip():
        raise BadInput(f"{label}: no text")
    if (fmt is not None and _BY_NAME[fmt].json) or (fmt is None and _is_json(text)):
        data = _load_json(text, name)
        found = _json_layout(data, name)
        if fmt not in (None, found.name):
            raise BadInput(f"{label}: JSON laid out as {found.name!r}, not {fmt!r}")
        return found.parse(data)
    if fmt is None:  # the family is the one its cues make it
        return transcript.parse_transcript(text, speaker_roles=speaker_roles)
    return _BY_NAME[fmt].parse(text, speaker_roles=speaker_roles)


def describe(fmt: str) -> str:
    """One line saying what a layout is."""
    return _BY_NAME[fmt].description if fmt in _BY_NAME else fmt


def _is_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _load_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{name or 'input'}: not valid JSON (line {e.lineno} column {e.colno})") from None
    except RecursionError:  # `[[[[…` thousands deep: json gives up before it fails to parse
        raise BadInput(f"{name or 'input'}: JSON nested too deeply to read") from None


def _json_layout(data: object, name: str) -> Layout:
    """Which JSON transcript layout `data` has; BadInput when it holds no transcript."""
    for layout in LAYOUTS:
        if layout.json and layout.detect(data):
            return layout
    raise BadInput(
        f"{name or 'input'}: JSON holds no transcript (expected LegCo 'events', QMSum "
        "'meeting_transcripts' or a list of {speaker, text} turns)"
    )
