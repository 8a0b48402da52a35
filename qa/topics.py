"""A topic across meetings: which units and speakers raised it, and when (`qa topic`, the
app's topic chart).

The speeches counted are those that mention the term by the rule "which speakers mentioned X?"
answers use (`qa.mentions`: said as written, in a form of it, or all its words; a quoted term
only word for word), none that do not. A term no speech mentions so is counted by the rule
answers use: the speeches whose passages are evidence for it (`qa.evidence.is_evidence`), from
a deep retrieval — never by closeness in meaning alone across languages, and not at all for a
term with no word (`%`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from index.library import CatalogSpeech, Library
from qa.evidence import is_evidence
from qa.mentions import find_mentions, speakers_asked, term_of
from qa.people import People, people_of
from qa.periods import given_period
from qa.resolve import language_of
from qa.retrieve import DEPTH, retrieve
from qa.speakers import by_date, speaker_groups, unit_groups
from qa.variants import Variants
from qa.variants import load as load_variants

_QUOTES = "“”\"'「」『』《》"
_LISTED = ("speaker", "units", "date", "meeting", "doc_id", "speech_index")  # each speech of `qa topic --json`


@dataclass
class TopicReport:
    """Speeches that mention a topic, counted by unit, speaker and meeting date."""

    topic: str
    match: str  # "mentions" (`qa.mentions`), "key words" (nobody says it all) or "meaning"
    people: People  # the catalog's, which units and speakers the counts group (`qa.people`)
    speeches: list[CatalogSpeech] = field(default_factory=list)
    forms: tuple[str, ...] = ()  # other forms of the term that counted (`大数据`, `food bank`)

    def to_dict(self) -> dict:
        """The `qa topic --json` shape."""
        by_date: dict[tuple[str, str], int] = {}
        for s in self.speeches:
            by_date[(s.date, s.meeting)] = by_date.get((s.date, s.meeting), 0) + 1
        return {
            "topic": self.topic,
            "match": self.match,
            "forms": list(self.forms),
            "total": len(self.speeches),
            "by_unit": [
                {"unit": g.name, "speeches": len(g.speeches), "speakers": g.speakers}
                for g in unit_groups(self.speeches, self.people)
            ],
            "by_speaker": [
                {"speaker": g.name, "units": g.units, "speeches": len(g.speeches)}
                for g in speaker_groups(self.speeches, self.people)
            ],
            "by_date": [
                {"date": date or None, "meeting": meeting, "speeches": n}
                for (date, meeting), n in sorted(by_date.items(), key=lambda item: (item[0][0] or "9999", item[0][1]))
            ],
            "list": [s.who.row(_LISTED, date=s.date or None, meeting=s.meeting) for s in self.speeches],
        }


def printed_units(library: Library, units) -> list[str]:
    """The units as speeches print them that the charts count under `units` (`财政局` and
    `三亚市财政局` under 三亚市财政局: `qa.people`)."""
    return people_of(library.catalog).printed(units)


def topic_report(
    library: Library,
    term: str,
    *,
    since: str = "",
    until: str = "",
    doc_ids=(),
    unit: str = "",
    variants: Variants | None = None,
) -> TopicReport:
    """The attributed speeches that mention `term` (within the meetings and unit given),
    counting its `variants` (loaded when not given: an `Answerer` keeps them)."""
    catalog = library.snapshot()
    people = people_of(catalog)
    phrase = term.strip().strip(_QUOTES).strip()
    period = given_period(since, until)
    printed = set(people.printed([unit])) if unit else set()
    allowed = speakers_asked(
        [
            s
            for s in catalog.speeches
            if (period is None or period.holds(s.date))
            and (not unit or unit in s.who.units or not printed.isdisjoint(s.who.units))
            and (not doc_ids or s.who.doc_id in doc_ids)
        ]
    )
    asked = term_of(term)
    if not phrase or not allowed or asked is None:
        return TopicReport(phrase, "mentions", people)
    found = find_mentions(library, asked, allowed, variants or load_variants())
    if found or asked.quoted:
        forms = sum((m.forms for m in found), start=Counter())
        match = "key words" if any(m.partial for m in found) else "mentions"
        return TopicReport(phrase, match, people, [m.speech for m in found], tuple(f for f, _ in forms.most_common()))
    by_key = {s.key: s for s in allowed}
    keys = frozenset(by_key) if period or unit or doc_ids else None  # (narration is left out below)
    meant = _by_meaning(library, phrase, keys, by_key)
    return TopicReport(phrase, "meaning", people, by_date([by_key[k] for k in dict.fromkeys(meant)]))


def _by_meaning(library: Library, phrase: str, keys: frozenset[str] | None, allowed: dict) -> list[str]:
    """The speeches whose passages are evidence for a term no speech mentions, by
    the answers' rule for a question that does not ask who said it: across languages only
    words count (closeness in meaning alone cannot tell a real topic from gibberish or
    another subject, and counted every speech), and a term most of whose words no speech
    holds needs the same-language meaning level. A term with no word at all (`%`, `.*[(`)
    counts nothing."""
    if not library.term_weights(phrase):
        return []
    language = language_of(phrase)
    unseen = library.unseen_share(phrase, keys)
    hits = retrieve(library, phrase, speeches=keys, k=DEPTH, by_speaker=True)
    return [
        h.speech_key
        for h in hits
        if h.speech_key in allowed and is_evidence(h, language, unseen=unseen, about_speech=False)
    ]
