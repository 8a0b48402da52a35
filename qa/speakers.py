"""Who said what: every attributed speech with its first point (CLI `speakers`, app table),
and the same grouped by speaker or by unit across meetings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.library import CatalogSpeech, Library
from index.text import paragraph_spans
from qa.evidence import key_points
from qa.people import People, people_of


def who_said_what(library: Library, known: dict[str, str] | None = None) -> list[dict]:
    """One row per speech that has a speaker, in document order. `known` (speech key →
    first point), when the caller keeps one, is reused and left holding exactly the current
    speeches' points: a key names one version of one document, whose speeches never change,
    so after an add only the new speeches are read."""
    library.refresh()
    rows, points = [], {}
    for speech in library.speeches:
        if not speech.who.speaker:
            continue
        if (point := (known or {}).get(speech.key)) is None:
            found = key_points(library, speech, skip=set(), limit=1)
            point = found[0].shown if found else ""
        points[speech.key] = point
        rows.append({**speech.row(), "chunks": speech.chunks, "first_point": point})
    if known is not None:  # removed and replaced versions are forgotten
        known.clear()
        known.update(points)
    return rows


def speech_text(library: Library, doc_id: str, speech_index: int) -> str:
    """The whole text of one speech (paragraph breaks kept, page breaks and a printed
    transcript's line numbers and running headers left out)."""
    speech = library.speech_at(doc_id, speech_index)
    if speech is None:
        return ""
    text = library.source_text(doc_id)
    paragraphs = paragraph_spans(text, speech.start, speech.end)
    return "\n\n".join(library.readable(doc_id, s, e) for s, e in paragraphs)


@dataclass
class Group:
    """One speaker (or one unit) across meetings: their speeches in date order."""

    name: str
    units: list[str] = field(default_factory=list)  # a speaker's units (a unit's own name)
    speakers: list[str] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)  # `2025-10-25 …推进会`, oldest first
    speeches: list[CatalogSpeech] = field(default_factory=list)

    def members(self, kind: str) -> list[str]:
        """What a `kind` row lists beside the name: a speaker's units, a unit's speakers."""
        return self.units if kind == "speaker" else self.speakers

    def to_dict(self, kind: str) -> dict:
        """The JSON shape of a `speakers --by speaker|unit` row."""
        named = {"speaker": self.name, "units": self.units} if kind == "speaker" else {"unit": self.name}
        return {
            **named,
            **({"speakers": self.speakers} if kind == "unit" else {}),
            "meetings": self.meetings,
            "speeches": len(self.speeches),
            "keys": [s.key for s in self.speeches],
        }


SPEECH_COLUMNS = (
    ("发言人 Speaker", "speaker"),
    ("单位 Units", "units"),
    ("职务 Roles", "roles"),
    ("标题 Heading", "heading"),
    ("日期 Date", "date"),
    ("会议 Meeting", "meeting"),
    ("要点 First point", "first_point"),
    ("文档 Document", "doc_title"),
    ("来源 Source", "source"),
)
GROUP_COLUMNS = {
    "speaker": (
        ("发言人 Speaker", "speaker"),
        ("单位 Units", "units"),
        ("发言 Speeches", "speeches"),
        ("会议 Meetings", "meetings"),
    ),
    "unit": (
        ("单位 Unit", "unit"),
        ("发言人 Speakers", "speakers"),
        ("发言 Speeches", "speeches"),
        ("会议 Meetings", "meetings"),
    ),
}


def table(rows: list[dict], columns) -> tuple[list[str], list[list]]:
    """(headers, rows) of dict rows in the given (header, key) columns: for export."""
    return [header for header, _ in columns], [[row.get(key, "") for _, key in columns] for row in rows]


def by_date(speeches: Sequence[CatalogSpeech]) -> list[CatalogSpeech]:
    """Speeches by meeting date (undated last), then in document order."""
    return sorted(speeches, key=lambda s: (s.date or "9999", s.who.doc_id, s.who.speech_index))


def _group(name: str, speeches: list[CatalogSpeech], people: People) -> Group:
    ordered = by_date(speeches)
    return Group(
        name,
        units=list(dict.fromkeys(people.unit(u) for s in ordered for u in s.who.units)),
        speakers=list(dict.fromkeys(s.who.speaker for s in ordered if s.who.speaker)),
        meetings=list(dict.fromkeys(f"{s.date} {s.meeting}".strip() for s in ordered)),
        speeches=ordered,
    )


def groups_of(library: Library, kind: str) -> list[Group]:
    """Speakers (`kind` "speaker") or units ("unit") across meetings of the library's
    catalog, built once per catalog (the app's reloads and selections all read them)."""
    catalog = library.catalog
    return catalog.derived(_Everyone(people_of(catalog), kind))


@dataclass(frozen=True)
class _Everyone:
    """Every speech of a catalog grouped by its people: a `Catalog.derived` key, equal for
    the same catalog's people and kind."""

    people: People
    kind: str

    def __call__(self, speeches: Sequence[CatalogSpeech]) -> list[Group]:
        return (speaker_groups if self.kind == "speaker" else unit_groups)(speeches, self.people)


def speaker_choices(groups: list[Group]) -> list[str]:
    """The speaker filter's choices from the speakers across meetings: each name once, or
    `name（unit）` for each of several people who share a name (resolve's speaker filter
    understands both)."""
    names = Counter(g.name for g in groups)
    shared = {name for name, n in names.items() if n > 1}
    return sorted({f"{g.name}（{g.units[0]}）" if g.name in shared and g.units else g.name for g in groups})


def speaker_groups(speeches: Sequence[CatalogSpeech], people: People) -> list[Group]:
    """One group per person (`qa.people`) among `speeches`: the same name with the same unit
    (or no unit, where the catalog gives the name only one) is one speaker; the same name in
    two units stays two."""
    said: dict[tuple[str, str], list[CatalogSpeech]] = {}
    for s in speeches:
        if s.who.speaker:
            said.setdefault(people.person(s.who), []).append(s)
    groups = [_group(name, group, people) for (name, _), group in said.items()]
    return sorted(groups, key=lambda g: (-len(g.speeches), g.name))


def unit_groups(speeches: Sequence[CatalogSpeech], people: People) -> list[Group]:
    """One group per unit (as `people` counts units) among `speeches`, with its speakers
    and their speeches."""
    grouped: dict[str, list[CatalogSpeech]] = {}
    for s in speeches:
        for unit in dict.fromkeys(people.unit(u) for u in s.who.units):
            grouped.setdefault(unit, []).append(s)
    groups = [_group(unit, said, people) for unit, said in grouped.items()]
    for group in groups:
        group.units = [group.name]
    return sorted(groups, key=lambda g: (-len(g.speeches), g.name))
