"""Transcript layouts: one list of `Layout`s (`index.formats.common`), each declared once.

Structured layouts are told apart by their content once loaded: JSON by its keys (LegCo
Hansard `events`, QMSum `meeting_transcripts`, a list of `{speaker, text}` turns), XML (a
text opening with `<?xml`) by its schema (ParlParse, Canadian and Queensland Hansard). Every text layout is parsed by
the same recogniser (`index.formats.transcript`); its families differ in which cues carry
the speakers, and the family a text is detected as is the one its cues make it. Asking for
a family by name (`--format`, or a rebuild of a stored document) limits the parser to
that family's cues.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from index.formats import hansard_json, hansard_xml, qmsum_json, transcript
from index.formats.common import Layout
from index.records import BadInput, ParsedDocument

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        hansard_json.FORMAT,
        "LegCo Hansard JSON (`events`)",
        hansard_json.parse_hansard,
        hansard_json.is_hansard,
        "json",
    ),
    Layout(qmsum_json.QMSUM, "QMSum JSON (`meeting_transcripts`)", qmsum_json.parse_qmsum, qmsum_json.is_qmsum, "json"),
    Layout(
        qmsum_json.TURNS_JSON,
        "JSON list of `{speaker, text}`",
        qmsum_json.parse_turn_list,
        qmsum_json.is_turn_list,
        "json",
    ),
    Layout(
        hansard_xml.PARLPARSE,
        "UK Hansard, ParlParse/TheyWorkForYou XML (`<speech speakername=…>`)",
        hansard_xml.parse_parlparse,
        hansard_xml.is_parlparse,
        "xml",
    ),
    Layout(
        hansard_xml.OURCOMMONS,
        "Canadian House of Commons Hansard XML (`<Intervention>`, `<Affiliation>`)",
        hansard_xml.parse_ourcommons,
        hansard_xml.is_ourcommons,
        "xml",
    ),
    Layout(
        hansard_xml.QUEENSLAND,
        "Queensland Hansard XML (`<Hansard-Member-Up>`)",
        hansard_xml.parse_queensland,
        hansard_xml.is_queensland,
        "xml",
    ),
    Layout(
        hansard_xml.APH,
        "Australian Hansard XML (`<hansard>`, `<talker>`)",
        hansard_xml.parse_aph,
        hansard_xml.is_aph,
        "xml",
    ),
    Layout(
        hansard_xml.AKOMA_NTOSO,
        "Akoma Ntoso debate XML (`<speech by=…>`, `<from>`)",
        hansard_xml.parse_akoma_ntoso,
        hansard_xml.is_akoma_ntoso,
        "xml",
    ),
    Layout(
        hansard_xml.EUROPARL,
        "Europarl corpus text (`<SPEAKER NAME=…>`, `<CHAPTER>`)",
        hansard_xml.parse_europarl,
        hansard_xml.is_europarl,
        "sgml",
    ),
    *transcript.FAMILIES,
)
FORMATS: tuple[str, ...] = tuple(layout.name for layout in LAYOUTS)
# layouts whose source text is a rendering of the data (no page furniture; their own date)
STRUCTURED_FORMATS: frozenset[str] = frozenset(layout.name for layout in LAYOUTS if layout.markup)
_BY_NAME = {layout.name: layout for layout in LAYOUTS}


def detect_format(text: str, name: str = "") -> str:
    """The name of the layout `text` is in (one of FORMATS); BadInput for bad JSON or XML,
    or JSON or XML that holds no transcript."""
    if markup := _markup(text):
        return _structured_layout(_load(text, name, markup), markup, name).name
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
    markup = _BY_NAME[fmt].markup if fmt is not None else _markup(text)
    if markup:
        data = _load(text, name, markup)
        found = _structured_layout(data, markup, name)
        if fmt not in (None, found.name):
            raise BadInput(f"{label}: {markup.upper()} laid out as {found.name!r}, not {fmt!r}")
        return _recorded(found.parse(data))
    if fmt is None:  # the family is the one its cues make it
        return transcript.parse_transcript(text, speaker_roles=speaker_roles)
    return _BY_NAME[fmt].parse(text, speaker_roles=speaker_roles)


def _recorded(doc: ParsedDocument) -> ParsedDocument:
    """A structured record's speeches: attributed by the record's own speaker field."""
    speeches = tuple(replace(s, who=replace(s.who, cue="record")) if s.who.speaker else s for s in doc.speeches)
    return replace(doc, speeches=speeches)


def describe(fmt: str) -> str:
    """One line saying what a layout is."""
    return _BY_NAME[fmt].description if fmt in _BY_NAME else fmt


# JSON opens an object with a key or a list with a value: `[*]`, `[Applause]`, `{{< video >}}` open
# transcripts, and so does a time stamp (`[15:59] <nick> …`, `[00:01:23] 张三：`), a number that goes on
_JSON_START = re.compile(
    r'\s*(?:\{\s*(?:"|\})|\[\s*(?:[\{\["\]]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[,\]]|true|false|null))'
)


def _markup(text: str) -> str:
    """ "json", "xml" or "sgml" (Europarl's tags) when the text is structured data, else ""."""
    if _JSON_START.match(text):
        return "json"
    if hansard_xml.is_xml(text):
        return "xml"
    return "sgml" if hansard_xml.is_europarl(text) else ""


def _load(text: str, name: str, markup: str) -> object:
    if markup == "sgml":
        return text  # (read by the layout itself: its tags are not XML's)
    return _load_json(text, name) if markup == "json" else hansard_xml.load_xml(text, name)


def _load_json(text: str, name: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{name or 'input'}: not valid JSON (line {e.lineno} column {e.colno})") from None
    except RecursionError:  # `[[[[…` thousands deep: json gives up before it fails to parse
        raise BadInput(f"{name or 'input'}: JSON nested too deeply to read") from None


def _structured_layout(data: object, markup: str, name: str) -> Layout:
    """Which JSON or XML transcript layout `data` has; BadInput when it holds no transcript."""
    for layout in LAYOUTS:
        if layout.markup == markup and layout.detect(data):
            return layout
    if markup == "xml":
        raise BadInput(
            f"{name or 'input'}: XML holds no transcript in a known layout (ParlParse 'publicwhip' or OpenAustralia 'debates', "
            "Canadian Hansard 'Hansard', Queensland Hansard 'Hansard-Body', Australian Hansard 'hansard')"
        )
    raise BadInput(
        f"{name or 'input'}: JSON holds no transcript (expected LegCo 'events', QMSum "
        "'meeting_transcripts' or a list of {speaker, text} turns)"
    )
